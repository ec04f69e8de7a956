"""A picture through a real H.264 encoder and decoder, as the agent's receiver gets it
(decoder frames have padded rows: ``line_size`` wider than the picture)."""

from __future__ import annotations

import fractions
from typing import Any

import av
import numpy as np

from assist.core import yuv


def through_h264(pixels: np.ndarray[Any, Any], **options: str) -> list[av.VideoFrame]:
    """The decoded frames of the BGRA ``pixels`` encoded once with libx264 ``options``."""
    height, width = pixels.shape[:2]
    encoder = av.CodecContext.create("libx264", "w")
    encoder.width, encoder.height, encoder.pix_fmt = width, height, "yuv420p"
    encoder.time_base = fractions.Fraction(1, 30)
    encoder.options = {"tune": "zerolatency", **options}
    decoder = av.CodecContext.create("h264", "r")
    source = yuv.new_i420(width, height)
    yuv.bgra_to_i420(pixels, source)
    source.pts = 0
    frames = []
    for packet in [*encoder.encode(source), *encoder.encode(None)]:
        frames += decoder.decode(packet)
    frames += decoder.decode(None)
    return frames
