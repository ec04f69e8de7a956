"""Wrap-up at the end of a session: category, outcome, tags and a final note."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from signaling.protocol import MAX_NAME_CHARS, Outcome


def default_categories() -> list[str]:
    """Categories an agent picks from unless the team configured its own."""
    return [
        QCoreApplication.translate("Categories", "Camera problem"),
        QCoreApplication.translate("Categories", "Screen sharing problem"),
        QCoreApplication.translate("Categories", "Printer problem"),
        QCoreApplication.translate("Categories", "Network or Wi-Fi"),
        QCoreApplication.translate("Categories", "Account or sign-in"),
        QCoreApplication.translate("Categories", "Billing"),
        QCoreApplication.translate("Categories", "How to use"),
        QCoreApplication.translate("Categories", "Other"),
    ]


#: Category, outcome, tags, final note.
WrapUpFields = tuple[str, Outcome, list[str], str]


class WrapUpDialog(QDialog):
    def __init__(
        self,
        categories: list[str],
        final_note: str = "",
        session_over: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wrap up the session"))
        self.category_combo = QComboBox()
        self.category_combo.setEditable(True)
        self.category_combo.addItems(categories)
        editor = self.category_combo.lineEdit()
        if editor is not None:
            editor.setMaxLength(MAX_NAME_CHARS)
        self.outcome_group = QButtonGroup(self)
        outcomes = QHBoxLayout()
        labels = {
            Outcome.RESOLVED: self.tr("Resolved"),
            Outcome.FOLLOW_UP: self.tr("Follow-up needed"),
            Outcome.ESCALATED: self.tr("Escalated"),
        }
        self.outcome_buttons: dict[Outcome, QRadioButton] = {}
        for outcome, label in labels.items():
            button = QRadioButton(label)
            self.outcome_group.addButton(button)
            self.outcome_buttons[outcome] = button
            outcomes.addWidget(button)
        self.outcome_buttons[Outcome.RESOLVED].setChecked(True)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("Comma-separated, e.g. windows, driver"))
        self.note_edit = QPlainTextEdit(final_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Save") if session_over else self.tr("Save and end the session"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Category"), self.category_combo)
        form.addRow(self.tr("Outcome"), outcomes)
        form.addRow(self.tr("Tags"), self.tags_edit)
        form.addRow(self.tr("Final note"), self.note_edit)
        form.addRow(self.buttons)
        self.category_combo.currentTextChanged.connect(self._validate)
        self.setMinimumWidth(480)

    def fill(self, fields: WrapUpFields) -> None:
        """Put back what the agent entered in a wrap-up that could not be saved."""
        category, outcome, tags, final_note = fields
        self.category_combo.setCurrentText(category)
        self.outcome_buttons[outcome].setChecked(True)
        self.tags_edit.setText(", ".join(tags))
        self.note_edit.setPlainText(final_note)

    @property
    def fields(self) -> WrapUpFields:
        """What was entered (read on the GUI thread, before the dialog goes)."""
        return (self.category, self.outcome, self.tags, self.final_note)

    @property
    def category(self) -> str:
        return self.category_combo.currentText().strip()

    @property
    def outcome(self) -> Outcome:
        return next(o for o, b in self.outcome_buttons.items() if b.isChecked())

    @property
    def tags(self) -> list[str]:
        tags = [t.strip()[:32] for t in self.tags_edit.text().replace("、", ",").split(",")]
        return [t for t in tags if t][:10]

    @property
    def final_note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.category))
