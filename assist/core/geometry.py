"""Rectangles of the screen, as the capture and the masks use them: (x, y, width, height)."""

from __future__ import annotations

Rect = tuple[int, int, int, int]


def intersection(a: Rect, b: Rect) -> Rect | None:
    """Where ``a`` and ``b`` overlap, None when they do not."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    return (x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def overlaps(rect: Rect, areas: list[Rect]) -> list[Rect]:
    """The parts of ``areas`` inside ``rect``."""
    return [part for area in areas if (part := intersection(rect, area)) is not None]
