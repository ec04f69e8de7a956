"""``assist-signaling export-customer|delete-customer|purge-history`` as an administrator runs
them: what they print, what they refuse, and what is left in the database afterwards."""

from __future__ import annotations

import getpass
import io
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from signaling.cli import main
from signaling.store import accounts as acc
from signaling.store import history
from signaling.store.db import Database, open_database
from tests.helpers.admin_terminal import Terminal, logging_restored
from tests.unit.signaling.test_privacy import DAY, HANAKO, NOW, TARO, record_visit

CHAT = [("customer", "画面が真っ白です"), ("agent", "再起動してください")]


@pytest.fixture(autouse=True)
def _logging_restored() -> Iterator[None]:
    with logging_restored():
        yield


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/server.db"


@pytest.fixture
def database(url: str) -> Iterator[Database]:
    database = open_database(url)
    try:
        assert database.engine.dialect.name == "sqlite"
        yield database
    finally:
        database.close()


def transcript(database: Database, session_id: str) -> list[str]:
    with database.session() as session:
        return [m.text for m in history.transcript(session, session_id)]


def test_export_writes_json_and_markdown_files_for_the_owner_only(
    database: Database, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id, customer_id = record_visit(database, HANAKO, NOW - DAY, CHAT)
    as_json, as_markdown = tmp_path / "hanako.json", tmp_path / "hanako.md"

    assert main(["--db", url, "export-customer", str(customer_id), "--output", str(as_json)]) == 0
    done = main(
        ["export-customer", str(customer_id), "--db", url, "--format", "markdown",
         "--output", str(as_markdown)]
    )  # fmt: skip

    assert done == 0
    data = json.loads(as_json.read_text(encoding="utf-8"))
    assert data["customer"]["display_name"] == "山田 花子"
    assert [m["text"] for m in data["sessions"][0]["transcript"]] == [t for _, t in CHAT]
    markdown = as_markdown.read_text(encoding="utf-8")
    assert "**山田 花子** (customer): 画面が真っ白です" in markdown
    assert "**Ann Agent** (agent): 再起動してください" in markdown
    for written in (as_json, as_markdown):
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    out = capsys.readouterr().out
    assert f"Customer {customer_id}: 1 session written to {as_json}." in out
    with database.session() as session:
        exports = acc.audit_events(session, "customer_exported")
    assert [(e.actor, e.subject) for e in exports] == [
        (f"cli:{getpass.getuser()}", str(customer_id))
    ] * 2


def test_export_to_stdout_is_readable_utf8_json(
    database: Database, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, customer_id = record_visit(database, HANAKO, NOW - DAY, CHAT)

    assert main(["--db", url, "export-customer", str(customer_id)]) == 0

    out = capsys.readouterr().out
    assert "画面が真っ白です" in out and "\\u" not in out
    assert json.loads(out)["customer"]["id"] == customer_id


def test_delete_with_yes_prints_what_went(
    database: Database, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    gone, customer_id = record_visit(database, HANAKO, NOW - DAY, CHAT)
    kept, _ = record_visit(database, TARO, NOW - DAY, [("customer", "ログインできません")])

    assert main(["--db", url, "delete-customer", str(customer_id), "--yes"]) == 0

    out = capsys.readouterr().out
    assert f"Deleted customer {customer_id}: 1 session, 2 messages, 1 note, 6 events" in out
    assert transcript(database, gone) == []
    assert transcript(database, kept) == ["ログインできません"]
    assert main(["--db", url, "export-customer", str(customer_id)]) == 1
    assert f"customer_not_found: {customer_id}" in capsys.readouterr().err


def test_delete_without_yes_and_without_a_terminal_is_refused(
    database: Database,
    url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session_id, customer_id = record_visit(database, HANAKO, NOW - DAY, CHAT)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{customer_id}\n"))  # a script, not a person

    assert main(["--db", url, "delete-customer", str(customer_id)]) == 1

    err = capsys.readouterr().err
    assert "confirmation_required" in err and "--yes" in err
    assert transcript(database, session_id) == [t for _, t in CHAT]


def test_delete_on_a_terminal_needs_the_id_typed_again(
    database: Database,
    url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session_id, customer_id = record_visit(database, HANAKO, NOW - DAY, CHAT)

    monkeypatch.setattr("sys.stdin", Terminal(f"{customer_id + 1}\n"))
    assert main(["--db", url, "delete-customer", str(customer_id)]) == 1
    mistyped = capsys.readouterr()
    assert f"Customer {customer_id}, 山田 花子: 1 session with" in mistyped.out
    assert "Nothing deleted." in mistyped.err
    assert transcript(database, session_id) == [t for _, t in CHAT]

    monkeypatch.setattr("sys.stdin", Terminal(f"{customer_id}\n"))
    assert main(["--db", url, "delete-customer", str(customer_id)]) == 0
    assert f"Deleted customer {customer_id}" in capsys.readouterr().out
    assert transcript(database, session_id) == []


def test_deleting_an_unknown_customer_fails_by_name(
    database: Database, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", url, "delete-customer", "4242", "--yes"]) == 1
    assert "assist-signaling: customer_not_found: 4242" in capsys.readouterr().err


@pytest.mark.parametrize("days", ["0", "-30", "a year"])
def test_purge_refuses_a_bad_number_of_days(
    database: Database, url: str, days: str, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id, _ = record_visit(database, HANAKO, NOW - 400 * DAY, CHAT)

    with pytest.raises(SystemExit) as refused:
        main(["--db", url, "purge-history", "--older-than-days", days])

    assert refused.value.code == 2
    assert "--older-than-days" in capsys.readouterr().err
    assert transcript(database, session_id) == [t for _, t in CHAT]


def test_purge_removes_old_transcripts_only(
    database: Database, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = record_visit(database, HANAKO, NOW - 400 * DAY, CHAT)
    recent, _ = record_visit(database, TARO, NOW - 10 * DAY, [("customer", "最近の話")])

    assert main(["--db", url, "purge-history", "--older-than-days", "365"]) == 0

    assert "1 purged (2 messages, 1 note, 6 events)" in capsys.readouterr().out
    assert transcript(database, old) == []
    assert transcript(database, recent) == ["最近の話"]
    with database.session() as session:
        (entry,) = acc.audit_events(session, "history_purged")
        assert (entry.actor, entry.detail["session_ids"]) == (f"cli:{getpass.getuser()}", [old])


def test_find_customer_gives_the_id_to_export_or_delete(
    database: Database, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, customer_id = record_visit(database, HANAKO, NOW - DAY, CHAT)
    record_visit(database, TARO, NOW - DAY, CHAT)

    assert main(["--db", url, "find-customer", "HANAKO@EXAMPLE"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].split()[0] == str(customer_id)


def test_find_customer_with_no_match_says_none(
    database: Database, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    record_visit(database, HANAKO, NOW - DAY, CHAT)

    assert main(["--db", url, "find-customer", "nobody@example.jp"]) == 0

    assert capsys.readouterr().out == "none\n"
