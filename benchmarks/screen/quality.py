"""How close the agent's picture is to the customer's screen: luma PSNR and SSIM."""

from __future__ import annotations

from typing import Any

import numpy as np

Array = np.ndarray[Any, np.dtype[Any]]


def luma(bgra: Array) -> Array:
    """BT.601 full-range luma (Y) of a BGRA/BGRX image, as float64."""
    pixels = bgra[..., :3].astype(np.float64)
    return 0.114 * pixels[..., 0] + 0.587 * pixels[..., 1] + 0.299 * pixels[..., 2]


def psnr(reference: Array, test: Array) -> float:
    mse = float(np.mean((reference - test) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(255.0**2 / mse)


def _box(values: Array, size: int) -> Array:
    """Mean over every size×size window (valid positions only), by summed-area table."""
    table = np.pad(values, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    total = (
        table[size:, size:] - table[:-size, size:] - table[size:, :-size] + table[:-size, :-size]
    )
    return total / (size * size)


def ssim(reference: Array, test: Array, size: int = 8) -> float:
    """Mean SSIM over 8×8 windows (Wang et al. 2004 constants, uniform window)."""
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu_x, mu_y = _box(reference, size), _box(test, size)
    var_x = _box(reference * reference, size) - mu_x**2
    var_y = _box(test * test, size) - mu_y**2
    cov = _box(reference * test, size) - mu_x * mu_y
    index = ((2 * mu_x * mu_y + c1) * (2 * cov + c2)) / (
        (mu_x**2 + mu_y**2 + c1) * (var_x + var_y + c2)
    )
    return float(index.mean())
