"""The console gets the customer's screen already scaled to its view (real server, real
aiortc peers, the console's own widgets), paints it as it comes, and gets every pixel back
in 1:1."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from pytestqt.qtbot import QtBot

from assist.core.rtc import fit_size
from assist.qt.bridge import AsyncioThread
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.integration.test_agent_console import (
    TIMEOUT_MS,
    Console,
    new_session,
    waiting_customer,
)

SCREEN = (640, 360)  # the synthetic screen's size


def test_the_screen_arrives_at_the_views_size(
    qtbot: QtBot, console: Console, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    console.window.resize(1000, 700)
    tab = new_session(qtbot, console)
    customer, _ = waiting_customer(qtbot, runner, org_server, tab)
    try:
        qtbot.mouseClick(next(iter(tab.waiting.values())).admit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: customer.session_id is not None, timeout=TIMEOUT_MS)
        runner.run(customer.allow(1), timeout=scaled(10))
        view = tab.view

        def delivered() -> QSize:
            return QSize() if view.frame is None else view.frame.image.size()

        def fitted() -> QSize:
            return QSize(*fit_size(*SCREEN, *view.display_size()))

        qtbot.waitUntil(lambda: delivered() == fitted(), timeout=TIMEOUT_MS)
        assert view.display_size() == view.viewport().size().toTuple()
        assert view.image_rect().size() == delivered()  # painted as it came
        assert view.frame is not None
        assert (view.frame.frame.source_width, view.frame.frame.source_height) == SCREEN
        # The customer's red top-left quadrant is where it belongs on screen.
        rect = view.image_rect()
        quarter = QPoint(rect.x() + rect.width() // 4, rect.y() + rect.height() // 4)
        shown = view.widget().grab().toImage().pixelColor(quarter)
        assert shown.red() > 170 and shown.green() < 90 and shown.blue() < 90

        first = delivered()
        console.window.resize(800, 600)
        qtbot.waitUntil(lambda: delivered() == fitted(), timeout=TIMEOUT_MS)
        assert delivered() != first

        qtbot.mouseClick(tab.fit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: delivered() == QSize(*SCREEN), timeout=TIMEOUT_MS)
        assert view.image_rect().size() == QSize(*SCREEN)
    finally:
        runner.run(customer.close(), timeout=scaled(10))
