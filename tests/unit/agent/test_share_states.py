"""What the agent's session tab says about the customer's sharing: a declined consent and a
share the customer's app held while the agent's connection was lost are told as such, not
as "waiting" or as the customer's own pause."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assist.agent.session_tab import SessionTab
from assist.core.invite import Invite
from signaling.protocol import ShareReason, ShareState


def tab(qtbot: QtBot, parent: QWidget) -> SessionTab:
    invite = Invite("ws://127.0.0.1:8765", "123456789")
    qtbot.addWidget(parent)
    session = SessionTab("s-1", "123456789", invite, 600, parent)
    session.on_customer_admitted("山田 花子")
    return session


def test_a_declined_consent_stops_the_waiting_and_says_chat_goes_on(qtbot: QtBot) -> None:
    window = QWidget()  # kept for the test: the tab is its child
    session = tab(qtbot, window)
    assert session.view.notice == "Waiting for 山田 花子 to allow screen sharing…"
    session.on_share_changed(ShareState.STOPPED, ShareReason.DECLINED)
    assert "山田 花子 declined to share their screen" in session.status_label.text()
    assert "chat" in session.status_label.text()
    assert session.view.notice == "The customer declined to share their screen."


def test_a_share_held_for_the_agent_is_not_the_customers_pause(qtbot: QtBot) -> None:
    window = QWidget()  # kept for the test: the tab is its child
    session = tab(qtbot, window)
    session.on_share_changed(ShareState.SHARING, ShareReason.CUSTOMER)
    session.on_share_changed(ShareState.PAUSED, ShareReason.AGENT_AWAY)
    assert "while your connection was lost" in session.status_label.text()
    session.on_share_changed(ShareState.SHARING, ShareReason.AGENT_BACK)
    assert session.status_label.text() == "山田 花子 is sharing their screen."
    assert session.view.notice == ""
