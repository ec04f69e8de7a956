"""The wrap-up dialog on its own: nothing chosen for the agent, Save only once a category
and an outcome are, and Skip as a choice of its own."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from assist.agent.wrapup_dialog import WrapUpDialog, default_categories
from assist.core.wrapup import WrapUpFields
from signaling.protocol import Outcome
from tests.helpers.qt_input import commit_text


def test_nothing_is_chosen_for_the_agent_and_save_waits_for_both(qtbot: QtBot) -> None:
    dialog = WrapUpDialog(default_categories(), final_note="Reinstalled the driver")
    qtbot.addWidget(dialog)
    assert dialog.category_combo.count() >= 5
    assert dialog.category == "" and dialog.outcome is None
    assert not dialog.save_button.isEnabled()
    dialog.buttons.accepted.emit()  # Enter, or anything that gets round the button
    assert dialog.result() != QDialog.DialogCode.Accepted and not dialog.complete

    dialog.category_combo.setCurrentIndex(2)
    assert dialog.category == "Printer problem" and not dialog.save_button.isEnabled()
    dialog.outcome_buttons[Outcome.ESCALATED].click()
    assert dialog.save_button.isEnabled()
    commit_text(dialog.tags_edit, "windows、 driver ,, usb")
    assert dialog.fields == WrapUpFields(
        "Printer problem", Outcome.ESCALATED, ("windows", "driver", "usb"), "Reinstalled the driver"
    )
    dialog.category_combo.setCurrentText("   ")
    assert not dialog.save_button.isEnabled()  # a category is required


def test_an_outcome_alone_does_not_enable_save(qtbot: QtBot) -> None:
    dialog = WrapUpDialog(default_categories())
    qtbot.addWidget(dialog)
    dialog.outcome_buttons[Outcome.RESOLVED].click()
    assert not dialog.save_button.isEnabled()
    dialog.category_combo.setCurrentText("ルーターの設定")  # typed, not from the list
    assert dialog.save_button.isEnabled()


def test_skip_finishes_with_its_own_result(qtbot: QtBot) -> None:
    dialog = WrapUpDialog(default_categories(), session_over=True)
    qtbot.addWidget(dialog)
    assert dialog.skip_button.text() == "Skip wrap-up" and dialog.save_button.text() == "Save"
    with qtbot.waitSignal(dialog.finished) as finished:
        dialog.skip_button.click()
    assert finished.args == [WrapUpDialog.SKIPPED]


def test_a_live_session_says_that_saving_or_skipping_ends_it(qtbot: QtBot) -> None:
    dialog = WrapUpDialog(default_categories(), session_over=False)
    qtbot.addWidget(dialog)
    assert dialog.save_button.text() == "Save and end the session"
    assert dialog.skip_button.text() == "End without wrap-up"


def test_what_could_not_be_saved_comes_back(qtbot: QtBot) -> None:
    dialog = WrapUpDialog(default_categories())
    qtbot.addWidget(dialog)
    entered = WrapUpFields("Billing", Outcome.FOLLOW_UP, ("再発",), "来週確認")
    dialog.fill(entered)
    assert dialog.fields == entered and dialog.save_button.isEnabled()
