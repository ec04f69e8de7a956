"""Report abuse: what happened (optional), then the session is reported and ended."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from signaling.protocol import MAX_CHAT_CHARS


class ReportDialog(QDialog):
    def __init__(self, org_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report abuse"))
        text = (
            self.tr(
                "The session will end now and be reported to %1's administrator, with the "
                "code and the agent's account. What happened? (optional)"
            )
            if org_name
            else self.tr(
                "The session will end now and be reported to the support service's "
                "administrator, with the code and the agent's account. What happened? "
                "(optional)"
            )
        )
        intro = QLabel(text.replace("%1", org_name))
        intro.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("For example: someone called me unexpectedly"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Report and end the session")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()[:MAX_CHAT_CHARS]
