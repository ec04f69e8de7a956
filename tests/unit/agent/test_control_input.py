"""The agent's input while controlling the customer's computer (offscreen): what reaches
the customer is what the agent did, only while control is granted and engaged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.agent.control_input import ControlInput, key_message
from assist.agent.guidance_bar import GuidanceBar
from assist.agent.guidance_tools import GuidanceTools, Mode
from assist.core import guidance as g
from signaling.protocol import Capability

NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
VIEW = frozenset({Capability.VIEW, Capability.GUIDE})
CONTROL = VIEW | {Capability.CONTROL}


def test_keys_become_names_shortcuts_or_text() -> None:
    assert key_message(Qt.Key.Key_Return, NONE, "\r", True) == g.Key(key="Return", down=True)
    assert key_message(Qt.Key.Key_Control, CTRL, "", False) == g.Key(key="Control_L", down=False)
    assert key_message(Qt.Key.Key_C, CTRL, "\x03", True) == g.Key(key="c", down=True)
    assert key_message(Qt.Key.Key_A, NONE, "a", True) == g.TypeText(text="a")
    assert key_message(Qt.Key.Key_A, NONE, "a", False) is None  # text goes once
    assert key_message(Qt.Key.Key_F5, NONE, "", True) == g.Key(key="F5", down=True)


def test_request_then_control_from_the_tool_bar(qtbot: QtBot) -> None:
    tools, control = GuidanceTools(), ControlInput()
    bar = GuidanceBar(tools, control)
    qtbot.addWidget(bar)
    sent: list[g.Guidance] = []
    control.input_made.connect(sent.append)
    bar.set_granted(VIEW)
    assert bar.request_action.isEnabled() and not bar.control_action.isVisible()
    with qtbot.waitSignal(bar.control_requested):
        bar.request_action.trigger()
    assert not bar.request_action.isEnabled()  # waiting for the customer's answer
    control.press(0.5, 0.5)
    assert sent == []  # not granted

    bar.set_granted(CONTROL)
    assert bar.control_action.isVisible() and not bar.request_action.isVisible()
    bar.mode_actions[Mode.PEN].trigger()
    bar.control_action.trigger()  # take control: the pen is put down
    assert tools.mode is Mode.OFF and control.active
    control.press(0.5, 0.5)
    assert control.key(Qt.Key.Key_Shift, NONE, "", True)
    bar.control_action.trigger()  # hand control back: what is held is let go
    assert sent == [
        g.MouseButton(x=0.5, y=0.5, button=g.Button.LEFT, down=True),
        g.Key(key="Shift_L", down=True),
        g.MouseButton(x=0.5, y=0.5, button=g.Button.LEFT, down=False),
        g.Key(key="Shift_L", down=False),
    ]
    bar.set_granted(VIEW)  # the customer stopped control
    assert not bar.control_action.isVisible() and not control.active
