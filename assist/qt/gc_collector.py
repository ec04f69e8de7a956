"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs on whichever thread happens to allocate when a threshold is crossed. If
that is the asyncio worker and the garbage holds a Qt wrapper (a cycle through a widget,
a controller or the bridge), the QObject is destroyed off its thread and the app crashes.
So automatic collection is switched off and a timer collects on the GUI thread instead,
generation by generation as the thresholds say.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

INTERVAL_MS = 500


class GuiGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.on_timer_timeout)
        self._timer.start(INTERVAL_MS)

    @Slot()
    def on_timer_timeout(self) -> None:
        collect_if_due()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()


def collect_if_due() -> None:
    """Collect the oldest generation whose allocation count passed its threshold, as the
    automatic collector would have, but on the calling thread."""
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return
