"""The wrap-up is read from its dialog on the GUI thread, before the dialog is deleted: the
worker loop may be busy and get to it only after the dialog is gone."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from assist.agent.console_dialogs import ConsoleDialogs
from assist.agent.controller import AgentController
from assist.agent.main_window import MainWindow
from assist.agent.session_tab import SessionTab
from assist.core.agent import AgentClient, Password
from assist.core.customer import CustomerClient
from assist.core.synthetic import SyntheticGrabber
from assist.qt.bridge import AsyncioThread, Bridge
from signaling.protocol import Outcome
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import PASSWORD
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled

TIMEOUT_MS = int(scaled(15) * 1000)


def test_the_wrap_up_survives_its_dialog_being_deleted_before_the_worker_runs(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess
) -> None:
    bridge = Bridge(runner)
    client = AgentClient(server.url, Password("taro", PASSWORD), bridge.sink)
    window = MainWindow("Taro")
    qtbot.addWidget(window)
    controller = AgentController(bridge, client, window, server.url)
    runner.run(client.connect(), timeout=scaled(10))
    window.show()
    busy, release = threading.Event(), threading.Event()
    customer = CustomerClient(server.url, "Hanako", lambda _: None, SyntheticGrabber)
    try:
        window.new_session_action.trigger()
        qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=TIMEOUT_MS)
        tab = window.tabs.widget(0)
        assert isinstance(tab, SessionTab)
        runner.run(customer.connect(), timeout=scaled(10))
        runner.run(customer.join(tab.code_panel.code), timeout=scaled(10))
        qtbot.waitUntil(lambda: len(tab.waiting) == 1, timeout=TIMEOUT_MS)
        next(iter(tab.waiting.values())).admit_button.click()
        qtbot.waitUntil(lambda: tab.customer_name == "Hanako", timeout=TIMEOUT_MS)
        qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
        dialogs = controller.questions
        assert isinstance(dialogs, ConsoleDialogs) and dialogs.wrap_up is not None
        dialog = dialogs.wrap_up
        dialog.category_combo.setCurrentText("Billing")
        dialog.outcome_buttons[Outcome.RESOLVED].click()

        async def keep_the_worker_busy() -> None:
            busy.set()
            release.wait(scaled(10))  # blocks the loop, as a long call would

        runner.submit(keep_the_worker_busy())
        assert busy.wait(scaled(10))
        dialog.buttons.accepted.emit()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the dialog goes
        release.set()
        qtbot.waitUntil(lambda: tab.wrapped_up, timeout=TIMEOUT_MS)
    finally:
        release.set()
        runner.run(customer.close(), timeout=scaled(10))
        runner.run(client.close(), timeout=scaled(10))
    database = open_database(server.db_url, upgrade=False)
    try:
        with database.session() as session:
            record = history.session_record(session, tab.session_id)
            assert record is not None and record.category == "Billing"
    finally:
        database.close()
