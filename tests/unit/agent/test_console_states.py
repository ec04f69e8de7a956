"""What the console shows between the big moments: an empty console says what to do, the
status follows a customer waiting for Admit, an ended session owes its wrap-up only when
someone was admitted, and the window's close waits for its guard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assist.agent.main_window import MainWindow
from assist.agent.session_tab import SessionTab
from assist.core.invite import Invite
from signaling.protocol import EndReason

CODE = "123456789"


def session_tab(parent: QWidget) -> SessionTab:
    return SessionTab("s-1", CODE, Invite("ws://127.0.0.1:8765", CODE), 600, parent)


def test_an_empty_console_says_what_to_do(qtbot: QtBot) -> None:
    window = MainWindow("Taro")
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.empty_page
    assert window.empty_label.text() == "Start a new session (Ctrl+N), or wait for a customer."
    with qtbot.waitSignal(window.new_session_requested):
        qtbot.mouseClick(window.empty_button, Qt.MouseButton.LeftButton)

    tab = session_tab(window)
    window.add_session(tab)
    assert window.pages.currentWidget() is window.tabs
    window.remove_tab(tab)
    assert window.pages.currentWidget() is window.empty_page


def test_the_status_says_who_waits_for_admit_and_goes_back_when_they_leave(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    tab = session_tab(window)
    assert tab.status_label.text() == "Waiting for the customer to enter the code."
    tab.on_join_requested("j-1", "佐藤 花子")
    assert tab.status_label.text() == "佐藤 花子 is waiting to be admitted."
    tab.remove_waiting("j-1")  # withdrawn, or declined
    assert tab.status_label.text() == "Waiting for the customer to enter the code."
    tab.on_join_requested("j-2", "Hanako")
    tab.on_customer_admitted("Hanako")
    assert tab.status_label.text() == "Hanako joined."


def test_an_ended_session_owes_its_wrap_up_only_if_someone_was_admitted(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    unused, admitted = session_tab(window), session_tab(window)
    unused.on_session_closed(EndReason.EXPIRED)
    assert not unused.needs_wrap_up and unused.end_button.isHidden()

    admitted.on_customer_admitted("佐藤 花子")
    admitted.on_session_closed(EndReason.CUSTOMER_ENDED)
    assert admitted.needs_wrap_up and admitted.title == "佐藤 花子 (ended)"
    assert admitted.end_button.text() == "Wrap up" and not admitted.end_button.isHidden()
    admitted.on_wrapped_up(skipped=True)
    assert not admitted.needs_wrap_up and not admitted.end_button.isEnabled()
    assert admitted.end_button.text() == "Wrap-up skipped"


def test_the_window_closes_only_when_its_guard_lets_it(qtbot: QtBot) -> None:
    window = MainWindow("Taro")
    qtbot.addWidget(window)
    window.show()
    asked: list[bool] = []
    answer = False

    def guard() -> bool:
        asked.append(answer)
        return answer

    window.close_guard = guard
    assert not window.close() and window.isVisible()
    answer = True
    assert window.close() and not window.isVisible()
    assert asked == [False, True]
