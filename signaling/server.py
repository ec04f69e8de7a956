"""WebSocket glue around the pure registry: connections, dispatch, health, shutdown."""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from signaling import __version__
from signaling import protocol as p
from signaling.protocol import ErrorCode, ProtocolError
from signaling.registry import Outgoing, PeerId, RateLimited, Registry

logger = logging.getLogger(__name__)

#: Frames above this are refused by the WebSocket layer itself (close code 1009). Between
#: MAX_MESSAGE_BYTES and this, the server answers ``too_large`` and keeps the connection.
TRANSPORT_MAX_BYTES = 1024 * 1024
HELLO_TIMEOUT = 10.0
EXPIRY_INTERVAL = 1.0


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8765
    org_name: str = "Assist"
    ice_servers: list[p.IceServer] = field(default_factory=list)
    code_ttl: float = 600.0


class SignalingServer:
    """Issues session codes and relays between an agent and a customer.

    ``await start()`` binds (``port=0`` picks a free port, see :attr:`port`);
    ``await close()`` ends every connection with 1001 (going away).
    """

    def __init__(self, config: ServerConfig, clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.registry = Registry(
            org_name=config.org_name,
            clock=clock,
            ice_servers=config.ice_servers,
            code_ttl=config.code_ttl,
        )
        self._connections: dict[PeerId, ServerConnection] = {}
        self._ids = itertools.count(1)
        self._server: Server | None = None
        self._expiry_task: asyncio.Task[None] | None = None

    @property
    def port(self) -> int:
        assert self._server is not None, "start() first"
        for sock in self._server.sockets:
            return int(sock.getsockname()[1])
        raise RuntimeError("server has no socket")

    @property
    def url(self) -> str:
        host = self.config.host
        if ":" in host:
            host = f"[{host}]"
        return f"ws://{host}:{self.port}"

    async def start(self) -> None:
        self._server = await serve(
            self._handle,
            self.config.host,
            self.config.port,
            process_request=self._process_request,
            max_size=TRANSPORT_MAX_BYTES,
            ping_interval=20,
            ping_timeout=20,
        )
        self._expiry_task = asyncio.create_task(self._expire_forever())
        logger.info("Signaling server listening on %s", self.url)

    async def close(self) -> None:
        if self._expiry_task is not None:
            self._expiry_task.cancel()
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
            logger.info("Signaling server stopped")

    # ------------------------------------------------------------ connections

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        if request.path == "/healthz":
            return connection.respond(HTTPStatus.OK, "ok\n")
        return None

    async def _handle(self, ws: ServerConnection) -> None:
        peer_id = next(self._ids)
        address = str(ws.remote_address[0]) if ws.remote_address else "unknown"
        try:
            if not await self._greet(ws, peer_id, address):
                return
            self._connections[peer_id] = ws
            async for data in ws:
                await self._dispatch(peer_id, data)
        except ConnectionClosed:
            pass
        finally:
            self._connections.pop(peer_id, None)
            graceful = ws.protocol.close_rcvd is not None
            await self._deliver(self.registry.remove_peer(peer_id, graceful))

    async def _greet(self, ws: ServerConnection, peer_id: PeerId, address: str) -> bool:
        """Read the hello that decides the connection's role; False closes the connection."""
        try:
            data = await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT)
        except TimeoutError:
            await self._refuse(ws, p.Error(code=ErrorCode.HELLO_REQUIRED, message="timeout"))
            return False
        try:
            hello = p.parse(data)
        except ProtocolError as exc:
            await self._refuse(ws, self._error(exc, p.request_id_of(data)))
            return False
        if not isinstance(hello, p.Hello):
            await self._refuse(ws, p.Error(code=ErrorCode.HELLO_REQUIRED, re=_id_of(hello)))
            return False
        self.registry.add_peer(peer_id, hello.role, hello.name, address)
        logger.info("Peer %d connected as %s", peer_id, hello.role.value)
        welcome = p.Welcome(
            re=hello.id,
            server_version=__version__,
            org_name=self.config.org_name,
            ice_servers=self.config.ice_servers,
        )
        await ws.send(p.serialize(welcome))
        return True

    async def _refuse(self, ws: ServerConnection, error: p.Error) -> None:
        await ws.send(p.serialize(error))
        await ws.close(1008, error.code.value)

    # --------------------------------------------------------------- dispatch

    async def _dispatch(self, peer_id: PeerId, data: str | bytes) -> None:
        try:
            message = p.parse(data)
        except ProtocolError as exc:
            logger.debug("Peer %d sent a bad message: %s", peer_id, exc.code.value)
            await self._send(peer_id, self._error(exc, p.request_id_of(data)))
            return
        try:
            out = self._route(peer_id, message)
        except ProtocolError as exc:
            out = [(peer_id, self._error(exc, _id_of(message)))]
        except Exception:
            logger.exception("Peer %d: %s failed", peer_id, type(message).__name__)
            out = [(peer_id, p.Error(code=ErrorCode.INTERNAL, re=_id_of(message)))]
        await self._deliver(out)

    def _route(self, peer_id: PeerId, message: p.Message) -> Outgoing:
        role = self.registry.peer(peer_id).role
        if isinstance(message, p.Hello):
            raise ProtocolError(ErrorCode.WRONG_STATE, "hello was already received")
        if role not in type(message).senders:
            raise ProtocolError(ErrorCode.FORBIDDEN, f"{role.value} may not send this")
        registry = self.registry
        match message:
            case p.CreateSession():
                return registry.create_session(peer_id, message)
            case p.Join():
                return registry.join(peer_id, message)
            case p.Admit():
                return registry.admit(peer_id, message)
            case p.Decline():
                return registry.decline(peer_id, message)
            case p.Sdp() | p.Ice() | p.ShareStatus():
                return registry.relay(peer_id, message)
            case p.Chat():
                return registry.chat(peer_id, message)
            case p.EndSession():
                return registry.end(peer_id, message)
        raise ProtocolError(ErrorCode.UNKNOWN_TYPE, type(message).__name__)

    @staticmethod
    def _error(exc: ProtocolError, re_id: str) -> p.Error:
        error = p.error_for(exc, re_id)
        if isinstance(exc, RateLimited):
            error.retry_after = math.ceil(exc.retry_after * 10) / 10  # never round to 0
        if exc.code is ErrorCode.UNSUPPORTED_VERSION:
            error.supported_versions = sorted(p.SUPPORTED_VERSIONS)
        return error

    async def _deliver(self, out: Outgoing) -> None:
        for peer_id, message in out:
            await self._send(peer_id, message)

    async def _send(self, peer_id: PeerId, message: p.Message) -> None:
        ws = self._connections.get(peer_id)
        if ws is None:
            return
        try:
            await ws.send(p.serialize(message))
        except ConnectionClosed:
            logger.debug("Peer %d gone before %s", peer_id, type(message).__name__)

    async def _expire_forever(self) -> None:
        while True:
            await asyncio.sleep(EXPIRY_INTERVAL)
            await self._deliver(self.registry.expire())


def _id_of(message: p.Message) -> str:
    return message.id if isinstance(message, p.Request) else ""
