"""A small bright window (a "private" application) in its own process: prints ``window ID``
(its X window id) once shown, and moves on ``move X Y`` (then prints ``moved``)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication, QWidget

COLOR = (0x20, 0xE0, 0x40)


def main() -> None:
    app = QApplication([])
    window = QWidget()
    window.setStyleSheet("background: #20e040;")
    window.setGeometry(200, 150, 320, 200)
    window.show()
    app.processEvents()
    print("window", int(window.winId()), flush=True)

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        _, x, y = line.split()
        window.move(int(x), int(y))
        app.processEvents()
        app.sync()
        print("moved", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    app.exec()


if __name__ == "__main__":
    main()
