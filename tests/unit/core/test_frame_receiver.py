"""The receiver delivers the screen at the size the view asked for, the picture in its place,
and converts the last frame again when that size changes while nothing new arrives."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import av
import numpy as np
import pytest
from aiortc.mediastreams import MediaStreamTrack

from assist.core import yuv
from assist.core.rtc import DecodedFrame, FrameReceiver, fit_size
from tests.helpers.waits import scaled

# Quadrants as (B, G, R): top-left red, top-right green, bottom-left blue, bottom-right white.
QUADRANTS = ((40, 40, 220), (60, 200, 40), (220, 70, 40), (240, 240, 240))


def quadrant_frame(width: int, height: int) -> av.VideoFrame:
    pixels = np.full((height, width, 4), 255, dtype=np.uint8)
    for i, bgr in enumerate(QUADRANTS):
        col, row = i % 2, i // 2
        region = pixels[row * height // 2 : (row + 1) * height // 2]
        region[:, col * width // 2 : (col + 1) * width // 2, :3] = bgr
    frame = yuv.new_i420(width, height)
    yuv.bgra_to_i420(pixels, frame)
    return frame


def assert_quadrants(decoded: DecodedFrame) -> None:
    """Each quadrant's colour sits in the middle of its quarter of the delivered picture."""
    pixels = decoded.pixels
    assert pixels.shape == (decoded.height, decoded.width, 4)
    for i, bgr in enumerate(QUADRANTS):
        col, row = i % 2, i // 2
        x = decoded.width * (2 * col + 1) // 4
        y = decoded.height * (2 * row + 1) // 4
        got = pixels[y, x, :3].astype(int)
        assert np.abs(got - bgr).max() <= 6, (i, got)


class QueueTrack(MediaStreamTrack):
    kind = "video"

    def __init__(self) -> None:
        super().__init__()
        self.frames: asyncio.Queue[av.VideoFrame] = asyncio.Queue()

    async def recv(self) -> Any:
        return await self.frames.get()


class Delivered:
    def __init__(self) -> None:
        self.frames: list[DecodedFrame] = []
        self._changed = asyncio.Event()

    def __call__(self, frame: DecodedFrame) -> None:
        self.frames.append(frame)
        self._changed.set()

    async def count(self, n: int) -> DecodedFrame:
        async with asyncio.timeout(scaled(5)):
            while len(self.frames) < n:
                self._changed.clear()
                await self._changed.wait()
        return self.frames[n - 1]


@pytest.mark.parametrize(
    ("box", "expected"),
    [((800, 800), (800, 450)), ((1000, 450), (800, 450)), ((3840, 2160), (3840, 2160))],
)
def test_fit_keeps_the_aspect_ratio_inside_the_box(
    box: tuple[int, int], expected: tuple[int, int]
) -> None:
    assert fit_size(1920, 1080, *box) == expected


async def test_frames_come_at_the_requested_size_with_the_picture_in_place() -> None:
    track, delivered = QueueTrack(), Delivered()
    receiver = FrameReceiver(track, delivered, lambda: None, target_size=(400, 300))
    try:
        track.frames.put_nowait(quadrant_frame(640, 360))
        frame = await delivered.count(1)
        assert (frame.width, frame.height) == (400, 225)
        assert (frame.source_width, frame.source_height) == (640, 360)
        assert frame.pixels.flags.c_contiguous and frame.stride == 400 * 4
        assert_quadrants(frame)

        # 1:1 asks for the screen as sent: the same frame again, though nothing new came.
        receiver.set_target_size(0, 0)
        frame = await delivered.count(2)
        assert (frame.width, frame.height) == (640, 360)
        assert_quadrants(frame)
        assert receiver.frames_received == 1
    finally:
        await receiver.stop()


async def test_the_size_can_be_set_from_another_thread() -> None:
    track, delivered = QueueTrack(), Delivered()
    receiver = FrameReceiver(track, delivered, lambda: None)
    try:
        track.frames.put_nowait(quadrant_frame(640, 360))
        assert (await delivered.count(1)).width == 640
        gui = threading.Thread(target=receiver.set_target_size, args=(320, 320))
        gui.start()
        gui.join()
        frame = await delivered.count(2)
        assert (frame.width, frame.height) == (320, 180)
        assert_quadrants(frame)
        # The next frame from the customer comes at that size too.
        track.frames.put_nowait(quadrant_frame(640, 360))
        frame = await delivered.count(3)
        assert (frame.width, frame.height) == (320, 180)
    finally:
        await receiver.stop()


def test_a_frame_not_scaled_has_its_own_size_as_source() -> None:
    frame = DecodedFrame(np.zeros((4, 6, 4), np.uint8), 6, 4, 0.0)
    assert (frame.source_width, frame.source_height) == (6, 4)
