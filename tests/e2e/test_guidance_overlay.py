"""The agent's drawing and pointer on the customer's real X display (no compositor): a grab of
the screen shows them where the agent put them, everything else stays visible, and a click
on the pointer's dot goes through to the application below (a separate process)."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import mss
import numpy as np
import pytest

from assist.core import guidance as g
from assist.qt.guidance_paint import POINTER_COLOR
from tests.helpers.click_target import COLOR as BACKGROUND
from tests.helpers.waits import scaled
from tests.helpers.xtest import click
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 720


class Child:
    """A helper process on the test display, its stdout lines collected by a thread."""

    def __init__(self, display: Display, module: str, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            env=display.env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def send(self, message: g.Guidance) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(g.serialize(message) + "\n")
        self.proc.stdin.flush()

    def expect(self, wanted: str, timeout: float = 15) -> None:
        seen: list[str] = []
        try:
            while (line := self.lines.get(timeout=scaled(timeout))) != wanted:
                seen.append(line)
        except queue.Empty:
            raise AssertionError(f"no {wanted!r}; saw {seen}") from None

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


@contextmanager
def desktop() -> Iterator[tuple[Display, Child, Child]]:
    with xvfb(WIDTH, HEIGHT) as display:
        target = Child(display, "tests.helpers.click_target")
        target.expect("ready")
        overlay = Child(display, "tests.helpers.overlay_child", "--screen", f"0,0,{WIDTH},{HEIGHT}")
        overlay.expect("ready")
        try:
            yield display, target, overlay
        finally:
            overlay.stop()
            target.stop()


def grab(display: Display) -> np.ndarray:
    with mss.MSS(display=display.name) as shooter:
        shot = shooter.grab(shooter.monitors[1])
    return np.asarray(shot)[:, :, 2::-1]  # BGRA -> RGB


def close_to(pixel: np.ndarray, rgb: tuple[int, int, int], tolerance: int = 30) -> bool:
    return bool(np.all(np.abs(pixel.astype(int) - np.array(rgb)) <= tolerance))


def test_drawing_and_pointer_show_where_the_agent_put_them_and_clicks_pass() -> None:
    with desktop() as (display, target, overlay):
        box = g.Shape(
            id="r1", tool=g.Tool.RECT, color=g.Color.RED, points=((0.25, 0.25), (0.5, 0.5))
        )
        overlay.send(box)
        overlay.expect("shown 1")
        screen = grab(display)
        red = g.COLOR_RGB[g.Color.RED]
        assert close_to(screen[HEIGHT // 4, WIDTH * 3 // 8], red)  # top edge of the box
        assert close_to(screen[HEIGHT * 3 // 8, WIDTH * 3 // 8], BACKGROUND)  # inside: clear
        assert close_to(screen[10, 10], BACKGROUND)  # the rest of the screen untouched

        overlay.send(g.Pointer(seq=1, x=0.75, y=0.5))
        overlay.expect("shown 2")
        screen = grab(display)
        dot = POINTER_COLOR.getRgb()[:3]
        assert close_to(screen[HEIGHT // 2, WIDTH * 3 // 4], dot)

        # The customer clicks right on the dot: the application below gets the click.
        click(display.name, WIDTH * 3 // 4, HEIGHT // 2)
        target.expect(f"clicked {WIDTH * 3 // 4} {HEIGHT // 2}")

        overlay.send(g.Erase())
        overlay.send(g.PointerGone())
        overlay.expect("shown 4")
        screen = grab(display)
        assert close_to(screen[HEIGHT // 4, WIDTH * 3 // 8], BACKGROUND)
        assert close_to(screen[HEIGHT // 2, WIDTH * 3 // 4], BACKGROUND)
