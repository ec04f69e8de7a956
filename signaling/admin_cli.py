"""``assist-signaling users|setup|db|reports``: administration from the server's shell."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

from signaling.auth import Authenticator
from signaling.store import accounts as acc
from signaling.store.db import Database, StoreError, open_database
from signaling.store.models import UserRole

COMMANDS = ("users", "setup", "db", "reports")


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    users = sub.add_parser("users", help="agent accounts").add_subparsers(dest="action")
    users.required = True
    add = users.add_parser(
        "add", help="create an account (password from the prompt or stdin)", parents=[common]
    )
    add.add_argument("--username", required=True)
    add.add_argument("--display-name", required=True, help="the name customers see")
    add.add_argument("--role", choices=[r.value for r in UserRole], default="agent")
    users.add_parser("list", help="list accounts", parents=[common])
    for action in ("disable", "enable", "passwd"):
        parser = users.add_parser(action, help=f"{action} an account", parents=[common])
        parser.add_argument("username")
    sub.add_parser(
        "setup", help="first run: create the database and the first administrator", parents=[common]
    )
    db = sub.add_parser("db", help="database maintenance").add_subparsers(dest="action")
    db.required = True
    db.add_parser("upgrade", help="apply migrations (safe to run again)", parents=[common])
    reports = sub.add_parser("reports", help="abuse reports").add_subparsers(dest="action")
    reports.required = True
    reports.add_parser("list", help="list abuse reports", parents=[common])


def run(args: argparse.Namespace) -> int:
    try:
        database = open_database(args.db)
    except StoreError as exc:
        print(f"assist-signaling: {exc.detail} ({exc.code})", file=sys.stderr)
        return 2
    try:
        return _run(args, database)
    except acc.AccountError as exc:
        print(f"assist-signaling: {exc}", file=sys.stderr)
        return 1
    finally:
        database.close()


def _run(args: argparse.Namespace, database: Database) -> int:
    if args.command == "db":
        print(f"database at revision {database.revision()}")
        return 0
    if args.command == "reports":
        with database.session() as session:
            for r in acc.abuse_reports(session):
                print(
                    f"{r.ts:%Y-%m-%d %H:%M}  code {r.code}  agent {r.agent_username} "
                    f"({_printable(r.agent_display_name)})  "
                    f"customer {_printable(r.customer_name)}  {_printable(r.reason)}"
                )
        return 0
    auth = Authenticator(database)
    if args.command == "setup":
        return _setup(database, auth)
    return _users(args, database, auth)


def _setup(database: Database, auth: Authenticator) -> int:
    with database.session() as session:
        if any(a.role is UserRole.ADMIN for a in acc.list_users(session)):
            print("An administrator exists already; use 'users add' for more accounts.")
            return 0
    print("Create the first administrator.")
    username = _ask("Username: ")
    display_name = _ask("Display name: ")
    password_hash = auth.hash_password(_password())
    with database.session() as session:
        acc.add_user(session, username, display_name, UserRole.ADMIN, password_hash)
        acc.audit(session, "user_added", actor="setup", subject=username, role="admin")
    print(f"Administrator {acc.normalize_username(username)} created.")
    return 0


def _users(args: argparse.Namespace, database: Database, auth: Authenticator) -> int:
    actor = f"cli:{getpass.getuser()}"
    if args.action == "list":
        with database.session() as session:
            for a in acc.list_users(session):
                state = "disabled" if a.disabled else "active"
                print(f"{a.username:20} {a.role.value:6} {state:9} {a.display_name}")
        return 0
    if args.action == "add":
        password_hash = auth.hash_password(_password())
        with database.session() as session:
            role = UserRole(args.role)
            account = acc.add_user(session, args.username, args.display_name, role, password_hash)
            acc.audit(session, "user_added", actor=actor, subject=account.username, role=role.value)
        print(f"Added {account.username} ({account.role.value}).")
        return 0
    if args.action == "passwd":
        password_hash = auth.hash_password(_password())
        with database.session() as session:
            account = acc.set_password(session, args.username, password_hash)
            acc.audit(session, "password_changed", actor=actor, subject=account.username)
        print(f"Password of {account.username} changed; its sessions must sign in again.")
        return 0
    disable = args.action == "disable"
    with database.session() as session:
        account = acc.set_disabled(session, args.username, disable)
        kind = "user_disabled" if disable else "user_enabled"
        acc.audit(session, kind, actor=actor, subject=account.username)
    print(
        f"{account.username} {'disabled' if disable else 'enabled'} at {datetime.now():%H:%M:%S}."
    )
    return 0


def _printable(text: str) -> str:
    """Customer-typed text without terminal control sequences (escapes, carriage returns)."""
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in text)


def _ask(prompt: str) -> str:
    if sys.stdin.isatty():
        return input(prompt).strip()
    return sys.stdin.readline().strip()


def _password() -> str:
    """Prompted twice on a terminal; read as one line from stdin otherwise (scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise acc.AccountError("password_mismatch", "the two passwords differ")
    return first
