"""The agent's guidance bar at the console's usual size (offscreen): with the Text tool and
its field out, "Request control" is still a button on the bar, not hidden in the overflow
menu (the field used to push it out)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QRect
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from assist.agent.guidance_bar import GuidanceBar
from assist.agent.guidance_tools import Mode
from assist.agent.main_window import MainWindow
from assist.agent.session_tab import SessionTab
from assist.core import guidance as g
from assist.core.invite import Invite
from assist.qt.i18n import install_translations
from signaling.protocol import Capability

GUIDED = frozenset({Capability.VIEW, Capability.GUIDE})


@pytest.fixture(params=["en", "ja"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = QLocale()
    translators = install_translations(qapp, request.param)
    yield request.param
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(before)


def console_bar(qtbot: QtBot) -> tuple[MainWindow, GuidanceBar]:
    """The bar of a session tab in the console at the size it has on a 1280×800 screen, and
    the console (kept by the test: the bar is its child)."""
    window = MainWindow("山田 太郎")
    qtbot.addWidget(window)
    tab = SessionTab("s-1", "123456789", Invite("ws://127.0.0.1:8765", "123456789"), 600, window)
    window.add_session(tab)
    window.show()
    qtbot.waitExposed(window)
    # As on a 1280×800 screen with a title bar (the offscreen screen is smaller, and the
    # console fits whatever screen it opens on).
    window.resize(1278, 775)
    tab.on_customer_admitted("山田 花子")
    assert window.width() == 1278
    return window, tab.guidance_bar


def shown_button(bar: GuidanceBar, action: QAction) -> QRect | None:
    """Where the button of ``action`` is on the bar, if it is shown there whole."""
    for button in bar.findChildren(QToolButton):
        if button.defaultAction() is action and button.isVisible():
            place = QRect(button.mapTo(bar, QPoint(0, 0)), button.size())
            return place if bar.rect().contains(place) else None
    return None


def test_request_control_stays_on_the_bar_with_the_text_tool(qtbot: QtBot, language: str) -> None:
    _window, bar = console_bar(qtbot)
    bar.set_granted(GUIDED)
    bar.mode_actions[Mode.TEXT].trigger()
    qtbot.waitUntil(lambda: bar.label_edit.isVisible())
    assert shown_button(bar, bar.request_action) is not None, language
    assert shown_button(bar, bar.switch_action) is not None, language
    assert shown_button(bar, bar.mode_actions[Mode.TEXT]) is not None
    # While the customer is asked, the longer "Waiting…" is shown whole too.
    bar.request_action.trigger()
    qtbot.waitUntil(lambda: shown_button(bar, bar.request_action) is not None)


def test_the_colour_is_one_button_showing_the_colour_chosen(qtbot: QtBot) -> None:
    _window, bar = console_bar(qtbot)
    bar.set_granted(GUIDED)
    bar.color_actions[g.Color.BLUE].trigger()
    assert bar.tools.color is g.Color.BLUE
    swatch = bar.color_button.icon().pixmap(16, 16).toImage().pixelColor(8, 8)
    assert (swatch.red(), swatch.green(), swatch.blue()) == g.COLOR_RGB[g.Color.BLUE]
    assert bar.color_button.toolTip() == "Colour: Blue"
    bar.set_granted(frozenset())
    assert not bar.color_button.isEnabled()
