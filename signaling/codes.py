"""The protocol's vocabulary: named errors, roles, states and reasons, and session codes.

Pure data and string helpers; ``signaling.protocol`` re-exports all of it.
"""

from __future__ import annotations

import enum
import re
from typing import Final, Generic, TypeVar

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
    EMAIL_INVALID = "email_invalid"
    CUSTOMER_NOT_FOUND = "customer_not_found"
    MERGE_INTO_ITSELF = "merge_into_itself"
    RESUME_INVALID = "resume_invalid"
    RESUME_EXPIRED = "resume_expired"


C = TypeVar("C", bound=str)


class CodedError(Exception, Generic[C]):
    """An error named by a stable ``code`` (a string enum's member, or a plain string) that
    callers branch on and clients translate, with a ``detail`` for logs."""

    def __init__(self, code: C, detail: str = "") -> None:
        name = str(code)  # a StrEnum member's value
        super().__init__(f"{name}: {detail}" if detail else name)
        self.code = code
        self.detail = detail


class ProtocolError(CodedError[ErrorCode]):
    """A message could not be parsed or was not allowed; ``code`` says why."""


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


class Capability(enum.StrEnum):
    """What the customer lets the agent do, each granted and revoked on its own."""

    VIEW = "view"  # see the shared screen or window
    GUIDE = "guide"  # show a pointer and draw on the customer's screen
    CONTROL = "control"  # move the mouse and type on the customer's computer


class ShareTarget(enum.StrEnum):
    """What the customer shares: a whole screen or one window."""

    SCREEN = "screen"
    WINDOW = "window"


class ShareReason(enum.StrEnum):
    """Why the customer's sharing changed state."""

    CUSTOMER = "customer"
    CAPTURE_FAILED = "capture_failed"
    SESSION_ENDED = "session_ended"
    WINDOW_CLOSED = "window_closed"
    #: The customer declined the consent: nothing was shared (the session goes on).
    DECLINED = "declined"
    #: Paused by the customer's app: the agent's app or connection was lost.
    AGENT_AWAY = "agent_away"
    #: Resumed by the customer's app: the same agent came back within the grace period.
    AGENT_BACK = "agent_back"


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
    DATA_DELETED = "data_deleted"


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


_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}", re.ASCII)


def normalize_email(email: str) -> str:
    """How e-mail addresses are compared: trimmed and lower-cased."""
    return email.strip().lower()


def is_email(text: str) -> bool:
    return _EMAIL.fullmatch(text.strip()) is not None
