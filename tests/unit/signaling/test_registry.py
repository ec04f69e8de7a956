"""Session rules driven directly, with a fake clock: codes, admission, relay, chat, leaving."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TypeVar

import pytest

from signaling import protocol as p
from signaling.protocol import EndReason, ErrorCode, ProtocolError, Role
from signaling.registry import Outgoing, Registry
from signaling.registry_types import PeerId
from signaling.resumption import RESUME_GRACE

M = TypeVar("M", bound=p.Message)

ORG = "Acme Support"
ANN, BEN = 1, 2  # agents
YUKI, OMAR, ZOE = 11, 12, 13  # customers
CODE, CODE2 = "100000001", "100000002"  # what the injected make_code issues first


class FakeClock:
    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def sequential_codes() -> Iterator[str]:
    return (str(n) for n in itertools.count(100_000_001))


def new_registry(clock: FakeClock) -> Registry:
    codes = sequential_codes()
    registry = Registry(ORG, clock, make_code=lambda: next(codes))
    registry.add_peer(ANN, Role.AGENT, "Ann Agent", "10.0.0.1")
    registry.add_peer(BEN, Role.AGENT, "Ben Agent", "10.0.0.2")
    registry.add_peer(YUKI, Role.CUSTOMER, " 山田 由紀 🌸 ", "203.0.113.5")
    registry.add_peer(OMAR, Role.CUSTOMER, "Omar", "198.51.100.7")
    registry.add_peer(ZOE, Role.CUSTOMER, "Zoë", "198.51.100.8")
    return registry


def to(out: Outgoing, peer: PeerId) -> list[p.Message]:
    return [message for receiver, message in out if receiver == peer]


def one(out: Outgoing, peer: PeerId, kind: type[M]) -> M:
    messages = to(out, peer)
    assert len(messages) == 1, f"peer {peer} got {messages}"
    assert isinstance(messages[0], kind), messages[0]
    return messages[0]


def raises(code: ErrorCode) -> pytest.RaisesExc[ProtocolError]:
    return pytest.raises(ProtocolError, check=lambda exc: exc.code is code)


def create(registry: Registry, agent: PeerId = ANN) -> p.SessionCreated:
    return one(
        registry.create_session(agent, p.CreateSession(id="create")), agent, p.SessionCreated
    )


def join(registry: Registry, customer: PeerId, code: str, rid: str = "join") -> Outgoing:
    return registry.join(customer, p.Join(id=rid, code=code))


def join_id(registry: Registry, customer: PeerId, code: str, rid: str = "join") -> str:
    return one(join(registry, customer, code, rid), customer, p.JoinPending).join_id


def admit(registry: Registry, session_id: str, jid: str, agent: PeerId = ANN) -> Outgoing:
    return registry.admit(agent, p.Admit(id="admit", session_id=session_id, join_id=jid))


def active(registry: Registry, agent: PeerId = ANN, customer: PeerId = YUKI) -> str:
    created = create(registry, agent)
    admit(registry, created.session_id, join_id(registry, customer, created.code), agent)
    return created.session_id


def chat(registry: Registry, sender: PeerId, message: p.Chat) -> Outgoing:
    """As the server numbers a chat message: prepared, (stored,) then committed."""
    stored, fresh = registry.prepare_chat(sender, message)
    return registry.commit_chat(sender, message, stored, fresh)


def say(registry: Registry, sender: PeerId, sid: str, msg_id: str, text: str) -> Outgoing:
    return chat(
        registry, sender, p.Chat(id=f"req-{msg_id}", session_id=sid, msg_id=msg_id, text=text)
    )


# ------------------------------------------------------------------ creating and joining


def test_create_session_issues_a_nine_digit_code_for_ten_minutes(clock: FakeClock) -> None:
    registry = Registry(ORG, clock)  # the real code generator
    registry.add_peer(ANN, Role.AGENT, "Ann Agent", "10.0.0.1")
    created = [create(registry) for _ in range(20)]
    for session in created:
        assert len(session.code) == 9 and session.code.isascii() and session.code.isdigit()
        assert session.expires_in == 600
        assert session.re == "create"
    assert len({s.code for s in created}) == len({s.session_id for s in created}) == 20


def test_a_code_still_in_use_is_never_issued_twice(clock: FakeClock) -> None:
    codes = iter(["111111111", "111111111", "222222222"])
    registry = Registry(ORG, clock, make_code=lambda: next(codes))
    registry.add_peer(ANN, Role.AGENT, "Ann Agent", "10.0.0.1")
    assert [create(registry).code, create(registry).code] == ["111111111", "222222222"]


def test_wrong_code_is_code_invalid(registry: Registry) -> None:
    create(registry)
    with raises(ErrorCode.CODE_INVALID):
        join(registry, YUKI, "999999999")


def test_malformed_code_is_code_malformed(registry: Registry) -> None:
    create(registry)
    with raises(ErrorCode.CODE_MALFORMED):
        join(registry, YUKI, "1000000O1")


def test_join_waits_for_the_agent(registry: Registry) -> None:
    created = create(registry)
    out = join(registry, YUKI, "１００ ０００－００１", rid="yuki-join")
    pending = one(out, YUKI, p.JoinPending)
    request = one(out, ANN, p.JoinRequest)
    assert (pending.re, pending.session_id) == ("yuki-join", created.session_id)
    assert (pending.agent_name, pending.org_name) == ("Ann Agent", ORG)
    assert request.customer_name == "山田 由紀 🌸"
    assert (request.session_id, request.join_id) == (created.session_id, pending.join_id)
    with raises(ErrorCode.WRONG_STATE):
        join(registry, YUKI, CODE)  # already waiting


def test_admit_tells_both_sides_and_kills_the_code(registry: Registry) -> None:
    created = create(registry)
    jid = join_id(registry, YUKI, CODE, rid="yuki-join")
    out = admit(registry, created.session_id, jid)
    for_agent, for_customer = one(out, ANN, p.Admitted), one(out, YUKI, p.Admitted)
    assert (for_agent.re, for_customer.re) == ("admit", "yuki-join")
    for message in (for_agent, for_customer):
        assert message.session_id == created.session_id
        assert (message.agent_name, message.customer_name) == ("Ann Agent", "山田 由紀 🌸")
        assert message.org_name == ORG
    with raises(ErrorCode.CODE_USED):
        join(registry, OMAR, CODE)
    with raises(ErrorCode.WRONG_STATE):
        join(registry, YUKI, CODE)  # already in a session


def test_decline_leaves_the_code_valid_for_the_right_person(registry: Registry) -> None:
    created = create(registry)
    stranger = join_id(registry, OMAR, CODE, rid="omar-join")
    out = registry.decline(ANN, p.Decline(id="no", session_id=created.session_id, join_id=stranger))
    assert one(out, ANN, p.Ok).re == "no"
    assert one(out, OMAR, p.Declined).re == "omar-join"
    out = admit(registry, created.session_id, join_id(registry, YUKI, CODE))
    assert one(out, YUKI, p.Admitted).customer_name == "山田 由紀 🌸"
    with raises(ErrorCode.NOT_FOUND):
        registry.decline(ANN, p.Decline(id="x", session_id=created.session_id, join_id=stranger))


def test_admitting_one_of_two_joiners_turns_the_other_away(registry: Registry) -> None:
    created = create(registry)
    yuki = join_id(registry, YUKI, CODE, rid="yuki-join")
    join_id(registry, OMAR, "100 000 001", rid="omar-join")
    out = admit(registry, created.session_id, yuki)
    one(out, YUKI, p.Admitted)
    refused = one(out, OMAR, p.Error)
    assert (refused.code, refused.re) == (ErrorCode.CODE_USED, "omar-join")
    with raises(ErrorCode.CODE_USED):
        join(registry, OMAR, CODE)  # Omar may try again, and hears the same


def test_admit_of_unknown_join_is_not_found(registry: Registry) -> None:
    created = create(registry)
    with raises(ErrorCode.NOT_FOUND):
        admit(registry, created.session_id, "no-such-join")


def test_agent_cannot_admit_into_another_agents_session(registry: Registry) -> None:
    created = create(registry, ANN)
    jid = join_id(registry, YUKI, CODE)
    with raises(ErrorCode.NOT_FOUND):
        admit(registry, created.session_id, jid, agent=BEN)
    with raises(ErrorCode.NOT_FOUND):
        registry.decline(BEN, p.Decline(id="d", session_id=created.session_id, join_id=jid))
    one(admit(registry, created.session_id, jid, agent=ANN), YUKI, p.Admitted)


# ------------------------------------------------------------------ expiry and single use


def test_code_works_until_just_before_ten_minutes(registry: Registry, clock: FakeClock) -> None:
    created = create(registry)
    clock.now += 599.9
    one(join(registry, YUKI, CODE), ANN, p.JoinRequest)
    assert registry.session(created.session_id) is not None


def test_code_expires_after_ten_minutes(registry: Registry, clock: FakeClock) -> None:
    create(registry)
    clock.now += 600
    registry.expire()
    with raises(ErrorCode.CODE_EXPIRED):
        join(registry, YUKI, CODE)


def test_code_is_expired_even_before_the_sweep_runs(registry: Registry, clock: FakeClock) -> None:
    create(registry)
    clock.now += 600
    with raises(ErrorCode.CODE_EXPIRED):
        join(registry, YUKI, CODE)


def test_expire_ends_a_waiting_session_and_tells_everyone(
    registry: Registry, clock: FakeClock
) -> None:
    created = create(registry)
    clock.now += 599.9
    join(registry, YUKI, CODE, rid="yuki-join")
    assert registry.expire() == []  # not yet
    clock.now += 0.1
    out = registry.expire()
    ended = one(out, ANN, p.SessionEnded)
    assert (ended.session_id, ended.reason) == (created.session_id, EndReason.EXPIRED)
    error = one(out, YUKI, p.Error)
    assert (error.code, error.re) == (ErrorCode.CODE_EXPIRED, "yuki-join")
    assert registry.session(created.session_id) is None
    with raises(ErrorCode.CODE_EXPIRED):
        join(registry, OMAR, CODE)
    create(registry)  # the agent can start over with a fresh code
    one(join(registry, YUKI, CODE2), YUKI, p.JoinPending)


def test_an_admitted_session_outlives_the_code(registry: Registry, clock: FakeClock) -> None:
    sid = active(registry)
    clock.now += 3 * 600
    assert registry.expire() == []
    one(say(registry, YUKI, sid, "m1", "まだ繋がっていますか？"), ANN, p.ChatMessage)


def test_ended_session_code_is_used(registry: Registry) -> None:
    created = create(registry)
    out = registry.end(ANN, p.EndSession(id="bye", session_id=created.session_id))
    ended = one(out, ANN, p.SessionEnded)
    assert (ended.reason, ended.re) == (EndReason.AGENT_ENDED, "bye")
    with raises(ErrorCode.CODE_USED):
        join(registry, YUKI, CODE)


def test_end_tells_both_participants(registry: Registry) -> None:
    sid = active(registry)
    out = registry.end(YUKI, p.EndSession(id="bye", session_id=sid))
    for_customer, for_agent = one(out, YUKI, p.SessionEnded), one(out, ANN, p.SessionEnded)
    assert for_customer.reason is for_agent.reason is EndReason.CUSTOMER_ENDED
    assert (for_customer.re, for_agent.re) == ("bye", "")
    assert registry.session(sid) is None
    with raises(ErrorCode.NOT_FOUND):
        say(registry, ANN, sid, "late", "hello?")
    fresh = create(registry)
    one(join(registry, YUKI, fresh.code), ANN, p.JoinRequest)  # free to join again


# ------------------------------------------------------------------ chat and relay


def test_chat_is_numbered_from_one_and_reaches_both(registry: Registry) -> None:
    sid = active(registry)
    first = say(registry, ANN, sid, "a1", "Hello! Can you see my cursor?")
    second = say(registry, YUKI, sid, "y1", "はい、見えます 👍")
    assert one(first, ANN, p.ChatMessage).re == "req-a1"  # the sender's copy is its ack
    assert one(first, YUKI, p.ChatMessage).re == ""
    for_customer = one(first, YUKI, p.ChatMessage)
    assert (for_customer.seq, for_customer.sender, for_customer.sender_name) == (
        1,
        Role.AGENT,
        "Ann Agent",
    )
    for_agent = one(second, ANN, p.ChatMessage)
    assert (for_agent.seq, for_agent.sender, for_agent.text) == (
        2,
        Role.CUSTOMER,
        "はい、見えます 👍",
    )
    assert for_agent.sender_name == "山田 由紀 🌸"
    assert one(second, YUKI, p.ChatMessage).seq == 2


def test_chat_resend_is_answered_with_the_same_number(registry: Registry) -> None:
    sid = active(registry)
    say(registry, ANN, sid, "a1", "first")
    original = one(say(registry, YUKI, sid, "y1", "second"), ANN, p.ChatMessage)
    out = chat(registry, YUKI, p.Chat(id="retry", session_id=sid, msg_id="y1", text="second"))
    assert to(out, ANN) == []  # the agent does not see it twice
    resent = one(out, YUKI, p.ChatMessage)
    assert (resent.seq, resent.re, resent.ts, resent.text) == (2, "retry", original.ts, "second")
    assert one(say(registry, ANN, sid, "a2", "third"), YUKI, p.ChatMessage).seq == 3


def test_the_two_sides_msg_ids_do_not_collide(registry: Registry) -> None:
    sid = active(registry)
    say(registry, ANN, sid, "1", "Hello from the agent")
    out = say(registry, YUKI, sid, "1", "Hello from the customer")
    received = one(out, ANN, p.ChatMessage)
    assert (received.seq, received.text) == (2, "Hello from the customer")


def test_chat_numbers_are_per_session(registry: Registry) -> None:
    first, second = active(registry, ANN, YUKI), active(registry, ANN, OMAR)
    assert one(say(registry, YUKI, first, "m", "a"), ANN, p.ChatMessage).seq == 1
    assert one(say(registry, YUKI, first, "n", "b"), ANN, p.ChatMessage).seq == 2
    for_omar = one(say(registry, ANN, second, "m", "c"), OMAR, p.ChatMessage)
    assert (for_omar.seq, for_omar.session_id, for_omar.text) == (1, second, "c")


def send(registry: Registry, sender: PeerId, sid: str, kind: str) -> Outgoing:
    """What a participant may send once admitted, one kind at a time."""
    if kind == "chat":
        return say(registry, sender, sid, "m", "hello?")
    messages: dict[str, p.Sdp | p.Ice | p.ShareStatus] = {
        "sdp": p.Sdp(session_id=sid, sdp_type=p.SdpType.OFFER, sdp="v=0\r\n"),
        "ice": p.Ice(session_id=sid, candidate="candidate:1 1 udp 1 192.0.2.1 5000 typ host"),
        "share_status": p.ShareStatus(session_id=sid, state=p.ShareState.SHARING),
    }
    return registry.relay(sender, messages[kind])


KINDS = ["sdp", "ice", "share_status", "chat"]


def test_relay_passes_messages_unchanged_to_the_other_side(registry: Registry) -> None:
    sid = active(registry)
    offer = p.Sdp(session_id=sid, sdp_type=p.SdpType.OFFER, sdp="v=0\r\n")
    answer = p.Sdp(session_id=sid, sdp_type=p.SdpType.ANSWER, sdp="v=0\r\n")
    candidate = p.Ice(session_id=sid, candidate="", sdp_mid="0", sdp_mline_index=0)
    share = p.ShareStatus(session_id=sid, state=p.ShareState.PAUSED)
    assert registry.relay(ANN, offer) == [(YUKI, offer)]
    assert registry.relay(YUKI, answer) == [(ANN, answer)]
    assert registry.relay(YUKI, candidate) == [(ANN, candidate)]
    assert registry.relay(YUKI, share) == [(ANN, share)]


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_flows_before_admission(registry: Registry, kind: str) -> None:
    created = create(registry)
    join(registry, YUKI, CODE)
    with raises(ErrorCode.WRONG_STATE):
        send(registry, ANN, created.session_id, kind)
    with raises(ErrorCode.NOT_FOUND):  # a waiting customer is not in the session yet
        send(registry, YUKI, created.session_id, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_a_stranger_cannot_reach_into_a_session(registry: Registry, kind: str) -> None:
    sid = active(registry, ANN, YUKI)
    for stranger in (OMAR, BEN):
        with raises(ErrorCode.NOT_FOUND):
            send(registry, stranger, sid, kind)
    with raises(ErrorCode.NOT_FOUND):
        registry.end(BEN, p.EndSession(id="e", session_id=sid))
    assert to(send(registry, YUKI, sid, kind), ANN) != []  # the session is untouched


# ------------------------------------------------------------------ leaving


def gone(registry: Registry, clock: FakeClock, peer: PeerId, graceful: bool) -> Outgoing:
    """``peer``'s connection closes; a dropped one is first waited for (``peer_away`` to the
    other side), then given up on when the resume grace has passed."""
    out = registry.remove_peer(peer, graceful)
    if graceful:
        return out
    assert all(isinstance(m, p.PeerAway | p.Error) for _, m in out), out
    clock.now += RESUME_GRACE
    return out + registry.expire()


@pytest.mark.parametrize(
    ("graceful", "reason"), [(True, EndReason.CUSTOMER_LEFT), (False, EndReason.CUSTOMER_DROPPED)]
)
def test_customer_leaving_ends_the_session(
    registry: Registry, clock: FakeClock, graceful: bool, reason: EndReason
) -> None:
    sid = active(registry)
    out = gone(registry, clock, YUKI, graceful)
    ended = [m for m in to(out, ANN) if isinstance(m, p.SessionEnded)]
    assert [(e.session_id, e.reason) for e in ended] == [(sid, reason)]
    assert to(out, YUKI) == []
    with raises(ErrorCode.CODE_USED):
        join(registry, OMAR, CODE)
    assert registry.remove_peer(YUKI, graceful) == []


def test_waiting_customer_leaving_withdraws_the_join(registry: Registry) -> None:
    created = create(registry)
    jid = join_id(registry, YUKI, CODE)
    out = registry.remove_peer(YUKI, graceful=False)
    assert out == [(ANN, p.JoinWithdrawn(session_id=created.session_id, join_id=jid))]
    with raises(ErrorCode.NOT_FOUND):
        admit(registry, created.session_id, jid)
    one(join(registry, OMAR, CODE), ANN, p.JoinRequest)  # the code is still good


@pytest.mark.parametrize(
    ("graceful", "reason"), [(True, EndReason.AGENT_LEFT), (False, EndReason.AGENT_DROPPED)]
)
def test_agent_leaving_ends_all_their_sessions(
    registry: Registry, clock: FakeClock, graceful: bool, reason: EndReason
) -> None:
    sid = active(registry, ANN, YUKI)
    waiting = create(registry, ANN)
    join(registry, OMAR, waiting.code, rid="omar-join")
    untouched = active(registry, BEN, ZOE)
    out = gone(registry, clock, ANN, graceful)
    ended = one(out, YUKI, p.SessionEnded) if graceful else to(out, YUKI)[-1]
    assert isinstance(ended, p.SessionEnded)
    assert (ended.session_id, ended.reason) == (sid, reason)
    error = one(out, OMAR, p.Error)  # a code cannot wait: it dies with the connection
    assert (error.code, error.re) == (ErrorCode.CODE_USED, "omar-join")
    assert to(out, ZOE) == [] and to(out, BEN) == []
    assert registry.session(sid) is None and registry.session(waiting.session_id) is None
    assert registry.live_sessions == 1
    one(say(registry, ZOE, untouched, "z", "still here"), BEN, p.ChatMessage)


def test_an_agents_sessions_are_independent(registry: Registry) -> None:
    first, second = create(registry), create(registry)
    assert first.code != second.code
    first_join = join_id(registry, YUKI, first.code)
    second_join = join_id(registry, OMAR, p.format_code(second.code))
    with raises(ErrorCode.NOT_FOUND):
        admit(registry, first.session_id, second_join)
    one(admit(registry, second.session_id, second_join), OMAR, p.Admitted)
    one(join(registry, ZOE, first.code), ANN, p.JoinRequest)  # first code still live
    one(admit(registry, first.session_id, first_join), YUKI, p.Admitted)
    registry.end(ANN, p.EndSession(id="e", session_id=first.session_id))
    assert registry.session(first.session_id) is None
    out = say(registry, OMAR, second.session_id, "m", "still talking")
    assert one(out, ANN, p.ChatMessage).seq == 1
