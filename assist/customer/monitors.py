"""The customer's monitors in both coordinate systems: device pixels (what the capture and
the X server use) and Qt's logical pixels (what windows are placed in, with HiDPI scaling)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen

from assist.core.capture import Screen
from assist.core.geometry import Rect


def monitors() -> list[tuple[QScreen, Screen]]:
    """Each Qt screen with its place in device pixels (numbered from 1)."""
    out = []
    for index, shown in enumerate(QGuiApplication.screens(), start=1):
        ratio, area = shown.devicePixelRatio(), shown.geometry()
        device = Screen(
            index,
            round(area.x() * ratio),
            round(area.y() * ratio),
            round(area.width() * ratio),
            round(area.height() * ratio),
        )
        out.append((shown, device))
    return out


def qscreen_for(screen: Screen) -> QScreen | None:
    """The Qt screen showing the captured ``screen`` (device pixels, as the capture)."""
    for shown, device in monitors():
        place = (device.left, device.top, device.width, device.height)
        if place == (screen.left, screen.top, screen.width, screen.height):
            return shown
    return None


def monitor_of(area: Screen) -> Screen:
    """The monitor (device pixels) that shows the middle of ``area``."""
    cx, cy = area.left + area.width // 2, area.top + area.height // 2
    for _, device in monitors():
        if device.left <= cx < device.left + device.width:
            if device.top <= cy < device.top + device.height:
                return device
    return Screen(1, area.left, area.top, area.width, area.height)


def logical_area(screen: Screen) -> QRect:
    """Where ``screen`` (device pixels, as captured) lies in Qt's logical coordinates."""
    shown = qscreen_for(screen)
    if shown is not None:
        return shown.geometry()
    ratio = QGuiApplication.primaryScreen().devicePixelRatio()
    return QRect(
        round(screen.left / ratio),
        round(screen.top / ratio),
        round(screen.width / ratio),
        round(screen.height / ratio),
    )


def to_shared(rects: list[Rect], shared: Screen, monitor: Screen) -> list[Rect]:
    """``rects`` in pixels of ``monitor`` as pixels of what is shared on it (a screen:
    the same; a window: from its corner)."""
    dx, dy = shared.left - monitor.left, shared.top - monitor.top
    return [(x - dx, y - dy, w, h) for x, y, w, h in rects]
