"""The customer's screen as the agent sees it: fit to the window, or 1:1 with scrolling."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollArea, QWidget

from assist.core.rtc import fit_size
from assist.qt.bridge import FrameImage


def hidden_label() -> str:
    """How the view names an area the customer hides."""
    return QCoreApplication.translate("RemoteScreenView", "Hidden by the customer")


BACKGROUND = QColor(32, 33, 36)
#: How an area the customer hides is marked: dark, hatched, outlined.
HIDDEN_FILL = QColor(40, 40, 48)
HIDDEN_HATCH = QBrush(QColor(90, 90, 110), Qt.BrushStyle.BDiagPattern)
HIDDEN_PEN = QColor(210, 210, 220)


class Tools(Protocol):
    """What the view hands mouse input to and lets paint over the screen (the agent's
    pointer and drawing tools); positions are fractions of the shared screen."""

    @property
    def active(self) -> bool: ...

    def press(self, x: float, y: float) -> None: ...

    def move(self, x: float, y: float) -> None: ...

    def release(self, x: float, y: float) -> None: ...

    def leave(self) -> None: ...

    def paint(self, painter: QPainter, area: QRect) -> None: ...


class Control(Protocol):
    """What the view hands the agent's input to while the agent controls the customer's
    computer (``assist.agent.control_input.ControlInput``)."""

    @property
    def active(self) -> bool: ...

    def press(self, x: float, y: float, button: Qt.MouseButton) -> None: ...

    def release(self, x: float, y: float, button: Qt.MouseButton) -> None: ...

    def move(self, x: float, y: float) -> None: ...

    def wheel(self, x: float, y: float, dx: int, dy: int) -> None: ...

    def key(self, key: int, modifiers: Qt.KeyboardModifier, text: str, down: bool) -> bool: ...

    def commit(self, text: str) -> None: ...


class _Canvas(QWidget):
    """Paints the view's frame. Everything it needs is worked out when the frame's size,
    the canvas or the mode changes, not per frame: each Qt call may hand the GIL to a busy
    worker thread for milliseconds, and this runs on the GUI thread for every frame."""

    def __init__(self, view: RemoteScreenView) -> None:
        super().__init__(view)
        self._view = view
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMouseTracking(True)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        view = self._view
        painter = QPainter(self)
        for strip in view.background:  # only around the picture: each pixel painted once
            painter.fillRect(strip, BACKGROUND)
        frame = view.frame
        if frame is not None:
            x, y, width, height = view.target
            if (frame.frame.width, frame.frame.height) == (width, height):
                # Delivered at the size shown (or 1:1): a plain copy, clipped by Qt to
                # the part that needs painting.
                painter.drawImage(x, y, frame.image)
            else:
                # A frame from before a resize, until one of the new size arrives.
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(QRect(x, y, width, height), frame.image)
        if view.hidden_areas and frame is not None:
            self._paint_hidden(painter, view.hidden_areas)
        if view.tools is not None and frame is not None:
            view.tools.paint(painter, QRect(*view.target))
        if view.notice:
            self._paint_notice(painter, view.notice, frame is not None)
        painter.end()

    def _paint_hidden(self, painter: QPainter, areas: list[QRect]) -> None:
        """Areas the customer hides (black in the video) marked as such, so the agent
        does not take them for a broken picture."""
        painter.save()
        painter.setPen(HIDDEN_PEN)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        for area in areas:
            painter.fillRect(area, HIDDEN_FILL)
            painter.fillRect(area, HIDDEN_HATCH)
            painter.drawRect(area.adjusted(0, 0, -1, -1))
            if area.width() > 80 and area.height() > 24:
                painter.drawText(area.adjusted(4, 4, -4, -4), flags, self._view.hidden_label)
        painter.restore()

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

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._view.canvas_resized()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._view.tool_input("press", event.position(), event.button())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._view.tool_input("move", event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._view.tool_input("release", event.position(), event.button())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if not self._view.wheel_input(event.position(), event.angleDelta()):
            super().wheelEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if self._view.tools is not None:
            self._view.tools.leave()


class RemoteScreenView(QScrollArea):
    """Shows the latest received frame; ``notice`` draws a message over it (or instead).

    Frames are best delivered at :meth:`display_size` (announced by
    ``display_size_changed``): those are painted as they are, others are scaled to fit.
    """

    #: The size to deliver frames at changed: width, height; (0, 0) means as sent.
    display_size_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame: FrameImage | None = None
        self.notice = ""
        self._one_to_one = False
        self._announced = (0, 0)
        #: Where the frame goes (x, y, width, height) and the background around it.
        self.target = (0, 0, 0, 0)
        self.background: list[QRect] = []
        #: The agent's pointer and drawing tools, if any (see :meth:`set_tools`).
        self.tools: Tools | None = None
        #: What the customer hides: (x, y, w, h) in fractions of the screen, and where
        #: that is on the canvas (worked out with the layout, not per paint).
        self.hidden: tuple[tuple[float, ...], ...] = ()
        self.hidden_areas: list[QRect] = []
        self.hidden_label = hidden_label()
        #: The agent's control of the customer's computer, if any (see :meth:`set_control`).
        self.control: Control | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
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
        self.canvas_resized()

    def display_size(self) -> tuple[int, int]:
        """The frame size painted without scaling: the visible area when fitting, (0, 0)
        (the screen as sent) in 1:1."""
        if self._one_to_one:
            return (0, 0)
        return self._canvas.width(), self._canvas.height()

    def canvas_resized(self) -> None:
        self._place()
        size = self.display_size()
        if size != self._announced:
            self._announced = size
            self.display_size_changed.emit(*size)

    @Slot(object)
    def show_frame(self, frame: FrameImage) -> None:
        old, self.frame = self.frame, frame
        if old is None or _source(old) != _source(frame):
            self._relayout()
        else:
            self._canvas.update(*self.target)  # the background around it stays as it is

    def set_tools(self, tools: Tools) -> None:
        self.tools = tools

    def update_tools(self) -> None:
        """The tools' drawing changed: repaint the screen area."""
        self._canvas.update(*self.target)
        controlling = self.control is not None and self.control.active
        drawing = self.tools is not None and self.tools.active
        crosshair = drawing and not controlling
        if crosshair == self._canvas.testAttribute(Qt.WidgetAttribute.WA_SetCursor):
            return  # as it is (this runs for every pointer move)
        if crosshair:
            self._canvas.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self._canvas.unsetCursor()

    def set_hidden(self, rects: tuple[tuple[float, ...], ...]) -> None:
        self.hidden = rects
        self._place_hidden()
        self._canvas.update(*self.target)

    def _place_hidden(self) -> None:
        x, y, width, height = self.target
        self.hidden_areas = [
            QRect(
                x + round(fx * width), y + round(fy * height), round(fw * width), round(fh * height)
            )
            for fx, fy, fw, fh in self.hidden
        ]

    def set_control(self, control: Control) -> None:
        self.control = control

    def _fraction(self, at: QPointF) -> tuple[float, float] | None:
        x, y, width, height = self.target
        if self.frame is None or not width or not height:
            return None
        return (at.x() - x) / width, (at.y() - y) / height

    def tool_input(
        self, kind: str, at: QPointF, button: Qt.MouseButton = Qt.MouseButton.LeftButton
    ) -> None:
        """Mouse input on the canvas, as a fraction of the screen (outside 0..1 beside the
        picture): to the control while the agent controls, else to the tools."""
        point = self._fraction(at)
        if point is None:
            return
        control, tools = self.control, self.tools
        if control is not None and control.active:
            if kind == "move":
                control.move(*point)
            else:
                getattr(control, kind)(*point, button)
            if kind == "press":
                self.setFocus()  # the keyboard goes to the customer too
        elif tools is not None and tools.active and button == Qt.MouseButton.LeftButton:
            getattr(tools, kind)(*point)

    def wheel_input(self, at: QPointF, angle: QPoint) -> bool:
        """Wheel steps (120 per notch) to the customer's computer; False when not taken."""
        point, control = self._fraction(at), self.control
        if point is None or control is None or not control.active:
            return False
        control.wheel(*point, round(angle.x() / 120), -round(angle.y() / 120))
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if not self._key(event, True):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if not self._key(event, False):
            super().keyReleaseEvent(event)

    def _key(self, event: QKeyEvent, down: bool) -> bool:
        control = self.control
        if control is None or not control.active:
            return False
        return control.key(event.key(), event.modifiers(), event.text(), down)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt override)
        if self.control is not None and self.control.active:
            self.control.commit(event.commitString())
        else:
            super().inputMethodEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt override)
        # Tab goes to the customer's computer while the agent controls it.
        if self.control is not None and self.control.active:
            return False
        return super().focusNextPrevChild(next)

    def set_notice(self, text: str) -> None:
        self.notice = text
        self._canvas.update()

    def clear_frame(self) -> None:
        self.frame = None
        self._relayout()

    def image_rect(self) -> QRect:
        """Where the screen is drawn, in canvas coordinates (aspect ratio always kept); it
        spans the screen as sent whatever size the frame was delivered at."""
        if self.frame is None:
            return QRect()
        source = QSize(*_source(self.frame))
        if self._one_to_one:
            return QRect(QPoint(0, 0), source)
        area = self._canvas.rect()
        # The receiver's own rule (rtc.fit_size): a frame delivered at the announced size
        # comes out exactly this size.
        if area.isEmpty():
            return QRect()
        width, height = fit_size(source.width(), source.height(), area.width(), area.height())
        return QRect((area.width() - width) // 2, (area.height() - height) // 2, width, height)

    def _relayout(self) -> None:
        if self._one_to_one and self.frame is not None:
            self.setWidgetResizable(False)
            self._canvas.resize(*_source(self.frame))
        else:
            self.setWidgetResizable(True)
        self._place()

    def _place(self) -> None:
        """Work out :attr:`target` and :attr:`background` for the canvas as it is now."""
        rect = self.image_rect()
        x, y, width, height = rect.x(), rect.y(), rect.width(), rect.height()
        self.target = (x, y, width, height)
        self._place_hidden()
        area = self._canvas.rect()
        if rect.isEmpty():
            self.background = [area]
        else:
            right, bottom = x + width, y + height
            strips = [
                QRect(0, 0, area.width(), y),
                QRect(0, bottom, area.width(), area.height() - bottom),
                QRect(0, y, x, height),
                QRect(right, y, area.width() - right, height),
            ]
            self.background = [strip for strip in strips if not strip.isEmpty()]
        self._canvas.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(960, 600)


def _source(frame: FrameImage) -> tuple[int, int]:
    return frame.frame.source_width, frame.frame.source_height
