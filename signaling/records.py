"""What the server writes to the customer history: chat before it is acknowledged, notes,
wrap-up, ratings, identity, the session lifecycle, and abuse reports.

Every database call runs on the server's one database thread (``executor``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final, TypeVar

import msgspec

from signaling import protocol as p
from signaling import recorder
from signaling.metrics import Metrics
from signaling.ownership import Ownership
from signaling.protocol import ErrorCode, ProtocolError
from signaling.registry import Outgoing, Registry
from signaling.registry_types import HistoryEvent, PeerId
from signaling.store import accounts as acc
from signaling.store.db import Database
from signaling.store.models import AbuseReport

logger = logging.getLogger(__name__)

#: How long after a session ended its agent may still save notes and the wrap-up.
PAST_WRITES: Final = 24 * 3600.0

T = TypeVar("T")


class SessionRecords:
    def __init__(
        self,
        registry: Registry,
        database: Database,
        executor: concurrent.futures.Executor,
        clock: Callable[[], float],
        metrics: Metrics,
        ownership: Ownership,
    ) -> None:
        self.registry = registry
        self.database = database
        self.metrics = metrics
        self.ownership = ownership
        self._executor = executor
        self._clock = clock
        self._chat_locks: dict[str, asyncio.Lock] = {}

    async def _blocking(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def chat(self, peer_id: PeerId, message: p.Chat) -> Outgoing:
        """Store a chat message before anyone hears of it; a storage failure is the sender's
        ``store_unavailable`` (its client keeps the message and sends it again)."""
        lock = self._chat_locks.setdefault(message.session_id, asyncio.Lock())
        async with lock:  # one numbering at a time per session
            numbered, fresh = self.registry.prepare_chat(peer_id, message)
            if fresh:
                try:
                    stored = await self._blocking(recorder.store_chat, self.database, numbered)
                except Exception as exc:
                    logger.error("Cannot store a chat message: %s", type(exc).__name__)
                    raise ProtocolError(ErrorCode.STORE_UNAVAILABLE) from None
                numbered = msgspec.structs.replace(numbered, seq=stored.seq, ts=stored.ts)
            return self.registry.commit_chat(peer_id, message, numbered, fresh)

    async def record(self, peer_id: PeerId, message: p.Note | p.WrapUp | p.Rate) -> Outgoing:
        """Notes and wrap-up (the session's agent) and ratings (its customer): checked, stored,
        then acknowledged. Agents may still write within a day after the session ended, even
        from a new connection (after a crash)."""
        peer = self.registry.peer(peer_id)
        now = self._clock()
        if isinstance(message, p.Rate):
            self.registry.claim_rating(peer_id, message.session_id)
        elif not self.registry.owns(peer_id, message.session_id):
            await self._check_past_session(peer.username, message.session_id, now)
        try:
            await self._blocking(recorder.record, self.database, message, peer.username, now)
        except Exception as exc:
            if isinstance(message, p.Rate):
                self.registry.aftercare.release_rating((peer_id, message.session_id))
            logger.error("Cannot store a %s: %s", p.message_type(message), type(exc).__name__)
            raise ProtocolError(ErrorCode.STORE_UNAVAILABLE) from None
        if isinstance(message, p.Note):
            saved = p.NoteSaved(
                re=message.id, session_id=message.session_id, note_id=message.note_id, saved_at=now
            )
            return [(peer_id, saved)]
        return [(peer_id, p.Ok(re=message.id))]

    async def confirm_identity(self, peer_id: PeerId, message: p.ConfirmIdentity) -> Outgoing:
        peer = self.registry.peer(peer_id)
        if not self.registry.owns(peer_id, message.session_id):
            await self._check_past_session(peer.username, message.session_id, self._clock())
        try:
            await self._blocking(
                recorder.confirm,
                self.database,
                message.session_id,
                peer.username or "",
                self._clock(),
            )
        except LookupError:
            raise ProtocolError(ErrorCode.WRONG_STATE, "no customer record yet") from None
        return [(peer_id, p.Ok(re=message.id))]

    async def _check_past_session(self, username: str | None, session_id: str, now: float) -> None:
        found = await self._blocking(recorder.agent_of, self.database, session_id)
        if found is None or username is None or found[0] != username:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such session")
        ended_at = found[1]
        if ended_at is not None and now - ended_at.replace(tzinfo=UTC).timestamp() > PAST_WRITES:
            raise ProtocolError(ErrorCode.WRONG_STATE, "the session ended too long ago")

    async def resume(self, peer_id: PeerId, message: p.Resume) -> Outgoing:
        """Hand the session back to a new connection, then what it missed of the chat."""
        out = self.registry.resume(peer_id, message)
        try:
            missed = await self._blocking(
                recorder.messages_after, self.database, message.session_id, message.last_seq
            )
        except Exception as exc:  # the session is back; the client may ask again later
            logger.error("Cannot replay the transcript: %s", type(exc).__name__)
            missed = []
        replay: Outgoing = [
            (
                peer_id,
                p.ChatMessage(
                    session_id=m.session_id,
                    msg_id=m.msg_id,
                    seq=m.seq,
                    sender=p.Role(m.sender),
                    sender_name=m.sender_name,
                    text=m.text,
                    ts=m.ts,
                ),
            )
            for m in missed
        ]
        return out[:1] + replay + out[1:]

    async def restore(self, idle_timeout: float) -> int:
        """At start: the live sessions that servers now gone left in the store (this one
        before a restart, say) wait for both sides to resume; what they left open otherwise
        (never admitted, or idle too long) is closed. Sessions of servers still running are
        left alone. Returns how many were restored."""
        alive, closed = await self._blocking(self.ownership.adopt, idle_timeout, self._clock())
        for s in alive:
            self.registry.restore(
                s.session_id,
                (s.agent_username, s.agent_display_name),
                s.customer_name,
                s.resume_hash,
                s.seq,
            )
        if alive or closed:
            logger.warning("Restored %d live session(s); closed %d unfinished", len(alive), closed)
        return len(alive)

    async def lifecycle(self) -> list[HistoryEvent]:
        """Write what the registry noted (created, admitted, sharing, ended) to the history.
        A failure is logged and the live session goes on."""
        events = self.registry.take_history()
        if not events:
            return []
        for event in events:
            if event.kind == "ended":
                self._chat_locks.pop(event.session_id, None)
        try:
            await self._blocking(
                recorder.write_events, self.database, events, self.ownership.owner_id
            )
        except Exception as exc:
            logger.error("Cannot record %d session event(s): %s", len(events), type(exc).__name__)
            return []
        return [event for event in events if event.kind == "admitted"]

    async def identify(self, event: HistoryEvent) -> Outgoing:
        """Link the admitted customer to a customer record; the agent is to be told which."""
        try:
            found = await self._blocking(recorder.identify, self.database, event)
        except Exception as exc:
            logger.error("Cannot identify the customer: %s", type(exc).__name__)
            return []
        agent = self.registry.agent_of(event.session_id)
        if agent is None:
            return []
        identified = p.CustomerIdentified(
            session_id=event.session_id,
            customer_id=found.customer_id,
            display_name=found.display_name,
            email=found.email,
            customer_number=found.customer_number,
            past_sessions=found.past_sessions,
            matched=found.matched,
        )
        return [(agent, identified)]

    async def reports(self, peer_id: PeerId, message: p.ReportAbuse | p.ListReports) -> Outgoing:
        peer = self.registry.peer(peer_id)
        if isinstance(message, p.ListReports):
            if not peer.admin:
                raise ProtocolError(ErrorCode.FORBIDDEN, "administrators only")
            reports = await self._blocking(self._load_reports)
            return [(peer_id, p.Reports(re=message.id, reports=reports))]
        context = self.registry.claim_report(peer_id, message.session_id)
        if context is None:  # reported already: once per session is enough
            return [(peer_id, p.Ok(re=message.id))]
        try:
            await self._blocking(self._store_report, context, message.reason, peer.address)
        except Exception:
            self.registry.aftercare.release_report(
                (peer_id, message.session_id)
            )  # may be sent again
            raise
        self.metrics.abuse_reports.inc()
        logger.warning("Abuse reported for session %s", context["session_id"][:6])
        return [(peer_id, p.Ok(re=message.id))]

    def _store_report(self, context: dict[str, str], reason: str, address: str) -> None:
        with self.database.session() as session:
            report = AbuseReport(ts=datetime.now(UTC), address=address, reason=reason, **context)
            acc.add_abuse_report(session, report)
            acc.audit(
                session,
                "abuse_reported",
                subject=context["agent_username"],
                address=address,
                session_id=context["session_id"],
            )

    def _load_reports(self) -> list[p.AbuseReportInfo]:
        with self.database.session() as session:
            return [
                p.AbuseReportInfo(
                    ts=r.ts.timestamp(),
                    session_id=r.session_id,
                    code=r.code,
                    agent_username=r.agent_username,
                    agent_display_name=r.agent_display_name,
                    customer_name=r.customer_name,
                    reason=r.reason,
                )
                for r in acc.abuse_reports(session)
            ]
