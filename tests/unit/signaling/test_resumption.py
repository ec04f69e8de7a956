"""Sessions outlive their connections: a dropped side is waited for, a new connection takes
the session back with ``resume``, and after a server restart both sides can return."""

from __future__ import annotations

import pytest

from signaling import protocol as p
from signaling.protocol import EndReason, ErrorCode, Role
from signaling.registry import Outgoing, Registry
from signaling.registry_types import PeerId
from signaling.resumption import RESUME_GRACE, token_hash
from tests.unit.signaling.test_registry import (
    ANN,
    BEN,
    OMAR,
    YUKI,
    FakeClock,
    create,
    join_id,
    one,
    raises,
    say,
    sequential_codes,
    to,
)

ANN_AGAIN, YUKI_AGAIN, STRANGER = 21, 31, 32


@pytest.fixture
def registry(clock: FakeClock) -> Registry:
    codes = sequential_codes()
    registry = Registry("Acme Support", clock, make_code=lambda: next(codes))
    registry.add_peer(ANN, Role.AGENT, "Ann Agent", "10.0.0.1", username="ann")
    registry.add_peer(BEN, Role.AGENT, "Ben Agent", "10.0.0.2", username="ben")
    for peer in (YUKI, OMAR):
        registry.add_peer(peer, Role.CUSTOMER, "山田 由紀", "203.0.113.5")
    return registry


def admitted(registry: Registry) -> tuple[str, str]:
    """An active session of Ann and Yuki; returns its id and Yuki's resume token."""
    created = create(registry, ANN)
    jid = join_id(registry, YUKI, created.code)
    out = registry.admit(ANN, p.Admit(id="a", session_id=created.session_id, join_id=jid))
    assert one(out, ANN, p.Admitted).resume_token == ""  # only the customer gets one
    token = one(out, YUKI, p.Admitted).resume_token
    assert len(token) >= 32
    return created.session_id, token


def resume(registry: Registry, peer: PeerId, sid: str, token: str = "", last: int = 0) -> Outgoing:
    request = p.Resume(id="r", session_id=sid, resume_token=token, last_seq=last)
    return registry.resume(peer, request)


def test_a_dropped_customer_is_waited_for_and_resumes_with_its_token(
    registry: Registry, clock: FakeClock
) -> None:
    sid, token = admitted(registry)
    say(registry, ANN, sid, "m1", "見えますか？")
    away = one(registry.remove_peer(YUKI, graceful=False), ANN, p.PeerAway)
    assert (away.session_id, away.role, away.grace) == (sid, Role.CUSTOMER, RESUME_GRACE)
    # While Yuki is away, Ann's chat is numbered and kept (the server stores it).
    assert to(say(registry, ANN, sid, "m2", "もしもし"), ANN) != []

    clock.now += RESUME_GRACE - 1
    assert registry.expire() == []
    registry.add_peer(YUKI_AGAIN, Role.CUSTOMER, "someone", "203.0.113.5")
    out = resume(registry, YUKI_AGAIN, sid, token, last=1)
    resumed = one(out, YUKI_AGAIN, p.Resumed)
    assert (resumed.seq, resumed.peer_present, resumed.customer_name) == (2, True, "山田 由紀")
    assert one(out, ANN, p.PeerBack).role is Role.CUSTOMER
    # The session goes on with the new connection, under the customer's own name.
    one(say(registry, YUKI_AGAIN, sid, "m3", "見えます"), ANN, p.ChatMessage)
    assert one(say(registry, ANN, sid, "m4", "よかった"), YUKI_AGAIN, p.ChatMessage).seq == 4
    clock.now += RESUME_GRACE
    assert registry.expire() == [] and registry.session(sid) is not None


def test_a_forged_token_or_another_sessions_token_is_refused(registry: Registry) -> None:
    sid, token = admitted(registry)
    other = create(registry, BEN)
    jid = join_id(registry, OMAR, other.code)
    out = registry.admit(BEN, p.Admit(id="a", session_id=other.session_id, join_id=jid))
    omars_token = one(out, OMAR, p.Admitted).resume_token
    registry.remove_peer(YUKI, graceful=False)
    registry.add_peer(STRANGER, Role.CUSTOMER, "Mallory", "198.51.100.1")
    for forged in ("", token[:-1] + ("A" if token[-1] != "A" else "B"), omars_token):
        with raises(ErrorCode.RESUME_INVALID):
            resume(registry, STRANGER, sid, forged)
    with raises(ErrorCode.RESUME_INVALID):
        resume(registry, STRANGER, "no-such-session", token)
    with raises(ErrorCode.RESUME_INVALID):  # an agent of another account
        resume(registry, BEN, sid)


def test_after_the_grace_the_session_ends_and_its_token_has_expired(
    registry: Registry, clock: FakeClock
) -> None:
    sid, token = admitted(registry)
    registry.remove_peer(YUKI, graceful=False)
    clock.now += RESUME_GRACE
    ended = one(registry.expire(), ANN, p.SessionEnded)
    assert (ended.session_id, ended.reason) == (sid, EndReason.CUSTOMER_DROPPED)
    registry.add_peer(YUKI_AGAIN, Role.CUSTOMER, "Yuki", "203.0.113.5")
    with raises(ErrorCode.RESUME_EXPIRED):
        resume(registry, YUKI_AGAIN, sid, token)


def test_a_dropped_agent_resumes_by_account_and_a_graceful_close_does_not_wait(
    registry: Registry,
) -> None:
    sid, _ = admitted(registry)
    away = one(registry.remove_peer(ANN, graceful=False), YUKI, p.PeerAway)
    assert away.role is Role.AGENT
    registry.add_peer(ANN_AGAIN, Role.AGENT, "Ann Agent", "10.0.0.9", username="ann")
    out = resume(registry, ANN_AGAIN, sid)
    assert one(out, ANN_AGAIN, p.Resumed).peer_present
    assert one(out, YUKI, p.PeerBack).role is Role.AGENT
    assert registry.owns(ANN_AGAIN, sid) and not registry.owns(ANN, sid)
    ended = one(registry.remove_peer(ANN_AGAIN, graceful=True), YUKI, p.SessionEnded)
    assert ended.reason is EndReason.AGENT_LEFT


def test_without_a_grace_a_drop_ends_the_session_at_once(clock: FakeClock) -> None:
    registry = Registry("Acme Support", clock, resume_grace=0)
    registry.add_peer(ANN, Role.AGENT, "Ann Agent", "10.0.0.1", username="ann")
    registry.add_peer(YUKI, Role.CUSTOMER, "Yuki", "203.0.113.5")
    created = create(registry, ANN)
    jid = join_id(registry, YUKI, created.code)
    registry.admit(ANN, p.Admit(id="a", session_id=created.session_id, join_id=jid))
    ended = one(registry.remove_peer(YUKI, graceful=False), ANN, p.SessionEnded)
    assert ended.reason is EndReason.CUSTOMER_DROPPED


def test_after_a_restart_both_sides_resume_and_numbering_goes_on(
    registry: Registry, clock: FakeClock
) -> None:
    token = "a-token-the-customer-kept"
    registry.restore("restored", ("ann", "Ann Agent"), "山田 由紀", token_hash(token), seq=7)
    registry.add_peer(YUKI_AGAIN, Role.CUSTOMER, "Yuki", "203.0.113.5")
    registry.add_peer(ANN_AGAIN, Role.AGENT, "Ann Agent", "10.0.0.9", username="ann")
    first = one(resume(registry, YUKI_AGAIN, "restored", token, 7), YUKI_AGAIN, p.Resumed)
    assert not first.peer_present and first.agent_name == "Ann Agent"
    out = resume(registry, ANN_AGAIN, "restored", last=5)
    assert one(out, ANN_AGAIN, p.Resumed).peer_present
    one(out, YUKI_AGAIN, p.PeerBack)
    assert (
        one(
            say(registry, ANN_AGAIN, "restored", "m8", "お待たせしました"),
            YUKI_AGAIN,
            p.ChatMessage,
        ).seq
        == 8
    )
    assert set(registry.connected()) >= {YUKI_AGAIN, ANN_AGAIN}


def test_a_restored_session_nobody_returns_to_ends(registry: Registry, clock: FakeClock) -> None:
    registry.restore("restored", ("ann", "Ann Agent"), "Yuki", token_hash("t"), seq=0)
    clock.now += RESUME_GRACE
    registry.expire()
    assert registry.session("restored") is None
    assert registry.connected() == [ANN, BEN, YUKI, OMAR]  # the ghosts are gone too
