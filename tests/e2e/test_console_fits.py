"""The agent console fits a 1280×800 screen with its window manager's frame (it opened at
1280×800 inside the frame, so the title bar pushed the bottom off the screen)."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.helpers.line_process import LineProcess
from tests.helpers.window_manager import window_manager
from tests.helpers.xvfb import xvfb

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_console_and_its_frame_fit_a_1280x800_screen(language: str) -> None:
    with xvfb(1280, 800) as display, window_manager(display):
        child = LineProcess(display, "tests.helpers.console_window_child", language)
        try:
            window = child.until_prefix("window ").split()[1]
            out = subprocess.run(
                ["xwininfo", "-frame", "-id", window],
                env=display.env(),
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            x, y, width, height = (
                int(re.search(rf"{key}:\s+(-?\d+)", out).group(1))  # type: ignore[union-attr]
                for key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
            )
            assert height > 700 and width > 1200, out  # it still uses the screen
            assert x >= 0 and y >= 0 and x + width <= 1280 and y + height <= 800, out
        finally:
            child.close()
