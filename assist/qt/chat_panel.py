"""Chat view shared by both apps: transcript, a message box (Enter sends) and Retry."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assist.core.chat import ChatEntry
from assist.qt.chat_model import ChatModel
from signaling.protocol import MAX_CHAT_CHARS, Role


class MessageEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line (IME composition is not affected)."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class ChatPanel(QWidget):
    """Emits ``message_submitted`` with the text; the caller sends it and feeds the model."""

    message_submitted = Signal(str)
    retry_requested = Signal()

    def __init__(self, own_role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChatModel(own_role, self)
        self.transcript = QListView(self)
        self.transcript.setModel(self.model)
        self.transcript.setWordWrap(True)
        self.transcript.setSpacing(4)
        self.transcript.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.transcript.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.edit = MessageEdit(self)
        self.edit.setPlaceholderText(self.tr("Type a message — Enter sends, Shift+Enter new line"))
        self.edit.setFixedHeight(72)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setVisible(False)

        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch()
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addLayout(buttons)
        self.setMinimumWidth(300)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.transcript, 1)
        layout.addLayout(row)

        self.edit.submitted.connect(self._submit)
        self.send_button.clicked.connect(self._submit)
        self.retry_button.clicked.connect(self.retry_requested)
        self.model.rowsInserted.connect(self.transcript.scrollToBottom)

    @Slot(object)
    def apply(self, entry: ChatEntry) -> None:
        self.model.apply(entry)
        self.retry_button.setVisible(any(e.failed for e in self.model.entries))

    def erase(self) -> None:
        """The session's data was deleted: no message of it stays on screen."""
        self.model.clear()
        self.edit.clear()
        self.retry_button.setVisible(False)

    def set_enabled(self, enabled: bool) -> None:
        self.edit.setEnabled(enabled)
        self.send_button.setEnabled(enabled)

    @Slot()
    def _submit(self) -> None:
        text = self.edit.toPlainText().strip()
        if not text:
            return
        if len(text) > MAX_CHAT_CHARS:
            self.edit.setToolTip(self.tr("The message is too long."))
            return
        self.edit.clear()
        self.message_submitted.emit(text)
