"""The console's Customer panel and history search, with the real widgets and controller,
against a real server process whose store already holds the customer's past sessions."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from assist.agent import notes_panel
from assist.qt.bridge import AsyncioThread
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import seed_database
from tests.helpers.qt_input import commit_text
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.integration.test_agent_console import (
    TIMEOUT_MS,
    Console,
    new_session,
    waiting_customer,
)
from tests.integration.test_privacy_push import admin

EMAIL = "hanako@example.jp"
DAY = 24 * 3600.0


def past_session(
    url: str, session_id: str, days_ago: int, line: str, note: str, **who: str
) -> None:
    """A finished session in the store, as an earlier agent left it."""
    at = time.time() - days_ago * DAY
    database = open_database(url)
    try:
        with database.session() as session:
            history.session_created(session, session_id, "jiro", "鈴木 次郎", at)
            history.customer_admitted(session, session_id, "佐藤 花子", at + 5)
            history.identify_customer(
                session, session_id, "佐藤 花子", who.get("email", ""), who.get("number", ""), at
            )
            message = history.StoredMessage(
                session_id, 1, "m1", "customer", "佐藤 花子", line, at + 10
            )
            history.store_message(session, message)
            history.save_note(session, session_id, "n1", "jiro", note, at + 60)
            history.wrap_up(session, session_id, "カメラの問題", "resolved", [], "", at + 600)
            history.rate(session, session_id, 4, "", at + 610)
            history.session_ended(session, session_id, "agent_ended", at + 600)
    finally:
        database.close()


@pytest.fixture
def seeded_server(tmp_path: Path) -> Iterator[ServerProcess]:
    url = f"sqlite:///{tmp_path}/server.db"
    seed_database(url)
    past_session(url, "old-1", 30, "カメラが映りません", "ドライバを更新して解決。", email=EMAIL)
    past_session(url, "old-2", 2, "また映らない", "返金を希望。USB ハブが原因かも", email=EMAIL)
    past_session(url, "other", 1, "印刷できない", "プリンタの返金対応", number="C-9")
    server = ServerProcess("--org-name", "Acme Support", db_url=url)
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture
def console(qtbot: QtBot, runner: AsyncioThread, seeded_server: ServerProcess) -> Iterator[Console]:
    console = Console(qtbot, runner, seeded_server.url)
    yield console
    runner.run(console.client.close(), timeout=scaled(10))


def test_the_customer_panel_shows_past_sessions_behind_the_unverified_notice(
    qtbot: QtBot, runner: AsyncioThread, console: Console, seeded_server: ServerProcess
) -> None:
    tab = new_session(qtbot, console)
    customer, _ = waiting_customer(qtbot, runner, seeded_server, tab, email="Hanako@Example.JP")
    try:
        next(iter(tab.waiting.values())).admit_button.click()
        panel = tab.customer
        qtbot.waitUntil(lambda: panel.timeline.topLevelItemCount() == 2, timeout=TIMEOUT_MS)
        assert tab.side_tabs.tabText(1) == "⚠ Customer (2)"
        assert panel.name_label.text() == "佐藤 花子"
        assert EMAIL in panel.facts_label.text() and "2" in panel.facts_label.text()
        assert panel.notice.isVisibleTo(panel) and "Unverified" in panel.notice.text()
        newest, oldest = (panel.timeline.topLevelItem(i) for i in range(2))
        # Under each session, the first lines of its notes.
        assert newest.child(0).text(0) == "返金を希望。USB ハブが原因かも"
        assert oldest.child(0).text(0) == "ドライバを更新して解決。"
        assert (newest.text(1), newest.text(3), newest.text(5)) == (
            "鈴木 次郎",
            "カメラの問題",
            "★★★★☆",
        )

        panel.timeline.setCurrentItem(oldest)  # expand one: the full session below
        qtbot.waitUntil(
            lambda: "カメラが映りません" in panel.detail.toPlainText(), timeout=TIMEOUT_MS
        )
        assert "ドライバを更新して解決。" in panel.detail.toPlainText()

        tab.identity.confirm_button.click()
        qtbot.waitUntil(lambda: not panel.notice.isVisibleTo(panel), timeout=TIMEOUT_MS)
        assert tab.side_tabs.tabText(1) == "Customer (2)"
    finally:
        runner.run(customer.close(), timeout=scaled(10))


def test_a_two_character_japanese_query_finds_a_note_and_the_session_can_be_relinked(
    qtbot: QtBot, console: Console, seeded_server: ServerProcess
) -> None:
    console.window.search_action.trigger()
    window = console.controller.history.search_window
    assert window is not None and window.isVisible()
    commit_text(window.query, "返金")
    window.search_button.click()
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 2, timeout=TIMEOUT_MS)
    hits = window.results.topLevelItem(1)
    found = [hits.child(i).text(0) for i in range(hits.childCount())]
    assert found == ["Note: プリンタの返金対応", "Note: 返金を希望。USB ハブが原因かも"]

    window.results.setCurrentItem(hits.child(1))
    qtbot.waitUntil(lambda: "また映らない" in window.session.toPlainText(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(window.relink_button.isEnabled, timeout=TIMEOUT_MS)
    window.relink_button.click()
    picker = console.controller.history.picker
    assert picker is not None
    commit_text(picker.query, "C-9")
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.results.count() == 1, timeout=TIMEOUT_MS)
    picker.results.setCurrentRow(0)
    picker.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "linked" in window.status.text(), timeout=TIMEOUT_MS)

    database = open_database(seeded_server.db_url)
    try:
        with database.session() as session:
            moved = history.session_record(session, "old-2")
            other = history.session_record(session, "other")
            assert moved is not None and other is not None
            assert moved.customer_id == other.customer_id and moved.identity_verified
    finally:
        database.close()


def test_deleting_the_customer_clears_the_live_tab_and_every_view_of_their_sessions(
    qtbot: QtBot, runner: AsyncioThread, console: Console, seeded_server: ServerProcess
) -> None:
    tab = new_session(qtbot, console)
    customer, _ = waiting_customer(qtbot, runner, seeded_server, tab, email=EMAIL)
    try:
        next(iter(tab.waiting.values())).admit_button.click()
        qtbot.waitUntil(lambda: customer.session_id is not None, timeout=TIMEOUT_MS)
        assert customer.session_id is not None
        runner.run(customer.send_chat(customer.session_id, "電話番号は 090-1234-5678 です"))
        qtbot.waitUntil(lambda: len(tab.chat.model.entries) == 1, timeout=TIMEOUT_MS)
        commit_text(tab.notes.edit, "折り返し電話の希望あり")
        qtbot.waitUntil(lambda: tab.notes.status.text().startswith("Saved"), timeout=TIMEOUT_MS)
        panel = tab.customer
        qtbot.waitUntil(lambda: panel.record is not None, timeout=TIMEOUT_MS)
        assert panel.record is not None
        customer_id = panel.record.customer.customer_id

        console.window.search_action.trigger()
        window = console.controller.history.search_window
        assert window is not None
        commit_text(window.query, "返金")
        window.search_button.click()
        qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 2, timeout=TIMEOUT_MS)
        hits = window.results.topLevelItem(1)
        window.results.setCurrentItem(hits.child(1))  # old-2: this customer's
        qtbot.waitUntil(lambda: "また映らない" in window.session.toPlainText(), timeout=TIMEOUT_MS)

        done = admin(seeded_server.db_url, "delete-customer", str(customer_id), "--yes")
        assert done.returncode == 0, done.stderr

        # The purge and the session's end (data_deleted) arrive in either order.
        qtbot.waitUntil(lambda: not tab.chat.model.entries and tab.ended, timeout=TIMEOUT_MS)
        assert "deleted" in tab.status_label.text()
        assert tab.notes.text == "" and tab.notes.edit.isReadOnly()
        assert "deleted" in panel.name_label.text() and panel.timeline.topLevelItemCount() == 0
        assert "deleted" in window.session.toPlainText()
        qtbot.wait(int(scaled(300)))  # watched: no other session opens in its place
        assert "deleted" in window.session.toPlainText()
        assert "deleted" in panel.detail.toPlainText() or panel.detail.history is None
        assert [hits.child(i).text(0) for i in range(hits.childCount())] == [
            "Note: プリンタの返金対応"
        ]
        # Nothing of the erased note is kept on this computer, now or after a typing pause
        # (watched: an autosave would have run by then).
        qtbot.wait(notes_panel.AUTOSAVE_MS * 2)
        client = console.client
        assert client.outbox.pending_notes(client.outbox_scope) == []
    finally:
        runner.run(customer.close(), timeout=scaled(10))
