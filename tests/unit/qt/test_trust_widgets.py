"""Sign-in, the consent screen's verified identity, the invite-link warning, abuse reports."""

from __future__ import annotations

import argparse

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.agent.sign_in import SignInDialog
from assist.core.capture import Screen
from assist.core.invite import Invite
from assist.customer.app import pick_server
from assist.customer.consent_dialog import ConsentDialog
from assist.customer.invite_warning import InviteWarningDialog
from assist.customer.report_dialog import ReportDialog
from tests.helpers.qt_input import commit_text

ORG = "wss://support.acme.example"
OTHER = "wss://helpdesk-secure.example.net:9443"


def test_sign_in_needs_both_fields_and_hides_the_password(qtbot: QtBot) -> None:
    dialog = SignInDialog("wss://support.acme.example", username="taro")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.password_edit, "secret password")
    assert ok.isEnabled()
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    assert "support.acme.example" in dialog.server_label.text()


def test_remember_me_is_off_without_a_keyring(qtbot: QtBot) -> None:
    dialog = SignInDialog(
        "wss://x.example", can_remember=False, error="Wrong username or password."
    )
    qtbot.addWidget(dialog)
    dialog.remember_box.setChecked(True)
    assert not dialog.remember  # nothing would be stored
    assert not dialog.error_label.isHidden()


def test_consent_shows_the_verified_server(qtbot: QtBot) -> None:
    dialog = ConsentDialog("Taro", "Acme Support", [Screen(1, 0, 0, 800, 600)], server=ORG)
    qtbot.addWidget(dialog)
    assert dialog.server_label.text() == "🔒 Verified connection to support.acme.example"
    local = ConsentDialog("Taro", "Acme", [], server="ws://127.0.0.1:8765")
    qtbot.addWidget(local)
    assert "this computer" in local.server_label.text()


def test_consent_offers_report_abuse(qtbot: QtBot) -> None:
    dialog = ConsentDialog("Taro", "Acme Support", [Screen(1, 0, 0, 800, 600)], server=ORG)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.report_requested):
        qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)


def test_report_dialog_keeps_the_reason(qtbot: QtBot) -> None:
    dialog = ReportDialog("Acme Support")
    qtbot.addWidget(dialog)
    commit_text(dialog.reason_edit, "突然電話がありました")
    assert dialog.reason == "突然電話がありました"


def args(invite: str | None = None, server: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(invite=invite, server=server, code="")


def test_invite_to_another_server_is_confirmed_first() -> None:
    asked: list[tuple[str, str]] = []

    def decline(link: str, pinned: str) -> bool:
        asked.append((link, pinned))
        return False

    link = Invite(OTHER, "123456789").link()
    server, code, error = pick_server(args(link), ORG, decline)
    assert asked == [(OTHER, ORG)]
    assert (server, code, error) == (ORG, "123456789", "")  # stayed with the organisation
    server, _, _ = pick_server(args(link), ORG, lambda link, pinned: True)
    assert server == OTHER


def test_invite_to_the_pinned_server_or_without_a_pin_is_not_questioned() -> None:
    def never(link: str, pinned: str) -> bool:
        raise AssertionError("no warning expected")

    assert pick_server(args(Invite(ORG, "123456789").link()), ORG, never)[0] == ORG
    assert pick_server(args(Invite(OTHER, "123456789").link()), None, never)[0] == OTHER


def test_warning_names_both_servers_and_defaults_to_staying(qtbot: QtBot) -> None:
    dialog = InviteWarningDialog(OTHER, ORG)
    qtbot.addWidget(dialog)
    text = dialog.message.text()
    assert "helpdesk-secure.example.net:9443" in text and "support.acme.example" in text
    assert dialog.stay_button.isDefault()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.stay_button, Qt.MouseButton.LeftButton)
