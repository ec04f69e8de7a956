"""``assist-agent``: the agent console, with an embedded server when none is configured."""

from __future__ import annotations

import argparse
import logging
import socket
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from assist.agent.controller import AgentController
from assist.agent.main_window import MainWindow
from assist.agent.name_dialog import DisplayNameDialog
from assist.agent.settings import AgentSettings
from assist.core.agent import AgentClient
from assist.core.errors import AssistError
from assist.qt.application import add_common_arguments, create_application
from assist.qt.bridge import AsyncioThread, Bridge
from assist.qt.messages import error_text
from signaling.server import ServerConfig, SignalingServer

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8765


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assist-agent", description=__doc__)
    parser.add_argument("--server", help="signaling server URL (ws:// or wss://)")
    parser.add_argument(
        "--listen",
        metavar="ADDRESS",
        help="run the embedded server on this address so customers on the LAN can join",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="embedded server port")
    parser.add_argument("--org-name", default="Assist", help="embedded server's organisation")
    parser.add_argument("--name", help="display name customers see (saved)")
    add_common_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    started = create_application(args)
    app = started.app
    settings = AgentSettings()
    if args.name:
        settings.display_name = args.name
    if not settings.display_name:
        dialog = DisplayNameDialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 1
        settings.display_name = dialog.name
    if args.server:
        settings.server_url = args.server

    runner = AsyncioThread()
    runner.start()
    try:
        return _run(app, runner, settings, args)
    finally:
        runner.stop()
        del started


def _run(
    app: QApplication, runner: AsyncioThread, settings: AgentSettings, args: argparse.Namespace
) -> int:
    server: SignalingServer | None = None
    url = settings.server_url
    public_url = url
    if not url:
        host = args.listen or "127.0.0.1"
        server = SignalingServer(ServerConfig(host=host, port=args.port, org_name=args.org_name))
        try:
            runner.run(server.start(), timeout=10)
        except OSError as exc:
            QMessageBox.critical(
                None,
                QCoreApplication.translate("AgentApp", "Assist"),
                QCoreApplication.translate("AgentApp", "Cannot start the built-in server on %1: %2")
                .replace("%1", f"{host}:{args.port}")
                .replace("%2", str(exc)),
            )
            return 2
        url = f"ws://127.0.0.1:{server.port}" if host in ("0.0.0.0", "::") else server.url
        public_url = _public_url(host, server.port)

    bridge = Bridge(runner)
    client = AgentClient(url, settings.display_name, bridge.sink)
    window = MainWindow(settings.display_name)
    AgentController(bridge, client, window, public_url)
    if server is not None:
        window.set_server_text(
            QCoreApplication.translate(
                "AgentApp", "Built-in server — customers connect to %1"
            ).replace("%1", public_url)
        )
    else:
        window.set_server_text(
            QCoreApplication.translate("AgentApp", "Server: %1").replace("%1", url)
        )
    try:
        runner.run(client.connect(), timeout=15)
    except AssistError as exc:
        QMessageBox.critical(
            window, QCoreApplication.translate("AgentApp", "Assist"), error_text(exc)
        )
        return 3
    window.show()
    logger.info("Agent console ready (server %s)", public_url)
    code = app.exec()
    runner.run(client.close(), timeout=10)
    if server is not None:
        runner.run(server.close(), timeout=10)
    return code


def _public_url(host: str, port: int) -> str:
    """The address a customer on the network types; a wildcard becomes this host's IP."""
    if host in ("0.0.0.0", "::"):
        try:
            host = socket.gethostbyname(socket.gethostname())
        except OSError:
            host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"ws://{host}:{port}"


if __name__ == "__main__":
    sys.exit(main())
