"""The customer's screen as the agent sees it: fit to the window, or 1:1 with scrolling."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QScrollArea, QWidget

from assist.qt.bridge import FrameImage


class _Canvas(QWidget):
    def __init__(self, view: RemoteScreenView) -> None:
        super().__init__(view)
        self._view = view
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(32, 33, 36))
        frame = self._view.frame
        if frame is not None:
            target = self._view.image_rect()
            if target.size() != frame.image.size():
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, frame.image)
        if self._view.notice:
            self._paint_notice(painter, self._view.notice, frame is not None)
        painter.end()

    def _paint_notice(self, painter: QPainter, text: str, over_image: bool) -> None:
        area = (
            self._view.viewport()
            .rect()
            .translated(
                self._view.horizontalScrollBar().value(), self._view.verticalScrollBar().value()
            )
        )
        if over_image:
            painter.fillRect(area, QColor(0, 0, 0, 150))
        painter.setPen(QColor(235, 235, 235))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(font)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(area.adjusted(24, 24, -24, -24), int(flags), text)


class RemoteScreenView(QScrollArea):
    """Shows the latest received frame; ``notice`` draws a message over it (or instead)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame: FrameImage | None = None
        self.notice = ""
        self._one_to_one = False
        self._canvas = _Canvas(self)
        self.setWidget(self._canvas)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setMinimumSize(320, 200)

    @property
    def one_to_one(self) -> bool:
        return self._one_to_one

    @Slot(bool)
    def set_one_to_one(self, enabled: bool) -> None:
        """1:1 shows every pixel as sent (scroll to see all); off fits the window."""
        self._one_to_one = enabled
        self._relayout()

    @Slot(object)
    def show_frame(self, frame: FrameImage) -> None:
        size_changed = self.frame is None or self.frame.image.size() != frame.image.size()
        self.frame = frame
        if size_changed:
            self._relayout()
        self._canvas.update()

    def set_notice(self, text: str) -> None:
        self.notice = text
        self._canvas.update()

    def clear_frame(self) -> None:
        self.frame = None
        self._relayout()

    def image_rect(self) -> QRect:
        """Where the frame is drawn, in canvas coordinates (aspect ratio always kept)."""
        if self.frame is None:
            return QRect()
        image = self.frame.image.size()
        if self._one_to_one:
            return QRect(0, 0, image.width(), image.height())
        area = self._canvas.rect()
        scaled = image.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (area.width() - scaled.width()) // 2
        y = (area.height() - scaled.height()) // 2
        return QRect(x, y, scaled.width(), scaled.height())

    def _relayout(self) -> None:
        if self._one_to_one and self.frame is not None:
            self.setWidgetResizable(False)
            self._canvas.resize(self.frame.image.size())
        else:
            self.setWidgetResizable(True)
        self._canvas.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(960, 600)
