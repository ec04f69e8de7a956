"""Searching the history and reading a customer's record, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.config import Config

from signaling.store import customers, history, search, search_postgres, search_sqlite
from signaling.store.accounts import audit_events
from signaling.store.db import MIGRATIONS, Database, open_database
from signaling.store.grams import normalize


@pytest.fixture
def database(history_db_url: str) -> Iterator[Database]:
    opened = open_database(history_db_url)
    try:
        yield opened
    finally:
        opened.close()


def dialect(database: Database) -> str:
    name = database.engine.dialect.name
    assert name in {"sqlite", "postgresql"}
    return name


NOW = time.time()


def visit(
    database: Database,
    session_id: str,
    lines: list[str],
    note: str = "",
    at: float = NOW,
    **contact: str,
) -> int:
    """A finished session of a customer (found by ``contact``) with a transcript and note."""
    with database.session() as session:
        history.session_created(session, session_id, "taro", "田中 太郎", at)
        history.customer_admitted(session, session_id, "佐藤 花子", at + 1)
        found = history.identify_customer(
            session,
            session_id,
            "佐藤 花子",
            contact.get("email", ""),
            contact.get("number", ""),
            at + 1,
        )
        for seq, line in enumerate(lines, start=1):
            message = history.StoredMessage(
                session_id, seq, f"m{seq}", "customer", "佐藤 花子", line, at + 1 + seq
            )
            history.store_message(session, message)
        if note:
            history.save_note(session, session_id, "n1", "taro", note, at + 20)
        history.session_ended(session, session_id, "agent_ended", at + 30)
    return found.customer_id


def found_texts(database: Database, query: str) -> list[str]:
    with database.session() as session:
        return [hit.text for hit in search.search(session, query).hits]


def test_one_and_two_character_japanese_queries_find_notes_and_messages(
    database: Database,
) -> None:
    dialect(database)
    visit(database, "s1", ["画面が真っ黒です", "返金をお願いします"], note="返金は来週の予定")
    visit(database, "s2", ["Printer ERROR 0x80070005 again"], note="ドライバを再インストール")
    assert sorted(found_texts(database, "返金")) == ["返金は来週の予定", "返金をお願いします"]
    assert found_texts(database, "画面") == ["画面が真っ黒です"]
    assert found_texts(database, "黒") == ["画面が真っ黒です"]
    assert found_texts(database, "再インストール") == ["ドライバを再インストール"]
    # Case and width do not matter; the exact substring does.
    assert found_texts(database, "error 0x8007") == ["Printer ERROR 0x80070005 again"]
    assert found_texts(database, "ＥＲＲＯＲ") == ["Printer ERROR 0x80070005 again"]
    assert found_texts(database, "0x80070006") == []
    assert found_texts(database, "黒い画面") == []


def test_an_edited_note_is_found_by_its_new_text_only(database: Database) -> None:
    dialect(database)
    visit(database, "s1", ["こんにちは"], note="返金の件")
    with database.session() as session:
        history.save_note(session, "s1", "n1", "taro", "カメラの問題でした", NOW + 40)
    assert found_texts(database, "返金") == []
    assert found_texts(database, "カメラ") == ["カメラの問題でした"]


def test_hits_name_the_session_and_customer_newest_first(database: Database) -> None:
    dialect(database)
    first = visit(database, "s1", ["画面が固まる"], email="hanako@example.jp")
    visit(database, "s2", ["また画面が固まる"], email="other@example.jp")
    with database.session() as session:
        results = search.search(session, "画面")
    assert [(h.session_id, h.text) for h in results.hits] == [
        ("s2", "また画面が固まる"),
        ("s1", "画面が固まる"),
    ]
    assert results.hits[1].customer_id == first
    assert results.hits[1].agent_display_name == "田中 太郎"


def test_customers_are_found_by_name_email_and_number(database: Database) -> None:
    dialect(database)
    by_mail = visit(database, "s1", ["a"], email="hanako@example.jp")
    by_number = visit(database, "s2", ["b"], number="C-10_42")
    with database.session() as session:
        assert [c.customer_id for c in search.search_customers(session, "EXAMPLE.jp")] == [by_mail]
        assert [c.customer_id for c in search.search_customers(session, "c-10_4")] == [by_number]
        assert [c.customer_id for c in search.search_customers(session, "10%")] == []
        assert {c.customer_id for c in search.search_customers(session, "花子")} == {
            by_mail,
            by_number,
        }
        # Full-width as typed on a Japanese keyboard; no letter or digit at all.
        assert [c.customer_id for c in search.search_customers(session, "Ｃ－１０")] == [by_number]
        assert [c.customer_id for c in search.search_customers(session, "@")] == [by_mail]


def test_the_timeline_shows_past_sessions_with_their_notes(database: Database) -> None:
    dialect(database)
    customer = visit(
        database, "s1", ["一回目"], note="カメラが映らない。\nドライバ更新で解決", email="h@x.jp"
    )
    visit(database, "s2", ["二回目"], note="返金を案内", at=NOW + 3600, email="h@x.jp")
    with database.session() as session:
        history.wrap_up(session, "s2", "返金", "resolved", ["billing"], "案内済み", NOW + 31)
        history.rate(session, "s2", 5, "助かりました", NOW + 32)
        profile = customers.profile(session, customer)
        timeline = customers.timeline(session, customer)
        detail = customers.detail(session, "s1")
    assert (profile.display_name, profile.email, profile.sessions) == ("佐藤 花子", "h@x.jp", 2)
    assert [s.session_id for s in timeline] == ["s2", "s1"]  # newest first
    by_id = {s.session_id: s for s in timeline}
    assert by_id["s1"].note_preview.startswith("カメラが映らない。")
    assert (by_id["s2"].category, by_id["s2"].outcome, by_id["s2"].rating) == (
        "返金",
        "resolved",
        5,
    )
    assert [m.text for m in detail.messages] == ["一回目"]
    assert [e[0] for e in detail.events][:2] == ["created", "admitted"]
    assert detail.notes[0][1] == "カメラが映らない。\nドライバ更新で解決"


def test_relink_moves_a_session_and_merge_folds_two_records(database: Database) -> None:
    dialect(database)
    wrong = visit(database, "s1", ["x"], email="stranger@example.jp")
    right = visit(database, "s2", ["y"], number="C-1")
    with database.session() as session:
        with pytest.raises(customers.CustomerError) as unknown:
            customers.relink(session, "s1", 999_999, "taro", NOW)
        assert unknown.value.code == "customer_not_found"
    with database.session() as session:
        customers.relink(session, "s1", right, "taro", NOW + 50)
    with database.session() as session:
        assert {s.session_id for s in customers.timeline(session, right)} == {"s1", "s2"}
        assert customers.detail(session, "s1").summary.identity_verified
        with pytest.raises(customers.CustomerError) as itself:
            customers.merge(session, right, right, "taro")
        assert itself.value.code == "merge_into_itself"
    with database.session() as session:
        assert customers.merge(session, wrong, right, "taro") == 0
    with database.session() as session:
        merged = customers.profile(session, right)
        assert (merged.email, merged.customer_number) == ("stranger@example.jp", "C-1")
        # The search follows: the e-mail now finds the record it moved to, and only that one.
        assert [c.customer_id for c in search.search_customers(session, "stranger")] == [right]
        with pytest.raises(customers.CustomerError):
            customers.profile(session, wrong)
        assert [e.kind for e in audit_events(session)][-2:] == [
            "session_relinked",
            "customers_merged",
        ]


# ------------------------------------------------------------- the index at scale


def newest_containing(lines: list[str], query: str, limit: int) -> list[str]:
    """What a search must answer for the transcript ``lines`` (stored oldest first)."""
    return [line for line in reversed(lines) if normalize(query) in normalize(line)][:limit]


def test_a_term_in_every_message_gives_the_newest_hundred(database: Database) -> None:
    dialect(database)
    lines = [f"画面 {n}" for n in range(150)]
    visit(database, "s1", lines)
    assert found_texts(database, "画面") == newest_containing(lines, "画面", 100)
    assert found_texts(database, "画面 1") == newest_containing(lines, "画面 1", 100)
    assert len(found_texts(database, "画面 1")) == 61  # 1, 10–19, 100–149


LINES = [
    f"{'画面が真っ黒です' if n % 11 == 0 else '画面が固まる'} error 0x8007{n:04x}"
    if n % 3 == 0
    else f"返金 {n} 件目、黒い画面の件"
    for n in range(90)
]


@pytest.mark.parametrize(
    "query",
    ["画面", "黒", "画面が真っ黒", "黒い画面", "0x80070", "error 0x8007004e", "返金 4", "真っ白"],
)
def test_common_and_rare_terms_take_every_path_to_the_same_answer(
    database: Database, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tiny thresholds stand in for a million rows: on PostgreSQL every query reads a window
    of the newest 7 rows, then asks the index for the older ones; on SQLite a term in 5 rows
    is already common."""
    monkeypatch.setattr(search_postgres, "DIRECT_ROWS", -1)
    monkeypatch.setattr(search_postgres, "WINDOW", 7)
    monkeypatch.setattr(search_sqlite, "PROBE_CAP", 5)
    visit(database, "s1", LINES)
    with database.session() as session:
        found = [hit.text for hit in search.search(session, query, limit=10).hits]
    assert found == newest_containing(LINES, query, 10)


def migrate(database: Database, revision: str) -> None:
    """Up or down to ``revision`` (revisions are numbered in order)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    current = database.revision() or ""
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision != "head" and revision < current:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)


def test_the_index_migrations_keep_a_populated_store_searchable(database: Database) -> None:
    dialect(database)
    migrate(database, "0004")  # before the stored grams and the customers' index
    try:
        visit(database, "s1", ["画面が真っ黒です"], note="返金は来週の予定", email="h@example.jp")
    finally:
        migrate(database, "head")
    assert found_texts(database, "真っ黒") == ["画面が真っ黒です"]
    assert found_texts(database, "返金") == ["返金は来週の予定"]
    with database.session() as session:
        assert [c.email for c in search.search_customers(session, "h@ex")] == ["h@example.jp"]

    migrate(database, "0004")  # down and up again: the index is rebuilt, still in step
    migrate(database, "head")
    visit(database, "s2", ["画面が固まる"], email="t@example.jp", at=NOW + 100)
    assert found_texts(database, "画面") == ["画面が固まる", "画面が真っ黒です"]
    with database.session() as session:
        assert [c.email for c in search.search_customers(session, "example")] == [
            "t@example.jp",
            "h@example.jp",
        ]
