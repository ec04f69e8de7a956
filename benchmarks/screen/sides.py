"""The two ends of the screen benchmark, each in its own process, driven by lines on stdin.

    python -m benchmarks.screen.sides agent URL naive|product     # the console (real window)
    python -m benchmarks.screen.sides customer URL naive|product

The agent side is the real console (controller, session tab, remote view) on its own X
display. For every frame that reaches the view it prints ``frame COUNTER NS`` (the stamp
the content app painted, or ``-``; NS is CLOCK_MONOTONIC in nanoseconds, comparable across
processes on this machine). Its QApplication times every event it dispatches on the GUI
thread, so the benchmark can report the longest handlers.

The customer side is the real ``CustomerClient`` capturing the X display it runs on; with
``naive`` its screen track is swapped for the baseline the product must beat: an aiortc
``VideoStreamTrack`` that grabs the whole screen with mss on the event loop every frame and
hands aiortc a BGRA frame, and both sides run aiortc as shipped (no ``media_tuning``).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from typing import Any

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError, VideoStreamTrack
from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from assist.core import events as ev
from assist.core.capture import CaptureThread, Screen, ScreenTrack
from assist.core.customer import CustomerClient
from assist.core.rtc import RtcSession
from benchmarks.screen import stamp


def say(*words: object) -> None:
    print(*words, flush=True)


# ---------------------------------------------------------------- the naive baseline


class NaiveTrack(ScreenTrack):
    """What most Python projects do: grab the whole screen on the event loop every 1/30 s
    (``VideoStreamTrack`` pacing) and let aiortc convert and encode with its defaults."""

    def __init__(self, capture: CaptureThread, screen: Screen) -> None:
        super().__init__(capture, screen)
        import mss

        self._mss = mss.MSS()
        self._region = {
            "left": screen.left,
            "top": screen.top,
            "width": screen.width,
            "height": screen.height,
        }

    async def recv(self) -> av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        await self._resumed.wait()
        # aiortc's own 30 fps pacing, as a VideoStreamTrack subclass inherits it.
        pts, time_base = await VideoStreamTrack.next_timestamp(self)  # type: ignore[arg-type]
        shot = self._mss.grab(self._region)
        pixels = np.asarray(shot)
        frame = av.VideoFrame.from_ndarray(pixels, format="bgra")
        frame.pts, frame.time_base = pts, time_base
        return frame

    def stop(self) -> None:
        super().stop()
        self._mss.close()


class NaiveCustomer(CustomerClient):
    def _screen_track(self, capture: CaptureThread, screen: Screen) -> ScreenTrack:
        return NaiveTrack(capture, screen)


# ---------------------------------------------------------------- customer process


async def customer(url: str, pipeline: str) -> None:
    kind = NaiveCustomer if pipeline == "naive" else CustomerClient
    RtcSession.tuned = pipeline != "naive"

    def emit(event: ev.Event) -> None:
        if isinstance(event, ev.Admitted):
            say("admitted")
        elif isinstance(event, ev.OperationFailed | ev.ConnectionLost):
            say("failed", event)

    client = kind(url, "Benchmark customer", emit)
    await client.connect()
    say("ok connect")
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode().strip():
        command, *args = line.split()
        if command == "join":
            await client.join(args[0])
        elif command == "allow":
            say("allow", time.monotonic_ns())
            await client.allow(1)
        elif command == "stats":
            stats = await client.stats()
            say("stats", stats.bytes_sent if stats else 0, stats.codec if stats else "-")
            continue
        elif command == "quit":
            break
        say("ok", command)
    await client.close()
    say("ok quit")


# ---------------------------------------------------------------- agent process


class TimedApplication(QApplication):
    """Times each event the GUI thread dispatches (the outermost one of nested sends)."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.durations_ns: list[int] = []
        self._depth = 0

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        self._depth += 1
        start = time.perf_counter_ns()
        try:
            return super().notify(receiver, event)
        finally:
            self._depth -= 1
            if self._depth == 0:
                self.durations_ns.append(time.perf_counter_ns() - start)


def agent(url: str, pipeline: str) -> None:
    from assist.agent.controller import AgentController
    from assist.agent.main_window import MainWindow
    from assist.agent.session_tab import SessionTab
    from assist.core.agent import AgentClient, Password
    from assist.qt.bridge import AsyncioThread, Bridge, FrameImage
    from assist.qt.gc_collector import GuiGarbageCollector
    from tests.helpers.accounts import PASSWORD

    RtcSession.tuned = pipeline != "naive"
    app = TimedApplication(sys.argv[:1])
    collector = GuiGarbageCollector(app)
    runner = AsyncioThread()
    runner.start()
    bridge = Bridge(runner)
    client = AgentClient(url, Password("taro", PASSWORD), bridge.sink)
    window = MainWindow("Taro")
    AgentController(bridge, client, window, url)
    runner.run(client.connect(), timeout=20)
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    latest: list[np.ndarray[Any, Any]] = []

    def tab() -> SessionTab:
        widget = window.tabs.widget(window.tabs.count() - 1)
        assert isinstance(widget, SessionTab)
        return widget

    def frame(_: str, image: FrameImage) -> None:
        # Runs after the console's own slot handed the frame to the view.
        now = time.monotonic_ns()
        pixels = image.frame.pixels
        latest[:] = [pixels]
        counter = stamp.decode(pixels)
        say("frame", "-" if counter is None else counter, now)

    def join_requested(_: str, join_id: str, __: str) -> None:
        QTimer.singleShot(0, lambda: next(iter(tab().waiting.values())).admit_button.click())

    def command(line: str) -> None:
        words = line.split()
        if not words:
            return
        if words[0] == "handlers":
            durations = sorted(app.durations_ns)
            app.durations_ns.clear()
            if durations:
                p99 = durations[min(len(durations) - 1, int(len(durations) * 0.99))]
                say("handlers", len(durations), p99, durations[-1])
            else:
                say("handlers", 0, 0, 0)
        elif words[0] == "snapshot" and latest:
            np.save(words[1], latest[0])
            say("ok snapshot")
        elif words[0] == "quit":
            app.quit()

    bridge.session_opened.connect(lambda _, code, __: say("code", code))
    bridge.join_requested.connect(join_requested)
    bridge.frame_arrived.connect(frame)
    notifier = _stdin_lines(app, command)
    window.new_session_action.trigger()
    app.exec()
    runner.run(client.close(), timeout=10)
    runner.stop()
    del notifier, collector
    say("ok quit")


def _stdin_lines(app: QApplication, handle: Callable[[str], None]) -> QSocketNotifier:
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, app)

    def read() -> None:
        line = sys.stdin.readline()
        if not line:
            notifier.setEnabled(False)
            app.quit()
            return
        handle(line.strip())

    notifier.activated.connect(read)
    return notifier


if __name__ == "__main__":
    role, *rest = sys.argv[1:]
    if role == "agent":
        agent(rest[0], rest[1])
    else:
        asyncio.run(customer(rest[0], rest[1]))
