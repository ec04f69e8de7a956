"""Search the history: customers by name, e-mail or number, and every transcript and note,
Japanese included from one character. Open a customer's record or a past session; re-link a
session to the right customer; merge two records of the same person."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assist.agent.customer_panel import CustomerPanel
from assist.agent.history_views import PastSessionView, when
from signaling import protocol as p

KIND_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def customer_line(customer: p.CustomerInfo) -> str:
    contact = [c for c in (customer.email, customer.customer_number) if c]
    return f"{customer.display_name} ({', '.join(contact)})" if contact else customer.display_name


class CustomerPicker(QDialog):
    """Choose a customer record by searching for it (the target of a re-link or merge)."""

    search_requested = Signal(str)

    def __init__(self, title: str, exclude: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.exclude = exclude
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Name, e-mail or customer number"))
        self.results = QListWidget()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)
        self.query.returnPressed.connect(lambda: self.search_requested.emit(self.query.text()))
        self.results.currentItemChanged.connect(
            lambda item, _: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                item is not None
            )
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(460, 360)

    def show_customers(self, customers: list[p.CustomerInfo]) -> None:
        self.results.clear()
        for customer in customers:
            if customer.customer_id == self.exclude:
                continue
            item = QListWidgetItem(customer_line(customer))
            item.setData(KEY_ROLE, customer.customer_id)
            self.results.addItem(item)

    @property
    def chosen(self) -> int | None:
        item = self.results.currentItem()
        return None if item is None else int(item.data(KEY_ROLE))


class SearchWindow(QWidget):
    """Emits requests; the controller answers with :meth:`show_results`, :meth:`show_customer`
    and :meth:`show_session`."""

    search_requested = Signal(str)
    customer_requested = Signal(int)
    session_requested = Signal(str)
    relink_requested = Signal(str)  # session id: the controller asks for the target
    merge_requested = Signal(int)  # source customer id: the controller asks for the target

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Search history"))
        self.query = QLineEdit()
        self.query.setPlaceholderText(
            self.tr("Customer name, e-mail, number, or words from notes and chats")
        )
        self.query.setMaxLength(p.MAX_QUERY_CHARS)
        self.search_button = QPushButton(self.tr("Search"))
        self.results = QTreeWidget()
        self.results.setHeaderLabels([self.tr("Found"), self.tr("When"), self.tr("Customer")])
        self.results.setColumnWidth(0, 300)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.customer = CustomerPanel(self)
        self.merge_button = QPushButton(self.tr("Merge into another record…"))
        self.session = PastSessionView(self)
        self.relink_button = QPushButton(self.tr("Link this session to another customer…"))
        self.stack = QStackedWidget()
        customer_page, session_page = QWidget(), QWidget()
        customer_layout = QVBoxLayout(customer_page)
        customer_layout.addWidget(self.customer, 1)
        customer_layout.addWidget(self.merge_button, 0, Qt.AlignmentFlag.AlignRight)
        session_layout = QVBoxLayout(session_page)
        session_layout.addWidget(self.session, 1)
        session_layout.addWidget(self.relink_button, 0, Qt.AlignmentFlag.AlignRight)
        self.stack.addWidget(customer_page)
        self.stack.addWidget(session_page)
        self.stack.setCurrentIndex(1)
        self.relink_button.setEnabled(False)

        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.results)
        splitter.addWidget(self.stack)
        splitter.setSizes([520, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self.query.returnPressed.connect(self._on_search_clicked)
        self.search_button.clicked.connect(self._on_search_clicked)
        self.results.currentItemChanged.connect(self._on_results_current_item_changed)
        self.customer.session_requested.connect(self.session_requested)
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.relink_button.clicked.connect(self._on_relink_clicked)
        self.resize(1100, 680)

    @Slot()
    def _on_search_clicked(self) -> None:
        query = self.query.text().strip()
        if query:
            self.status.setText(self.tr("Searching…"))
            self.search_requested.emit(query)

    def show_results(self, results: p.SearchResults) -> None:
        self.results.clear()
        customers = QTreeWidgetItem([self.tr("Customers (%n)", "", len(results.customers))])
        hits = QTreeWidgetItem([self.tr("Messages and notes (%n)", "", len(results.hits))])
        for customer in results.customers:
            item = QTreeWidgetItem([customer_line(customer), "", ""])
            item.setData(0, KIND_ROLE, "customer")
            item.setData(0, KEY_ROLE, customer.customer_id)
            customers.addChild(item)
        for hit in results.hits:
            label = self.tr("Note: %1") if hit.kind == "note" else self.tr("%2: %1")
            text = label.replace("%1", " ".join(hit.excerpt.split())).replace("%2", hit.sender_name)
            item = QTreeWidgetItem([text, when(hit.ts), hit.customer_name or ""])
            item.setToolTip(0, hit.excerpt)
            item.setData(0, KIND_ROLE, "session")
            item.setData(0, KEY_ROLE, hit.session_id)
            hits.addChild(item)
        self.results.addTopLevelItems([customers, hits])
        customers.setExpanded(True)
        hits.setExpanded(True)
        self.results.resizeColumnToContents(1)
        found = len(results.customers) + len(results.hits)
        self.status.setText(
            self.tr("%n result(s).", "", found) if found else self.tr("Nothing found.")
        )

    def show_customer(self, record: p.CustomerRecord) -> None:
        self.customer.show_record(record, verified=True)
        self.stack.setCurrentIndex(0)

    def show_session(self, history: p.SessionHistory) -> None:
        if self.stack.currentIndex() == 0:
            self.customer.show_session(history)
        else:
            self.session.show_session(history)
            self.relink_button.setEnabled(True)

    def show_error(self, text: str) -> None:
        self.status.setText(text)

    def forget(self, session_ids: set[str]) -> None:
        """These sessions were erased: their hits and any view of them go."""
        # Quietly: removing the current hit must not open the next one in its place.
        blocked = self.results.blockSignals(True)
        groups = (self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount()))
        for group in (g for g in groups if g is not None):
            for row in reversed(range(group.childCount())):
                item = group.child(row)
                if item is None or item.data(0, KIND_ROLE) != "session":
                    continue
                if item.data(0, KEY_ROLE) in session_ids:
                    group.takeChild(row)
        self.results.blockSignals(blocked)
        self.session.forget(session_ids)
        if self.session.history is None:
            self.relink_button.setEnabled(False)
        self.customer.forget(session_ids)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_results_current_item_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        kind = None if current is None else current.data(0, KIND_ROLE)
        if current is None or kind is None:
            return
        if kind == "customer":
            self.customer_requested.emit(int(current.data(0, KEY_ROLE)))
        else:
            self.stack.setCurrentIndex(1)
            self.relink_button.setEnabled(False)
            self.session_requested.emit(str(current.data(0, KEY_ROLE)))

    @Slot()
    def _on_merge_clicked(self) -> None:
        if self.customer.record is not None:
            self.merge_requested.emit(self.customer.record.customer.customer_id)

    @Slot()
    def _on_relink_clicked(self) -> None:
        if self.session.history is not None:
            self.relink_requested.emit(self.session.history.session.session_id)
