"""What a customer may still do about a session after it ended: report abuse (a scammer
ending the session must not stop the report) and rate the help, each once, within the hour.

Pure bookkeeping, like the registry that owns it.
"""

from __future__ import annotations

from typing import Final

from signaling.protocol import ErrorCode, ProtocolError

PeerId = int
#: How long after the end a customer may still report or rate.
AFTERCARE_WINDOW: Final = 3600.0

Key = tuple[PeerId, str]  # (customer connection, session id)


class Aftercare:
    def __init__(self) -> None:
        #: The report context of each ended session, and when it ended.
        self._ended: dict[Key, tuple[dict[str, str], float]] = {}
        self._reported: set[Key] = set()
        self._rated: set[Key] = set()

    def session_ended(self, key: Key, context: dict[str, str], now: float) -> None:
        self._ended[key] = (context, now)

    def claim_report(self, key: Key, live_context: dict[str, str] | None) -> dict[str, str] | None:
        """The context to record with a report of a live (``live_context``) or recently
        ended session; None if this customer reported it already (once is enough)."""
        if key in self._reported:
            return None
        if live_context is not None:
            context = live_context
        elif key in self._ended:
            context = self._ended[key][0]
        else:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such session")
        self._reported.add(key)
        return context

    def release_report(self, key: Key) -> None:
        """The report could not be stored: let the customer send it again."""
        self._reported.discard(key)

    def claim_rating(self, key: Key, live: bool) -> None:
        if key in self._rated:
            raise ProtocolError(ErrorCode.WRONG_STATE, "already rated")
        if not live and key not in self._ended:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such session")
        self._rated.add(key)

    def release_rating(self, key: Key) -> None:
        self._rated.discard(key)

    def prune(self, now: float) -> None:
        for key, (_, ended_at) in list(self._ended.items()):
            if now - ended_at > AFTERCARE_WINDOW:
                del self._ended[key]
                self._reported.discard(key)
