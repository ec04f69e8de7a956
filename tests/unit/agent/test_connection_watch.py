"""What the agent sees while the server connection comes and goes: a banner while the
console reconnects (no new sessions meanwhile), each session's status when the customer is
away or back, and a note saved after reconnecting shown as saved."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assist.agent.connection_watch import ConnectionWatch
from assist.agent.main_window import MainWindow
from assist.agent.session_tab import SessionTab
from assist.core import events as ev
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.invite import Invite
from assist.qt.bridge import AsyncioThread, Bridge
from signaling.protocol import Role

SID = "s-1"


def console(qtbot: QtBot, runner: AsyncioThread) -> tuple[Bridge, MainWindow, SessionTab]:
    bridge = Bridge(runner)
    window = MainWindow("Taro")
    qtbot.addWidget(window)
    ConnectionWatch(bridge, window, "ws://127.0.0.1:8765")
    tab = SessionTab(SID, "123456789", Invite("ws://127.0.0.1:8765", "123456789"), 600, window)
    window.add_session(tab)
    tab.on_customer_admitted("山田 花子")
    window.show()
    return bridge, window, tab


def test_a_banner_says_the_console_is_reconnecting_until_it_is_back(
    qtbot: QtBot, runner: AsyncioThread
) -> None:
    bridge, window, tab = console(qtbot, runner)
    assert not window.connection_notice.isVisible()
    lost = AssistError(ClientErrorCode.CONNECTION_LOST, "close code 1006")
    bridge.deliver(ev.Reconnecting(lost, 2, 0.5))
    assert window.connection_notice.isVisible()
    assert "The connection to the server was lost." in window.connection_notice.text()
    assert "Reconnecting (attempt 2)" in window.connection_notice.text()
    assert not window.new_session_action.isEnabled()
    assert tab.status_label.text() == "Reconnecting to the server…"

    bridge.deliver(ev.Reconnected())
    bridge.deliver(ev.SessionResumed(SID, peer_present=False))
    assert not window.connection_notice.isVisible()
    assert window.new_session_action.isEnabled()
    assert "waiting for the customer" in tab.status_label.text()
    assert not tab.ended and tab.chat.edit.isEnabled()


def test_the_session_says_when_the_customer_is_away_and_back(
    qtbot: QtBot, runner: AsyncioThread
) -> None:
    bridge, _, tab = console(qtbot, runner)
    bridge.deliver(ev.PeerAway(SID, Role.CUSTOMER, 60.0))
    assert "Waiting up to 60 s" in tab.status_label.text()
    bridge.deliver(ev.PeerBack(SID, Role.CUSTOMER))
    assert tab.status_label.text() == "The customer is connected again."


def test_a_note_saved_after_reconnecting_shows_as_saved(
    qtbot: QtBot, runner: AsyncioThread
) -> None:
    bridge, _, tab = console(qtbot, runner)
    tab.notes.edit.setPlainText("再起動で解決")
    bridge.deliver(ev.NoteSaved(SID, tab.notes.note_id, "再起動で解決", 1_700_000_000.0))
    assert tab.notes.status.text().startswith("Saved at")
    assert not tab.notes.unsaved
    # A different text (typed since) is not marked saved.
    tab.notes.edit.setPlainText("再起動で解決。後日確認")
    bridge.deliver(ev.NoteSaved(SID, tab.notes.note_id, "再起動で解決", 1_700_000_100.0))
    assert tab.notes.unsaved
