"""The wrap-up and rating dialogs on their own."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assist.agent.wrapup_dialog import WrapUpDialog, default_categories
from assist.customer.rating_dialog import RatingDialog
from signaling.protocol import Outcome
from tests.helpers.qt_input import commit_text


def test_wrap_up_offers_categories_outcomes_and_keeps_the_note(qtbot: QtBot) -> None:
    dialog = WrapUpDialog(default_categories(), final_note="Reinstalled the driver")
    qtbot.addWidget(dialog)
    assert dialog.category_combo.count() >= 5 and dialog.category == "Camera problem"
    assert dialog.outcome is Outcome.RESOLVED
    dialog.outcome_buttons[Outcome.ESCALATED].click()
    assert dialog.outcome is Outcome.ESCALATED
    commit_text(dialog.tags_edit, "windows、 driver ,, usb")
    assert dialog.tags == ["windows", "driver", "usb"]
    assert dialog.final_note == "Reinstalled the driver"
    dialog.category_combo.setCurrentText("   ")
    assert not dialog.buttons.buttons()[0].isEnabled()  # a category is required


def test_rating_needs_stars_before_it_can_be_sent(qtbot: QtBot) -> None:
    dialog = RatingDialog("<b>Taro</b>")
    qtbot.addWidget(dialog)
    send = dialog.buttons.buttons()[0]
    assert not send.isEnabled() and dialog.rating == 0
    dialog.stars.button(4).click()
    assert send.isEnabled() and dialog.rating == 4
