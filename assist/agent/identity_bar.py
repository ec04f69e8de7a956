"""Who the customer is, per the history: the linked record and whether it is confirmed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from signaling import protocol as p


class IdentityBar(QFrame):
    """A matched record stays "unverified" until the agent confirms it: a stranger who typed
    someone's e-mail address must not silently inherit their history."""

    confirm_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer: p.CustomerIdentified | None = None
        self.verified = False
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Confirm identity"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.confirm_button)
        self.confirm_button.clicked.connect(self.confirm_clicked)
        self.hide()

    def show_customer(self, customer: p.CustomerIdentified) -> None:
        self.customer = customer
        self.verified = customer.verified
        self._refresh()
        self.show()

    def mark_verified(self) -> None:
        self.verified = True
        self._refresh()

    def _refresh(self) -> None:
        customer = self.customer
        if customer is None:
            return
        contact = customer.email or customer.customer_number or ""
        who = f"{customer.display_name} ({contact})" if contact else customer.display_name
        if not customer.matched:
            text = self.tr("New customer record: %1").replace("%1", who)
            style = "background: #eef3f8;"
        elif self.verified:
            text = self.tr(
                "Identity confirmed: %1 · %n past session(s)", "", customer.past_sessions
            )
            text = text.replace("%1", who)
            style = "background: #e8f5e9;"
        else:
            text = self.tr(
                "Unverified — confirm identity before relying on the history of %1 "
                "(%n past session(s))",
                "",
                customer.past_sessions,
            ).replace("%1", who)
            style = "background: #fff4e5; color: #663c00;"
        self.label.setText(text)
        self.setStyleSheet(f"IdentityBar {{ {style} border-radius: 4px; }}")
        self.confirm_button.setVisible(customer.matched and not self.verified)
