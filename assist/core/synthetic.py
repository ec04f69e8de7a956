"""A synthetic screen for demos and tests: a moving test pattern behind the same interface
as the X11 grabber, so it travels the real track, encoder and network path."""

from __future__ import annotations

import numpy as np

from assist.core.capture import Screen
from assist.core.geometry import Rect
from assist.core.x11_windows import Window
from assist.core.yuv import Pixels


class SyntheticGrabber:
    """Four coloured quadrants (``colors``, RGB) with a white bar that moves every grab."""

    def __init__(
        self,
        width: int = 640,
        height: int = 360,
        colors: tuple[tuple[int, int, int], ...] = (
            (220, 40, 40),
            (40, 200, 60),
            (40, 70, 220),
            (240, 240, 240),
        ),
    ) -> None:
        self.width = width - width % 2
        self.height = height - height % 2
        self.colors = colors
        self.grab_count = 0

    def screens(self) -> list[Screen]:
        return [Screen(1, 0, 0, self.width, self.height)]

    def grab_region(self, screen: Screen, rect: Rect) -> Pixels:
        self.grab_count += 1
        x, y, w, h = rect
        return self._pattern()[y : y + h, x : x + w]

    def changes(self, screen: Screen, timeout: float) -> list[Rect] | None:
        return None  # no change reports: grabbed whole at the polling rate, like a poller

    def window_rects(self, screen: Screen, windows: frozenset[int]) -> list[Rect]:
        return []  # no windows on a synthetic screen

    def windows(self) -> list[Window]:
        return []

    def window_area(self, window: Window) -> Screen | None:
        return None

    def covering(self, window: Window, area: Screen) -> list[Rect]:
        return []

    def _pattern(self) -> Pixels:
        w, h = self.width, self.height
        pixels = np.empty((h, w, 4), dtype=np.uint8)
        pixels[..., 3] = 255
        for i, (r, g, b) in enumerate(self.colors[:4]):
            col, row = i % 2, i // 2
            region = pixels[row * h // 2 : (row + 1) * h // 2, col * w // 2 : (col + 1) * w // 2]
            region[..., 0], region[..., 1], region[..., 2] = b, g, r
        x = (self.grab_count * 8) % max(1, w - 16)
        pixels[h - 12 : h - 4, x : x + 16, :3] = 255
        return pixels

    def close(self) -> None:
        pass
