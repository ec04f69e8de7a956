"""Session registry: codes, joins, admission, relay and chat as a pure state machine.

The registry knows connections only as opaque peer ids and returns the messages to send as
``(peer_id, message)`` pairs, so every rule here is tested without sockets or an event loop.
The server glue feeds it parsed messages and delivers what it returns.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Final, TypeVar

import msgspec

from signaling import protocol as p
from signaling.aftercare import Aftercare
from signaling.protocol import ErrorCode, ProtocolError, Role
from signaling.ratelimit import FailureLimiter, address_key
from signaling.registry_types import (
    HistoryEvent,
    Peer,
    PeerId,
    PendingJoin,
    RateLimited,
    Session,
    SessionState,
)
from signaling.resumption import RESUME_GRACE, Resumption, new_resume_token

Outgoing = list[tuple[PeerId, p.Message]]

M = TypeVar("M", bound=p.Message)

CODE_TTL: Final = 600.0
#: A customer waiting this long for Admit is told so and let go.
JOIN_TIMEOUT: Final = 300.0
#: An admitted session with no chat, negotiation or share change for this long ends.
IDLE_TIMEOUT: Final = 3600.0
#: How long a dead code is remembered, so a late joiner hears "expired"/"used", not "invalid".
DEAD_CODE_MEMORY: Final = 3600.0
#: Wrong codes allowed per connection, and per address, within the window.
CONNECTION_FAILURES: Final = (5, 60.0)
ADDRESS_FAILURES: Final = (20, 600.0)


class Registry(Resumption):
    """All live sessions of one server. Not thread-safe: use from one event loop."""

    def __init__(
        self,
        org_name: str,
        clock: Callable[[], float],
        ice_servers: list[p.IceServer] | None = None,
        code_ttl: float = CODE_TTL,
        make_code: Callable[[], str] | None = None,
        join_timeout: float = JOIN_TIMEOUT,
        idle_timeout: float = IDLE_TIMEOUT,
        resume_grace: float = RESUME_GRACE,
    ) -> None:
        self._resume_grace = resume_grace
        #: Sessions that ended lately, and when: resuming one is ``resume_expired``.
        self._ended_ids: dict[str, float] = {}
        self._join_timeout = join_timeout
        self._idle_timeout = idle_timeout
        self.org_name = org_name
        self.ice_servers = list(ice_servers or [])
        self._clock = clock
        self._code_ttl = code_ttl
        self._make_code = make_code or _random_code
        self._peers: dict[PeerId, Peer] = {}
        self._sessions: dict[str, Session] = {}
        self._by_code: dict[str, str] = {}
        self._dead_codes: dict[str, tuple[ErrorCode, float]] = {}
        self.aftercare = Aftercare()
        self._history: list[HistoryEvent] = []
        self._per_connection = FailureLimiter(*CONNECTION_FAILURES)
        self._per_address = FailureLimiter(*ADDRESS_FAILURES)

    # ------------------------------------------------------------------ peers

    def add_peer(
        self,
        peer_id: PeerId,
        role: Role,
        name: str,
        address: str,
        username: str | None = None,
        admin: bool = False,
    ) -> None:
        self._peers[peer_id] = Peer(peer_id, role, name.strip(), address, username=username)
        self._peers[peer_id].admin = admin

    def signed_in_usernames(self) -> set[str]:
        return {p.username for p in self._peers.values() if p.username is not None}

    def peers_of(self, username: str) -> list[PeerId]:
        """The connections signed in as ``username``."""
        return [p.peer_id for p in self._peers.values() if p.username == username]

    def claim_report(self, customer_id: PeerId, session_id: str) -> dict[str, str] | None:
        """See :meth:`Aftercare.claim_report`."""
        session = self._sessions.get(session_id)
        live = session is not None and session.customer == customer_id
        context = self._report_context(session) if session is not None and live else None
        return self.aftercare.claim_report((customer_id, session_id), context)

    def _report_context(self, session: Session) -> dict[str, str]:
        agent = self._peers.get(session.agent)
        customer = self._peers.get(session.customer) if session.customer is not None else None
        return {
            "session_id": session.session_id,
            "code": session.code,
            "agent_username": (agent.username if agent else None) or "",
            "agent_display_name": agent.name if agent else "",
            "customer_name": customer.name if customer else "",
        }

    def end_sessions(self, session_ids: list[str], reason: p.EndReason) -> Outgoing:
        """End those of ``session_ids`` that are live (an administrator erased them)."""
        out: Outgoing = []
        for session_id in session_ids:
            if (session := self._sessions.get(session_id)) is not None:
                out += self._end(session, reason, skip=set())
        return out

    def peer(self, peer_id: PeerId) -> Peer:
        return self._peers[peer_id]

    def session(self, session_id: str) -> Session | None:
        return self._sessions.get(session_id)

    @property
    def live_sessions(self) -> int:
        return len(self._sessions)

    def remove_peer(
        self, peer_id: PeerId, graceful: bool, reason: p.EndReason | None = None
    ) -> Outgoing:
        """A connection closed: end its sessions and tell the other sides (``reason``
        overrides the left/dropped one, e.g. for a disabled agent). A dropped connection's
        live sessions wait for it to resume instead (see :meth:`keep_for_resume`)."""
        peer = self._peers.get(peer_id)
        if peer is None:
            return []
        self._per_connection.forget(str(peer_id))
        out: Outgoing = []
        if peer.pending_join is not None:
            out += self._withdraw(peer)
        kept: set[str] = set()
        if not graceful and reason is None and peer.connected:
            out += self.keep_for_resume(peer)
            if not peer.connected:
                live = (self._sessions[s] for s in peer.sessions)
                kept = {s.session_id for s in live if s.state is SessionState.ACTIVE}
        if peer.role is Role.AGENT:
            why = reason or (p.EndReason.AGENT_LEFT if graceful else p.EndReason.AGENT_DROPPED)
        else:
            why = reason or (
                p.EndReason.CUSTOMER_LEFT if graceful else p.EndReason.CUSTOMER_DROPPED
            )
        for session_id in list(peer.sessions - kept):
            out += self._end(self._sessions[session_id], why, skip={peer_id})
        if not kept:
            self._peers.pop(peer_id, None)
        return out

    def connected(self) -> list[PeerId]:
        """Every open connection (not the ghosts of lost ones)."""
        return [peer_id for peer_id, peer in self._peers.items() if peer.connected]

    # --------------------------------------------------------------- sessions

    def create_session(self, agent_id: PeerId, request: p.CreateSession) -> Outgoing:
        agent = self._peers[agent_id]
        code = self._unique_code()
        session = Session(
            session_id=secrets.token_urlsafe(12),
            code=code,
            agent=agent_id,
            expires_at=self._clock() + self._code_ttl,
            agent_username=agent.username or "",
            agent_name=agent.name,
        )
        self._sessions[session.session_id] = session
        self._by_code[code] = session.session_id
        agent.sessions.add(session.session_id)
        self._note(
            session.session_id,
            "created",
            agent_username=agent.username or "",
            agent_display_name=agent.name,
        )
        reply = p.SessionCreated(
            re=request.id, session_id=session.session_id, code=code, expires_in=self._code_ttl
        )
        return [(agent_id, reply)]

    def join(self, customer_id: PeerId, request: p.Join) -> Outgoing:
        """A customer typed a code: queue them for the agent's Admit, or raise why not."""
        customer = self._peers[customer_id]
        if customer.pending_join is not None or customer.sessions:
            raise ProtocolError(ErrorCode.WRONG_STATE, "already joining or in a session")
        now = self._clock()
        self._check_rate(customer, now)
        code = p.normalize_code(request.code)
        session, failure = self._lookup_code(code, now)
        if session is None:
            self._per_connection.record(str(customer_id), now)
            self._per_address.record(address_key(customer.address), now)
            raise ProtocolError(failure)
        pending = PendingJoin(secrets.token_urlsafe(8), customer_id, request.id, since=now)
        customer.email = p.normalize_email(request.email)
        customer.customer_number = request.customer_number.strip()
        session.pending[pending.join_id] = pending
        customer.pending_join = pending.join_id
        agent = self._peers[session.agent]
        return [
            (
                customer_id,
                p.JoinPending(
                    re=request.id,
                    join_id=pending.join_id,
                    session_id=session.session_id,
                    agent_name=agent.name,
                    org_name=self.org_name,
                ),
            ),
            (
                session.agent,
                p.JoinRequest(
                    session_id=session.session_id,
                    join_id=pending.join_id,
                    customer_name=customer.name,
                ),
            ),
        ]

    def admit(self, agent_id: PeerId, request: p.Admit) -> Outgoing:
        session = self._own_session(agent_id, request.session_id)
        pending = session.pending.pop(request.join_id, None)
        if pending is None or session.state is not SessionState.WAITING:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such waiting customer")
        customer = self._peers[pending.customer]
        customer.pending_join = None
        customer.sessions.add(session.session_id)
        session.customer = pending.customer
        session.customer_name = customer.name
        session.state = SessionState.ACTIVE
        session.last_activity = self._clock()
        token, session.resume_hash = new_resume_token()
        self._note(
            session.session_id,
            "admitted",
            customer_name=customer.name,
            email=customer.email,
            customer_number=customer.customer_number,
            resume_hash=session.resume_hash,
        )
        self._kill_code(session, ErrorCode.CODE_USED)
        admitted = p.Admitted(
            session_id=session.session_id,
            agent_name=self._peers[agent_id].name,
            customer_name=customer.name,
            org_name=self.org_name,
            ice_servers=self.ice_servers,
        )
        out: Outgoing = [
            (agent_id, _with_re(admitted, request.id)),
            (
                pending.customer,
                msgspec.structs.replace(admitted, re=pending.request_id, resume_token=token),
            ),
        ]
        # Anyone else who typed the same code is turned away: it was single use.
        for other in session.pending.values():
            self._peers[other.customer].pending_join = None
            error = p.Error(code=ErrorCode.CODE_USED, re=other.request_id)
            out.append((other.customer, error))
        session.pending.clear()
        return out

    def decline(self, agent_id: PeerId, request: p.Decline) -> Outgoing:
        """Turn one joiner away; the code stays valid for the person it was meant for."""
        session = self._own_session(agent_id, request.session_id)
        pending = session.pending.pop(request.join_id, None)
        if pending is None:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such waiting customer")
        self._peers[pending.customer].pending_join = None
        return [
            (agent_id, p.Ok(re=request.id)),
            (pending.customer, p.Declined(re=pending.request_id)),
        ]

    def end(self, peer_id: PeerId, request: p.EndSession) -> Outgoing:
        session = self._participant_session(peer_id, request.session_id)
        peer = self._peers[peer_id]
        reason = p.EndReason.AGENT_ENDED if peer.role is Role.AGENT else p.EndReason.CUSTOMER_ENDED
        out = self._end(session, reason, skip=set())
        return [(to, _with_re(m, request.id) if to == peer_id else m) for to, m in out]

    def expire(self) -> Outgoing:
        """End sessions whose code expired unused or that sat idle; let go of customers
        who waited too long for Admit; forget long-dead codes."""
        now = self._clock()
        out: Outgoing = []
        for session in list(self._sessions.values()):
            if session.state is SessionState.WAITING and now >= session.expires_at:
                out += self._end(session, p.EndReason.EXPIRED, skip=set())
            elif (
                session.state is SessionState.ACTIVE
                and now - session.last_activity >= self._idle_timeout
            ):
                out += self._end(session, p.EndReason.IDLE, skip=set())
            else:
                out += self._time_out_joins(session, now)
        for code, (_, dead_at) in list(self._dead_codes.items()):
            if now - dead_at > DEAD_CODE_MEMORY:
                del self._dead_codes[code]
        self.aftercare.prune(now)
        for session_id, ended_at in list(self._ended_ids.items()):
            if now - ended_at > DEAD_CODE_MEMORY:
                del self._ended_ids[session_id]
        out += self._expire_ghosts(now)
        self._per_address.prune_all(now)
        return out

    # ------------------------------------------------------------- messages

    def relay(
        self, sender_id: PeerId, message: p.Sdp | p.Ice | p.ShareStatus | p.Permissions
    ) -> Outgoing:
        """Pass negotiation, share status and grants to the other participant unchanged
        (status and grants recorded in the audit trail)."""
        session = self._participant_session(sender_id, message.session_id)
        if session.state is not SessionState.ACTIVE:
            raise ProtocolError(ErrorCode.WRONG_STATE, "nobody admitted yet")
        session.last_activity = self._clock()
        if isinstance(message, p.ShareStatus):
            session.share_state = message.state
            self._note(
                session.session_id,
                "sharing",
                state=message.state.value,
                reason=message.reason.value,
                target=message.target.value,
                hidden=str(message.hidden),
            )
        elif isinstance(message, p.Permissions):
            session.granted = message.granted
            granted = ",".join(sorted(message.granted))
            self._note(session.session_id, "permissions", granted=granted)
        return [(self._other(session, sender_id), message)]

    def prepare_chat(self, sender_id: PeerId, message: p.Chat) -> tuple[p.ChatMessage, bool]:
        """The numbered message a chat would become, and whether it is new (False for a
        resend). Changes nothing: the server stores it first, then :meth:`commit_chat`."""
        session = self._participant_session(sender_id, message.session_id)
        if session.state is not SessionState.ACTIVE:
            raise ProtocolError(ErrorCode.WRONG_STATE, "nobody admitted yet")
        sender = self._peers[sender_id]
        stored = session.chat_by_msg_id.get((sender.role, message.msg_id))
        if stored is not None:
            return stored, False
        numbered = p.ChatMessage(
            session_id=session.session_id,
            msg_id=message.msg_id,
            seq=session.seq + 1,
            sender=sender.role,
            sender_name=sender.name,
            text=message.text,
            ts=self._clock(),
        )
        return numbered, True

    def commit_chat(
        self, sender_id: PeerId, message: p.Chat, stored: p.ChatMessage, fresh: bool
    ) -> Outgoing:
        """The message is stored: number it for good and send it (a resend: to its sender)."""
        session = self._participant_session(sender_id, message.session_id)
        session.last_activity = self._clock()
        if not fresh:
            return [(sender_id, _with_re(stored, message.id))]
        session.seq = max(session.seq, stored.seq)
        session.chat_by_msg_id[(stored.sender, stored.msg_id)] = stored
        return [
            (sender_id, _with_re(stored, message.id)),
            (self._other(session, sender_id), stored),
        ]

    def agent_of(self, session_id: str) -> PeerId | None:
        session = self._sessions.get(session_id)
        return session.agent if session is not None else None

    def owns(self, agent_id: PeerId, session_id: str) -> bool:
        """Whether ``session_id`` is one of this agent connection's live sessions."""
        session = self._sessions.get(session_id)
        return session is not None and session.agent == agent_id

    def claim_rating(self, customer_id: PeerId, session_id: str) -> None:
        """The customer may rate this session (live or ended within the hour), once."""
        session = self._sessions.get(session_id)
        live = session is not None and session.customer == customer_id
        self.aftercare.claim_rating((customer_id, session_id), live)

    def take_history(self) -> list[HistoryEvent]:
        """What happened since the last call, for the history store (oldest first)."""
        events, self._history = self._history, []
        return events

    # -------------------------------------------------------------- helpers

    def _unique_code(self) -> str:
        while True:
            code = self._make_code()
            if code not in self._by_code and code not in self._dead_codes:
                return code

    def _lookup_code(self, code: str, now: float) -> tuple[Session | None, ErrorCode]:
        """The live session a code opens, or why it opens none."""
        session_id = self._by_code.get(code)
        if session_id is None:
            dead = self._dead_codes.get(code)
            return None, dead[0] if dead is not None else ErrorCode.CODE_INVALID
        session = self._sessions[session_id]
        if now >= session.expires_at:
            return None, ErrorCode.CODE_EXPIRED  # expire() has not swept it yet
        return session, ErrorCode.CODE_INVALID

    def _check_rate(self, customer: Peer, now: float) -> None:
        wait = max(
            self._per_connection.retry_after(str(customer.peer_id), now),
            self._per_address.retry_after(address_key(customer.address), now),
        )
        if wait > 0:
            raise RateLimited(wait)

    def _own_session(self, agent_id: PeerId, session_id: str) -> Session:
        session = self._sessions.get(session_id)
        if session is None or session.agent != agent_id:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such session")
        return session

    def _participant_session(self, peer_id: PeerId, session_id: str) -> Session:
        session = self._sessions.get(session_id)
        if session is None or peer_id not in (session.agent, session.customer):
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such session")
        return session

    @staticmethod
    def _other(session: Session, peer_id: PeerId) -> PeerId:
        other = session.customer if peer_id == session.agent else session.agent
        assert other is not None
        return other

    def _kill_code(self, session: Session, why: ErrorCode) -> None:
        if self._by_code.pop(session.code, None) is not None:
            self._dead_codes[session.code] = (why, self._clock())

    def _note(self, session_id: str, kind: str, **detail: str) -> None:
        self._history.append(HistoryEvent(session_id, kind, self._clock(), detail))

    def _time_out_joins(self, session: Session, now: float) -> Outgoing:
        out: Outgoing = []
        for join_id, pending in list(session.pending.items()):
            if now - pending.since < self._join_timeout:
                continue
            del session.pending[join_id]
            customer = self._peers.get(pending.customer)
            if customer is not None:
                customer.pending_join = None
                error = p.Error(code=ErrorCode.JOIN_TIMEOUT, re=pending.request_id)
                out.append((pending.customer, error))
            withdrawn = p.JoinWithdrawn(session_id=session.session_id, join_id=join_id)
            out.append((session.agent, withdrawn))
        return out

    def _withdraw(self, customer: Peer) -> Outgoing:
        join_id = customer.pending_join
        customer.pending_join = None
        for session in self._sessions.values():
            if join_id in session.pending:
                del session.pending[join_id]
                withdrawn = p.JoinWithdrawn(session_id=session.session_id, join_id=join_id)
                return [(session.agent, withdrawn)]
        return []

    def _end(self, session: Session, reason: p.EndReason, skip: set[PeerId]) -> Outgoing:
        """Remove a session and tell everyone in it (except ``skip``) that it ended."""
        self._sessions.pop(session.session_id, None)
        self._ended_ids[session.session_id] = self._clock()
        self._note(session.session_id, "ended", reason=reason.value)
        if session.customer is not None:
            key = (session.customer, session.session_id)
            self.aftercare.session_ended(key, self._report_context(session), self._clock())
        why = ErrorCode.CODE_EXPIRED if reason is p.EndReason.EXPIRED else ErrorCode.CODE_USED
        self._kill_code(session, why)
        ended = p.SessionEnded(session_id=session.session_id, reason=reason)
        out: Outgoing = []
        participants = (
            [session.agent] if session.customer is None else [session.agent, session.customer]
        )
        for peer_id in participants:
            peer = self._peers.get(peer_id)
            if peer is None:
                continue
            peer.sessions.discard(session.session_id)
            if peer_id not in skip:
                out.append((peer_id, ended))
        for pending in session.pending.values():
            customer = self._peers.get(pending.customer)
            if customer is not None:
                customer.pending_join = None
                out.append((pending.customer, p.Error(code=why, re=pending.request_id)))
        session.pending.clear()
        return out


def _random_code() -> str:
    return f"{secrets.randbelow(10**p.CODE_DIGITS):0{p.CODE_DIGITS}d}"


def _with_re(message: M, re_id: str) -> M:
    """A copy of ``message`` answering request ``re_id`` (messages are shared, not mutated)."""
    return msgspec.structs.replace(message, re=re_id)
