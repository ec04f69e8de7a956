"""``assist-signaling``: run the signaling server until SIGTERM or Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from signaling import protocol as p
from signaling.server import ServerConfig, SignalingServer

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assist-signaling", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    parser.add_argument("--org-name", default="Assist", help="organisation shown to customers")
    parser.add_argument(
        "--ice-server",
        action="append",
        default=[],
        metavar="URL",
        help="STUN/TURN URL handed to both clients (repeatable); none by default",
    )
    parser.add_argument("--log-level", default="INFO")
    return parser


async def run(config: ServerConfig) -> None:
    server = SignalingServer(config)
    await server.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    logger.info("Shutting down")
    await server.close()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    config = ServerConfig(
        host=args.host,
        port=args.port,
        org_name=args.org_name,
        ice_servers=[p.IceServer(urls=[url]) for url in args.ice_server],
    )
    try:
        asyncio.run(run(config))
    except OSError as exc:
        logger.error("Cannot listen on %s:%d: %s", args.host, args.port, exc)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
