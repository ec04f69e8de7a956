"""The agent console's window alone (a live session tab in it) on a test display, in a
language: ``python -m tests.helpers.console_window_child LANG``. Prints ``window ID`` once
the window manager has framed it and it has settled."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from assist.agent.main_window import MainWindow
from assist.agent.session_tab import SessionTab
from assist.core.invite import Invite
from assist.qt.i18n import install_translations


def main(language: str) -> None:
    app = QApplication(sys.argv[:1])
    keep = install_translations(app, language)
    window = MainWindow("山田 太郎")
    tab = SessionTab("s-1", "123456789", Invite("ws://127.0.0.1:8765", "123456789"), 600, window)
    window.add_session(tab)
    tab.on_customer_admitted("山田 花子")
    window.show()

    def settled() -> None:
        if window.frameGeometry().size() == window.size():
            QTimer.singleShot(50, settled)  # not framed yet
            return
        QTimer.singleShot(300, lambda: print("window", int(window.winId()), flush=True))

    settled()
    app.exec()
    del keep


if __name__ == "__main__":
    main(sys.argv[1])
