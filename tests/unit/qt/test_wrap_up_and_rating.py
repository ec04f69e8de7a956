"""The rating dialog on its own (the wrap-up dialog's tests are in tests/unit/agent)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assist.customer.rating_dialog import RatingDialog


def test_rating_needs_stars_before_it_can_be_sent(qtbot: QtBot) -> None:
    dialog = RatingDialog("<b>Taro</b>")
    qtbot.addWidget(dialog)
    send = dialog.buttons.buttons()[0]
    assert not send.isEnabled() and dialog.rating == 0
    dialog.stars.button(4).click()
    assert send.isEnabled() and dialog.rating == 4
