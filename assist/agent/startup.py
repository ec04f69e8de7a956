"""How the console gets its connection: the built-in server, or signing in to a central one."""

from __future__ import annotations

import argparse
import logging
import socket
import ssl
from dataclasses import dataclass

import platformdirs
from PySide6.QtCore import QCoreApplication

from assist.agent.settings import AgentSettings
from assist.agent.startup_dialogs import ServerChoice, StartupQuestions
from assist.core import credentials as stored
from assist.core.agent import AccessToken, AgentClient, Credentials, Password, RefreshToken
from assist.core.errors import AssistError
from assist.core.outbox import Outbox
from assist.qt.bridge import AsyncioThread, Bridge
from assist.qt.messages import error_text
from signaling.ownership import DatabaseInUse
from signaling.protocol import ErrorCode
from signaling.server import ServerConfig, SignalingServer
from signaling.store.db import StoreError, open_database
from signaling.tls import TlsConfigError, is_loopback, server_context

logger = logging.getLogger(__name__)


class StartupError(Exception):
    """Shown to the agent as is (already translated), then the app exits."""


@dataclass
class Connection:
    client: AgentClient
    public_url: str  # what customers connect to (goes into invite links)
    server: SignalingServer | None = None

    @property
    def embedded(self) -> bool:
        return self.server is not None


def client_ssl_context(ca_file: str | None) -> ssl.SSLContext | None:
    """Verify servers against ``ca_file`` (a private CA) instead of the system's CAs."""
    return ssl.create_default_context(cafile=ca_file) if ca_file else None


def start_embedded(
    runner: AsyncioThread,
    bridge: Bridge,
    settings: AgentSettings,
    args: argparse.Namespace,
    outbox: Outbox | None = None,
) -> Connection:
    """Run the signaling server in-process; the console signs in with a local token."""
    host = args.listen or "127.0.0.1"
    try:
        context = server_context(args.certfile, args.keyfile) if args.certfile else None
    except TlsConfigError as exc:
        raise StartupError(str(exc)) from None
    if context is None and not is_loopback(host):
        raise StartupError(
            QCoreApplication.translate(
                "Startup",
                "To let customers on the network join, give --certfile and --keyfile (TLS).",
            )
        )
    folder = platformdirs.user_data_path("Assist", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        database = open_database(f"sqlite:///{folder / 'embedded-server.db'}")
    except StoreError as exc:
        raise StartupError(exc.detail) from None
    config = ServerConfig(
        host=host, port=args.port, org_name=settings.org_name, ssl_context=context
    )
    server = SignalingServer(config, database)
    try:
        runner.run(server.start(), timeout=10)
    except (OSError, StoreError) as exc:
        runner.run(server.close(), timeout=10)
        database.close()
        raise StartupError(_not_started(exc, f"{host}:{args.port}")) from None
    grant = runner.run(server.issue_local_grant(settings.display_name), timeout=10)
    scheme = "wss" if context else "ws"
    own_url = f"{scheme}://127.0.0.1:{server.port}" if host in ("0.0.0.0", "::") else server.url
    own_context = _trust_own_certificate(args.certfile) if context else None
    credentials = AccessToken(grant.access_token)
    client = AgentClient(own_url, credentials, bridge.sink, own_context, outbox)
    runner.run(client.connect(), timeout=15)
    return Connection(client, _public_url(scheme, host, server.port), server)


def connect_console(
    runner: AsyncioThread,
    bridge: Bridge,
    settings: AgentSettings,
    args: argparse.Namespace,
    questions: StartupQuestions,
    outbox: Outbox | None = None,
) -> Connection | None:
    """Connect where asked (``--server``/``--ca-file``), else where the console last
    connected, else to the built-in server. When that fails the agent chooses: try again,
    another server, the built-in one, or quit (None). A central server is remembered, with
    its CA file, only once the console has connected to it; choosing the built-in server
    forgets it."""
    remembered = ServerChoice(settings.server_url, settings.ca_file)
    if args.server and args.server != remembered.url:
        remembered = ServerChoice(args.server, "")
    choice = ServerChoice(remembered.url, args.ca_file or remembered.ca_file)
    while True:
        try:
            if choice.built_in:
                if not (settings.display_name and settings.org_name):
                    names = questions.names(settings.display_name, settings.org_name)
                    if names is None:
                        return None
                    settings.display_name, settings.org_name = names
                connection = start_embedded(runner, bridge, settings, args, outbox)
            else:
                central = sign_in_central(runner, bridge, settings, choice, questions, outbox)
                if central is None:
                    return None  # the agent cancelled signing in
                connection = central
            settings.server_url, settings.ca_file = choice.url, choice.ca_file
            return connection
        except (StartupError, AssistError) as exc:
            error = error_text(exc) if isinstance(exc, AssistError) else str(exc)
            logger.warning("Cannot connect the console: %s", error)
            next_choice = questions.server_failed(error, choice)
            if next_choice is None:
                return None
            choice = next_choice


def sign_in_central(
    runner: AsyncioThread,
    bridge: Bridge,
    settings: AgentSettings,
    server: ServerChoice,
    questions: StartupQuestions,
    outbox: Outbox | None = None,
) -> Connection | None:
    """Refresh token from the keyring if remembered, else ask; None when the agent cancels.
    Raises ``StartupError`` when the server cannot be used (not for a wrong password)."""
    url = server.url
    try:
        context = client_ssl_context(server.ca_file or None)
    except OSError as exc:  # a CA file that is missing or unreadable
        raise StartupError(f"{server.ca_file}: {exc.strerror or exc}") from None
    username = settings.username
    token = stored.load_refresh_token(url, username) if username else None
    attempt: Credentials | None = RefreshToken(token) if token else None
    error = ""
    remember = False
    while True:
        if attempt is None:
            answer = questions.sign_in(url, username, stored.keyring_available(), error)
            if answer is None:
                return None
            username, remember = answer.username, answer.remember
            attempt = Password(answer.username, answer.password)
        client = AgentClient(url, attempt, bridge.sink, context, outbox)
        try:
            runner.run(client.connect(), timeout=20)
        except AssistError as exc:
            if isinstance(attempt, RefreshToken):
                stored.forget_refresh_token(url, username)
            elif exc.code not in _RETRY_SIGN_IN:
                raise StartupError(error_text(exc)) from None
            error = "" if isinstance(attempt, RefreshToken) else error_text(exc)
            attempt = None
            continue
        account = client.account
        assert account is not None
        settings.username = account.username
        if remember or isinstance(attempt, RefreshToken):
            stored.save_refresh_token(url, account.username, account.refresh_token)
        return Connection(client, url)


_RETRY_SIGN_IN = {
    ErrorCode.BAD_CREDENTIALS,
    ErrorCode.RATE_LIMITED,
    ErrorCode.ACCOUNT_DISABLED,
    ErrorCode.TOKEN_EXPIRED,
    ErrorCode.TOKEN_INVALID,
}


def _not_started(exc: OSError | StoreError, where: str) -> str:
    if isinstance(exc, DatabaseInUse):
        # The built-in server's database is this user's: what holds it is another console.
        logger.error("Cannot start the built-in server: %s (%s)", exc.detail, exc.code)
        text = QCoreApplication.translate(
            "Startup",
            "Another Assist console is already running for this user (process %1). "
            "Use that one, or close it and start again.",
        )
        return text.replace("%1", str(exc.pid or "?"))
    if isinstance(exc, StoreError):
        return exc.detail
    text = QCoreApplication.translate("Startup", "Cannot start the built-in server on %1: %2")
    return text.replace("%1", where).replace("%2", str(exc))


def _trust_own_certificate(certfile: str) -> ssl.SSLContext:
    # The console talks to its own in-process server over loopback: the certificate is the
    # one it was started with, so trusting exactly that file is enough; its name is the
    # machine's public one, not 127.0.0.1, hence no hostname check.
    context = ssl.create_default_context(cafile=certfile)
    context.check_hostname = False
    return context


def _public_url(scheme: str, host: str, port: int) -> str:
    """The address a customer on the network types; a wildcard becomes this host's IP."""
    if host in ("0.0.0.0", "::"):
        try:
            host = socket.gethostbyname(socket.gethostname())
        except OSError:
            host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"
