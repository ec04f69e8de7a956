"""Another application's window, the one the customer is busy in, in its own process.

``python -m tests.helpers.busy_window X Y W H``: prints ``window ID`` (its X window id) once
the window manager made it active, then ``active`` or ``inactive`` whenever that changes
(a click on it makes it active again)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWidget


def main(x: str, y: str, width: str, height: str) -> None:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("Web browser")
    window.setStyleSheet("background: #2040e0;")
    window.setGeometry(int(x), int(y), int(width), int(height))
    window.show()
    handle = window.windowHandle()
    assert handle is not None
    announced: list[bool] = []

    def changed() -> None:
        if not announced:
            if handle.isActive():
                announced.append(True)
                print("window", int(window.winId()), flush=True)
            return
        print("active" if handle.isActive() else "inactive", flush=True)

    handle.activeChanged.connect(changed)
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:5])
