"""The customer client's own windows (share bar, chat, dialogs) are hidden from the agent by
default: on X11 they are blacked out by their rectangles in every frame, followed as they
move (Windows and macOS can exclude a window from capture outright)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from assist.core.customer import CustomerClient
from assist.customer.overlay import GuidanceOverlay

#: How often the set of shown windows is looked at (where they are is asked per frame).
CHECK_MS = 200


class OwnWindows(QObject):
    def __init__(self, client: CustomerClient) -> None:
        super().__init__()
        self.client = client
        self.shown: frozenset[int] = frozenset()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.on_timer_timeout)
        self._timer.start()
        self.on_timer_timeout()

    @Slot()
    def on_timer_timeout(self) -> None:
        shown = frozenset(
            int(widget.winId())
            for widget in QApplication.topLevelWidgets()
            # The overlay is not hidden: the capture keeps what is under it instead.
            if widget.isVisible() and not isinstance(widget, GuidanceOverlay)
        )
        if shown != self.shown:
            self.shown = shown
            self.client.hide_windows(shown)

    def stop(self) -> None:
        self._timer.stop()
