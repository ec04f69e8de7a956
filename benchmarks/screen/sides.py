"""The two ends of the screen benchmark, each in its own process, driven by lines on stdin.

    python -m benchmarks.screen.sides agent URL PIPELINE     # the console (real window)
    python -m benchmarks.screen.sides customer URL PIPELINE

PIPELINE is ``naive-vp8``, ``naive-h264`` or ``product``.

The agent side is the real console (controller, session tab, remote view) on its own X
display. Each time the view has painted a new frame and Qt has flushed it to the X server it
prints ``frame COUNTER NS`` (the stamp the content app painted, or ``-``; NS is
CLOCK_MONOTONIC in nanoseconds, comparable across processes on this machine). Its
QApplication times every event it dispatches on the GUI thread, so the benchmark can report
the longest handlers. ``new`` opens another session (printing its ``code``).

The customer side is the real ``CustomerClient`` capturing the X display it runs on; with a
naive pipeline its screen track is swapped for the baseline the product must beat: an aiortc
``VideoStreamTrack`` that grabs the whole screen with mss on the event loop every frame and
hands aiortc a BGRA frame, and both sides run aiortc as shipped (no ``media_tuning``), with
its stock VP8 (aiortc's own first choice) or its stock H.264 offered first.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from typing import Any, Final

import av
import numpy as np
from aiortc import RTCRtpSender, RTCRtpTransceiver
from aiortc.mediastreams import MediaStreamError, VideoStreamTrack
from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from assist.core import events as ev
from assist.core.capture import CaptureThread, Screen, ScreenTrack, list_windows
from assist.core.customer import CustomerClient
from assist.core.rtc import RtcSession
from benchmarks.screen import stamp
from benchmarks.screen.content import TITLE


def say(*words: object) -> None:
    print(*words, flush=True)


class Stages:
    """Time spent per pipeline stage, by wrapping the functions that do each (the product
    code is not changed for the benchmark). ``report()`` prints ``stages NAME=TOTAL_MS/CALLS
    ...`` and starts over."""

    def __init__(self) -> None:
        self.spent: dict[str, list[int]] = {}

    def wrap(self, owner: Any, attribute: str, stage: str) -> None:
        original = getattr(owner, attribute)
        spent = self.spent.setdefault(stage, [])

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter_ns()
            try:
                return original(*args, **kwargs)
            finally:
                spent.append(time.perf_counter_ns() - start)

        setattr(owner, attribute, timed)

    def add(self, stage: str, nanoseconds: int) -> None:
        self.spent.setdefault(stage, []).append(nanoseconds)

    def report(self) -> None:
        words = []
        for stage, spent in self.spent.items():
            words.append(f"{stage}={sum(spent) / 1e6:.3f}/{len(spent)}")
            spent.clear()
        say("stages", *words)


STAGES = Stages()
#: The agent's newest decoded frame (yuv420p, full size).
DECODED: list[av.VideoFrame] = []
#: The stamp each converted frame carries (by the id of the DecodedFrame handed on).
STAMPS: dict[int, int | None] = {}
#: Stamps of frames the view painted since the last flush to the X server.
PAINTED: list[int | None] = []
PIPELINES: Final = ("naive-vp8", "naive-h264", "product")


def use_pipeline(pipeline: str) -> None:
    """aiortc as shipped for the naive pipelines (H.264 offered first for ``naive-h264``,
    with aiortc's stock encoder settings); the product's tuning for ``product``."""
    if pipeline not in PIPELINES:
        raise SystemExit(f"unknown pipeline {pipeline}")
    RtcSession.tuned = pipeline == "product"
    if pipeline == "naive-h264":

        def h264_first(self: RtcSession, transceiver: RTCRtpTransceiver) -> None:
            codecs = RTCRtpSender.getCapabilities("video").codecs
            h264 = [c for c in codecs if c.mimeType.lower() == "video/h264"]
            transceiver.setCodecPreferences(h264 + [c for c in codecs if c not in h264])

        RtcSession._prefer_h264 = h264_first  # type: ignore[method-assign]


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
        start = time.perf_counter_ns()
        shot = self._mss.grab(self._region)
        STAGES.add("capture", time.perf_counter_ns() - start)
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


#: With ``--mask``, this area (screen pixels, in the log pane) is hidden by the customer.
MASK: Final = (1400, 640, 400, 300)


async def allow(client: CustomerClient, share: str, mask: bool) -> None:
    """Share screen 1, or the content app's window; hide :data:`MASK` first if asked."""
    if mask:
        client.hide_areas([MASK])
    window = None
    if share == "window":
        windows = await asyncio.to_thread(list_windows)
        window = next(w.id for w in windows if w.title == TITLE)
    await client.allow(1, window)


async def customer(url: str, pipeline: str, share: str = "screen", mask: bool = False) -> None:
    kind = CustomerClient if pipeline == "product" else NaiveCustomer
    use_pipeline(pipeline)
    _time_customer_stages()

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
            await allow(client, share, mask)
        elif command == "stats":
            stats = await client.stats()
            say("stats", stats.bytes_sent if stats else 0, stats.codec if stats else "-")
            continue
        elif command == "stages":
            STAGES.report()
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
        #: The slowest handlers: (ns, receiver class, event type).
        self.slowest: list[tuple[int, str, str]] = []
        #: The benchmark's own objects (its stdin reader): not the console's handlers.
        self.harness: set[int] = set()
        self._depth = 0

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        self._depth += 1
        start = time.perf_counter_ns()
        try:
            return super().notify(receiver, event)
        finally:
            self._depth -= 1
            if self._depth == 0 and PAINTED:
                # The repaint that drew them has been flushed to the X server: on glass.
                now = time.monotonic_ns()
                for counter in PAINTED:
                    say("frame", "-" if counter is None else counter, now)
                PAINTED.clear()
            if self._depth == 0 and id(receiver) not in self.harness:
                spent = time.perf_counter_ns() - start
                self.durations_ns.append(spent)
                if spent > 8_000_000:
                    kind = type(receiver).__name__, event.type().name
                    self.slowest.append((spent, *kind))


def agent(url: str, pipeline: str) -> None:
    from assist.agent.controller import AgentController
    from assist.agent.main_window import MainWindow
    from assist.agent.session_tab import SessionTab
    from assist.core.agent import AgentClient, Password
    from assist.qt.application import favour_gui_thread
    from assist.qt.bridge import AsyncioThread, Bridge
    from assist.qt.gc_collector import GuiGarbageCollector
    from tests.helpers.accounts import PASSWORD

    use_pipeline(pipeline)
    _time_agent_stages()
    favour_gui_thread()  # as the console's own start-up does
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

    def tab() -> SessionTab:
        widget = window.tabs.widget(window.tabs.count() - 1)
        assert isinstance(widget, SessionTab)
        return widget

    def join_requested(_: str, join_id: str, __: str) -> None:
        QTimer.singleShot(0, lambda: next(iter(tab().waiting.values())).admit_button.click())

    def command(line: str) -> None:
        words = line.split()
        if not words:
            return
        if words[0] == "handlers":
            durations = sorted(app.durations_ns)
            app.durations_ns.clear()
            for spent, receiver, event in sorted(app.slowest, reverse=True)[:5]:
                print(f"slow handler {spent / 1e6:.1f} ms {receiver} {event}", file=sys.stderr)
            app.slowest.clear()
            if durations:
                p99 = durations[min(len(durations) - 1, int(len(durations) * 0.99))]
                say("handlers", len(durations), p99, durations[-1])
            else:
                say("handlers", 0, 0, 0)
        elif words[0] == "snapshot" and DECODED:
            from assist.core import yuv

            np.save(words[1], yuv.i420_to_bgra(DECODED[0]))
            say("ok snapshot")
        elif words[0] == "stages":
            STAGES.report()
        elif words[0] == "new":
            window.new_session_action.trigger()
        elif words[0] == "quit":
            app.quit()

    bridge.session_opened.connect(lambda _, code, __: say("code", code))
    bridge.join_requested.connect(join_requested)
    notifier = _stdin_lines(app, command)
    app.harness.add(id(notifier))
    window.new_session_action.trigger()
    app.exec()
    runner.run(client.close(), timeout=10)
    runner.stop()
    del notifier, collector
    say("ok quit")


def _time_customer_stages() -> None:
    """capture: grabbing pixels; convert: BGRA to yuv420p and the copy for the encoder (the
    naive track leaves that to the encoder, so it counts there); encode: the encoder call."""
    from aiortc.codecs.h264 import H264Encoder
    from aiortc.codecs.vpx import Vp8Encoder

    from assist.core import capture, yuv

    STAGES.wrap(capture.MssGrabber, "grab_region", "capture")
    STAGES.wrap(yuv, "bgra_to_i420", "convert")
    STAGES.wrap(capture.ScreenPicture, "frame", "convert")
    STAGES.wrap(H264Encoder, "encode", "encode")
    STAGES.wrap(Vp8Encoder, "encode", "encode")


def _time_agent_stages() -> None:
    """decode: the decoder call; convert: yuv420p to the view's BGRX; paint: the view's
    paint handler on the GUI thread."""
    from aiortc.codecs.h264 import H264Decoder
    from aiortc.codecs.vpx import Vp8Decoder

    from assist.core import rtc
    from assist.qt import remote_view

    STAGES.wrap(H264Decoder, "decode", "decode")
    STAGES.wrap(Vp8Decoder, "decode", "decode")
    STAGES.wrap(rtc, "_to_bgrx", "convert")
    timed = rtc._to_bgrx

    def keep(frame: av.VideoFrame, *args: Any) -> Any:
        DECODED[:] = [frame]  # the full decoded frame, before it is scaled for the view
        decoded = timed(frame, *args)
        # Read the stamp here, at full size: the view may get the picture scaled down.
        luma = np.frombuffer(memoryview(frame.planes[0]), dtype=np.uint8)
        rows = luma[: frame.height * frame.planes[0].line_size]
        y_plane = rows.reshape(frame.height, frame.planes[0].line_size)[:, : frame.width]
        STAMPS[id(decoded)] = stamp.decode_yuv(y_plane)
        return decoded

    rtc._to_bgrx = keep
    STAGES.wrap(remote_view._Canvas, "paintEvent", "paint")
    painted = remote_view._Canvas.paintEvent
    shown: list[object] = [None]  # the frame the view painted last (held: ids get reused)

    def paint(canvas: Any, event: Any) -> None:
        painted(canvas, event)
        frame = canvas._view.frame
        if frame is not None and frame.frame is not shown[0]:
            shown[0] = frame.frame
            PAINTED.append(STAMPS.pop(id(frame.frame), None))

    remote_view._Canvas.paintEvent = paint


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
        asyncio.run(customer(rest[0], rest[1], *rest[2:3], mask="--mask" in rest))
