"""Test patterns: four flat quadrants each, and a pixel-level comparison for received frames."""

from __future__ import annotations

from typing import Any

import numpy as np

RGB = tuple[int, int, int]

#: quadrant (column, row) -> colour. "C" is never shown: it is the negative control.
PATTERNS: dict[str, dict[tuple[int, int], RGB]] = {
    "A": {
        (0, 0): (220, 40, 40),
        (1, 0): (40, 200, 60),
        (0, 1): (40, 70, 220),
        (1, 1): (240, 240, 240),
    },
    "B": {
        (0, 0): (240, 220, 40),
        (1, 0): (200, 40, 200),
        (0, 1): (30, 210, 210),
        (1, 1): (20, 20, 20),
    },
    "C": {
        (0, 0): (40, 200, 60),
        (1, 0): (220, 40, 40),
        (0, 1): (240, 240, 240),
        (1, 1): (40, 70, 220),
    },
}

#: Mean absolute difference per channel (0-255) below which a frame shows a pattern.
MATCH_TOLERANCE = 12.0


def mean_error(bgrx: np.ndarray[Any, Any], pattern: str) -> float:
    """Mean absolute error between a received BGRX frame and a pattern, ignoring 8 px
    around the quadrant edges (where the codec blurs a hard colour step)."""
    height, width = bgrx.shape[:2]
    errors = []
    for (col, row), (r, g, b) in PATTERNS[pattern].items():
        x0, x1 = col * width // 2 + 8, (col + 1) * width // 2 - 8
        y0, y1 = row * height // 2 + 8, (row + 1) * height // 2 - 8
        patch = bgrx[y0:y1, x0:x1, :3].astype(np.int16)
        expected = np.array([b, g, r], dtype=np.int16)
        errors.append(float(np.abs(patch - expected).mean()))
    return max(errors)
