"""The agent's control input on the customer's real X display, injected with XTest into
applications in a separate process: clicks land where the agent clicked, typed text
(Japanese included) arrives, revoking stops everything at once and leaves no button or
modifier held, and the customer's own mouse always wins."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import xcffib
import xcffib.xproto

from assist.core import guidance as g
from assist.core import keysyms
from assist.core.capture import Screen
from assist.core.injection import CUSTOMER_WINS_SECONDS, RemoteControl
from assist.core.x11_hotkey import StopHotkey
from assist.core.x11_input import X11Injector
from tests.helpers.input_target import FIELD
from tests.helpers.line_process import LineProcess
from tests.helpers.waits import scaled
from tests.helpers.xtest import move_pointer
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 720
SCREEN = Screen(1, 0, 0, WIDTH, HEIGHT)
#: X's state mask: buttons 1-3 and the Shift, Control and Alt (Mod1) modifiers.
HELD = 0x100 | 0x200 | 0x400 | 0x1 | 0x4 | 0x8


@contextmanager
def customer_desktop() -> Iterator[tuple[Display, LineProcess, RemoteControl]]:
    with xvfb(WIDTH, HEIGHT) as display:
        target = LineProcess(display, "tests.helpers.input_target")
        target.until("ready")
        control = RemoteControl(lambda: X11Injector(display.name), lambda: SCREEN)
        try:
            yield display, target, control
        finally:
            if control.live:
                control.stop().result(timeout=scaled(10))
            target.close()


def at(x: int, y: int) -> tuple[float, float]:
    """The fraction of the screen the agent's view sends for pixel (x, y)."""
    return x / (WIDTH - 1), y / (HEIGHT - 1)


def run(control: RemoteControl, *messages: g.Guidance) -> None:
    for message in messages:
        control.apply(message).result(timeout=scaled(10))


def held(display: Display) -> int:
    """Buttons and modifiers the X server has down right now."""
    conn: Any = xcffib.connect(display=display.name)  # type: ignore[no-untyped-call]
    try:
        root = conn.get_setup().roots[0].root
        return int(conn.core.QueryPointer(root).reply().mask) & HELD
    finally:
        conn.disconnect()


def click(x: int, y: int, button: g.Button = g.Button.LEFT) -> list[g.Guidance]:
    fx, fy = at(x, y)
    return [
        g.MouseMove(x=fx, y=fy),
        g.MouseButton(x=fx, y=fy, button=button, down=True),
        g.MouseButton(x=fx, y=fy, button=button, down=False),
    ]


def test_a_click_and_typed_text_reach_the_applications() -> None:
    with customer_desktop() as (display, target, control):
        run(control, *click(900, 500))
        target.until("press 900 500 left")
        target.until("release 900 500 left")
        run(control, *click(900, 500, g.Button.RIGHT))
        target.until("press 900 500 right")

        x, y, w, h = FIELD
        run(control, *click(x + w // 2, y + h // 2))  # focus the text field
        run(control, g.TypeText(text="Hello, 世界! こんにちは"))
        target.until("text " + json.dumps("Hello, 世界! こんにちは"))
        # A shortcut: Ctrl+A selects all, then typing replaces it.
        run(
            control,
            g.Key(key="Control_L", down=True),
            g.Key(key="a", down=True),
            g.Key(key="a", down=False),
            g.Key(key="Control_L", down=False),
            g.TypeText(text="済"),
        )
        target.until("text " + json.dumps("済"))
        assert held(display) == 0
        assert control.dropped == {}


def test_revoking_mid_drag_releases_everything_and_stops_input() -> None:
    with customer_desktop() as (display, target, control):
        start, end = at(300, 400), at(700, 450)
        run(
            control,
            g.Key(key="Shift_L", down=True),
            g.MouseMove(x=start[0], y=start[1]),
            g.MouseButton(x=start[0], y=start[1], button=g.Button.LEFT, down=True),
            g.MouseMove(x=end[0], y=end[1]),
        )
        target.until("press 300 400 left")
        assert held(display) & 0x100 and held(display) & 0x1  # dragging with Shift held
        control.stop().result(timeout=scaled(10))
        target.until("release 700 450 left")  # the drag ends where it was
        assert held(display) == 0  # nothing stays pressed
        before = control.injected
        control.apply(g.TypeText(text="too late"))  # queued after the revoke: not typed
        time.sleep(0.3)  # watched, not waited for: nothing is typed meanwhile
        assert control.injected == before and held(display) == 0


def test_the_customers_own_mouse_pauses_the_agent() -> None:
    with customer_desktop() as (display, target, control):
        run(control, *click(900, 500))
        target.until("release 900 500 left")
        move_pointer(display.name, 200, 600)  # the customer's hand, another process
        run(control, *click(1000, 300))
        assert control.dropped["customer_active"] > 0
        # The customer's pause is a time, not an event: it ends CUSTOMER_WINS_SECONDS after
        # the hand last moved.
        time.sleep(CUSTOMER_WINS_SECONDS + 0.2)
        run(control, *click(1000, 300))  # the customer let go: the agent goes on
        target.until("press 1000 300 left")


def test_ctrl_shift_esc_anywhere_stops_control() -> None:
    with xvfb(WIDTH, HEIGHT) as display:
        pressed = threading.Event()
        hotkey = StopHotkey(pressed.set, display.name)
        hand = X11Injector(display.name)  # the customer's own keyboard
        try:
            names = ("Control_L", "Shift_L", "Escape")
            for name in names:
                hand.key(keysyms.from_name(name) or 0, True)
            for name in reversed(names):
                hand.key(keysyms.from_name(name) or 0, False)
            hand.flush()
            assert pressed.wait(scaled(5))
        finally:
            hand.close()
            hotkey.close()
