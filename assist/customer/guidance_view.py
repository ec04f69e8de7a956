"""Puts the agent's guidance on the customer's screen while it is granted, and takes it off
when it no longer is (guidance turned off, sharing paused or stopped, session over)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Signal, Slot
from PySide6.QtGui import QGuiApplication

from assist.core import guidance as g
from assist.core.capture import Screen
from assist.core.x11_damage import Rect
from assist.core.x11_desktop import has_compositor
from assist.customer.overlay import GuidanceOverlay, qscreen_for
from assist.qt.bridge import Bridge
from signaling import protocol as p

logger = logging.getLogger(__name__)


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


class GuidanceView(QObject):
    """The overlay of one session; :meth:`share` says which screen it covers."""

    #: Whether any drawing is on the screen (the share bar offers "Clear drawings").
    drawings_shown = Signal(bool)

    def __init__(
        self,
        bridge: Bridge,
        session_id: str,
        agent_name: str,
        keep: Callable[[list[Rect]], None] | None = None,
    ) -> None:
        super().__init__()
        #: Told where the overlay draws (``CustomerClient.keep_from_capture``).
        self._keep = keep
        self.session_id = session_id
        self.agent_name = agent_name
        self.overlay: GuidanceOverlay | None = None
        self._screen: Screen | None = None
        self._translucent: bool | None = None
        bridge.guidance_arrived.connect(self.on_bridge_guidance_arrived)
        bridge.permissions_changed.connect(self.on_bridge_permissions_changed)

    def share(self, screen: Screen) -> None:
        """The customer shares ``screen``: guidance goes over it from now on."""
        if screen != self._screen:
            self.close()
        self._screen = screen

    @Slot(str, object)
    def on_bridge_guidance_arrived(self, session_id: str, message: g.Guidance) -> None:
        if session_id != self.session_id:
            return
        overlay = self._overlay()
        if overlay is not None:
            overlay.show_guidance(message)
            self.drawings_shown.emit(bool(overlay.drawn))

    @Slot(str, object)
    def on_bridge_permissions_changed(
        self, session_id: str, granted: frozenset[p.Capability]
    ) -> None:
        if session_id == self.session_id and p.Capability.GUIDE not in granted:
            if self.overlay is not None:
                self.overlay.clear()
            self.drawings_shown.emit(False)

    def close(self) -> None:
        if self.overlay is not None:
            self.overlay.close()
            self.overlay.deleteLater()
            self.overlay = None
            self.drawings_shown.emit(False)
            if self._keep is not None:
                self._keep([])

    def _overlay(self) -> GuidanceOverlay | None:
        if self.overlay is None and self._screen is not None:
            if self._translucent is None:
                self._translucent = has_compositor(os.environ.get("DISPLAY"))
            area = logical_area(self._screen)
            self.overlay = GuidanceOverlay(self.agent_name, area, self._translucent)
            if self._keep is not None:
                self.overlay.covered.connect(self._keep)
        return self.overlay
