"""Small things a person notices (offscreen): why "Remember me" is greyed out."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assist.agent.sign_in import SignInDialog

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
