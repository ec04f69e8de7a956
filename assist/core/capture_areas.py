"""Areas of the shared screen the capture treats apart: kept as they were (under the guidance
overlay) and masked (hidden by the customer). Both are set from any thread and read by the
capture thread for every frame."""

from __future__ import annotations

import threading
from collections.abc import Callable

from assist.core.geometry import Rect


class KeptAreas:
    """Areas of the screen whose pixels the capture keeps as they were (screen coordinates):
    where the guidance overlay draws. The agent's view paints its own copy of the pointer
    and drawings there, so the ones on the customer's screen must not come back in the
    video a moment later as a second, lagging copy. Set from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rects: list[Rect] = []

    def set(self, rects: list[Rect]) -> None:
        with self._lock:
            self._rects = list(rects)

    def get(self) -> list[Rect]:
        with self._lock:
            return self._rects


class Masks:
    """What the customer hides: whole windows (X window ids, followed as they move: the
    capture looks their rectangles up for every frame) and areas (screen coordinates).
    Masked pixels are black in every frame before it reaches the encoder."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: frozenset[int] = frozenset()
        self._areas: list[Rect] = []
        #: Told the masked rectangles (screen coordinates) whenever they change; called
        #: in the capture thread.
        self.on_change: Callable[[list[Rect]], None] | None = None

    def set_windows(self, windows: frozenset[int]) -> None:
        with self._lock:
            self._windows = windows

    def set_areas(self, areas: list[Rect]) -> None:
        with self._lock:
            self._areas = list(areas)

    def snapshot(self) -> tuple[frozenset[int], list[Rect]]:
        with self._lock:
            return self._windows, self._areas
