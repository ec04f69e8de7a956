"""Translated, human wording for every named error and end reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from assist.core.errors import AssistError, ClientErrorCode
from signaling.protocol import Capability, EndReason, ErrorCode, Role, ShareReason


def error_text(error: AssistError) -> str:
    """A sentence for the person in front of the screen; the code stays in the logs."""
    code = error.code
    texts: dict[str, str] = {
        ErrorCode.CODE_MALFORMED: QCoreApplication.translate(
            "messages", "A session code has 9 digits. Please check the code."
        ),
        ErrorCode.CODE_INVALID: QCoreApplication.translate(
            "messages", "This code is not valid. Please check it with the person helping you."
        ),
        ErrorCode.CODE_EXPIRED: QCoreApplication.translate(
            "messages", "This code has expired. Please ask for a new code."
        ),
        ErrorCode.CODE_USED: QCoreApplication.translate(
            "messages", "This code was already used. Please ask for a new code."
        ),
        ErrorCode.JOIN_DECLINED: QCoreApplication.translate(
            "messages", "The support agent declined the request."
        ),
        ErrorCode.UNSUPPORTED_VERSION: QCoreApplication.translate(
            "messages", "This app is too old or too new for the server. Please update it."
        ),
        ErrorCode.SERVER_SHUTTING_DOWN: QCoreApplication.translate(
            "messages", "The server is restarting. Please try again."
        ),
        ErrorCode.FORBIDDEN: QCoreApplication.translate("messages", "That is not allowed."),
        ErrorCode.WRONG_STATE: QCoreApplication.translate(
            "messages", "That is not possible right now."
        ),
        ErrorCode.NOT_FOUND: QCoreApplication.translate(
            "messages", "That session no longer exists."
        ),
        ErrorCode.TOO_LARGE: QCoreApplication.translate("messages", "The message is too long."),
        ClientErrorCode.SERVER_UNREACHABLE: QCoreApplication.translate(
            "messages",
            "Cannot reach the server. Check your network connection and the server address.",
        ),
        ClientErrorCode.CONNECTION_LOST: QCoreApplication.translate(
            "messages", "The connection to the server was lost."
        ),
        ClientErrorCode.TIMEOUT: QCoreApplication.translate(
            "messages", "The server did not answer in time. Please try again."
        ),
        ClientErrorCode.NO_DISPLAY: QCoreApplication.translate(
            "messages", "No screen was found that could be shared."
        ),
        ClientErrorCode.WAYLAND_UNSUPPORTED: QCoreApplication.translate(
            "messages",
            "Screen sharing is not available in a Wayland session yet. "
            "Please sign in with an X11 (Xorg) session to share your screen.",
        ),
        ClientErrorCode.NO_SUCH_SCREEN: QCoreApplication.translate(
            "messages", "That screen is no longer connected."
        ),
        ClientErrorCode.CAPTURE_FAILED: QCoreApplication.translate(
            "messages", "Your screen could not be captured."
        ),
        ClientErrorCode.WINDOW_CLOSED: QCoreApplication.translate(
            "messages", "The window you shared was closed, so sharing stopped."
        ),
        ClientErrorCode.CONTROL_FAILED: QCoreApplication.translate(
            "messages", "The agent's input could not be passed to your computer."
        ),
        ClientErrorCode.MEDIA_FAILED: QCoreApplication.translate(
            "messages", "The video connection failed."
        ),
        ClientErrorCode.CANCELLED: QCoreApplication.translate(
            "messages", "The operation was cancelled."
        ),
        ClientErrorCode.INSECURE_CONNECTION: QCoreApplication.translate(
            "messages",
            "Refusing an unencrypted connection to another computer. "
            "The server address must start with wss://.",
        ),
        ClientErrorCode.CERTIFICATE_INVALID: QCoreApplication.translate(
            "messages",
            "The server's identity could not be verified (its certificate is not trusted). "
            "Do not continue; contact your administrator.",
        ),
        ClientErrorCode.OUTBOX_UNAVAILABLE: QCoreApplication.translate(
            "messages",
            "Assist could not keep a copy of what you typed on this computer (is the disk "
            "full?). It is still sent, but is lost if Assist closes before the server has it.",
        ),
        ErrorCode.AUTH_REQUIRED: QCoreApplication.translate("messages", "Please sign in."),
        ErrorCode.BAD_CREDENTIALS: QCoreApplication.translate(
            "messages", "Wrong username or password."
        ),
        ErrorCode.ACCOUNT_DISABLED: QCoreApplication.translate(
            "messages", "This account has been disabled. Contact your administrator."
        ),
        ErrorCode.TOKEN_EXPIRED: QCoreApplication.translate(
            "messages", "Your sign-in has expired. Please sign in again."
        ),
        ErrorCode.TOKEN_INVALID: QCoreApplication.translate(
            "messages", "Your sign-in is no longer valid. Please sign in again."
        ),
        ErrorCode.JOIN_TIMEOUT: QCoreApplication.translate(
            "messages", "Nobody let you in in time. Please contact the person helping you."
        ),
        ErrorCode.EMAIL_INVALID: QCoreApplication.translate(
            "messages", "Please check the e-mail address (or leave it empty)."
        ),
        ErrorCode.CUSTOMER_NOT_FOUND: QCoreApplication.translate(
            "messages", "That customer record no longer exists. Search again and pick another."
        ),
        ErrorCode.MERGE_INTO_ITSELF: QCoreApplication.translate(
            "messages", "A customer record cannot be merged into itself. Pick a different record."
        ),
        ErrorCode.RESUME_INVALID: QCoreApplication.translate(
            "messages", "This session cannot be taken up again from here. Please join again."
        ),
        ErrorCode.RESUME_EXPIRED: QCoreApplication.translate(
            "messages", "The session ended while the connection was lost."
        ),
        ErrorCode.STORE_UNAVAILABLE: QCoreApplication.translate(
            "messages", "The server cannot save right now. Please try again in a moment."
        ),
    }
    if code is ErrorCode.RATE_LIMITED:
        seconds = int(error.retry_after or 0) + 1
        return PLURALS.wait_seconds(seconds)
    return texts.get(
        code,
        QCoreApplication.translate("messages", "Something went wrong (%1).").replace(
            "%1", code.value
        ),
    )


def end_reason_text(reason: EndReason, viewer: Role) -> str:
    """Why a session ended, worded for ``viewer`` (who may be the one who ended it)."""
    own = EndReason.AGENT_ENDED if viewer is Role.AGENT else EndReason.CUSTOMER_ENDED
    if reason is own:
        return QCoreApplication.translate("messages", "You ended the session.")
    if reason is (EndReason.AGENT_DROPPED if viewer is Role.AGENT else EndReason.CUSTOMER_DROPPED):
        return QCoreApplication.translate(
            "messages", "Your connection was lost for too long, and the session ended."
        )
    texts = {
        EndReason.AGENT_ENDED: QCoreApplication.translate(
            "messages", "The support agent ended the session."
        ),
        EndReason.CUSTOMER_ENDED: QCoreApplication.translate(
            "messages", "The customer ended the session."
        ),
        EndReason.AGENT_LEFT: QCoreApplication.translate("messages", "The support agent left."),
        EndReason.CUSTOMER_LEFT: QCoreApplication.translate("messages", "The customer left."),
        EndReason.AGENT_DROPPED: QCoreApplication.translate(
            "messages", "The support agent's connection dropped."
        ),
        EndReason.CUSTOMER_DROPPED: QCoreApplication.translate(
            "messages", "The customer's connection dropped."
        ),
        EndReason.EXPIRED: QCoreApplication.translate(
            "messages", "The code expired before anyone joined."
        ),
        EndReason.SERVER_SHUTDOWN: QCoreApplication.translate("messages", "The server shut down."),
        EndReason.IDLE: QCoreApplication.translate(
            "messages", "The session ended after a long time without activity."
        ),
        EndReason.AGENT_DISABLED: QCoreApplication.translate(
            "messages", "The support agent's account was disabled. The session was stopped."
        ),
        EndReason.DATA_DELETED: QCoreApplication.translate(
            "messages",
            "The session was stopped because the customer's data was deleted on request.",
        ),
    }
    return texts[reason]


def share_reason_text(reason: ShareReason) -> str:
    texts = {
        ShareReason.CUSTOMER: QCoreApplication.translate(
            "messages", "The customer stopped sharing."
        ),
        ShareReason.CAPTURE_FAILED: QCoreApplication.translate(
            "messages", "The customer's screen could not be captured."
        ),
        ShareReason.SESSION_ENDED: QCoreApplication.translate("messages", "The session ended."),
        ShareReason.WINDOW_CLOSED: QCoreApplication.translate(
            "messages", "The customer closed the window they were sharing."
        ),
        ShareReason.DECLINED: QCoreApplication.translate(
            "messages", "The customer declined to share their screen."
        ),
        ShareReason.AGENT_AWAY: QCoreApplication.translate(
            "messages", "The support agent's connection was lost."
        ),
        ShareReason.AGENT_BACK: QCoreApplication.translate(
            "messages", "The support agent is back."
        ),
    }
    return texts[reason]


class Plurals(QObject):
    """Texts with a number in them (``%n``): lupdate finds plural forms only in ``tr()``."""

    def wait_seconds(self, seconds: int) -> str:
        return self.tr("Too many wrong codes. Please wait %n second(s) and try again.", "", seconds)

    def minutes(self, minutes: int) -> str:
        return self.tr("%n min", "", minutes)


PLURALS = Plurals()


def capability_text(capability: Capability) -> str:
    """What the customer allows the agent, in a few words (for lists of permissions)."""
    texts = {
        Capability.VIEW: QCoreApplication.translate(
            "messages", "view", "a permission: see the shared screen"
        ),
        Capability.GUIDE: QCoreApplication.translate(
            "messages", "pointer and drawing", "a permission: point and draw on the screen"
        ),
        Capability.CONTROL: QCoreApplication.translate(
            "messages", "control", "a permission: use the mouse and keyboard"
        ),
    }
    return texts[capability]
