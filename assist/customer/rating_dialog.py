"""At the end: how was the help? One to five stars and an optional comment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class RatingDialog(QDialog):
    def __init__(self, agent_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How was the help?"))
        asked = self.tr("How satisfied are you with the help from %1?")
        question = QLabel(asked.replace("%1", agent_name))
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setWordWrap(True)
        self.stars = QButtonGroup(self)
        row = QHBoxLayout()
        for value in range(1, 6):
            button = QPushButton("★" * value)
            button.setCheckable(True)
            button.setToolTip(self.tr("%1 of 5").replace("%1", str(value)))
            self.stars.addButton(button, value)
            row.addWidget(button)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(self.tr("Anything you want to tell us? (optional)"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Skip"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.stars.idClicked.connect(self._on_stars_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addWidget(self.comment_edit)
        layout.addWidget(self.buttons)

    @property
    def rating(self) -> int:
        return max(0, self.stars.checkedId())

    @property
    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()[:8000]

    def _on_stars_clicked(self, _value: int) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
