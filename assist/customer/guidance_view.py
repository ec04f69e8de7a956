"""Puts the agent's guidance on the customer's screen while it is granted, and takes it off
when it no longer is (guidance turned off, sharing paused or stopped, session over)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

import msgspec
from PySide6.QtCore import QObject, Signal, Slot

from assist.core import guidance as g
from assist.core.capture import Screen
from assist.core.geometry import Rect
from assist.core.x11_desktop import has_compositor
from assist.customer.monitors import logical_area, monitor_of, to_shared
from assist.customer.overlay import GuidanceOverlay
from assist.qt.bridge import Bridge
from signaling import protocol as p

logger = logging.getLogger(__name__)


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
        area: Callable[[], Screen | None] | None = None,
    ) -> None:
        super().__init__()
        #: Told where the overlay draws (``CustomerClient.keep_from_capture``).
        self._keep = keep
        #: What is shared now (``CustomerClient.shared_area``): where a shared window is.
        self._area = area
        self._window_shared = False
        self._monitor: Screen | None = None
        self.session_id = session_id
        self.agent_name = agent_name
        self.overlay: GuidanceOverlay | None = None
        self._screen: Screen | None = None
        self._translucent: bool | None = None
        bridge.guidance_arrived.connect(self.on_bridge_guidance_arrived)
        bridge.permissions_changed.connect(self.on_bridge_permissions_changed)

    def share(self, screen: Screen | None) -> None:
        """The customer shares ``screen``, or a window (None: where it is comes from
        ``area``): guidance goes over it from now on."""
        if screen != self._screen or screen is None:
            self.close()
        self._screen = screen
        self._window_shared = screen is None

    @Slot(str, object)
    def on_bridge_guidance_arrived(self, session_id: str, message: g.Guidance) -> None:
        if session_id != self.session_id:
            return
        shared = self._shared()
        if shared is None:
            return
        if self._window_shared and self._monitor not in (None, monitor_of(shared)):
            self.close()  # the shared window went to another monitor: the overlay follows
        overlay = self._overlay()
        if overlay is not None and self._monitor is not None:
            overlay.show_guidance(on_monitor(message, shared, self._monitor))
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
            self._monitor = None
            self.drawings_shown.emit(False)
            if self._keep is not None:
                self._keep([])

    def _shared(self) -> Screen | None:
        """What is shared now, in device pixels: the screen, or where the window is."""
        if not self._window_shared:
            return self._screen
        return self._area() if self._area is not None else None

    def _overlay(self) -> GuidanceOverlay | None:
        if self.overlay is None:
            shared = self._shared()
            if shared is None:
                return None
            self._monitor = self._screen or monitor_of(shared)
            if self._translucent is None:
                self._translucent = has_compositor(os.environ.get("DISPLAY"))
            area = logical_area(self._monitor)
            self.overlay = GuidanceOverlay(self.agent_name, area, self._translucent)
            self.overlay.covered.connect(self._covered)
        return self.overlay

    def _covered(self, rects: list[Rect]) -> None:
        """What the overlay covers (monitor pixels) in the capture's own coordinates."""
        shared, monitor = self._shared(), self._monitor
        if self._keep is None or shared is None or monitor is None:
            return
        self._keep(to_shared(rects, shared, monitor))


def on_monitor(message: g.Guidance, shared: Screen, monitor: Screen) -> g.Guidance:
    """``message`` (fractions of what is shared) in fractions of the monitor the overlay
    covers: the same when a whole screen is shared, moved and scaled for a window."""
    if shared == monitor:
        return message

    def point(x: float, y: float) -> tuple[float, float]:
        return (
            (shared.left - monitor.left + x * shared.width) / monitor.width,
            (shared.top - monitor.top + y * shared.height) / monitor.height,
        )

    if isinstance(message, g.Pointer):
        x, y = point(message.x, message.y)
        return msgspec.structs.replace(message, x=x, y=y)
    if isinstance(message, g.Shape):
        return msgspec.structs.replace(message, points=tuple(point(*p) for p in message.points))
    return message
