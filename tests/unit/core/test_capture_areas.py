"""Areas the capture treats apart: the pixels under the guidance overlay stay as they were (the
agent's view paints its own copy), and what the customer hides is black in every frame."""

from __future__ import annotations

import numpy as np

from assist.core.capture import Screen, ScreenPicture
from assist.core.capture_areas import KeptAreas, Masks
from assist.core.geometry import Rect, overlaps
from assist.core.yuv import Pixels

SCREEN = Screen(1, 0, 0, 64, 48)


class PaintedScreen:
    """A screen whose whole picture is one grey level, changed by the test."""

    grab_count = 0

    def __init__(self) -> None:
        self.level = 10

    def screens(self) -> list[Screen]:
        return [SCREEN]

    def grab_region(self, screen: Screen, rect: Rect) -> Pixels:
        x, y, w, h = rect
        pixels = np.full((h, w, 4), self.level, dtype=np.uint8)
        pixels[..., 3] = 255
        return pixels

    def changes(self, screen: Screen, timeout: float) -> list[Rect] | None:
        return None

    def window_rects(self, screen: Screen, windows: frozenset[int]) -> list[Rect]:
        return []

    def close(self) -> None:
        pass


def luma(picture: ScreenPicture) -> np.ndarray:
    return picture.frame().to_ndarray(format="gray")  # type: ignore[no-any-return]


def test_pixels_under_the_overlay_stay_as_they_were() -> None:
    screen, kept = PaintedScreen(), KeptAreas()
    picture = ScreenPicture(screen, SCREEN, kept)
    before = luma(picture)[20, 20]
    kept.set([(16, 16, 16, 8)])  # the overlay draws here now
    screen.level = 200  # ... and the screen shows its pixels (and everything else changed)
    picture.update([picture.whole])
    now = luma(picture)
    assert abs(int(now[20, 20]) - int(before)) <= 2  # what was under the overlay
    assert now[4, 4] > 150 and now[40, 60] > 150  # the rest follows the screen
    kept.set([])  # the overlay moved away: the next change shows the screen there too
    picture.update([(16, 16, 16, 8)])
    assert luma(picture)[20, 20] > 150


def test_overlaps_are_clipped_to_the_grabbed_rectangle() -> None:
    assert overlaps((0, 0, 10, 10), [(5, 5, 10, 10), (20, 20, 4, 4)]) == [(5, 5, 5, 5)]


def test_masked_areas_are_black_and_come_back_when_unmasked() -> None:
    screen, masks = PaintedScreen(), Masks()
    reported: list[list[Rect]] = []
    masks.on_change = reported.append
    masks.set_areas([(8, 8, 16, 16)])
    screen.level = 200
    picture = ScreenPicture(screen, SCREEN, masks=masks)
    frame = luma(picture)
    assert frame[12, 12] <= 20 and frame[30, 40] > 150  # black only where hidden
    assert reported == [[(8, 8, 16, 16)]]
    masks.set_areas([(40, 8, 16, 16)])  # the mask moves (nothing else changed)
    assert picture.masks_moved()
    picture.update([])
    frame = luma(picture)
    assert frame[12, 12] > 150 and frame[12, 44] <= 20  # the old place shows the screen again
    assert reported[-1] == [(40, 8, 16, 16)]
