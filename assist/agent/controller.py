"""Connects the agent's client (on the worker loop) with the console's widgets."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from assist.agent.closing import ConsoleClosing
from assist.agent.connection_watch import ConnectionWatch
from assist.agent.console_dialogs import ConsoleDialogs, Questions
from assist.agent.history_controller import HistoryController
from assist.agent.main_window import MainWindow
from assist.agent.restore_controller import RestoreController
from assist.agent.session_tab import SessionTab
from assist.agent.wrap_up_controller import WrapUpController, WrapUpResult
from assist.core.agent import AgentClient, AgentSession
from assist.core.chat import ChatEntry
from assist.core.errors import AssistError, refused_for_good
from assist.core.guidance import Guidance
from assist.core.invite import Invite
from assist.qt.bridge import Bridge, FrameImage
from assist.qt.messages import error_text
from signaling.protocol import (
    Capability,
    CustomerIdentified,
    EndReason,
    ShareReason,
    ShareState,
)

logger = logging.getLogger(__name__)


class AgentController(QObject):
    """Routes client events to the right session tab and tab requests to the client.

    ``public_url`` is the server address customers use (it goes into invite links).
    Once the client is signed in, call :meth:`restore_unsent` to bring back what the
    last run left unsaved. ``questions`` asks the agent (the real dialogs by default).
    """

    def __init__(
        self,
        bridge: Bridge,
        client: AgentClient,
        window: MainWindow,
        public_url: str,
        questions: Questions | None = None,
    ) -> None:
        super().__init__(window)
        self.bridge = bridge
        self.client = client
        self.window = window
        self.public_url = public_url
        self.questions = questions if questions is not None else ConsoleDialogs(window)
        self.wrap_ups = WrapUpController(bridge, client, self.questions, self)
        self.history = HistoryController(bridge, client, window)
        self.restore = RestoreController(bridge, client, window)
        self.connection = ConnectionWatch(bridge, window, client.signaling.url)
        self.closing = ConsoleClosing(bridge, client, window, self.wrap_ups, self.questions)
        self.wrap_ups.wrapped_up.connect(self.history.on_session_finished)
        window.new_session_requested.connect(self.on_window_new_session_requested)
        window.session_close_requested.connect(self.on_window_session_close_requested)
        bridge.session_opened.connect(self.on_bridge_session_opened)
        bridge.session_rejoined.connect(self.on_bridge_session_rejoined)
        bridge.join_requested.connect(self.on_bridge_join_requested)
        bridge.join_withdrawn.connect(self.on_bridge_join_withdrawn)
        bridge.customer_admitted.connect(self.on_bridge_customer_admitted)
        bridge.frame_arrived.connect(self.on_bridge_frame_arrived)
        bridge.customer_identified.connect(self.on_bridge_customer_identified)
        bridge.share_changed.connect(self.on_bridge_share_changed)
        bridge.permissions_changed.connect(self.on_bridge_permissions_changed)
        bridge.guidance_arrived.connect(self.on_bridge_guidance_arrived)
        bridge.stream_ended.connect(self.on_bridge_stream_ended)
        bridge.chat_updated.connect(self.on_bridge_chat_updated)
        bridge.session_closed.connect(self.on_bridge_session_closed)
        bridge.operation_failed.connect(self.on_bridge_operation_failed)
        bridge.connection_lost.connect(self.on_bridge_connection_lost)

    def restore_unsent(self) -> None:
        self.restore.start()

    def offer_left_open(self) -> None:
        """Sessions an earlier run left open (the console was closed or killed with them
        live) are still held by the server: offer to take them back, or to end them."""
        left = list(self.client.left_open)
        if not left:
            return

        def answer(rejoin: bool) -> None:
            for session in left:
                then = None if rejoin else self._end_rejoined
                work = self.client.rejoin(session)
                self.bridge.call(work, then, self._show_window_error)

        self.questions.offer_rejoin([s.customer_name for s in left], answer)

    def _end_rejoined(self, session: AgentSession) -> None:
        """Taken back only to be ended: the customer is told, the wrap-up is owed."""
        sid = session.session_id
        self.bridge.call(self.client.end_session(sid), on_error=self._tab_error(sid))

    @Slot()
    def on_window_new_session_requested(self) -> None:
        self.bridge.call(self.client.new_session(), on_error=self._show_window_error)

    @Slot(str, str, float)
    def on_bridge_session_opened(self, session_id: str, code: str, expires_in: float) -> None:
        self._add_tab(session_id, code, expires_in)

    @Slot(str, str, object)
    def on_bridge_session_rejoined(
        self, session_id: str, customer_name: str, share_state: ShareState
    ) -> None:
        """A session taken back from an earlier run: its tab as it was admitted, the
        transcript arriving next."""
        tab = self._add_tab(session_id, "", 0.0)
        tab.on_customer_admitted(customer_name)
        if share_state is not ShareState.STOPPED:
            tab.on_share_changed(share_state, ShareReason.AGENT_AWAY)

    def _add_tab(self, session_id: str, code: str, expires_in: float) -> SessionTab:
        invite = Invite(self.public_url, code)
        tab = SessionTab(session_id, code, invite, expires_in, self.window)
        tab.admit_requested.connect(self.on_tab_admit_requested)
        tab.decline_requested.connect(self.on_tab_decline_requested)
        tab.chat_submitted.connect(self.on_tab_chat_submitted)
        tab.chat_retry_requested.connect(self.on_tab_chat_retry_requested)
        tab.end_requested.connect(self.on_tab_end_requested)
        tab.note_save_requested.connect(self.on_tab_note_save_requested)
        tab.note_draft_changed.connect(self.on_tab_note_draft_changed)
        tab.view_size_changed.connect(self.on_tab_view_size_changed)
        tab.guidance_requested.connect(self.on_tab_guidance_requested)
        tab.identity.confirm_clicked.connect(lambda: self.on_tab_identity_confirmed(session_id))
        self.history.attach(tab.customer)
        self.window.add_session(tab)
        return tab

    @Slot(str, str, str)
    def on_bridge_join_requested(self, session_id: str, join_id: str, name: str) -> None:
        if tab := self.window.tab_for(session_id):
            tab.on_join_requested(join_id, name)

    @Slot(str, str)
    def on_bridge_join_withdrawn(self, session_id: str, join_id: str) -> None:
        if tab := self.window.tab_for(session_id):
            tab.remove_waiting(join_id)

    @Slot(str, str)
    def on_bridge_customer_admitted(self, session_id: str, name: str) -> None:
        if tab := self.window.tab_for(session_id):
            tab.on_customer_admitted(name)

    @Slot(str, object)
    def on_bridge_customer_identified(self, session_id: str, customer: CustomerIdentified) -> None:
        if tab := self.window.tab_for(session_id):
            tab.identity.show_customer(customer)
            self.history.load_customer(tab.customer, customer, session_id)

    @Slot(str)
    def on_tab_identity_confirmed(self, session_id: str) -> None:
        tab = self.window.tab_for(session_id)
        if tab is None:
            return
        self.bridge.call(
            self.client.confirm_identity(session_id),
            lambda _: self._identity_confirmed(tab),
            self._tab_error(session_id),
        )

    @staticmethod
    def _identity_confirmed(tab: SessionTab) -> None:
        tab.identity.mark_verified()
        tab.customer.set_verified(True)

    @Slot(str, object)
    def on_bridge_frame_arrived(self, session_id: str, frame: FrameImage) -> None:
        if tab := self.window.tab_for(session_id):
            tab.on_frame(frame)

    @Slot(str, int, int)
    def on_tab_view_size_changed(self, session_id: str, width: int, height: int) -> None:
        # Straight to the client, not through the worker loop: it only stores the size.
        self.client.set_view_size(session_id, width, height)

    @Slot(str, object)
    def on_tab_guidance_requested(self, session_id: str, message: Guidance) -> None:
        # Straight to the client (thread-safe): a pointer move must not queue behind calls.
        self.client.guide(session_id, message)

    @Slot(str, object)
    def on_bridge_permissions_changed(
        self, session_id: str, granted: frozenset[Capability]
    ) -> None:
        if tab := self.window.tab_for(session_id):
            tab.on_permissions_changed(granted)

    @Slot(str, object)
    def on_bridge_guidance_arrived(self, session_id: str, message: Guidance) -> None:
        if tab := self.window.tab_for(session_id):
            tab.on_customer_guidance(message)

    @Slot(str, object, object)
    def on_bridge_share_changed(
        self, session_id: str, state: ShareState, reason: ShareReason
    ) -> None:
        if tab := self.window.tab_for(session_id):
            tab.on_share_changed(state, reason)

    @Slot(str)
    def on_bridge_stream_ended(self, session_id: str) -> None:
        if tab := self.window.tab_for(session_id):
            tab.on_stream_ended()

    @Slot(str, object)
    def on_bridge_chat_updated(self, session_id: str, entry: ChatEntry) -> None:
        if tab := self.window.tab_for(session_id):
            tab.on_chat(entry)

    @Slot(str, object)
    def on_bridge_session_closed(self, session_id: str, reason: EndReason) -> None:
        if tab := self.window.tab_for(session_id):
            tab.on_session_closed(reason)
            self.history.on_session_finished(session_id)

    @Slot(str, object)
    def on_bridge_operation_failed(self, session_id: str, error: AssistError) -> None:
        if tab := self.window.tab_for(session_id):
            tab.show_error(error_text(error))

    @Slot(object)
    def on_bridge_connection_lost(self, error: AssistError) -> None:
        self._show_window_error(error)
        self.window.new_session_action.setEnabled(False)
        for index in range(self.window.tabs.count()):
            tab = self.window.tabs.widget(index)
            if isinstance(tab, SessionTab) and not tab.ended:
                tab.on_connection_lost(error_text(error))

    @Slot(str, str)
    def on_tab_admit_requested(self, session_id: str, join_id: str) -> None:
        self.bridge.call(
            self.client.admit(session_id, join_id), on_error=self._tab_error(session_id)
        )

    @Slot(str, str)
    def on_tab_decline_requested(self, session_id: str, join_id: str) -> None:
        tab = self.window.tab_for(session_id)
        if tab is not None:
            tab.remove_waiting(join_id)
        self.bridge.call(
            self.client.decline(session_id, join_id), on_error=self._tab_error(session_id)
        )

    @Slot(str, str)
    def on_tab_chat_submitted(self, session_id: str, text: str) -> None:
        self.bridge.call(
            self.client.send_chat(session_id, text), on_error=self._tab_error(session_id)
        )

    @Slot(str)
    def on_tab_chat_retry_requested(self, session_id: str) -> None:
        self.bridge.call(self.client.retry_chat(session_id), on_error=self._tab_error(session_id))

    @Slot(str, str, str)
    def on_tab_note_save_requested(self, session_id: str, note_id: str, text: str) -> None:
        tab = self.window.tab_for(session_id)
        if tab is None:
            return
        self.bridge.call(
            self.client.save_note(session_id, note_id, text),
            tab.notes.mark_saved,
            lambda error: self._note_save_failed(tab, error),
        )

    @staticmethod
    def _note_save_failed(tab: SessionTab, error: AssistError) -> None:
        if refused_for_good(error):
            tab.notes.mark_refused(error_text(error))  # kept here, and restored next time
        else:
            tab.notes.mark_failed(error_text(error))

    @Slot(str, str, str)
    def on_tab_note_draft_changed(self, session_id: str, note_id: str, text: str) -> None:
        self.bridge.call(
            self.client.keep_note(session_id, note_id, text), on_error=self._tab_error(session_id)
        )

    @Slot(str)
    def on_tab_end_requested(self, session_id: str) -> None:
        """End (or, once ended, finish) a session: the wrap-up comes first, unless nobody
        was admitted (then there is nothing to wrap up)."""
        tab = self.window.tab_for(session_id)
        if tab is None:
            return
        if tab.needs_wrap_up:
            self.wrap_ups.ask(tab, end=not tab.ended)
        elif not tab.ended:
            self._end_unused(tab)

    @Slot(str)
    def on_window_session_close_requested(self, session_id: str) -> None:
        """Closing a tab: a session a customer was admitted to closes once its wrap-up is
        stored or skipped (a live one is ended with it); any other goes at once."""
        tab = self.window.tab_for(session_id)
        if tab is None:
            return
        if tab.needs_wrap_up:
            self.wrap_ups.ask(tab, lambda result: self._closed_after(tab, result), not tab.ended)
            return
        if not tab.ended:
            self._end_unused(tab)
        self.window.remove_tab(tab)

    def _closed_after(self, tab: SessionTab, result: WrapUpResult) -> None:
        if result is WrapUpResult.STORED:
            self.window.remove_tab(tab)

    def _end_unused(self, tab: SessionTab) -> None:
        """Nobody was admitted: the code is withdrawn, with no wrap-up to ask for."""
        self.bridge.call(self.client.end_session(tab.session_id), on_error=self._show_window_error)

    def _tab_error(self, session_id: str) -> Callable[[AssistError], None]:
        def show(error: AssistError) -> None:
            self.on_bridge_operation_failed(session_id, error)

        return show

    def _show_window_error(self, error: AssistError) -> None:
        self.window.statusBar().showMessage(error_text(error), 15000)
