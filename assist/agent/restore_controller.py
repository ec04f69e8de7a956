"""After a crash: what the last run left unsent comes back on screen, and its notes and
wrap-ups are saved."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Slot

from assist.agent.main_window import MainWindow
from assist.agent.restored_tab import RestoredNote, RestoredTab
from assist.core.agent import AgentClient, Unsent
from assist.core.errors import AssistError, refused_for_good
from assist.qt.bridge import Bridge
from assist.qt.messages import error_text
from signaling.protocol import SessionHistory

logger = logging.getLogger(__name__)


class RestoreController(QObject):
    """Call :meth:`start` once signed in. Notes are saved again under their own ids (the
    server keeps one copy per id) and wrap-ups sent again (the latest wins), which the
    server allows for a day after the session ended; what it refuses stays, with Copy and
    Discard, until the agent discards it."""

    def __init__(self, bridge: Bridge, client: AgentClient, window: MainWindow) -> None:
        super().__init__(window)
        self.bridge = bridge
        self.client = client
        self.window = window
        self.tab: RestoredTab | None = None
        bridge.sessions_purged.connect(self.on_bridge_sessions_purged)

    def start(self) -> None:
        self.bridge.call(self.client.unsent(), self._show, self._show_error)

    def _show(self, unsent: Unsent) -> None:
        if not unsent.notes and not unsent.chat and not unsent.wrap_ups:
            return
        logger.info(
            "Restored %d unsaved note(s), %d wrap-up(s) and %d undelivered message(s)",
            len(unsent.notes),
            len(unsent.wrap_ups),
            len(unsent.chat),
        )
        tab = self.tab = RestoredTab(self.window)
        tab.note_save_requested.connect(self.on_tab_note_save_requested)
        tab.note_draft_changed.connect(self.on_tab_note_draft_changed)
        tab.note_discarded.connect(self.on_tab_note_discarded)
        tab.chat_discarded.connect(self.on_tab_chat_discarded)
        tab.wrap_up_retry_requested.connect(self.on_tab_wrap_up_retry_requested)
        tab.wrap_up_discarded.connect(self.on_tab_wrap_up_discarded)
        tab.emptied.connect(self.on_tab_emptied)
        tab.destroyed.connect(self.on_tab_destroyed)
        for note in unsent.notes:
            tab.add_note(note)
        for kept in unsent.wrap_ups:
            tab.add_wrap_up(kept)
        for message in unsent.chat:
            tab.add_chat(message)
        self.window.add_restored(tab)
        for kept in unsent.wrap_ups:
            self.on_tab_wrap_up_retry_requested(kept.session_id)
        for session_id in tab.session_ids:
            self.bridge.call(self.client.past_session(session_id), self._name_session)

    def _name_session(self, history: SessionHistory) -> None:
        if self.tab is not None:
            info = history.session
            self.tab.name_session(info.session_id, info.customer_name, info.created_at)

    def _note(self, session_id: str, note_id: str) -> RestoredNote | None:
        """The note's item if it is still on screen (the agent may close the tab)."""
        return self.tab.note(session_id, note_id) if self.tab is not None else None

    @Slot(str, str, str)
    def on_tab_note_save_requested(self, session_id: str, note_id: str, text: str) -> None:
        def saved(saved_at: float) -> None:
            if item := self._note(session_id, note_id):
                item.mark_saved(saved_at)

        def failed(error: AssistError) -> None:
            item = self._note(session_id, note_id)
            if item is None:
                return
            if refused_for_good(error):
                logger.warning("The server refused a restored note: %s", error.code.value)
                item.notes.mark_refused(error_text(error))
            else:
                item.notes.mark_failed(error_text(error))

        self.bridge.call(self.client.save_note(session_id, note_id, text), saved, failed)

    @Slot(str, str, str)
    def on_tab_note_draft_changed(self, session_id: str, note_id: str, text: str) -> None:
        self.bridge.call(
            self.client.keep_note(session_id, note_id, text), on_error=self._show_error
        )

    @Slot(str, str)
    def on_tab_note_discarded(self, session_id: str, note_id: str) -> None:
        def gone(_: None) -> None:
            if self.tab is not None and (item := self.tab.note(session_id, note_id)):
                self.tab.remove(item)

        self.bridge.call(self.client.discard_note(session_id, note_id), gone, self._show_error)

    @Slot(str)
    def on_tab_wrap_up_retry_requested(self, session_id: str) -> None:
        item = self.tab.wrap_up(session_id) if self.tab is not None else None
        if item is None:
            return
        item.mark_saving()

        def saved(_: None) -> None:
            if self.tab is not None and (item := self.tab.wrap_up(session_id)):
                item.mark_saved()

        def failed(error: AssistError) -> None:
            if self.tab is None or (item := self.tab.wrap_up(session_id)) is None:
                return
            if refused_for_good(error):
                logger.warning("The server refused a restored wrap-up: %s", error.code.value)
            item.mark_failed(error_text(error), refused_for_good(error))

        self.bridge.call(self.client.wrap_up(session_id, item.wrap_up), saved, failed)

    @Slot(str)
    def on_tab_wrap_up_discarded(self, session_id: str) -> None:
        def gone(_: None) -> None:
            if self.tab is not None and (item := self.tab.wrap_up(session_id)):
                self.tab.remove(item)

        self.bridge.call(self.client.discard_wrap_up(session_id), gone, self._show_error)

    @Slot(str, str)
    def on_tab_chat_discarded(self, session_id: str, msg_id: str) -> None:
        def gone(_: None) -> None:
            if self.tab is not None and (item := self.tab.chat(session_id, msg_id)):
                self.tab.remove(item)

        self.bridge.call(self.client.discard_chat(session_id, msg_id), gone, self._show_error)

    @Slot(object)
    def on_bridge_sessions_purged(self, session_ids: tuple[str, ...]) -> None:
        """Erased: the client already dropped them from the outbox; off the screen too."""
        if self.tab is None:
            return
        for item in [i for i in self.tab.items if i.session_id in session_ids]:
            self.tab.remove(item)

    @Slot()
    def on_tab_emptied(self) -> None:
        if self.tab is not None:
            self.window.remove_tab(self.tab)

    @Slot()
    def on_tab_destroyed(self) -> None:
        # Closed by the agent: what it held stays in the outbox and comes back next time.
        self.tab = None

    def _show_error(self, error: AssistError) -> None:
        self.window.statusBar().showMessage(error_text(error), 15000)
