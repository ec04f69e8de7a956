"""The agent's private notes on a session: saved as they type, never shown to the customer."""

from __future__ import annotations

import time
import uuid

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from signaling.protocol import MAX_NOTE_CHARS

#: Typing pauses this long before the note is saved.
AUTOSAVE_MS = 800
#: A failed save is tried again this often until it succeeds.
RETRY_MS = 5000


class NotesPanel(QWidget):
    """Emits ``save_requested(note_id, text)``; call :meth:`mark_saved` or :meth:`mark_failed`."""

    save_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_id = uuid.uuid4().hex
        self.title = QLabel(self.tr("Private notes (only you and your team see these)"))
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText(self.tr("What did the customer say? What did you try?"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._save_now)
        self._saved_text = ""
        self._in_flight: str | None = None
        self.edit.textChanged.connect(self._on_edit_text_changed)

    @property
    def text(self) -> str:
        return self.edit.toPlainText()

    @property
    def unsaved(self) -> bool:
        return self.text != self._saved_text

    @Slot()
    def _on_edit_text_changed(self) -> None:
        if len(self.text) > MAX_NOTE_CHARS:
            self.status.setText(self.tr("The note is too long to save."))
            return
        self.status.setText(self.tr("Editing…"))
        self._timer.start(AUTOSAVE_MS)

    @Slot()
    def _save_now(self) -> None:
        if not self.unsaved or self._in_flight is not None:
            return
        self._in_flight = self.text
        self.save_requested.emit(self.note_id, self._in_flight)

    def mark_saved(self, saved_at: float) -> None:
        if self._in_flight is not None:
            self._saved_text = self._in_flight
        self._in_flight = None
        stamp = time.strftime("%H:%M:%S", time.localtime(saved_at))
        self.status.setText(self.tr("Saved at %1").replace("%1", stamp))
        if self.unsaved:  # typed more while saving
            self._timer.start(AUTOSAVE_MS)

    def mark_failed(self, reason: str) -> None:
        self._in_flight = None
        self.status.setText(self.tr("Not saved yet (%1) — retrying").replace("%1", reason))
        self._timer.start(RETRY_MS)
