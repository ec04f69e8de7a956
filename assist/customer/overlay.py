"""The agent's pointer and drawings on the customer's real desktop.

One frameless window over the shared screen, above every window, that never takes the
customer's clicks or focus (X11: an empty input shape and no focus). With a compositor it is
translucent and drawings fade out; without one (plain X11) it is shaped to exactly what it
draws, so everything else on the screen stays visible and clickable.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QBitmap,
    QColor,
    QImage,
    QPainter,
    QPaintEvent,
    QRegion,
)
from PySide6.QtWidgets import QWidget

from assist.core import guidance as g
from assist.core.drawings import Drawings
from assist.qt.guidance_paint import paint_pointer, paint_shape, pointer_parts, to_pixels

#: How long a fading drawing takes to disappear at the end of its time (with a compositor).
FADE_OUT_SECONDS = 0.6
#: The grid (device pixels) the covered area is reported on: a freehand stroke covers a
#: different run of pixels on every row; on a grid it is a few dozen rectangles.
COVER_GRID = 8


class GuidanceOverlay(QWidget):
    """Shows what :meth:`show_guidance` is given over ``area`` (logical pixels)."""

    #: What it covers now and just before, as (x, y, w, h) rectangles in device pixels of
    #: the shared screen: the capture keeps the pixels there (see ``capture.KeptAreas``).
    covered = Signal(object)

    def __init__(
        self,
        agent_name: str,
        area: QRect,
        translucent: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(
            None,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.X11BypassWindowManagerHint
            | Qt.WindowType.WindowTransparentForInput
            | Qt.WindowType.WindowDoesNotAcceptFocus
            | Qt.WindowType.Tool,
        )
        self.setObjectName("guidanceOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, translucent)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, translucent)
        self.agent_name = agent_name
        self.translucent = translucent
        self._clock = clock
        self.pointer: QPointF | None = None
        self.drawn = Drawings()
        self._shapes_region = QRegion()
        self._shapes_cover = QRegion()  # the shapes' region in device pixels, on the grid
        self._covered_before = QRegion()
        self.setGeometry(area)
        self._expiry = QTimer(self)
        self._expiry.setInterval(50)
        self._expiry.timeout.connect(self.on_expiry_timeout)
        # Once the screen below has repainted, only what is covered now stays kept.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(150)
        self._settle.timeout.connect(self.on_settle_timeout)

    def show_guidance(self, message: g.Guidance) -> None:
        if isinstance(message, g.Pointer | g.PointerGone):
            before = self._pointer_rect()
            if isinstance(message, g.Pointer):
                self.pointer = to_pixels((message.x, message.y), self.width(), self.height())
            else:
                self.pointer = None
            # The dot's old and new place painted now, not at the next turn of the event
            # loop: a pointer that lags feels broken (the customer's gate bounds the rate).
            self._refresh(before.united(self._pointer_rect()))
            return
        if isinstance(message, g.Shape):
            self.drawn.add(message, self._clock())
            self._shapes_changed()
        elif isinstance(message, g.Erase):
            self.drawn.erase(message.id)
            self._shapes_changed()
        self._refresh()

    def clear(self) -> None:
        """Take everything off the screen (guidance revoked, sharing stopped)."""
        self.pointer = None
        self.drawn.erase()
        self._shapes_changed()
        self._refresh()

    @Slot()
    def on_expiry_timeout(self) -> None:
        now = self._clock()
        if self.drawn.expire(now):
            self._shapes_changed()
            self._refresh()
        elif self._fading_out(now):  # drawn paler on each tick until it goes
            self.update()

    def _fading_out(self, now: float) -> bool:
        return self.translucent and any(
            self._alpha(until, now) < 1.0 for _, until in self.drawn.items()
        )

    @Slot()
    def on_settle_timeout(self) -> None:
        self.covered.emit(_rects(self._covered_before))

    def _shapes_changed(self) -> None:
        if self.drawn.fading and not self._expiry.isActive():
            self._expiry.start()
        elif not self.drawn.fading:
            self._expiry.stop()
        self._shapes_region = self._region_of_shapes()
        # Worked out here, not for every pointer move: a stroke's region has many rows.
        self._shapes_cover = self._device_cover(self._shapes_region)

    def _region_of_shapes(self) -> QRegion:
        """Exactly the pixels the shapes cover (the window is shaped to them)."""
        if not self.drawn:
            return QRegion()
        image = QImage(self.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        for shape in self.drawn.shapes():
            paint_shape(painter, shape, self.width(), self.height())
        painter.end()
        return QRegion(QBitmap.fromImage(image.createAlphaMask()))

    def _pointer_rect(self) -> QRect:
        if self.pointer is None:
            return QRect()
        dot, tag = pointer_parts(self.pointer, self.agent_name)
        return (dot.united(tag) if tag is not None else dot).toAlignedRect().adjusted(-2, -2, 2, 2)

    def _refresh(self, at_once: QRect | None = None) -> None:
        """Reshape and repaint: ``at_once`` (this window's coordinates) now, else all of it
        when Qt next paints."""
        dot_region = QRegion()
        if self.pointer is not None:
            dot, tag = pointer_parts(self.pointer, self.agent_name)
            dot_region = QRegion(dot.toAlignedRect(), QRegion.RegionType.Ellipse)
            if tag is not None:
                dot_region = dot_region.united(QRegion(tag.toAlignedRect()))
        region = self._shapes_region.united(dot_region)
        # Reported before it is drawn, with what it covered until now: neither the old nor
        # the new place may reach the video while the screen changes under them.
        now = self._shapes_cover.united(self._device_cover(dot_region))
        self.covered.emit(_rects(now.united(self._covered_before)))
        self._covered_before = now
        self._settle.start()
        if region.isEmpty():
            self.hide()
            return
        if not self.translucent:
            self.setMask(region)
        if not self.isVisible():
            self.show()
            self.update()
        elif at_once is not None:
            self.repaint(at_once)
        else:
            self.update()

    def _device_cover(self, region: QRegion) -> QRegion:
        """``region`` (logical, this window) in device pixels, widened to the grid."""
        ratio, grid = self.devicePixelRatio(), COVER_GRID
        cover = QRegion()
        for rect in rects_of(region):
            x0 = int(rect.x() * ratio) // grid * grid
            y0 = int(rect.y() * ratio) // grid * grid
            x1 = -(-int((rect.x() + rect.width()) * ratio + 1) // grid) * grid
            y1 = -(-int((rect.y() + rect.height()) * ratio + 1) // grid) * grid
            cover = cover.united(QRect(x0, y0, x1 - x0, y1 - y0))
        return cover

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        if self.translucent:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.fillRect(self.rect(), QColor(0, 0, 0, 0))
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        now = self._clock()
        for shape, until in self.drawn.items():
            paint_shape(painter, shape, self.width(), self.height(), self._alpha(until, now))
        if self.pointer is not None:
            paint_pointer(painter, self.pointer, self.agent_name)
        painter.end()

    def _alpha(self, until: float | None, now: float) -> float:
        if until is None or not self.translucent:
            return 1.0
        return max(0.0, min(1.0, (until - now) / FADE_OUT_SECONDS))


def rects_of(region: QRegion) -> list[QRect]:
    # PySide6 iterates a QRegion's rectangles; its type stubs do not say so.
    rects: list[QRect] = list(region)  # type: ignore[call-overload]
    return rects


def _rects(region: QRegion) -> list[tuple[int, int, int, int]]:
    return [(r.x(), r.y(), r.width(), r.height()) for r in rects_of(region)]
