"""``assist-signaling setup|users|reports`` in an administrator's first hour: what they
print, and what they refuse before anyone types a password."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from signaling.cli import main
from signaling.store import accounts as acc
from signaling.store.db import open_database
from tests.helpers.admin_terminal import Terminal, logging_restored

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _logging_restored() -> Iterator[None]:
    with logging_restored():
        yield


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/server.db"


@pytest.fixture
def password_prompts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The password prompts shown on the terminal (each answered with ``PASSWORD``)."""
    shown: list[str] = []

    def getpass(prompt: str = "Password: ") -> str:
        shown.append(prompt)
        return PASSWORD

    monkeypatch.setattr("getpass.getpass", getpass)
    return shown


def accounts(url: str) -> list[str]:
    database = open_database(url)
    try:
        with database.session() as session:
            return [a.username for a in acc.list_users(session)]
    finally:
        database.close()


def add_user(url: str, monkeypatch: pytest.MonkeyPatch, username: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))  # a script
    return main(["--db", url, "users", "add", "--username", username, "--display-name", "Ann"])


def test_adding_a_taken_username_is_refused_before_the_password_prompt(
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    password_prompts: list[str],
) -> None:
    assert add_user(url, monkeypatch, "taro") == 0
    capsys.readouterr()

    monkeypatch.setattr("sys.stdin", Terminal())
    again = ["--db", url, "users", "add", "--username", "Taro", "--display-name", "Other"]
    assert main(again) == 1

    assert password_prompts == []
    assert "assist-signaling: user_exists: taro" in capsys.readouterr().err


def test_a_bad_username_or_display_name_is_refused_before_the_password_prompt(
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    password_prompts: list[str],
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())
    cases = {
        ("", "Ann"): "username_required",
        ("ann smith", "Ann"): "bad_username",
        ("ann", " "): "display_name_required",
    }
    for (username, display_name), code in cases.items():
        args = ["users", "add", "--username", username, "--display-name", display_name]
        assert main(["--db", url, *args]) == 1
        assert f"assist-signaling: {code}: " in capsys.readouterr().err
    assert password_prompts == []
    assert accounts(url) == []


def test_a_new_password_for_an_unknown_account_is_refused_before_the_prompt(
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    password_prompts: list[str],
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())
    assert main(["--db", url, "users", "passwd", "nobody"]) == 1
    assert password_prompts == []
    assert "assist-signaling: no_such_user: nobody" in capsys.readouterr().err


def test_adding_on_a_terminal_asks_the_password_twice(
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    password_prompts: list[str],
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())
    args = ["users", "add", "--username", "Hanako", "--display-name", "山田 花子"]
    assert main(["--db", url, *args]) == 0
    assert password_prompts == ["Password: ", "Repeat password: "]
    assert capsys.readouterr().out == "Added hanako (agent).\n"


def test_setup_with_an_empty_username_says_so_at_once(
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    password_prompts: list[str],
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("\n"))  # Enter at "Username:"

    assert main(["--db", url, "setup"]) == 1

    done = capsys.readouterr()
    assert "assist-signaling: username_required: an account needs a username" in done.err
    assert "Display name" not in done.out and password_prompts == []
    assert accounts(url) == []


def test_setup_from_a_script_with_no_username_fails_by_name(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"\nAdmin\n{PASSWORD}\n"))
    assert main(["--db", url, "setup"]) == 1
    assert "username_required" in capsys.readouterr().err


def test_setup_creates_the_first_administrator(
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    password_prompts: list[str],
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("Root\nSystem Admin\n"))
    assert main(["--db", url, "setup"]) == 0
    assert "Administrator root created." in capsys.readouterr().out
    assert password_prompts == ["Password: ", "Repeat password: "]

    assert main(["--db", url, "users", "list"]) == 0
    assert capsys.readouterr().out.split()[:3] == ["root", "admin", "active"]


def test_no_abuse_reports_says_none(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "reports", "list"]) == 0
    assert capsys.readouterr().out == "none\n"


def test_admin_commands_keep_the_migration_line_out_of_sight_unless_debugging(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", url, "reports", "list"]) == 0
    assert capsys.readouterr().err == ""

    assert main(["--db", url, "--log-level", "DEBUG", "reports", "list"]) == 0
    assert "Database at revision" in capsys.readouterr().err
