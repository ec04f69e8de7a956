"""Sessions that outlive their connections: a lost connection leaves a waiting "ghost" for a
grace period, a new connection takes the session back with ``resume``, and after a server
restart the live sessions in the store are restored as ghosts of both sides.

A mixin of :class:`signaling.registry.Registry` (the same pure state machine, split for size).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import secrets
from collections.abc import Callable, Iterator
from typing import Final

from signaling import protocol as p
from signaling.protocol import ErrorCode, ProtocolError, Role
from signaling.registry_types import Peer, PeerId, Session, SessionState

Outgoing = list[tuple[PeerId, p.Message]]

#: How long a session waits for a lost side to come back before it ends as dropped.
RESUME_GRACE: Final = 60.0


def new_resume_token() -> tuple[str, str]:
    """A customer's resume token and the hash the server keeps of it."""
    token = secrets.token_urlsafe(24)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Resumption:
    # Provided by Registry.
    _peers: dict[PeerId, Peer]
    _sessions: dict[str, Session]
    _clock: Callable[[], float]
    _resume_grace: float
    _ended_ids: dict[str, float]
    org_name: str
    ice_servers: list[p.IceServer]

    def _end(self, session: Session, reason: p.EndReason, skip: set[PeerId]) -> Outgoing:
        raise NotImplementedError

    _ghost_ids: Iterator[int] = itertools.count(-1, -1)  # never a connection's id

    def keep_for_resume(self, peer: Peer) -> Outgoing:
        """The connection of ``peer`` dropped: its live sessions wait for it. Returns the
        ``peer_away`` notices, or nothing if it has no live session to wait in."""
        active = {s for s in peer.sessions if self._sessions[s].state is SessionState.ACTIVE}
        if not active or self._resume_grace <= 0:
            return []
        peer.connected, peer.away_since = False, self._clock()
        out: Outgoing = []
        for session_id in active:
            session = self._sessions[session_id]
            other = session.customer if peer.peer_id == session.agent else session.agent
            if other is not None and self._is_connected(other):
                away = p.PeerAway(session_id=session_id, role=peer.role, grace=self._resume_grace)
                out.append((other, away))
        return out

    def resume(self, peer_id: PeerId, request: p.Resume) -> Outgoing:
        """Give the session back to a new connection of the side that lost it."""
        peer = self._peers[peer_id]
        session = self._sessions.get(request.session_id)
        if session is None or session.state is not SessionState.ACTIVE:
            ended = request.session_id in self._ended_ids
            code = ErrorCode.RESUME_EXPIRED if ended else ErrorCode.RESUME_INVALID
            raise ProtocolError(code, "no live session to resume")
        if peer.role is Role.AGENT:
            if not peer.username or peer.username != session.agent_username:
                raise ProtocolError(ErrorCode.RESUME_INVALID, "not this agent's session")
            previous: PeerId | None = session.agent
            session.agent = peer_id
        else:
            given = token_hash(request.resume_token)
            if not session.resume_hash or not hmac.compare_digest(given, session.resume_hash):
                raise ProtocolError(ErrorCode.RESUME_INVALID, "wrong resume token")
            if peer.sessions or peer.pending_join is not None:
                raise ProtocolError(ErrorCode.WRONG_STATE, "already joining or in a session")
            previous, session.customer = session.customer, peer_id
            peer.name = session.customer_name
        self._detach(previous, session.session_id, peer_id)
        peer.sessions.add(session.session_id)
        session.last_activity = self._clock()
        other = session.customer if peer.role is Role.AGENT else session.agent
        present = other is not None and self._is_connected(other)
        resumed = p.Resumed(
            re=request.id,
            session_id=session.session_id,
            agent_name=session.agent_name,
            customer_name=session.customer_name,
            org_name=self.org_name,
            seq=session.seq,
            share_state=session.share_state,
            granted=session.granted,
            peer_present=present,
            ice_servers=self.ice_servers,
        )
        out: Outgoing = [(peer_id, resumed)]
        if present and other is not None:
            out.append((other, p.PeerBack(session_id=session.session_id, role=peer.role)))
        return out

    def restore(
        self,
        session_id: str,
        agent: tuple[str, str],
        customer_name: str,
        resume_hash: str,
        seq: int,
    ) -> None:
        """A session that was live when the server stopped: both sides are ghosts until they
        resume. ``agent`` is (username, display name)."""
        now = self._clock()
        ghosts = []
        for role, name in ((Role.AGENT, agent[1]), (Role.CUSTOMER, customer_name)):
            ghost = Peer(next(self._ghost_ids), role, name, "", {session_id})
            ghost.connected, ghost.away_since = False, now
            ghost.username = agent[0] if role is Role.AGENT else None
            self._peers[ghost.peer_id] = ghost
            ghosts.append(ghost.peer_id)
        self._sessions[session_id] = Session(
            session_id=session_id,
            code="",
            agent=ghosts[0],
            expires_at=now,
            state=SessionState.ACTIVE,
            customer=ghosts[1],
            seq=seq,
            last_activity=now,
            agent_username=agent[0],
            agent_name=agent[1],
            customer_name=customer_name,
            resume_hash=resume_hash,
        )

    def _expire_ghosts(self, now: float) -> Outgoing:
        """End the sessions of sides that did not come back in time."""
        out: Outgoing = []
        for peer in list(self._peers.values()):
            if peer.connected or now - peer.away_since < self._resume_grace:
                continue
            del self._peers[peer.peer_id]
            why = (
                p.EndReason.AGENT_DROPPED
                if peer.role is Role.AGENT
                else p.EndReason.CUSTOMER_DROPPED
            )
            for session_id in list(peer.sessions):
                if (session := self._sessions.get(session_id)) is not None:
                    out += self._end(session, why, skip={peer.peer_id})
        return out

    def _detach(self, previous: PeerId | None, session_id: str, successor: PeerId) -> None:
        """The session left ``previous`` (a ghost, or a connection the side has replaced)."""
        old = self._peers.get(previous) if previous is not None else None
        if old is None or previous == successor:
            return
        old.sessions.discard(session_id)
        if not old.connected and not old.sessions:
            del self._peers[old.peer_id]

    def left_open(self, username: str) -> list[p.LeftOpen]:
        """The live sessions of ``username`` whose agent side is away (a console closed or
        killed mid-session, or not back since a restart), oldest first."""
        found = []
        for session in self._sessions.values():
            if session.state is not SessionState.ACTIVE or session.agent_username != username:
                continue
            if session.agent is not None and self._is_connected(session.agent):
                continue
            found.append(
                p.LeftOpen(
                    session_id=session.session_id,
                    customer_name=session.customer_name,
                    share_state=session.share_state,
                )
            )
        return found

    def _is_connected(self, peer_id: PeerId) -> bool:
        peer = self._peers.get(peer_id)
        return peer is not None and peer.connected
