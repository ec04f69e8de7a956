"""The customer's consent dialog on a test display, asked for on a command from stdin.

``python -m tests.helpers.consent_child LANG X Y W H``: in that language, shows the
customer's chat window (the dialog's parent, as in the customer's app) at that place and
prints ``chat ID`` (its X window id) once the window manager made it active. Commands (one
a line): ``consent`` opens the consent dialog for the screens Qt knows (as the customer's
app lists them) and prints ``dialog {json}`` once it is active (or after a few seconds
without): its X window id, the screen it asks for (``[x, y, w, h]``, device pixels),
whether Qt sees it active, and the texts shown cut off (lower than their lines need).
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from assist.core.capture import Screen
from assist.customer.consent_dialog import ConsentDialog
from assist.customer.monitors import monitors
from assist.qt.i18n import install_translations

#: How long the dialog may take to become active before it is reported as it is.
ACTIVE_WAIT_MS = 3000
#: Time for the window manager to finish placing it (frame, stacking) once it is active.
SETTLE_MS = 300


def main(language: str, x: str, y: str, width: str, height: str) -> None:
    app = QApplication(sys.argv[:1])
    keep = install_translations(app, language)
    chat = QWidget()
    chat.setWindowTitle("Chat with Taro")
    chat.setGeometry(int(x), int(y), int(width), int(height))
    chat.show()
    handle = chat.windowHandle()
    assert handle is not None
    announced: list[bool] = []

    def chat_active() -> None:
        if handle.isActive() and not announced:
            announced.append(True)
            print("chat", int(chat.winId()), flush=True)

    handle.activeChanged.connect(chat_active)
    dialogs: list[ConsentDialog] = []

    def report() -> None:
        dialog = dialogs[-1]
        asked = dialog.chosen
        assert isinstance(asked, Screen)
        place = [asked.left, asked.top, asked.width, asked.height]
        cut = [
            label.text()
            for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.height() < label.heightForWidth(label.width())
        ]
        state = {"window": int(dialog.winId()), "screen": place, "cut": cut}
        print("dialog " + json.dumps({**state, "active": dialog.isActiveWindow()}), flush=True)

    def open_consent() -> None:
        screens = [screen for _, screen in monitors()]
        dialog = ConsentDialog(
            "Taro", "Acme Support", screens, parent=chat, server="wss://support.acme.example"
        )
        dialogs.append(dialog)
        reported = [False]

        def settled() -> None:
            if not reported[0]:
                reported[0] = True
                QTimer.singleShot(SETTLE_MS, report)

        dialog.open()
        handle = dialog.windowHandle()
        assert handle is not None
        handle.activeChanged.connect(lambda: settled() if handle.isActive() else None)
        QTimer.singleShot(ACTIVE_WAIT_MS, settled)

    def command() -> None:
        line = sys.stdin.readline().strip()
        if not line:
            app.quit()
        elif line == "consent":
            open_consent()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    app.exec()
    del keep


if __name__ == "__main__":
    main(*sys.argv[1:6])
