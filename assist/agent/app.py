"""``assist-agent``: the agent console, with an embedded server when none is configured."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from assist.agent.controller import AgentController
from assist.agent.main_window import MainWindow
from assist.agent.settings import AgentSettings
from assist.agent.startup import Connection, connect_console
from assist.agent.startup_dialogs import StartupDialogs
from assist.core.outbox import Outbox
from assist.qt.application import (
    add_common_arguments,
    create_application,
    refuse_without_display,
)
from assist.qt.bridge import AsyncioThread, Bridge
from assist.qt.outbox_open import open_outbox

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8765


# argparse prints a description as it is: plain text, not the docstring's markup.
DESCRIPTION = (
    "The Assist agent console, with a built-in server when no central server is configured."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assist-agent", description=DESCRIPTION)
    parser.add_argument("--server", help="central signaling server (wss://…), remembered")
    parser.add_argument("--ca-file", help="trust this CA for the server's certificate")
    parser.add_argument(
        "--listen",
        metavar="ADDRESS",
        help="run the built-in server on this address so customers on the LAN can join "
        "(needs --certfile and --keyfile)",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="built-in server port")
    parser.add_argument("--certfile", help="TLS certificate for the built-in server")
    parser.add_argument("--keyfile", help="TLS key for the built-in server")
    parser.add_argument(
        "--org-name", help="the organisation customers see (built-in server; saved)"
    )
    parser.add_argument("--name", help="display name customers see (built-in server; saved)")
    add_common_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if (status := refuse_without_display(parser.prog)) is not None:
        return status
    started = create_application(args)
    settings = AgentSettings()
    if args.name:
        settings.display_name = args.name
    if args.org_name:
        settings.org_name = args.org_name
    outbox = open_outbox("agent")
    runner = AsyncioThread()
    runner.start()
    try:
        return _run(started.app, runner, settings, args, outbox)
    finally:
        runner.stop()
        outbox.close()
        del started


def _run(
    app: QApplication,
    runner: AsyncioThread,
    settings: AgentSettings,
    args: argparse.Namespace,
    outbox: Outbox,
) -> int:
    bridge = Bridge(runner)
    connection = connect_console(runner, bridge, settings, args, StartupDialogs(), outbox)
    if connection is None:
        return 1  # the agent chose to quit
    window = MainWindow(connection.client.name)
    controller = AgentController(bridge, connection.client, window, connection.public_url)
    window.set_server_text(_server_text(connection))
    window.show()
    controller.restore_unsent()
    controller.offer_left_open()
    logger.info("Agent console ready (server %s)", connection.public_url)
    code = app.exec()
    runner.run(connection.client.close(), timeout=10)
    if connection.server is not None:
        runner.run(connection.server.close(), timeout=10)
        connection.server.database.close()
    return code


def _server_text(connection: Connection) -> str:
    url = connection.public_url
    if connection.embedded and url.startswith("ws://"):
        text = QCoreApplication.translate(
            "AgentApp", "Built-in server, this computer only (unencrypted): %1"
        )
    elif connection.embedded:
        text = QCoreApplication.translate("AgentApp", "Built-in server — customers connect to %1")
    else:
        text = QCoreApplication.translate("AgentApp", "Server: %1")
    return text.replace("%1", url)


if __name__ == "__main__":
    sys.exit(main())
