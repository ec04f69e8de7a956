"""``assist-signaling setup|users|db|reports|find-customer|export-customer|delete-customer|
purge-history``: administration from the server's shell."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from signaling.auth import Authenticator
from signaling.store import accounts as acc
from signaling.store import privacy, search
from signaling.store.db import Database, StoreError, open_database
from signaling.store.models import UserRole

COMMANDS = (
    "setup",
    "users",
    "db",
    "reports",
    "find-customer",
    "export-customer",
    "delete-customer",
    "purge-history",
)
PRIVACY_COMMANDS = frozenset({"export-customer", "delete-customer", "purge-history"})


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """The admin commands, in the order a new installation needs them."""
    sub.add_parser(
        "setup", help="first run: create the database and the first administrator", parents=[common]
    )
    users = sub.add_parser("users", help="agent accounts: add, list, disable, enable, passwd")
    actions = users.add_subparsers(dest="action", title="actions", metavar="ACTION")
    actions.required = True
    add = actions.add_parser(
        "add", help="create an account (password from the prompt or stdin)", parents=[common]
    )
    add.add_argument("--username", required=True)
    add.add_argument("--display-name", required=True, help="the name customers see")
    add.add_argument("--role", choices=[r.value for r in UserRole], default="agent")
    actions.add_parser("list", help="list accounts", parents=[common])
    for action, text in USER_ACTIONS.items():
        parser = actions.add_parser(action, help=text, parents=[common])
        parser.add_argument("username")
    db = sub.add_parser("db", help="database maintenance: upgrade")
    db_actions = db.add_subparsers(dest="action", title="actions", metavar="ACTION")
    db_actions.required = True
    db_actions.add_parser("upgrade", help="apply migrations (safe to run again)", parents=[common])
    reports = sub.add_parser("reports", help="abuse reports customers filed: list")
    report_actions = reports.add_subparsers(dest="action", title="actions", metavar="ACTION")
    report_actions.required = True
    report_actions.add_parser("list", help="list abuse reports", parents=[common])
    _add_privacy_commands(sub, common)


USER_ACTIONS = {
    "disable": "sign an account out and stop it from signing in",
    "enable": "let a disabled account sign in again",
    "passwd": "set a new password for an account (its sessions must sign in again)",
}


def _add_privacy_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    find = sub.add_parser(
        "find-customer",
        help="customer ids by name, e-mail or customer number (before an export or deletion)",
        parents=[common],
    )
    find.add_argument("query")
    export = sub.add_parser(
        "export-customer", help="a customer's whole history (access request)", parents=[common]
    )
    export.add_argument("customer_id", type=int, metavar="CUSTOMER_ID")
    export.add_argument("--format", choices=["json", "markdown"], default="json")
    export.add_argument("--output", metavar="FILE", help="write here (default: stdout)")
    erase = sub.add_parser(
        "delete-customer",
        help="delete a customer and all their sessions (erasure request)",
        parents=[common],
    )
    erase.add_argument("customer_id", type=int, metavar="CUSTOMER_ID")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    purge = sub.add_parser(
        "purge-history",
        help="delete transcripts, notes and events of sessions ended long ago (retention)",
        parents=[common],
    )
    purge.add_argument("--older-than-days", type=positive_days, required=True, metavar="N")


def positive_days(text: str) -> int:
    """A retention period: whole days, at least one (0 would purge yesterday's sessions)."""
    try:
        days = int(text)
    except ValueError:
        days = 0
    if days < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days, 1 or more")
    return days


def run(args: argparse.Namespace) -> int:
    try:
        database = open_database(args.db)
    except StoreError as exc:
        print(f"assist-signaling: {exc.detail} ({exc.code})", file=sys.stderr)
        return 2
    try:
        return _run(args, database)
    except (acc.AccountError, privacy.PrivacyError) as exc:
        print(f"assist-signaling: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        # Nothing was committed. The engine hides parameters: no customer data in here.
        reason = str(exc).splitlines()[0]
        print(f"assist-signaling: {reason} (database_error)", file=sys.stderr)
        return 2
    finally:
        database.close()


def _run(args: argparse.Namespace, database: Database) -> int:
    if args.command == "db":
        print(f"database at revision {database.revision()}")
        return 0
    if args.command == "reports":
        with database.session() as session:
            _print_lines(
                f"{r.ts:%Y-%m-%d %H:%M}  code {r.code}  agent {r.agent_username} "
                f"({_printable(r.agent_display_name)})  "
                f"customer {_printable(r.customer_name)}  {_printable(r.reason)}"
                for r in acc.abuse_reports(session)
            )
        return 0
    if args.command == "find-customer":
        with database.session() as session:
            _print_lines(
                f"{c.customer_id:>8}  {_printable(c.display_name)}  "
                f"{_printable(', '.join(x for x in (c.email, c.customer_number) if x))}"
                for c in search.search_customers(session, args.query)
            )
        return 0
    if args.command in PRIVACY_COMMANDS:
        return _privacy(args, database)
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
    _require_username(username)  # said at once, not after two more questions
    display_name = _ask("Display name: ")
    _check_new_account(database, username, display_name, UserRole.ADMIN)
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
        role = UserRole(args.role)
        _check_new_account(database, args.username, args.display_name, role)
        password_hash = auth.hash_password(_password())
        with database.session() as session:
            account = acc.add_user(session, args.username, args.display_name, role, password_hash)
            acc.audit(session, "user_added", actor=actor, subject=account.username, role=role.value)
        print(f"Added {account.username} ({account.role.value}).")
        return 0
    if args.action == "passwd":
        with database.session() as session:
            if acc.find_user(session, args.username) is None:
                raise acc.AccountError("no_such_user", acc.normalize_username(args.username))
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


def _require_username(username: str) -> None:
    if not username.strip():
        raise acc.AccountError(
            "username_required", "an account needs a username (letters, digits, '.' and '_')"
        )


def _check_new_account(
    database: Database, username: str, display_name: str, role: UserRole
) -> None:
    """Refuse a missing, malformed or taken username (or display name) before anyone types a
    password. The checks are ``add_user``'s own, on an insert that is rolled back; the real
    insert makes them again."""
    _require_username(username)
    if not display_name.strip():
        raise acc.AccountError("display_name_required", "an account needs the name customers see")
    with Session(database.engine) as session:
        try:
            acc.add_user(session, username, display_name, role, password_hash="")
        finally:
            session.rollback()


def _print_lines(lines: Iterable[str]) -> None:
    """One line per item, or "none": an empty answer must not look like a command that
    did nothing."""
    printed = False
    for line in lines:
        print(line)
        printed = True
    if not printed:
        print("none")


def _privacy(args: argparse.Namespace, database: Database) -> int:
    actor = f"cli:{getpass.getuser()}"
    if args.command == "export-customer":
        return _export(args, database, actor)
    if args.command == "delete-customer":
        return _delete(args, database, actor)
    return _purge(args, database, actor)


def _export(args: argparse.Namespace, database: Database, actor: str) -> int:
    target = args.output or "stdout"
    try:
        with database.session() as session:
            data = privacy.export_customer(session, args.customer_id, actor)
            if args.format == "markdown":
                text = privacy.export_markdown(data)
            else:
                text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            # Written inside the transaction: an export that never reached its file is
            # not audited as done.
            if args.output is None:
                _write_stdout(text)
            else:
                _write_private(args.output, text)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        print(f"assist-signaling: cannot write {target}: {reason} (output_failed)", file=sys.stderr)
        return 1
    if args.output is not None:
        sessions = len(data["sessions"])
        print(f"Customer {args.customer_id}: {_n(sessions, 'session')} written to {args.output}.")
    return 0


def _write_stdout(text: str) -> None:
    """UTF-8 whatever the locale says, so a Japanese name never breaks an export."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode())
        buffer.flush()


def _write_private(path: str, text: str) -> None:
    """Personal data: the file is readable by its owner only (a new file; an existing one
    keeps its mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(fd, "w", encoding="utf-8") as out:
        out.write(text)


def _delete(args: argparse.Namespace, database: Database, actor: str) -> int:
    customer_id = args.customer_id
    with database.session() as session:
        summary = privacy.describe_customer(session, customer_id)
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                f"assist-signaling: not deleting customer {customer_id}: confirm on a terminal "
                "or pass --yes (confirmation_required)",
                file=sys.stderr,
            )
            return 1
        print(
            f"Customer {customer_id}, {_printable(summary.display_name)}: "
            f"{_n(summary.sessions, 'session')} with their transcripts, notes and events "
            "will be deleted for good."
        )
        if _ask_tty("Type the customer id again to delete: ") != str(customer_id):
            print("Nothing deleted.", file=sys.stderr)
            return 1
    with database.session() as session:
        done = privacy.delete_customer(session, customer_id, actor)
    print(
        f"Deleted customer {customer_id}: {_n(len(done.session_ids), 'session')}, "
        f"{_n(done.messages, 'message')}, {_n(done.notes, 'note')}, {_n(done.events, 'event')}; "
        f"customer name removed from {_n(done.reports_redacted, 'abuse report')}."
    )
    return 0


def _purge(args: argparse.Namespace, database: Database, actor: str) -> int:
    cutoff = acc.now_utc() - timedelta(days=args.older_than_days)
    with database.session() as session:
        report = privacy.purge_expired(session, cutoff, actor)
    print(
        f"Sessions ended before {cutoff:%Y-%m-%d %H:%M} UTC: {len(report.session_ids)} purged "
        f"({_n(report.messages, 'message')}, {_n(report.notes, 'note')}, "
        f"{_n(report.events, 'event')}); "
        "the sessions stay for statistics (date, agent, category, outcome, tags, rating)."
    )
    return 0


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _printable(text: str) -> str:
    """Customer-typed text without terminal control sequences (escapes, carriage returns)."""
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in text)


def _ask_tty(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:  # Ctrl+D: no answer is no
        return ""


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
