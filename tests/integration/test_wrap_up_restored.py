"""A wrap-up the server never got (it was down when the agent pressed Save, and then the
console went away) is kept in the local outbox and sent on the next start, shown in the
Restored tab until it is stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.agent.restored_tab import RestoredWrapUp
from assist.core.outbox import Outbox
from assist.core.wrapup import WrapUpFields
from assist.qt.bridge import AsyncioThread
from signaling.protocol import Outcome
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.integration.test_agent_console import (
    TIMEOUT_MS,
    Console,
    new_session,
    waiting_customer,
)
from tests.integration.test_wrap_up_owed import stored

ENTERED = WrapUpFields("Printer problem", Outcome.ESCALATED, ("driver",), "メーカーに連絡")


def test_a_wrap_up_the_server_never_got_is_sent_on_the_next_start(
    qtbot: QtBot, runner: AsyncioThread, tmp_path: Path
) -> None:
    path = tmp_path / "outbox-agent.sqlite"
    server = ServerProcess("--org-name", "Acme Support")
    outbox = Outbox(path)
    console = Console(qtbot, runner, server.url, outbox=outbox)
    tab = new_session(qtbot, console)
    customer, _ = waiting_customer(qtbot, runner, server, tab)
    try:
        next(iter(tab.waiting.values())).admit_button.click()
        qtbot.waitUntil(lambda: customer.session_id is not None, timeout=TIMEOUT_MS)
        server.kill()
        qtbot.waitUntil(console.window.connection_notice.isVisible, timeout=TIMEOUT_MS)
        qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
        dialog = console.wrap_up_dialog()
        dialog.fill(ENTERED)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "not saved" in tab.status_label.text(), timeout=TIMEOUT_MS)
        # The console goes away before the server is back.
        runner.run(console.client.close(), timeout=scaled(10))
        outbox.close()

        server = ServerProcess("--org-name", "Acme Support", db_url=server.db_url, port=server.port)
        outbox = Outbox(path)
        again = Console(qtbot, runner, server.url, outbox=outbox)
        try:
            again.controller.restore_unsent()
            qtbot.waitUntil(lambda: again.controller.restore.tab is not None, timeout=TIMEOUT_MS)
            restored = again.controller.restore.tab
            assert restored is not None
            (item,) = restored.items
            assert isinstance(item, RestoredWrapUp) and item.wrap_up == ENTERED
            qtbot.waitUntil(lambda: item.saved, timeout=TIMEOUT_MS)
            assert item.status.text() == "Saved to the session's history."
            assert outbox.pending_wrap_ups(again.client.outbox_scope) == []
        finally:
            runner.run(again.client.close(), timeout=scaled(10))
    finally:
        runner.run(customer.close(), timeout=scaled(10))
        server.kill()
        outbox.close()
    fields, _ = stored(server.db_url, tab.session_id)
    assert fields[:2] == ("Printer problem", "escalated")
