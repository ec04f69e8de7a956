"""The console's "cannot connect" dialog: the reason, the address and CA as tried (to try
again or change), and the built-in server as the way out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.agent.startup_dialogs import ServerChoice, ServerDialog

TRIED = ServerChoice("wss://support.acme.example:8765", "/etc/assist/ca.pem")


def test_it_says_why_and_tries_again_or_another_server(qtbot: QtBot) -> None:
    dialog = ServerDialog("Cannot reach the server.", TRIED)
    qtbot.addWidget(dialog)
    assert dialog.error_label.text() == "Cannot reach the server."
    assert (dialog.url_edit.text(), dialog.ca_edit.text()) == (TRIED.url, TRIED.ca_file)
    dialog.url_edit.setText("  wss://other.acme.example:8765 ")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == ServerChoice("wss://other.acme.example:8765", TRIED.ca_file)


def test_the_built_in_server_is_the_way_out_and_an_empty_address_cannot_connect(
    qtbot: QtBot,
) -> None:
    dialog = ServerDialog("The server's identity could not be verified.", TRIED)
    qtbot.addWidget(dialog)
    dialog.url_edit.clear()
    assert not dialog.connect_button.isEnabled()
    qtbot.mouseClick(dialog.built_in_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == ServerChoice() and dialog.choice.built_in
