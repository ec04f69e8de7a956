"""First start with the built-in server: the agent says which name customers will see and
which organisation they help for (the consent's warning against scams names it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from signaling.protocol import MAX_NAME_CHARS


class DisplayNameDialog(QDialog):
    def __init__(self, current: str = "", org: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Assist"))
        intro = QLabel(
            self.tr("Enter the name customers will see when you help them, e.g. “Taro Yamada”.")
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(current)
        self.name_edit.setMaxLength(MAX_NAME_CHARS)
        self.name_edit.setPlaceholderText(self.tr("Your display name"))
        org_intro = QLabel(
            self.tr(
                "And the organisation customers contacted, as they know it, e.g. “Acme "
                "Support”. Customers are warned to go on only if they contacted it themselves."
            )
        )
        org_intro.setWordWrap(True)
        self.org_edit = QLineEdit(org)
        self.org_edit.setMaxLength(MAX_NAME_CHARS)
        self.org_edit.setPlaceholderText(self.tr("Your organisation"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._validate)
        self.org_edit.textChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.name_edit)
        layout.addWidget(org_intro)
        layout.addWidget(self.org_edit)
        layout.addWidget(self.buttons)
        self._validate()

    @property
    def name(self) -> str:
        return self.name_edit.text().strip()

    @property
    def org(self) -> str:
        return self.org_edit.text().strip()

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name) and bool(self.org))
