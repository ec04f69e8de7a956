"""The local outbox keeps what the user typed until the server has it: across restarts, a
SIGKILL, a corrupt file, and never beyond its limits or after a purge."""

from __future__ import annotations

import logging
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assist.core.outbox import (
    MAX_PENDING_PER_SESSION,
    Outbox,
    OutboxError,
    OutboxErrorCode,
    PendingChat,
    PendingNote,
)
from assist.core.outbox_file import SCHEMA_VERSION
from signaling.protocol import MAX_CHAT_CHARS, MAX_NOTE_CHARS
from tests.helpers import outbox_child
from tests.helpers.child_process import ChildProcess
from tests.helpers.waits import scaled

SERVER = "wss://support.example.jp"
OTHER_SERVER = "wss://other.example.com"
JAPANESE = "お問い合わせありがとうございます。少々お待ちください 🙇‍♀️👍🏽 ｶﾀｶﾅ 𠮷野家"

OpenOutbox = Callable[[Path], Outbox]


@pytest.fixture
def open_outbox() -> Iterator[OpenOutbox]:
    opened: list[Outbox] = []

    def open_(path: Path) -> Outbox:
        outbox = Outbox(path)
        opened.append(outbox)
        return outbox

    yield open_
    for outbox in opened:
        outbox.close()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "outbox.sqlite"


def test_chat_survives_a_restart_in_the_order_typed(open_outbox: OpenOutbox, path: Path) -> None:
    outbox = open_outbox(path)
    # Clocks step backwards; the order typed is what counts.
    for msg_id, created_at in [("a", 30.0), ("b", 10.0), ("c", 20.0)]:
        outbox.add_chat(SERVER, "s1", msg_id, f"text {msg_id}", created_at)
    outbox.close()

    again = open_outbox(path)
    assert again.durable
    assert again.pending_chat(SERVER) == [
        PendingChat(SERVER, "s1", "a", "text a", 30.0),
        PendingChat(SERVER, "s1", "b", "text b", 10.0),
        PendingChat(SERVER, "s1", "c", "text c", 20.0),
    ]


def test_acknowledged_chat_is_gone_and_the_rest_keeps_its_order(
    open_outbox: OpenOutbox, path: Path
) -> None:
    outbox = open_outbox(path)
    for n, msg_id in enumerate(["a", "b", "c"]):
        outbox.add_chat(SERVER, "s1", msg_id, msg_id, float(n))
    outbox.add_chat(SERVER, "s2", "d", "d", 3.0)

    assert outbox.chat_acked(SERVER, "s1", "b") is True
    assert outbox.chat_acked(SERVER, "s1", "b") is False  # a duplicate ack changes nothing
    assert [c.msg_id for c in outbox.pending_chat(SERVER)] == ["a", "c", "d"]
    assert [c.msg_id for c in outbox.pending_chat(SERVER, "s1")] == ["a", "c"]


def test_a_resend_under_the_same_id_is_kept_once_in_its_first_place(
    open_outbox: OpenOutbox, path: Path
) -> None:
    outbox = open_outbox(path)
    outbox.add_chat(SERVER, "s1", "a", "first", 1.0)
    outbox.add_chat(SERVER, "s1", "b", "second", 2.0)
    outbox.add_chat(SERVER, "s1", "a", "first", 3.0)
    assert [(c.msg_id, c.created_at) for c in outbox.pending_chat(SERVER)] == [
        ("a", 1.0),
        ("b", 2.0),
    ]


def test_entries_are_kept_apart_per_server(open_outbox: OpenOutbox, path: Path) -> None:
    outbox = open_outbox(path)
    outbox.add_chat(SERVER, "s1", "a", "to the first server", 1.0)
    outbox.add_chat(OTHER_SERVER, "s1", "a", "to the second server", 2.0)
    outbox.put_note(OTHER_SERVER, "s1", "n1", "note on the second server")

    assert outbox.chat_acked(SERVER, "s1", "a")
    assert [c.text for c in outbox.pending_chat(OTHER_SERVER)] == ["to the second server"]
    assert outbox.pending_chat(SERVER) == []
    assert outbox.pending_notes(SERVER) == []
    assert outbox.draft(SERVER, "s1") is None


def test_a_note_saved_whole_keeps_only_its_latest_text(open_outbox: OpenOutbox, path: Path) -> None:
    outbox = open_outbox(path)
    outbox.put_note(SERVER, "s1", "n1", "Customer", updated_at=1.0)
    outbox.put_note(SERVER, "s1", "n1", "Customer cannot log in", updated_at=2.0)
    outbox.close()

    again = open_outbox(path)
    assert again.pending_notes(SERVER) == [
        PendingNote(SERVER, "s1", "n1", "Customer cannot log in", 2.0)
    ]
    assert again.draft(SERVER, "s1") == again.pending_notes(SERVER)[0]


def test_an_edit_made_while_the_save_was_on_its_way_stays_pending(
    open_outbox: OpenOutbox, path: Path
) -> None:
    outbox = open_outbox(path)
    outbox.put_note(SERVER, "s1", "n1", "Tried a restart")  # ... and sent
    outbox.put_note(SERVER, "s1", "n1", "Tried a restart and a new cable")  # typed meanwhile

    assert outbox.note_acked(SERVER, "s1", "n1", "Tried a restart") is False
    draft = outbox.draft(SERVER, "s1")
    assert draft is not None
    assert (draft.note_id, draft.text) == ("n1", "Tried a restart and a new cable")

    assert outbox.note_acked(SERVER, "s1", "n1", "Tried a restart and a new cable") is True
    assert outbox.draft(SERVER, "s1") is None
    assert outbox.pending_notes(SERVER) == []


def test_an_emptied_note_is_still_saved(open_outbox: OpenOutbox, path: Path) -> None:
    outbox = open_outbox(path)
    outbox.put_note(SERVER, "s1", "n1", "")
    draft = outbox.draft(SERVER, "s1")
    assert draft is not None and draft.text == ""


def test_the_draft_is_the_sessions_most_recently_edited_note(
    open_outbox: OpenOutbox, path: Path
) -> None:
    outbox = open_outbox(path)
    outbox.put_note(SERVER, "s1", "old", "from a panel closed earlier", updated_at=1.0)
    outbox.put_note(SERVER, "s1", "new", "what the agent typed last", updated_at=5.0)
    outbox.put_note(SERVER, "s2", "other", "another session", updated_at=9.0)

    draft = outbox.draft(SERVER, "s1")
    assert draft is not None and draft.note_id == "new"
    assert [n.note_id for n in outbox.pending_notes(SERVER)] == ["old", "new", "other"]


def test_japanese_and_emoji_come_back_intact(open_outbox: OpenOutbox, path: Path) -> None:
    outbox = open_outbox(path)
    outbox.add_chat(SERVER, "s1", "m1", JAPANESE, 1.0)
    outbox.put_note(SERVER, "s1", "n1", JAPANESE + "\n二行目\tタブ")
    outbox.close()

    again = open_outbox(path)
    assert again.pending_chat(SERVER)[0].text == JAPANESE
    draft = again.draft(SERVER, "s1")
    assert draft is not None and draft.text == JAPANESE + "\n二行目\tタブ"


def test_everything_written_survives_the_process_being_killed(path: Path) -> None:
    with ChildProcess(
        [sys.executable, "-m", "tests.helpers.outbox_child", str(path)], stdin=True
    ) as child:
        assert child.next_line() == "written"  # its first line
        child.send_signal(signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL
    # Killed before any close or checkpoint: the text is only in the write-ahead log.
    assert path.with_name(path.name + "-wal").stat().st_size > 0

    outbox = Outbox(path)
    try:
        server, session = outbox_child.SERVER, outbox_child.SESSION
        assert [(c.msg_id, c.text) for c in outbox.pending_chat(server)] == outbox_child.CHAT
        draft = outbox.draft(server, session)
        assert draft is not None
        assert (draft.note_id, draft.text) == (outbox_child.NOTE_ID, outbox_child.NOTE)
    finally:
        outbox.close()


def test_a_corrupt_file_is_set_aside_and_a_fresh_outbox_works(
    open_outbox: OpenOutbox, path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    garbage = b"\x00\xffnot an SQLite file\n" * 300
    path.parent.mkdir(parents=True)
    path.write_bytes(garbage)
    path.with_name(path.name + "-wal").write_bytes(b"stale log of the broken file")

    with caplog.at_level(logging.WARNING):
        outbox = open_outbox(path)

    assert outbox.durable
    outbox.add_chat(SERVER, "s1", "m1", "still works", 1.0)
    assert [c.text for c in outbox.pending_chat(SERVER)] == ["still works"]
    asides = sorted(path.parent.glob("outbox.sqlite.corrupt-*"))
    assert [p.name.endswith("-wal") for p in asides] == [False, True]
    assert asides[0].read_bytes() == garbage  # kept for a look, never deleted
    assert any("unusable" in r.getMessage() for r in caplog.records)


def test_a_damaged_database_is_set_aside(open_outbox: OpenOutbox, path: Path) -> None:
    outbox = open_outbox(path)
    for n in range(200):
        outbox.put_note(SERVER, f"s{n}", "n1", "x" * 500)
    outbox.close()
    with path.open("r+b") as file:  # keep the header, scribble over the pages
        file.seek(4096)
        file.write(b"\xa5" * 20000)

    fresh = open_outbox(path)
    assert fresh.pending_notes(SERVER) == []
    fresh.put_note(SERVER, "s1", "n1", "typed after the damage")
    assert [n.text for n in fresh.pending_notes(SERVER)] == ["typed after the damage"]
    assert len(list(path.parent.glob("outbox.sqlite.corrupt-*"))) == 1


def test_a_file_from_a_newer_version_is_refused_and_left_alone(path: Path) -> None:
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()

    with pytest.raises(OutboxError) as raised:
        Outbox(path)

    assert raised.value.code is OutboxErrorCode.TOO_NEW
    assert str(raised.value).startswith("outbox_too_new")
    assert path.read_bytes() == before
    assert list(path.parent.glob("*.corrupt-*")) == []

    # What the app does then: carry on without touching that file.
    fallback = Outbox(None)
    try:
        assert fallback.durable is False
        fallback.add_chat(SERVER, "s1", "m1", "kept for now", 1.0)
        assert [c.text for c in fallback.pending_chat(SERVER)] == ["kept for now"]
    finally:
        fallback.close()


def test_with_nowhere_to_write_the_outbox_still_works_in_memory(
    open_outbox: OpenOutbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")

    with caplog.at_level(logging.ERROR):
        outbox = open_outbox(blocker / "outbox.sqlite")

    assert outbox.durable is False
    outbox.add_chat(SERVER, "s1", "m1", "kept for now", 1.0)
    assert [c.text for c in outbox.pending_chat(SERVER)] == ["kept for now"]
    assert any("memory only" in r.getMessage() for r in caplog.records)


def test_purge_removes_only_the_named_sessions(open_outbox: OpenOutbox, path: Path) -> None:
    outbox = open_outbox(path)
    for server in (SERVER, OTHER_SERVER):
        for sid in ("deleted-1", "deleted-2", "kept"):
            outbox.add_chat(server, sid, "m1", f"chat in {sid}", 1.0)
            outbox.put_note(server, sid, "n1", f"note on {sid}")

    assert outbox.purge_sessions(["deleted-1"], server=SERVER) == 2
    assert outbox.purge_sessions(iter(["deleted-2", "never-existed"])) == 4
    outbox.close()

    again = open_outbox(path)
    assert [c.session_id for c in again.pending_chat(SERVER)] == ["kept"]
    assert [c.session_id for c in again.pending_chat(OTHER_SERVER)] == ["deleted-1", "kept"]
    assert [n.session_id for n in again.pending_notes(SERVER)] == ["kept"]
    assert again.draft(SERVER, "deleted-1") is None


def test_forgetting_a_finished_session_drops_its_leftovers_and_says_so(
    open_outbox: OpenOutbox, path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    outbox = open_outbox(path)
    outbox.add_chat(SERVER, "done", "m1", "never delivered", 1.0)
    outbox.add_chat(SERVER, "open", "m1", "still going", 1.0)
    outbox.add_chat(OTHER_SERVER, "done", "m1", "same id elsewhere", 1.0)

    with caplog.at_level(logging.WARNING):
        assert outbox.forget_session(SERVER, "done") == 1
        assert outbox.forget_session(SERVER, "done") == 0

    assert [c.session_id for c in outbox.pending_chat(SERVER)] == ["open"]
    assert len(outbox.pending_chat(OTHER_SERVER)) == 1
    assert [r.getMessage() for r in caplog.records] == [
        "Dropped 1 undelivered item(s) of session done"
    ]


def test_texts_over_the_protocol_limits_are_refused_by_name(
    open_outbox: OpenOutbox, path: Path
) -> None:
    outbox = open_outbox(path)
    outbox.add_chat(SERVER, "s1", "at-limit", "あ" * MAX_CHAT_CHARS, 1.0)
    outbox.put_note(SERVER, "s1", "n1", "😀" * MAX_NOTE_CHARS)

    with pytest.raises(OutboxError) as chat_error:
        outbox.add_chat(SERVER, "s1", "over", "あ" * (MAX_CHAT_CHARS + 1), 2.0)
    with pytest.raises(OutboxError) as note_error:
        outbox.put_note(SERVER, "s1", "n1", "😀" * (MAX_NOTE_CHARS + 1))

    assert chat_error.value.code is note_error.value.code is OutboxErrorCode.TOO_LARGE
    assert [c.msg_id for c in outbox.pending_chat(SERVER)] == ["at-limit"]
    draft = outbox.draft(SERVER, "s1")
    assert draft is not None and len(draft.text) == MAX_NOTE_CHARS  # the earlier text stays


@pytest.mark.parametrize("client_id", ["", "x" * 65])
def test_ids_the_server_would_refuse_are_refused_here(
    open_outbox: OpenOutbox, path: Path, client_id: str
) -> None:
    outbox = open_outbox(path)
    with pytest.raises(OutboxError) as chat_error:
        outbox.add_chat(SERVER, "s1", client_id, "hi", 1.0)
    with pytest.raises(OutboxError) as note_error:
        outbox.put_note(SERVER, "s1", client_id, "note")
    assert chat_error.value.code is note_error.value.code is OutboxErrorCode.BAD_ID
    assert outbox.pending_chat(SERVER) == [] and outbox.pending_notes(SERVER) == []


def test_a_session_cannot_pile_up_pending_items_without_bound(
    open_outbox: OpenOutbox, path: Path
) -> None:
    outbox = open_outbox(path)
    for n in range(MAX_PENDING_PER_SESSION):
        outbox.add_chat(SERVER, "stuck", f"m{n}", "unanswered", float(n))

    with pytest.raises(OutboxError) as raised:
        outbox.add_chat(SERVER, "stuck", "one-more", "refused", 0.0)
    assert raised.value.code is OutboxErrorCode.TOO_MANY

    outbox.add_chat(SERVER, "stuck", "m0", "unanswered", 0.0)  # a resend is not one more
    outbox.add_chat(SERVER, "another", "m0", "other sessions are unaffected", 0.0)
    pending = outbox.pending_chat(SERVER, "stuck")
    assert len(pending) == MAX_PENDING_PER_SESSION
    assert "one-more" not in {c.msg_id for c in pending}

    outbox.chat_acked(SERVER, "stuck", "m0")  # once acknowledged, there is room again
    outbox.add_chat(SERVER, "stuck", "one-more", "accepted now", 0.0)


def test_writers_on_several_threads_lose_nothing(open_outbox: OpenOutbox, path: Path) -> None:
    outbox = open_outbox(path)
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for n in range(50):
                outbox.add_chat(SERVER, f"s{worker}", f"m{n}", f"{worker}/{n}", float(n))
                outbox.put_note(SERVER, f"s{worker}", "n1", f"{worker}/{n}")
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=scaled(30))

    assert errors == []
    assert len(outbox.pending_chat(SERVER)) == 200
    for w in range(4):
        texts = [c.text for c in outbox.pending_chat(SERVER, f"s{w}")]
        assert texts == [f"{w}/{n}" for n in range(50)]
        draft = outbox.draft(SERVER, f"s{w}")
        assert draft is not None and draft.text == f"{w}/49"
