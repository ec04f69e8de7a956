"""The customer's share bar alone on a test display, in a language, stepped from stdin.

``python -m tests.helpers.share_bar_child LANG AGENT_NAME ORG``. Commands (one a line):
``sharing`` / ``paused`` / ``stopped``; ``controlled``; ``drawings``; ``notice`` (the
reconnecting notice, translated); ``held`` (the agent-lost notice). After each, once the
window system has settled, it prints ``bar {json}``: the bar's X window id, and the place of
each visible button relative to the bar.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QPoint, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from assist.customer.share_bar import ShareBar
from assist.qt.i18n import install_translations
from signaling.protocol import ShareState

BUTTONS = (
    "stop_control_button",
    "clear_button",
    "pause_button",
    "stop_button",
    "share_button",
    "more_button",
    "chat_button",
    "end_button",
    "report_button",
)
STATES = {"sharing": ShareState.SHARING, "paused": ShareState.PAUSED, "stopped": ShareState.STOPPED}


def main(language: str, agent_name: str, org: str) -> None:
    app = QApplication(sys.argv[:1])
    keep = install_translations(app, language)
    bar = ShareBar(agent_name, org)
    bar.place_top_center()
    bar.show()

    def report() -> None:
        buttons = {
            name: [*b.mapTo(bar, QPoint(0, 0)).toTuple(), b.width(), b.height()]
            for name in BUTTONS
            if (b := getattr(bar, name)).isVisible()
        }
        menu = [a.text() for a in bar.more_menu.actions()] if bar.more_button.isVisible() else []
        state = {"window": int(bar.winId()), "size": [bar.width(), bar.height()]}
        print("bar " + json.dumps({**state, "buttons": buttons, "menu": menu}), flush=True)

    def command() -> None:
        line = sys.stdin.readline().strip()
        if not line:
            app.quit()
            return
        if line in STATES:
            bar.set_state(STATES[line])
        elif line == "controlled":
            bar.set_controlled(True)
        elif line == "drawings":
            bar.set_drawings_shown(True)
        elif line == "notice":
            bar.set_notice(
                QCoreApplication.translate(
                    "CustomerController",
                    "Connection lost — reconnecting… Your messages are kept and sent.",
                )
            )
        elif line == "held":
            bar.set_notice(
                QCoreApplication.translate(
                    "CustomerController", "The agent's connection was lost; sharing is paused."
                )
            )
        QTimer.singleShot(300, report)  # the window manager configures the new size

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    QTimer.singleShot(300, report)
    app.exec()
    del keep


if __name__ == "__main__":
    main(*sys.argv[1:4])
