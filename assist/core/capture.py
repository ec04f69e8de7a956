"""Screen capture: which screens exist, what changed on them, and the video track.

Capture happens only inside :class:`ScreenTrack` while it is live: the track is created when
the customer presses Allow and stopped on Stop, so nothing is grabbed without a live grant.

The pipeline, all off the event loop in the capture thread: the X server says which
rectangles changed (:mod:`assist.core.x11_damage`; no polling), only those are grabbed (mss,
XShm) into a kept BGRA picture of the screen and converted into a kept yuv420p frame
(:mod:`assist.core.yuv`, libyuv), and a copy of that frame is handed to the track, at most
:data:`MAX_FPS` times a second — changes in between are merged, never queued. The track sends
a frame when the screen changed, and once it has stayed still for :data:`REFINE_DELAY` keeps
sending the still picture until :data:`REFINE_SECONDS` after the change so the encoder
sharpens it, and then only every :data:`HEARTBEAT_SECONDS` (so a receiver
that asks for a keyframe gets one): a still screen costs almost nothing.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import fractions
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from assist.core import yuv
from assist.core.capture_areas import KeptAreas, Masks
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.geometry import Rect, intersection, overlaps
from assist.core.x11_damage import DamageWatcher, clip, merge
from assist.core.x11_windows import Window, WindowGeometry
from assist.core.yuv import Pixels

logger = logging.getLogger(__name__)

VIDEO_CLOCK_RATE = 90000
VIDEO_TIME_BASE = fractions.Fraction(1, VIDEO_CLOCK_RATE)
#: At most this many frames a second reach the encoder (changes in between are merged).
#: The frame rate cap a share starts with (``CustomerClient(max_fps=…)`` sets another).
MAX_FPS = 30.0
#: After the last change the still picture is sent this long, so the encoder refines it.
REFINE_SECONDS = 1.0
#: The still picture is first repeated this long after the last change: while the screen
#: moves, fresh pictures come often and a repeat would only cost the encoder and the wire.
REFINE_DELAY = 0.1
#: While nothing changes, one frame this often (a keyframe request is answered by it).
HEARTBEAT_SECONDS = 2.0
#: Where change reports are not available, the screen is grabbed whole this often.
POLL_FPS = 15.0


@dataclass(frozen=True)
class Screen:
    """One monitor the customer can share; ``index`` counts from 1 as in mss."""

    index: int
    left: int
    top: int
    width: int
    height: int

    @property
    def even_size(self) -> tuple[int, int]:
        """The size that is captured (yuv420p wants even sizes)."""
        return self.width - self.width % 2, self.height - self.height % 2


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
    """What the capture needs from a backend (X11 via mss today)."""

    grab_count: int

    def screens(self) -> list[Screen]: ...

    def grab_region(self, screen: Screen, rect: Rect) -> Pixels:
        """The BGRA pixels of ``rect`` (screen coordinates) as an h×w×4 array."""
        ...

    def changes(self, screen: Screen, timeout: float) -> list[Rect] | None:
        """The rectangles of ``screen`` changed since the last call (screen coordinates,
        even edges), waiting up to ``timeout`` for one; None when this backend cannot tell
        (then the screen is grabbed whole every 1/POLL_FPS seconds)."""
        ...

    def window_rects(self, screen: Screen, windows: frozenset[int]) -> list[Rect]:
        """Where ``windows`` (native window ids) are shown on ``screen`` now (screen
        coordinates); windows not shown, or gone, are left out."""
        ...

    def windows(self) -> list[Window]:
        """The application windows the customer may share, topmost first."""
        ...

    def window_area(self, window: Window) -> Screen | None:
        """Where ``window`` is now, on the screen (what is captured when it is shared);
        None when it was closed or hidden."""
        ...

    def covering(self, window: Window, area: Screen) -> list[Rect]:
        """The parts of ``area`` that other windows cover (``area`` coordinates)."""
        ...

    def close(self) -> None: ...


class MssGrabber:
    """Grabs X11 screens with mss (XShm) where the X server reports changes (DAMAGE). Must
    be used from one thread (it owns its X connections)."""

    def __init__(self) -> None:
        check_capture_supported()
        import mss

        try:
            self._mss: Any = mss.MSS()
        except Exception as exc:  # mss raises ScreenShotError, XError, OSError…
            raise AssistError(ClientErrorCode.NO_DISPLAY, str(exc)) from None
        self.grab_count = 0
        self._damage: DamageWatcher | None = None
        self._no_damage = False
        self._windows: WindowGeometry | None = None

    def screens(self) -> list[Screen]:
        monitors = self._mss.monitors[1:]
        return [
            Screen(i, m["left"], m["top"], m["width"], m["height"])
            for i, m in enumerate(monitors, start=1)
        ]

    def grab_region(self, screen: Screen, rect: Rect) -> Pixels:
        x, y, w, h = rect
        region = {"left": screen.left + x, "top": screen.top + y, "width": w, "height": h}
        try:
            shot = self._mss.grab(region)
        except Exception as exc:
            raise AssistError(ClientErrorCode.CAPTURE_FAILED, str(exc)) from None
        self.grab_count += 1
        return np.frombuffer(shot.raw, dtype=np.uint8).reshape(shot.height, shot.width, 4)

    def changes(self, screen: Screen, timeout: float) -> list[Rect] | None:
        watcher = self._watcher()
        if watcher is None:
            return None
        width, height = screen.even_size
        return clip(watcher.wait(timeout), screen.left, screen.top, width, height)

    def _watcher(self) -> DamageWatcher | None:
        """The server's change reports, None where it has none (then the screen is polled)."""
        if self._damage is None and not self._no_damage:
            try:
                self._damage = DamageWatcher(os.environ.get("DISPLAY"))
            except AssistError as exc:
                logger.warning("No change reports from the X server, polling: %s", exc.detail)
                self._no_damage = True
        return self._damage

    def window_rects(self, screen: Screen, windows: frozenset[int]) -> list[Rect]:
        found = self._geometry().rects(windows)
        return clip(found, screen.left, screen.top, *screen.even_size)

    def windows(self) -> list[Window]:
        return self._geometry().windows()

    def window_area(self, window: Window) -> Screen | None:
        rect = self._geometry().rect(window.id)
        if rect is None:
            return None
        desktop = self._mss.monitors[0]  # the part outside the screens cannot be grabbed
        bounds = (desktop["left"], desktop["top"], desktop["width"], desktop["height"])
        shown = intersection(rect, bounds)
        if shown is None or shown[2] < 2 or shown[3] < 2:
            return None
        return Screen(0, *shown)

    def covering(self, window: Window, area: Screen) -> list[Rect]:
        return clip(self._geometry().covering(window.id), area.left, area.top, *area.even_size)

    def _geometry(self) -> WindowGeometry:
        """Windows are followed by the reports that come with the change reports (on the
        same connection, so the layout is never older than the damage); without those
        the server is asked every time."""
        if self._windows is None:
            watcher = self._watcher()
            if watcher is None:
                self._windows = WindowGeometry.connect(os.environ.get("DISPLAY"))
            else:
                conn, root = watcher.connection, watcher.root
                self._windows = WindowGeometry(conn, root, watcher.stack)
        return self._windows

    def close(self) -> None:
        if self._windows is not None:
            self._windows.close()
        if self._damage is not None:
            self._damage.close()
        self._mss.close()


class CaptureThread:
    """A single worker thread that owns a grabber, so grabs never block the event loop."""

    def __init__(self, factory: Callable[[], Grabber] = MssGrabber) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="capture")
        self._stop = threading.Event()
        #: Clear while the share is paused: nothing is grabbed then (see pause).
        self._running = threading.Event()
        self._running.set()
        self.kept = KeptAreas()
        self.masks = Masks()
        #: What is captured now: the screen, or where the shared window is.
        self.area: Screen | None = None
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

    def pause(self) -> None:
        """Grab nothing until :meth:`resume`: a paused share is not captured at all (the
        watch notices within its quarter-second wait for changes)."""
        self._running.clear()

    def resume(self) -> None:
        """Capture again; the whole picture is taken afresh (it changed unseen meanwhile)."""
        self._running.set()

    def watch(
        self,
        target: Screen | Window,
        deliver: Callable[[av.VideoFrame], None],
        failed: Callable[[AssistError], None],
        fps: float = MAX_FPS,
    ) -> concurrent.futures.Future[None]:
        """Keep ``target`` (a screen, or a window followed as it moves) as the latest frame:
        ``deliver`` gets a fresh frame after each change, at most ``fps`` a second (called
        in the capture thread), until :meth:`close`; a failure (the window closed, too)
        ends it."""
        return self._pool.submit(self._watch, target, deliver, failed, fps)

    def windows(self) -> list[Window]:
        return self._pool.submit(self._grabber.windows).result()

    def _watch(
        self,
        target: Screen | Window,
        deliver: Callable[[av.VideoFrame], None],
        failed: Callable[[AssistError], None],
        fps: float,
    ) -> None:
        try:
            area = self._area_of(target)
            self._grabber.changes(area, timeout=0)  # report changes from before the grab
            picture = self._picture(target, area)
            deliver(picture.frame())
            interval, last = 1.0 / fps, time.monotonic()
            while not self._stop.is_set():
                changed = self._grabber.changes(area, timeout=0.25)
                if not self._running.is_set():
                    self._running.wait()
                    if self._stop.is_set():
                        break
                    self._grabber.changes(area, timeout=0)  # the fresh grab takes them in
                    changed = [picture.whole]
                if isinstance(target, Window) and self._area_of(target) != area:
                    # Moved or resized: the window is taken whole where it is now, at
                    # most ``fps`` times a second like any change.
                    time.sleep(max(0.0, last + interval - time.monotonic()))
                    area = self._area_of(target)
                    last = time.monotonic()
                    self._grabber.changes(area, timeout=0)  # the whole grab takes them in
                    picture = self._follow(target, picture, area)
                    deliver(picture.frame())
                    continue
                if changed is None:
                    time.sleep(max(0.0, last + 1.0 / POLL_FPS - time.monotonic()))
                    changed = [picture.whole]
                elif not changed and not picture.masks_moved():
                    continue
                # Merge what changes until the next frame is due, instead of queueing.
                while (left := last + interval - time.monotonic()) > 0:
                    more = self._grabber.changes(area, timeout=left)
                    changed += more or []
                # Paced from the start of each grab, so the grab's own time does not
                # lower the rate below ``fps``.
                last = time.monotonic()
                picture.update(merge(changed))
                deliver(picture.frame())
        except AssistError as exc:
            failed(exc)

    def _area_of(self, target: Screen | Window) -> Screen:
        if isinstance(target, Screen):
            return target
        area = self._grabber.window_area(target)
        if area is None:
            raise AssistError(ClientErrorCode.WINDOW_CLOSED, target.title[:80])
        return area

    def _picture(self, target: Screen | Window, area: Screen) -> ScreenPicture:
        """The picture of ``area``; for a window, what other windows cover of it is black
        (they are captured from the screen, where they lie above it)."""
        covering = None
        if isinstance(target, Window):
            grabber = self._grabber

            def covering(where: Screen) -> list[Rect]:
                return grabber.covering(target, where)

        self.area = area
        return ScreenPicture(self._grabber, area, self.kept, self.masks, covering)

    def _follow(self, target: Window, picture: ScreenPicture, area: Screen) -> ScreenPicture:
        """The window's picture where it is now: the same one moved when only its place
        changed (no new buffers), a new one when its size did."""
        self.area = area
        if area.even_size == picture.whole[2:]:
            picture.move_to(area)
            return picture
        return self._picture(target, area)

    def close(self) -> None:
        """Release the grabber and its thread; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        self._running.set()  # a paused watch wakes to see the stop
        self._pool.submit(self._grabber.close)
        self._pool.shutdown(wait=True)


class ScreenPicture:
    """The screen as it is now: a kept BGRA picture and its yuv420p conversion, updated
    from the changed rectangles only."""

    def __init__(
        self,
        grabber: Grabber,
        screen: Screen,
        kept: KeptAreas | None = None,
        masks: Masks | None = None,
        covering: Callable[[Screen], list[Rect]] | None = None,
    ) -> None:
        self._grabber, self._screen = grabber, screen
        self._kept = kept if kept is not None else KeptAreas()
        self._masks = masks if masks is not None else Masks()
        self._covering = covering
        #: What is black in the picture now (screen coordinates).
        self.masked: list[Rect] = []
        #: What of that the customer hides (the agent is told, and marks it): not what
        #: other windows cover of a shared window, which moves with every drag.
        self.hidden: list[Rect] = []
        width, height = screen.even_size
        self.whole: Rect = (0, 0, width, height)
        self._bgra = np.zeros((height, width, 4), dtype=np.uint8)
        self._i420 = yuv.new_i420(width, height)
        self.update([self.whole])

    def update(self, rects: list[Rect]) -> None:
        """Take ``rects`` from the screen: kept areas stay as they were, masked ones turn
        black; where masks moved, the screen is taken again (old place) or blacked (new)."""
        hidden, covered = self._masked_now()
        masked = hidden + covered
        if masked != self.masked:
            moved = [r for r in self.masked if r not in masked]  # the old places come back
            moved += [r for r in masked if r not in self.masked]  # the new ones go black
            rects = merge(rects + moved)
            self.masked = masked
        if hidden != self.hidden:
            self.hidden = hidden
            if self._masks.on_change is not None:
                self._masks.on_change(hidden)
        kept = self._kept.get()
        for rect in rects:
            x, y, w, h = rect
            pixels = self._grabber.grab_region(self._screen, rect)
            held = [self._hold(area) for area in overlaps(rect, kept)]
            self._bgra[y : y + h, x : x + w] = pixels[:h, :w]
            for (kx, ky, kw, kh), before in held:
                self._bgra[ky : ky + kh, kx : kx + kw] = before
            for mx, my, mw, mh in overlaps(rect, masked):
                self._bgra[my : my + mh, mx : mx + mw, :3] = 0
            yuv.bgra_to_i420(self._bgra, self._i420, rect)

    def move_to(self, screen: Screen) -> None:
        """What is captured moved (a shared window, same size): taken whole again there."""
        self._screen = screen
        self.update([self.whole])

    def masks_moved(self) -> bool:
        """Whether what is masked changed since the last update (then one is due even if
        nothing on the screen changed)."""
        hidden, covered = self._masked_now()
        return hidden + covered != self.masked

    def _masked_now(self) -> tuple[list[Rect], list[Rect]]:
        """What the customer hides, and what other windows cover of a shared window."""
        windows, areas = self._masks.snapshot()
        found = self._grabber.window_rects(self._screen, windows) if windows else []
        covered = self._covering(self._screen) if self._covering is not None else []
        width, height = self._screen.even_size
        return clip([*areas, *found], 0, 0, width, height), clip(covered, 0, 0, width, height)

    def _hold(self, area: Rect) -> tuple[Rect, Pixels]:
        x, y, w, h = area
        return area, self._bgra[y : y + h, x : x + w].copy()

    def frame(self) -> av.VideoFrame:
        """A copy for the encoder (the kept frame goes on changing)."""
        copy = yuv.new_i420(self._i420.width, self._i420.height)
        for source, target in zip(self._i420.planes, copy.planes, strict=True):
            np.frombuffer(memoryview(target), dtype=np.uint8)[:] = np.frombuffer(
                memoryview(source), dtype=np.uint8
            )
        return copy


def list_screens() -> list[Screen]:
    """The screens the customer may choose from; raises ``AssistError`` when none can be."""
    capture = CaptureThread()
    try:
        return capture.screens()
    finally:
        capture.close()


def list_windows() -> list[Window]:
    """The application windows the customer may share instead, topmost first."""
    capture = CaptureThread()
    try:
        return capture.windows()
    finally:
        capture.close()


class ScreenTrack(MediaStreamTrack):
    """The video track of one screen or window: a frame when it changed (at most ``fps`` a second),
    the still picture for a while after, then a heartbeat; nothing while paused."""

    kind = "video"

    def __init__(
        self, capture: CaptureThread, target: Screen | Window, fps: float = MAX_FPS
    ) -> None:
        super().__init__()
        #: What is shared: a screen, or a window (followed as it moves).
        self.target = target
        self._capture = capture
        self.fps = fps
        self._interval = 1.0 / fps
        self._resumed = asyncio.Event()
        self._resumed.set()
        self._changed = asyncio.Event()
        self._latest: av.VideoFrame | None = None
        self._version = self._sent_version = 0
        self._start: float | None = None
        self._last_sent = self._fresh_sent = 0.0
        self._watching: concurrent.futures.Future[None] | None = None
        self.failure: AssistError | None = None
        self.frames_sent = 0

    @property
    def paused(self) -> bool:
        return not self._resumed.is_set()

    def pause(self) -> None:
        """Send nothing and capture nothing until :meth:`resume`."""
        self._resumed.clear()
        self._capture.pause()

    def resume(self) -> None:
        self._capture.resume()
        self._resumed.set()
        self._sent_version = -1  # the picture as it is now goes out at once

    async def recv(self) -> av.VideoFrame:
        if self._watching is None:
            self._watch(asyncio.get_running_loop())
        while True:
            if self.readyState != "live":
                raise MediaStreamError
            await self._resumed.wait()
            if self.failure is not None:
                self.stop()
                raise MediaStreamError
            now = time.monotonic()
            frame = self._latest
            if frame is None:
                await self._wait_for_change(1.0)
                continue
            # A changed picture goes at once (the capture thread already keeps to the cap);
            # the still one is repeated at the frame rate while refining, then rarely.
            if self._version == self._sent_version and (wait := self._wait_time(now)) > 0:
                await self._wait_for_change(wait)
                continue
            return self._send(frame, now)

    def _wait_time(self, now: float) -> float:
        """How long until the still picture is due again (unless the screen changes)."""
        paced = max(self._last_sent + self._interval, self._fresh_sent + REFINE_DELAY) - now
        if now < self._fresh_sent + REFINE_SECONDS:
            return paced
        return max(paced, self._last_sent + HEARTBEAT_SECONDS - now)

    async def _wait_for_change(self, timeout: float) -> None:
        self._changed.clear()
        try:
            async with asyncio.timeout(timeout):
                await self._changed.wait()
        except TimeoutError:
            pass

    def _send(self, frame: av.VideoFrame, now: float) -> av.VideoFrame:
        if self._version != self._sent_version:
            self._sent_version = self._version
            self._fresh_sent = now
        if self._start is None:
            self._start = now
        self._last_sent = now
        self.frames_sent += 1
        frame.pts = int((now - self._start) * VIDEO_CLOCK_RATE)
        frame.time_base = VIDEO_TIME_BASE
        return frame

    def _watch(self, loop: asyncio.AbstractEventLoop) -> None:
        def deliver(frame: av.VideoFrame) -> None:
            loop.call_soon_threadsafe(self._arrived, frame)

        def failed(error: AssistError) -> None:
            loop.call_soon_threadsafe(self._failed, error)

        self._watching = self._capture.watch(self.target, deliver, failed, self.fps)

    def _arrived(self, frame: av.VideoFrame) -> None:
        self._latest = frame
        self._version += 1
        self._changed.set()

    def _failed(self, error: AssistError) -> None:
        self.failure = error
        self._changed.set()
        self._resumed.set()

    def hand_over(self) -> None:
        """This track was replaced on its sender: a ``recv`` under way returns the last
        picture at once, so the sender moves on to the new track without a pause (stopping
        it instead would end the sender's loop)."""
        self._sent_version = -1
        self._resumed.set()
        self._changed.set()

    def stop(self) -> None:
        self._resumed.set()  # wake a paused recv so it sees the track ended
        self._changed.set()
        super().stop()
