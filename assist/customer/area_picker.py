"""The customer drags a rectangle over a still picture of the shared screen: the area to
hide from the agent. While it is open it is one of the app's own windows, so the agent sees
the whole screen hidden, not the choosing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget


class AreaPicker(QWidget):
    #: The area chosen, in this window's device pixels (x, y, width, height).
    picked = Signal(object)

    def __init__(self, area: QRect, still: QPixmap) -> None:
        super().__init__(
            None,
            Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.X11BypassWindowManagerHint,
        )
        self.setGeometry(area)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMouseTracking(True)
        self.still = still
        self.start: QPoint | None = None
        self.end: QPoint | None = None
        self.hint = self.tr("Drag over what to hide from the agent. Esc cancels.")

    def selection(self) -> QRect:
        if self.start is None or self.end is None:
            return QRect()
        x0, x1 = sorted((self.start.x(), self.end.x()))
        y0, y1 = sorted((self.start.y(), self.end.y()))
        return QRect(x0, y0, x1 - x0, y1 - y0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.drawPixmap(self.rect(), self.still)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 90))
        chosen = self.selection()
        if not chosen.isEmpty():
            painter.fillRect(chosen, QColor(20, 20, 24))
            painter.setPen(QColor("#ffd54f"))
            painter.drawRect(chosen.adjusted(0, 0, -1, -1))
        box = QRect(0, 24, self.width(), 40)
        painter.fillRect(
            box.adjusted(self.width() // 4, 0, -self.width() // 4, 0), QColor(31, 58, 95)
        )
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.hint)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.start = self.end = event.position().toPoint()
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.start is not None:
            self.end = event.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.end = event.position().toPoint()
        chosen = self.selection()
        ratio = self.devicePixelRatio()
        if chosen.width() > 4 and chosen.height() > 4:
            self.picked.emit(
                (
                    round(chosen.x() * ratio),
                    round(chosen.y() * ratio),
                    round(chosen.width() * ratio),
                    round(chosen.height() * ratio),
                )
            )
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close()
