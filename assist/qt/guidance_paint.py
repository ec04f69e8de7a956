"""How guidance looks, drawn the same way on the customer's overlay and in the agent's view:
the agent's pointer (a bright dot with the agent's name) and the shapes they draw."""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from assist.core import guidance as g

POINTER_RADIUS = 11.0
POINTER_COLOR = QColor("#ff3d00")
STROKE_WIDTH = 4.0
ARROW_HEAD = 18.0
LABEL_POINTS = 14.0


def color_of(color: g.Color, alpha: float = 1.0) -> QColor:
    red, green, blue = g.COLOR_RGB[color]
    return QColor(red, green, blue, round(255 * alpha))


def to_pixels(point: tuple[float, float], width: float, height: float) -> QPointF:
    return QPointF(point[0] * width, point[1] * height)


def paint_shape(
    painter: QPainter, shape: g.Shape, width: float, height: float, alpha: float = 1.0
) -> None:
    """Draw ``shape`` on an area of ``width``×``height`` pixels."""
    points = [to_pixels(p, width, height) for p in shape.points]
    color = color_of(shape.color, alpha)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, STROKE_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if shape.tool is g.Tool.PEN:
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.drawPath(path)
    elif shape.tool is g.Tool.RECT:
        painter.drawRect(QRectF(points[0], points[-1]).normalized())
    elif shape.tool is g.Tool.ARROW:
        _arrow(painter, points[0], points[-1], color)
    else:
        _label(painter, label_rect(points[0], shape.text, width, height), shape.text, color)


def _arrow(painter: QPainter, start: QPointF, end: QPointF, color: QColor) -> None:
    painter.drawLine(start, end)
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    head = QPolygonF(
        [
            end,
            end - QPointF(math.cos(angle - 0.45), math.sin(angle - 0.45)) * ARROW_HEAD,
            end - QPointF(math.cos(angle + 0.45), math.sin(angle + 0.45)) * ARROW_HEAD,
        ]
    )
    painter.setBrush(color)
    painter.drawPolygon(head)


@functools.lru_cache(maxsize=8)
def _bold(points: float | None) -> QFont:
    """The bold font of labels (``points``) and name tags (None: the default size); one
    object each, as painters copy what they are given."""
    font = QFont()
    if points is not None:
        font.setPointSizeF(points)
    font.setBold(True)
    return font


@functools.lru_cache(maxsize=256)
def _text_box(text: str, points: float | None) -> QRectF:
    """Where ``text`` lies in :func:`_bold` ``(points)``: measured once per text, not for
    every pointer move and every painted frame (callers change only copies: ``adjusted``)."""
    return QFontMetricsF(_bold(points)).boundingRect(text)


def label_rect(at: QPointF, text: str, width: float, height: float) -> QRectF:
    """Where a text label placed at ``at`` is drawn on an area of ``width``×``height``:
    from that point, moved left and up as far as it takes to show it whole (a label
    placed near the right edge would be cut off there). The area is the agent's view of
    the screen or the customer's screen: each side keeps the label inside its own."""
    box = _text_box(text, LABEL_POINTS).adjusted(-8, -4, 8, 4)
    box.moveTopLeft(at)
    box.moveLeft(max(0.0, min(box.left(), width - box.width())))
    box.moveTop(max(0.0, min(box.top(), height - box.height())))
    return box


def _label(painter: QPainter, box: QRectF, text: str, color: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(box, 6, 6)
    painter.setFont(_bold(LABEL_POINTS))
    painter.setPen(QColor("white"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def pointer_parts(at: QPointF, name: str) -> tuple[QRectF, QRectF | None]:
    """What the pointer covers: the dot's bounding square and the name tag (if any)."""
    reach = POINTER_RADIUS + 2
    dot = QRectF(at.x() - reach, at.y() - reach, 2 * reach, 2 * reach)
    return dot, (_tag_rect(at, name) if name else None)


def _tag_rect(at: QPointF, name: str) -> QRectF:
    box = _text_box(name, None).adjusted(-6, -3, 6, 3)
    box.moveTopLeft(at + QPointF(POINTER_RADIUS + 4, POINTER_RADIUS - 2))
    return box


def paint_pointer(painter: QPainter, at: QPointF, name: str) -> None:
    """The agent's pointer: a bright dot with a white ring, and the agent's name."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("white"), 3))
    painter.setBrush(POINTER_COLOR)
    painter.drawEllipse(at, POINTER_RADIUS, POINTER_RADIUS)
    if not name:
        return
    tag = _tag_rect(at, name)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(32, 33, 36, 230))
    painter.drawRoundedRect(tag, 4, 4)
    painter.setFont(_bold(None))
    painter.setPen(QColor("white"))
    painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, name)
