"""Colour conversion keeps colours and places, with libyuv, on real decoder frames too."""

from __future__ import annotations

from typing import Any

import av
import numpy as np
import pytest

from assist.core import yuv
from tests.helpers.codec import through_h264

Pixels = np.ndarray[Any, np.dtype[np.uint8]]

# (B, G, R) as they sit in memory; BT.601 limited range (Y, U, V) per swscale.
COLOURS = {
    "red": ((0, 0, 255), (82, 90, 240)),
    "green": ((0, 255, 0), (145, 54, 34)),
    "blue": ((255, 0, 0), (41, 240, 110)),
    "white": ((255, 255, 255), (235, 128, 128)),
    "black": ((0, 0, 0), (16, 128, 128)),
}


def _blocks(width: int = 320, height: int = 64) -> Pixels:
    """One vertical band per colour in COLOURS, alpha 255."""
    pixels = np.zeros((height, width, 4), dtype=np.uint8)
    pixels[..., 3] = 255
    band = width // len(COLOURS)
    for i, (bgr, _) in enumerate(COLOURS.values()):
        pixels[:, i * band : (i + 1) * band, :3] = bgr
    return pixels


def _plane(frame: av.VideoFrame, index: int) -> Pixels:
    plane = frame.planes[index]
    rows = np.frombuffer(memoryview(plane), dtype=np.uint8)
    return rows[: plane.height * plane.line_size].reshape(plane.height, plane.line_size)[
        :, : plane.width
    ]


def _decoder_frame(pixels: Pixels) -> av.VideoFrame:
    """``pixels`` after a real H.264 encode and decode, as the agent receives them."""
    frames = through_h264(pixels, qp="0")
    assert len(frames) == 1
    frame = frames[0]
    assert isinstance(frame, av.VideoFrame)
    return frame


def test_libyuv_is_what_converts_here() -> None:
    # CI installs libyuv0; without it every frame costs tens of milliseconds, so a missing
    # library fails here rather than quietly slowing the product down.
    assert yuv.LIBYUV, "libyuv was not loaded: install the libyuv0 package"


def test_colours_survive_the_round_trip() -> None:
    pixels = _blocks()
    frame = yuv.new_i420(320, 64)
    yuv.bgra_to_i420(pixels, frame)
    back = yuv.i420_to_bgra(frame)
    assert back.shape == pixels.shape and back.flags.c_contiguous
    band = 320 // len(COLOURS)
    for i, (name, (bgr, (y, u, v))) in enumerate(COLOURS.items()):
        middle = i * band + band // 2
        got = back[32, middle]
        assert np.abs(got[:3].astype(int) - bgr).max() <= 4, (name, got)
        assert got[3] == 255
        # Blue and red are not swapped: the planes hold what BT.601 says for this colour.
        planes = [_plane(frame, 0)[32, middle], _plane(frame, 1)[16, middle // 2]]
        planes.append(_plane(frame, 2)[16, middle // 2])
        assert np.abs(np.array(planes, dtype=int) - (y, u, v)).max() <= 2, (name, planes)


def test_libyuv_and_swscale_agree() -> None:
    # Smooth gradients: on noise the two subsample chroma differently (both are fine).
    rows, columns = np.mgrid[0:90, 0:160]
    pixels = np.stack([columns * 255 // 159, rows * 255 // 89, 255 - columns * 255 // 159], -1)
    pixels = np.dstack([pixels, np.full((90, 160), 255)]).astype(np.uint8)
    ours, theirs = yuv.new_i420(160, 90), yuv.new_i420(160, 90)
    yuv.bgra_to_i420(pixels, ours)
    yuv.bgra_to_i420_swscale(pixels, theirs)
    for index in range(3):
        difference = _plane(ours, index).astype(int) - _plane(theirs, index)
        assert np.abs(difference).max() <= 2
    difference = yuv.i420_to_bgra(ours).astype(int) - yuv.i420_to_bgra_swscale(ours)
    assert np.abs(difference).max() <= 3


@pytest.mark.parametrize("use_libyuv", [True, False], ids=["libyuv", "swscale"])
def test_a_region_update_changes_only_that_region(
    use_libyuv: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not use_libyuv:
        monkeypatch.setattr(yuv, "_lib", None)
    pixels = _blocks()
    frame = yuv.new_i420(320, 64)
    yuv.bgra_to_i420(pixels, frame)
    before = [_plane(frame, i).copy() for i in range(3)]
    pixels[...] = (255, 255, 255, 255)  # everything changes, only the rect is converted
    x, y, w, h = 40, 10, 100, 30
    yuv.bgra_to_i420(pixels, frame, (x, y, w, h))
    for index, scale in enumerate((1, 2, 2)):
        after = _plane(frame, index)
        inside = np.zeros(after.shape, dtype=bool)
        inside[y // scale : (y + h) // scale, x // scale : (x + w) // scale] = True
        assert np.array_equal(after[~inside], before[index][~inside])
        white = 235 if index == 0 else 128
        assert np.abs(after[inside].astype(int) - white).max() <= 1


def test_a_region_must_be_even_and_inside() -> None:
    frame = yuv.new_i420(64, 32)
    pixels = np.zeros((32, 64, 4), dtype=np.uint8)
    for rect in [(1, 0, 10, 10), (0, 0, 66, 10), (0, 30, 10, 4)]:
        with pytest.raises(ValueError):
            yuv.bgra_to_i420(pixels, frame, rect)


def test_padded_source_rows_are_read_as_rows() -> None:
    wide = _blocks(400, 64)
    pixels = wide[:, :320]  # rows 1600 bytes apart, as a capture buffer with padding
    frame = yuv.new_i420(320, 64)
    yuv.bgra_to_i420(pixels, frame)
    assert np.abs(yuv.i420_to_bgra(frame).astype(int) - pixels).max() <= 4


@pytest.mark.parametrize("use_libyuv", [True, False], ids=["libyuv", "swscale"])
def test_decoder_frames_with_padded_rows(use_libyuv: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    pixels = _blocks(202, 98)
    frame = _decoder_frame(pixels)
    assert frame.planes[0].line_size > frame.width  # the case this test is about
    if not use_libyuv:
        monkeypatch.setattr(yuv, "_lib", None)
    back = yuv.i420_to_bgra(frame)
    assert back.shape == (98, 202, 4)
    assert back.flags.c_contiguous
    band = 202 // len(COLOURS)
    for i, (bgr, _) in enumerate(COLOURS.values()):
        got = back[49, i * band + band // 2, :3]
        assert np.abs(got.astype(int) - bgr).max() <= 6


@pytest.mark.parametrize("use_libyuv", [True, False], ids=["libyuv", "swscale"])
def test_scaling_keeps_a_block_in_its_place(
    use_libyuv: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not use_libyuv:
        monkeypatch.setattr(yuv, "_lib", None)
    pixels = np.zeros((400, 800, 4), dtype=np.uint8)
    pixels[..., 3] = 255
    pixels[100:200, 200:400, :3] = 255  # white block, black around it
    frame = yuv.new_i420(800, 400)
    yuv.bgra_to_i420(pixels, frame)
    small = yuv.i420_to_bgra(frame, 301, 150)  # odd width too
    assert small.shape == (150, 301, 4)
    # The block maps to x 75..150, y 37.5..75; look inside it and well outside it.
    assert small[45:70, 80:145, :3].min() >= 250
    assert small[:30, :, :3].max() <= 5
    assert small[85:, :, :3].max() <= 5
    assert small[:, :65, :3].max() <= 5
    assert small[:, 160:, :3].max() <= 5
    assert (small[..., 3] == 255).all()


def test_new_frames_need_even_sizes() -> None:
    frame = yuv.new_i420(1920, 1080)
    assert (frame.width, frame.height, frame.format.name) == (1920, 1080, "yuv420p")
    with pytest.raises(ValueError):
        yuv.new_i420(1919, 1080)
