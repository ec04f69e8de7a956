"""Shown before anything else when an invite link points away from the organisation's server."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from assist.core.invite import display_host

host_of = display_host


class InviteWarningDialog(QDialog):
    """Accepted = go to the link's server; rejected = stay with the organisation's."""

    def __init__(self, link_server: str, pinned_server: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Different server"))
        self.message = QLabel(
            self.tr(
                "⚠ This invitation is for the server <b>%1</b>, not for your organisation's "
                "server <b>%2</b>.<br><br>Scammers send links like this. Continue only if "
                "you are sure who sent it."
            )
            .replace("%1", escape(host_of(link_server)))
            .replace("%2", escape(host_of(pinned_server)))
        )
        self.message.setWordWrap(True)
        self.stay_button = QPushButton(self.tr("Use my organisation's server"))
        self.stay_button.setDefault(True)
        self.continue_button = QPushButton(
            self.tr("Continue with %1").replace("%1", host_of(link_server))
        )
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.stay_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.stay_button.clicked.connect(self.reject)
        self.continue_button.clicked.connect(self.accept)
