"""A wrap-up that cannot be saved (the server was killed) loses nothing: once the console
has reconnected, Wrap up opens with what the agent entered and saves it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.core import events as ev
from assist.core.wrapup import WrapUpFields
from assist.qt.bridge import AsyncioThread
from signaling.protocol import Outcome
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.integration.test_agent_console import TIMEOUT_MS, Console, new_session, waiting_customer


def test_a_failed_wrap_up_is_kept_and_saved_once_the_server_is_back(
    qtbot: QtBot, runner: AsyncioThread
) -> None:
    server = ServerProcess("--org-name", "Acme Support")
    console = Console(qtbot, runner, server.url)
    tab = new_session(qtbot, console)
    customer, events = waiting_customer(qtbot, runner, server, tab)
    try:
        next(iter(tab.waiting.values())).admit_button.click()
        qtbot.waitUntil(lambda: customer.session_id is not None, timeout=TIMEOUT_MS)
        server.kill()
        qtbot.waitUntil(console.window.connection_notice.isVisible, timeout=TIMEOUT_MS)

        qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
        dialog = console.wrap_up_dialog()
        dialog.category_combo.setCurrentText("Printer problem")
        dialog.outcome_buttons[Outcome.FOLLOW_UP].setChecked(True)
        dialog.tags_edit.setText("driver, 再発")
        dialog.note_edit.setPlainText("来週もう一度確認する")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: "not saved" in tab.status_label.text(), timeout=TIMEOUT_MS)
        assert not tab.ended and not tab.wrapped_up

        server = ServerProcess("--org-name", "Acme Support", db_url=server.db_url, port=server.port)
        qtbot.waitUntil(lambda: not console.window.connection_notice.isVisible(), timeout=30_000)
        qtbot.waitUntil(
            lambda: any(isinstance(e, ev.SessionResumed) for e in events), timeout=30_000
        )
        qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
        again = console.wrap_up_dialog()
        assert again.fields == WrapUpFields(
            "Printer problem", Outcome.FOLLOW_UP, ("driver", "再発"), "来週もう一度確認する"
        )
        again.buttons.accepted.emit()
        qtbot.waitUntil(lambda: tab.ended and tab.wrapped_up, timeout=TIMEOUT_MS)
    finally:
        runner.run(customer.close(), timeout=scaled(10))
        runner.run(console.client.close(), timeout=scaled(10))
        server.kill()
    database = open_database(server.db_url, upgrade=False)
    try:
        with database.session() as session:
            record = history.session_record(session, tab.session_id)
            assert record is not None
            assert (record.category, record.outcome, record.tags, record.final_note) == (
                "Printer problem",
                "follow_up",
                ["driver", "再発"],
                "来週もう一度確認する",
            )
            assert record.end_reason == "agent_ended"
    finally:
        database.close()
