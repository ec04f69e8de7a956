"""The registry's records: connections (peers), sessions and pending joins, the events it
notes for the history, and its rate-limit error. Plain data."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from signaling import protocol as p
from signaling.protocol import ErrorCode, ProtocolError, Role

PeerId = int


class SessionState(enum.Enum):
    WAITING = "waiting"  # code live, nobody admitted yet
    ACTIVE = "active"  # a customer was admitted; the code is dead


@dataclass
class Peer:
    peer_id: PeerId
    role: Role
    name: str
    address: str
    sessions: set[str] = field(default_factory=set)
    pending_join: str | None = None  # join id while a customer waits for admission
    username: str | None = None  # the signed-in account, for agents
    admin: bool = False
    email: str = ""  # what a customer typed at join (normalised), for the history
    customer_number: str = ""
    #: False once the connection was lost: the peer waits (a "ghost") for a ``resume``.
    connected: bool = True
    away_since: float = 0.0


@dataclass
class PendingJoin:
    join_id: str
    customer: PeerId
    request_id: str
    since: float = 0.0


@dataclass
class Session:
    session_id: str
    code: str
    agent: PeerId
    expires_at: float
    state: SessionState = SessionState.WAITING
    customer: PeerId | None = None
    pending: dict[str, PendingJoin] = field(default_factory=dict)
    seq: int = 0
    last_activity: float = 0.0
    #: Keyed by (sender, msg_id): each side numbers its own messages.
    chat_by_msg_id: dict[tuple[p.Role, str], p.ChatMessage] = field(default_factory=dict)
    # Who is in it, kept apart from the connections so the session outlives them.
    agent_username: str = ""
    agent_name: str = ""
    customer_name: str = ""
    #: SHA-256 of the customer's resume token (the token itself is never kept).
    resume_hash: str = ""
    share_state: p.ShareState = p.ShareState.STOPPED
    #: What the customer last granted (``permissions``), told again on resume.
    granted: frozenset[p.Capability] = frozenset()


@dataclass(frozen=True)
class HistoryEvent:
    """Something the customer history records: created, admitted, sharing, ended."""

    session_id: str
    kind: str
    ts: float
    detail: dict[str, str]


class RateLimited(ProtocolError):
    """Too many wrong codes; ``retry_after`` seconds until the next try is accepted."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(ErrorCode.RATE_LIMITED, "too many wrong codes")
        self.retry_after = retry_after
