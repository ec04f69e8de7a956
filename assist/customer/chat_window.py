"""The customer's chat window."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from assist.qt.chat_panel import ChatPanel
from signaling.protocol import Role


class ChatWindow(QWidget):
    def __init__(self, agent_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chat with %1").replace("%1", agent_name))
        self.panel = ChatPanel(Role.CUSTOMER, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.resize(380, 480)
