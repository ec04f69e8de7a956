"""X keysyms: the names control messages use for keys, and the keysym of any character.

The X server injects keycodes; which keysym a keycode means comes from the keyboard mapping,
so the injector looks these values up there (and maps a spare keycode for the rest).
"""

from __future__ import annotations

from typing import Final

_SPECIAL: Final = {
    "BackSpace": 0xFF08,
    "Tab": 0xFF09,
    "Return": 0xFF0D,
    "Pause": 0xFF13,
    "Escape": 0xFF1B,
    "Delete": 0xFFFF,
    "Home": 0xFF50,
    "Left": 0xFF51,
    "Up": 0xFF52,
    "Right": 0xFF53,
    "Down": 0xFF54,
    "Page_Up": 0xFF55,
    "Page_Down": 0xFF56,
    "End": 0xFF57,
    "Print": 0xFF61,
    "Insert": 0xFF63,
    "Menu": 0xFF67,
    "Shift_L": 0xFFE1,
    "Shift_R": 0xFFE2,
    "Control_L": 0xFFE3,
    "Control_R": 0xFFE4,
    "Caps_Lock": 0xFFE5,
    "Alt_L": 0xFFE9,
    "Alt_R": 0xFFEA,
    "Super_L": 0xFFEB,
    "Super_R": 0xFFEC,
    "space": 0x20,
    "minus": 0x2D,
    "equal": 0x3D,
    "comma": 0x2C,
    "period": 0x2E,
    "slash": 0x2F,
    "semicolon": 0x3B,
    "apostrophe": 0x27,
    "bracketleft": 0x5B,
    "bracketright": 0x5D,
    "backslash": 0x5C,
    "grave": 0x60,
}
#: The Escape key (the stop-control hotkey's).
ESCAPE: Final = _SPECIAL["Escape"]


def from_name(name: str) -> int | None:
    """The keysym of a key name ("Return", "F5", "a", "7"), None when unknown."""
    if name in _SPECIAL:
        return _SPECIAL[name]
    if len(name) == 1 and name.isascii() and name.isalnum():
        return ord(name)
    if name[:1] == "F" and name[1:].isdigit() and 1 <= int(name[1:]) <= 24:
        return 0xFFBE + int(name[1:]) - 1
    return None


def for_char(char: str) -> int:
    """The keysym that types ``char``: Latin-1 as itself, the rest as X's Unicode keysyms."""
    code = ord(char)
    if char == "\n":
        return _SPECIAL["Return"]
    if char == "\t":
        return _SPECIAL["Tab"]
    if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF:
        return code
    return 0x01000000 | code
