"""Screen capture: which screens exist, grabbing them off the event loop, and the video track.

Capture happens only inside :class:`ScreenTrack` while it is live: the track is created when
the customer presses Allow and stopped on Stop, so nothing is grabbed without a live grant.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import fractions
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from assist.core.errors import AssistError, ClientErrorCode

logger = logging.getLogger(__name__)

VIDEO_CLOCK_RATE = 90000
VIDEO_TIME_BASE = fractions.Fraction(1, VIDEO_CLOCK_RATE)
DEFAULT_FPS = 15.0


@dataclass(frozen=True)
class Screen:
    """One monitor the customer can share; ``index`` counts from 1 as in mss."""

    index: int
    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Grab:
    """One captured frame, already converted for the encoder."""

    frame: av.VideoFrame
    width: int
    height: int


def check_capture_supported(env: Mapping[str, str] | None = None) -> None:
    """Raise ``AssistError`` when this desktop cannot be captured, before anything is shown.

    A Wayland session hands X11 clients only the XWayland root window, which is black for
    native Wayland windows; sharing it would show the agent a black screen, so we refuse.
    """
    env = os.environ if env is None else env
    if env.get("XDG_SESSION_TYPE") == "wayland" or (
        env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY")
    ):
        raise AssistError(ClientErrorCode.WAYLAND_UNSUPPORTED, "Wayland session")
    if not env.get("DISPLAY"):
        raise AssistError(ClientErrorCode.NO_DISPLAY, "DISPLAY is not set")


class Grabber(Protocol):
    """What the track needs from a capture backend (X11 via mss today)."""

    grab_count: int

    def screens(self) -> list[Screen]: ...

    def grab(self, screen: Screen) -> Grab: ...

    def close(self) -> None: ...


class MssGrabber:
    """Grabs X11 screens with mss. Must be used from one thread (it owns an X connection)."""

    def __init__(self) -> None:
        check_capture_supported()
        import mss

        try:
            self._mss: Any = mss.MSS()
        except Exception as exc:  # mss raises ScreenShotError, XError, OSError…
            raise AssistError(ClientErrorCode.NO_DISPLAY, str(exc)) from None
        self.grab_count = 0

    def screens(self) -> list[Screen]:
        monitors = self._mss.monitors[1:]
        return [
            Screen(i, m["left"], m["top"], m["width"], m["height"])
            for i, m in enumerate(monitors, start=1)
        ]

    def grab(self, screen: Screen) -> Grab:
        region = {
            "left": screen.left,
            "top": screen.top,
            "width": screen.width - screen.width % 2,  # yuv420p wants even sizes
            "height": screen.height - screen.height % 2,
        }
        try:
            shot = self._mss.grab(region)
        except Exception as exc:
            raise AssistError(ClientErrorCode.CAPTURE_FAILED, str(exc)) from None
        self.grab_count += 1
        pixels = np.frombuffer(shot.raw, dtype=np.uint8).reshape(shot.height, shot.width, 4)
        frame = av.VideoFrame.from_ndarray(pixels, format="bgra").reformat(format="yuv420p")
        return Grab(frame, shot.width, shot.height)

    def close(self) -> None:
        self._mss.close()


class CaptureThread:
    """A single worker thread that owns a grabber, so grabs never block the event loop."""

    def __init__(self, factory: Callable[[], Grabber] = MssGrabber) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="capture")
        try:
            self._grabber: Grabber = self._pool.submit(factory).result()
            self._closed = False
        except BaseException:
            self._pool.shutdown(wait=False)
            raise

    @property
    def grab_count(self) -> int:
        return self._grabber.grab_count

    def screens(self) -> list[Screen]:
        return self._pool.submit(self._grabber.screens).result()

    async def grab(self, screen: Screen) -> Grab:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._grabber.grab, screen)

    def close(self) -> None:
        """Release the grabber and its thread; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self._pool.submit(self._grabber.close)
        self._pool.shutdown(wait=True)


def list_screens() -> list[Screen]:
    """The screens the customer may choose from; raises ``AssistError`` when none can be."""
    capture = CaptureThread()
    try:
        return capture.screens()
    finally:
        capture.close()


class ScreenTrack(MediaStreamTrack):
    """A video track of one screen, grabbed at up to ``fps`` while live and not paused."""

    kind = "video"

    def __init__(self, capture: CaptureThread, screen: Screen, fps: float = DEFAULT_FPS) -> None:
        super().__init__()
        self.screen = screen
        self._capture = capture
        self._interval = 1.0 / fps
        self._resumed = asyncio.Event()
        self._resumed.set()
        self._start: float | None = None
        self._next_at = 0.0
        self.failure: AssistError | None = None

    @property
    def paused(self) -> bool:
        return not self._resumed.is_set()

    def pause(self) -> None:
        self._resumed.clear()

    def resume(self) -> None:
        self._resumed.set()

    async def recv(self) -> av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        await self._resumed.wait()
        now = time.monotonic()
        if self._start is None:
            self._start = self._next_at = now
        elif self._next_at > now:
            await asyncio.sleep(self._next_at - now)
        self._next_at = max(self._next_at + self._interval, time.monotonic())
        if self.readyState != "live":
            raise MediaStreamError
        try:
            grab = await self._capture.grab(self.screen)
        except AssistError as exc:
            self.failure = exc
            self.stop()
            raise MediaStreamError from None
        frame = grab.frame
        frame.pts = int((time.monotonic() - self._start) * VIDEO_CLOCK_RATE)
        frame.time_base = VIDEO_TIME_BASE
        return frame

    def stop(self) -> None:
        self._resumed.set()  # wake a paused recv so it sees the track ended
        super().stop()
