"""Code guessing is slowed per connection and per address; the limiter itself is pure."""

from __future__ import annotations

import pytest

from signaling import protocol as p
from signaling.protocol import ErrorCode, Role
from signaling.ratelimit import FailureLimiter
from signaling.registry import ADDRESS_FAILURES, CONNECTION_FAILURES, Registry
from signaling.registry_types import RateLimited
from tests.unit.signaling.test_registry import (
    CODE,
    CODE2,
    FakeClock,
    join,
    new_registry,
    one,
    raises,
)

WRONG = "999 999 999"
ATTACKER = "198.51.100.66"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def registry(clock: FakeClock) -> Registry:
    registry = new_registry(clock)
    registry.create_session(1, p.CreateSession(id="c"))  # issues CODE
    return registry


def guess_wrong(registry: Registry, clock: FakeClock, peer: int, times: int) -> None:
    for _ in range(times):
        with raises(ErrorCode.CODE_INVALID):
            join(registry, peer, WRONG)
        clock.now += 1


def test_the_numbers_are_as_documented() -> None:
    assert CONNECTION_FAILURES == (5, 60.0)
    assert ADDRESS_FAILURES == (20, 600.0)


# ------------------------------------------------------------------ through the registry


def test_sixth_try_on_a_connection_is_refused_even_with_the_right_code(
    registry: Registry, clock: FakeClock
) -> None:
    first_failure = clock.now
    guess_wrong(registry, clock, 11, 5)
    with pytest.raises(RateLimited) as info:
        join(registry, 11, CODE)
    assert info.value.code is ErrorCode.RATE_LIMITED
    assert info.value.retry_after == pytest.approx(first_failure + 60 - clock.now)
    assert 0 < info.value.retry_after <= 60
    with pytest.raises(RateLimited):  # being refused does not reset the clock...
        join(registry, 11, CODE)
    clock.now = first_failure + 60  # ...the oldest failure leaving the window does
    one(join(registry, 11, CODE), 11, p.JoinPending)


def test_four_wrong_codes_do_not_lock_anyone_out(registry: Registry, clock: FakeClock) -> None:
    guess_wrong(registry, clock, 11, 4)
    one(join(registry, 11, CODE), 11, p.JoinPending)


def test_typos_that_are_not_codes_do_not_count(registry: Registry, clock: FakeClock) -> None:
    for _ in range(10):
        with raises(ErrorCode.CODE_MALFORMED):
            join(registry, 11, "12345678")
    one(join(registry, 11, CODE), 11, p.JoinPending)


def test_limits_are_per_connection(registry: Registry, clock: FakeClock) -> None:
    guess_wrong(registry, clock, 11, 5)
    one(join(registry, 12, CODE), 12, p.JoinPending)  # another customer elsewhere is fine


def test_reconnecting_resets_the_connection_limit_only(
    registry: Registry, clock: FakeClock
) -> None:
    for connection in range(100, 104):
        registry.add_peer(connection, Role.CUSTOMER, "Mallory", ATTACKER)
        guess_wrong(registry, clock, connection, 5)
        with raises(ErrorCode.RATE_LIMITED):
            join(registry, connection, WRONG)
        registry.remove_peer(connection, graceful=True)
    registry.add_peer(200, Role.CUSTOMER, "Mallory", ATTACKER)
    with pytest.raises(RateLimited) as info:
        join(registry, 200, CODE)
    assert 0 < info.value.retry_after <= 600


def test_twenty_wrong_codes_from_one_address_block_a_new_connection(
    registry: Registry, clock: FakeClock
) -> None:
    start = clock.now
    for connection in range(100, 104):  # 4 connections x 5 failures, none of them closed
        registry.add_peer(connection, Role.CUSTOMER, "Mallory", ATTACKER)
        guess_wrong(registry, clock, connection, 5)
    clock.now = start + 120  # every per-connection window is long over
    registry.add_peer(200, Role.CUSTOMER, "Mallory", ATTACKER)
    with pytest.raises(RateLimited) as info:
        join(registry, 200, CODE)
    assert info.value.retry_after == pytest.approx(start + 600 - clock.now)
    registry.add_peer(300, Role.CUSTOMER, "Yuki", "203.0.113.99")
    one(join(registry, 300, CODE), 300, p.JoinPending)  # another address is unaffected
    clock.now = start + 600  # the first failure has left the address window
    registry.expire()  # ends the first session (its code is 10 minutes old too)
    registry.create_session(1, p.CreateSession(id="c2"))
    one(join(registry, 200, CODE2), 200, p.JoinPending)


def test_expired_and_used_codes_count_as_failures(registry: Registry, clock: FakeClock) -> None:
    sid = one(join(registry, 11, CODE), 11, p.JoinPending).session_id
    registry.end(1, p.EndSession(id="e", session_id=sid))
    for _ in range(5):
        with raises(ErrorCode.CODE_USED):
            join(registry, 12, CODE)
    with raises(ErrorCode.RATE_LIMITED):
        join(registry, 12, CODE)


# ------------------------------------------------------------------ the limiter


def test_limiter_allows_up_to_the_maximum() -> None:
    limiter = FailureLimiter(max_failures=3, window=10.0)
    for now in (0.0, 1.0):
        limiter.record("k", now)
        assert limiter.retry_after("k", now) == 0
    limiter.record("k", 2.0)
    assert limiter.retry_after("k", 2.0) == 8.0  # until the failure at 0.0 is 10 s old
    assert limiter.retry_after("k", 9.5) == 0.5


def test_limiter_window_slides() -> None:
    limiter = FailureLimiter(max_failures=2, window=10.0)
    limiter.record("k", 0.0)
    limiter.record("k", 5.0)
    assert limiter.retry_after("k", 9.99) == pytest.approx(0.01)
    assert limiter.retry_after("k", 10.0) == 0  # exactly one window later it has left
    limiter.record("k", 10.0)
    assert limiter.retry_after("k", 10.0) == 5.0  # now 5.0 is the oldest


def test_limiter_keys_are_independent_and_forgettable() -> None:
    limiter = FailureLimiter(max_failures=1, window=60.0)
    limiter.record("a", 0.0)
    assert limiter.retry_after("a", 1.0) == 59.0
    assert limiter.retry_after("b", 1.0) == 0
    limiter.forget("a")
    limiter.forget("never-seen")
    assert limiter.retry_after("a", 1.0) == 0


def test_prune_all_drops_only_keys_with_nothing_in_the_window() -> None:
    limiter = FailureLimiter(max_failures=5, window=60.0)
    for n in range(1000):
        limiter.record(f"198.51.100.{n}", 0.0)
    limiter.record("old-and-new", 0.0)
    limiter.record("old-and-new", 50.0)
    limiter.prune_all(60.0)
    assert set(limiter._failures) == {"old-and-new"}
    assert list(limiter._failures["old-and-new"]) == [50.0]
    limiter.prune_all(110.0)
    assert limiter._failures == {}
