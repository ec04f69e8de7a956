"""The customer's applications in a control test: a full-screen window with a text field
(at 100,100, 600x40, focused) that reports what reaches it, as its own process.

Prints ``ready``, then ``press X Y BUTTON`` / ``release X Y BUTTON`` for the mouse on the
window (device pixels), and ``text JSON`` whenever the field's text changes.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

FIELD = (100, 100, 600, 40)
BUTTONS = {Qt.MouseButton.LeftButton: "left", Qt.MouseButton.RightButton: "right"}


class Target(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setGeometry(QGuiApplication.primaryScreen().geometry())
        self.field = QLineEdit(self)
        self.field.setGeometry(*FIELD)
        self.field.textChanged.connect(lambda text: say("text", json.dumps(text)))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._report("press", event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._report("release", event)

    def _report(self, kind: str, event: QMouseEvent) -> None:
        at = event.globalPosition().toPoint()
        say(kind, str(at.x()), str(at.y()), BUTTONS.get(event.button(), "other"))


def say(*words: str) -> None:
    print(*words, flush=True)


def main() -> None:
    app = QApplication([])
    window = Target()
    window.show()
    window.activateWindow()
    window.field.setFocus()
    app.processEvents()
    say("ready")
    app.exec()


if __name__ == "__main__":
    main()
