"""The customer's guidance in its own process on a test display, as the customer app shows it.

Reads one guidance message (JSON) per stdin line and hands it to the product's
``GuidanceView``, which puts the overlay over what is shared: the screen given as ``--screen
LEFT,TOP,WIDTH,HEIGHT`` (device pixels, as captured), or with ``--window`` a window there
(the overlay goes on the monitor that shows it; a line ``area X,Y,W,H`` moves that window).
Prints ``shown N`` once the N-th message is painted and flushed to the X server, and
``covered X,Y,W,H;...`` whenever what the overlay covers changes (in the capture's
coordinates, as the capture is told).
"""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from assist.core import events as ev
from assist.core import guidance as g
from assist.core.capture import Screen
from assist.core.geometry import Rect
from assist.core.x11_desktop import has_compositor
from assist.customer.guidance_view import GuidanceView
from assist.qt.bridge import AsyncioThread, Bridge

SESSION = "s1"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screen", required=True)
    parser.add_argument("--window", action="store_true", help="a window is shared there")
    parser.add_argument("--name", default="Taro")
    args = parser.parse_args()
    left, top, width, height = (int(v) for v in args.screen.split(","))
    app = QApplication([])
    runner = AsyncioThread()
    runner.start()
    bridge = Bridge(runner)
    where = [Screen(0 if args.window else 1, left, top, width, height)]
    shared = where[0]

    def kept(rects: list[Rect]) -> None:
        print("covered", ";".join(",".join(map(str, r)) for r in rects), flush=True)

    view = GuidanceView(bridge, SESSION, args.name, keep=kept, area=lambda: where[0])
    view.share(None if args.window else shared)
    count = 0

    def flushed(shown: int) -> None:
        app.processEvents()
        app.sync()  # the X server has drawn what the overlay painted
        print("shown", shown, flush=True)

    pending = b""

    def read() -> None:
        # Everything waiting on stdin, line by line (a buffered readline would keep the
        # second of two lines sent together where the notifier never sees it).
        nonlocal count, pending
        data = os.read(sys.stdin.fileno(), 1 << 16)
        if not data:
            app.quit()
            return
        pending += data
        *lines, pending = pending.split(b"\n")
        for line in lines:
            if line.startswith(b"area "):  # the shared window moved there
                where[0] = Screen(0, *(int(v) for v in line.split()[1].split(b",")))
                continue
            bridge.deliver(ev.GuidanceArrived(SESSION, g.parse(line)))
            count += 1
            QTimer.singleShot(50, lambda shown=count: flushed(shown))

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(read)
    print("ready", "translucent" if has_compositor() else "shaped", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
