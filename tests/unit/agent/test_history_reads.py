"""A Customer panel shows the newest record it asked for: the server answers history reads as
they are ready, so a read asked for first (before the wrap-up was stored) may be answered
after a later one, and must not overwrite it; a panel closed meanwhile is left alone."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assist.agent.customer_panel import CustomerPanel
from assist.agent.history_controller import HistoryController
from assist.agent.main_window import MainWindow
from assist.qt.bridge import AsyncioThread, Bridge
from signaling import protocol as p


class AnswersOutOfOrder:
    """The first read is answered last."""

    def __init__(self) -> None:
        self.asked = 0

    async def customer_record(self, customer_id: int) -> p.CustomerRecord:
        self.asked += 1
        name = f"read {self.asked}"
        await asyncio.sleep(0.3 if self.asked == 1 else 0.0)
        info = p.CustomerInfo(customer_id=customer_id, display_name=name, email=None,
                              customer_number=None)  # fmt: skip
        return p.CustomerRecord(re="", customer=info)


def test_an_older_read_answered_late_does_not_overwrite_the_newer_one(
    qtbot: QtBot, runner: AsyncioThread
) -> None:
    window = MainWindow("Taro")
    qtbot.addWidget(window)
    client = AnswersOutOfOrder()
    history = HistoryController(Bridge(runner), client, window)  # type: ignore[arg-type]
    panel = CustomerPanel(QWidget(window))
    history._read_record(panel, 7, True, None)
    history._read_record(panel, 7, True, None)  # asked later: the one to show
    qtbot.waitUntil(lambda: panel.name_label.text() == "read 2", timeout=5000)
    qtbot.wait(500)  # the first read's answer comes meanwhile (0.3 s): it must be dropped
    assert panel.name_label.text() == "read 2"
