"""Sign-in to a central server: username, password, "remember me"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)


class SignInDialog(QDialog):
    def __init__(
        self,
        server: str,
        username: str = "",
        can_remember: bool = True,
        error: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to Assist"))
        self.server_label = QLabel(self.tr("Server: %1").replace("%1", server))
        self.server_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.username_edit = QLineEdit(username)
        self.username_edit.setMaxLength(64)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(1024)
        self.remember_box = QCheckBox(self.tr("Remember me on this computer"))
        self.remember_box.setEnabled(can_remember)
        # A greyed-out box alone reads as a fault: the note says why, under the box.
        self.remember_note = QLabel(
            self.tr(
                "No password keyring was found on this computer, so Assist cannot remember you."
            )
        )
        self.remember_note.setWordWrap(True)
        font = self.remember_note.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.remember_note.setFont(font)
        style = self.remember_box.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + style.pixelMetric(
            QStyle.PixelMetric.PM_CheckBoxLabelSpacing
        )
        self.remember_note.setContentsMargins(indent, 0, 0, 0)  # under the box's text
        self.remember_note.setVisible(not can_remember)
        if not can_remember:
            self.remember_box.setToolTip(self.remember_note.text())
        self.error_label = QLabel(error)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setVisible(bool(error))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Username"), self.username_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.server_label)
        layout.addLayout(form)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.remember_note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.username_edit.textChanged.connect(self._validate)
        self.password_edit.textChanged.connect(self._validate)
        (self.password_edit if username else self.username_edit).setFocus()
        self._validate()

    @property
    def username(self) -> str:
        return self.username_edit.text().strip()

    @property
    def password(self) -> str:
        return self.password_edit.text()

    @property
    def remember(self) -> bool:
        return self.remember_box.isEnabled() and self.remember_box.isChecked()

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.username) and bool(self.password))
