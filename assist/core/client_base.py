"""What the agent and customer clients share: the connection, chat and background tasks."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable, Coroutine
from typing import Any

from assist.core import events as ev
from assist.core.chat import ChatEntry, ChatLog
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.signaling_client import SignalingClient
from signaling import protocol as p

logger = logging.getLogger(__name__)

Emit = Callable[[ev.Event], None]


class BaseClient:
    """A signed-in connection in one role. Subclasses route pushed messages in ``_route``.

    Every public coroutine must run on the client's event loop; events go out through
    ``emit`` on that loop too.
    """

    role: p.Role

    def __init__(
        self, url: str, name: str, emit: Emit, ssl_context: ssl.SSLContext | None = None
    ) -> None:
        self.name = name
        self.emit = emit
        self.signaling = SignalingClient(url, self._on_message, self._on_closed, ssl_context)
        self.chats: dict[str, ChatLog] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    async def connect(self) -> p.Welcome:
        return await self.signaling.connect(self._greeting())

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

    async def send_chat(self, session_id: str, text: str) -> ChatEntry:
        """Send a chat message; it shows as pending at once and is never dropped on failure."""
        entry = self._chat(session_id).compose(text)
        self.emit(ev.ChatUpdated(session_id, entry))
        await self._deliver_chat(session_id, entry)
        return entry

    async def retry_chat(self, session_id: str) -> None:
        """Send again everything that is still unconfirmed, with the same ids."""
        for entry in self._chat(session_id).unsent:
            await self._deliver_chat(session_id, entry)

    async def end_session(self, session_id: str) -> None:
        await self.signaling.request(p.EndSession(session_id=session_id), p.SessionEnded)

    async def close(self) -> None:
        """Cancel background work first (so none of it starts new media), then release."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._release_all_media()
        await self.signaling.close()

    # ---------------------------------------------------------------- inside

    async def _deliver_chat(self, session_id: str, entry: ChatEntry) -> None:
        message = p.Chat(session_id=session_id, msg_id=entry.msg_id, text=entry.text)
        try:
            await self.signaling.request(message, p.ChatMessage)
        except AssistError:
            failed = self._chat(session_id).mark_failed(entry.msg_id)
            if failed is not None:
                self.emit(ev.ChatUpdated(session_id, failed))
            raise

    def _chat(self, session_id: str) -> ChatLog:
        log = self.chats.get(session_id)
        if log is None:
            log = self.chats[session_id] = ChatLog(self.role, self.name)
        return log

    def _apply_chat(self, message: p.ChatMessage) -> None:
        entry = self._chat(message.session_id).confirm(message)
        if entry is not None:
            self.emit(ev.ChatUpdated(message.session_id, entry))

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
        else:
            self._route(message)

    def _route(self, message: p.Message) -> None:
        raise NotImplementedError

    def _on_closed(self, error: AssistError | None) -> None:
        if error is not None:
            self._spawn("", self._connection_lost(error))

    async def _connection_lost(self, error: AssistError) -> None:
        """The server is gone and with it every session: stop media before telling anyone,
        so nothing is captured or shown after the UI says the session is over."""
        try:
            await self._release_all_media()
        finally:
            self.emit(ev.ConnectionLost(error))

    async def _release_all_media(self) -> None:
        raise NotImplementedError
