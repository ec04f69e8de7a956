"""The agent's pointer and drawing tools over the customer's screen: turns mouse input on the
view (as fractions of the shared screen) into guidance messages, and keeps the agent's own
copy of what is drawn so the view shows each stroke at once."""

from __future__ import annotations

import enum
import itertools
import time
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, QTimer, Signal, Slot
from PySide6.QtGui import QPainter

from assist.agent.pacer import Pacer
from assist.core import guidance as g
from assist.core.drawings import Drawings
from assist.qt.guidance_paint import paint_pointer, paint_shape, to_pixels

#: Pointer moves go out at most this often (about once per frame of the agent's screen).
POINTER_INTERVAL = 1 / 60
#: Most points a freehand stroke keeps (thinned evenly beyond that).
PEN_POINTS = 500
#: Decimal places of a coordinate: 1/10 000 of the screen is a fifth of a pixel at 1920.
PLACES = 4


class Mode(enum.StrEnum):
    OFF = "off"
    POINTER = "pointer"
    PEN = "pen"
    ARROW = "arrow"
    RECT = "rect"
    TEXT = "text"


def rounded(x: float, y: float) -> tuple[float, float]:
    return round(float(x), PLACES), round(float(y), PLACES)


def thinned(points: list[tuple[float, float]], most: int) -> tuple[tuple[float, float], ...]:
    """At most ``most`` of ``points``, evenly spread, always keeping the last one."""
    if len(points) <= most:
        return tuple(points)
    step = (len(points) - 1) / (most - 1)
    return tuple(points[round(i * step)] for i in range(most))


class GuidanceTools(QObject):
    """What the agent is doing with the mouse on the customer's screen."""

    #: A guidance message to send to the customer (``assist.core.guidance``).
    guidance_made = Signal(object)
    #: The agent's own drawing changed: repaint the view.
    changed = Signal()

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.mode = Mode.OFF
        self.color = g.Color.RED
        self.fade = 0.0
        self.label = ""
        self.allowed = False
        self.drawn = Drawings()
        self.draft: g.Shape | None = None
        self._clock = clock
        self._prefix = uuid.uuid4().hex[:8]
        self._ids = itertools.count(1)
        self._seq = itertools.count(1)
        self._pointer_shown = False
        self._dot = (0.0, 0.0)  # where the customer's dot is (fractions of the screen)
        self._pointer = Pacer(POINTER_INTERVAL, self._send_pointer, clock, self)
        self._expiry = QTimer(self)
        self._expiry.setInterval(100)
        self._expiry.timeout.connect(self.on_expiry_timeout)

    @property
    def active(self) -> bool:
        return self.allowed and self.mode is not Mode.OFF

    def set_mode(self, mode: Mode) -> None:
        if self.mode is Mode.POINTER and mode is not Mode.POINTER:
            self.leave()
        self.mode = mode
        self.draft = None
        self.changed.emit()

    def set_allowed(self, allowed: bool) -> None:
        """The customer granted (or took back) pointing and drawing; taking it back also
        takes the drawings off the customer's screen, so they go from the view too."""
        self.allowed = allowed
        if not allowed:
            self._pointer_shown = False
            self._pointer.drop()
            self.draft = None
            self.drawn.erase()
            self.changed.emit()

    # ------------------------------------------------------------ mouse input

    def press(self, x: float, y: float) -> None:
        if not self.active or not g.inside(x, y):
            return
        point = rounded(x, y)
        if self.mode is Mode.TEXT:
            if self.label.strip():
                self._finish(self._shape(g.Tool.TEXT, (point,), self.label.strip()))
        elif self.mode in (Mode.PEN, Mode.ARROW, Mode.RECT):
            self.draft = self._shape(g.Tool(self.mode.value), (point,))
            self.changed.emit()

    def move(self, x: float, y: float) -> None:
        if not self.active:
            return
        if self.mode is Mode.POINTER:
            if g.inside(x, y):
                self._pointer.offer(x, y)
            else:
                self.leave()  # beside the picture: not on the customer's screen
        elif self.draft is not None:
            ((held_x, held_y),) = g.clamped(((x, y),))  # a stroke that leaves stops at the edge
            point = rounded(held_x, held_y)
            if self.draft.tool is g.Tool.PEN:
                points = (*self.draft.points, point)
            else:
                points = (self.draft.points[0], point)
            self.draft = self._shape(self.draft.tool, points, shape_id=self.draft.id)
            self.changed.emit()

    def release(self, x: float, y: float) -> None:
        if self.draft is None or not self.active:
            self.draft = None
            return
        self.move(x, y)  # the release point belongs to the shape
        draft, self.draft = self.draft, None
        points = list(draft.points)
        if len(set(points)) < 2:
            self.changed.emit()  # a click, not a drawing
            return
        kept = thinned(points, PEN_POINTS) if draft.tool is g.Tool.PEN else tuple(points)
        self._finish(self._shape(draft.tool, kept, shape_id=draft.id))

    def leave(self) -> None:
        """The mouse left the screen (or the pointer was turned off): the dot goes."""
        self._pointer.drop()
        if self._pointer_shown:
            self._pointer_shown = False
            self.guidance_made.emit(g.PointerGone())
            self.changed.emit()

    def clear(self) -> None:
        """Take every drawing off the customer's screen and the view."""
        self.drawn.erase()
        self.draft = None
        self.guidance_made.emit(g.Erase())
        self.changed.emit()

    def erased_by_customer(self) -> None:
        self.drawn.erase()
        self.changed.emit()

    # ------------------------------------------------------------ painting

    def paint(self, painter: QPainter, area: QRect) -> None:
        """Draw the agent's copy over the screen shown at ``area`` (view coordinates): the
        drawings, and the dot where the customer sees it (the video does not carry it: the
        capture keeps what is under the customer's overlay)."""
        dot = self._dot if self._pointer_shown and self.active else None
        if not self.drawn and self.draft is None and dot is None:
            return
        painter.save()
        painter.translate(area.topLeft())
        shapes = self.drawn.shapes()
        for shape in [*shapes, self.draft] if self.draft else shapes:
            paint_shape(painter, shape, area.width(), area.height())
        if dot is not None:
            paint_pointer(painter, to_pixels(dot, area.width(), area.height()), "")
        painter.restore()

    # ------------------------------------------------------------ inside

    def _shape(
        self,
        tool: g.Tool,
        points: tuple[tuple[float, float], ...],
        text: str = "",
        shape_id: str = "",
    ) -> g.Shape:
        return g.Shape(
            id=shape_id or f"{self._prefix}-{next(self._ids)}",
            tool=tool,
            color=self.color,
            points=points,
            text=text,
            fade=self.fade,
        )

    def _finish(self, shape: g.Shape) -> None:
        self.drawn.add(shape, self._clock())
        if self.drawn.fading and not self._expiry.isActive():
            self._expiry.start()
        self.guidance_made.emit(shape)
        self.changed.emit()

    def _send_pointer(self, x: float, y: float) -> None:
        if not (self.active and self.mode is Mode.POINTER):
            return  # held back, and the pointer was put away meanwhile
        self._pointer_shown = True
        self._dot = (x, y)
        self.changed.emit()
        px, py = rounded(x, y)
        self.guidance_made.emit(g.Pointer(seq=next(self._seq), x=px, y=py))

    @Slot()
    def on_expiry_timeout(self) -> None:
        gone = self.drawn.expire(self._clock())
        if not self.drawn.fading:
            self._expiry.stop()
        if gone:
            self.changed.emit()
