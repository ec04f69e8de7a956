"""Every session a customer was admitted to gets its wrap-up asked for, however it ended:
closing the tab of a session the customer ended opens the wrap-up, which the agent saves or
skips (recorded as skipped); a session whose code expired unused closes without one. The
Customer panel shows the session with its wrap-up once it is over."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.agent.session_tab import SessionTab
from assist.core.customer import CustomerClient
from assist.qt.bridge import AsyncioThread
from signaling.protocol import Outcome
from signaling.server import ServerConfig, SignalingServer
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import seed_database
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.integration.test_agent_console import (
    TIMEOUT_MS,
    Console,
    new_session,
    waiting_customer,
)


def stored(db_url: str, session_id: str) -> tuple[Any, list[str]]:
    """The session's wrap-up fields, end reason and the kinds of its audit events."""
    database = open_database(db_url)
    try:
        with database.session() as session:
            record = history.session_record(session, session_id)
            assert record is not None
            fields = (record.category, record.outcome, record.end_reason)
            return fields, [e.kind for e in history.events(session, session_id)]
    finally:
        database.close()


def ended_by_the_customer(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess, console: Console
) -> tuple[SessionTab, CustomerClient]:
    """Hanako is admitted, then ends the session herself."""
    tab = new_session(qtbot, console)
    customer, _ = waiting_customer(qtbot, runner, server, tab, email="hanako@example.jp")
    next(iter(tab.waiting.values())).admit_button.click()
    qtbot.waitUntil(lambda: customer.session_id is not None, timeout=TIMEOUT_MS)
    runner.run(customer.end_session(customer.session_id or ""), timeout=scaled(10))
    qtbot.waitUntil(lambda: tab.ended, timeout=TIMEOUT_MS)
    return tab, customer


def close_tab(console: Console, tab: SessionTab) -> None:
    """What the tab's close button does."""
    console.window.tabs.tabCloseRequested.emit(console.window.tabs.indexOf(tab))


def test_closing_a_session_the_customer_ended_asks_for_the_wrap_up(
    qtbot: QtBot, runner: AsyncioThread, console: Console, org_server: ServerProcess
) -> None:
    tab, customer = ended_by_the_customer(qtbot, runner, org_server, console)
    try:
        assert tab.end_button.text() == "Wrap up" and tab.end_button.isVisible()
        close_tab(console, tab)
        dialog = console.wrap_up_dialog()
        assert console.window.tabs.indexOf(tab) >= 0  # the tab waits for the wrap-up
        assert dialog.save_button.text() == "Save" and not dialog.save_button.isEnabled()
        dialog.category_combo.setCurrentText("Printer problem")
        dialog.outcome_buttons[Outcome.FOLLOW_UP].click()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: console.window.tabs.count() == 0, timeout=TIMEOUT_MS)
    finally:
        runner.run(customer.close(), timeout=scaled(10))
    fields, _ = stored(org_server.db_url, tab.session_id)
    assert fields == ("Printer problem", "follow_up", "customer_ended")


def test_a_skipped_wrap_up_is_recorded_as_skipped(
    qtbot: QtBot, runner: AsyncioThread, console: Console, org_server: ServerProcess
) -> None:
    tab, customer = ended_by_the_customer(qtbot, runner, org_server, console)
    try:
        close_tab(console, tab)
        dialog = console.wrap_up_dialog()
        assert dialog.skip_button.text() == "Skip wrap-up"
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: console.window.tabs.count() == 0, timeout=TIMEOUT_MS)
    finally:
        runner.run(customer.close(), timeout=scaled(10))
    fields, kinds = stored(org_server.db_url, tab.session_id)
    assert fields == (None, None, "customer_ended")
    assert "wrap_up_skipped" in kinds and "wrapped_up" not in kinds


def test_closing_a_live_sessions_tab_ends_it_with_its_wrap_up(
    qtbot: QtBot, runner: AsyncioThread, console: Console, org_server: ServerProcess
) -> None:
    tab = new_session(qtbot, console)
    customer, _ = waiting_customer(qtbot, runner, org_server, tab)
    try:
        next(iter(tab.waiting.values())).admit_button.click()
        qtbot.waitUntil(lambda: customer.session_id is not None, timeout=TIMEOUT_MS)
        close_tab(console, tab)
        dialog = console.wrap_up_dialog()
        assert dialog.skip_button.text() == "End without wrap-up"
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: console.window.tabs.count() == 0, timeout=TIMEOUT_MS)
    finally:
        runner.run(customer.close(), timeout=scaled(10))
    fields, kinds = stored(org_server.db_url, tab.session_id)
    assert fields == (None, None, "agent_ended") and "wrap_up_skipped" in kinds


def test_not_now_keeps_the_tab_and_its_wrap_up_button(
    qtbot: QtBot, runner: AsyncioThread, console: Console, org_server: ServerProcess
) -> None:
    tab, customer = ended_by_the_customer(qtbot, runner, org_server, console)
    try:
        close_tab(console, tab)
        console.wrap_up_dialog().reject()
        assert console.window.tabs.indexOf(tab) >= 0 and tab.needs_wrap_up
        qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
        console.wrap_up_dialog().reject()  # the ended tab's Wrap up asks again
    finally:
        runner.run(customer.close(), timeout=scaled(10))


def test_the_customer_panel_shows_the_first_session_once_it_is_wrapped_up(
    qtbot: QtBot, runner: AsyncioThread, console: Console, org_server: ServerProcess
) -> None:
    tab = new_session(qtbot, console)
    email = f"first-{tab.session_id[:8]}@example.jp"  # a customer new to this server
    customer, _ = waiting_customer(qtbot, runner, org_server, tab, email=email)
    panel = tab.customer
    try:
        next(iter(tab.waiting.values())).admit_button.click()
        qtbot.waitUntil(lambda: panel.record is not None, timeout=TIMEOUT_MS)
        assert panel.empty_label.isVisibleTo(panel) and panel.past_sessions == 0

        qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
        dialog = console.wrap_up_dialog()
        dialog.category_combo.setCurrentText("Billing")
        dialog.outcome_buttons[Outcome.RESOLVED].click()
        dialog.accept()
        qtbot.waitUntil(lambda: tab.wrapped_up, timeout=TIMEOUT_MS)

        def shows_the_wrap_up() -> bool:
            row = panel.timeline.topLevelItem(0)
            return row is not None and (row.text(3), row.text(4)) == ("Billing", "Resolved")

        qtbot.waitUntil(shows_the_wrap_up, timeout=TIMEOUT_MS)
        assert panel.past_sessions == 1 and not panel.empty_label.isVisibleTo(panel)
        assert tab.side_tabs.tabText(1).endswith("Customer (1)")
    finally:
        runner.run(customer.close(), timeout=scaled(10))


@pytest.fixture
def quick_expiry(runner: AsyncioThread, tmp_path: Path) -> Iterator[str]:
    """A server in this process whose codes expire after a second; its URL."""
    url = f"sqlite:///{tmp_path}/server.db"
    seed_database(url)
    database = open_database(url)
    server = SignalingServer(ServerConfig(port=0, code_ttl=1.0), database)
    runner.run(server.start(), timeout=scaled(10))
    try:
        yield server.url
    finally:
        runner.run(server.close(), timeout=scaled(10))
        database.close()


def test_a_session_whose_code_expired_unused_closes_without_a_wrap_up(
    qtbot: QtBot, runner: AsyncioThread, quick_expiry: str
) -> None:
    console = Console(qtbot, runner, quick_expiry)
    try:
        tab = new_session(qtbot, console)
        qtbot.waitUntil(lambda: tab.ended, timeout=TIMEOUT_MS)
        assert "expired" in tab.status_label.text()
        assert not tab.needs_wrap_up and not tab.end_button.isVisible()
        close_tab(console, tab)
        assert console.window.tabs.count() == 0
        assert console.controller.wrap_ups.asking is None
        # Nothing owed and nothing live: the console closes without a question.
        assert console.window.close()
    finally:
        runner.run(console.client.close(), timeout=scaled(10))
