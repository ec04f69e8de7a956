"""Ctrl+Shift+Esc, anywhere on the desktop, ends the agent's control (X11).

A passive grab of the key on the root window, watched by a thread of its own with its own X
connection, so it works whichever window has the focus, including while the agent types.
"""

from __future__ import annotations

import logging
import os
import select
import threading
from collections.abc import Callable

from assist.core import keysyms, x11
from assist.core.errors import AssistError, ClientErrorCode

logger = logging.getLogger(__name__)

SHIFT, LOCK, CONTROL, MOD2 = 1, 2, 4, 16  # X modifier masks (Mod2: Num Lock)
#: The hotkey, as the customer is told it.
STOP_CONTROL_KEYS = "Ctrl+Shift+Esc"


class StopHotkey:
    """Calls ``pressed`` (in its own thread) whenever the hotkey is pressed, until closed."""

    def __init__(self, pressed: Callable[[], None], display: str | None = None) -> None:
        self._conn, self._root = x11.connect(display, ClientErrorCode.CONTROL_FAILED, "hotkey")
        import xcffib.xproto

        self._press_event = xcffib.xproto.KeyPressEvent
        self._pressed = pressed
        keycode = x11.keyboard_map(self._conn).find(keysyms.ESCAPE)
        if keycode is None:
            raise AssistError(ClientErrorCode.CONTROL_FAILED, "no Escape key")
        # Grabbed with and without Caps Lock and Num Lock, which X counts as modifiers.
        for extra in (0, LOCK, MOD2, LOCK | MOD2):
            self._conn.core.GrabKey(True, self._root, CONTROL | SHIFT | extra, keycode, 1, 1)
        self._conn.flush()
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._watch, name="stop-hotkey", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        fd = self._conn.get_file_descriptor()
        while True:
            ready, _, _ = select.select([fd, self._wake_r], [], [])
            if self._wake_r in ready:
                return
            try:
                while (event := self._conn.poll_for_event()) is not None:
                    if isinstance(event, self._press_event):
                        self._pressed()
            except Exception as exc:  # the X server went away
                logger.warning("Stop-control hotkey no longer watched: %s", exc)
                return

    def close(self) -> None:
        os.write(self._wake_w, b"x")
        self._thread.join(timeout=2)
        try:
            self._conn.disconnect()
        except Exception:  # already gone with its server
            pass
        os.close(self._wake_r)
        os.close(self._wake_w)
