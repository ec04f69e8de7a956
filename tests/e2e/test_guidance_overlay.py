"""The agent's drawing and pointer on the customer's real X display (no compositor): a grab of
the screen shows them where the agent put them, everything else stays visible, and a click
on the pointer's dot goes through to the application below (a separate process)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import mss
import numpy as np
import pytest

from assist.core import guidance as g
from assist.core.capture import MssGrabber, ScreenPicture
from assist.core.capture_areas import KeptAreas
from assist.core.geometry import Rect
from assist.core.x11_desktop import has_compositor
from assist.qt.guidance_paint import POINTER_COLOR
from tests.helpers.child_process import ChildProcess
from tests.helpers.click_target import COLOR as BACKGROUND
from tests.helpers.line_process import LineProcess
from tests.helpers.waits import poll_until
from tests.helpers.xtest import click
from tests.helpers.xvfb import Display, split_into_monitors, xvfb

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 720


@contextmanager
def desktop(
    scale: int = 1,
    compositor: bool = False,
    monitors: int = 1,
    shared: Rect = (0, 0, WIDTH, HEIGHT),
    window: bool = False,
) -> Iterator[tuple[Display, LineProcess, LineProcess]]:
    """A customer display (``monitors`` RandR monitors of WIDTH×HEIGHT side by side) with
    an application under everything and the customer's guidance over ``shared``: a screen,
    or with ``window`` a window there."""
    with xvfb(WIDTH * monitors, HEIGHT) as display, composited(display, compositor):
        if monitors > 1:
            split_into_monitors(display, monitors)
        target = LineProcess(display, "tests.helpers.click_target")
        target.until("ready")
        overlay = LineProcess(
            display,
            "tests.helpers.overlay_child",
            "--screen",
            ",".join(map(str, shared)),
            *(["--window"] if window else []),
            env={"QT_SCALE_FACTOR": str(scale)},  # HiDPI: the overlay works in logical pixels
        )
        ready = overlay.until_prefix("ready")
        assert ready == ("ready translucent" if compositor else "ready shaped")
        try:
            yield display, target, overlay
        finally:
            overlay.close()
            target.close()


@contextmanager
def composited(display: Display, wanted: bool) -> Iterator[None]:
    """A compositing manager on ``display`` (Debian's xcompmgr) when ``wanted``."""
    if not wanted:
        yield
        return
    binary = shutil.which("xcompmgr")
    assert binary, "xcompmgr is missing: run .ci/install (apt package xcompmgr)"
    with ChildProcess([binary], env=display.env()) as manager:
        # No event says a compositing manager took the display: its selection is polled.
        poll_until(lambda: has_compositor(display.name), 10, "the compositor running")
        yield
        manager.terminate()


def grab(display: Display) -> np.ndarray:
    with mss.MSS(display=display.name) as shooter:
        shot = shooter.grab(shooter.monitors[0])  # all monitors
    return np.asarray(shot)[:, :, 2::-1]  # BGRA -> RGB


def close_to(pixel: np.ndarray, rgb: tuple[int, int, int], tolerance: int = 30) -> bool:
    return bool(np.all(np.abs(pixel.astype(int) - np.array(rgb)) <= tolerance))


@pytest.mark.parametrize(
    ("scale", "compositor"),
    [(1, False), (2, False), (1, True)],
    ids=["shaped", "shaped-hidpi", "translucent-composited"],
)
def test_drawing_and_pointer_show_where_the_agent_put_them_and_clicks_pass(
    scale: int, compositor: bool
) -> None:
    with desktop(scale, compositor) as (display, target, overlay):
        box = g.Shape(
            id="r1", tool=g.Tool.RECT, color=g.Color.RED, points=((0.25, 0.25), (0.5, 0.5))
        )
        overlay.send(g.serialize(box))
        overlay.until("shown 1")
        screen = grab(display)
        red = g.COLOR_RGB[g.Color.RED]
        assert close_to(screen[HEIGHT // 4, WIDTH * 3 // 8], red)  # top edge of the box
        assert close_to(screen[HEIGHT * 3 // 8, WIDTH * 3 // 8], BACKGROUND)  # inside: clear
        assert close_to(screen[10, 10], BACKGROUND)  # the rest of the screen untouched

        overlay.send(g.serialize(g.Pointer(seq=1, x=0.75, y=0.5)))
        overlay.until("shown 2")
        screen = grab(display)
        dot = POINTER_COLOR.getRgb()[:3]
        assert close_to(screen[HEIGHT // 2, WIDTH * 3 // 4], dot)

        # The customer clicks right on the dot: the application below gets the click.
        click(display.name, WIDTH * 3 // 4, HEIGHT // 2)
        target.until(f"clicked {WIDTH * 3 // 4} {HEIGHT // 2}")

        overlay.send(g.serialize(g.Erase()))
        overlay.send(g.serialize(g.PointerGone()))
        overlay.until("shown 4")
        screen = grab(display)
        assert close_to(screen[HEIGHT // 4, WIDTH * 3 // 8], BACKGROUND)
        assert close_to(screen[HEIGHT // 2, WIDTH * 3 // 4], BACKGROUND)


def covered(lines: list[str]) -> list[Rect]:
    """The last ``covered X,Y,W,H;...`` report among ``lines``."""
    last = [line for line in lines if line.startswith("covered")][-1]
    parts = last.removeprefix("covered").strip().split(";")
    return [(x, y, w, h) for x, y, w, h in (map(int, p.split(",")) for p in parts if p)]


def test_the_video_keeps_what_was_under_the_overlay(monkeypatch: pytest.MonkeyPatch) -> None:
    """The capture, told where the overlay draws, sends what was there before: the agent's
    view paints its own copy, so no lagging second copy comes back in the video."""
    with desktop() as (display, _, overlay):
        monkeypatch.setenv("DISPLAY", display.name)
        monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        grabber = MssGrabber()
        try:
            screen = grabber.screens()[0]
            kept = KeptAreas()
            picture = ScreenPicture(grabber, screen, kept)
            box = g.Shape(
                id="r1", tool=g.Tool.RECT, color=g.Color.RED, points=((0.25, 0.25), (0.5, 0.5))
            )
            overlay.send(g.serialize(box))
            lines = overlay.until("shown 1")
            kept.set(covered(lines))
            picture.update([picture.whole])
            video = picture.frame().to_ndarray(format="rgb24")
            edge = (HEIGHT // 4, WIDTH * 3 // 8)
            assert close_to(grab(display)[edge], g.COLOR_RGB[g.Color.RED])  # on the screen
            assert close_to(video[edge], BACKGROUND, tolerance=12)  # not in the video
        finally:
            grabber.close()


@pytest.mark.parametrize(
    ("scale", "window"), [(1, False), (2, True)], ids=["screen", "window-hidpi"]
)
def test_on_the_second_monitor_guidance_lands_on_it(
    scale: int, window: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two RandR monitors on one X screen: the customer is offered both, and shares the
    second (or a window on it); the agent's drawing and pointer show there, at the right
    place, and the capture is told where in its own coordinates."""
    second: Rect = (WIDTH, 0, WIDTH, HEIGHT)
    shared = (WIDTH + 200, 100, 400, 300) if window else second
    with desktop(scale, monitors=2, shared=shared, window=window) as (display, target, overlay):
        monkeypatch.setenv("DISPLAY", display.name)
        monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        grabber = MssGrabber()
        try:
            screens = grabber.screens()
            offered = [(s.left, s.top, s.width, s.height) for s in screens]
            assert offered == [(0, 0, WIDTH, HEIGHT), second]

            box = g.Shape(
                id="r1", tool=g.Tool.RECT, color=g.Color.RED, points=((0.25, 0.25), (0.5, 0.5))
            )
            overlay.send(g.serialize(box))
            lines = overlay.until("shown 1")
            left, top, width, height = shared
            edge = (top + height // 4, left + width * 3 // 8)  # the box's top edge (row, column)
            screen = grab(display)
            assert close_to(screen[edge], g.COLOR_RGB[g.Color.RED])
            assert close_to(screen[edge[0], edge[1] - WIDTH], BACKGROUND)  # not on the first
            # What the capture of the second monitor sends shows it there too.
            video = ScreenPicture(grabber, screens[1]).frame().to_ndarray(format="rgb24")
            assert close_to(video[edge[0], edge[1] - WIDTH], g.COLOR_RGB[g.Color.RED], 40)
        finally:
            grabber.close()
        # The capture keeps that place, in the coordinates of what it captures.
        kept = covered(lines)
        point = (width * 3 // 8, height // 4)
        assert any(x <= point[0] < x + w and y <= point[1] < y + h for x, y, w, h in kept)

        overlay.send(g.serialize(g.Pointer(seq=1, x=0.5, y=0.5)))
        overlay.until("shown 2")
        middle = (left + width // 2, top + height // 2)
        assert close_to(grab(display)[middle[1], middle[0]], POINTER_COLOR.getRgb()[:3])
        click(display.name, *middle)  # through the dot, to the application below
        target.until(f"clicked {middle[0]} {middle[1]}")
        if not window:
            return
        # The customer drags the shared window onto the first monitor: guidance follows it.
        overlay.send(f"area {left - WIDTH},{top},{width},{height}")
        overlay.send(g.serialize(g.Pointer(seq=2, x=0.5, y=0.5)))
        overlay.until("shown 3")
        screen = grab(display)
        assert close_to(screen[middle[1], middle[0] - WIDTH], POINTER_COLOR.getRgb()[:3])
        assert close_to(screen[middle[1], middle[0]], BACKGROUND)  # gone from the second
