"""The console's "Restored" tab: what the last run left unsaved, shown back to the agent.

Unsaved notes reopen in a notes editor (saved again at once, and editable); wrap-ups the
server never confirmed are sent again at once and shown read-only, as are chat messages
that were never delivered. Each has Copy, and Discard, which
asks first: nothing typed disappears without the agent choosing so.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assist.agent.history_views import outcome_text
from assist.agent.notes_panel import NotesPanel
from assist.core.outbox import PendingChat, PendingNote, PendingWrapUp

#: Asked before something unsent is thrown away; True to go ahead.
ConfirmDiscard = Callable[[QWidget, str], bool]


def ask_before_discarding(parent: QWidget, question: str) -> bool:
    buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    title = QCoreApplication.translate("RestoredTab", "Discard")
    answer = QMessageBox.question(
        parent, title, question, buttons, QMessageBox.StandardButton.Cancel
    )
    return answer == QMessageBox.StandardButton.Discard


class RestoredItem(QFrame):
    """One restored note or message: a title naming its session, the text, Copy, Discard."""

    discard_clicked = Signal()

    def __init__(self, session_id: str, edited_at: float, parent: QWidget) -> None:
        super().__init__(parent)
        self.session_id = session_id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # customer names come from others
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(edited_at))
        # Named context: self.tr() here would look the text up under the subclass's name.
        edited = QCoreApplication.translate("RestoredItem", "Last edited %1")
        self.edited = QLabel(edited.replace("%1", stamp))
        self.copy_button = QPushButton(QCoreApplication.translate("RestoredItem", "Copy"))
        self.discard_button = QPushButton(QCoreApplication.translate("RestoredItem", "Discard…"))
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.edited, 1)
        self.buttons.addWidget(self.copy_button)
        self.buttons.addWidget(self.discard_button)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text))
        self.discard_button.clicked.connect(self.discard_clicked)
        self.name_session(session_id)  # until the history names its customer

    @property
    def text(self) -> str:
        raise NotImplementedError

    def name_session(self, label: str) -> None:
        raise NotImplementedError


class RestoredNote(RestoredItem):
    """A note the server never confirmed, in an editor that saves it as the agent types."""

    def __init__(self, note: PendingNote, parent: QWidget) -> None:
        super().__init__(note.session_id, note.updated_at, parent)
        self.notes = NotesPanel(self, note.note_id, note.text)
        self.notes.title.hide()
        self.notes.edit.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.notes)
        layout.addLayout(self.buttons)
        self.notes.edit.textChanged.connect(self._refresh)

    @property
    def note_id(self) -> str:
        return self.notes.note_id

    @property
    def key(self) -> tuple[str, str]:
        return self.session_id, self.note_id

    @property
    def text(self) -> str:
        return self.notes.text

    @property
    def settled(self) -> bool:
        """Saved as it stands: closing it loses nothing."""
        return not self.notes.unsaved

    def name_session(self, label: str) -> None:
        self.title.setText(self.tr("Unsaved note from session %1 — restored").replace("%1", label))

    def mark_saved(self, saved_at: float) -> None:
        self.notes.mark_saved(saved_at)
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        self.discard_button.setText(self.tr("Close") if self.settled else self.tr("Discard…"))


class RestoredChat(RestoredItem):
    """A chat message that was never delivered (this app does not take a session up again
    after a restart yet): kept to copy, until discarded."""

    def __init__(self, message: PendingChat, parent: QWidget) -> None:
        super().__init__(message.session_id, message.created_at, parent)
        self.msg_id = message.msg_id
        self.key = (message.session_id, message.msg_id)
        self.view = QPlainTextEdit(message.text, self)
        self.view.setReadOnly(True)
        self.view.setMaximumHeight(90)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        layout.addLayout(self.buttons)

    @property
    def text(self) -> str:
        return self.view.toPlainText()

    def name_session(self, label: str) -> None:
        self.title.setText(self.tr("Message not delivered in session %1").replace("%1", label))


class RestoredWrapUp(RestoredItem):
    """A wrap-up (or skip) the server never confirmed: sent again at once, and kept here
    until it is stored or the agent discards it."""

    retry_clicked = Signal()

    def __init__(self, kept: PendingWrapUp, parent: QWidget) -> None:
        self.wrap_up = kept.wrap_up
        super().__init__(kept.session_id, kept.updated_at, parent)
        self.saved = False
        self.view = QPlainTextEdit(self._summary(), self)
        self.view.setReadOnly(True)
        self.view.setMaximumHeight(110)
        self.status = QLabel(self.tr("Saving…"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.hide()
        self.buttons.insertWidget(1, self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        layout.addWidget(self.status)
        layout.addLayout(self.buttons)
        self.retry_button.clicked.connect(self.retry_clicked)

    @property
    def text(self) -> str:
        return self.view.toPlainText()

    def name_session(self, label: str) -> None:
        if self.wrap_up.skipped:
            title = self.tr("Skipped wrap-up of session %1 — restored")
        else:
            title = self.tr("Wrap-up of session %1 — restored")
        self.title.setText(title.replace("%1", label))

    def mark_saving(self) -> None:
        self.status.setText(self.tr("Saving…"))
        self.retry_button.hide()

    def mark_saved(self) -> None:
        self.saved = True
        self.status.setText(self.tr("Saved to the session's history."))
        self.retry_button.hide()
        self.discard_button.setText(self.tr("Close"))

    def mark_failed(self, reason: str, for_good: bool) -> None:
        """Not stored; ``for_good``: the server will not take it (Discard is left)."""
        self.status.setText(self.tr("Not saved: %1").replace("%1", reason))
        self.retry_button.setVisible(not for_good)

    def _summary(self) -> str:
        wrap_up = self.wrap_up
        if wrap_up.skipped:
            return self.tr("You chose to skip the wrap-up of this session.")
        outcome = outcome_text(wrap_up.outcome.value if wrap_up.outcome else None)
        lines = [
            self.tr("Category: %1").replace("%1", wrap_up.category),
            self.tr("Outcome: %1").replace("%1", outcome),
        ]
        if wrap_up.tags:
            lines.append(self.tr("Tags: %1").replace("%1", ", ".join(wrap_up.tags)))
        if wrap_up.final_note:
            lines.append(self.tr("Final note: %1").replace("%1", wrap_up.final_note))
        return "\n".join(lines)


class RestoredTab(QWidget):
    """Lists what was restored; the controller saves notes and forgets what is discarded."""

    note_save_requested = Signal(str, str, str)  # session id, note id, text
    note_draft_changed = Signal(str, str, str)
    note_discarded = Signal(str, str)  # session id, note id
    chat_discarded = Signal(str, str)  # session id, msg id
    wrap_up_retry_requested = Signal(str)  # session id
    wrap_up_discarded = Signal(str)  # session id
    title_changed = Signal(str)
    emptied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirm_discard: ConfirmDiscard = ask_before_discarding
        self.intro = QLabel(
            self.tr(
                "Assist closed before these were saved. They were kept on this computer: "
                "notes and wrap-ups are being saved to the session's history now, and "
                "messages that were not delivered stay here for you to copy."
            )
        )
        self.intro.setWordWrap(True)
        self.items: list[RestoredItem] = []
        self._list = QVBoxLayout()
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.intro)
        column.addLayout(self._list)
        column.addStretch()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    @property
    def title(self) -> str:
        return self.tr("Restored (%n)", "", len(self.items))

    @property
    def session_ids(self) -> list[str]:
        return list(dict.fromkeys(item.session_id for item in self.items))

    def add_note(self, note: PendingNote) -> RestoredNote:
        item = RestoredNote(note, self)
        sid = note.session_id
        item.notes.save_requested.connect(
            lambda nid, text: self.note_save_requested.emit(sid, nid, text)
        )
        item.notes.draft_changed.connect(
            lambda nid, text: self.note_draft_changed.emit(sid, nid, text)
        )
        item.discard_clicked.connect(lambda: self._on_note_discard_clicked(item))
        self._add(item)
        return item

    def add_chat(self, message: PendingChat) -> RestoredChat:
        item = RestoredChat(message, self)
        item.discard_clicked.connect(lambda: self._on_chat_discard_clicked(item))
        self._add(item)
        return item

    def add_wrap_up(self, kept: PendingWrapUp) -> RestoredWrapUp:
        item = RestoredWrapUp(kept, self)
        sid = kept.session_id
        item.retry_clicked.connect(lambda: self.wrap_up_retry_requested.emit(sid))
        item.discard_clicked.connect(lambda: self._on_wrap_up_discard_clicked(item))
        self._add(item)
        return item

    def wrap_up(self, session_id: str) -> RestoredWrapUp | None:
        kept = (i for i in self.items if isinstance(i, RestoredWrapUp))
        return next((i for i in kept if i.session_id == session_id), None)

    def note(self, session_id: str, note_id: str) -> RestoredNote | None:
        notes = (i for i in self.items if isinstance(i, RestoredNote))
        return next((i for i in notes if i.key == (session_id, note_id)), None)

    def chat(self, session_id: str, msg_id: str) -> RestoredChat | None:
        messages = (i for i in self.items if isinstance(i, RestoredChat))
        return next((i for i in messages if i.key == (session_id, msg_id)), None)

    def name_session(self, session_id: str, customer_name: str | None, started: float) -> None:
        """Name the session by its customer and start time once the history says them."""
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(started))
        label = f"{customer_name}, {stamp}" if customer_name else stamp
        for item in self.items:
            if item.session_id == session_id:
                item.name_session(label)

    def remove(self, item: RestoredItem) -> None:
        if item not in self.items:
            return
        self.items.remove(item)
        item.hide()
        item.deleteLater()
        self.title_changed.emit(self.title)
        if not self.items:
            self.emptied.emit()

    def _add(self, item: RestoredItem) -> None:
        self.items.append(item)
        self._list.addWidget(item)
        self.title_changed.emit(self.title)

    def _on_note_discard_clicked(self, item: RestoredNote) -> None:
        if item.settled:
            self.remove(item)  # saved: nothing left to lose
            return
        question = self.tr("Discard this note? It was never saved and cannot be recovered.")
        if self.confirm_discard(self, question):
            self.note_discarded.emit(item.session_id, item.note_id)

    def _on_wrap_up_discard_clicked(self, item: RestoredWrapUp) -> None:
        if item.saved:
            self.remove(item)
            return
        question = self.tr("Discard this wrap-up? It was never saved and cannot be recovered.")
        if self.confirm_discard(self, question):
            self.wrap_up_discarded.emit(item.session_id)

    def _on_chat_discard_clicked(self, item: RestoredChat) -> None:
        question = self.tr("Discard this message? It was never delivered.")
        if self.confirm_discard(self, question):
            self.chat_discarded.emit(item.session_id, item.msg_id)
