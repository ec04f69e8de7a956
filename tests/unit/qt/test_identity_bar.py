"""The agent sees which record the customer was linked to, and a typed-only match stays
unverified (with a way to confirm) until the agent checked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.agent.identity_bar import IdentityBar
from assist.customer.join_dialog import JoinDialog
from signaling import protocol as p
from tests.helpers.qt_input import commit_text


def identified(matched: bool, past: int = 3) -> p.CustomerIdentified:
    return p.CustomerIdentified(
        session_id="s",
        customer_id=7,
        display_name="<b>Hanako</b>",
        email="hanako@example.jp",
        customer_number=None,
        past_sessions=past,
        matched=matched,
    )


def test_a_match_is_unverified_until_confirmed(qtbot: QtBot) -> None:
    bar = IdentityBar()
    qtbot.addWidget(bar)
    bar.show_customer(identified(matched=True))
    assert bar.label.text().startswith("Unverified — confirm identity")
    assert "3 past session" in bar.label.text() and "<b>Hanako</b>" in bar.label.text()
    assert not bar.confirm_button.isHidden()
    with qtbot.waitSignal(bar.confirm_clicked):
        qtbot.mouseClick(bar.confirm_button, Qt.MouseButton.LeftButton)
    bar.mark_verified()
    assert bar.label.text().startswith("Identity confirmed")
    assert bar.confirm_button.isHidden()


def test_a_new_record_needs_no_confirmation(qtbot: QtBot) -> None:
    bar = IdentityBar()
    qtbot.addWidget(bar)
    bar.show_customer(identified(matched=False, past=0))
    assert bar.label.text().startswith("New customer record")
    assert bar.confirm_button.isHidden()


def test_join_dialog_takes_optional_contact_details(qtbot: QtBot) -> None:
    dialog = JoinDialog("ws://127.0.0.1:8765", code="123456789", name="Hanako")
    qtbot.addWidget(dialog)
    assert dialog.join_button.isEnabled()  # contact details are optional
    commit_text(dialog.email_edit, " hanako@example.jp ")
    commit_text(dialog.number_edit, "C-1001")
    assert (dialog.email, dialog.customer_number) == ("hanako@example.jp", "C-1001")
