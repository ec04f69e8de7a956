"""WebSocket glue around the pure registry: connections, dispatch, health, metrics, shutdown."""

from __future__ import annotations

import asyncio
import concurrent.futures
import hmac
import itertools
import logging
import math
import ssl
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, TypeVar

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from signaling import __version__
from signaling import protocol as p
from signaling.auth import Authenticator, AuthError, Grant
from signaling.history_reader import HistoryReader, HistoryRequest
from signaling.metrics import Metrics
from signaling.ownership import OWNER_TIMEOUT, Ownership
from signaling.privacy_watch import PrivacyWatch
from signaling.protocol import ErrorCode, ProtocolError
from signaling.records import SessionRecords
from signaling.registry import IDLE_TIMEOUT, JOIN_TIMEOUT, Outgoing, Registry
from signaling.registry_types import PeerId, RateLimited
from signaling.resumption import RESUME_GRACE
from signaling.store import accounts as acc
from signaling.store.db import Database
from signaling.store.models import UserRole

logger = logging.getLogger(__name__)

#: Frames above this are refused by the WebSocket layer itself (close code 1009). Between
#: MAX_MESSAGE_BYTES and this, the server answers ``too_large`` and keeps the connection.
TRANSPORT_MAX_BYTES = 1024 * 1024
HELLO_TIMEOUT = 10.0
EXPIRY_INTERVAL = 1.0
#: History reads one connection may have answered in the background at once.
READS_IN_FLIGHT = 4
#: How often the server looks for agents disabled by an administrator (to cut them off).
DISABLED_POLL_INTERVAL = 1.0

T = TypeVar("T")


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8765
    #: The organisation named to customers ("": none; never the software's name).
    org_name: str = ""
    ice_servers: list[p.IceServer] = field(default_factory=list)
    code_ttl: float = 600.0
    join_timeout: float = JOIN_TIMEOUT
    idle_timeout: float = IDLE_TIMEOUT
    ssl_context: ssl.SSLContext | None = None
    #: Trust X-Forwarded-For from this address (a TLS-terminating proxy on loopback).
    trusted_proxy: str | None = None
    #: How long a session waits for a lost connection (or, after a restart, both) to resume.
    resume_grace: float = RESUME_GRACE
    #: Purge transcripts and notes of sessions that ended this many days ago (None: keep).
    retention_days: int | None = None
    #: The team's wrap-up categories, sent to agents (empty: each console's defaults).
    categories: list[str] = field(default_factory=list)
    #: Servers sharing the database take this one for gone (and restore its sessions when
    #: they start) once its heartbeat is older than this (signaling/ownership.py).
    owner_timeout: float = OWNER_TIMEOUT
    #: When set, ``/metrics`` answers only ``Authorization: Bearer <this>`` (401 otherwise).
    metrics_token: str | None = None


class SignalingServer:
    """Issues session codes and relays between a signed-in agent and a customer.

    ``await start()`` binds (``port=0`` picks a free port, see :attr:`port`);
    ``await close()`` ends every connection with 1001 (going away). Account checks and the
    database run on one worker thread, never on the event loop.
    """

    def __init__(
        self, config: ServerConfig, database: Database, clock: Callable[[], float] = time.time
    ) -> None:
        self.config = config
        self.database = database
        self.metrics = Metrics()
        self.registry = Registry(
            org_name=config.org_name,
            clock=clock,
            ice_servers=config.ice_servers,
            code_ttl=config.code_ttl,
            join_timeout=config.join_timeout,
            idle_timeout=config.idle_timeout,
            resume_grace=config.resume_grace,
        )
        self._db_thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="db")
        # The lock and the heartbeat on a thread of their own: a long purge on the database
        # thread must not make this server look gone to the others.
        self.ownership = Ownership(database, config.owner_timeout)
        self._owner_thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="owner")
        self._auth: Authenticator | None = None
        self._clock = clock
        self._connections: dict[PeerId, ServerConnection] = {}
        self._shutting_down = False
        #: The hash of the access token each agent connection signed in with.
        self._access: dict[PeerId, str] = {}
        #: Requests a connection's messages do not wait for (history reads), per connection.
        self._background: dict[PeerId, set[asyncio.Task[None]]] = {}
        self._ids = itertools.count(1)
        self._server: Server | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.records = SessionRecords(
            self.registry, database, self._db_thread, clock, self.metrics, self.ownership
        )
        # Reading the history (search above all) gets its own threads, so that a long query
        # never delays the storing, and so the acknowledging, of chat messages.
        self._read_threads = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="db-read")
        self.history = HistoryReader(self.registry, database, self._read_threads, clock)
        self.privacy = PrivacyWatch(
            self.registry, database, self._db_thread, self._deliver, config.retention_days
        )

    @property
    def auth(self) -> Authenticator:
        assert self._auth is not None, "start() first"
        return self._auth

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
        scheme = "wss" if self.config.ssl_context is not None else "ws"
        return f"{scheme}://{host}:{self.port}"

    async def start(self) -> None:
        """Raises ``StoreError`` ``database_in_use`` if another server holds the SQLite file."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._owner_thread, self.ownership.hold)
        self._auth = await self._blocking(Authenticator, self.database, self._clock)
        await self.records.restore(self.config.idle_timeout)
        self._server = await serve(
            self._handle,
            self.config.host,
            self.config.port,
            process_request=self._process_request,
            max_size=TRANSPORT_MAX_BYTES,
            ping_interval=20,
            ping_timeout=20,
            ssl=self.config.ssl_context,
        )
        self._tasks = [
            asyncio.create_task(self._expire_forever()),
            asyncio.create_task(self._cut_off_disabled_forever()),
            asyncio.create_task(self.privacy.run_forever()),
        ]
        if not self.ownership.exclusive:
            self._tasks.append(asyncio.create_task(self._heartbeat_forever()))
        logger.info("Signaling server listening on %s", self.url)

    async def close(self) -> None:
        """Stop (SIGTERM): every client is told ``server_shutting_down`` before its
        connection closes, and their sessions stay live, to be resumed from the next server
        (a restart keeps them, as a crash does)."""
        for task in self._tasks:
            task.cancel()
        self._shutting_down = True
        going = p.serialize(p.Error(code=ErrorCode.SERVER_SHUTTING_DOWN, message="restarting"))
        for ws in list(self._connections.values()):
            try:
                await ws.send(going)
            except ConnectionClosed:
                pass
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
            logger.info("Signaling server stopped")
        self._db_thread.shutdown(wait=True)
        self._read_threads.shutdown(wait=True)
        # Last: what the database thread had to write is written before a new server may
        # take this one's sessions over.
        await asyncio.get_running_loop().run_in_executor(self._owner_thread, self.ownership.release)
        self._owner_thread.shutdown(wait=True)

    async def issue_local_grant(self, display_name: str) -> Grant:
        """Tokens for the built-in server's own console (no password exists to sign in)."""
        account = await self._blocking(self.auth.ensure_local_agent, display_name)
        return await self._blocking(self.auth.issue, account)

    async def _blocking(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._db_thread, fn, *args)

    # ------------------------------------------------------------ connections

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        if request.path == "/healthz":
            return connection.respond(HTTPStatus.OK, "ok\n")
        if request.path == "/metrics":
            if not self._may_read_metrics(request):
                response = connection.respond(HTTPStatus.UNAUTHORIZED, "unauthorized\n")
                response.headers["WWW-Authenticate"] = 'Bearer realm="assist-metrics"'
                return response
            self.metrics.live_sessions.set(self.registry.live_sessions)
            body = self.metrics.render()
            headers = Headers({"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})
            return Response(HTTPStatus.OK.value, "OK", headers, body)
        return None

    def _may_read_metrics(self, request: Request) -> bool:
        token = self.config.metrics_token
        if token is None:
            return True
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())

    def _address_of(self, ws: ServerConnection) -> str:
        address = str(ws.remote_address[0]) if ws.remote_address else "unknown"
        proxy = self.config.trusted_proxy
        if proxy is not None and address == proxy and ws.request is not None:
            forwarded = ws.request.headers.get("X-Forwarded-For", "")
            if forwarded:
                return forwarded.split(",")[-1].strip()[:64]
        return address

    async def _handle(self, ws: ServerConnection) -> None:
        peer_id = next(self._ids)
        address = self._address_of(ws)
        role: p.Role | None = None
        try:
            role = await self._greet(ws, peer_id, address)
            if role is None:
                return
            self._connections[peer_id] = ws
            self.metrics.connections.labels(role.value).inc()
            async for data in ws:
                await self._dispatch(peer_id, data)
        except ConnectionClosed:
            pass
        finally:
            self._access.pop(peer_id, None)
            for task in self._background.pop(peer_id, set()):
                task.cancel()  # nobody is left to answer
            if self._connections.pop(peer_id, None) is not None and role is not None:
                self.metrics.connections.labels(role.value).dec()
            # Closed by the other side on purpose; the server's own close at shutdown is not
            # the participant leaving: their sessions wait for them to resume.
            graceful = ws.protocol.close_rcvd is not None and not self._shutting_down
            await self._deliver(self.registry.remove_peer(peer_id, graceful))

    async def _greet(self, ws: ServerConnection, peer_id: PeerId, address: str) -> p.Role | None:
        """Read the first message (hello, login or refresh); None closes the connection."""
        try:
            data = await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT)
        except TimeoutError:
            await self._refuse(ws, p.Error(code=ErrorCode.HELLO_REQUIRED, message="timeout"))
            return None
        try:
            first = p.parse(data)
            welcome = await self._admit_connection(first, peer_id, address)
        except ProtocolError as exc:
            await self._refuse(ws, self._error(exc, p.request_id_of(data)))
            return None
        await ws.send(p.serialize(welcome))
        return self.registry.peer(peer_id).role

    async def _admit_connection(self, first: p.Message, peer_id: PeerId, address: str) -> p.Welcome:
        account: p.Account | None = None
        if isinstance(first, p.Hello) and first.role is p.Role.CUSTOMER:
            self.registry.add_peer(peer_id, p.Role.CUSTOMER, first.name, address)
        elif isinstance(first, p.Hello | p.Login | p.Refresh):
            account = await self._sign_in(first, address)
            # What this connection signed in with: when it is revoked (the account signed
            # out everywhere), the connection goes (see _cut_off_forever).
            access = first.token if isinstance(first, p.Hello) else account.access_token
            self._access[peer_id] = acc.token_hash(access)
            admin = account.role == UserRole.ADMIN.value
            self.registry.add_peer(
                peer_id, p.Role.AGENT, account.display_name, address, account.username, admin
            )
        else:
            raise ProtocolError(ErrorCode.HELLO_REQUIRED)
        logger.info("Peer %d connected as %s", peer_id, self.registry.peer(peer_id).role.value)
        return p.Welcome(
            re=first.id if isinstance(first, p.Request) else "",
            server_version=__version__,
            org_name=self.config.org_name,
            ice_servers=self.config.ice_servers,
            account=account,
            categories=self.config.categories if account is not None else [],
            left_open=self.registry.left_open(account.username) if account is not None else [],
        )

    async def _sign_in(self, first: p.Hello | p.Login | p.Refresh, address: str) -> p.Account:
        try:
            if isinstance(first, p.Login):
                grant = await self._blocking(
                    self.auth.login, first.username, first.password, address
                )
                self.metrics.logins.labels("ok").inc()
                return _account_message(grant.account, grant)
            if isinstance(first, p.Refresh):
                grant = await self._blocking(self.auth.refresh, first.refresh_token, address)
                return _account_message(grant.account, grant)
            if not first.token:
                raise AuthError(ErrorCode.AUTH_REQUIRED, "agents sign in first")
            return _account_message(await self._blocking(self.auth.verify, first.token))
        except AuthError as exc:
            if isinstance(first, p.Login):
                self.metrics.logins.labels(exc.code.value).inc()
            raise

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
        self.metrics.messages.labels(p.message_type(message)).inc()
        if isinstance(message, HistoryRequest):
            # A slow read (a search over years of history) is answered in the background:
            # the connection's SDP, chat and notes go on meanwhile (answers carry their id).
            await self._in_background(peer_id, self._answer(peer_id, message))
            return
        await self._answer(peer_id, message)

    async def _in_background(self, peer_id: PeerId, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` beside the connection's other messages, at most
        :data:`READS_IN_FLIGHT` at a time per connection (then this waits for one)."""
        running = self._background.setdefault(peer_id, set())
        while len(running) >= READS_IN_FLIGHT:
            await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        task = asyncio.create_task(work)
        running.add(task)
        task.add_done_callback(running.discard)

    async def _answer(self, peer_id: PeerId, message: p.Message) -> None:
        try:
            self._may_send(peer_id, message)
            if isinstance(message, p.ReportAbuse | p.ListReports):
                out = await self.records.reports(peer_id, message)
            elif isinstance(message, p.Chat):
                out = await self.records.chat(peer_id, message)
            elif isinstance(message, p.ConfirmIdentity):
                out = await self.records.confirm_identity(peer_id, message)
            elif isinstance(message, p.Note | p.WrapUp | p.Rate):
                out = await self.records.record(peer_id, message)
            elif isinstance(message, p.Resume):
                out = await self.records.resume(peer_id, message)
            elif isinstance(message, HistoryRequest):
                out = await self.history.handle(peer_id, message)
            else:
                out = self._route(peer_id, message)
        except ProtocolError as exc:
            if isinstance(message, p.Join):
                self.metrics.failed_joins.labels(exc.code.value).inc()
            out = [(peer_id, self._error(exc, _id_of(message)))]
        except Exception:
            logger.exception("Peer %d: %s failed", peer_id, type(message).__name__)
            out = [(peer_id, p.Error(code=ErrorCode.INTERNAL, re=_id_of(message)))]
        else:
            if isinstance(message, p.Join):
                self.metrics.joins.inc()
        await self._deliver(out)

    def _may_send(self, peer_id: PeerId, message: p.Message) -> None:
        """The one check of who may send what: each message type names its ``senders``
        (``forbidden`` for anyone else); the first messages only come first."""
        if isinstance(message, p.Hello | p.Login | p.Refresh):
            raise ProtocolError(ErrorCode.WRONG_STATE, "already signed in")
        role = self.registry.peer(peer_id).role
        if role not in type(message).senders:
            raise ProtocolError(ErrorCode.FORBIDDEN, f"{role.value} may not send this")

    def _route(self, peer_id: PeerId, message: p.Message) -> Outgoing:
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
            case p.Sdp() | p.Ice() | p.ShareStatus() | p.Permissions():
                return registry.relay(peer_id, message)
            case p.EndSession():
                return registry.end(peer_id, message)
        raise ProtocolError(ErrorCode.UNKNOWN_TYPE, type(message).__name__)

    @staticmethod
    def _error(exc: ProtocolError, re_id: str) -> p.Error:
        error = p.error_for(exc, re_id)
        retry_after = getattr(exc, "retry_after", 0.0)
        if isinstance(exc, RateLimited | AuthError) and retry_after:
            error.retry_after = math.ceil(retry_after * 10) / 10  # never round to 0
        if exc.code is ErrorCode.UNSUPPORTED_VERSION:
            error.supported_versions = sorted(p.SUPPORTED_VERSIONS)
        return error

    async def _deliver(self, out: Outgoing) -> None:
        admitted = await self.records.lifecycle()  # before anyone is told what happened
        for peer_id, message in out:
            await self._send(peer_id, message)
        for event in admitted:  # after the agent heard of the admission
            for peer_id, message in await self.records.identify(event):
                await self._send(peer_id, message)

    async def _send(self, peer_id: PeerId, message: p.Message) -> None:
        ws = self._connections.get(peer_id)
        if ws is None:
            return
        try:
            await ws.send(p.serialize(message))
        except ConnectionClosed:
            logger.debug("Peer %d gone before %s", peer_id, type(message).__name__)

    # ---------------------------------------------------------------- timers

    async def _expire_forever(self) -> None:
        while True:
            await asyncio.sleep(EXPIRY_INTERVAL)
            await self._deliver(self.registry.expire())

    async def _heartbeat_forever(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.ownership.heartbeat_interval)
            try:
                await loop.run_in_executor(self._owner_thread, self.ownership.beat)
            except Exception as exc:  # the database is away: tried again next round
                logger.error("Cannot refresh this server's heartbeat: %s", type(exc).__name__)

    async def _cut_off_disabled_forever(self) -> None:
        """An administrator disabled an agent (maybe from another process or host): end it.

        Each round asks which signed-in usernames are disabled now, rather than what changed
        since a timestamp: a disable committed late, or stamped by a host whose clock lags,
        is still found.
        """
        while True:
            await asyncio.sleep(DISABLED_POLL_INTERVAL)
            connected = self.registry.signed_in_usernames()
            if not connected:
                continue
            try:
                usernames = await self._blocking(self._disabled_among, connected)
            except Exception:
                logger.exception("Could not check for disabled accounts")
                continue
            for username in usernames:
                await self._cut_off(username)
            await self._sign_out_revoked()

    def _disabled_among(self, usernames: set[str]) -> list[str]:
        with self.database.session() as session:
            return acc.disabled_among(session, usernames)

    async def _sign_out_revoked(self) -> None:
        """The account was signed out everywhere (a refresh token came back after it was
        used: someone kept a copy; or its password changed): the connections signed in
        with the revoked tokens go. Their sessions wait for the rightful owner to sign in
        again and resume them, as after any lost connection."""
        signed_in = {
            peer_id: hashed
            for peer_id, hashed in self._access.items()
            if peer_id in self._connections  # not already cut off as disabled
        }
        if not signed_in:
            return
        try:
            revoked, disabled = await self._blocking(
                self._revocations, set(signed_in.values()), self.registry.signed_in_usernames()
            )
        except Exception:
            logger.exception("Could not check for revoked sign-ins")
            return
        for username in disabled:  # disabled meanwhile: its sessions end, as disabled
            await self._cut_off(username)
        for peer_id, hashed in signed_in.items():
            if hashed not in revoked or peer_id not in self._connections:
                continue
            self._access.pop(peer_id, None)
            ws = self._connections.pop(peer_id, None)
            await self._deliver(self.registry.remove_peer(peer_id, False))
            if ws is not None:
                self.metrics.connections.labels(p.Role.AGENT.value).dec()
                error = p.Error(code=ErrorCode.TOKEN_INVALID, message="signed out everywhere")
                try:
                    await self._refuse(ws, error)
                except ConnectionClosed:
                    pass
            logger.warning("Peer %d signed out: its sign-in was revoked", peer_id)

    def _revocations(self, hashes: set[str], usernames: set[str]) -> tuple[set[str], list[str]]:
        """Which of these sign-ins are revoked, and which accounts are disabled, read in one
        transaction (a disable revokes the tokens too: it must not look like a sign-out)."""
        with self.database.session() as session:
            return acc.revoked_among(session, hashes), acc.disabled_among(session, usernames)

    async def _cut_off(self, username: str) -> None:
        for peer_id in self.registry.peers_of(username):
            ws = self._connections.pop(peer_id, None)
            out = self.registry.remove_peer(peer_id, True, p.EndReason.AGENT_DISABLED)
            await self._deliver(out)
            if ws is not None:
                self.metrics.connections.labels(p.Role.AGENT.value).dec()
                error = p.Error(code=ErrorCode.ACCOUNT_DISABLED)
                try:
                    await self._refuse(ws, error)
                except ConnectionClosed:
                    pass
            logger.warning("Disabled account %s cut off", username)


def _account_message(account: acc.Account, grant: Grant | None = None) -> p.Account:
    return p.Account(
        username=account.username,
        display_name=account.display_name,
        role=account.role.value,
        access_token=grant.access_token if grant else "",
        refresh_token=grant.refresh_token if grant else "",
        access_expires_in=grant.access_expires_in if grant else 0.0,
    )


def _id_of(message: p.Message) -> str:
    return message.id if isinstance(message, p.Request) else ""
