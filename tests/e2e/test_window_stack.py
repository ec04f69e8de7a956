"""The capture's picture of the windows on a real X server, kept from the server's reports:
after any mix of creating, mapping, moving, resizing, restacking, reparenting and destroying
windows it equals what the server says, and where a window is and what covers it cost no
request to the server while nothing changes."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
import xcffib
import xcffib.xproto as xp

from assist.core.x11_damage import DamageWatcher
from assist.core.x11_stack import WindowStack
from assist.core.x11_windows import WindowGeometry
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e

GEOMETRY = xp.ConfigWindow.X | xp.ConfigWindow.Y | xp.ConfigWindow.Width | xp.ConfigWindow.Height


class Desktop:
    """Another client on the display that makes, moves and stacks windows."""

    def __init__(self, display: Display) -> None:
        self.conn: Any = xcffib.connect(display=display.name)  # type: ignore[no-untyped-call]
        self.root = self.conn.get_setup().roots[0].root
        self.core = self.conn.core

    def create(
        self, x: int, y: int, w: int, h: int, parent: int = 0, input_only: bool = False
    ) -> int:
        window = self.conn.generate_id()
        kind = xp.WindowClass.InputOnly if input_only else xp.WindowClass.InputOutput
        self.core.CreateWindow(0, window, parent or self.root, x, y, w, h, 0, kind, 0, 0, [])
        return window

    def sync(self) -> None:
        self.core.GetInputFocus().reply()

    def close(self) -> None:
        self.conn.disconnect()


@pytest.fixture
def display() -> Iterator[Display]:
    with xvfb(800, 600) as shown:
        yield shown


@pytest.fixture
def desktop(display: Display) -> Iterator[Desktop]:
    other = Desktop(display)
    yield other
    other.close()


def truth(display: Display) -> tuple[list[int], dict[int, Any]]:
    """The stack as the server has it now, read on a fresh connection."""
    conn: Any = xcffib.connect(display=display.name)  # type: ignore[no-untyped-call]
    try:
        stack = WindowStack(conn, conn.get_setup().roots[0].root, drain=None)
        stack.refresh()
        return stack.order(), {w: stack.get(w) for w in stack.order()}
    finally:
        conn.disconnect()


def kept(watcher: DamageWatcher) -> tuple[list[int], dict[int, Any]]:
    watcher.connection.core.GetInputFocus().reply()  # every report so far has come
    watcher.stack.refresh()
    order = list(watcher.stack.order())
    return order, {w: watcher.stack.get(w) for w in order}


def test_the_kept_stack_equals_the_servers_after_any_mix_of_changes(
    display: Display, desktop: Desktop
) -> None:
    watcher = DamageWatcher(display.name)
    rng = random.Random(6)
    windows = [desktop.create(10 * i, 10 * i, 200, 150) for i in range(4)]
    for window in windows:
        desktop.core.MapWindow(window)
    desktop.sync()
    assert kept(watcher) == truth(display)
    for step in range(250):
        change(desktop, windows, rng)
        desktop.sync()
        assert kept(watcher) == truth(display), f"differs after step {step}"
    watcher.close()


def change(desktop: Desktop, windows: list[int], rng: random.Random) -> None:
    """One random change of the kind window managers and applications make."""
    core = desktop.core
    window = rng.choice(windows)
    what = rng.randrange(10)
    if what == 0 or len(windows) < 3:
        size = [rng.randrange(100, 400), rng.randrange(100, 300)]
        windows.append(desktop.create(rng.randrange(500), rng.randrange(400), *size))
        if rng.random() < 0.7:
            core.MapWindow(windows[-1])
    elif what == 1:
        core.MapWindow(window)
    elif what == 2:
        core.UnmapWindow(window)
    elif what == 3:
        values = [rng.randrange(-50, 750), rng.randrange(-50, 550), rng.randrange(1, 300), 40]
        core.ConfigureWindow(window, GEOMETRY, values)
    elif what == 4:
        core.ConfigureWindow(window, xp.ConfigWindow.BorderWidth, [rng.randrange(4)])
    elif what == 5:
        sibling = rng.choice([w for w in windows if w != window])
        mode = rng.choice([xp.StackMode.Above, xp.StackMode.Below])
        core.ConfigureWindow(
            window, xp.ConfigWindow.Sibling | xp.ConfigWindow.StackMode, [sibling, mode]
        )
    elif what == 6:
        mode = rng.choice([xp.StackMode.Above, xp.StackMode.Below])
        core.ConfigureWindow(window, xp.ConfigWindow.StackMode, [mode])
    elif what == 7:
        core.CirculateWindow(
            rng.choice([xp.Circulate.RaiseLowest, xp.Circulate.LowerHighest]), desktop.root
        )
    elif what == 8:  # into another window (a frame), or back out onto the root
        frame = rng.choice([w for w in windows if w != window])
        parent = desktop.root if rng.random() < 0.5 else frame
        core.ReparentWindow(window, parent, rng.randrange(40), rng.randrange(40))
    else:
        core.DestroyWindow(window)
        windows.remove(window)


def test_a_framed_window_is_followed_and_what_covers_it_is_known_without_asking(
    display: Display, desktop: Desktop
) -> None:
    frame = desktop.create(100, 80, 300, 220)
    client = desktop.create(4, 20, 292, 196, parent=frame)  # as a window manager frames it
    other = desktop.create(350, 100, 200, 150)
    glass = desktop.create(0, 0, 800, 600, input_only=True)  # catches input, draws nothing
    for window in (client, frame, other, glass):
        desktop.core.MapWindow(window)
    desktop.sync()
    watcher = DamageWatcher(display.name)
    windows = WindowGeometry(watcher.connection, watcher.root, watcher.stack)

    assert windows.rect(client) == (104, 100, 292, 196)
    assert windows.covering(client) == [(350, 100, 200, 150)]  # not the InputOnly one

    desktop.core.ConfigureWindow(frame, xp.ConfigWindow.X | xp.ConfigWindow.Y, [10, 30])
    desktop.core.ConfigureWindow(other, xp.ConfigWindow.StackMode, [xp.StackMode.Below])
    desktop.sync()
    watcher.connection.core.GetInputFocus().reply()  # the reports have come
    counted = Counting(watcher.connection.core)
    watcher.connection.core = counted
    assert windows.rect(client) == (14, 50, 292, 196)  # followed by the reports
    assert windows.covering(client) == []  # the other window went below
    for _ in range(100):  # the capture asks every frame: nothing goes to the server
        windows.rect(client)
        windows.covering(client)
    assert counted.requests == []

    desktop.core.ConfigureWindow(client, xp.ConfigWindow.Width, [200])  # the client itself
    desktop.sync()
    watcher.connection.core.GetInputFocus().reply()
    assert windows.rect(client) == (14, 50, 200, 196)
    desktop.core.UnmapWindow(frame)
    desktop.sync()
    watcher.connection.core.GetInputFocus().reply()
    assert windows.rect(client) is None  # hidden with its frame
    desktop.core.DestroyWindow(frame)
    desktop.sync()
    watcher.connection.core.GetInputFocus().reply()
    assert windows.rect(client) is None
    assert counted.requests[-1:] != ["GrabServer"]  # a closed window needs no full read
    watcher.close()


class Counting:
    """The connection's core protocol, writing down every request sent through it."""

    def __init__(self, core: Any) -> None:
        self._core = core
        self.requests: list[str] = []

    def __getattr__(self, name: str) -> Any:
        self.requests.append(name)
        return getattr(self._core, name)
