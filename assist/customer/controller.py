"""The customer's journey: join, wait, consent, share, chat, end; one window at a time."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog, QWidget

from assist.core.capture import Grabber, MssGrabber, Screen, list_screens, list_windows
from assist.core.chat import ChatEntry
from assist.core.customer import CustomerClient
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.outbox import Outbox
from assist.core.x11_windows import Window
from assist.customer.chat_window import ChatWindow
from assist.customer.consent_dialog import ConsentDialog
from assist.customer.control_flow import ControlFlow
from assist.customer.guidance_view import GuidanceView
from assist.customer.join_dialog import JoinDialog
from assist.customer.own_windows import OwnWindows
from assist.customer.privacy_menu import PrivacyMenu
from assist.customer.rating_dialog import RatingDialog
from assist.customer.report_dialog import ReportDialog
from assist.customer.share_bar import ShareBar
from assist.qt.bridge import Bridge
from assist.qt.messages import end_reason_text, error_text
from signaling import protocol as p

logger = logging.getLogger(__name__)

#: Sessions that ended this way are not rated.
NOT_RATED = frozenset({p.EndReason.AGENT_DISABLED, p.EndReason.DATA_DELETED})


class CustomerController(QObject):
    def __init__(
        self,
        bridge: Bridge,
        server_url: str,
        join_dialog: JoinDialog,
        grabber_factory: Callable[[], Grabber] = MssGrabber,
        screens: Callable[[], list[Screen]] = list_screens,
        windows: Callable[[], list[Window]] = list_windows,
        ssl_context: ssl.SSLContext | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        super().__init__(join_dialog)
        self.bridge = bridge
        self.server_url = server_url
        self.join_dialog = join_dialog
        self.client: CustomerClient | None = None
        self.share_bar: ShareBar | None = None
        self.chat_window: ChatWindow | None = None
        self.consent: ConsentDialog | None = None
        self._grabber_factory = grabber_factory
        self._screens = screens
        self._windows = windows
        self._ssl = ssl_context
        self.outbox = outbox
        self._connected = False
        self._session_id: str | None = None  # the session the windows belong to
        self._consent_requested = False
        self._reported = False
        self.report: ReportDialog | None = None
        self.rating: RatingDialog | None = None
        #: The agent's pointer and drawings on the shared screen (one per session).
        self.guidance: GuidanceView | None = None
        self.control: ControlFlow | None = None  # the agent's control, asked and shown
        self.privacy: PrivacyMenu | None = None  # what the customer hides
        self.own_windows: OwnWindows | None = None  # hidden from the agent by default
        join_dialog.join_requested.connect(self.on_join_dialog_join_requested)
        join_dialog.cancel_requested.connect(self.on_join_dialog_cancel_requested)
        bridge.admitted.connect(self.on_bridge_admitted)
        bridge.share_requested.connect(self.on_bridge_share_requested)
        bridge.declined.connect(self.on_bridge_declined)
        bridge.join_failed.connect(self.on_bridge_join_failed)
        bridge.sharing_changed.connect(self.on_bridge_sharing_changed)
        bridge.chat_updated.connect(self.on_bridge_chat_updated)
        bridge.session_closed.connect(self.on_bridge_session_closed)
        bridge.connection_lost.connect(self.on_bridge_connection_lost)
        bridge.operation_failed.connect(self.on_bridge_operation_failed)
        bridge.reconnecting.connect(self.on_bridge_reconnecting)
        bridge.session_resumed.connect(self.on_bridge_session_resumed)
        bridge.agent_presence_changed.connect(self.on_bridge_agent_presence_changed)

    # ------------------------------------------------------------- joining

    @Slot(str, str)
    def on_join_dialog_join_requested(self, code: str, name: str) -> None:
        try:
            p.normalize_code(code)
        except p.ProtocolError as exc:
            self.join_dialog.show_error(error_text(AssistError(exc.code)))
            return
        if self.client is not None and self.client.name != name:
            self._drop_client()
        if self.client is None:
            self.client = CustomerClient(
                self.server_url,
                name,
                self.bridge.sink,
                self._grabber_factory,
                self._ssl,
                self.outbox,
            )
            self._connected = False
        self.join_dialog.set_connecting()
        # Read the fields here, on the GUI thread; the coroutine runs on the worker.
        dialog = self.join_dialog
        joining = self._join(self.client, code, dialog.email, dialog.customer_number)
        self.bridge.call(joining, self._on_join_pending, self._on_join_error)

    async def _join(
        self, client: CustomerClient, code: str, email: str, number: str
    ) -> p.JoinPending:
        if not self._connected:
            await client.connect()
            self._connected = True
        return await client.join(code, email, number)

    def _on_join_pending(self, pending: p.JoinPending) -> None:
        if self.client is None or self.client.pending is None:
            return  # admitted, declined or failed already: that outcome is on screen
        self.join_dialog.set_waiting(pending.agent_name, pending.org_name)

    def _on_join_error(self, error: AssistError) -> None:
        if error.code in (p.ErrorCode.HELLO_REQUIRED, p.ErrorCode.UNSUPPORTED_VERSION):
            self._drop_client()
        elif not self._connected:
            self.client = None
        self.join_dialog.show_error(error_text(error))

    @Slot()
    def on_join_dialog_cancel_requested(self) -> None:
        self._drop_client()
        self.join_dialog.set_idle()

    @Slot()
    def on_bridge_declined(self) -> None:
        if self.client is not None:
            self.join_dialog.show_error(error_text(AssistError(p.ErrorCode.JOIN_DECLINED)))

    @Slot(object)
    def on_bridge_join_failed(self, error: AssistError) -> None:
        if self.client is not None:
            self.join_dialog.show_error(error_text(error))

    # ------------------------------------------------------------- session

    @Slot(str, str, str)
    def on_bridge_admitted(self, session_id: str, agent_name: str, org_name: str) -> None:
        if self.client is None or self.client.session_id != session_id:
            return  # from a join the customer cancelled meanwhile
        self._close_session_windows(keep_chat=False)
        self._session_id = session_id
        self.join_dialog.hide()
        self.share_bar = ShareBar(agent_name, org_name)
        self.chat_window = ChatWindow(agent_name)
        self.share_bar.pause_clicked.connect(self.on_share_bar_pause_clicked)
        self.share_bar.resume_clicked.connect(self.on_share_bar_resume_clicked)
        self.share_bar.stop_clicked.connect(self.on_share_bar_stop_clicked)
        self.share_bar.share_clicked.connect(self.ask_consent)
        self.share_bar.chat_clicked.connect(self.chat_window.show)
        self.share_bar.end_clicked.connect(self.on_share_bar_end_clicked)
        self.share_bar.report_clicked.connect(self.ask_report)
        self.share_bar.clear_drawings_clicked.connect(self.on_share_bar_clear_drawings_clicked)
        self.guidance = GuidanceView(
            self.bridge,
            session_id,
            agent_name,
            keep=self.client.keep_from_capture,
            area=self.client.shared_area,
        )
        self.guidance.drawings_shown.connect(self.share_bar.set_drawings_shown)
        self.control = ControlFlow(self.bridge, self.client, session_id, self.share_bar)
        self.privacy = PrivacyMenu(self.bridge, self.client, self.share_bar)
        if self.own_windows is None or self.own_windows.client is not self.client:
            if self.own_windows is not None:
                self.own_windows.stop()
                self.own_windows.deleteLater()
            self.own_windows = OwnWindows(self.client)
        self.chat_window.panel.message_submitted.connect(self.on_chat_message_submitted)
        self.chat_window.panel.retry_requested.connect(self.on_chat_retry_requested)
        self.share_bar.place_top_center()
        self.share_bar.show()
        self.chat_window.show()
        self.ask_consent()

    @Slot(str)
    def on_bridge_share_requested(self, session_id: str) -> None:
        """The agent asks for another screen or window: the customer chooses (or not)."""
        if session_id == self._session_id:
            self.ask_consent()

    @Slot()
    def ask_consent(self) -> None:
        """Ask which screen to share (listing screens happens off the GUI thread).

        Only one consent dialog exists at a time: asking again brings it to the front.
        """
        if self.consent is not None:
            self.consent.raise_()
            self.consent.activateWindow()
            return
        if self._consent_requested:
            return
        self._consent_requested = True
        self.bridge.call(
            asyncio.to_thread(self._choices),
            lambda choices: self._show_consent(*choices, ""),
            lambda error: self._show_consent([], [], error_text(error)),
        )

    def _choices(self) -> tuple[list[Screen], list[Window]]:
        """What may be shared (worker thread): the screens, then the open windows."""
        screens = self._screens()
        try:
            windows = self._windows()
        except AssistError as exc:  # screens alone are still a choice
            logger.warning("Windows could not be listed: %s", exc.detail)
            windows = []
        return screens, windows

    def _show_consent(self, screens: list[Screen], windows: list[Window], error: str) -> None:
        self._consent_requested = False
        if self.client is None or self.share_bar is None:
            return
        dialog = ConsentDialog(
            self.client.agent_name,
            self.share_bar.org_name,
            screens,
            error,
            self.chat_window,
            server=self.server_url,
            windows=windows,
        )
        dialog.finished.connect(lambda result: self._on_consent_finished(dialog, result))
        dialog.report_requested.connect(self.ask_report)
        self.consent = dialog
        dialog.open()

    def _on_consent_finished(self, dialog: ConsentDialog, result: int) -> None:
        """Act on the dialog the customer answered (its own screen choice, no other)."""
        if self.consent is dialog:
            self.consent = None
        dialog.deleteLater()
        if self.client is None or self._session_id is None:
            return
        if result == QDialog.DialogCode.Accepted:
            window, chosen = dialog.window_id, dialog.chosen
            if self.guidance is not None:
                self.guidance.share(chosen if isinstance(chosen, Screen) else None)
            self.bridge.call(
                self.client.allow(dialog.screen_index, window), on_error=self._show_session_error
            )
        elif self.client.session_id == self._session_id:  # not closed with its session
            self.bridge.call(self.client.decline(), on_error=self._show_session_error)

    @Slot()
    def ask_report(self) -> None:
        """Report abuse: confirm (with an optional reason), report, end the session."""
        if self.client is None or self._session_id is None or self.share_bar is None:
            return
        dialog = ReportDialog(self.share_bar.org_name, self.chat_window)
        dialog.finished.connect(lambda result: self._on_report_finished(dialog, result))
        self.report = dialog
        dialog.open()

    def _on_report_finished(self, dialog: ReportDialog, result: int) -> None:
        self.report = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or self.client is None:
            return
        self._reported = True
        self.bridge.call(self.client.report_abuse(dialog.reason), on_error=self._show_session_error)

    @Slot()
    def on_share_bar_pause_clicked(self) -> None:
        if self.client is not None:
            self.bridge.call(self.client.pause(), on_error=self._show_session_error)

    @Slot()
    def on_share_bar_resume_clicked(self) -> None:
        if self.client is not None:
            self.bridge.call(self.client.resume(), on_error=self._show_session_error)

    @Slot()
    def on_share_bar_stop_clicked(self) -> None:
        if self.client is not None:
            self.bridge.call(self.client.stop_sharing(), on_error=self._show_session_error)

    @Slot()
    def on_share_bar_clear_drawings_clicked(self) -> None:
        if self.client is not None and self._session_id is not None:
            self.bridge.call(self.client.clear_drawings(), on_error=self._show_session_error)

    @Slot()
    def on_share_bar_end_clicked(self) -> None:
        if self.client is not None and self._session_id is not None:
            self.bridge.call(
                self.client.end_session(self._session_id),
                on_error=self._show_session_error,
            )

    @Slot(str)
    def on_chat_message_submitted(self, text: str) -> None:
        if self.client is None or self._session_id is None:
            if self.chat_window is not None:  # the session just ended: keep what was typed
                self.chat_window.panel.edit.setPlainText(text)
            return
        self.bridge.call(
            self.client.send_chat(self._session_id, text), on_error=self._show_session_error
        )

    @Slot()
    def on_chat_retry_requested(self) -> None:
        if self.client is not None and self._session_id is not None:
            self.bridge.call(
                self.client.retry_chat(self._session_id), on_error=self._show_session_error
            )

    @Slot(str, object, object)
    def on_bridge_sharing_changed(
        self, session_id: str, state: p.ShareState, reason: p.ShareReason
    ) -> None:
        if session_id != self._session_id:
            return
        if self.share_bar is not None:
            self.share_bar.set_state(state)
        if reason is p.ShareReason.CAPTURE_FAILED:
            self._show_session_error(AssistError(ClientErrorCode.CAPTURE_FAILED))

    @Slot(str, object)
    def on_bridge_chat_updated(self, session_id: str, entry: ChatEntry) -> None:
        if session_id == self._session_id and self.chat_window is not None:
            self.chat_window.panel.apply(entry)

    @Slot(str, object)
    def on_bridge_session_closed(self, session_id: str, reason: p.EndReason) -> None:
        if session_id != self._session_id:
            return
        self._end_session_windows()
        reported, self._reported = self._reported, False
        if reported:
            text = self.tr("Thank you. The session was reported to the administrator and ended.")
        else:
            text = end_reason_text(reason, p.Role.CUSTOMER)
        self.join_dialog.set_idle(text)
        self.join_dialog.show()
        # Told first (above); a rating is asked only of help that ended as help does, not
        # of an agent whose account was disabled or a session erased on request.
        if not reported and reason not in NOT_RATED:
            self._ask_rating(session_id)

    def _ask_rating(self, session_id: str) -> None:
        """How was the help? Asked once the session is over; skipping is fine."""
        if self.client is None:
            return
        dialog = RatingDialog(self.client.agent_name, self.join_dialog)
        dialog.finished.connect(lambda result: self._on_rating_finished(session_id, dialog, result))
        self.rating = dialog
        dialog.open()

    def _on_rating_finished(self, session_id: str, dialog: RatingDialog, result: int) -> None:
        self.rating = None
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted and dialog.rating and self.client is not None:
            self.bridge.call(
                self.client.rate(session_id, dialog.rating, dialog.comment),
                lambda _: self.join_dialog.set_idle(self.tr("Thank you for your feedback.")),
                lambda error: self.join_dialog.show_error(error_text(error)),
            )

    @Slot(object)
    def on_bridge_connection_lost(self, error: AssistError) -> None:
        self._drop_client()
        self._end_session_windows()
        self.join_dialog.show_error(error_text(error))
        self.join_dialog.show()

    # ------------------------------------------------------------- lost connections

    @Slot(object, int, float)
    def on_bridge_reconnecting(self, error: AssistError, attempt: int, retry_in: float) -> None:
        if self.share_bar is not None:
            self.share_bar.set_notice(
                self.tr("Connection lost — reconnecting… Your messages are kept and sent.")
            )

    @Slot(str, bool)
    def on_bridge_session_resumed(self, session_id: str, peer_present: bool) -> None:
        if session_id == self._session_id and self.share_bar is not None:
            self.share_bar.set_notice(
                "" if peer_present else self.tr("Waiting for the support agent to reconnect…")
            )

    @Slot(str, bool, object)
    def on_bridge_agent_presence_changed(
        self, session_id: str, present: bool, sharing: p.ShareState
    ) -> None:
        """The agent's app went (killed, closed, its network gone) or came back: the share
        is held meanwhile, and the customer sees it."""
        bar = self.share_bar
        if session_id != self._session_id or bar is None:
            return
        bar.set_held(not present)
        if not present and sharing is not p.ShareState.STOPPED:
            bar.set_notice(self.tr("The agent's connection was lost; sharing is paused."))
        elif not present:
            bar.set_notice(
                self.tr("The support agent's connection was lost. Waiting for them to return…")
            )
        elif sharing is p.ShareState.SHARING:
            bar.set_notice(self.tr("The support agent is back; sharing resumed."), seconds=8)
        elif sharing is p.ShareState.PAUSED:
            bar.set_notice(self.tr("The support agent is back."), seconds=8)
        else:
            bar.set_notice("")

    @Slot(str, object)
    def on_bridge_operation_failed(self, session_id: str, error: AssistError) -> None:
        self._show_session_error(error)

    def _show_session_error(self, error: AssistError) -> None:
        if self.share_bar is not None:
            self.share_bar.label.setText(error_text(error))
        else:
            self.join_dialog.show_error(error_text(error))

    def _end_session_windows(self) -> None:
        """The session is over: its controls go, the chat stays readable (not writable)."""
        self._session_id = None
        self._close_session_windows(keep_chat=True)
        if self.chat_window is not None:
            self.chat_window.panel.set_enabled(False)

    def _close_session_windows(self, keep_chat: bool) -> None:
        parts: list[QWidget | GuidanceView | ControlFlow | PrivacyMenu | None] = [
            self.consent,
            self.share_bar,
            self.report,
            self.guidance,
            self.control,
            self.privacy,
        ]
        if not keep_chat:
            parts.append(self.chat_window)
            self.chat_window = None
        for part in parts:
            if part is not None:
                part.close()
                part.deleteLater()
        self.consent = self.share_bar = self.report = None
        self.guidance, self.control, self.privacy = None, None, None

    def _drop_client(self) -> None:
        if self.own_windows is not None:
            self.own_windows.stop()
            self.own_windows.deleteLater()
            self.own_windows = None
        client, self.client = self.client, None
        self._connected = False
        if client is not None:
            self.bridge.call(client.close())

    def shutdown(self) -> None:
        """Close the connection before the app exits (the agent sees "customer left")."""
        client, self.client = self.client, None
        if client is not None:
            self.bridge.runner.run(client.close(), timeout=10)
