"""Is there a desktop to show a window on? Asked before Qt starts, which aborts without one.

Without an X display Qt's xcb plugin aborts the process (SIGABRT, exit 134) with a hint
about libxcb-cursor0 that sends people looking for a library they already have. This
module is Qt-free so the apps can ask first and say what is really missing.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping

from signaling.codes import CodedError


class DisplayProblem(enum.StrEnum):
    """Why the apps cannot open a window. Printed at start-up, before Qt (and its
    translations) exist, so these never reach ``error_text``."""

    NO_DISPLAY = "no_display"
    WAYLAND_WITHOUT_XWAYLAND = "wayland_without_xwayland"
    DISPLAY_UNREACHABLE = "display_unreachable"


class DisplayError(CodedError[DisplayProblem]):
    """No desktop the apps can use; ``detail`` is a sentence for the person who started it."""


def _qt_platform(env: Mapping[str, str]) -> str:
    """The platform Qt will try first (``QT_QPA_PLATFORM=xcb:opt;wayland`` → ``xcb``)."""
    return env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()


def check_display(program: str, env: Mapping[str, str] | None = None) -> None:
    """Raise ``DisplayError`` when ``program`` would have no X display to open its windows
    on; return when there is one, or when Qt was told to use another platform.

    The sentences are English: they are printed before Qt and its translators exist.
    """
    env = os.environ if env is None else env
    if _qt_platform(env) not in ("", "xcb"):
        # Tests run offscreen; whoever asks Qt for Wayland, VNC or a framebuffer on
        # purpose gets what they asked for.
        return
    display = env.get("DISPLAY", "")
    if not display and env.get("WAYLAND_DISPLAY"):
        raise DisplayError(
            DisplayProblem.WAYLAND_WITHOUT_XWAYLAND,
            "Assist needs X11, and this Wayland session has no XWayland (WAYLAND_DISPLAY is "
            "set, DISPLAY is not). Turn XWayland on, or sign in with an X11 (Xorg) session.",
        )
    if not display:
        raise DisplayError(
            DisplayProblem.NO_DISPLAY,
            "Assist needs a graphical desktop: no DISPLAY is set. Start it from your desktop "
            f"session, or for tests run it under Xvfb (xvfb-run {program}).",
        )
    if not _answers(display):
        raise DisplayError(
            DisplayProblem.DISPLAY_UNREACHABLE,
            f"Assist cannot open the display {display} (DISPLAY): no X server there accepts "
            "a connection. Start it from your desktop session, or set DISPLAY to a running "
            "X server.",
        )


def _answers(display: str) -> bool:
    """True when an X server accepts a connection on ``display`` (a few milliseconds)."""
    import xcffib
    import xcffib.xproto  # noqa: F401  (a connection needs the core protocol registered)

    try:
        connection = xcffib.connect(display=display)  # type: ignore[no-untyped-call]
    except xcffib.ConnectionException:
        return False
    connection.disconnect()  # type: ignore[no-untyped-call]
    return True
