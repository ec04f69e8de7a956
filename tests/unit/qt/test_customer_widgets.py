"""Customer-side widgets on their own: join dialog, consent screen, share bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.core.capture import Screen
from assist.core.x11_windows import Window
from assist.customer.consent_dialog import ConsentDialog
from assist.customer.join_dialog import JoinDialog, format_partial_code
from assist.customer.share_bar import ShareBar
from signaling.protocol import ShareState
from tests.helpers.qt_input import commit_text


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("123456789", "123 456 789"),
        ("123-456-789", "123 456 789"),
        ("１２３４５６７８９", "123 456 789"),
        ("1234", "123 4"),
        ("12a456", "12a 456"),
    ],
)
def test_code_is_grouped_as_typed(typed: str, shown: str) -> None:
    assert format_partial_code(typed) == shown


def test_join_needs_nine_digits_and_a_name(qtbot: QtBot) -> None:
    dialog = JoinDialog("ws://127.0.0.1:8765")
    qtbot.addWidget(dialog)
    assert not dialog.join_button.isEnabled()
    qtbot.keyClicks(dialog.code_edit, "12345678")
    commit_text(dialog.name_edit, "花子")
    assert not dialog.join_button.isEnabled()
    qtbot.keyClicks(dialog.code_edit, "9")
    assert dialog.code_edit.text() == "123 456 789"
    assert dialog.join_button.isEnabled()
    with qtbot.waitSignal(dialog.join_requested) as blocker:
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["123 456 789", "花子"]


def test_waiting_state_names_agent_and_can_be_cancelled(qtbot: QtBot) -> None:
    dialog = JoinDialog("ws://127.0.0.1:8765", code="123456789", name="Hanako")
    qtbot.addWidget(dialog)
    dialog.set_waiting("Taro", "Acme Support")
    assert "Taro" in dialog.status_label.text() and "Acme Support" in dialog.status_label.text()
    assert not dialog.code_edit.isEnabled() and not dialog.join_button.isEnabled()
    assert not dialog.cancel_button.isHidden()
    with qtbot.waitSignal(dialog.cancel_requested):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


def test_error_keeps_what_was_typed(qtbot: QtBot) -> None:
    dialog = JoinDialog("ws://127.0.0.1:8765", code="123456789", name="Hanako")
    qtbot.addWidget(dialog)
    dialog.set_connecting()
    dialog.show_error("This code is not valid.")
    assert dialog.code_edit.text() == "123 456 789" and dialog.name == "Hanako"
    assert dialog.code_edit.isEnabled() and dialog.join_button.isEnabled()


def test_consent_names_agent_and_org_and_warns(qtbot: QtBot) -> None:
    dialog = ConsentDialog("山田 太郎", "Acme <Support>", [Screen(1, 0, 0, 1920, 1080)])
    qtbot.addWidget(dialog)
    assert "山田 太郎" in dialog.who_label.text()
    assert "Acme &lt;Support&gt;" in dialog.who_label.text()  # shown literally, not as markup
    assert "contacted" in dialog.warning_label.text()
    assert dialog.screen_combo.isHidden()  # one screen: nothing to choose
    assert dialog.allow_button.isEnabled()
    assert dialog.decline_button.isDefault()  # Enter never shares by accident


def test_consent_offers_a_choice_between_screens(qtbot: QtBot) -> None:
    screens = [Screen(1, 0, 0, 1920, 1080), Screen(2, 1920, 0, 1280, 1024)]
    dialog = ConsentDialog("Taro", "Acme", screens)
    qtbot.addWidget(dialog)
    assert not dialog.screen_combo.isHidden()
    assert dialog.screen_combo.count() == 2
    dialog.screen_combo.setCurrentIndex(1)
    assert dialog.screen_index == 2
    assert "1280" in dialog.screen_combo.currentText()


def test_consent_with_capture_error_cannot_be_allowed(qtbot: QtBot) -> None:
    dialog = ConsentDialog("Taro", "Acme", [], error="Screen sharing is not available")
    qtbot.addWidget(dialog)
    assert not dialog.allow_button.isEnabled()
    assert not dialog.error_label.isHidden()


def test_share_bar_says_who_sees_the_screen_and_offers_stop(qtbot: QtBot) -> None:
    bar = ShareBar("Taro", "Acme Support")
    qtbot.addWidget(bar)
    bar.set_state(ShareState.SHARING)
    assert bar.label.text() == "Sharing your screen with Taro (Acme Support)"
    assert bar.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    with qtbot.waitSignal(bar.stop_clicked):
        qtbot.mouseClick(bar.stop_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(bar.pause_clicked):
        qtbot.mouseClick(bar.pause_button, Qt.MouseButton.LeftButton)
    bar.set_state(ShareState.PAUSED)
    assert bar.pause_button.text() == "Resume"
    with qtbot.waitSignal(bar.resume_clicked):
        qtbot.mouseClick(bar.pause_button, Qt.MouseButton.LeftButton)
    bar.set_state(ShareState.STOPPED)
    assert bar.stop_button.isHidden() and not bar.share_button.isHidden()


def test_the_consent_offers_windows_as_well_as_screens(qtbot: QtBot) -> None:
    screens = [Screen(1, 0, 0, 1920, 1080)]
    windows = [Window(0x2A00007, "Invoice — LibreOffice"), Window(0x2C00003, "<b>Bank</b>")]
    dialog = ConsentDialog("Taro", "Acme", screens, windows=windows)
    qtbot.addWidget(dialog)
    items = [dialog.screen_combo.itemText(i) for i in range(dialog.screen_combo.count())]
    assert items == [
        "Screen 1 (1920 × 1080)",
        "Window: Invoice — LibreOffice",
        "Window: <b>Bank</b>",  # a title is plain text, never markup
    ]
    assert dialog.screen_combo.isVisibleTo(dialog)  # a choice to make
    assert (dialog.screen_index, dialog.window_id) == (1, None)
    dialog.screen_combo.setCurrentIndex(1)
    assert dialog.window_id == 0x2A00007
