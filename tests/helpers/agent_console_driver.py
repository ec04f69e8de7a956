"""The agent console as a process a test can kill: the real window, controller, client and
the app's own outbox file, signed in as ``taro``, stepped from stdin.

``python -m tests.helpers.agent_console_driver URL``. It starts up as ``assist-agent``
does (outbox in the data folder, then bring back what the last run left unsent) and prints:

- ``ready`` once signed in and shown;
- ``code CODE`` / ``waiting`` / ``admitted SESSION_ID`` as a session is opened and joined;
- ``typed`` after a ``note`` command;
- ``notes {json}`` for a ``status`` command: the open session's note as on screen;
- ``restored {json}`` whenever the Restored tab's notes change on screen (title, text,
  status), so a test sees a restored note appear and then get saved.

Commands: ``new``; ``admit``; ``note "json string"`` (ASCII is typed as key presses, the
rest committed as an input method does); ``status``.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from assist.agent.controller import AgentController
from assist.agent.main_window import MainWindow
from assist.agent.restored_tab import RestoredNote
from assist.agent.session_tab import SessionTab
from assist.core.agent import AgentClient, Password
from assist.qt.bridge import AsyncioThread, Bridge
from assist.qt.gc_collector import GuiGarbageCollector
from assist.qt.outbox_open import open_outbox
from tests.helpers.accounts import PASSWORD
from tests.helpers.qt_input import commit_text


def say(line: str) -> None:
    print(line, flush=True)


def type_into(widget: QWidget, text: str) -> None:
    """Key presses for ASCII (Return for a new line), an input-method commit for the rest."""
    for is_ascii, chars in itertools.groupby(text, key=str.isascii):
        run = "".join(chars)
        if not is_ascii:
            commit_text(widget, run)
            continue
        for n, line in enumerate(run.split("\n")):
            if n:
                QTest.keyClick(widget, Qt.Key.Key_Return)
            QTest.keyClicks(widget, line)


def on_stdin(app: QApplication, handle: Callable[[str], None]) -> QSocketNotifier:
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def read() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        handle(line.strip())

    notifier.activated.connect(read)
    return notifier


def main(url: str) -> None:
    app = QApplication(sys.argv[:1])
    collector = GuiGarbageCollector(app)
    outbox = open_outbox("agent", lambda text: say(f"warning {text}"))
    runner = AsyncioThread()
    runner.start()
    bridge = Bridge(runner)
    client = AgentClient(url, Password("taro", PASSWORD), bridge.sink, outbox=outbox)
    window = MainWindow("Taro")
    controller = AgentController(bridge, client, window, url)
    runner.run(client.connect(), timeout=10)
    window.show()
    controller.restore_unsent()
    say("ready")

    def session_tab() -> SessionTab:
        for index in range(window.tabs.count() - 1, -1, -1):
            widget = window.tabs.widget(index)
            if isinstance(widget, SessionTab):
                return widget
        raise LookupError("no session tab")

    bridge.session_opened.connect(lambda sid, code, _: say(f"code {code}"))
    bridge.join_requested.connect(lambda sid, jid, name: say("waiting"))
    bridge.customer_admitted.connect(lambda sid, name: say(f"admitted {sid}"))

    def command(line: str) -> None:
        word, _, rest = line.partition(" ")
        if word == "new":
            window.new_session_action.trigger()
        elif word == "admit":
            next(iter(session_tab().waiting.values())).admit_button.click()
        elif word == "note":
            notes = session_tab().notes
            notes.edit.setFocus()
            type_into(notes.edit, json.loads(rest))
            say("typed")
        elif word == "status":
            notes = session_tab().notes
            state = {"note_id": notes.note_id, "text": notes.text, "status": notes.status.text()}
            say(f"notes {json.dumps(state, ensure_ascii=False)}")

    shown = {"restored": ""}

    def report_restored() -> None:
        tab = controller.restore.tab
        if tab is None:
            return
        notes = [
            {"title": i.title.text(), "text": i.text, "status": i.notes.status.text()}
            for i in tab.items
            if isinstance(i, RestoredNote)
        ]
        current = window.tabs.tabText(window.tabs.currentIndex())
        state = json.dumps({"current_tab": current, "notes": notes}, ensure_ascii=False)
        if state != shown["restored"]:
            shown["restored"] = state
            say(f"restored {state}")

    watch = QTimer()
    watch.timeout.connect(report_restored)  # labels have no change signal to wait on
    watch.start(50)
    notifier = on_stdin(app, command)
    app.exec()
    runner.run(client.close(), timeout=10)
    runner.stop()
    outbox.close()
    del notifier, collector


if __name__ == "__main__":
    main(sys.argv[1])
