"""The agent's wrap-up is kept in the local outbox from Save until the server has it: across
a restart, in an outbox written by the version before wrap-ups were kept, and never
beyond an edit made while it was on its way."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from assist.core.outbox import Outbox
from assist.core.outbox_file import SCHEMA_VERSION
from assist.core.wrapup import WrapUpFields
from signaling.protocol import ErrorCode, Outcome, ProtocolError

SERVER = "wss://support.example.jp"
OTHER_SERVER = "wss://other.example.com"
PRINTER = WrapUpFields("プリンターの問題", Outcome.FOLLOW_UP, ("driver", "再発"), "来週確認 🙇")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "outbox.sqlite"


@pytest.fixture
def outbox(path: Path) -> Iterator[Outbox]:
    opened = Outbox(path)
    yield opened
    opened.close()


def test_a_wrap_up_survives_a_restart_and_goes_once_stored(outbox: Outbox, path: Path) -> None:
    outbox.put_wrap_up(SERVER, "s1", PRINTER, updated_at=20.0)
    outbox.put_wrap_up(SERVER, "s2", WrapUpFields.skip(), updated_at=10.0)
    outbox.close()

    again = Outbox(path)
    try:
        kept = again.pending_wrap_ups(SERVER)
        assert [(k.session_id, k.wrap_up) for k in kept] == [
            ("s2", WrapUpFields(skipped=True)),
            ("s1", PRINTER),
        ]
        assert again.pending_wrap_ups(OTHER_SERVER) == []
        assert again.wrap_up_acked(SERVER, "s1", PRINTER)
        assert [k.session_id for k in again.pending_wrap_ups(SERVER)] == ["s2"]
    finally:
        again.close()


def test_one_entered_again_while_the_first_was_on_its_way_stays(outbox: Outbox) -> None:
    outbox.put_wrap_up(SERVER, "s1", PRINTER)
    changed = WrapUpFields("Billing", Outcome.RESOLVED)
    outbox.put_wrap_up(SERVER, "s1", changed)  # one per session: the latest wins
    assert not outbox.wrap_up_acked(SERVER, "s1", PRINTER)
    assert [k.wrap_up for k in outbox.pending_wrap_ups(SERVER, "s1")] == [changed]


def test_discard_and_purge_take_the_wrap_up_too(outbox: Outbox) -> None:
    outbox.put_wrap_up(SERVER, "s1", PRINTER)
    outbox.put_wrap_up(SERVER, "s2", PRINTER)
    assert outbox.discard_wrap_up(SERVER, "s1")
    assert not outbox.discard_wrap_up(SERVER, "s1")
    assert outbox.purge_sessions(["s2"]) == 1
    assert outbox.pending_wrap_ups(SERVER) == []


def test_an_outbox_from_before_wrap_ups_keeps_its_text_and_gains_them(path: Path) -> None:
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE chat (id INTEGER PRIMARY KEY, server TEXT NOT NULL, session_id TEXT"
        " NOT NULL, msg_id TEXT NOT NULL, text TEXT NOT NULL, created_at REAL NOT NULL,"
        " UNIQUE (server, session_id, msg_id))"
    )
    db.execute(
        "CREATE TABLE note (id INTEGER PRIMARY KEY, server TEXT NOT NULL, session_id TEXT"
        " NOT NULL, note_id TEXT NOT NULL, text TEXT NOT NULL, updated_at REAL NOT NULL,"
        " UNIQUE (server, session_id, note_id))"
    )
    db.execute("INSERT INTO note VALUES (1, ?, 's1', 'n1', '前回のメモ', 5.0)", (SERVER,))
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()

    outbox = Outbox(path)
    try:
        assert [n.text for n in outbox.pending_notes(SERVER)] == ["前回のメモ"]
        outbox.put_wrap_up(SERVER, "s1", PRINTER)
        assert [k.wrap_up for k in outbox.pending_wrap_ups(SERVER)] == [PRINTER]
    finally:
        outbox.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    check.close()


@pytest.mark.parametrize(
    "fields",
    [
        {"category": "", "outcome": Outcome.RESOLVED},
        {"category": "Billing"},
        {"skipped": True, "final_note": "but a note"},
    ],
)
def test_a_wrap_up_the_server_would_refuse_cannot_be_made(fields: dict[str, object]) -> None:
    with pytest.raises(ProtocolError) as raised:
        WrapUpFields(**fields)  # type: ignore[arg-type]
    assert raised.value.code is ErrorCode.BAD_MESSAGE
