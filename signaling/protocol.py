"""The Assist signaling wire format, free of any I/O.

Every message is one JSON object (a WebSocket text frame) with a ``type`` and the protocol
version ``v``. Requests that want an answer carry an ``id`` chosen by the client; the answer
(or an ``error``) carries it back as ``re``. Use :func:`parse` on what arrives and
:func:`serialize` on what leaves; both raise :class:`ProtocolError` with a named
:class:`ErrorCode` for anything malformed. ``signaling/PROTOCOL.md`` documents every message.
"""

from __future__ import annotations

import enum
import re
from typing import Any, ClassVar, Final, Literal

import msgspec

PROTOCOL_VERSION: Final = 1
SUPPORTED_VERSIONS: Final = frozenset({PROTOCOL_VERSION})

#: Largest message the server accepts, in bytes of UTF-8 JSON.
MAX_MESSAGE_BYTES: Final = 64 * 1024
#: Longest chat message, in characters.
MAX_CHAT_CHARS: Final = 8000
#: Longest private note, in characters.
MAX_NOTE_CHARS: Final = 20000
#: Longest display name, in characters.
MAX_NAME_CHARS: Final = 80

CODE_DIGITS: Final = 9


class ErrorCode(enum.StrEnum):
    """Why something failed. Clients map each to a translated message."""

    BAD_JSON = "bad_json"
    BAD_MESSAGE = "bad_message"
    UNKNOWN_TYPE = "unknown_type"
    TOO_LARGE = "too_large"
    UNSUPPORTED_VERSION = "unsupported_version"
    HELLO_REQUIRED = "hello_required"
    FORBIDDEN = "forbidden"
    CODE_MALFORMED = "code_malformed"
    CODE_INVALID = "code_invalid"
    CODE_EXPIRED = "code_expired"
    CODE_USED = "code_used"
    RATE_LIMITED = "rate_limited"
    JOIN_DECLINED = "join_declined"
    NOT_FOUND = "not_found"
    WRONG_STATE = "wrong_state"
    SERVER_SHUTTING_DOWN = "server_shutting_down"
    INTERNAL = "internal"
    AUTH_REQUIRED = "auth_required"
    BAD_CREDENTIALS = "bad_credentials"
    ACCOUNT_DISABLED = "account_disabled"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_INVALID = "token_invalid"
    JOIN_TIMEOUT = "join_timeout"
    STORE_UNAVAILABLE = "store_unavailable"


class ProtocolError(Exception):
    """A message could not be parsed or was not allowed; ``code`` says why."""

    def __init__(self, code: ErrorCode, detail: str = "") -> None:
        super().__init__(f"{code.value}: {detail}" if detail else code.value)
        self.code = code
        self.detail = detail


class Role(enum.StrEnum):
    AGENT = "agent"
    CUSTOMER = "customer"


class SdpType(enum.StrEnum):
    OFFER = "offer"
    ANSWER = "answer"


class ShareState(enum.StrEnum):
    SHARING = "sharing"
    PAUSED = "paused"
    STOPPED = "stopped"


class ShareReason(enum.StrEnum):
    """Why the customer's sharing changed state."""

    CUSTOMER = "customer"
    CAPTURE_FAILED = "capture_failed"
    SESSION_ENDED = "session_ended"


class Outcome(enum.StrEnum):
    RESOLVED = "resolved"
    FOLLOW_UP = "follow_up"
    ESCALATED = "escalated"


class EndReason(enum.StrEnum):
    AGENT_ENDED = "agent_ended"
    CUSTOMER_ENDED = "customer_ended"
    AGENT_LEFT = "agent_left"
    CUSTOMER_LEFT = "customer_left"
    AGENT_DROPPED = "agent_dropped"
    CUSTOMER_DROPPED = "customer_dropped"
    EXPIRED = "expired"
    SERVER_SHUTDOWN = "server_shutdown"
    IDLE = "idle"
    AGENT_DISABLED = "agent_disabled"


_CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u30fc\uff0d]+")


def normalize_code(text: str) -> str:
    """Return the 9 digits of a session code typed with spaces or dashes.

    Full-width digits (as a Japanese IME types them) are accepted. Raises
    ``ProtocolError(CODE_MALFORMED)`` for letters or a wrong length.
    """
    digits = _CODE_SEPARATORS.sub("", text)
    digits = digits.translate(_FULLWIDTH_DIGITS)
    if len(digits) != CODE_DIGITS or not digits.isascii() or not digits.isdigit():
        raise ProtocolError(ErrorCode.CODE_MALFORMED, "a session code is 9 digits")
    return digits


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def format_code(code: str) -> str:
    """Show a code the way people read it aloud: ``123 456 789``."""
    return f"{code[0:3]} {code[3:6]} {code[6:9]}"


# --------------------------------------------------------------------------- messages


class Message(msgspec.Struct, tag_field="type", kw_only=True, forbid_unknown_fields=False):
    """Base of every message: the tag ``type`` and the version ``v``."""

    v: int = PROTOCOL_VERSION
    #: Which side may send this message; empty for server-to-client messages.
    senders: ClassVar[frozenset[Role]] = frozenset()


class Request(Message, kw_only=True):
    """A message that expects an answer: ``id`` is echoed back as ``re``."""

    id: str = msgspec.field(default="")


class IceServer(msgspec.Struct, kw_only=True):
    urls: list[str]
    username: str | None = None
    credential: str | None = None


# -- client to server


class Hello(Request, tag="hello"):
    """A first message: decides the connection's role.

    Agents must send an access ``token`` (from ``login`` or ``refresh``); the name customers
    see is then the account's display name, whatever ``name`` says.
    """

    role: Role
    name: str
    client: str = ""
    token: str = ""
    senders: ClassVar[frozenset[Role]] = frozenset(Role)


class Login(Request, tag="login"):
    """A first message: an agent signs in with a password. Answered by ``welcome`` with
    tokens; the connection is then that agent's. Never logged, never put in a URL."""

    username: str
    password: str
    client: str = ""


class Refresh(Request, tag="refresh"):
    """A first message: trade a refresh token for new tokens (and sign in this connection)."""

    refresh_token: str
    client: str = ""


class ReportAbuse(Request, tag="report_abuse"):
    """The customer reports the session (its code and agent are recorded for the admin)."""

    session_id: str
    reason: str = ""
    senders: ClassVar[frozenset[Role]] = frozenset({Role.CUSTOMER})


class ListReports(Request, tag="list_reports"):
    """Administrators only: the abuse reports, newest last."""

    senders: ClassVar[frozenset[Role]] = frozenset({Role.AGENT})


class CreateSession(Request, tag="create_session"):
    senders: ClassVar[frozenset[Role]] = frozenset({Role.AGENT})


class Join(Request, tag="join"):
    """The customer asks to join with a code (normalised by the client or not)."""

    code: str
    senders: ClassVar[frozenset[Role]] = frozenset({Role.CUSTOMER})


class Admit(Request, tag="admit"):
    session_id: str
    join_id: str
    senders: ClassVar[frozenset[Role]] = frozenset({Role.AGENT})


class Decline(Request, tag="decline"):
    session_id: str
    join_id: str
    senders: ClassVar[frozenset[Role]] = frozenset({Role.AGENT})


class Sdp(Message, tag="sdp"):
    """An SDP offer or answer, relayed unchanged to the other participant."""

    session_id: str
    sdp_type: SdpType
    sdp: str
    senders: ClassVar[frozenset[Role]] = frozenset(Role)


class Ice(Message, tag="ice"):
    """A trickled ICE candidate (empty ``candidate`` = end of candidates), relayed."""

    session_id: str
    candidate: str
    sdp_mid: str | None = None
    sdp_mline_index: int | None = None
    senders: ClassVar[frozenset[Role]] = frozenset(Role)


class Chat(Request, tag="chat"):
    """A chat message. ``msg_id`` is generated by the client and makes resending safe."""

    session_id: str
    msg_id: str
    text: str
    senders: ClassVar[frozenset[Role]] = frozenset(Role)


class Note(Request, tag="note"):
    """The agent's private note on a session, saved whole each time (autosave). ``note_id``
    is the client's; saving again with it replaces the text. Never sent to the customer."""

    session_id: str
    note_id: str
    text: str
    senders: ClassVar[frozenset[Role]] = frozenset({Role.AGENT})


class WrapUp(Request, tag="wrap_up"):
    """The agent's wrap-up of a session (during it, or within an hour after it ended)."""

    session_id: str
    category: str
    outcome: Outcome
    tags: list[str] = msgspec.field(default_factory=list)
    final_note: str = ""
    senders: ClassVar[frozenset[Role]] = frozenset({Role.AGENT})


class Rate(Request, tag="rate"):
    """The customer rates the help, 1 (poor) to 5 (excellent), once per session."""

    session_id: str
    rating: int
    comment: str = ""
    senders: ClassVar[frozenset[Role]] = frozenset({Role.CUSTOMER})


class ShareStatus(Message, tag="share_status"):
    """The customer tells the agent whether the screen is shared, paused or stopped."""

    session_id: str
    state: ShareState
    reason: ShareReason = ShareReason.CUSTOMER
    senders: ClassVar[frozenset[Role]] = frozenset({Role.CUSTOMER})


class EndSession(Request, tag="end_session"):
    session_id: str
    senders: ClassVar[frozenset[Role]] = frozenset(Role)


# -- server to client


class Account(msgspec.Struct, kw_only=True):
    """The signed-in agent, and after ``login``/``refresh`` the tokens to keep."""

    username: str
    display_name: str
    role: str
    access_token: str = ""
    refresh_token: str = ""
    access_expires_in: float = 0.0


class Welcome(Message, tag="welcome"):
    re: str
    server_version: str
    org_name: str
    ice_servers: list[IceServer] = msgspec.field(default_factory=list)
    account: Account | None = None


class SessionCreated(Message, tag="session_created"):
    re: str
    session_id: str
    code: str
    expires_in: float


class JoinPending(Message, tag="join_pending"):
    """The customer's join is waiting for the agent to admit it."""

    re: str
    join_id: str
    session_id: str
    agent_name: str
    org_name: str


class JoinRequest(Message, tag="join_request"):
    """Tells the agent that someone typed the code and waits to be admitted."""

    session_id: str
    join_id: str
    customer_name: str


class JoinWithdrawn(Message, tag="join_withdrawn"):
    """A waiting customer left before being admitted or declined."""

    session_id: str
    join_id: str


class Admitted(Message, tag="admitted"):
    """Sent to both sides when the agent admits a customer; the code is dead from now on."""

    session_id: str
    agent_name: str
    customer_name: str
    org_name: str
    ice_servers: list[IceServer] = msgspec.field(default_factory=list)
    re: str = ""


class Declined(Message, tag="declined"):
    """Tells the customer the agent declined; ``re`` is the customer's ``join`` id."""

    re: str


class ChatMessage(Message, tag="chat_message"):
    """A stored chat message, sent to both participants (the sender's copy is its ack)."""

    session_id: str
    msg_id: str
    seq: int
    sender: Role
    sender_name: str
    text: str
    ts: float
    re: str = ""


class SessionEnded(Message, tag="session_ended"):
    session_id: str
    reason: EndReason
    re: str = ""


class AbuseReportInfo(msgspec.Struct, kw_only=True):
    ts: float
    session_id: str
    code: str
    agent_username: str
    agent_display_name: str
    customer_name: str
    reason: str


class Reports(Message, tag="reports"):
    re: str
    reports: list[AbuseReportInfo] = msgspec.field(default_factory=list)


class NoteSaved(Message, tag="note_saved"):
    """The note is stored; ``re`` answers the ``note`` request."""

    re: str
    session_id: str
    note_id: str
    saved_at: float


class Ok(Message, tag="ok"):
    """A bare acknowledgement for requests with nothing more to say."""

    re: str


class Error(Message, tag="error"):
    code: ErrorCode
    message: str = ""
    re: str = ""
    retry_after: float | None = None
    supported_versions: list[int] | None = None


_CLIENT_TYPES: Final[tuple[type[Message], ...]] = (
    Hello,
    Login,
    Refresh,
    ReportAbuse,
    ListReports,
    Note,
    WrapUp,
    Rate,
    CreateSession,
    Join,
    Admit,
    Decline,
    Sdp,
    Ice,
    Chat,
    ShareStatus,
    EndSession,
)
_SERVER_TYPES: Final[tuple[type[Message], ...]] = (
    Welcome,
    SessionCreated,
    JoinPending,
    JoinRequest,
    JoinWithdrawn,
    Admitted,
    Declined,
    Sdp,
    Ice,
    ChatMessage,
    ShareStatus,
    SessionEnded,
    Reports,
    NoteSaved,
    Ok,
    Error,
)


def _tag(cls: type[Message]) -> str:
    tag = cls.__struct_config__.tag
    assert isinstance(tag, str)
    return tag


CLIENT_TYPES: Final[dict[str, type[Message]]] = {_tag(c): c for c in _CLIENT_TYPES}
SERVER_TYPES: Final[dict[str, type[Message]]] = {_tag(c): c for c in _SERVER_TYPES}

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder()


def serialize(message: Message) -> str:
    """Encode a message as the JSON text that goes on the wire."""
    return _encoder.encode(message).decode()


def parse(data: str | bytes, direction: Literal["client", "server"] = "client") -> Message:
    """Decode one message that a client (default) or the server sent.

    Raises ``ProtocolError`` with TOO_LARGE, BAD_JSON, BAD_MESSAGE, UNKNOWN_TYPE or
    UNSUPPORTED_VERSION. Checks are in that order, so a client learns the most useful
    reason first.
    """
    try:
        size = len(data.encode() if isinstance(data, str) else data)
    except UnicodeEncodeError:
        raise ProtocolError(ErrorCode.BAD_JSON, "text is not valid Unicode") from None
    if size > MAX_MESSAGE_BYTES:
        raise ProtocolError(ErrorCode.TOO_LARGE, f"{size} bytes > {MAX_MESSAGE_BYTES}")
    try:
        raw: Any = _decoder.decode(data)
    except msgspec.DecodeError as exc:
        raise ProtocolError(ErrorCode.BAD_JSON, str(exc)) from None
    if not isinstance(raw, dict):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "a message is a JSON object")
    version = raw.get("v")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "missing or invalid protocol version `v`")
    if version not in SUPPORTED_VERSIONS:
        raise ProtocolError(ErrorCode.UNSUPPORTED_VERSION, f"version {version}")
    kind = raw.get("type")
    if not isinstance(kind, str):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "missing or invalid `type`")
    table = CLIENT_TYPES if direction == "client" else SERVER_TYPES
    cls = table.get(kind)
    if cls is None:
        raise ProtocolError(ErrorCode.UNKNOWN_TYPE, kind[:40])
    try:
        message = msgspec.convert(raw, cls)
    except msgspec.ValidationError as exc:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, str(exc)) from None
    check(message)
    return message


def check(message: Message) -> None:
    """Validate what the types alone cannot: lengths and non-empty names."""
    if isinstance(message, Hello):
        _check_name(message.name)
    elif isinstance(message, Login):
        if not message.username.strip() or len(message.username) > 64:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "username must be 1-64 characters")
        if len(message.password) > 1024:
            raise ProtocolError(ErrorCode.TOO_LARGE, "password over 1024 characters")
    elif isinstance(message, Note):
        if len(message.text) > MAX_NOTE_CHARS:
            raise ProtocolError(ErrorCode.TOO_LARGE, f"note over {MAX_NOTE_CHARS} characters")
        if not 1 <= len(message.note_id) <= 64:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "note_id must be 1-64 characters")
    elif isinstance(message, WrapUp):
        if not message.category.strip() or len(message.category) > MAX_NAME_CHARS:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "category must be 1-80 characters")
        if len(message.tags) > 10 or any(not 1 <= len(t) <= 32 for t in message.tags):
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "at most 10 tags of 1-32 characters")
        if len(message.final_note) > MAX_NOTE_CHARS:
            raise ProtocolError(ErrorCode.TOO_LARGE, f"note over {MAX_NOTE_CHARS} characters")
    elif isinstance(message, Rate):
        if not 1 <= message.rating <= 5:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "rating must be 1-5")
        if len(message.comment) > MAX_CHAT_CHARS:
            raise ProtocolError(ErrorCode.TOO_LARGE, f"comment over {MAX_CHAT_CHARS} characters")
    elif isinstance(message, ReportAbuse) and len(message.reason) > MAX_CHAT_CHARS:
        raise ProtocolError(ErrorCode.TOO_LARGE, f"reason over {MAX_CHAT_CHARS} characters")
    elif isinstance(message, Chat):
        if not message.text.strip():
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "empty chat message")
        if len(message.text) > MAX_CHAT_CHARS:
            raise ProtocolError(ErrorCode.TOO_LARGE, f"chat over {MAX_CHAT_CHARS} characters")
        if not 1 <= len(message.msg_id) <= 64:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "msg_id must be 1-64 characters")


def _check_name(name: str) -> None:
    stripped = name.strip()
    if not stripped:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "name is empty")
    if len(stripped) > MAX_NAME_CHARS:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"name over {MAX_NAME_CHARS} characters")


def error_for(exc: ProtocolError, re_id: str = "") -> Error:
    """The ``error`` message that answers a failed request."""
    return Error(code=exc.code, message=exc.detail[:200], re=re_id)


def request_id_of(data: str | bytes) -> str:
    """Best-effort ``id`` of a message that failed to parse, so the error can echo it."""
    try:
        raw: Any = _decoder.decode(data)
    except msgspec.DecodeError:
        return ""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return str(raw["id"])[:64]
    return ""
