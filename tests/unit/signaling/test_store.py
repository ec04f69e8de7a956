"""The server's database: migrations that are safe to repeat, refusing a newer schema, and the
``assist-signaling users|db`` commands an administrator runs from the shell."""

from __future__ import annotations

import getpass
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from signaling.auth import Authenticator, AuthError
from signaling.protocol import ErrorCode
from signaling.store import accounts as acc
from signaling.store.db import MIGRATIONS, StoreError, open_database
from signaling.store.models import UserRole
from tests.helpers.waits import scaled

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse battery staple"
TABLES = {
    "users",
    "tokens",
    "audit_events",
    "abuse_reports",
    "customers",
    "sessions",
    "messages",
    "notes",
    "session_events",
    "server_owners",
    "alembic_version",
} | {  # the search index (FTS5 and its own tables)
    f"{fts}{part}"
    for fts in ("message_fts", "note_fts", "customer_fts")
    for part in ("", "_config", "_data", "_idx")
}


def head() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    (only,) = ScriptDirectory.from_config(config).get_heads()
    return only


def cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``assist-signaling --db URL ARGS`` with ``stdin`` piped in (as a script would)."""
    return subprocess.run(
        [sys.executable, "-m", "signaling.cli", "--db", url, *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=scaled(60),
        check=False,
    )


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/server.db"


def set_revision(url: str, revision: str) -> None:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))


def audit_kinds(url: str) -> list[tuple[str, str | None, str | None]]:
    database = open_database(url)
    try:
        with database.session() as session:
            return [(e.kind, e.actor, e.subject) for e in acc.audit_events(session)]
    finally:
        database.close()


# ----------------------------------------------------------------- migrations


def test_opening_twice_runs_the_migrations_once(url: str) -> None:
    first = open_database(url)
    with first.session() as session:
        acc.add_user(session, "ann", "Ann Agent", UserRole.AGENT, "hash")
    first.close()
    second = open_database(url)
    try:
        assert second.revision() == head()
        assert set(inspect(second.engine).get_table_names()) == TABLES
        with second.session() as session:
            assert [a.username for a in acc.list_users(session)] == ["ann"]
    finally:
        second.close()


def test_db_upgrade_can_run_again(url: str) -> None:
    for _ in range(2):
        done = cli(url, "db", "upgrade")
        assert done.returncode == 0, done.stderr
        assert done.stdout == f"database at revision {head()}\n"


def test_an_empty_file_is_migrated(tmp_path: Path) -> None:
    (tmp_path / "empty.db").touch()
    database = open_database(f"sqlite:///{tmp_path}/empty.db")
    try:
        assert database.revision() == head()
        assert set(inspect(database.engine).get_table_names()) == TABLES
    finally:
        database.close()


def test_a_database_at_the_first_revision_keeps_its_data(url: str) -> None:
    database = open_database(url, upgrade=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    database.close()
    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        connection.execute(
            "INSERT INTO users (username, display_name, role, password_hash, created_at)"
            " VALUES ('old', 'Old Timer', 'AGENT', 'hash', '2024-01-01 00:00:00.000000')"
        )
    migrated = open_database(url)
    try:
        assert migrated.revision() == head()
        with migrated.session() as session:
            found = acc.find_user(session, "old")
        assert found is not None and found[0].display_name == "Old Timer"
    finally:
        migrated.close()


def test_a_newer_database_is_refused_and_left_alone(url: str) -> None:
    open_database(url).close()
    set_revision(url, "ffff")
    with pytest.raises(StoreError) as caught:
        open_database(url)
    assert caught.value.code == "database_too_new"
    assert "ffff" in caught.value.detail and head() in caught.value.detail

    done = cli(url, "db", "upgrade")
    assert done.returncode == 2
    assert "ffff" in done.stderr and "database_too_new" in done.stderr
    served = cli(url, "serve", "--port", "0")
    assert served.returncode == 2
    assert "ffff" in served.stderr and "database_too_new" in served.stderr
    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("ffff",)
        ]


# ---------------------------------------------------------------------- users


def add(
    url: str, username: str, password: str = PASSWORD, *extra: str
) -> subprocess.CompletedProcess[str]:
    return cli(
        url,
        "users",
        "add",
        "--username",
        username,
        "--display-name",
        f"{username.title()} Agent",
        *extra,
        stdin=f"{password}\n",
    )


def listing(url: str) -> list[list[str]]:
    done = cli(url, "users", "list")
    assert done.returncode == 0, done.stderr
    return [line.split(maxsplit=3) for line in done.stdout.splitlines()]


def test_users_add_and_list(url: str) -> None:
    done = add(url, "Bob")
    assert (done.returncode, done.stdout) == (0, "Added bob (agent).\n"), done.stderr
    done = add(url, "ada", PASSWORD, "--role", "admin")
    assert done.returncode == 0, done.stderr
    assert listing(url) == [
        ["ada", "admin", "active", "Ada Agent"],
        ["bob", "agent", "active", "Bob Agent"],
    ]
    database = open_database(url)
    try:
        assert Authenticator(database).login("bob", PASSWORD, "127.0.0.1").account.username == "bob"
    finally:
        database.close()
    actor = f"cli:{getpass.getuser()}"
    assert audit_kinds(url)[:2] == [("user_added", actor, "bob"), ("user_added", actor, "ada")]


def test_a_duplicate_username_is_refused(url: str) -> None:
    assert add(url, "bob").returncode == 0
    again = add(url, "BOB", "another long password")
    assert again.returncode == 1
    assert "user_exists" in again.stderr
    assert [row[0] for row in listing(url)] == ["bob"]


def test_a_weak_password_is_refused(url: str) -> None:
    done = add(url, "bob", "short")
    assert done.returncode == 1
    assert "weak_password" in done.stderr
    assert listing(url) == []


def test_disable_enable_and_passwd(url: str) -> None:
    assert add(url, "bob").returncode == 0
    database = open_database(url)
    try:
        auth = Authenticator(database)
        grant = auth.login("bob", PASSWORD, "127.0.0.1")

        assert cli(url, "users", "disable", "bob").returncode == 0
        assert listing(url) == [["bob", "agent", "disabled", "Bob Agent"]]
        with pytest.raises(AuthError) as caught:
            auth.login("bob", PASSWORD, "127.0.0.1")
        assert caught.value.code is ErrorCode.ACCOUNT_DISABLED
        with pytest.raises(AuthError):
            auth.verify(grant.access_token)

        assert cli(url, "users", "enable", "bob").returncode == 0
        assert listing(url) == [["bob", "agent", "active", "Bob Agent"]]
        grant = auth.login("bob", PASSWORD, "127.0.0.1")

        weak = cli(url, "users", "passwd", "bob", stdin="short\n")
        assert weak.returncode == 1 and "weak_password" in weak.stderr
        changed = cli(url, "users", "passwd", "bob", stdin="a brand new passphrase\n")
        assert changed.returncode == 0, changed.stderr
        with pytest.raises(AuthError) as caught:
            auth.verify(grant.access_token)  # its sessions must sign in again
        assert caught.value.code is ErrorCode.TOKEN_INVALID
        with pytest.raises(AuthError) as caught:
            auth.login("bob", PASSWORD, "127.0.0.2")
        assert caught.value.code is ErrorCode.BAD_CREDENTIALS
        assert auth.login("bob", "a brand new passphrase", "127.0.0.1").account.username == "bob"
    finally:
        database.close()

    actor = f"cli:{getpass.getuser()}"
    admin_events = [e for e in audit_kinds(url) if e[1] == actor]
    assert admin_events == [
        ("user_added", actor, "bob"),
        ("user_disabled", actor, "bob"),
        ("user_enabled", actor, "bob"),
        ("password_changed", actor, "bob"),
    ]


@pytest.mark.parametrize("action", ["disable", "enable", "passwd"])
def test_changing_an_unknown_user_fails(url: str, action: str) -> None:
    done = cli(url, "users", action, "ghost", stdin=f"{PASSWORD}\n")
    assert done.returncode == 1
    assert "no_such_user" in done.stderr
    assert audit_kinds(url) == []
