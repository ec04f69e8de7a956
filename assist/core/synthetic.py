"""A synthetic screen for demos and tests: a moving test pattern behind the same interface
as the X11 grabber, so it travels the real track, encoder and network path."""

from __future__ import annotations

import av
import numpy as np

from assist.core.capture import Grab, Screen


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

    def grab(self, screen: Screen) -> Grab:
        self.grab_count += 1
        w, h = self.width, self.height
        pixels = np.empty((h, w, 4), dtype=np.uint8)
        pixels[..., 3] = 255
        for i, (r, g, b) in enumerate(self.colors[:4]):
            col, row = i % 2, i // 2
            region = pixels[row * h // 2 : (row + 1) * h // 2, col * w // 2 : (col + 1) * w // 2]
            region[..., 0], region[..., 1], region[..., 2] = b, g, r
        x = (self.grab_count * 8) % max(1, w - 16)
        pixels[h - 12 : h - 4, x : x + 16, :3] = 255
        frame = av.VideoFrame.from_ndarray(pixels, format="bgra").reformat(format="yuv420p")
        return Grab(frame, w, h)

    def close(self) -> None:
        pass
