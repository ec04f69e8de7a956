"""Customers are not left waiting for Admit forever; sessions nobody uses end by themselves."""

from __future__ import annotations

from signaling import protocol as p
from signaling.protocol import ErrorCode
from signaling.registry import IDLE_TIMEOUT, JOIN_TIMEOUT, Registry
from tests.unit.signaling.test_registry import (
    ANN,
    YUKI,
    FakeClock,
    active,
    create,
    join,
    one,
    say,
    to,
)


def test_a_customer_waiting_too_long_is_let_go(registry: Registry, clock: FakeClock) -> None:
    created = create(registry)
    join(registry, YUKI, created.code, rid="yuki-join")
    clock.now += JOIN_TIMEOUT - 1
    assert registry.expire() == []
    clock.now += 1
    out = registry.expire()
    error = one(out, YUKI, p.Error)
    assert (error.code, error.re) == (ErrorCode.JOIN_TIMEOUT, "yuki-join")
    assert one(out, ANN, p.JoinWithdrawn).session_id == created.session_id
    # The code is still good for trying again (it had not expired).
    assert one(join(registry, YUKI, created.code), YUKI, p.JoinPending)


def test_an_idle_session_ends_for_both(registry: Registry, clock: FakeClock) -> None:
    sid = active(registry)
    clock.now += IDLE_TIMEOUT - 10
    say(registry, YUKI, sid, "m1", "still there?")  # activity restarts the clock
    clock.now += IDLE_TIMEOUT - 1
    assert registry.expire() == []
    clock.now += 1
    out = registry.expire()
    for peer in (ANN, YUKI):
        ended = one(out, peer, p.SessionEnded)
        assert (ended.session_id, ended.reason) == (sid, p.EndReason.IDLE)
    assert to(registry.expire(), ANN) == []
