"""What the console asks before its window exists: the agent's name and organisation for the
built-in server, the password for a central one, and what to do when a server cannot be
reached (try again, another server, the built-in one, or quit).

Start-up takes any object with these methods (:class:`StartupQuestions`), so a test answers
for the agent; :class:`StartupDialogs` asks with the real, modal dialogs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assist.agent.name_dialog import DisplayNameDialog
from assist.agent.sign_in import SignInDialog


@dataclass(frozen=True)
class ServerChoice:
    """Where the console connects: a central server (``url``, with ``ca_file`` for a
    private CA), or the built-in one (``url`` empty)."""

    url: str = ""
    ca_file: str = ""

    @property
    def built_in(self) -> bool:
        return not self.url


@dataclass(frozen=True)
class SignIn:
    username: str
    password: str
    remember: bool


class StartupQuestions(Protocol):
    def server_failed(self, error: str, tried: ServerChoice) -> ServerChoice | None:
        """``tried`` failed with ``error``: what to try next (None: quit)."""

    def sign_in(self, url: str, username: str, can_remember: bool, error: str) -> SignIn | None:
        """The password for ``url`` (None: the agent cancelled)."""

    def names(self, name: str, org: str) -> tuple[str, str] | None:
        """The display name and organisation customers see (None: the agent cancelled)."""


class ServerDialog(QDialog):
    """A server could not be reached: the reason, the address and CA to try (as they were,
    or changed), and the built-in server as the way out."""

    def __init__(self, error: str, tried: ServerChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cannot connect"))
        self.choice: ServerChoice | None = None
        self.error_label = QLabel(error)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        intro = QLabel(
            self.tr(
                "Try again, connect to another server, or use the built-in server on this "
                "computer. A server is remembered only once the console has connected to it."
            )
        )
        intro.setWordWrap(True)
        self.url_edit = QLineEdit(tried.url)
        self.url_edit.setPlaceholderText("wss://support.example.com:8765")
        self.ca_edit = QLineEdit(tried.ca_file)
        self.ca_edit.setPlaceholderText(self.tr("Only for a private certificate authority"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.url_edit)
        form.addRow(self.tr("CA file"), ca_row)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setDefault(True)
        self.built_in_button = QPushButton(self.tr("Use the built-in server"))
        self.quit_button = QPushButton(self.tr("Quit"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch()
        buttons.addWidget(self.built_in_button)
        buttons.addWidget(self.connect_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.connect_button.clicked.connect(self._connect)
        self.built_in_button.clicked.connect(self._built_in)
        self.quit_button.clicked.connect(self.reject)
        self.url_edit.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        self.connect_button.setEnabled(bool(self.url_edit.text().strip()))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("CA file"), self.ca_edit.text())
        if path:
            self.ca_edit.setText(path)

    def _connect(self) -> None:
        self.choice = ServerChoice(self.url_edit.text().strip(), self.ca_edit.text().strip())
        self.accept()

    def _built_in(self) -> None:
        self.choice = ServerChoice()
        self.accept()


class StartupDialogs:
    """The real questions, each a modal dialog (there is no window to be modal over yet)."""

    def server_failed(self, error: str, tried: ServerChoice) -> ServerChoice | None:
        dialog = ServerDialog(error, tried)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.choice if accepted else None

    def sign_in(self, url: str, username: str, can_remember: bool, error: str) -> SignIn | None:
        dialog = SignInDialog(url, username, can_remember, error)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return SignIn(dialog.username, dialog.password, dialog.remember)

    def names(self, name: str, org: str) -> tuple[str, str] | None:
        dialog = DisplayNameDialog(name, org)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.name, dialog.org
