"""The administrator's privacy tools on SQLite and PostgreSQL: a customer's history exported
whole and readable, a customer deleted without touching anyone else, old transcripts purged
while the statistics keep their sessions."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QTextDocument
from sqlalchemy import func, select, text
from sqlalchemy.orm import InstrumentedAttribute

from signaling.store import accounts as acc
from signaling.store import grams, history, search
from signaling.store.db import Database, open_database
from signaling.store.history import StoredMessage
from signaling.store.models import (
    AbuseReport,
    AuditEvent,
    Customer,
    MessageRecord,
    NoteRecord,
    SessionEvent,
    SessionRecord,
)
from signaling.store.privacy import (
    PrivacyError,
    delete_customer,
    export_customer,
    export_markdown,
    purge_expired,
)

DAY = 86400.0
NOW = float(int(time.time()))
#: (display name, e-mail, customer number) as the customer types them when joining.
HANAKO = ("山田 花子", "hanako@example.jp", "C-1001")
TARO = ("佐藤 太郎", "taro@example.jp", "C-2002")
JIRO = ("鈴木 次郎", "", "C-3003")
ADMIN = "cli:ada"


@pytest.fixture
def database(history_db_url: str, request: pytest.FixtureRequest) -> Iterator[Database]:
    database = open_database(history_db_url)
    try:
        # The same test runs on both databases: make sure each run is on the one it names.
        assert database.engine.dialect.name == request.node.callspec.params["history_db_url"]
        assert history_db_url.startswith(database.engine.dialect.name)
        yield database
    finally:
        database.close()


def record_visit(
    database: Database,
    customer: tuple[str, str, str],
    start: float,
    lines: Sequence[tuple[str, str]],
    *,
    ended: bool = True,
    note: str = "折り返し不要",
    final_note: str = "再起動で解決",
    comment: str = "とても親切でした",
) -> tuple[str, int]:
    """A whole session with agent Ann: the customer joins and is identified, ``lines``
    are (sender, text) of the chat, then a note, the wrap-up, the rating and the end.
    Returns the session id and the customer's record id."""
    session_id = f"s-{uuid.uuid4().hex[:16]}"
    name, email, number = customer
    with database.session() as session:
        history.session_created(session, session_id, "ann", "Ann Agent", start)
        history.customer_admitted(session, session_id, name, start + 5)
        match = history.identify_customer(session, session_id, name, email, number, start + 5)
        for seq, (sender, text) in enumerate(lines, 1):
            sender_name = "Ann Agent" if sender == "agent" else name
            message = StoredMessage(
                session_id, seq, f"m{seq}", sender, sender_name, text, start + 10 + seq
            )
            history.store_message(session, message)
        history.save_note(session, session_id, "n1", "ann", note, start + 30)
        history.wrap_up(
            session, session_id, "Billing", "resolved", ["refund"], final_note, start + 40
        )
        history.rate(session, session_id, 5, comment, start + 45)
        if ended:
            history.session_ended(session, session_id, "agent_left", start + 50)
    return session_id, match.customer_id


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")


def rows_of(database: Database, column: InstrumentedAttribute[str], ids: Sequence[str]) -> int:
    """How many rows of ``column``'s table belong to these sessions."""
    with database.session() as session:
        return int(session.scalar(select(func.count()).where(column.in_(ids))) or 0)


def last_audit(database: Database, kind: str, subject: str | None = None) -> AuditEvent:
    # The PostgreSQL database is shared by the run: earlier tests' entries are there too.
    with database.session() as session:
        found = [e for e in acc.audit_events(session, kind) if e.subject == subject]
    assert found, f"no {kind} audit entry for {subject}"
    return found[-1]


# ----------------------------------------------------------------- export


def test_export_holds_every_message_in_order_with_notes_and_wrap_up(database: Database) -> None:
    newer, customer_id = record_visit(database, HANAKO, NOW - DAY, [("customer", "請求書の件")])
    chat = [
        ("customer", "画面が真っ白です"),
        ("agent", "再起動してください"),
        ("customer", "直りました！"),
    ]
    older, _ = record_visit(database, HANAKO, NOW - 30 * DAY, chat)

    with database.session() as session:
        data = export_customer(session, customer_id, ADMIN)
    text = json.dumps(data, ensure_ascii=False)
    data = json.loads(text)  # plain JSON all through

    assert (data["format"], data["version"]) == ("assist.customer-history", 1)
    assert data["customer"] == {
        "id": customer_id,
        "display_name": "山田 花子",
        "email": "hanako@example.jp",
        "customer_number": "C-1001",
        "first_seen": iso(NOW - DAY + 5),
    }
    assert [s["id"] for s in data["sessions"]] == [older, newer]  # oldest first
    first = data["sessions"][0]
    assert [(m["seq"], m["sender"], m["sender_name"], m["text"]) for m in first["transcript"]] == [
        (1, "customer", "山田 花子", "画面が真っ白です"),
        (2, "agent", "Ann Agent", "再起動してください"),
        (3, "customer", "山田 花子", "直りました！"),
    ]
    assert first["transcript"][0]["ts"] == iso(NOW - 30 * DAY + 11)
    assert [(n["text"], n["author"]) for n in first["notes"]] == [("折り返し不要", "ann")]
    assert first["agent"] == {"username": "ann", "display_name": "Ann Agent"}
    assert (first["created_at"], first["ended_at"], first["end_reason"]) == (
        iso(NOW - 30 * DAY),
        iso(NOW - 30 * DAY + 50),
        "agent_left",
    )
    assert first["first_reply_at"] == iso(NOW - 30 * DAY + 12)
    assert (first["category"], first["outcome"], first["tags"], first["final_note"]) == (
        "Billing",
        "resolved",
        ["refund"],
        "再起動で解決",
    )
    assert (first["rating"], first["rating_comment"]) == (5, "とても親切でした")
    assert [e["kind"] for e in first["events"]] == [
        "created",
        "admitted",
        "identified",
        "wrapped_up",
        "rated",
        "ended",
    ]
    assert "画面が真っ白です" in text and "\\u" not in text
    exported = last_audit(database, "customer_exported", str(customer_id))
    assert (exported.actor, exported.detail) == (ADMIN, {"customer_id": customer_id, "sessions": 2})


@pytest.mark.usefixtures("qapp")
def test_markdown_shows_what_a_customer_typed_without_obeying_it(database: Database) -> None:
    injection = "\n".join(
        [
            "# 至急ご連絡ください",
            "[こちらをクリック](http://x)",
            "<b>太字</b> *強調*",
            "- 偽の項目",
            "1. 番号",
            "===",
            "---",
        ]
    )
    _, customer_id = record_visit(database, JIRO, NOW - DAY, [("customer", injection)])
    with database.session() as session:
        markdown = export_markdown(export_customer(session, customer_id, ADMIN))

    document = QTextDocument()
    document.setMarkdown(markdown)  # a real CommonMark reader (md4c, GitHub dialect)
    headings, links, shown = [], [], []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            headings.append(block.text())
        links += [r.format.anchorHref() for r in block.textFormats() if r.format.isAnchor()]
        shown.append(block.text())
        block = block.next()

    # One session: none of the customer's lines became a heading.
    assert headings[0] == "Customer history: 鈴木 次郎"
    assert headings[1].startswith("Session ")
    assert headings[2:] == ["Transcript", "Notes", "Wrap-up", "Events"]
    assert links == []
    text = "\n".join(shown)
    for line in injection.splitlines():
        assert line in text  # shown literally, Japanese intact
    assert "折り返し不要" in text and "再起動で解決" in text and "とても親切でした" in text


# ----------------------------------------------------------------- deletion


def test_delete_removes_the_customer_and_everything_of_theirs_only(database: Database) -> None:
    first, hanako = record_visit(
        database, HANAKO, NOW - 9 * DAY, [("customer", "画面が真っ白です")]
    )
    second, _ = record_visit(
        database, HANAKO, NOW - DAY, [("customer", "請求書の件"), ("agent", "確認します")]
    )
    other, taro = record_visit(database, TARO, NOW - 2 * DAY, [("customer", "ログインできません")])
    with database.session() as session:
        report = AbuseReport(
            ts=datetime.now(UTC),
            session_id=first,
            code="123456789",
            agent_username="ann",
            agent_display_name="Ann Agent",
            customer_name="山田 花子",
            reason="怪しい",
        )
        acc.add_abuse_report(session, report)

    with database.session() as session:
        deleted = delete_customer(session, hanako, ADMIN)

    assert (deleted.session_ids, deleted.messages, deleted.notes) == ((first, second), 3, 2)
    mine = [first, second]
    columns = (
        SessionRecord.id,
        MessageRecord.session_id,
        NoteRecord.session_id,
        SessionEvent.session_id,
    )
    for column in columns:
        assert rows_of(database, column, mine) == 0, column
    with database.session() as session:
        assert session.get(Customer, hanako) is None
        (kept_report,) = session.scalars(select(AbuseReport).where(AbuseReport.session_id == first))
        assert (kept_report.customer_name, kept_report.agent_username, kept_report.reason) == (
            "",
            "ann",
            "怪しい",
        )
        assert [m.text for m in history.transcript(session, other)] == ["ログインできません"]
        assert [n.text for n in history.notes(session, other)] == ["折り返し不要"]
        assert len(history.events(session, other)) == 6
        assert session.get(Customer, taro) is not None
        # Nothing of hers can be found again; the search still finds the others.
        assert search.search(session, "真っ白").hits == []
        assert search.search(session, "花子").customers == []
        assert [h.session_id for h in search.search(session, "ログイン").hits] == [other]
        if database.engine.dialect.name == "sqlite":  # the index's own rows are gone too
            match = grams.gram_tokens("真っ白")
            stale = "SELECT count(*) FROM message_fts WHERE message_fts MATCH :m"
            assert session.execute(text(stale), {"m": match}).scalar() == 0

    entry = last_audit(database, "customer_deleted", str(hanako))
    assert entry.actor == ADMIN
    assert entry.detail == {
        "customer_id": hanako,
        "session_ids": [first, second],
        "messages": 3,
        "notes": 2,
        "events": 12,
        "reports_redacted": 1,
    }


def test_an_unknown_customer_is_neither_deleted_nor_exported(database: Database) -> None:
    kept, hanako = record_visit(database, HANAKO, NOW - DAY, [("customer", "こんにちは")])
    unknown = hanako + 1000
    with database.session() as session, pytest.raises(PrivacyError) as deleting:
        delete_customer(session, unknown, ADMIN)
    with database.session() as session, pytest.raises(PrivacyError) as exporting:
        export_customer(session, unknown, ADMIN)

    assert deleting.value.code == exporting.value.code == "customer_not_found"
    with database.session() as session:
        subjects = [e.subject for e in acc.audit_events(session) if e.kind.startswith("customer_")]
        assert str(unknown) not in subjects
        assert [m.text for m in history.transcript(session, kept)] == ["こんにちは"]


# ----------------------------------------------------------------- retention


def test_purge_empties_old_sessions_but_keeps_them_counted(database: Database) -> None:
    old, _ = record_visit(
        database, HANAKO, NOW - 400 * DAY, [("customer", "古い話"), ("agent", "はい")]
    )
    recent, _ = record_visit(database, TARO, NOW - 10 * DAY, [("customer", "最近の話")])
    live, _ = record_visit(database, JIRO, NOW - 500 * DAY, [("customer", "まだ続く")], ended=False)
    cutoff = datetime.fromtimestamp(NOW, UTC) - timedelta(days=365)

    with database.session() as session:
        report = purge_expired(session, cutoff, ADMIN)

    assert (report.session_ids, report.messages, report.notes, report.events) == ((old,), 2, 1, 6)
    with database.session() as session:
        assert history.transcript(session, old) == []
        assert history.notes(session, old) == [] and history.events(session, old) == []
        kept = history.session_record(session, old)
        assert kept is not None
        assert (kept.final_note, kept.rating_comment) == (None, None)
        assert (kept.category, kept.outcome, kept.tags, kept.rating) == (
            "Billing",
            "resolved",
            ["refund"],
            5,
        )
        assert kept.agent_username == "ann" and kept.ended_at is not None
        for untouched, said in ((recent, "最近の話"), (live, "まだ続く")):
            assert [m.text for m in history.transcript(session, untouched)] == [said]
            assert [n.text for n in history.notes(session, untouched)] == ["折り返し不要"]
            record = history.session_record(session, untouched)
            assert record is not None and record.rating_comment == "とても親切でした"
    entry = last_audit(database, "history_purged")
    assert entry.detail == {
        "older_than": cutoff.isoformat(timespec="milliseconds"),
        "session_ids": [old],
        "messages": 2,
        "notes": 1,
        "events": 6,
    }

    with database.session() as session:
        again = purge_expired(session, cutoff, ADMIN)
    assert (again.session_ids, again.messages, again.notes, again.events) == ((), 0, 0, 0)
    second = last_audit(database, "history_purged")
    assert second.id > entry.id and second.detail["session_ids"] == []


def test_purge_wants_a_cutoff_with_a_time_zone(database: Database) -> None:
    with database.session() as session, pytest.raises(PrivacyError) as refused:
        purge_expired(session, datetime.now() - timedelta(days=30), ADMIN)
    assert refused.value.code == "cutoff_not_utc"
