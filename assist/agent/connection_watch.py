"""The console's side of a lost server connection: a banner while it reconnects, each
session's status when it is taken back or the customer is away, and a remembered sign-in
kept valid when reconnecting renewed it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from assist.agent.main_window import MainWindow
from assist.agent.session_tab import SessionTab
from assist.core import credentials as stored
from assist.core.errors import AssistError
from assist.qt.bridge import Bridge
from assist.qt.messages import error_text
from signaling.protocol import Role


class ConnectionWatch(QObject):
    """``server_url`` is the address the agent signed in to (the keyring's key)."""

    def __init__(self, bridge: Bridge, window: MainWindow, server_url: str) -> None:
        super().__init__(window)
        self.window = window
        self.server_url = server_url
        bridge.reconnecting.connect(self.on_bridge_reconnecting)
        bridge.reconnected.connect(self.on_bridge_reconnected)
        bridge.session_resumed.connect(self.on_bridge_session_resumed)
        bridge.peer_away.connect(self.on_bridge_peer_away)
        bridge.peer_back.connect(self.on_bridge_peer_back)
        bridge.tokens_renewed.connect(self.on_bridge_tokens_renewed)
        bridge.note_saved.connect(self.on_bridge_note_saved)
        bridge.connection_lost.connect(self.on_bridge_connection_lost)

    @Slot(object, int, float)
    def on_bridge_reconnecting(self, error: AssistError, attempt: int, retry_in: float) -> None:
        text = self.tr(
            "%1 Reconnecting (attempt %2)… The customer's screen stays on while it can; "
            "chat and notes you write are kept and sent once the server is back."
        )
        self.window.set_connection_notice(
            text.replace("%1", error_text(error)).replace("%2", str(attempt))
        )
        self.window.new_session_action.setEnabled(False)
        for tab in self._live_tabs():
            tab.show_connection_state(self.tr("Reconnecting to the server…"))

    @Slot()
    def on_bridge_reconnected(self) -> None:
        self.window.set_connection_notice("")
        self.window.new_session_action.setEnabled(True)

    @Slot(object)
    def on_bridge_connection_lost(self, error: AssistError) -> None:
        self.window.set_connection_notice(error_text(error))

    @Slot(str, bool)
    def on_bridge_session_resumed(self, session_id: str, peer_present: bool) -> None:
        if tab := self.window.tab_for(session_id):
            if peer_present:
                tab.show_connection_state(self.tr("Connected again."))
            else:
                tab.show_connection_state(
                    self.tr("Connected again — waiting for the customer to reconnect…")
                )

    @Slot(str, object, float)
    def on_bridge_peer_away(self, session_id: str, role: Role, grace: float) -> None:
        if role is Role.CUSTOMER and (tab := self.window.tab_for(session_id)):
            text = self.tr(
                "The customer's connection was lost. Waiting up to %1 s for them to come back…"
            )
            tab.show_connection_state(text.replace("%1", str(round(grace))))

    @Slot(str, object)
    def on_bridge_peer_back(self, session_id: str, role: Role) -> None:
        if role is Role.CUSTOMER and (tab := self.window.tab_for(session_id)):
            tab.show_connection_state(self.tr("The customer is connected again."))

    @Slot(str, str)
    def on_bridge_tokens_renewed(self, username: str, refresh_token: str) -> None:
        # Only where "remember me" stored one: the stored token no longer works.
        if stored.load_refresh_token(self.server_url, username) is not None:
            stored.save_refresh_token(self.server_url, username, refresh_token)

    @Slot(str, str, str, float)
    def on_bridge_note_saved(self, session_id: str, note_id: str, text: str, at: float) -> None:
        if tab := self.window.tab_for(session_id):
            tab.notes.saved_elsewhere(note_id, text, at)

    def _live_tabs(self) -> list[SessionTab]:
        tabs = self.window.tabs
        found = [tabs.widget(i) for i in range(tabs.count())]
        return [tab for tab in found if isinstance(tab, SessionTab) and not tab.ended]
