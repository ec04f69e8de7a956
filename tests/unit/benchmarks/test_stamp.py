"""The frame counter stamped on the shared screen reads back exactly, through the lossy codecs
the product sends the screen with, and a damaged or missing stamp reads as None, never as a
wrong number."""

from __future__ import annotations

import fractions
import itertools
import time
from collections.abc import Iterator
from typing import Literal

import av
import numpy as np
import pytest

from benchmarks.screen import stamp

W, H = 1920, 1080
X0, Y0, SW, SH = stamp.STAMP_RECT


def text_like(rng: np.random.Generator, height: int) -> np.ndarray:
    """A grey page of small dark 'glyphs': 9-pixel-high lines of ink runs every 16 pixels, the
    kind of fine detail a screen-sharing encoder starves on."""
    page = np.full((height, W), 236, dtype=np.uint8)
    ink = rng.random((height // 16, W)) < 0.38
    ink &= np.roll(ink, 1, axis=1) | (rng.random(ink.shape) < 0.5)  # runs, like strokes
    shade = rng.integers(20, 110, ink.shape, dtype=np.uint8)
    for row in range(9):
        page[3 + row :: 16][: ink.shape[0]][ink] = shade[ink]
    return page


def paint(bgra: np.ndarray, counter: int) -> np.ndarray:
    for x, y, w, h, white in stamp.blocks(counter):
        bgra[y : y + h, x : x + w, :3] = 255 if white else 0
    return bgra


def frame_of(grey: np.ndarray) -> np.ndarray:
    bgra = np.empty((*grey.shape, 4), dtype=np.uint8)
    bgra[..., :3] = grey[..., None]
    bgra[..., 3] = 255
    return bgra


def small_frame(counter: int) -> np.ndarray:
    """Just enough screen for the stamp, on mid-grey."""
    return paint(np.full((Y0 + SH + 8, X0 + SW + 8, 4), 128, dtype=np.uint8), counter)


# --- Round trips. --------------------------------------------------------------------------


def test_the_layout_is_two_rows_of_flat_blocks_inside_the_stamp_rect() -> None:
    rects = stamp.blocks(0x123456)
    assert len(rects) == 2 * 34
    assert all(w == h == 16 for _, _, w, h, _ in rects)
    assert {(x, y) for x, y, *_ in rects} == {
        (X0 + 16 * col, Y0 + 16 * row) for col in range(34) for row in range(2)
    }
    assert (X0 + 34 * 16, Y0 + 32) == (X0 + SW, Y0 + SH)
    white = {(x, y): is_white for x, y, _, _, is_white in rects}
    assert white[(X0, Y0)] and not white[(X0 + 33 * 16, Y0)]  # start and end markers
    assert all(white[(x, Y0)] != white[(x, Y0 + 16)] for x in range(X0, X0 + SW, 16))


@pytest.mark.parametrize("seed", range(3))
def test_counters_round_trip_on_a_full_screen_frame(seed: int) -> None:
    rng = np.random.default_rng(seed)
    frame = frame_of(text_like(rng, H))
    counters = [0, 1, 2, 255, 256, 0x7FFFFF, 0xFFFFFF, *rng.integers(0, 1 << 24, 300)]
    for counter in counters:
        paint(frame, int(counter))
        assert stamp.decode(frame) == counter
        assert stamp.decode_yuv(np.ascontiguousarray(frame[..., 1])) == counter


def test_counters_wrap_at_2_to_the_24() -> None:
    assert stamp.decode(small_frame((1 << 24) + 5)) == 5


def test_limited_range_luma_reads_too() -> None:
    frame = small_frame(4242)
    y_plane = (16 + frame[..., 1].astype(np.uint16) * 219 // 255).astype(np.uint8)
    assert stamp.decode_yuv(y_plane) == 4242


def test_decoding_touches_only_the_stamp_and_is_fast() -> None:
    frame = frame_of(text_like(np.random.default_rng(5), H))
    paint(frame, 777)
    luma = np.ascontiguousarray(frame[..., 1])
    for decode, pixels in ((stamp.decode, frame), (stamp.decode_yuv, luma)):
        best = min(_timed(decode, pixels) for _ in range(200))
        assert best < 0.2e-3, f"{decode.__name__} took {best * 1e3:.3f} ms"


def _timed(decode: object, pixels: np.ndarray) -> float:
    assert callable(decode)
    start = time.perf_counter()
    assert decode(pixels) == 777
    return time.perf_counter() - start


# --- Through the codecs. -------------------------------------------------------------------


def video_codec(name: str, mode: Literal["r", "w"]) -> av.VideoCodecContext:
    codec = av.CodecContext.create(name, mode)
    assert isinstance(codec, av.VideoCodecContext)
    return codec


def encoder(name: str, bit_rate: int) -> av.VideoCodecContext:
    codec = video_codec(name, "w")
    codec.width, codec.height, codec.pix_fmt = W, H, "yuv420p"
    codec.bit_rate = bit_rate
    codec.time_base = fractions.Fraction(1, 30)
    codec.framerate = fractions.Fraction(30, 1)
    if name == "libx264":
        codec.options = {"preset": "ultrafast", "tune": "zerolatency"}
    else:  # as aiortc's VP8 encoder sets libvpx up: real time, constant bit rate, no lag
        codec.gop_size, codec.qmin, codec.qmax = 3000, 2, 56
        codec.options = {
            "deadline": "realtime",
            "cpu-used": "-6",
            "lag-in-frames": "0",
            "bufsize": str(bit_rate),
            "minrate": str(bit_rate),
            "maxrate": str(bit_rate),
            "static-thresh": "1",
            "noise-sensitivity": "4",
            "undershoot-pct": "100",
            "overshoot-pct": "15",
        }
    return codec


def scrolled_frames(counters: list[int]) -> Iterator[np.ndarray]:
    """Text scrolling 3 px a frame under a new stamp each frame: every frame has work for the
    encoder all over the screen, the stamp included."""
    page = text_like(np.random.default_rng(11), H + 3 * len(counters))
    for i, counter in enumerate(counters):
        yield paint(frame_of(page[3 * i : 3 * i + H]), counter)


@pytest.mark.parametrize(
    ("encoder_name", "decoder_name", "bit_rate"),
    [("libx264", "h264", 2_000_000), ("libvpx", "vp8", 1_500_000)],
)
def test_the_stamp_survives_the_real_time_encoders(
    encoder_name: str, decoder_name: str, bit_rate: int
) -> None:
    counters = [1000, 1001, 1002, 1003, 4095, 4096, 0xABCDEF, 0xABCDF0]
    encode = encoder(encoder_name, bit_rate)
    decode = video_codec(decoder_name, "r")
    read: list[int | None] = []
    read_yuv: list[int | None] = []
    for pts, pixels in enumerate(scrolled_frames(counters)):
        frame = av.VideoFrame.from_ndarray(pixels, format="bgra").reformat(format="yuv420p")
        frame.pts = pts
        for packet in encode.encode(frame):
            for out in decode.decode(packet):
                read.append(stamp.decode(out.to_ndarray(format="bgra")))
                read_yuv.append(stamp.decode_yuv(out.to_ndarray()[:H]))
    assert read == counters
    assert read_yuv == counters


# --- Never a wrong number. -----------------------------------------------------------------


@pytest.mark.parametrize("seed", range(20))
def test_screens_without_a_stamp_read_as_none(seed: int) -> None:
    rng = np.random.default_rng(seed)
    assert stamp.decode(frame_of(text_like(rng, H))) is None
    noise = rng.integers(0, 256, (H, W, 4), dtype=np.uint8)
    assert stamp.decode(noise) is None
    blocky = np.repeat(np.repeat(rng.random((H // 16, W // 16)) < 0.5, 16, 0), 16, 1)
    assert stamp.decode(frame_of(np.where(blocky, 255, 0).astype(np.uint8))) is None
    assert stamp.decode_yuv(np.where(blocky, 235, 16).astype(np.uint8)) is None


def test_flat_and_too_small_frames_read_as_none() -> None:
    assert stamp.decode(np.zeros((H, W, 4), dtype=np.uint8)) is None
    assert stamp.decode(np.full((H, W, 4), 255, dtype=np.uint8)) is None
    assert stamp.decode(small_frame(9)[:-9]) is None
    assert stamp.decode_yuv(small_frame(9)[..., 1][:, :-9]) is None


def _set_column(frame: np.ndarray, col: int, white: bool) -> None:
    """Paint one column as a valid-looking but different bit (row 1 still row 0 inverted)."""
    x = X0 + 16 * col
    frame[Y0 : Y0 + 16, x : x + 16, :3] = 255 if white else 0
    frame[Y0 + 16 : Y0 + 32, x : x + 16, :3] = 0 if white else 255


def _column_white(frame: np.ndarray, col: int) -> bool:
    return bool(frame[Y0 + 8, X0 + 16 * col + 8, 0] > 128)


@pytest.mark.parametrize("counter", [0, 1, 0x5A5A5A, 0xFFFFFF])
def test_one_or_two_flipped_bits_read_as_none(counter: int) -> None:
    """Markers catch a flipped marker; CRC-8 (poly 0x07) catches any 1 or 2 flipped data or
    check bits of the 32, so a stamp half old and half new cannot pass for another number."""
    for flips in itertools.chain(
        itertools.combinations(range(34), 1), itertools.combinations(range(34), 2)
    ):
        frame = small_frame(counter)
        for col in flips:
            _set_column(frame, col, not _column_white(frame, col))
        assert stamp.decode(frame) is None, flips


@pytest.mark.parametrize("level", [100, 128, 150])
def test_a_smeared_block_reads_as_none(level: int) -> None:
    for col, row in [(0, 0), (5, 1), (20, 0), (33, 1)]:
        frame = small_frame(123456)
        x, y = X0 + 16 * col, Y0 + 16 * row
        frame[y + 4 : y + 12, x + 4 : x + 12, :3] = level
        assert stamp.decode(frame) is None


def test_rows_that_do_not_mirror_each_other_read_as_none() -> None:
    frame = small_frame(123456)
    frame[Y0 + 16 : Y0 + 32] = frame[Y0 : Y0 + 16]
    assert stamp.decode(frame) is None
