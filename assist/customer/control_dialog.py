"""The agent asks to control the computer: who, what it means, and how to take it back."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from assist.core.x11_hotkey import STOP_CONTROL_KEYS


class ControlConsentDialog(QDialog):
    """Nothing is injected unless the customer presses "Allow control" here."""

    def __init__(self, agent_name: str, org_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Allow control of your computer?"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        who = (
            self.tr("<b>%1</b> from <b>%2</b> asks to control your computer.")
            if org_name
            else self.tr("<b>%1</b> asks to control your computer.")
        )
        self.who_label = QLabel(
            who.replace("%1", escape(agent_name)).replace("%2", escape(org_name))
        )
        self.who_label.setWordWrap(True)
        what = QLabel(
            self.tr(
                "They will be able to move your mouse, click and type on the screen you "
                "share, as if they were sitting at your computer."
            )
        )
        what.setWordWrap(True)
        back = QLabel(
            self.tr(
                "You stay in charge: moving your own mouse pauses them, and Stop control in "
                "the bar at the top, or %1 on the keyboard, ends it at once."
            ).replace("%1", STOP_CONTROL_KEYS)
        )
        back.setWordWrap(True)
        back.setStyleSheet("background: #e8f0fe; color: #174ea6; padding: 8px; border-radius: 4px;")
        self.allow_button = QPushButton(self.tr("Allow control"))
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.allow_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who_label)
        layout.addWidget(what)
        layout.addWidget(back)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.allow_button.clicked.connect(self.accept)
        self.decline_button.clicked.connect(self.reject)
