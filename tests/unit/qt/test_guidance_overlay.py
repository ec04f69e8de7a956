"""The customer's guidance overlay and its share-bar button, offscreen: what is on the screen
follows the agent's messages, fading drawings go on time, revoking takes everything off."""

from __future__ import annotations

from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from assist.core import events as ev
from assist.core import guidance as g
from assist.core.capture import Screen
from assist.customer.guidance_view import GuidanceView, on_monitor
from assist.customer.overlay import GuidanceOverlay
from assist.customer.share_bar import ShareBar
from assist.qt.bridge import AsyncioThread, Bridge
from signaling import protocol as p

AREA = QRect(0, 0, 800, 600)


def rect(shape_id: str, fade: float = 0.0) -> g.Shape:
    return g.Shape(
        id=shape_id, tool=g.Tool.RECT, color=g.Color.RED, points=((0.1, 0.1), (0.5, 0.5)), fade=fade
    )


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


def test_pointer_and_shapes_come_and_go(qtbot: QtBot) -> None:
    overlay = GuidanceOverlay("Taro", AREA, translucent=False)
    qtbot.addWidget(overlay)
    assert not overlay.isVisible()  # nothing to show: no window over the customer's screen
    with qtbot.waitSignal(overlay.covered) as covered:
        overlay.show_guidance(g.Pointer(seq=1, x=0.5, y=0.25))
    # The capture is told where the dot is (device pixels) before it is drawn.
    ((x, y, w, h),) = covered.args[0][:1]
    assert x <= 400 < x + w and y <= 150 < y + h and w < 200
    assert overlay.isVisible() and overlay.pointer is not None
    assert (overlay.pointer.x(), overlay.pointer.y()) == (400, 150)
    # Shaped to what it draws: the dot, not the whole screen.
    assert not overlay.mask().contains(AREA.center() + AREA.center())
    assert overlay.mask().contains(overlay.pointer.toPoint())
    overlay.show_guidance(rect("a"))
    overlay.show_guidance(rect("b"))
    overlay.show_guidance(g.Erase(id="a"))
    assert list(overlay.drawn) == ["b"]
    overlay.show_guidance(g.PointerGone())
    overlay.show_guidance(g.Erase())
    assert not overlay.drawn and not overlay.isVisible()


def test_a_fading_drawing_goes_on_time(qtbot: QtBot) -> None:
    clock = Clock()
    overlay = GuidanceOverlay("Taro", AREA, translucent=False, clock=clock)
    qtbot.addWidget(overlay)
    overlay.show_guidance(rect("stays"))
    overlay.show_guidance(rect("fades", fade=3.0))
    clock.now += 2.9
    overlay.on_expiry_timeout()
    assert set(overlay.drawn) == {"stays", "fades"}
    clock.now += 0.2
    overlay.on_expiry_timeout()
    assert set(overlay.drawn) == {"stays"}


def test_revoking_guidance_clears_the_screen_and_the_button(
    qtbot: QtBot, runner: AsyncioThread
) -> None:
    bridge = Bridge(runner)
    view = GuidanceView(bridge, "s1", "Taro")
    bar = ShareBar("Taro", "Acme")
    qtbot.addWidget(bar)
    view.drawings_shown.connect(bar.set_drawings_shown)
    view.share(Screen(1, 0, 0, 800, 600))
    bar.show()
    assert not bar.clear_button.isVisible()
    with qtbot.waitSignal(bridge.guidance_arrived):
        bridge.deliver(ev.GuidanceArrived("s1", rect("a")))
    assert view.overlay is not None and view.overlay.isVisible()
    assert bar.clear_button.isVisible()
    with qtbot.waitSignal(bridge.guidance_arrived):
        bridge.deliver(ev.GuidanceArrived("other-session", rect("b")))
    assert list(view.overlay.drawn) == ["a"]
    with qtbot.waitSignal(bridge.permissions_changed):
        bridge.deliver(ev.PermissionsChanged("s1", frozenset({p.Capability.VIEW})))
    assert not view.overlay.drawn and not view.overlay.isVisible()
    assert not bar.clear_button.isVisible()
    view.close()


def test_guidance_on_a_shared_window_lands_where_the_window_is() -> None:
    window = Screen(0, 1000, 200, 400, 300)  # a window at (1000, 200) on the second monitor
    monitor = Screen(2, 960, 0, 960, 1080)
    moved = on_monitor(g.Pointer(seq=1, x=0.5, y=0.5), window, monitor)
    assert isinstance(moved, g.Pointer)
    assert (moved.x * 960 + 960, moved.y * 1080) == (1200.0, 350.0)  # the window's middle
    whole = Screen(1, 0, 0, 960, 1080)
    assert on_monitor(rect("a"), whole, whole) == rect("a")  # a whole screen: unchanged
