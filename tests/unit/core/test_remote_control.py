"""Remote control's rules on the customer's machine, with an injector that records: no keys
while the customer's own window has the focus, the customer's hand wins, stop releases."""

from __future__ import annotations

from assist.core import guidance as g
from assist.core import keysyms
from assist.core.capture import Screen
from assist.core.injection import RemoteControl
from tests.helpers.recording_injector import RecordingInjector

SCREEN = Screen(1, 0, 0, 1001, 501)


def control(injector: RecordingInjector, focused: list[bool]) -> RemoteControl:
    return RemoteControl(lambda: injector, lambda: SCREEN, lambda: focused[0])


def test_no_keys_while_the_customers_own_window_has_the_focus() -> None:
    injector, focused = RecordingInjector(), [True]
    remote = control(injector, focused)
    remote.apply(g.TypeText(text="yes")).result()
    remote.apply(g.Key(key="Return", down=True)).result()
    remote.apply(g.MouseMove(x=0.5, y=0.5)).result()  # the mouse still works
    assert injector.done == [("move", 500, 250)]
    assert remote.dropped["own_window"] == 2
    focused[0] = False
    remote.apply(g.TypeText(text="ok")).result()
    assert injector.done[-1] == ("type", "ok")
    remote.stop().result()


def test_stop_releases_what_the_agent_held() -> None:
    injector = RecordingInjector()
    remote = control(injector, [False])
    remote.apply(g.Key(key="Control_L", down=True)).result()
    remote.apply(g.MouseButton(x=0.1, y=0.1, button=g.Button.LEFT, down=True)).result()
    remote.stop().result()
    assert injector.done[-2:] == [
        ("button", "left", False),
        ("key", keysyms.from_name("Control_L"), False),
    ]
    assert injector.closed
    remote.apply(g.TypeText(text="late")).result()
    assert ("type", "late") not in injector.done and remote.dropped["revoked"] == 1


def test_the_customers_hand_pauses_the_agent() -> None:
    injector = RecordingInjector()
    remote = control(injector, [False])
    remote.apply(g.MouseMove(x=0.0, y=0.0)).result()
    injector.at = (300, 300)  # the customer moved the mouse
    remote.apply(g.MouseMove(x=0.5, y=0.5)).result()
    assert remote.dropped["customer_active"] == 1
    assert injector.done == [("move", 0, 0)]
    remote.stop().result()
