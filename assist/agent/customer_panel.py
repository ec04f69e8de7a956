"""The Customer panel: who this is and what happened before, so nobody asks twice.

Shows the record (name, contact, first seen, how many sessions) and a timeline of past
sessions; choosing one shows it in full below. While the record was matched only from what
the customer typed, the timeline sits behind an "unverified" notice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assist.agent.history_views import (
    PastSessionView,
    duration,
    erased_text,
    outcome_text,
    stars,
    when,
)
from signaling import protocol as p

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole


class CustomerPanel(QWidget):
    """Call :meth:`show_record` with the server's ``customer_record``; a chosen past session
    is asked for with ``session_requested`` and shown with :meth:`show_session`."""

    session_requested = Signal(str)
    #: The record or its verification changed: (past sessions, verified).
    record_changed = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: p.CustomerRecord | None = None
        self.current_session: str | None = None
        self.verified = True
        self.name_label = QLabel()
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        font = self.name_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.name_label.setFont(font)
        self.facts_label = QLabel()
        self.facts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.facts_label.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "background: #fff4e5; color: #663c00; padding: 6px; border-radius: 4px;"
        )
        self.notice.hide()
        self.timeline = QTreeWidget(self)
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Agent"),
                self.tr("Duration"),
                self.tr("Category"),
                self.tr("Outcome"),
                self.tr("Rating"),
            ]
        )
        self.empty_label = QLabel(self.tr("No past sessions."))
        self.detail = PastSessionView(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.timeline)
        splitter.addWidget(self.detail)
        splitter.setSizes([260, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        self.timeline.currentItemChanged.connect(self._on_timeline_current_item_changed)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.name_label.setText(self.tr("The customer's record appears once they are admitted."))

    def show_record(
        self, record: p.CustomerRecord, verified: bool, current_session: str | None = None
    ) -> None:
        """Show ``record``; ``current_session`` (the live one) is left out of the timeline."""
        self.record, self.current_session = record, current_session
        customer = record.customer
        self.name_label.setText(customer.display_name)
        past = [s for s in record.sessions if s.session_id != current_session]
        facts = [
            customer.email or "",
            self.tr("Customer number: %1").replace("%1", customer.customer_number or "")
            if customer.customer_number
            else "",
            self.tr("First seen %1").replace("%1", when(customer.first_seen)),
            self.tr("%n past session(s)", "", len(past)),
        ]
        self.facts_label.setText(" · ".join(f for f in facts if f))
        self.timeline.clear()
        for session in past:
            item = self._item(session)
            self.timeline.addTopLevelItem(item)
            if (notes := item.child(0)) is not None:
                notes.setFirstColumnSpanned(True)
                item.setExpanded(True)
        for column in range(self.timeline.columnCount()):
            self.timeline.resizeColumnToContents(column)
        self.empty_label.setVisible(not past)
        self.detail.show_hint()
        self.set_verified(verified)

    @property
    def past_sessions(self) -> int:
        return self.timeline.topLevelItemCount()

    def set_verified(self, verified: bool) -> None:
        self.verified = verified
        self.notice.setText(
            self.tr(
                "Unverified — this record was matched only from what the customer typed. "
                "Confirm their identity before relying on this history."
            )
        )
        self.notice.setVisible(not verified and self.record is not None)
        if self.record is not None:
            self.record_changed.emit(self.past_sessions, verified)

    def forget(self, session_ids: set[str]) -> None:
        """These sessions were erased: their rows and details go. If the live session is
        among them, the customer's whole record was deleted: the panel empties."""
        if self.current_session in session_ids:
            self.record = None
            self.timeline.clear()
            self.facts_label.clear()
            self.notice.hide()
            self.name_label.setText(erased_text())
            self.detail.show_hint()
            return
        # Quietly: removing the current row must not open the next one in its place.
        blocked = self.timeline.blockSignals(True)
        for index in reversed(range(self.timeline.topLevelItemCount())):
            item = self.timeline.topLevelItem(index)
            if item is not None and str(item.data(0, SESSION_ID_ROLE)) in session_ids:
                self.timeline.takeTopLevelItem(index)
        self.timeline.blockSignals(blocked)
        self.detail.forget(session_ids)
        self.empty_label.setVisible(self.record is not None and not self.past_sessions)
        if self.record is not None:
            self.record_changed.emit(self.past_sessions, self.verified)

    @Slot(object)
    def show_session(self, history: p.SessionHistory) -> None:
        self.detail.show_session(history)
        self.status.clear()

    def show_error(self, text: str) -> None:
        self.status.setText(text)

    def _item(self, session: p.SessionInfo) -> QTreeWidgetItem:
        """The session's summary row, and under it the first lines of its notes."""
        item = QTreeWidgetItem(
            [
                when(session.created_at),
                session.agent_display_name,
                duration(session),
                session.category or "",
                outcome_text(session.outcome),
                stars(session.rating),
            ]
        )
        item.setData(0, SESSION_ID_ROLE, session.session_id)
        preview = " ".join(session.note_preview.split())  # one line in the timeline
        if preview:
            notes = QTreeWidgetItem([preview])
            notes.setData(0, SESSION_ID_ROLE, session.session_id)
            notes.setToolTip(0, session.note_preview)
            notes.setForeground(0, self.palette().placeholderText())
            item.addChild(notes)
        return item

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_timeline_current_item_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        if current is not None:
            self.status.setText(self.tr("Loading…"))
            self.session_requested.emit(str(current.data(0, SESSION_ID_ROLE)))
