"""``assist-signaling``: run the signaling server until SIGTERM or Ctrl+C, or administer it."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from signaling import admin_cli
from signaling import protocol as p
from signaling.logs import configure_logging
from signaling.server import ServerConfig, SignalingServer
from signaling.store import db as store_db
from signaling.store.db import StoreError, open_database
from signaling.tls import TlsConfigError, is_loopback, server_context

logger = logging.getLogger(__name__)


def _add_common(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """Options every command takes, before or after its name (sub-commands must not
    override with their own defaults what was given before the command)."""

    def default(value: str | None) -> dict[str, Any]:
        return {"default": value if defaults else argparse.SUPPRESS}

    parser.add_argument(
        "--db", help="database URL (default: SQLite in the data folder)", **default(None)
    )
    parser.add_argument(
        "--log-level", help="DEBUG, INFO, WARNING… (default: INFO)", **default("INFO")
    )
    parser.add_argument("--log-format", choices=["text", "json"], **default("text"))


# argparse prints descriptions as they are: plain text here, no reStructuredText markup.
DESCRIPTION = "Run the Assist signaling server, or administer its accounts and data."
EPILOG = (
    "Without a command, assist-signaling runs serve: 'assist-signaling --port 8765' is "
    "'assist-signaling serve --port 8765'. 'assist-signaling COMMAND --help' shows the "
    "options of a command."
)
SERVE_HELP = "run the server (the default command)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assist-signaling", description=DESCRIPTION, epilog=EPILOG
    )
    _add_common(parser, defaults=True)
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, defaults=False)
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    serve = sub.add_parser(
        "serve", help=SERVE_HELP, description=SERVE_HELP.capitalize() + ".", parents=[common]
    )
    add_serve_options(serve)
    admin_cli.add_commands(sub, common)
    return parser


def add_serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    parser.add_argument(
        "--org-name",
        default="",
        help="the organisation customers contacted, named to them (their warning against "
        "scams names it; without it they are told no organisation's name)",
    )
    parser.add_argument(
        "--ice-server",
        action="append",
        default=[],
        metavar="URL",
        help="STUN/TURN URL handed to both clients (repeatable); none by default",
    )
    parser.add_argument("--certfile", help="TLS certificate chain (PEM)")
    parser.add_argument("--keyfile", help="TLS private key (PEM)")
    parser.add_argument(
        "--resume-grace",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long a session waits for a lost connection to resume (0: end at once)",
    )
    parser.add_argument(
        "--categories",
        metavar="FILE",
        help="the team's wrap-up categories, one per line (UTF-8); default: the console's own",
    )
    parser.add_argument(
        "--retention-days",
        type=admin_cli.positive_days,
        metavar="DAYS",
        help="purge transcripts and notes of sessions that ended DAYS ago (default: keep)",
    )
    parser.add_argument(
        "--metrics-token-file",
        metavar="FILE",
        help="/metrics answers only 'Authorization: Bearer TOKEN' with the token in FILE "
        "(default: anyone who can reach the server may read it)",
    )
    parser.add_argument(
        "--owner-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="on a shared PostgreSQL database, other servers take this one for gone (and "
        "restore its sessions when they start) once its heartbeat is older than this "
        "(default: 30)",
    )
    parser.add_argument(
        "--behind-proxy",
        action="store_true",
        help="plain ws:// on loopback behind a TLS-terminating proxy on this machine",
    )


def parse(argv: list[str] | None) -> argparse.Namespace:
    """No command means "serve": ``assist-signaling --port 0`` runs the server.

    The command is the first word after the global options (and their values), so an
    option value that happens to be a command name (``--org-name reports``) stays a value.
    A help request in the command's place is for the whole tool (the list of commands);
    after a serve option (``--port 0 --help``) it is serve's.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    index = 0
    while index < len(argv) and argv[index].split("=")[0] in _GLOBAL_OPTIONS:
        index += 1 if "=" in argv[index] else 2
    if index >= len(argv) or argv[index] not in ("serve", *admin_cli.COMMANDS, *_HELP):
        argv.insert(index, "serve")
    return build_parser().parse_args(argv)


_GLOBAL_OPTIONS = frozenset({"--db", "--log-level", "--log-format"})
_HELP = ("-h", "--help")


def serve_config(args: argparse.Namespace) -> ServerConfig:
    """Check the listening options; raises ``TlsConfigError`` with a clear message."""
    context = None
    if args.certfile or args.keyfile:
        if not (args.certfile and args.keyfile):
            raise TlsConfigError("TLS needs both --certfile and --keyfile.")
        context = server_context(args.certfile, args.keyfile)
    elif not is_loopback(args.host):
        raise TlsConfigError(
            f"Refusing plain ws:// on {args.host}: give --certfile/--keyfile, or listen on "
            "127.0.0.1 with --behind-proxy and let a TLS proxy face the network."
        )
    return ServerConfig(
        host=args.host,
        port=args.port,
        org_name=args.org_name,
        ice_servers=[p.IceServer(urls=[url]) for url in args.ice_server],
        ssl_context=context,
        trusted_proxy="127.0.0.1" if args.behind_proxy else None,
        retention_days=args.retention_days,
        resume_grace=max(0.0, args.resume_grace),
        categories=load_categories(args.categories) if args.categories else [],
        owner_timeout=max(1.0, args.owner_timeout),
        metrics_token=_metrics_token(args.metrics_token_file),
    )


def _metrics_token(path: str | None) -> str | None:
    """The bearer token /metrics asks for, read from ``path`` (kept off the command line,
    which every user of the machine can read)."""
    if path is None:
        return None
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"Cannot read the metrics token file {path}: {exc.strerror}") from None
    if len(token) < 16:
        raise ConfigError(f"The metrics token in {path} is shorter than 16 characters.")
    return token


class ConfigError(Exception):
    """A server option that cannot be used; the message says which and why."""


#: At most this many wrap-up categories (a list an agent can scan at a glance).
MAX_CATEGORIES = 50


def load_categories(path: str) -> list[str]:
    """One category per line; blank lines and lines starting with ``#`` are skipped.
    Raises ``ConfigError`` for an unreadable file, an over-long or repeated name, too many
    names or none at all."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read the categories file {path}: {exc}") from None
    names = [line.strip() for line in lines]
    names = [name for name in names if name and not name.startswith("#")]
    if not names:
        raise ConfigError(f"The categories file {path} names no category.")
    if len(names) > MAX_CATEGORIES:
        raise ConfigError(f"{path}: {len(names)} categories, at most {MAX_CATEGORIES}.")
    for name in names:
        if len(name) > p.MAX_NAME_CHARS:
            raise ConfigError(f"{path}: over {p.MAX_NAME_CHARS} characters: {name[:40]}…")
        if names.count(name) > 1:
            raise ConfigError(f"{path}: {name} is listed twice.")
    return names


async def run(config: ServerConfig, db_url: str | None) -> None:
    database = open_database(db_url)
    server = SignalingServer(config, database)
    try:
        await server.start()
        if config.metrics_token is None and not is_loopback(config.host):
            logger.warning(
                "/metrics can be read by anyone who reaches %s: give --metrics-token-file",
                config.host,
            )
        if not config.org_name:
            logger.warning(
                "No --org-name: customers are not told which organisation they are dealing "
                "with (their warning against scams cannot name it)"
            )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        logger.info("Shutting down")
    finally:
        await server.close()
        database.close()


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    configure_logging(args.log_level, args.log_format)
    if args.command != "serve":
        return _administer(args)
    try:
        config = serve_config(args)
        asyncio.run(run(config, args.db))
    except (TlsConfigError, ConfigError) as exc:
        logger.error("%s", exc)
        return 2
    except StoreError as exc:
        logger.error("Cannot use the database: %s (%s)", exc.detail, exc.code)
        return 2
    except OSError as exc:
        logger.error("Cannot listen on %s:%d: %s", args.host, args.port, exc)
        return 2
    return 0


def _administer(args: argparse.Namespace) -> int:
    """Run an admin command. It prints its own answer: the database's "at revision" line,
    which belongs in the server's log, shows here only at ``--log-level DEBUG``."""
    level = store_db.logger.level
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        store_db.logger.setLevel(logging.WARNING)
    try:
        return admin_cli.run(args)
    finally:
        store_db.logger.setLevel(level)


if __name__ == "__main__":
    sys.exit(main())
