"""What the agent and customer clients share: the connection, chat (kept in the local
outbox until the server numbered it) and background tasks."""

from __future__ import annotations

import asyncio
import itertools
import logging
import random
import ssl
from collections.abc import Callable, Coroutine
from typing import Any

from assist.core import events as ev
from assist.core.chat import ChatEntry, ChatLog
from assist.core.errors import MAY_COME_BACK, AssistError, ClientErrorCode, refused_for_good
from assist.core.outbox import Outbox, OutboxError, OutboxErrorCode
from assist.core.signaling_client import SignalingClient
from signaling import protocol as p

logger = logging.getLogger(__name__)

Emit = Callable[[ev.Event], None]

#: After a send that may pass later failed (store full or down, timeout), the outbox is
#: flushed again after these pauses (seconds), then every last one while connected.
CHAT_RETRY_DELAYS: tuple[float, ...] = (2.0, 5.0, 15.0, 30.0)
#: After a lost connection, reconnect after these pauses (seconds, each ±20 % so that many
#: clients of a restarted server do not come back in step), then every last one...
RECONNECT_DELAYS: tuple[float, ...] = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
#: ...until this long has passed: then the sessions are given up for lost. The server keeps
#: a session for its grace period (60 s by default) after it returns, so a server that is
#: back within this time finds both sides again.
RECONNECT_FOR = 300.0


class BaseClient:
    """A signed-in connection in one role. Subclasses route pushed messages in ``_route``.

    Every public coroutine must run on the client's event loop; events go out through
    ``emit`` on that loop too. ``outbox`` keeps what was typed until the server has it
    (the app's file; by default one in memory that a crash would lose).
    """

    role: p.Role

    def __init__(
        self,
        url: str,
        name: str,
        emit: Emit,
        ssl_context: ssl.SSLContext | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        self.name = name
        self.emit = emit
        self.signaling = SignalingClient(url, self._on_message, self._on_closed, ssl_context)
        self.outbox = outbox if outbox is not None else Outbox(None)
        self.chats: dict[str, ChatLog] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._flush_lock = asyncio.Lock()
        self._retrying: asyncio.Task[None] | None = None
        self._lost = False
        self._closed = False
        self._note_locks: dict[str, asyncio.Lock] = {}
        #: The loop the client runs on, once connected (methods "safe from any thread"
        #: hand their work to it).
        self.loop: asyncio.AbstractEventLoop | None = None

    async def connect(self) -> p.Welcome:
        self.loop = asyncio.get_running_loop()
        welcome = await self.signaling.connect(self._greeting())
        self._lost = False
        return welcome

    def _greeting(self) -> p.Request:
        """The first message: who this connection is."""
        raise NotImplementedError

    @property
    def org_name(self) -> str:
        welcome = self.signaling.welcome
        return welcome.org_name if welcome is not None else ""

    @property
    def ice_servers(self) -> list[p.IceServer]:
        welcome = self.signaling.welcome
        return list(welcome.ice_servers) if welcome is not None else []

    @property
    def outbox_scope(self) -> str:
        """The outbox's ``server`` key for what this connection sends: the server URL."""
        return self.signaling.url

    async def send_chat(self, session_id: str, text: str) -> ChatEntry:
        """Send a chat message; it shows as pending at once and is never dropped on failure:
        the outbox keeps it (before it goes out) until the server's numbered copy arrives."""
        entry = self._chat(session_id).compose(text)
        self.emit(ev.ChatUpdated(session_id, entry))
        self._keep_chat(session_id, entry)
        await self._deliver_chat(session_id, entry)
        return entry

    async def flush_outbox(self) -> bool:
        """Send again, in the order typed and under their own ids, the messages the outbox
        holds for the sessions this connection is in (after reconnecting, or once the
        server's store works again); the server answers a resend with the original number,
        so nothing arrives twice. A message refused for good is marked failed, reported as
        ``OperationFailed`` and dropped; on a failure that may pass, it and the rest wait
        for the next flush. Returns whether nothing is left to send."""
        async with self._flush_lock:
            try:
                pending = self.outbox.pending_chat(self.outbox_scope)
            except OutboxError as exc:
                logger.warning("Cannot read the outbox: %s", exc.code.value)
                return False
            live = self._live_sessions()
            for item in pending:
                if item.session_id not in live:
                    continue  # not resumed (yet): kept for later
                entry = self._chat(item.session_id).restore(item.msg_id, item.text, item.created_at)
                if entry is None:  # numbered already; only the ack's write was lost
                    self._clear_chat(item.session_id, item.msg_id)
                    continue
                self.emit(ev.ChatUpdated(item.session_id, entry))
                try:
                    await self._deliver_chat(item.session_id, entry)
                except AssistError as exc:
                    if not refused_for_good(exc):
                        return False
                    self.emit(ev.OperationFailed(item.session_id, exc))
            return True

    async def retry_chat(self, session_id: str) -> None:
        """Send again everything that is still unconfirmed, with the same ids."""
        for entry in self._chat(session_id).unsent:
            await self._deliver_chat(session_id, entry)

    async def end_session(self, session_id: str) -> None:
        await self.signaling.request(p.EndSession(session_id=session_id), p.SessionEnded)

    @property
    def reconnecting(self) -> bool:
        """The connection was lost and the client is trying to get back."""
        return self._lost and not self._closed

    async def close(self) -> None:
        """Cancel background work first (so none of it starts new media), then release."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._release_all_media()
        await self.signaling.close()

    # ---------------------------------------------------------------- inside

    def _keep_chat(self, session_id: str, entry: ChatEntry) -> None:
        try:
            self.outbox.add_chat(self.outbox_scope, session_id, entry.msg_id, entry.text, entry.ts)
        except OutboxError as exc:
            if exc.code in (OutboxErrorCode.TOO_LARGE, OutboxErrorCode.BAD_ID):
                return  # the server refuses it by name as well, and the panel shows that
            # Sent anyway: the server may well take it; the user learns it is at risk.
            logger.warning("Cannot keep a chat message in the outbox: %s", exc.code.value)
            error = AssistError(ClientErrorCode.OUTBOX_UNAVAILABLE, exc.code.value)
            self.emit(ev.OperationFailed(session_id, error))

    async def _deliver_chat(self, session_id: str, entry: ChatEntry) -> None:
        message = p.Chat(session_id=session_id, msg_id=entry.msg_id, text=entry.text)
        try:
            await self.signaling.request(message, p.ChatMessage)
        except AssistError as exc:
            failed = self._chat(session_id).mark_failed(entry.msg_id)
            if failed is not None:
                self.emit(ev.ChatUpdated(session_id, failed))
            if refused_for_good(exc):
                self._clear_chat(session_id, entry.msg_id)  # the panel still shows it, failed
            else:
                self._retry_chat_later()
            raise

    def _retry_chat_later(self) -> None:
        """Flush the outbox again after a pause, until it is empty or the connection is
        gone (reconnecting flushes it then)."""
        if self._lost or (self._retrying is not None and not self._retrying.done()):
            return

        async def retry() -> None:
            delays = itertools.chain(CHAT_RETRY_DELAYS, itertools.repeat(CHAT_RETRY_DELAYS[-1]))
            for delay in delays:
                await asyncio.sleep(delay)
                if self._lost or await self.flush_outbox():
                    return

        self._retrying = asyncio.create_task(retry())
        self._tasks.add(self._retrying)
        self._retrying.add_done_callback(self._tasks.discard)

    def _clear_chat(self, session_id: str, msg_id: str) -> None:
        """The outbox lets go of one message: the server numbered it, or refused it for good."""
        try:
            self.outbox.chat_acked(self.outbox_scope, session_id, msg_id)
        except OutboxError as exc:  # resent later under the same id: harmless
            logger.warning("Cannot clear a delivered message from the outbox: %s", exc.code.value)

    def _chat_session_over(self, session_id: str) -> None:
        """The server ended the session: what it never numbered cannot be delivered any more.
        It stays on screen, marked as not sent; the outbox lets it go."""
        log = self.chats.get(session_id)
        if log is not None:
            for entry in log.unsent:
                failed = log.mark_failed(entry.msg_id)
                if failed is not None:
                    self.emit(ev.ChatUpdated(session_id, failed))
        try:
            self.outbox.forget_chat(self.outbox_scope, session_id)
        except OutboxError as exc:
            logger.warning("Cannot clear an ended session from the outbox: %s", exc.code.value)

    def _live_sessions(self) -> set[str]:
        """The sessions this connection is in now."""
        raise NotImplementedError

    def _chat(self, session_id: str) -> ChatLog:
        log = self.chats.get(session_id)
        if log is None:
            log = self.chats[session_id] = ChatLog(self.role, self.name)
        return log

    def _apply_chat(self, message: p.ChatMessage) -> None:
        entry = self._chat(message.session_id).confirm(message)
        if entry is not None:
            self.emit(ev.ChatUpdated(message.session_id, entry))
        # Every numbered message: the sender's own copy is its acknowledgement.
        self._clear_chat(message.session_id, message.msg_id)

    def _spawn(self, session_id: str, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` in the background; a failure is reported as an event, not lost."""
        task = asyncio.create_task(work)
        self._tasks.add(task)

        def done(finished: asyncio.Task[None]) -> None:
            self._tasks.discard(finished)
            if finished.cancelled():
                return
            exc = finished.exception()
            if exc is None:
                return
            if not isinstance(exc, AssistError):
                logger.error("Background task failed", exc_info=exc)
                exc = AssistError(ClientErrorCode.MEDIA_FAILED, str(exc))
            self.emit(ev.OperationFailed(session_id, exc))

        task.add_done_callback(done)

    def _on_message(self, message: p.Message) -> None:
        if isinstance(message, p.ChatMessage):
            self._apply_chat(message)
        elif isinstance(message, p.Purge):
            self._purge(message.session_ids)
        elif not self._on_presence(message):
            self._route(message)

    def _purge(self, session_ids: list[str]) -> None:
        """An administrator erased these sessions, or their retention ran out: nothing of
        them may stay on this computer, and views of them close (``SessionsPurged``)."""
        try:
            # Whatever server or account kept them: session ids are random, so an id
            # names one session only.
            self.outbox.purge_sessions(session_ids)
        except OutboxError as exc:
            logger.error("Cannot purge %d session(s) from the outbox: %s", len(session_ids), exc)
        for session_id in session_ids:
            self.chats.pop(session_id, None)
        self.emit(ev.SessionsPurged(tuple(session_ids)))

    def _route(self, message: p.Message) -> None:
        raise NotImplementedError

    def _on_presence(self, message: p.Message) -> bool:
        """Messages every role handles alike; True when ``message`` was one."""
        match message:
            case p.PeerAway():
                self.emit(ev.PeerAway(message.session_id, message.role, message.grace))
            case p.PeerBack():
                self.emit(ev.PeerBack(message.session_id, message.role))
            case _:
                return False
        return True

    def _on_closed(self, error: AssistError | None) -> None:
        self._lost = True
        if error is None or self._closed:
            return
        if error.code in MAY_COME_BACK and self._worth_reconnecting():
            self._spawn("", self._reconnect(error))
        else:
            self._spawn("", self._connection_lost(error))

    def _worth_reconnecting(self) -> bool:
        """Whether to get back after a lost connection (else it is reported as lost)."""
        return bool(self._live_sessions())

    async def _reconnect(self, error: AssistError) -> None:
        """Connect again with backoff, take back each live session, then send what waited
        in the outbox. The media is left alone: it is peer to peer and may well carry on.
        Gives up (``ConnectionLost``) when the server refuses us for good or stays away for
        :data:`RECONNECT_FOR` seconds."""
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + RECONNECT_FOR
        delays = itertools.chain(RECONNECT_DELAYS, itertools.repeat(RECONNECT_DELAYS[-1]))
        for attempt, delay in enumerate(delays, start=1):
            pause = delay * random.uniform(0.8, 1.2)
            self.emit(ev.Reconnecting(error, attempt, pause))
            await asyncio.sleep(pause)
            try:
                await self.signaling.connect(self._greeting())
            except AssistError as exc:
                logger.info("Reconnect attempt %d failed: %s", attempt, exc.code.value)
                if exc.code not in MAY_COME_BACK or loop.time() + delay > give_up_at:
                    await self._connection_lost(exc if exc.code not in MAY_COME_BACK else error)
                    return
                continue
            self._lost = False
            self._on_reconnected(self.signaling.welcome)
            self.emit(ev.Reconnected())
            await self._resume_sessions()
            await self._flush_after_resume()
            return

    def _on_reconnected(self, welcome: p.Welcome | None) -> None:
        """The new connection's welcome (an agent learns its renewed tokens)."""

    async def _resume_sessions(self) -> None:
        """Ask for each live session back; those the server no longer has are closed."""
        for session_id in sorted(self._live_sessions()):
            log = self.chats.get(session_id)
            request = p.Resume(
                session_id=session_id,
                resume_token=self._resume_proof(session_id),
                last_seq=log.last_seq if log is not None else 0,
            )
            try:
                resumed = await self.signaling.request(request, p.Resumed)
            except AssistError as exc:
                if exc.code in (p.ErrorCode.RESUME_INVALID, p.ErrorCode.RESUME_EXPIRED):
                    logger.info("Session %s could not be resumed: %s", session_id, exc.code)
                    await self._session_lost(session_id)
                    continue
                raise
            self._resumed(resumed)
            self.emit(ev.SessionResumed(session_id, resumed.peer_present))

    async def _flush_after_resume(self) -> None:
        if not await self.flush_outbox():
            self._retry_chat_later()

    def _resume_proof(self, session_id: str) -> str:
        """What proves this side may take ``session_id`` back ("" for agents: the account)."""
        return ""

    def _resumed(self, resumed: p.Resumed) -> None:
        """The server's view of a resumed session (share state, who is there)."""

    async def _session_lost(self, session_id: str) -> None:
        """The server ended ``session_id`` while we were away: release it and say so."""
        raise NotImplementedError

    async def _connection_lost(self, error: AssistError) -> None:
        """The server is gone and with it every session: stop media before telling anyone,
        so nothing is captured or shown after the UI says the session is over."""
        try:
            await self._release_all_media()
        finally:
            self.emit(ev.ConnectionLost(error))

    async def _release_all_media(self) -> None:
        raise NotImplementedError
