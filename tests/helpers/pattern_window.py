"""A full-screen window painting a known test pattern; reads pattern names on stdin.

Run as a separate process on the customer's display. Prints ``shown NAME`` once the
pattern has been painted and flushed to the X server (the first, ``shown A``, once the window
is mapped: a window shown is on the screen some time later).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.helpers.patterns import PATTERNS


class PatternWindow(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.pattern = "A"
        screen = QGuiApplication.primaryScreen().geometry()
        self.setGeometry(screen)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        w, h = self.width(), self.height()
        for (col, row), rgb in PATTERNS[self.pattern].items():
            painter.fillRect(col * w // 2, row * h // 2, w // 2 + 1, h // 2 + 1, QColor(*rgb))
        painter.end()

    def show_pattern(self, name: str) -> None:
        self.pattern = name
        self.repaint()
        QApplication.processEvents()
        print(f"shown {name}", flush=True)


def main() -> None:
    app = QApplication(sys.argv)
    window = PatternWindow()
    window.show()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def on_stdin() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        window.show_pattern(line.strip())

    notifier.activated.connect(on_stdin)
    if not QTest.qWaitForWindowExposed(window, 10_000):
        sys.exit("the pattern window was never mapped")
    window.show_pattern("A")
    app.exec()


if __name__ == "__main__":
    main()
