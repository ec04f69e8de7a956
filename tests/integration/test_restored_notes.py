"""The console brings back what an earlier run left in its outbox: notes are saved to the
session's history, and what the server will not take stays on screen until discarded."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assist.agent.controller import AgentController
from assist.agent.main_window import MainWindow
from assist.agent.restored_tab import RestoredChat, RestoredNote, RestoredTab
from assist.core import events as ev
from assist.core.agent import AgentClient, Password
from assist.core.outbox import Outbox
from assist.qt.bridge import AsyncioThread, Bridge
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import PASSWORD
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled

TIMEOUT_MS = int(scaled(15) * 1000)


def past_session(runner: AsyncioThread, url: str) -> str:
    """A session taro opened and ended (in an earlier run of the console)."""
    client = AgentClient(url, Password("taro", PASSWORD), lambda _: None)
    runner.run(client.connect(), timeout=scaled(10))
    try:
        session = runner.run(client.new_session(), timeout=scaled(10))
        runner.run(client.end_session(session.session_id), timeout=scaled(10))
    finally:
        runner.run(client.close(), timeout=scaled(10))
    return session.session_id


def stored_notes(db_url: str, session_id: str) -> list[str]:
    database = open_database(db_url, upgrade=False)
    try:
        with database.session() as session:
            return [note.text for note in history.notes(session, session_id)]
    finally:
        database.close()


def test_unsaved_notes_come_back_saved_and_what_is_refused_stays_until_discarded(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess, tmp_path: Path
) -> None:
    ended = past_session(runner, server.url)
    path = tmp_path / "outbox-agent.sqlite"
    earlier = Outbox(path)  # what the earlier run left behind
    taro, ann = f"{server.url}#taro", f"{server.url}#ann"
    earlier.put_note(taro, ended, "n-1", "返金の件、来週確認する", updated_at=1000.0)
    earlier.put_note(taro, "no-such-session", "n-2", "どこにも属さないメモ", updated_at=1001.0)
    earlier.add_chat(taro, ended, "m-1", "少々お待ちください", created_at=1002.0)
    earlier.put_note(ann, ended, "n-3", "Ann's own note", updated_at=1003.0)
    earlier.close()

    outbox = Outbox(path)
    bridge = Bridge(runner)
    client = AgentClient(server.url, Password("taro", PASSWORD), bridge.sink, outbox=outbox)
    window = MainWindow("Taro")
    qtbot.addWidget(window)
    controller = AgentController(bridge, client, window, server.url)
    runner.run(client.connect(), timeout=scaled(10))
    window.show()
    try:
        controller.restore_unsent()
        qtbot.waitUntil(lambda: controller.restore.tab is not None, timeout=TIMEOUT_MS)
        tab = controller.restore.tab
        assert isinstance(tab, RestoredTab)
        assert window.tabs.currentWidget() is tab
        assert window.tabs.tabText(0) == "Restored (3)"
        saved, refused = (i for i in tab.items if isinstance(i, RestoredNote))
        (message,) = (i for i in tab.items if isinstance(i, RestoredChat))
        assert (saved.text, refused.text, message.text) == (
            "返金の件、来週確認する",
            "どこにも属さないメモ",
            "少々お待ちください",
        )

        # Saved under its own id into the session's history, once.
        qtbot.waitUntil(
            lambda: saved.notes.status.text().startswith("Saved at"), timeout=TIMEOUT_MS
        )
        assert stored_notes(server.db_url, ended) == ["返金の件、来週確認する"]
        assert [n.note_id for n in outbox.pending_notes(taro)] == ["n-2"]
        # The server knows no such session: shown as refused, kept, not retried.
        qtbot.waitUntil(
            lambda: refused.notes.status.text().startswith("Not saved:"), timeout=TIMEOUT_MS
        )
        assert refused.notes.status.text() == "Not saved: That session no longer exists."

        def confirm(parent: QWidget, question: str) -> bool:
            return True

        tab.confirm_discard = confirm
        qtbot.mouseClick(refused.discard_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: refused not in tab.items, timeout=TIMEOUT_MS)
        assert outbox.pending_notes(taro) == []
        qtbot.mouseClick(message.discard_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: message not in tab.items, timeout=TIMEOUT_MS)
        assert outbox.pending_chat(taro) == []
        assert window.tabs.tabText(0) == "Restored (1)"

        qtbot.mouseClick(saved.discard_button, Qt.MouseButton.LeftButton)  # "Close"
        qtbot.waitUntil(lambda: window.tabs.count() == 0, timeout=TIMEOUT_MS)
        # Another agent's note on this computer was never shown, and is still kept.
        assert [n.text for n in outbox.pending_notes(ann)] == ["Ann's own note"]
    finally:
        runner.run(client.close(), timeout=scaled(10))
        outbox.close()


def test_an_erased_sessions_restored_items_leave_the_screen(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess, tmp_path: Path
) -> None:
    erased, kept = past_session(runner, server.url), past_session(runner, server.url)
    outbox = Outbox(tmp_path / "outbox-agent.sqlite")
    scope = f"{server.url}#taro"
    outbox.add_chat(scope, erased, "m-1", "消されるべきメッセージ", created_at=1.0)
    outbox.add_chat(scope, kept, "m-2", "残るメッセージ", created_at=2.0)
    bridge = Bridge(runner)
    client = AgentClient(server.url, Password("taro", PASSWORD), bridge.sink, outbox=outbox)
    window = MainWindow("Taro")
    qtbot.addWidget(window)
    controller = AgentController(bridge, client, window, server.url)
    runner.run(client.connect(), timeout=scaled(10))
    try:
        controller.restore_unsent()
        qtbot.waitUntil(lambda: controller.restore.tab is not None, timeout=TIMEOUT_MS)
        tab = controller.restore.tab
        assert tab is not None and len(tab.items) == 2
        # What the client emits when the server's purge arrives (test_outbox_purge.py).
        bridge.deliver(ev.SessionsPurged((erased,)))
        qtbot.waitUntil(lambda: len(tab.items) == 1, timeout=TIMEOUT_MS)
        assert [item.text for item in tab.items] == ["残るメッセージ"]
        assert window.tabs.tabText(0) == "Restored (1)"
    finally:
        runner.run(client.close(), timeout=scaled(10))
        outbox.close()
