"""At most one position per interval from a stream of mouse positions, the newest always
arriving: one that comes too soon is held (replacing any held before) and sent when due, so
where the mouse stops is what the other side gets."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot


class Pacer(QObject):
    def __init__(
        self,
        interval: float,
        send: Callable[[float, float], None],
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._interval, self._send, self._clock = interval, send, clock
        self._sent_at = 0.0
        self._held: tuple[float, float] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.on_timer_timeout)

    def offer(self, x: float, y: float) -> None:
        wait = self._sent_at + self._interval - self._clock()
        if wait <= 0:
            self._go(x, y)
            return
        self._held = (x, y)
        if not self._timer.isActive():
            self._timer.start(max(1, round(wait * 1000)))

    def flush(self) -> None:
        """Send what is held now (before something that must come after it)."""
        self._timer.stop()
        held, self._held = self._held, None
        if held is not None:
            self._go(*held)

    def drop(self) -> None:
        """Forget what is held: it is no longer wanted."""
        self._timer.stop()
        self._held = None

    def _go(self, x: float, y: float) -> None:
        self._sent_at = self._clock()
        self._send(x, y)

    @Slot()
    def on_timer_timeout(self) -> None:
        self.flush()
