"""Asyncio client for the signaling server: hello, requests with ids, pushed events."""

from __future__ import annotations

import asyncio
import itertools
import logging
import ssl
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from assist import __version__
from assist.core.errors import AssistError, ClientErrorCode
from signaling import protocol as p

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0
#: Errors the server sends right before it closes the connection; they say why it closed.
_CLOSING_ERRORS = frozenset({p.ErrorCode.ACCOUNT_DISABLED, p.ErrorCode.SERVER_SHUTTING_DOWN})
REQUEST_TIMEOUT = 15.0

R = TypeVar("R", bound=p.Message)


class SignalingClient:
    """One connection to the signaling server, in one role; :meth:`connect` may be called
    again after the connection was lost (the same object carries on, so senders bound to
    :meth:`send` keep working).

    ``on_message`` receives every pushed message (including answers, after their request
    resolves); ``on_closed`` is called once when the connection ends, with ``None`` after
    :meth:`close` and an ``AssistError(CONNECTION_LOST)`` when the server went away.
    Both are called on the event loop.
    """

    def __init__(
        self,
        url: str,
        on_message: Callable[[p.Message], None],
        on_closed: Callable[[AssistError | None], None],
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.url = url
        self.welcome: p.Welcome | None = None
        self._on_message = on_message
        self._on_closed = on_closed
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._pending: dict[str, asyncio.Future[p.Message]] = {}
        self._ids = itertools.count(1)
        self._closing = False
        self._ssl = ssl_context
        self._last_error: AssistError | None = None

    async def connect(self, greeting: p.Request, timeout: float = CONNECT_TIMEOUT) -> p.Welcome:
        """Connect and send ``greeting`` (hello, login or refresh). Raises ``AssistError``
        (insecure_connection, server_unreachable, certificate_invalid, timeout, …)."""
        options = connection_options(self.url, self._ssl)
        greeting.id = "greeting"
        self._last_error = None  # again after a lost connection: its reason is history
        try:
            async with asyncio.timeout(timeout):
                self._ws = await connect(self.url, max_size=p.MAX_SERVER_MESSAGE_BYTES, **options)
                await self._ws.send(p.serialize(greeting))
                reply = p.parse(await self._ws.recv(), direction="server")
        except TimeoutError:
            await self._abort()
            raise AssistError(ClientErrorCode.TIMEOUT, f"no answer from {self.url}") from None
        except ssl.SSLCertVerificationError as exc:
            await self._abort()
            raise AssistError(ClientErrorCode.CERTIFICATE_INVALID, exc.verify_message) from None
        except (OSError, InvalidHandshake, InvalidURI) as exc:
            await self._abort()
            raise AssistError(ClientErrorCode.SERVER_UNREACHABLE, str(exc)) from None
        except ConnectionClosed:
            await self._abort()
            raise AssistError(ClientErrorCode.CONNECTION_LOST, "closed during hello") from None
        except p.ProtocolError as exc:
            await self._abort()
            raise AssistError(exc.code, exc.detail) from None
        if isinstance(reply, p.Error):
            await self._abort()
            raise AssistError(reply.code, reply.message)
        if not isinstance(reply, p.Welcome):
            await self._abort()
            raise AssistError(p.ErrorCode.BAD_MESSAGE, f"expected welcome, got {reply}")
        self.welcome = reply
        self._reader = asyncio.create_task(self._read_forever())
        return reply

    async def request(self, message: p.Request, expect: type[R]) -> R:
        """Send a request and wait for its answer; a server ``error`` raises ``AssistError``."""
        message.id = f"r{next(self._ids)}"
        future: asyncio.Future[p.Message] = asyncio.get_running_loop().create_future()
        self._pending[message.id] = future
        try:
            await self.send(message)
            async with asyncio.timeout(REQUEST_TIMEOUT):
                reply = await future
        except TimeoutError:
            raise AssistError(ClientErrorCode.TIMEOUT, type(message).__name__) from None
        finally:
            self._pending.pop(message.id, None)
        if isinstance(reply, p.Error):
            raise AssistError(reply.code, reply.message, reply.retry_after)
        if not isinstance(reply, expect):
            raise AssistError(p.ErrorCode.BAD_MESSAGE, f"expected {expect.__name__}")
        return reply

    async def send(self, message: p.Message) -> None:
        if self._ws is None:
            raise AssistError(ClientErrorCode.CONNECTION_LOST, "not connected")
        try:
            await self._ws.send(p.serialize(message))
        except ConnectionClosed:
            raise AssistError(ClientErrorCode.CONNECTION_LOST, "send failed") from None

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    async def _abort(self) -> None:
        if self._ws is not None:
            self._ws.transport.abort()
            self._ws = None

    async def _read_forever(self) -> None:
        assert self._ws is not None
        error: AssistError | None = None
        try:
            async for data in self._ws:
                self._handle(data)
        except ConnectionClosed:
            pass
        finally:
            if not self._closing:
                code = self._ws.close_code
                # A connection-level error just before the close says why (e.g. the
                # account was disabled); otherwise the connection was simply lost.
                error = self._last_error or AssistError(
                    ClientErrorCode.CONNECTION_LOST, f"close code {code}"
                )
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(
                        error or AssistError(ClientErrorCode.CONNECTION_LOST, "closed")
                    )
            self._on_closed(error)

    def _handle(self, data: str | bytes) -> None:
        try:
            message = p.parse(data, direction="server")
        except p.ProtocolError as exc:
            logger.warning("Ignoring a message the server sent: %s", exc.code.value)
            return
        re_id = getattr(message, "re", "")
        if isinstance(message, p.Error) and message.code in _CLOSING_ERRORS:
            self._last_error = AssistError(message.code, message.message)
        future = self._pending.get(re_id) if re_id else None
        if future is not None and not future.done():
            future.set_result(message)
        try:
            self._on_message(message)
        except Exception:
            logger.exception("Handler failed for %s", type(message).__name__)


def client_id() -> str:
    return f"assist/{__version__}"


def connection_options(url: str, context: ssl.SSLContext | None) -> dict[str, Any]:
    """TLS for wss:// (verified: system CAs, or ``context``); plain ws:// only to loopback.

    Raises ``AssistError(INSECURE_CONNECTION)`` for ws:// to anything but this machine, so
    nothing a person types travels the network unencrypted.
    """
    parts = urlsplit(url)
    if parts.scheme == "wss":
        return {"ssl": context or ssl.create_default_context()}
    if parts.scheme == "ws" and parts.hostname is not None and p.is_loopback(parts.hostname):
        # Never through an environment proxy: that would carry the unencrypted frames
        # (passwords, tokens, codes) off this machine.
        return {"proxy": None}
    if parts.scheme == "ws":
        raise AssistError(
            ClientErrorCode.INSECURE_CONNECTION, f"{parts.hostname} is not this machine"
        )
    raise AssistError(ClientErrorCode.SERVER_UNREACHABLE, f"not a ws:// or wss:// URL: {url}")
