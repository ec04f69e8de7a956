"""The agent console's real widgets and controller against a real server process, with a
customer client sharing a synthetic screen through real aiortc peers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from assist.agent.console_dialogs import ConsoleDialogs, Questions
from assist.agent.controller import AgentController
from assist.agent.main_window import MainWindow
from assist.agent.session_tab import SessionTab
from assist.agent.wrapup_dialog import WrapUpDialog
from assist.core import events as ev
from assist.core.agent import AgentClient, Password
from assist.core.customer import CustomerClient
from assist.core.outbox import Outbox
from assist.core.synthetic import SyntheticGrabber
from assist.qt.bridge import AsyncioThread, Bridge
from signaling.protocol import Outcome
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import PASSWORD
from tests.helpers.qt_input import commit_text
from tests.helpers.server_process import ServerProcess, server_process
from tests.helpers.waits import scaled

TIMEOUT_MS = int(scaled(15) * 1000)


class Console:
    """The real console signed in as taro; ``questions`` answers for the agent (default:
    the real dialogs)."""

    def __init__(
        self,
        qtbot: QtBot,
        runner: AsyncioThread,
        url: str,
        outbox: Outbox | None = None,
        questions: Questions | None = None,
    ) -> None:
        self.bridge = Bridge(runner)
        self.client = AgentClient(url, Password("taro", PASSWORD), self.bridge.sink, outbox=outbox)
        self.window = MainWindow("Taro")
        qtbot.addWidget(self.window)
        self.controller = AgentController(self.bridge, self.client, self.window, url, questions)
        runner.run(self.client.connect(), timeout=scaled(10))
        self.window.show()

    def tab(self, index: int) -> SessionTab:
        tab = self.window.tabs.widget(index)
        assert isinstance(tab, SessionTab)
        return tab

    def wrap_up_dialog(self) -> WrapUpDialog:
        """The wrap-up dialog open now (the console's real dialogs)."""
        dialogs = self.controller.questions
        assert isinstance(dialogs, ConsoleDialogs) and dialogs.wrap_up is not None
        return dialogs.wrap_up


def new_session(qtbot: QtBot, console: Console) -> SessionTab:
    before = console.window.tabs.count()
    console.window.new_session_action.trigger()
    qtbot.waitUntil(lambda: console.window.tabs.count() == before + 1, timeout=TIMEOUT_MS)
    return console.tab(before)


def waiting_customer(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess, tab: SessionTab, **contact: str
) -> tuple[CustomerClient, list[ev.Event]]:
    """Hanako joins the tab's session (synthetic screen; ``email``/``customer_number`` as
    given) and waits for Admit."""
    events: list[ev.Event] = []
    customer = CustomerClient(server.url, "Hanako", events.append, SyntheticGrabber)
    runner.run(customer.connect(), timeout=scaled(10))
    runner.run(customer.join(tab.code_panel.code, **contact), timeout=scaled(10))
    qtbot.waitUntil(lambda: len(tab.waiting) == 1, timeout=TIMEOUT_MS)
    return customer, events


def test_several_sessions_each_get_their_own_tab_and_code(qtbot: QtBot, console: Console) -> None:
    first = new_session(qtbot, console)
    second = new_session(qtbot, console)
    codes = {first.code_panel.code_label.text(), second.code_panel.code_label.text()}
    assert len(codes) == 2
    for code in codes:
        assert len(code) == 11 and code[3] == " " and code[7] == " "
    assert first.code_panel.link_edit.text().startswith("assist://join?server=ws")
    assert 590 <= first.code_panel.seconds_left <= 600
    assert console.window.tabs.currentWidget() is second


def test_admitted_customer_screen_and_chat_show_in_the_tab(
    qtbot: QtBot, console: Console, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    tab = new_session(qtbot, console)
    customer, customer_events = waiting_customer(qtbot, runner, org_server, tab)
    row = next(iter(tab.waiting.values()))
    assert row.label.text() == "Hanako is waiting"
    assert tab.status_label.text() == "Hanako is waiting to be admitted."

    qtbot.mouseClick(row.admit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.customer_name == "Hanako", timeout=TIMEOUT_MS)
    assert console.window.tabs.tabText(0) == "Hanako"
    assert tab.code_panel.isHidden()
    qtbot.waitUntil(lambda: customer.session_id is not None, timeout=TIMEOUT_MS)

    runner.run(customer.allow(1), timeout=scaled(10))
    qtbot.waitUntil(lambda: tab.view.frame is not None, timeout=TIMEOUT_MS)
    assert "sharing" in tab.status_label.text()
    # The picture on screen shows the customer's red top-left quadrant.
    target = tab.view.image_rect()
    quarter = QPoint(target.x() + target.width() // 4, target.y() + target.height() // 4)
    shown = tab.view.widget().grab().toImage().pixelColor(quarter)
    assert shown.red() > 170 and shown.green() < 90 and shown.blue() < 90

    qtbot.keyClicks(tab.chat.edit, "Hello Hanako")
    qtbot.keyClick(tab.chat.edit, Qt.Key.Key_Return)
    assert tab.chat.edit.toPlainText() == ""
    runner.run(customer.send_chat(customer.session_id or "", "画面の右上です"), timeout=scaled(10))
    qtbot.waitUntil(lambda: len(tab.chat.model.entries) == 2, timeout=TIMEOUT_MS)
    mine, theirs = tab.chat.model.entries
    assert (mine.text, mine.seq, mine.sender_name) == ("Hello Hanako", 1, "Taro")
    assert (theirs.text, theirs.seq, theirs.sender_name) == ("画面の右上です", 2, "Hanako")
    assert any(
        isinstance(e, ev.ChatUpdated) and e.entry.text == "Hello Hanako" for e in customer_events
    )

    runner.run(customer.stop_sharing(), timeout=scaled(10))
    qtbot.waitUntil(lambda: "stopped" in tab.status_label.text(), timeout=TIMEOUT_MS)
    assert "The customer stopped sharing." in tab.view.notice

    # End session asks for the wrap-up first; saving it ends the session.
    commit_text(tab.notes.edit, "Driver reinstalled")
    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    wrap_up = console.wrap_up_dialog()
    assert wrap_up.final_note == "Driver reinstalled"
    wrap_up.category_combo.setCurrentText("Printer problem")
    wrap_up.outcome_buttons[Outcome.RESOLVED].click()
    wrap_up.tags_edit.setText("windows, driver")
    wrap_up.buttons.accepted.emit()
    qtbot.waitUntil(lambda: tab.ended and tab.wrapped_up, timeout=TIMEOUT_MS)
    assert console.window.tabs.tabText(0) == "Hanako (ended)"
    assert not tab.chat.edit.isEnabled()
    database = open_database(org_server.db_url)
    try:
        with database.session() as session:
            record = history.session_record(session, tab.session_id)
            assert record is not None
            assert (record.category, record.outcome, record.tags) == (
                "Printer problem",
                "resolved",
                ["windows", "driver"],
            )
            assert record.final_note == "Driver reinstalled"
            assert record.end_reason == "agent_ended"
    finally:
        database.close()
    runner.run(customer.close(), timeout=scaled(10))


def test_shift_enter_makes_a_new_line_instead_of_sending(qtbot: QtBot, console: Console) -> None:
    tab = new_session(qtbot, console)
    tab.chat.set_enabled(True)
    commit_text(tab.chat.edit, "一行目")
    qtbot.keyClick(tab.chat.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    commit_text(tab.chat.edit, "二行目")
    assert tab.chat.edit.toPlainText() == "一行目\n二行目"


def test_private_notes_are_saved_as_the_agent_types_and_never_reach_the_customer(
    qtbot: QtBot, console: Console, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    tab = new_session(qtbot, console)
    customer, customer_events = waiting_customer(qtbot, runner, org_server, tab)
    qtbot.mouseClick(next(iter(tab.waiting.values())).admit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.customer_name == "Hanako", timeout=TIMEOUT_MS)

    commit_text(tab.notes.edit, "プリンターのドライバーを再インストールして解決")
    qtbot.waitUntil(lambda: tab.notes.status.text().startswith("Saved at"), timeout=TIMEOUT_MS)
    assert not tab.notes.unsaved
    database = open_database(org_server.db_url)
    try:
        with database.session() as session:
            (note,) = history.notes(session, tab.session_id)
        assert note.text == "プリンターのドライバーを再インストールして解決"
        assert note.agent_username == "taro"
    finally:
        database.close()
    assert not any("ドライバー" in repr(e) for e in customer_events)
    runner.run(customer.close(), timeout=scaled(10))


def test_the_wrap_up_offers_the_teams_own_categories(
    qtbot: QtBot, runner: AsyncioThread, tmp_path: Path
) -> None:
    categories = tmp_path / "categories.txt"
    categories.write_text("ルーターの問題\nアカウント停止\n", encoding="utf-8")
    with server_process("--categories", str(categories)) as server:
        console = Console(qtbot, runner, server.url)
        tab = new_session(qtbot, console)
        customer, _ = waiting_customer(qtbot, runner, server, tab)
        try:
            next(iter(tab.waiting.values())).admit_button.click()
            qtbot.waitUntil(lambda: tab.customer_name == "Hanako", timeout=TIMEOUT_MS)
            qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
            wrap_up = console.wrap_up_dialog()
            combo = wrap_up.category_combo
            assert [combo.itemText(i) for i in range(combo.count())] == [
                "ルーターの問題",
                "アカウント停止",
            ]
            wrap_up.reject()
        finally:
            runner.run(customer.close(), timeout=scaled(10))
            runner.run(console.client.close(), timeout=scaled(10))
