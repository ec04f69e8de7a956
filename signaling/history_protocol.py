"""The customer-history part of the protocol: notes, wrap-up, rating, identity, and the
agent's reading of the history (a customer's record, a past session, search, re-link, merge).

Pure data like ``signaling.protocol``, which re-exports all of it.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

import msgspec

from signaling.codes import ErrorCode, Outcome, ProtocolError, Role
from signaling.envelope import MAX_CHAT_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, Message, Request

#: Longest search query, in characters.
MAX_QUERY_CHARS: Final = 200
#: A past session shows at most this many chat messages (the newest are dropped, flagged).
MAX_TRANSCRIPT: Final = 2000

_AGENT: Final = frozenset({Role.AGENT})

# -- writing the history


class Note(Request, tag="note"):
    """The agent's private note on a session, saved whole each time (autosave). ``note_id``
    is the client's; saving again with it replaces the text. Never sent to the customer."""

    session_id: str
    note_id: str
    text: str
    senders: ClassVar[frozenset[Role]] = frozenset({Role.AGENT})


class WrapUp(Request, tag="wrap_up"):
    """The agent's wrap-up of a session (during it, or within a day after it ended).

    ``skipped``: the agent chose not to wrap the session up. Such a wrap-up carries no
    category, outcome, tags or note, and the history records the skip; any other wrap-up
    needs a category and an outcome."""

    session_id: str
    category: str = ""
    outcome: Outcome | None = None
    tags: list[str] = msgspec.field(default_factory=list)
    final_note: str = ""
    skipped: bool = False
    senders: ClassVar[frozenset[Role]] = frozenset({Role.AGENT})


class Rate(Request, tag="rate"):
    """The customer rates the help, 1 (poor) to 5 (excellent), once per session."""

    session_id: str
    rating: int
    comment: str = ""
    senders: ClassVar[frozenset[Role]] = frozenset({Role.CUSTOMER})


class ConfirmIdentity(Request, tag="confirm_identity"):
    """The agent checked who the customer is: the matched record's history may be relied on."""

    session_id: str
    senders: ClassVar[frozenset[Role]] = frozenset({Role.AGENT})


class CustomerIdentified(Message, tag="customer_identified"):
    """Tells the agent which customer record the admitted customer was linked to.

    ``matched`` is True when an existing record matched what the customer typed; such a
    match is ``verified`` only once the agent confirmed the identity."""

    session_id: str
    customer_id: int
    display_name: str
    email: str | None
    customer_number: str | None
    past_sessions: int
    matched: bool
    verified: bool = False


class NoteSaved(Message, tag="note_saved"):
    """The note is stored; ``re`` answers the ``note`` request."""

    re: str
    session_id: str
    note_id: str
    saved_at: float


# -- reading and correcting the history (agents only)


class GetCustomer(Request, tag="get_customer"):
    """The customer's record and timeline, for the Customer panel (answer: ``customer_record``)."""

    customer_id: int
    senders: ClassVar[frozenset[Role]] = _AGENT


class CustomerInfo(msgspec.Struct, kw_only=True):
    customer_id: int
    display_name: str
    email: str | None
    customer_number: str | None
    first_seen: float = 0.0
    sessions: int = 0


class SessionInfo(msgspec.Struct, kw_only=True):
    """One past session as the timeline shows it; ``note_preview`` is the start of its notes."""

    session_id: str
    customer_id: int | None
    created_at: float
    agent_display_name: str
    customer_name: str | None
    identity_verified: bool
    admitted_at: float | None
    ended_at: float | None
    end_reason: str | None
    category: str | None
    outcome: str | None
    tags: list[str]
    rating: int | None
    rating_comment: str | None
    note_preview: str


class CustomerRecord(Message, tag="customer_record"):
    re: str
    customer: CustomerInfo
    sessions: list[SessionInfo] = msgspec.field(default_factory=list)


class GetSession(Request, tag="get_session"):
    """One past session in full (answer: ``session_history``)."""

    session_id: str
    senders: ClassVar[frozenset[Role]] = _AGENT


class TranscriptLine(msgspec.Struct, kw_only=True):
    seq: int
    sender: str
    sender_name: str
    text: str
    ts: float


class NoteInfo(msgspec.Struct, kw_only=True):
    author: str
    text: str
    updated_at: float


class EventInfo(msgspec.Struct, kw_only=True):
    kind: str
    ts: float
    detail: dict[str, Any] = msgspec.field(default_factory=dict)


class SessionHistory(Message, tag="session_history"):
    re: str
    session: SessionInfo
    final_note: str | None = None
    messages: list[TranscriptLine] = msgspec.field(default_factory=list)
    notes: list[NoteInfo] = msgspec.field(default_factory=list)
    events: list[EventInfo] = msgspec.field(default_factory=list)
    #: True when the transcript was longer than ``MAX_TRANSCRIPT`` messages.
    truncated: bool = False


class Search(Request, tag="search"):
    """Customers by name, e-mail or number, and messages and notes containing ``query``."""

    query: str
    senders: ClassVar[frozenset[Role]] = _AGENT


class SearchHit(msgspec.Struct, kw_only=True):
    kind: str  # "message" or "note"
    session_id: str
    customer_id: int | None
    customer_name: str | None
    agent_display_name: str
    sender_name: str
    #: The text around the first match (at most about 240 characters).
    excerpt: str
    ts: float


class SearchResults(Message, tag="search_results"):
    re: str
    customers: list[CustomerInfo] = msgspec.field(default_factory=list)
    hits: list[SearchHit] = msgspec.field(default_factory=list)


class RelinkSession(Request, tag="relink_session"):
    """Move a session to the customer it really was (the link then counts as verified)."""

    session_id: str
    customer_id: int
    senders: ClassVar[frozenset[Role]] = _AGENT


class MergeCustomers(Request, tag="merge_customers"):
    """Fold the record ``source_id`` into ``target_id`` (the source record is removed)."""

    source_id: int
    target_id: int
    senders: ClassVar[frozenset[Role]] = _AGENT


class Purge(Message, tag="purge"):
    """Forget these sessions: drop them from local outboxes and caches, close any view of
    them. ``reason``: ``customer_deleted`` (an administrator erased the customer's data on
    request) or ``retention`` (their transcripts passed the retention period)."""

    session_ids: list[str]
    reason: str


CLIENT_TYPES: Final[tuple[type[Message], ...]] = (
    Note,
    WrapUp,
    Rate,
    ConfirmIdentity,
    GetCustomer,
    GetSession,
    Search,
    RelinkSession,
    MergeCustomers,
)
SERVER_TYPES: Final[tuple[type[Message], ...]] = (
    NoteSaved,
    CustomerIdentified,
    CustomerRecord,
    SessionHistory,
    SearchResults,
    Purge,
)


def check(message: Message) -> None:
    """Validate what the types alone cannot (see ``signaling.protocol.check``)."""
    if isinstance(message, Note):
        if len(message.text) > MAX_NOTE_CHARS:
            raise ProtocolError(ErrorCode.TOO_LARGE, f"note over {MAX_NOTE_CHARS} characters")
        if not 1 <= len(message.note_id) <= 64:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "note_id must be 1-64 characters")
    elif isinstance(message, WrapUp):
        _check_wrap_up(message)
    elif isinstance(message, Rate):
        if not 1 <= message.rating <= 5:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "rating must be 1-5")
        if len(message.comment) > MAX_CHAT_CHARS:
            raise ProtocolError(ErrorCode.TOO_LARGE, f"comment over {MAX_CHAT_CHARS} characters")
    elif isinstance(message, Search):
        if not message.query.strip():
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "empty search query")
        if len(message.query) > MAX_QUERY_CHARS:
            raise ProtocolError(ErrorCode.TOO_LARGE, f"query over {MAX_QUERY_CHARS} characters")
    elif isinstance(message, MergeCustomers) and message.source_id == message.target_id:
        raise ProtocolError(ErrorCode.MERGE_INTO_ITSELF, "a customer cannot be merged into itself")


def _check_wrap_up(message: WrapUp) -> None:
    if message.skipped:
        if any((message.category, message.outcome, message.tags, message.final_note)):
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "a skipped wrap-up carries no fields")
        return
    if not message.category.strip() or len(message.category) > MAX_NAME_CHARS:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "category must be 1-80 characters")
    if message.outcome is None:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "a wrap-up needs an outcome")
    if len(message.tags) > 10 or any(not 1 <= len(t) <= 32 for t in message.tags):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "at most 10 tags of 1-32 characters")
    if len(message.final_note) > MAX_NOTE_CHARS:
        raise ProtocolError(ErrorCode.TOO_LARGE, f"note over {MAX_NOTE_CHARS} characters")
