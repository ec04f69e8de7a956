"""One session in the agent console: the code to read out, who waits, the screen, chat."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assist.agent.control_input import ControlInput
from assist.agent.customer_panel import CustomerPanel
from assist.agent.guidance_bar import GuidanceBar
from assist.agent.guidance_tools import GuidanceTools
from assist.agent.identity_bar import IdentityBar
from assist.agent.notes_panel import NotesPanel
from assist.core import guidance as g
from assist.core.chat import ChatEntry
from assist.core.invite import Invite
from assist.core.wrapup import WrapUpFields
from assist.qt.bridge import FrameImage
from assist.qt.chat_panel import ChatPanel
from assist.qt.messages import end_reason_text, share_reason_text
from assist.qt.remote_view import RemoteScreenView
from signaling.protocol import Capability, EndReason, Role, ShareReason, ShareState, format_code


class CodePanel(QFrame):
    """The code in large digits, its countdown, and the invite link, each with Copy."""

    def __init__(self, code: str, invite: Invite, expires_in: float, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.code = code
        self._deadline = time.monotonic() + expires_in
        self.code_label = QLabel(format_code(code))
        font = QFont(self.code_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_code = QPushButton(self.tr("Copy code"))
        self.expiry_label = QLabel()
        self.expiry_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.link_edit = QLineEdit(invite.link())
        self.link_edit.setReadOnly(True)
        self.copy_link = QPushButton(self.tr("Copy invite link"))
        hint = QLabel(self.tr("Read this code to the customer, or send them the invite link."))
        hint.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.code_label)
        top.addWidget(self.copy_code)
        top.addStretch()
        top.addWidget(self.expiry_label)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_edit, 1)
        link_row.addWidget(self.copy_link)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addLayout(link_row)

        self.copy_code.clicked.connect(lambda: _copy(self.code))
        self.copy_link.clicked.connect(lambda: _copy(self.link_edit.text()))
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._tick()

    @property
    def seconds_left(self) -> int:
        return max(0, round(self._deadline - time.monotonic()))

    @Slot()
    def _tick(self) -> None:
        minutes, seconds = divmod(self.seconds_left, 60)
        self.expiry_label.setText(
            self.tr("Expires in %1").replace("%1", f"{minutes}:{seconds:02d}")
        )
        if self.seconds_left == 0:
            self._timer.stop()


class WaitingRow(QFrame):
    """ "Hanako is waiting" with Admit and Decline."""

    admit_clicked = Signal(str)
    decline_clicked = Signal(str)

    def __init__(self, join_id: str, customer_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.join_id = join_id
        self.name = customer_name
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self.tr("%1 is waiting").replace("%1", customer_name))
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.admit_button = QPushButton(self.tr("Admit"))
        self.admit_button.setDefault(True)
        self.decline_button = QPushButton(self.tr("Decline"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.admit_button)
        layout.addWidget(self.decline_button)
        self.admit_button.clicked.connect(lambda: self.admit_clicked.emit(self.join_id))
        self.decline_button.clicked.connect(lambda: self.decline_clicked.emit(self.join_id))


class SessionTab(QWidget):
    """Everything about one session. Requests go out as signals; the controller acts."""

    admit_requested = Signal(str, str)  # session id, join id
    decline_requested = Signal(str, str)
    chat_submitted = Signal(str, str)  # session id, text
    chat_retry_requested = Signal(str)
    note_save_requested = Signal(str, str, str)  # session id, note id, text
    note_draft_changed = Signal(str, str, str)  # session id, note id, text
    end_requested = Signal(str)
    title_changed = Signal(str, str)  # session id, new tab title
    view_size_changed = Signal(str, int, int)  # session id, size to deliver the screen at
    guidance_requested = Signal(str, object)  # session id, guidance.Guidance to send

    def __init__(
        self, session_id: str, code: str, invite: Invite, expires_in: float, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.session_id = session_id
        self.customer_name: str | None = None
        self.ended = False
        self.wrapped_up = False
        #: A wrap-up that could not be saved: the next one starts from it.
        self.unsaved_wrap_up: WrapUpFields | None = None
        self.code_panel = CodePanel(code, invite, expires_in, self)
        self.waiting: dict[str, WaitingRow] = {}
        self._waiting_box = QVBoxLayout()
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.status_label.setWordWrap(True)
        self.fit_button = QToolButton()
        self.fit_button.setText(self.tr("1:1"))
        self.fit_button.setCheckable(True)
        self.fit_button.setToolTip(self.tr("Show the screen pixel for pixel (scroll to see all)"))
        self.end_button = QPushButton(self.tr("End session"))
        self.view = RemoteScreenView(self)
        self.tools = GuidanceTools()
        self.control = ControlInput()
        self.guidance_bar = GuidanceBar(self.tools, self.control, self)
        self.view.set_tools(self.tools)
        self.view.set_control(self.control)
        self.chat = ChatPanel(Role.AGENT, self)
        self.chat.set_enabled(False)
        self.notes = NotesPanel(self)
        self.identity = IdentityBar(self)
        self.customer = CustomerPanel(self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.addTab(self.chat, self.tr("Chat"))
        self.side_tabs.addTab(self.customer, self.tr("Customer"))
        self.customer.record_changed.connect(self._on_customer_record_changed)

        header = QHBoxLayout()
        header.addWidget(self.status_label, 1)
        header.addWidget(self.fit_button)
        header.addWidget(self.end_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(self.side_tabs)
        side.addWidget(self.notes)
        side.setSizes([420, 220])
        screen_box = QWidget(self)
        screen_layout = QVBoxLayout(screen_box)
        screen_layout.setContentsMargins(0, 0, 0, 0)
        screen_layout.addWidget(self.guidance_bar)
        screen_layout.addWidget(self.view, 1)
        splitter.addWidget(screen_box)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(self.code_panel)
        layout.addLayout(self._waiting_box)
        layout.addWidget(self.identity)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)

        self.fit_button.toggled.connect(self.view.set_one_to_one)
        self.tools.changed.connect(self.view.update_tools)
        for source in (self.tools.guidance_made, self.control.input_made):
            source.connect(lambda message: self.guidance_requested.emit(self.session_id, message))
        self.guidance_bar.control_requested.connect(
            lambda: self.guidance_requested.emit(self.session_id, g.ControlRequest())
        )
        self.guidance_bar.share_requested.connect(
            lambda: self.guidance_requested.emit(self.session_id, g.ShareRequest())
        )
        self.view.display_size_changed.connect(
            lambda width, height: self.view_size_changed.emit(self.session_id, width, height)
        )
        self.end_button.clicked.connect(lambda: self.end_requested.emit(self.session_id))
        self.chat.message_submitted.connect(
            lambda text: self.chat_submitted.emit(self.session_id, text)
        )
        self.chat.retry_requested.connect(lambda: self.chat_retry_requested.emit(self.session_id))
        self.notes.save_requested.connect(
            lambda note_id, text: self.note_save_requested.emit(self.session_id, note_id, text)
        )
        self.notes.draft_changed.connect(
            lambda note_id, text: self.note_draft_changed.emit(self.session_id, note_id, text)
        )
        self._show_waiting()
        self.view.set_notice(self.tr("The customer's screen will appear here."))

    @property
    def needs_wrap_up(self) -> bool:
        """A customer was admitted and the wrap-up is neither saved nor skipped yet."""
        return self.customer_name is not None and not self.wrapped_up

    @property
    def title(self) -> str:
        name = self.customer_name or format_code(self.code_panel.code)
        return self.tr("%1 (ended)").replace("%1", name) if self.ended else name

    # ------------------------------------------------------------ updates

    @Slot(str, str)
    def on_join_requested(self, join_id: str, customer_name: str) -> None:
        row = WaitingRow(join_id, customer_name, self)
        row.admit_clicked.connect(lambda jid: self.admit_requested.emit(self.session_id, jid))
        row.decline_clicked.connect(lambda jid: self.decline_requested.emit(self.session_id, jid))
        self.waiting[join_id] = row
        self._waiting_box.addWidget(row)
        self._show_waiting()
        QApplication.alert(self.window(), 0)

    @Slot(str)
    def remove_waiting(self, join_id: str) -> None:
        row = self.waiting.pop(join_id, None)
        if row is not None:
            row.deleteLater()
            self._show_waiting()

    def _show_waiting(self) -> None:
        """Before anyone is admitted: who is waiting for Admit, or that nobody is yet."""
        if self.ended or self.customer_name is not None:
            return
        if self.waiting:
            name = next(reversed(self.waiting.values())).name
            self._set_status(self.tr("%1 is waiting to be admitted.").replace("%1", name))
        else:
            self._set_status(self.tr("Waiting for the customer to enter the code."))

    @Slot(str)
    def on_customer_admitted(self, customer_name: str) -> None:
        self.customer_name = customer_name
        for join_id in list(self.waiting):
            self.remove_waiting(join_id)
        self.code_panel.hide()
        self.chat.set_enabled(True)
        self._set_status(self.tr("%1 joined.").replace("%1", customer_name))
        self.view.set_notice(
            self.tr("Waiting for %1 to allow screen sharing…").replace("%1", customer_name)
        )
        self.title_changed.emit(self.session_id, self.title)

    @Slot(int, bool)
    def _on_customer_record_changed(self, past_sessions: int, verified: bool) -> None:
        label = self.tr("Customer (%n)", "", past_sessions)
        self.side_tabs.setTabText(1, label if verified else f"⚠ {label}")

    @Slot(object)
    def on_frame(self, frame: FrameImage) -> None:
        self.view.show_frame(frame)

    @Slot(object, object)
    def on_share_changed(self, state: ShareState, reason: ShareReason) -> None:
        name = self.customer_name or ""
        if state is ShareState.SHARING:
            self._set_status(self.tr("%1 is sharing their screen.").replace("%1", name))
            self.view.set_notice("")
        elif state is ShareState.PAUSED and reason is ShareReason.AGENT_AWAY:
            # Our connection or heartbeat did not reach the customer for a while: their app
            # paused the share itself, and resumes it now that we are back.
            self._set_status(
                self.tr("%1's app paused sharing while your connection was lost.").replace(
                    "%1", name
                )
            )
            self.view.set_notice(self.tr("Sharing is paused until your connection is back."))
        elif state is ShareState.PAUSED:
            self._set_status(self.tr("%1 paused sharing.").replace("%1", name))
            self.view.set_notice(self.tr("Sharing is paused."))
        elif reason is ShareReason.DECLINED:
            self._set_status(
                self.tr(
                    "%1 declined to share their screen. You can go on in the chat; they can "
                    "still share from their bar."
                ).replace("%1", name)
            )
            self.view.set_notice(self.tr("The customer declined to share their screen."))
        else:
            self.view.set_hidden(())
            text = self.tr("Sharing stopped: %1").replace("%1", share_reason_text(reason))
            self._set_status(text)
            self.view.set_notice(text)

    @Slot(object)
    def on_permissions_changed(self, granted: frozenset[Capability]) -> None:
        self.guidance_bar.set_granted(frozenset() if self.ended else granted)
        self.view.update_tools()

    @Slot(object)
    def on_customer_guidance(self, message: g.Guidance) -> None:
        if isinstance(message, g.Erase):  # the customer cleared the drawings
            self.tools.erased_by_customer()
        elif isinstance(message, g.Hidden):
            self.view.set_hidden(message.rects)

    @Slot()
    def on_stream_ended(self) -> None:
        if not self.view.notice:
            self.view.set_notice(self.tr("The screen stream ended."))

    @Slot(object)
    def on_chat(self, entry: ChatEntry) -> None:
        self.chat.apply(entry)

    @Slot(object)
    def on_session_closed(self, reason: EndReason) -> None:
        self._end(end_reason_text(reason, Role.AGENT))

    def on_connection_lost(self, text: str) -> None:
        """The server is gone, and the session with it (the media was stopped first)."""
        self._end(text)

    def _end(self, text: str) -> None:
        self.ended = True
        self.guidance_bar.set_granted(frozenset())
        for join_id in list(self.waiting):
            self.remove_waiting(join_id)
        self.code_panel.hide()
        self.chat.set_enabled(False)
        if self.needs_wrap_up:
            self.end_button.setText(self.tr("Wrap up"))
            self.end_button.setToolTip(
                self.tr("Choose a category and an outcome for this session, or skip it.")
            )
        elif not self.wrapped_up:
            self.end_button.hide()  # nobody was admitted: there is nothing to wrap up
        self._set_status(text)
        self.view.set_notice(text)
        self.title_changed.emit(self.session_id, self.title)

    def on_wrapped_up(self, skipped: bool = False) -> None:
        self.wrapped_up = True
        self.end_button.setEnabled(False)
        self.end_button.setToolTip("")
        self.end_button.setText(self.tr("Wrap-up skipped") if skipped else self.tr("Wrapped up"))

    def show_error(self, text: str) -> None:
        self._set_status(text)

    def erase(self, reason: str) -> None:
        """The session's data was deleted on request: chat, notes and the customer's record
        leave the screen (the outboxes were purged by the client)."""
        self.chat.erase()
        self.notes.erase(reason)
        self.identity.hide()
        self._set_status(reason)

    def show_connection_state(self, text: str) -> None:
        """The server or the customer is away or back (the session itself goes on)."""
        if not self.ended:
            self._set_status(text)

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)


def _copy(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
