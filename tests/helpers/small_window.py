"""A small window of one colour (a "private" application) in its own process.

``python -m tests.helpers.small_window X Y W H #rrggbb TITLE``: prints ``window ID`` (its
X window id) once shown; ``move X Y`` moves it (then prints ``moved``)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication, QWidget

#: The default colour and place.
COLOR = (0x20, 0xE0, 0x40)
DEFAULT = ["200", "150", "320", "200", "#20e040", "Private"]


def main(args: list[str]) -> None:
    x, y, width, height, color, title = args or DEFAULT
    app = QApplication([])
    window = QWidget()
    window.setWindowTitle(title)
    window.setStyleSheet(f"background: {color};")
    window.setGeometry(int(x), int(y), int(width), int(height))
    window.show()
    app.processEvents()
    app.sync()
    print("window", int(window.winId()), flush=True)

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        _, to_x, to_y = line.split()
        window.move(int(to_x), int(to_y))
        app.processEvents()
        app.sync()
        print("moved", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1:])
