"""Plain events the Qt-free clients emit; ``assist.qt`` turns each into a Qt signal."""

from __future__ import annotations

from dataclasses import dataclass

from assist.core.chat import ChatEntry
from assist.core.errors import AssistError
from assist.core.guidance import Guidance
from assist.core.rtc import DecodedFrame
from signaling import protocol as p


@dataclass(frozen=True)
class Event:
    """Base of all client events."""


@dataclass(frozen=True)
class SessionEvent(Event):
    session_id: str


# -- both sides


@dataclass(frozen=True)
class ConnectionLost(Event):
    """The server is gone for good (or refused to take us back): every session is over."""

    error: AssistError


@dataclass(frozen=True)
class Reconnecting(Event):
    """The connection was lost; the client is trying to get back (media carries on, what is
    typed meanwhile waits in the outbox). ``attempt`` counts from 1; the next try is in
    ``retry_in`` seconds."""

    error: AssistError
    attempt: int
    retry_in: float


@dataclass(frozen=True)
class Reconnected(Event):
    """Connected again; each live session follows as ``SessionResumed`` or ``SessionClosed``."""


@dataclass(frozen=True)
class SessionResumed(SessionEvent):
    """The server took the session back after a lost connection; chat missed meanwhile
    arrives as ``ChatUpdated``."""

    peer_present: bool


@dataclass(frozen=True)
class SessionRejoined(SessionEvent):
    """Agent side: a session left open by an earlier run of the console is being taken
    back (its transcript follows as ``ChatUpdated``, then ``SessionResumed``)."""

    customer_name: str
    share_state: p.ShareState


@dataclass(frozen=True)
class PeerAway(SessionEvent):
    """The other side's connection was lost; the session waits ``grace`` seconds for it."""

    role: p.Role
    grace: float


@dataclass(frozen=True)
class PeerBack(SessionEvent):
    """The other side is connected again."""

    role: p.Role


@dataclass(frozen=True)
class AgentPresenceChanged(SessionEvent):
    """Customer side: the agent is (or is no longer) known to be there to see the share
    (``assist.core.presence``); while not, capture is paused. ``sharing``: the share's
    state now (held: paused; back: sharing again, unless the customer paused)."""

    present: bool
    sharing: p.ShareState


@dataclass(frozen=True)
class ChatUpdated(SessionEvent):
    """A message was added, confirmed or failed; ``entry`` is its newest state."""

    entry: ChatEntry


@dataclass(frozen=True)
class SessionClosed(SessionEvent):
    reason: p.EndReason


@dataclass(frozen=True)
class OperationFailed(SessionEvent):
    """Something the user asked for failed in the background (named by ``error.code``)."""

    error: AssistError


@dataclass(frozen=True)
class SessionsPurged(Event):
    """These sessions were erased (on request, or past retention): close views of them."""

    session_ids: tuple[str, ...]


@dataclass(frozen=True)
class PermissionsChanged(SessionEvent):
    """What the customer lets the agent do changed (view, guide, control)."""

    granted: frozenset[p.Capability]


@dataclass(frozen=True)
class GuidanceArrived(SessionEvent):
    """Guidance to show: on the customer's side the agent's pointer or drawings (only what
    the grants allow), on the agent's side the customer clearing the drawings."""

    message: Guidance


@dataclass(frozen=True)
class ControlRequested(SessionEvent):
    """The agent asks to control the customer's computer (customer side): ask the customer."""


@dataclass(frozen=True)
class ShareRequested(SessionEvent):
    """The agent asks the customer to share another screen or window (customer side)."""


# -- agent side


@dataclass(frozen=True)
class TokensRenewed(Event):
    """Reconnecting signed the agent in again: a remembered refresh token must be replaced
    by this one (the old one no longer works)."""

    username: str
    refresh_token: str


@dataclass(frozen=True)
class NoteSaved(SessionEvent):
    """A note the outbox held was saved after reconnecting (the pane saves its own too)."""

    note_id: str
    text: str
    saved_at: float


@dataclass(frozen=True)
class SessionOpened(SessionEvent):
    code: str
    expires_in: float


@dataclass(frozen=True)
class JoinRequested(SessionEvent):
    join_id: str
    customer_name: str


@dataclass(frozen=True)
class JoinWithdrawn(SessionEvent):
    join_id: str


@dataclass(frozen=True)
class CustomerAdmitted(SessionEvent):
    customer_name: str


@dataclass(frozen=True)
class CustomerIdentified(SessionEvent):
    """Which customer record the admitted customer was linked to (unverified at first)."""

    customer: p.CustomerIdentified


@dataclass(frozen=True)
class ShareChanged(SessionEvent):
    state: p.ShareState
    reason: p.ShareReason


@dataclass(frozen=True)
class FrameArrived(SessionEvent):
    frame: DecodedFrame


@dataclass(frozen=True)
class StreamEnded(SessionEvent):
    pass


# -- customer side


@dataclass(frozen=True)
class Admitted(SessionEvent):
    """The agent admitted us: time to ask for consent."""

    agent_name: str
    org_name: str


@dataclass(frozen=True)
class Declined(Event):
    pass


@dataclass(frozen=True)
class SharingChanged(SessionEvent):
    """Our own sharing started, paused, resumed or stopped (and why)."""

    state: p.ShareState
    reason: p.ShareReason


@dataclass(frozen=True)
class JoinFailed(Event):
    """The code died while we waited to be admitted (used by someone else, or expired)."""

    error: AssistError
