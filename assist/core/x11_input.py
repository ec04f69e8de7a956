"""Input injection on X11 with XTest: the mouse and keyboard events the agent's control
sends, as if from the customer's own devices.

Any Unicode text can be typed without an input method: a character whose keysym the
keyboard mapping lacks is given a spare keycode for the moment (as xdotool does). Windows
(SendInput, with KEYEVENTF_UNICODE for text) and macOS (CGEventPost, with
CGEventKeyboardSetUnicodeString) will implement the same :class:`~assist.core.injection.
Injector` interface. Must be used from one thread (it owns its X connection).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict

from assist.core import keysyms, x11
from assist.core.errors import AssistError, ClientErrorCode

logger = logging.getLogger(__name__)

KEY_PRESS, KEY_RELEASE, BUTTON_PRESS, BUTTON_RELEASE, MOTION = 2, 3, 4, 5, 6
#: X button numbers: 4/5 wheel up/down, 6/7 left/right.
BUTTONS = {"left": 1, "middle": 2, "right": 3}
WHEEL = {"up": 4, "down": 5, "left": 6, "right": 7}
#: Most spare keycodes taken for characters the mapping lacks, in turn.
SPARES = 64
#: A spare keycode is given a new character only this long after its last use: a client
#: reads the mapping when it handles the key event, which may be after a later change.
REMAP_AFTER = 0.25


class X11Injector:
    def __init__(self, display: str | None = None) -> None:
        code = ClientErrorCode.CONTROL_FAILED
        self._conn, self._root = x11.connect(display, code, "XTest")
        try:
            import xcffib.xtest

            self._xtest = self._conn(xcffib.xtest.key)
        except Exception as exc:
            raise AssistError(code, f"XTest: {exc}") from None
        self._keys = x11.keyboard_map(self._conn)
        self._map = _levels(self._keys)
        #: Spare keycode -> when it was last used, least recently used first.
        self._spares: OrderedDict[int, float] = OrderedDict(
            (keycode, 0.0) for keycode in _free_keycodes(self._keys)[:SPARES]
        )
        self._restore: dict[int, list[int]] = {}

    # ------------------------------------------------------------ pointer

    def pointer(self) -> tuple[int, int]:
        """Where the pointer is now (root coordinates)."""
        reply = self._conn.core.QueryPointer(self._root).reply()
        return reply.root_x, reply.root_y

    def move(self, x: int, y: int) -> None:
        self._fake(MOTION, 0, x, y)

    def button(self, button: str, down: bool) -> None:
        self._fake(BUTTON_PRESS if down else BUTTON_RELEASE, BUTTONS[button])

    def wheel(self, dx: int, dy: int) -> None:
        for name, steps in (("down" if dy > 0 else "up", abs(dy)), ("right", dx), ("left", -dx)):
            for _ in range(max(0, steps)):
                self._fake(BUTTON_PRESS, WHEEL[name])
                self._fake(BUTTON_RELEASE, WHEEL[name])

    # ------------------------------------------------------------ keyboard

    def key(self, keysym: int, down: bool) -> None:
        # Modifiers come as their own key messages, so a shifted keysym needs no Shift here.
        keycode, _ = self._keycode(keysym)
        self._fake(KEY_PRESS if down else KEY_RELEASE, keycode)

    def type_text(self, text: str) -> None:
        shift = self._keycode(keysyms.from_name("Shift_L") or 0)[0]
        for char in text:
            keycode, shifted = self._keycode(keysyms.for_char(char))
            if shifted:
                self._fake(KEY_PRESS, shift)
            self._fake(KEY_PRESS, keycode)
            self._fake(KEY_RELEASE, keycode)
            if shifted:
                self._fake(KEY_RELEASE, shift)
            self.flush()

    def flush(self) -> None:
        """Wait until the X server has taken every event sent so far."""
        self._conn.core.GetInputFocus().reply()

    def close(self) -> None:
        try:
            for keycode, syms in self._restore.items():
                self._conn.core.ChangeKeyboardMapping(1, keycode, self._keys.per, syms)
            self._conn.flush()
            self._conn.disconnect()
        except Exception:  # already gone with its server
            pass

    # ------------------------------------------------------------ inside

    def _fake(self, kind: int, detail: int, x: int = 0, y: int = 0) -> None:
        self._xtest.FakeInput(kind, detail, 0, self._root, x, y, 0)

    def _keycode(self, keysym: int) -> tuple[int, bool]:
        """The keycode that gives ``keysym`` and whether Shift is needed; a spare keycode
        is mapped to it when no key gives it."""
        found = self._map.get(keysym)
        if found is not None:
            if found[0] in self._spares:
                self._spares[found[0]] = time.monotonic()
                self._spares.move_to_end(found[0])
            return found
        if not self._spares:
            raise AssistError(ClientErrorCode.CONTROL_FAILED, "no spare keycode to type with")
        keycode, used = next(iter(self._spares.items()))
        wait = used + REMAP_AFTER - time.monotonic()
        if wait > 0:
            time.sleep(wait)  # every spare is in use: let clients read the last mapping
        self._restore.setdefault(keycode, self._keys.of(keycode))
        for sym, (code, _) in list(self._map.items()):
            if code == keycode:
                del self._map[sym]
        per = self._keys.per
        self._conn.core.ChangeKeyboardMapping(1, keycode, per, [keysym] * per)
        self.flush()  # the mapping is in place before the key that uses it
        self._map[keysym] = (keycode, False)
        self._spares[keycode] = time.monotonic()
        self._spares.move_to_end(keycode)
        return keycode, False


def _levels(keys: x11.KeyboardMap) -> dict[int, tuple[int, bool]]:
    """Keysym -> (keycode, Shift needed) for the first two levels; unshifted wins."""
    found: dict[int, tuple[int, bool]] = {}
    for keycode in range(keys.low, keys.high + 1):
        syms = keys.of(keycode)
        for level in (1, 0):
            if len(syms) > level and syms[level]:
                found[syms[level]] = (keycode, level == 1)
    return found


def _free_keycodes(keys: x11.KeyboardMap) -> list[int]:
    """Keycodes no key uses, the highest first (the least likely to be wanted later)."""
    return [k for k in range(keys.high, keys.low - 1, -1) if not any(keys.of(k))]
