"""Real X input for tests (XTest), as a person's mouse would produce it."""

from __future__ import annotations

from typing import Any

import xcffib
import xcffib.xproto
import xcffib.xtest

MOTION, PRESS, RELEASE = 6, 4, 5


def click(display: str, x: int, y: int, button: int = 1) -> None:
    """Move the pointer to (x, y) on the root window and click ``button``."""
    conn: Any = xcffib.connect(display=display)  # type: ignore[no-untyped-call]
    try:
        xtest = conn(xcffib.xtest.key)
        root = conn.get_setup().roots[0].root
        xtest.FakeInput(MOTION, 0, 0, root, x, y, 0)
        xtest.FakeInput(PRESS, button, 0, root, 0, 0, 0)
        xtest.FakeInput(RELEASE, button, 0, root, 0, 0, 0)
        conn.core.GetInputFocus().reply()  # a round trip: the server has handled them
    finally:
        conn.disconnect()


def move_pointer(display: str, x: int, y: int) -> None:
    """Move the pointer the way a person's hand would (another X client than the app)."""
    conn: Any = xcffib.connect(display=display)  # type: ignore[no-untyped-call]
    try:
        xtest = conn(xcffib.xtest.key)
        root = conn.get_setup().roots[0].root
        xtest.FakeInput(MOTION, 0, 0, root, x, y, 0)
        conn.core.GetInputFocus().reply()
    finally:
        conn.disconnect()
