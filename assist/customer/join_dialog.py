"""The customer's first window: type the code and a name, then wait to be let in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from signaling.protocol import CODE_DIGITS, MAX_NAME_CHARS, format_code

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def format_partial_code(text: str) -> str:
    """Group what was typed so far as ``123 456 789``; letters are kept so they can be flagged."""
    cleaned = "".join(ch for ch in text.translate(_FULLWIDTH) if ch not in " -\t　ー－")
    if cleaned.isdigit() and len(cleaned) == CODE_DIGITS:
        return format_code(cleaned)
    groups = [cleaned[i : i + 3] for i in range(0, len(cleaned), 3)]
    return " ".join(groups)


class JoinDialog(QDialog):
    join_requested = Signal(str, str)  # code as typed, name
    cancel_requested = Signal()

    def __init__(self, server: str, code: str = "", name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Join a support session"))
        intro = QLabel(self.tr("Enter the code the support agent gave you."))
        intro.setWordWrap(True)
        self.code_edit = QLineEdit(format_partial_code(code))
        self.code_edit.setPlaceholderText("123 456 789")
        self.code_edit.setMaxLength(15)
        font = QFont(self.code_edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.code_edit.setFont(font)
        self.name_edit = QLineEdit(name)
        self.name_edit.setMaxLength(MAX_NAME_CHARS)
        self.name_edit.setPlaceholderText(self.tr("Your name"))
        self.email_edit = QLineEdit()
        self.email_edit.setMaxLength(254)
        self.email_edit.setPlaceholderText(self.tr("Optional: helps the agent find your history"))
        self.number_edit = QLineEdit()
        self.number_edit.setMaxLength(64)
        self.number_edit.setPlaceholderText(self.tr("Optional"))
        self.server_label = QLabel(self.tr("Server: %1").replace("%1", server))
        self.server_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.server_label.setStyleSheet("color: palette(mid);")
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.status_label.setWordWrap(True)
        # Room for a two-line message from the start, so one appearing moves nothing.
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status_label.setMinimumHeight(2 * self.status_label.fontMetrics().lineSpacing())
        self.join_button = QPushButton(self.tr("Join"))
        self.join_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code_edit)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("E-mail"), self.email_edit)
        form.addRow(self.tr("Customer number"), self.number_edit)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.join_button)
        layout = self._column = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        layout.addWidget(self.server_label)
        layout.addStretch()  # height a long message needed stays below, when it goes
        self.setMinimumWidth(420)

        self.code_edit.textChanged.connect(self._on_code_edited)
        self.code_edit.textChanged.connect(self._validate)
        self.name_edit.textChanged.connect(self._validate)
        self.join_button.clicked.connect(self._on_join_clicked)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self._validate()

    @property
    def code(self) -> str:
        return self.code_edit.text()

    @property
    def name(self) -> str:
        return self.name_edit.text().strip()

    @property
    def email(self) -> str:
        return self.email_edit.text().strip()

    @property
    def customer_number(self) -> str:
        return self.number_edit.text().strip()

    def set_waiting(self, agent_name: str, org_name: str) -> None:
        text = (
            self.tr("Waiting for %1 (%2) to let you in…")
            if org_name
            else self.tr("Waiting for %1 to let you in…")
        )
        self._set_busy(True, text.replace("%1", agent_name).replace("%2", org_name))
        self.cancel_button.setVisible(True)

    def set_connecting(self) -> None:
        self._set_busy(True, self.tr("Connecting…"))

    def show_error(self, text: str) -> None:
        self._set_busy(False, text)
        self.status_label.setStyleSheet("color: #b3261e;")

    def set_idle(self, text: str = "") -> None:
        self._set_busy(False, text)

    def _set_busy(self, busy: bool, text: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)
        self._fit_height()
        for edit in (self.code_edit, self.name_edit, self.email_edit, self.number_edit):
            edit.setEnabled(not busy)
        self.join_button.setEnabled(not busy and self._complete())
        self.cancel_button.setVisible(False)

    def _fit_height(self) -> None:
        """A longer message makes the dialog taller: Qt would otherwise squeeze the fields
        (the code field lost half its height), as a window's minimum size does not follow
        wrapped text."""
        if not self.isVisible():
            return  # sized as a whole when shown
        self._column.activate()
        needed = self._column.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    @Slot(str)
    def _on_code_edited(self, text: str) -> None:
        formatted = format_partial_code(text)
        if formatted != text:
            self.code_edit.setText(formatted)

    @Slot()
    def _validate(self) -> None:
        self.join_button.setEnabled(self.code_edit.isEnabled() and self._complete())

    def _complete(self) -> bool:
        return bool(self.name) and len(self.code.replace(" ", "")) >= CODE_DIGITS

    @Slot()
    def _on_join_clicked(self) -> None:
        self.join_requested.emit(self.code, self.name)
