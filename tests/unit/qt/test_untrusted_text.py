"""Text from the other side is shown as text (never as HTML), and look-alike server names
in invite links are told apart (punycode)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assist.agent.session_tab import WaitingRow
from assist.customer.invite_warning import InviteWarningDialog


def shown_as_rich_text(label_text: str, fmt: Qt.TextFormat) -> bool:
    return fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.mightBeRichText(label_text)
    )


def test_customer_name_is_not_rendered_as_html_in_the_agent_console(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    name = '<b style="color:green">✔ ID verified by Acme</b><br>Yuki'  # 52 chars, a valid name
    row = WaitingRow("j1", name, parent)
    assert not shown_as_rich_text(row.label.text(), row.label.textFormat()), row.label.text()


def test_invite_warning_tells_look_alike_hosts_apart(qtbot: QtBot) -> None:
    pinned = "wss://support.acme.example:8765"
    lookalike = "wss://support.acm\u0435.example:8765"  # Cyrillic е
    dialog = InviteWarningDialog(lookalike, pinned)
    qtbot.addWidget(dialog)
    text = dialog.message.text()
    # As displayed, the two names must differ to the eye (e.g. the link's in punycode).
    assert text.count("support.acme.example:8765") == 1 and "xn--" in text, text
