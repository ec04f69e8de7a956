"""How the client side reaches the X server: one connection with its root window, atoms by
name, and the keyboard mapping (used by capture, window lookup, input and the hotkey)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from assist.core.errors import AssistError, ClientErrorCode


def connect(display: str | None, code: ClientErrorCode, what: str) -> tuple[Any, int]:
    """A new connection to ``display`` (default: ``$DISPLAY``) and the root window of its
    default screen; raises ``AssistError(code)`` naming ``what`` when there is none."""
    try:
        import xcffib
        import xcffib.xproto

        conn: Any = xcffib.connect(  # type: ignore[no-untyped-call]
            display=display or os.environ.get("DISPLAY")
        )
        return conn, conn.get_setup().roots[conn.pref_screen].root
    except Exception as exc:  # no display, refused, no xcffib
        raise AssistError(code, f"{what}: {exc}") from None


def atom(conn: Any, name: str) -> int:
    atom_id: int = conn.core.InternAtom(False, len(name), name).reply().atom
    return atom_id


@dataclass(frozen=True)
class KeyboardMap:
    """The server's keyboard mapping: keysyms ``per`` keycode from keycode ``low``."""

    low: int
    high: int
    per: int
    syms: list[int]

    def of(self, keycode: int) -> list[int]:
        index = keycode - self.low
        return self.syms[index * self.per : (index + 1) * self.per]

    def find(self, keysym: int) -> int | None:
        """The first keycode that gives ``keysym`` at any level."""
        for keycode in range(self.low, self.high + 1):
            if keysym in self.of(keycode):
                return keycode
        return None


def keyboard_map(conn: Any) -> KeyboardMap:
    setup = conn.get_setup()
    low, high = setup.min_keycode, setup.max_keycode
    reply = conn.core.GetKeyboardMapping(low, high - low + 1).reply()
    return KeyboardMap(low, high, reply.keysyms_per_keycode, list(reply.keysyms))
