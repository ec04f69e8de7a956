"""What the X server and its window manager say about windows (not what Qt asked for):
where a window's frame is, which window is in front, which one has the focus."""

from __future__ import annotations

import re
import subprocess

from tests.helpers.xvfb import Display

Rect = tuple[int, int, int, int]


def _run(display: Display, *command: str) -> str:
    return subprocess.run(
        list(command), env=display.env(), capture_output=True, text=True, check=True
    ).stdout


def _root_windows(display: Display, atom: str) -> list[int]:
    """The window ids a root window property lists (EWMH)."""
    shown = _run(display, "xprop", "-root", atom)
    return [int(found, 16) for found in re.findall(r"0x[0-9a-fA-F]+", shown.split("#", 1)[-1])]


def frame_of(display: Display, window: int) -> Rect:
    """Where the window manager's frame around ``window`` is (absolute), from the window's
    own place and the frame's extents the window manager announces on it."""
    info = _run(display, "xwininfo", "-id", str(window))
    value = {
        key: int(re.search(rf"{key}:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
        for key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
    }
    extents = _run(display, "xprop", "-id", str(window), "_NET_FRAME_EXTENTS")
    numbers = [int(n) for n in re.findall(r"\d+", extents.split("=", 1)[-1])]
    left, right, top, bottom = numbers if len(numbers) == 4 else (0, 0, 0, 0)
    return (
        value["Absolute upper-left X"] - left,
        value["Absolute upper-left Y"] - top,
        value["Width"] + left + right,
        value["Height"] + top + bottom,
    )


def stacking(display: Display) -> list[int]:
    """The managed windows from the bottom to the front (``_NET_CLIENT_LIST_STACKING``)."""
    return _root_windows(display, "_NET_CLIENT_LIST_STACKING")


def active_window(display: Display) -> int | None:
    """The window with the focus (``_NET_ACTIVE_WINDOW``), if any."""
    windows = _root_windows(display, "_NET_ACTIVE_WINDOW")
    return windows[0] if windows and windows[0] else None


def activate(display: Display, window: int) -> None:
    """Bring ``window`` to the front with the focus, as a click on it would."""
    _run(display, "xdotool", "windowactivate", "--sync", str(window))
