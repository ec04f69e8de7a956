"""The agent's pointer and drawing tools on the remote view (offscreen): what the agent does
with the mouse becomes the guidance the customer's screen shows, in screen fractions, and
nothing goes out before the customer allows it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assist.agent.control_input import ControlInput
from assist.agent.guidance_bar import GuidanceBar
from assist.agent.guidance_tools import PEN_POINTS, GuidanceTools, Mode
from assist.core import guidance as g
from assist.core.rtc import DecodedFrame
from assist.qt.bridge import FrameImage
from assist.qt.guidance_paint import POINTER_COLOR
from assist.qt.remote_view import RemoteScreenView
from signaling.protocol import Capability

GUIDED = frozenset({Capability.VIEW, Capability.GUIDE})


class Clock:
    now = 50.0

    def __call__(self) -> float:
        return self.now


def sent(tools: GuidanceTools) -> list[g.Guidance]:
    out: list[g.Guidance] = []
    tools.guidance_made.connect(out.append)
    return out


def pick(bar: GuidanceBar, mode: Mode) -> None:
    bar.mode_actions[mode].trigger()


def test_nothing_goes_out_until_the_customer_allows_it(qtbot: QtBot) -> None:
    tools = GuidanceTools()
    bar = GuidanceBar(tools, ControlInput())
    qtbot.addWidget(bar)
    out = sent(tools)
    assert not bar.mode_actions[Mode.PEN].isEnabled() and bar.hint.text()
    tools.set_mode(Mode.ARROW)
    tools.press(0.1, 0.1)
    tools.release(0.5, 0.5)
    assert out == [] and not tools.drawn
    bar.set_granted(GUIDED)
    assert bar.mode_actions[Mode.PEN].isEnabled() and not bar.hint.text()


def test_an_arrow_in_the_chosen_colour_and_fade(qtbot: QtBot) -> None:
    tools = GuidanceTools()
    bar = GuidanceBar(tools, ControlInput())
    qtbot.addWidget(bar)
    bar.set_granted(GUIDED)
    out = sent(tools)
    pick(bar, Mode.ARROW)
    bar.color_actions[g.Color.BLUE].trigger()
    bar.fade_combo.setCurrentIndex(2)  # 10 s
    tools.press(0.1, 0.2)
    tools.move(0.2, 0.3)
    assert tools.draft is not None and out == []  # shown in the view while drawing
    tools.release(0.3, 0.4)
    assert out == [
        g.Shape(
            id=out[0].id if isinstance(out[0], g.Shape) else "",
            tool=g.Tool.ARROW,
            color=g.Color.BLUE,
            points=((0.1, 0.2), (0.3, 0.4)),
            fade=10.0,
        )
    ]
    assert list(tools.drawn) == [out[0].id]  # type: ignore[union-attr]
    tools.press(0.5, 0.5)
    tools.release(0.5, 0.5)  # a click draws nothing
    assert len(out) == 1


def test_a_long_stroke_is_thinned_to_fit_one_message(qtbot: QtBot) -> None:
    tools = GuidanceTools()
    tools.set_allowed(True)
    tools.set_mode(Mode.PEN)
    out = sent(tools)
    tools.press(0.0, 0.5)
    for i in range(1, 3000):
        tools.move(i / 3000, 0.5 + 0.3 * np.sin(i / 100))
    tools.release(1.0, 0.5)
    (shape,) = out
    assert isinstance(shape, g.Shape) and len(shape.points) == PEN_POINTS
    assert shape.points[0] == (0.0, 0.5) and shape.points[-1] == (1.0, 0.5)
    assert g.parse(g.serialize(shape)) == shape  # within the size limit


def test_pointer_moves_are_paced_and_the_last_one_arrives(qtbot: QtBot) -> None:
    clock = Clock()
    tools = GuidanceTools(clock=clock)
    tools.set_allowed(True)
    tools.set_mode(Mode.POINTER)
    out = sent(tools)
    tools.move(0.1, 0.1)
    tools.move(0.2, 0.2)  # within the same 1/60 s: held back
    tools.move(0.3, 0.3)
    assert [(m.x, m.y) for m in out if isinstance(m, g.Pointer)] == [(0.1, 0.1)]
    clock.now += 0.02
    qtbot.waitUntil(lambda: len(out) == 2)
    assert out[1] == g.Pointer(seq=2, x=0.3, y=0.3)  # where the mouse stopped
    tools.move(1.2, 0.5)  # beside the picture
    assert out[-1] == g.PointerGone()


def view_with_tools(qtbot: QtBot, mode: Mode) -> tuple[RemoteScreenView, GuidanceTools]:
    """A shown view with a black 1920x1080 screen fitted to 700x393, tools in ``mode``."""
    view = RemoteScreenView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    tools = GuidanceTools()
    tools.set_allowed(True)
    tools.set_mode(mode)
    view.set_tools(tools)
    tools.changed.connect(view.update_tools)
    view.show()
    qtbot.waitExposed(view)
    pixels = np.zeros((393, 700, 4), dtype=np.uint8)
    view.show_frame(FrameImage(DecodedFrame(pixels, 700, 393, 0.0, 1920, 1080)))
    return view, tools


def test_the_view_hands_over_fractions_of_the_screen(qtbot: QtBot) -> None:
    view, tools = view_with_tools(qtbot, Mode.RECT)
    out = sent(tools)
    rect = view.image_rect()
    canvas = view.widget()
    start = rect.topLeft() + QPoint(70, 39)  # a tenth in from the top left
    end = rect.topLeft() + QPoint(350, 196)  # the middle
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(canvas, end)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    (shape,) = out
    assert isinstance(shape, g.Shape) and shape.tool is g.Tool.RECT
    (x0, y0), (x1, y1) = shape.points
    assert abs(x0 - 0.1) < 0.01 and abs(y0 - 0.1) < 0.01
    assert abs(x1 - 0.5) < 0.01 and abs(y1 - 0.5) < 0.01
    # The agent's copy is painted over the frame at once, in the shape's colour.
    painted = view.widget().grab().toImage()
    edge = painted.pixelColor(rect.left() + 200, start.y())
    red = g.COLOR_RGB[g.Color.RED]
    assert abs(edge.red() - red[0]) < 40 and edge.green() < 100


def test_the_agent_sees_the_dot_where_the_customer_does(qtbot: QtBot) -> None:
    view, tools = view_with_tools(qtbot, Mode.POINTER)
    rect = view.image_rect()
    canvas = view.widget()

    def dot() -> tuple[int, int, int]:
        color = canvas.grab().toImage().pixelColor(rect.left() + 350, rect.top() + 196)
        return color.red(), color.green(), color.blue()

    assert dot() == (0, 0, 0)
    # Straight to the canvas: the platform's cursor is shared by every test's windows.
    at = QPointF(rect.topLeft() + QPoint(350, 196))
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        at,
        canvas.mapToGlobal(at),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, move)
    qtbot.waitUntil(lambda: dot() == POINTER_COLOR.getRgb()[:3])
