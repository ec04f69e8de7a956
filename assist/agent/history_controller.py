"""Connects the history views (each tab's Customer panel, the search window) with the
agent's client: requests go out through the bridge, answers come back to the view."""

from __future__ import annotations

import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog, QMessageBox

from assist.agent.customer_panel import CustomerPanel
from assist.agent.history_views import erased_text
from assist.agent.main_window import MainWindow
from assist.agent.search_window import CustomerPicker, SearchWindow
from assist.agent.session_tab import SessionTab
from assist.core.agent import AgentClient
from assist.core.errors import AssistError
from assist.qt.bridge import Bridge
from assist.qt.messages import error_text
from signaling import protocol as p


class HistoryController(QObject):
    def __init__(self, bridge: Bridge, client: AgentClient, window: MainWindow) -> None:
        super().__init__(window)
        self.bridge = bridge
        self.client = client
        self.window = window
        self.search_window: SearchWindow | None = None
        self.picker: CustomerPicker | None = None
        # How many record reads each Customer panel asked for (the newest is shown).
        self._asked: weakref.WeakKeyDictionary[CustomerPanel, int] = weakref.WeakKeyDictionary()
        window.search_requested.connect(self.on_window_search_requested)
        bridge.sessions_purged.connect(self.on_bridge_sessions_purged)

    @Slot(object)
    def on_bridge_sessions_purged(self, session_ids: tuple[str, ...]) -> None:
        """Erased sessions leave every view: live tabs, Customer panels, the search window."""
        erased = set(session_ids)
        tabs = self.window.tabs
        for index in range(tabs.count()):
            tab = tabs.widget(index)
            if isinstance(tab, SessionTab):
                tab.customer.forget(erased)
                if tab.session_id in erased:
                    tab.erase(erased_text())
        if self.search_window is not None:
            self.search_window.forget(erased)

    # ------------------------------------------------------------ a session's Customer panel

    def attach(self, panel: CustomerPanel) -> None:
        panel.session_requested.connect(
            lambda session_id: self._load_session(session_id, panel.show_session, panel)
        )

    def load_customer(
        self, panel: CustomerPanel, customer: p.CustomerIdentified, current_session: str
    ) -> None:
        """Fill ``panel`` with the record the admitted customer was linked to."""
        verified = customer.verified or not customer.matched
        self._read_record(panel, customer.customer_id, verified, current_session)

    @Slot(str)
    def on_session_finished(self, session_id: str) -> None:
        """A session ended or was wrapped up: every Customer panel showing its customer is
        read again, so the session appears in the timeline (it is no longer the live one)
        with its wrap-up."""
        tab = self.window.tab_for(session_id)
        record = tab.customer.record if tab is not None else None
        loop = self.client.loop
        if record is None or loop is None or not loop.is_running():
            return  # no record shown, or the console is shutting down (nothing to ask)
        customer_id = record.customer.customer_id
        for other in self.window.session_tabs:
            panel = other.customer
            if panel.record is None or panel.record.customer.customer_id != customer_id:
                continue
            self._reload(panel, customer_id, None if other.ended else other.session_id)

    def _reload(self, panel: CustomerPanel, customer_id: int, current: str | None) -> None:
        self._read_record(panel, customer_id, panel.verified, current)

    def _read_record(
        self, panel: CustomerPanel, customer_id: int, verified: bool, current: str | None
    ) -> None:
        """Read the record into ``panel``; only the newest read a panel asked for is shown
        (the server answers reads as they are ready, so an older one may come later)."""
        asked = self._asked[panel] = self._asked.get(panel, 0) + 1

        def newest() -> bool:  # and its tab not closed meanwhile
            return shiboken6.isValid(panel) and self._asked.get(panel) == asked

        def show(record: p.CustomerRecord) -> None:
            if newest():
                panel.show_record(record, verified, current)

        def failed(error: AssistError) -> None:
            if newest():
                panel.show_error(error_text(error))

        self.bridge.call(self.client.customer_record(customer_id), show, failed)

    def _load_session(
        self,
        session_id: str,
        show: Callable[[p.SessionHistory], None],
        panel: CustomerPanel | SearchWindow,
    ) -> None:
        def shown(history: p.SessionHistory) -> None:
            if shiboken6.isValid(panel):  # its window may have been closed meanwhile
                show(history)

        def failed(error: AssistError) -> None:
            if shiboken6.isValid(panel):
                panel.show_error(error_text(error))

        self.bridge.call(self.client.past_session(session_id), shown, failed)

    # ------------------------------------------------------------ the search window

    @Slot()
    def on_window_search_requested(self) -> None:
        if self.search_window is None:
            window = SearchWindow(self.window)
            window.search_requested.connect(self.on_search_window_search_requested)
            window.customer_requested.connect(self.on_search_window_customer_requested)
            window.session_requested.connect(
                lambda session_id: self._load_session(session_id, window.show_session, window)
            )
            window.relink_requested.connect(self.on_search_window_relink_requested)
            window.merge_requested.connect(self.on_search_window_merge_requested)
            self.search_window = window
        self.search_window.show()
        self.search_window.raise_()
        self.search_window.activateWindow()
        self.search_window.query.setFocus()

    @Slot(str)
    def on_search_window_search_requested(self, query: str) -> None:
        window = self.search_window
        assert window is not None
        self.bridge.call(self.client.search(query), window.show_results, self._window_error)

    @Slot(int)
    def on_search_window_customer_requested(self, customer_id: int) -> None:
        window = self.search_window
        assert window is not None
        self.bridge.call(
            self.client.customer_record(customer_id), window.show_customer, self._window_error
        )

    @Slot(str)
    def on_search_window_relink_requested(self, session_id: str) -> None:
        title = self.tr("Link the session to which customer?")
        self._pick(title, None, lambda target: self._relink(session_id, target))

    @Slot(int)
    def on_search_window_merge_requested(self, source_id: int) -> None:
        title = self.tr("Merge this record into which customer?")
        self._pick(title, source_id, lambda target: self._confirm_merge(source_id, target))

    def _pick(self, title: str, exclude: int | None, then: Callable[[int], None]) -> None:
        picker = CustomerPicker(title, exclude, self.search_window)
        picker.search_requested.connect(
            lambda query: self.bridge.call(
                self.client.search(query),
                lambda results: picker.show_customers(results.customers),
                self._window_error,
            )
        )

        def finished(result: int) -> None:
            self.picker = None
            chosen = picker.chosen
            picker.deleteLater()
            if result == QDialog.DialogCode.Accepted and chosen is not None:
                then(chosen)

        picker.finished.connect(finished)
        self.picker = picker
        picker.open()

    def _relink(self, session_id: str, customer_id: int) -> None:
        def done(_: None) -> None:
            if self.search_window is not None:
                self.search_window.show_error(self.tr("The session was linked."))
                self._load_session(session_id, self.search_window.show_session, self.search_window)

        self.bridge.call(
            self.client.relink_session(session_id, customer_id), done, self._window_error
        )

    def _confirm_merge(self, source_id: int, target_id: int) -> None:
        answer = QMessageBox.question(
            self.search_window,
            self.tr("Merge customer records"),
            self.tr(
                "All sessions of this record move to the chosen customer, and this record is "
                "removed. This cannot be undone. Merge?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(_: None) -> None:
            self.on_search_window_customer_requested(target_id)

        merge = self.client.merge_customers(source_id, target_id)
        self.bridge.call(merge, done, self._window_error)

    def _window_error(self, error: AssistError) -> None:
        if self.search_window is not None:
            self.search_window.show_error(error_text(error))
