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
from typing import Any

from assist.core import keysyms
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
        try:
            import xcffib
            import xcffib.xproto
            import xcffib.xtest

            self._conn: Any = xcffib.connect(display=display)  # type: ignore[no-untyped-call]
            self._xtest = self._conn(xcffib.xtest.key)
        except Exception as exc:
            raise AssistError(ClientErrorCode.CONTROL_FAILED, f"XTest: {exc}") from None
        setup = self._conn.get_setup()
        self._root = setup.roots[0].root
        self._min, self._max = setup.min_keycode, setup.max_keycode
        self._per, self._map = self._read_mapping()
        #: Spare keycode -> when it was last used, least recently used first.
        self._spares: OrderedDict[int, float] = OrderedDict(
            (code, 0.0) for code in self._free_keycodes()[:SPARES]
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
                self._conn.core.ChangeKeyboardMapping(1, keycode, self._per, syms)
            self._conn.flush()
            self._conn.disconnect()
        except Exception:  # already gone with its server
            pass

    # ------------------------------------------------------------ inside

    def _fake(self, kind: int, detail: int, x: int = 0, y: int = 0) -> None:
        self._xtest.FakeInput(kind, detail, 0, self._root, x, y, 0)

    def _read_mapping(self) -> tuple[int, dict[int, tuple[int, bool]]]:
        count = self._max - self._min + 1
        reply = self._conn.core.GetKeyboardMapping(self._min, count).reply()
        per, syms = reply.keysyms_per_keycode, list(reply.keysyms)
        found: dict[int, tuple[int, bool]] = {}
        for index in range(count):
            for level in (1, 0):  # unshifted wins
                sym = syms[index * per + level] if per > level else 0
                if sym:
                    found[sym] = (self._min + index, level == 1)
        self._syms = syms
        return per, found

    def _free_keycodes(self) -> list[int]:
        per = self._per
        free = [
            self._min + i
            for i in range(self._max - self._min + 1)
            if not any(self._syms[i * per : (i + 1) * per])
        ]
        return list(reversed(free))

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
        index = keycode - self._min
        self._restore.setdefault(keycode, self._syms[index * self._per : (index + 1) * self._per])
        for sym, (code, _) in list(self._map.items()):
            if code == keycode:
                del self._map[sym]
        self._conn.core.ChangeKeyboardMapping(1, keycode, self._per, [keysym] * self._per)
        self.flush()  # the mapping is in place before the key that uses it
        self._map[keysym] = (keycode, False)
        self._spares[keycode] = time.monotonic()
        self._spares.move_to_end(keycode)
        return keycode, False
