"""Colour conversion between 32-bit BGRA screen pixels and yuv420p frames, with libyuv.

libyuv converts a 1080p frame in about a millisecond where PyAV's swscale takes tens. When
the library is missing (no Windows or macOS build ships it yet) the same functions fall back
to swscale, slower but with the same results within a level or two. Both use BT.601 limited
range, which is what the encoder and decoder assume.

The ctypes calls release the GIL, so conversions in worker threads do not stall the GUI.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from typing import Any

import av
import numpy as np

from assist.core.geometry import Rect

logger = logging.getLogger(__name__)

Pixels = np.ndarray[Any, np.dtype[np.uint8]]

_DEBIAN_PATH = "/usr/lib/x86_64-linux-gnu/libyuv.so.0"
# libyuv's FilterMode: box averages every source pixel, which keeps downscaled text legible.
_FILTER_BOX = 3

_P = ctypes.c_void_p
_I = ctypes.c_int


def _load() -> ctypes.CDLL | None:
    for name in (ctypes.util.find_library("yuv"), _DEBIAN_PATH):
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        # libyuv names formats by 32-bit word, little-endian: "ARGB" is B, G, R, A in memory.
        lib.ARGBToI420.argtypes = [_P, _I, _P, _I, _P, _I, _P, _I, _I, _I]
        lib.I420ToARGB.argtypes = [_P, _I, _P, _I, _P, _I, _P, _I, _I, _I]
        # Three source planes (pointer, stride), the source size, three target planes,
        # the target size and the filter.
        planes: list[Any] = [_P, _I] * 3
        lib.I420Scale.argtypes = [*planes, _I, _I, *planes, _I, _I, _I]
        for function in (lib.ARGBToI420, lib.I420ToARGB, lib.I420Scale):
            function.restype = _I
        return lib
    logger.info("libyuv not found: colour conversion falls back to swscale (slower)")
    return None


_lib = _load()

#: Whether conversions go through libyuv (else through PyAV's swscale).
LIBYUV: bool = _lib is not None


def new_i420(width: int, height: int) -> av.VideoFrame:
    """A yuv420p frame of ``width``×``height`` (even) to convert into with :func:`bgra_to_i420`."""
    if width % 2 or height % 2:
        raise ValueError(f"yuv420p needs even sizes, not {width}x{height}")
    return av.VideoFrame(width, height, "yuv420p")


def bgra_to_i420(bgra: Pixels, frame: av.VideoFrame, rect: Rect | None = None) -> None:
    """Convert H×W×4 BGRA/BGRX ``bgra`` into the yuv420p ``frame`` of the same size, in place.

    With ``rect=(x, y, w, h)`` (all even, inside the frame) only that region is converted; the
    rest of ``frame`` keeps its earlier picture, so a capture that knows what changed can
    convert just that.
    """
    height, width = bgra.shape[0], bgra.shape[1]
    if (frame.width, frame.height) != (width, height) or frame.format.name != "yuv420p":
        raise ValueError(
            f"{width}x{height} pixels into a {frame.width}x{frame.height} {frame.format.name} frame"
        )
    x, y, w, h = (0, 0, width, height) if rect is None else rect
    if (x | y | w | h) % 2 or x < 0 or y < 0 or x + w > width or y + h > height:
        raise ValueError(f"rect {rect} is not an even region of {width}x{height}")
    if w == 0 or h == 0:
        return
    bgra = _rows_packed(bgra)
    if _lib is None:
        _swscale_bgra_to_i420(bgra, frame, (x, y, w, h))
        return
    planes = frame.planes
    _lib.ARGBToI420(
        bgra.ctypes.data + y * bgra.strides[0] + x * 4,
        bgra.strides[0],
        planes[0].buffer_ptr + y * planes[0].line_size + x,
        planes[0].line_size,
        planes[1].buffer_ptr + y // 2 * planes[1].line_size + x // 2,
        planes[1].line_size,
        planes[2].buffer_ptr + y // 2 * planes[2].line_size + x // 2,
        planes[2].line_size,
        w,
        h,
    )


def i420_to_bgra(
    frame: av.VideoFrame, width: int | None = None, height: int | None = None
) -> Pixels:
    """The yuv420p ``frame`` as a contiguous H×W×4 BGRX array (alpha 255), ready for a QImage.

    With ``width`` and ``height`` the picture is scaled to exactly that size (box filter);
    keeping the aspect ratio is the caller's business. Decoder frames, whose rows may be
    padded, are fine.
    """
    out_w = frame.width if width is None else width
    out_h = frame.height if height is None else height
    if out_w <= 0 or out_h <= 0:
        raise ValueError(f"cannot scale to {out_w}x{out_h}")
    if _lib is None or frame.format.name != "yuv420p":
        return _swscale_i420_to_bgra(frame, out_w, out_h)
    planes = [(p.buffer_ptr, p.line_size) for p in frame.planes]
    keep: list[Pixels] = []  # the scaled planes, alive until converted
    if (out_w, out_h) != (frame.width, frame.height):
        planes, keep = _scaled_planes(planes, frame.width, frame.height, out_w, out_h)
    out = np.empty((out_h, out_w, 4), dtype=np.uint8)
    (y, y_stride), (u, u_stride), (v, v_stride) = planes
    _lib.I420ToARGB(y, y_stride, u, u_stride, v, v_stride, out.ctypes.data, out_w * 4, out_w, out_h)
    del keep
    return out


def _scaled_planes(
    planes: list[tuple[int, int]], src_w: int, src_h: int, dst_w: int, dst_h: int
) -> tuple[list[tuple[int, int]], list[Pixels]]:
    assert _lib is not None
    chroma_w, chroma_h = (dst_w + 1) // 2, (dst_h + 1) // 2
    arrays = [
        np.empty((dst_h, dst_w), np.uint8),
        np.empty((chroma_h, chroma_w), np.uint8),
        np.empty((chroma_h, chroma_w), np.uint8),
    ]
    scaled = [(a.ctypes.data, a.shape[1]) for a in arrays]
    source = [value for plane in planes for value in plane]
    target = [value for plane in scaled for value in plane]
    _lib.I420Scale(*source, src_w, src_h, *target, dst_w, dst_h, _FILTER_BOX)
    return scaled, arrays


def _rows_packed(bgra: Pixels) -> Pixels:
    """``bgra`` itself if each row is packed pixels (rows may be padded), else a packed copy."""
    if bgra.ndim != 3 or bgra.shape[2] != 4 or bgra.dtype != np.uint8:
        raise ValueError(f"expected H×W×4 uint8 pixels, not {bgra.shape} {bgra.dtype}")
    if bgra.strides[1] == 4 and bgra.strides[2] == 1 and bgra.strides[0] >= bgra.shape[1] * 4:
        return bgra
    return np.ascontiguousarray(bgra)


def _plane_rows(frame: av.VideoFrame, index: int, rows: int) -> Pixels:
    """Plane ``index`` of ``frame`` as a writable rows × line_size array over its memory."""
    plane = frame.planes[index]
    flat = np.frombuffer(memoryview(plane), dtype=np.uint8)
    return flat[: rows * plane.line_size].reshape(rows, plane.line_size)


def _swscale_bgra_to_i420(bgra: Pixels, frame: av.VideoFrame, rect: Rect) -> None:
    x, y, w, h = rect
    region = np.ascontiguousarray(bgra[y : y + h, x : x + w])
    converted = av.VideoFrame.from_ndarray(region, format="bgra").reformat(format="yuv420p")
    for index, (px, py, pw, ph) in enumerate(
        [(x, y, w, h), (x // 2, y // 2, w // 2, h // 2), (x // 2, y // 2, w // 2, h // 2)]
    ):
        source = _plane_rows(converted, index, ph)[:, :pw]
        _plane_rows(frame, index, py + ph)[py:, px : px + pw] = source


def _swscale_i420_to_bgra(frame: av.VideoFrame, width: int, height: int) -> Pixels:
    converted = frame.reformat(width=width, height=height, format="bgra", interpolation="AREA")
    return np.ascontiguousarray(converted.to_ndarray(), dtype=np.uint8)


def bgra_to_i420_swscale(bgra: Pixels, frame: av.VideoFrame) -> None:
    """:func:`bgra_to_i420` through swscale whatever :data:`LIBYUV` says (tests, benchmark)."""
    _swscale_bgra_to_i420(_rows_packed(bgra), frame, (0, 0, bgra.shape[1], bgra.shape[0]))


def i420_to_bgra_swscale(
    frame: av.VideoFrame, width: int | None = None, height: int | None = None
) -> Pixels:
    """:func:`i420_to_bgra` through swscale whatever :data:`LIBYUV` says (tests, benchmark)."""
    return _swscale_i420_to_bgra(
        frame, frame.width if width is None else width, frame.height if height is None else height
    )
