"""The customer's side of the pointer benchmark: the real customer client and overlay on the
customer's display. Joins with the code given, shares screen 1 and prints, for every paint
of the overlay that shows a new pointer position, ``drawn SEQ ARRIVED_NS DRAWN_NS`` (the
move reached the GUI thread; its paint was on the X server). ``mode naive`` repaints the
whole overlay on every message instead of letting Qt coalesce updates."""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtGui import QGuiApplication, QPaintEvent
from PySide6.QtWidgets import QApplication

from assist.core import guidance as g
from assist.core.capture import list_screens
from assist.core.customer import CustomerClient
from assist.customer.guidance_view import GuidanceView
from assist.customer.overlay import GuidanceOverlay
from assist.qt.bridge import AsyncioThread, Bridge

STATE: dict[str, Any] = {"mode": "product", "seq": None, "arrived": 0, "shown": None}


def say(*words: object) -> None:
    print(*words, flush=True)


def instrument() -> None:
    """Time the product's overlay from the outside (its code is not changed)."""
    show, paint = GuidanceOverlay.show_guidance, GuidanceOverlay.paintEvent

    def timed_show(overlay: GuidanceOverlay, message: g.Guidance) -> None:
        if isinstance(message, g.Pointer):
            STATE["seq"], STATE["arrived"] = message.seq, time.monotonic_ns()
        show(overlay, message)
        if STATE["mode"] == "naive" and overlay.isVisible():
            overlay.repaint()  # every message painted at once, the whole window

    def timed_paint(overlay: GuidanceOverlay, event: QPaintEvent) -> None:
        paint(overlay, event)
        seq = STATE["seq"]
        if seq is not None and seq != STATE["shown"]:
            STATE["shown"] = seq
            arrived = STATE["arrived"]
            # Once this paint is flushed (after the paint event returns), wait for the X
            # server to have drawn it.
            QTimer.singleShot(0, lambda: flushed(seq, arrived))

    def flushed(seq: int, arrived: int) -> None:
        QGuiApplication.sync()
        say("drawn", seq, arrived, time.monotonic_ns())

    GuidanceOverlay.show_guidance = timed_show  # type: ignore[method-assign]
    GuidanceOverlay.paintEvent = timed_paint  # type: ignore[method-assign]


def main(url: str, code: str) -> None:
    app = QApplication(sys.argv[:1])
    instrument()
    runner = AsyncioThread()
    runner.start()
    bridge = Bridge(runner)
    client = CustomerClient(url, "Hanako", bridge.sink)
    views: list[GuidanceView] = []

    def admitted(session_id: str, agent_name: str, org_name: str) -> None:
        view = GuidanceView(bridge, session_id, agent_name)
        view.share(list_screens()[0])
        views.append(view)
        bridge.call(client.allow(1), lambda _: say("sharing"))

    def command() -> None:
        line = sys.stdin.readline().strip()
        if not line or line == "quit":
            app.quit()
        elif line.startswith("mode "):
            STATE["mode"], STATE["shown"] = line.split()[1], None
            say("ok", line)

    bridge.admitted.connect(admitted)
    runner.run(client.connect(), timeout=10)
    bridge.call(client.join(code))
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    QTimer.singleShot(0, lambda: say("ok connect"))
    app.exec()
    runner.run(client.close(), timeout=10)
    runner.stop()
    del notifier


if __name__ == "__main__":
    main(*sys.argv[1:3])
