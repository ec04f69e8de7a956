"""Named errors the client side raises; the UI maps each code to a translated message."""

from __future__ import annotations

import enum

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
    MEDIA_FAILED = "media_failed"
    CANCELLED = "cancelled"
    INSECURE_CONNECTION = "insecure_connection"
    CERTIFICATE_INVALID = "certificate_invalid"


class AssistError(Exception):
    """An error with a stable code: a server ``ErrorCode`` or a ``ClientErrorCode``."""

    def __init__(
        self,
        code: ErrorCode | ClientErrorCode,
        detail: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{code.value}: {detail}" if detail else code.value)
        self.code = code
        self.detail = detail
        self.retry_after = retry_after
