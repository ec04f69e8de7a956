"""The agent's private notes on a session: saved as they type, never shown to the customer."""

from __future__ import annotations

import time
import uuid

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from signaling.protocol import MAX_NOTE_CHARS

#: Typing pauses this long before the note is kept locally and saved.
AUTOSAVE_MS = 800
#: A failed save is tried again this often until it succeeds.
RETRY_MS = 5000


class NotesPanel(QWidget):
    """Emits ``draft_changed(note_id, text)`` on every typing pause (keep it on this
    computer, even while a save is on its way) and ``save_requested(note_id, text)`` when
    no save is on its way; answer each save with :meth:`mark_saved`, :meth:`mark_failed`
    (tried again) or :meth:`mark_refused` (the server will never take it).

    ``note_id`` and ``text`` reopen a note that was never saved (restored after a crash):
    its save is requested at once.
    """

    save_requested = Signal(str, str)
    draft_changed = Signal(str, str)

    def __init__(
        self, parent: QWidget | None = None, note_id: str | None = None, text: str = ""
    ) -> None:
        super().__init__(parent)
        self.note_id = note_id or uuid.uuid4().hex
        self.title = QLabel(self.tr("Private notes (only you and your team see these)"))
        self.edit = QPlainTextEdit(self)
        self.edit.setPlaceholderText(self.tr("What did the customer say? What did you try?"))
        self.edit.setPlainText(text)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_pause)
        self._saved_text = ""
        self._kept_text = text  # a restored text came from the outbox: kept already
        self._in_flight: str | None = None
        self.edit.textChanged.connect(self._on_edit_text_changed)
        if text:
            self.status.setText(self.tr("Restored — saving…"))
            self._timer.start(0)  # after the caller connected the signals

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
    def _on_pause(self) -> None:
        if len(self.text) > MAX_NOTE_CHARS:
            return
        if self.text != self._kept_text:
            self._kept_text = self.text
            self.draft_changed.emit(self.note_id, self._kept_text)
        if not self.unsaved or self._in_flight is not None:
            return  # what a save in flight leaves unsaved is saved when it answers
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

    def erase(self, reason: str) -> None:
        """The session's data was deleted: the note goes from the screen and nothing of it
        is kept or saved again."""
        self._timer.stop()
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.edit.setReadOnly(True)
        self._saved_text = self._kept_text = ""
        self._in_flight = None
        self.status.setText(reason)

    def saved_elsewhere(self, note_id: str, text: str, saved_at: float) -> None:
        """The client saved this note's kept text after reconnecting: if that is what the
        pane shows and no save of its own is on its way, it is saved."""
        if note_id != self.note_id or self._in_flight is not None or text != self.text:
            return
        self._in_flight = text
        self._timer.stop()
        self.mark_saved(saved_at)

    def mark_failed(self, reason: str) -> None:
        self._in_flight = None
        self.status.setText(self.tr("Not saved yet (%1) — retrying").replace("%1", reason))
        self._timer.start(RETRY_MS)

    def mark_refused(self, reason: str) -> None:
        """The server will not take this note (its session is too old or not yours): no
        more retries; it stays on this computer until discarded."""
        self._in_flight = None
        self._timer.stop()
        self.status.setText(self.tr("Not saved: %1").replace("%1", reason))
