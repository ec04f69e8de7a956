"""``assist-customer``: join a support session with a code (or an invite link)."""

from __future__ import annotations

import argparse
import logging
import sys

from assist.core.errors import AssistError
from assist.core.invite import parse_invite
from assist.customer.config import configured_server
from assist.customer.controller import CustomerController
from assist.customer.join_dialog import JoinDialog
from assist.qt.application import add_common_arguments, create_application
from assist.qt.bridge import AsyncioThread, Bridge
from assist.qt.messages import error_text

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assist-customer", description=__doc__)
    parser.add_argument("invite", nargs="?", help="invite link (assist://join?…)")
    parser.add_argument("--server", help="signaling server URL (overrides the configuration)")
    parser.add_argument("--code", default="", help="session code to fill in")
    parser.add_argument("--name", default="", help="your name to fill in")
    add_common_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    started = create_application(args)
    app = started.app
    app.setQuitOnLastWindowClosed(False)
    server = args.server or configured_server()
    code = args.code
    invite_error = ""
    if args.invite:
        try:
            invite = parse_invite(args.invite)
            server, code = invite.server, invite.code
        except AssistError as exc:
            invite_error = error_text(exc)

    runner = AsyncioThread()
    runner.start()
    dialog = JoinDialog(server, code, args.name)
    controller = CustomerController(Bridge(runner), server, dialog)
    dialog.rejected.connect(app.quit)
    if invite_error:
        dialog.show_error(invite_error)
    dialog.show()
    logger.info("Customer client ready (server %s)", server)
    try:
        return app.exec()
    finally:
        controller.shutdown()
        runner.stop()
        del started


if __name__ == "__main__":
    sys.exit(main())
