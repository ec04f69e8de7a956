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

from assist.core.wrapup import WrapUpFields
from signaling.protocol import MAX_NAME_CHARS, Outcome, ProtocolError


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


class WrapUpDialog(QDialog):
    """Save is enabled once a category and an outcome are chosen (nothing is chosen for the
    agent). Finishes with ``Accepted`` (read :attr:`fields`), :attr:`SKIPPED` (the agent
    chose not to wrap the session up) or ``Rejected`` (not now)."""

    #: ``finished`` result when the agent skipped the wrap-up.
    SKIPPED = 2

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
        self.category_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category_combo.addItems(categories)
        self.category_combo.setCurrentIndex(-1)  # the agent picks; nothing is assumed
        editor = self.category_combo.lineEdit()
        if editor is not None:
            editor.setMaxLength(MAX_NAME_CHARS)
            editor.setPlaceholderText(self.tr("Choose or type a category"))
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
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("Comma-separated, e.g. windows, driver"))
        self.note_edit = QPlainTextEdit(final_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(
            self.tr("Save") if session_over else self.tr("Save and end the session")
        )
        self.skip_button = self.buttons.addButton(
            self.tr("Skip wrap-up") if session_over else self.tr("End without wrap-up"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.skip_button.setToolTip(
            self.tr("No category or outcome is saved; the history records that you skipped it.")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.skip_button.clicked.connect(lambda: self.done(self.SKIPPED))
        form = QFormLayout(self)
        form.addRow(self.tr("Category"), self.category_combo)
        form.addRow(self.tr("Outcome"), outcomes)
        form.addRow(self.tr("Tags"), self.tags_edit)
        form.addRow(self.tr("Final note"), self.note_edit)
        form.addRow(self.buttons)
        self.category_combo.currentTextChanged.connect(self._validate)
        self.outcome_group.buttonToggled.connect(self._validate)
        self.note_edit.textChanged.connect(self._validate)
        self.setMinimumWidth(480)
        self._validate()

    def fill(self, fields: WrapUpFields) -> None:
        """Put back what the agent entered in a wrap-up that could not be saved."""
        self.category_combo.setCurrentText(fields.category)
        if fields.outcome is not None:
            self.outcome_buttons[fields.outcome].setChecked(True)
        self.tags_edit.setText(", ".join(fields.tags))
        self.note_edit.setPlainText(fields.final_note)

    @property
    def complete(self) -> bool:
        """A category and an outcome are chosen (and the note is within the limit): the
        wrap-up can be saved."""
        try:
            self.fields  # noqa: B018 (built to be checked)
        except ProtocolError:
            return False
        return True

    @property
    def fields(self) -> WrapUpFields:
        """What was entered (read on the GUI thread, before the dialog goes). Raises
        ``ProtocolError`` until :attr:`complete`."""
        return WrapUpFields(self.category, self.outcome, tuple(self.tags), self.final_note)

    @property
    def category(self) -> str:
        return self.category_combo.currentText().strip()

    @property
    def outcome(self) -> Outcome | None:
        return next((o for o, b in self.outcome_buttons.items() if b.isChecked()), None)

    @property
    def tags(self) -> list[str]:
        tags = [t.strip()[:32] for t in self.tags_edit.text().replace("、", ",").split(",")]
        return [t for t in tags if t][:10]

    @property
    def final_note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def accept(self) -> None:
        if self.complete:  # Save is disabled until then; Enter must not get round it
            super().accept()

    def _validate(self) -> None:
        self.save_button.setEnabled(self.complete)
