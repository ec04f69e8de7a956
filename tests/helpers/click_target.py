"""A window over all monitors that reports every click it receives (``clicked X Y``, global device
pixels); runs as its own process, standing in for the customer's applications."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

#: The colour it paints (what the screen shows where nothing is drawn over it).
COLOR = (0x60, 0x70, 0x80)


class ClickTarget(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setGeometry(QGuiApplication.primaryScreen().virtualGeometry())  # all monitors

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(*COLOR))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        at = event.globalPosition().toPoint() * self.devicePixelRatio()
        print("clicked", at.x(), at.y(), flush=True)


def main() -> None:
    app = QApplication([])
    window = ClickTarget()
    window.show()
    window.repaint()
    app.processEvents()
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
