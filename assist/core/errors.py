"""Named errors the client side raises; the UI maps each code to a translated message."""

from __future__ import annotations

import enum
from typing import Final

from signaling.codes import CodedError
from signaling.protocol import ErrorCode


class ClientErrorCode(enum.StrEnum):
    """Failures detected on the client rather than reported by the server."""

    SERVER_UNREACHABLE = "server_unreachable"
    CONNECTION_LOST = "connection_lost"
    TIMEOUT = "timeout"
    NO_DISPLAY = "no_display"
    WAYLAND_UNSUPPORTED = "wayland_unsupported"
    NO_SUCH_SCREEN = "no_such_screen"
    CAPTURE_FAILED = "capture_failed"
    CONTROL_FAILED = "control_failed"
    WINDOW_CLOSED = "window_closed"
    MEDIA_FAILED = "media_failed"
    CANCELLED = "cancelled"
    INSECURE_CONNECTION = "insecure_connection"
    CERTIFICATE_INVALID = "certificate_invalid"
    #: The local outbox could not keep what was typed (full disk, too many unsent items):
    #: it is still sent, but a crash before the server confirms it would lose it.
    OUTBOX_UNAVAILABLE = "outbox_unavailable"


class AssistError(CodedError[ErrorCode | ClientErrorCode]):
    """An error with a stable code: a server ``ErrorCode`` or a ``ClientErrorCode``."""

    def __init__(
        self,
        code: ErrorCode | ClientErrorCode,
        detail: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(code, detail)
        self.retry_after = retry_after


#: Refusals that sending the same thing again will never change (the session is gone or
#: not this user's, it ended, the text is over the limit): tell the user, stop retrying.
REFUSED_FOR_GOOD: Final = frozenset(
    {
        ErrorCode.NOT_FOUND,
        ErrorCode.FORBIDDEN,
        ErrorCode.WRONG_STATE,
        ErrorCode.TOO_LARGE,
        ErrorCode.BAD_MESSAGE,
    }
)


def refused_for_good(error: AssistError) -> bool:
    """True when retrying cannot help; False for what may pass later (a store that is
    full or down, a timeout, a lost connection)."""
    return error.code in REFUSED_FOR_GOOD


#: Why a connection attempt failed when trying again later may well succeed: the server is
#: (re)starting, busy, or its store is briefly down.
MAY_COME_BACK: Final = frozenset(
    {
        ClientErrorCode.SERVER_UNREACHABLE,
        ClientErrorCode.CONNECTION_LOST,
        ClientErrorCode.TIMEOUT,
        ErrorCode.SERVER_SHUTTING_DOWN,
        ErrorCode.RATE_LIMITED,
        ErrorCode.STORE_UNAVAILABLE,
        ErrorCode.INTERNAL,
    }
)
