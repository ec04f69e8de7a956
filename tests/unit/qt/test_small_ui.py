"""Small things a person notices (offscreen): why "Remember me" is greyed out, and a join
error that leaves the code field alone."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assist.agent.sign_in import SignInDialog
from assist.customer.join_dialog import JoinDialog

KEYRING_NOTE = "No password keyring was found on this computer, so Assist cannot remember you."


def test_remember_me_says_why_it_is_greyed_out(qtbot: QtBot) -> None:
    dialog = SignInDialog("wss://support.acme.example", can_remember=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.remember_box.isEnabled()
    assert dialog.remember_note.isVisible() and dialog.remember_note.text() == KEYRING_NOTE
    assert dialog.remember_box.toolTip() == KEYRING_NOTE
    # The note lies under the box, inside the dialog, not cut off.
    note = dialog.remember_note.geometry()
    assert note.top() >= dialog.remember_box.geometry().bottom()
    assert dialog.rect().contains(note)


def test_remember_me_has_no_note_when_it_can_remember(qtbot: QtBot) -> None:
    dialog = SignInDialog("wss://support.acme.example", can_remember=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.remember_box.isEnabled() and not dialog.remember_note.isVisible()


def test_a_long_join_error_leaves_the_code_field_as_it_was(qtbot: QtBot) -> None:
    dialog = JoinDialog("wss://support.acme.example")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.code_edit.geometry()
    line = dialog.status_label.fontMetrics().lineSpacing()
    dialog.show_error(
        "Cannot reach the server. Check your network connection and the server address."
    )
    qtbot.waitUntil(lambda: dialog.status_label.height() >= 2 * line)  # two lines
    assert dialog.code_edit.geometry() == before
    # A longer one makes the dialog taller; the fields stay as they were.
    dialog.show_error(" ".join(["This code is not valid. Please check it."] * 6))
    qtbot.waitUntil(lambda: dialog.status_label.height() >= 4 * line)
    assert dialog.code_edit.geometry() == before
    for edit in (dialog.name_edit, dialog.email_edit, dialog.number_edit):
        assert edit.height() >= edit.sizeHint().height()
    dialog.set_idle()
    assert dialog.code_edit.geometry() == before
