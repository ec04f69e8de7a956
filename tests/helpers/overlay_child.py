"""The customer's guidance overlay in its own process on a test display.

Reads one guidance message (JSON) per stdin line and shows it with the product's overlay
over the screen given as ``--screen LEFT,TOP,WIDTH,HEIGHT`` (device pixels, as captured);
prints ``shown N`` once the N-th is painted and flushed to the X server, and ``covered
X,Y,W,H;...`` whenever what the overlay covers changes.
"""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from assist.core import guidance as g
from assist.core.capture import Screen
from assist.core.x11_desktop import has_compositor
from assist.customer.monitors import logical_area
from assist.customer.overlay import GuidanceOverlay


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screen", required=True)
    parser.add_argument("--name", default="Taro")
    parser.add_argument(
        "--translucent", action="store_true", help="as the product decides: with a compositor"
    )
    args = parser.parse_args()
    left, top, width, height = (int(v) for v in args.screen.split(","))
    app = QApplication([])
    area = logical_area(Screen(1, left, top, width, height))
    translucent = args.translucent and has_compositor()
    overlay = GuidanceOverlay(args.name, area, translucent=translucent)
    overlay.covered.connect(
        lambda rects: print("covered", ";".join(",".join(map(str, r)) for r in rects), flush=True)
    )
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
            overlay.show_guidance(g.parse(line))
            count += 1
            QTimer.singleShot(50, lambda shown=count: flushed(shown))

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(read)
    print("ready", "translucent" if translucent else "shaped", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
