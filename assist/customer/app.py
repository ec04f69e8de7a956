"""``assist-customer``: join a support session with a code (or an invite link)."""

from __future__ import annotations

import argparse
import logging
import ssl
import sys
from collections.abc import Callable

from PySide6.QtWidgets import QDialog

from assist.core.errors import AssistError
from assist.core.invite import parse_invite, same_server
from assist.customer.config import DEFAULT_SERVER, pinned_server
from assist.customer.controller import CustomerController
from assist.customer.invite_warning import InviteWarningDialog
from assist.customer.join_dialog import JoinDialog
from assist.qt.application import (
    add_common_arguments,
    create_application,
    refuse_without_display,
)
from assist.qt.bridge import AsyncioThread, Bridge
from assist.qt.messages import error_text
from assist.qt.outbox_open import open_outbox

logger = logging.getLogger(__name__)


# argparse prints a description as it is: plain text, not the docstring's markup.
DESCRIPTION = "Join an Assist support session with a code (or an invite link)."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assist-customer", description=DESCRIPTION)
    parser.add_argument("invite", nargs="?", help="invite link (assist://join?…)")
    parser.add_argument("--server", help="signaling server URL (overrides the configuration)")
    parser.add_argument("--code", default="", help="session code to fill in")
    parser.add_argument("--name", default="", help="your name to fill in")
    parser.add_argument("--ca-file", help="trust this CA for the server's certificate")
    add_common_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if (status := refuse_without_display(parser.prog)) is not None:
        return status
    started = create_application(args)
    app = started.app
    app.setQuitOnLastWindowClosed(False)
    server, code, invite_error = pick_server(args, pinned_server())
    outbox = open_outbox("customer")
    runner = AsyncioThread()
    runner.start()
    dialog = JoinDialog(server, code, args.name)
    context = ssl.create_default_context(cafile=args.ca_file) if args.ca_file else None
    controller = CustomerController(
        Bridge(runner), server, dialog, ssl_context=context, outbox=outbox
    )
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
        outbox.close()
        del started


def pick_server(
    args: argparse.Namespace,
    pinned: str | None,
    confirm: Callable[[str, str], bool] | None = None,
) -> tuple[str, str, str]:
    """The server to use, the code to fill in, and an error to show.

    An invite link to a server other than the organisation's pinned one is confirmed by
    the customer first (``confirm(link_server, pinned)``; the warning dialog by default).
    """
    server = args.server or pinned or DEFAULT_SERVER
    if not args.invite:
        return server, args.code, ""
    try:
        invite = parse_invite(args.invite)
    except AssistError as exc:
        return server, args.code, error_text(exc)
    if pinned is None or same_server(invite.server, pinned):
        return invite.server, invite.code, ""
    ask = confirm or _confirm_other_server
    return (invite.server if ask(invite.server, pinned) else pinned), invite.code, ""


def _confirm_other_server(link_server: str, pinned: str) -> bool:
    dialog = InviteWarningDialog(link_server, pinned)
    return bool(dialog.exec() == QDialog.DialogCode.Accepted)


if __name__ == "__main__":
    sys.exit(main())
