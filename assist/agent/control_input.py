"""The agent's mouse and keyboard on the remote view, turned into control input for the
customer's computer (only while the customer grants control and the agent has it engaged)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QPainter

from assist.agent.pacer import Pacer
from assist.core import guidance as g

#: Mouse moves go out at most this often; a button press or release first sends the
#: newest position held back, so a click always lands where the mouse is.
MOVE_INTERVAL = 1 / 120

#: Qt keys sent by their X keysym name (the rest type their text).
KEY_NAMES: dict[int, str] = {
    Qt.Key.Key_Return: "Return",
    Qt.Key.Key_Enter: "Return",
    Qt.Key.Key_Backspace: "BackSpace",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Backtab: "Tab",
    Qt.Key.Key_Escape: "Escape",
    Qt.Key.Key_Delete: "Delete",
    Qt.Key.Key_Insert: "Insert",
    Qt.Key.Key_Home: "Home",
    Qt.Key.Key_End: "End",
    Qt.Key.Key_Left: "Left",
    Qt.Key.Key_Up: "Up",
    Qt.Key.Key_Right: "Right",
    Qt.Key.Key_Down: "Down",
    Qt.Key.Key_PageUp: "Page_Up",
    Qt.Key.Key_PageDown: "Page_Down",
    Qt.Key.Key_Shift: "Shift_L",
    Qt.Key.Key_Control: "Control_L",
    Qt.Key.Key_Alt: "Alt_L",
    Qt.Key.Key_Meta: "Super_L",
    Qt.Key.Key_Menu: "Menu",
    Qt.Key.Key_Print: "Print",
    **{Qt.Key.Key_F1 + i: f"F{i + 1}" for i in range(12)},
}
SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
BUTTON_NAMES = {
    Qt.MouseButton.LeftButton: g.Button.LEFT,
    Qt.MouseButton.MiddleButton: g.Button.MIDDLE,
    Qt.MouseButton.RightButton: g.Button.RIGHT,
}


def key_message(
    key: int, modifiers: Qt.KeyboardModifier, text: str, down: bool
) -> g.Guidance | None:
    """The control message for one key event on the view (None: nothing to send)."""
    if key in KEY_NAMES:
        return g.Key(key=KEY_NAMES[key], down=down)
    shortcut = bool(modifiers & SHORTCUT_MODIFIERS)
    if shortcut and (Qt.Key.Key_A <= key <= Qt.Key.Key_Z or Qt.Key.Key_0 <= key <= Qt.Key.Key_9):
        return g.Key(key=chr(key).lower(), down=down)  # Ctrl+C and the like
    if down and text and text.isprintable():
        return g.TypeText(text=text)
    return None


class ControlInput(QObject):
    """Hands the agent's input on the view to the customer's computer as control messages."""

    #: A control message to send (``assist.core.guidance``).
    input_made = Signal(object)

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.allowed = False
        self.engaged = False
        self._clock = clock
        self._buttons: set[g.Button] = set()
        self._keys: set[str] = set()
        self._at = (0.5, 0.5)  # where the agent's mouse last was on the screen
        self._moves = Pacer(MOVE_INTERVAL, self._send_move, clock, self)

    @property
    def active(self) -> bool:
        return self.allowed and self.engaged

    def set_allowed(self, allowed: bool) -> None:
        """The customer granted control (or took it back: the customer's computer has
        already released everything; here nothing is held any more either)."""
        self.allowed = allowed
        if not allowed:
            self._buttons.clear()
            self._keys.clear()
            self._moves.drop()

    def engage(self, engaged: bool) -> None:
        """The agent takes control (or hands it back: whatever is held is released)."""
        if not engaged:
            self.release_all()
        self.engaged = engaged

    # ------------------------------------------------------------ mouse

    def press(self, x: float, y: float, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
        self._button(x, y, button, True)

    def release(
        self, x: float, y: float, button: Qt.MouseButton = Qt.MouseButton.LeftButton
    ) -> None:
        self._button(x, y, button, False)

    def move(self, x: float, y: float) -> None:
        if not self.active or not g.inside(x, y) and not self._buttons:
            return
        self._moves.offer(x, y)

    def wheel(self, x: float, y: float, dx: int, dy: int) -> None:
        if self.active and g.inside(x, y) and (dx or dy):
            limit = g.MAX_WHEEL_STEPS
            dx, dy = max(-limit, min(limit, dx)), max(-limit, min(limit, dy))
            self.input_made.emit(g.Wheel(x=x, y=y, dx=dx, dy=dy))

    def leave(self) -> None:
        pass  # the customer's pointer stays where the agent left it

    def paint(self, painter: QPainter, area: QRect) -> None:
        pass  # the customer's own pointer comes back in the video

    # ------------------------------------------------------------ keyboard

    def key(self, key: int, modifiers: Qt.KeyboardModifier, text: str, down: bool) -> bool:
        """Send a key event; True when it was taken (the view then does not handle it)."""
        if not self.active:
            return False
        message = key_message(key, modifiers, text, down)
        if isinstance(message, g.Key):
            if message.down:
                self._keys.add(message.key)
            elif message.key not in self._keys:
                return True  # its press went elsewhere
            else:
                self._keys.discard(message.key)
        if message is not None:
            self.input_made.emit(message)
        return True

    def commit(self, text: str) -> None:
        """Text an input method committed (Japanese, for example): typed as it is."""
        if self.active and text:
            self.input_made.emit(g.TypeText(text=text))

    def release_all(self) -> None:
        x, y = self._at
        for button in sorted(self._buttons):
            self.input_made.emit(g.MouseButton(x=x, y=y, button=button, down=False))
        for key in sorted(self._keys):
            self.input_made.emit(g.Key(key=key, down=False))
        self._keys.clear()
        self._buttons.clear()

    # ------------------------------------------------------------ inside

    def _button(self, x: float, y: float, qt_button: Qt.MouseButton, down: bool) -> None:
        button = BUTTON_NAMES.get(qt_button)
        if button is None or not self.active:
            return
        if down and not g.inside(x, y):
            return
        if not down and button not in self._buttons:
            return
        self._moves.flush()  # the button acts where the mouse is
        self._at = (x, y)
        (self._buttons.add if down else self._buttons.discard)(button)
        self.input_made.emit(g.MouseButton(x=x, y=y, button=button, down=down))

    def _send_move(self, x: float, y: float) -> None:
        if not self.active:
            return  # held back, and control ended meanwhile
        self._at = (x, y)
        self.input_made.emit(g.MouseMove(x=x, y=y))
