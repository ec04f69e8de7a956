"""The two apps as make.py drives them: real controllers and windows, stepped from stdin."""

from __future__ import annotations

import os
import ssl
import sys
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assist.agent.controller import AgentController
from assist.agent.guidance_tools import Mode
from assist.agent.main_window import MainWindow
from assist.agent.session_tab import SessionTab
from assist.core import guidance as g
from assist.core.agent import AgentClient, Password
from assist.core.chat import ChatEntry
from assist.customer.controller import CustomerController
from assist.customer.join_dialog import JoinDialog
from assist.qt.bridge import AsyncioThread, Bridge
from assist.qt.gc_collector import GuiGarbageCollector
from assist.qt.i18n import install_translations
from resources.screenshots.history_seed import EMAIL
from signaling.protocol import Role, ShareState
from tests.helpers.accounts import PASSWORD, username_for

TEXT = {
    "en": {
        "agent_chat": "Hello Hanako, I can see your screen now. Let's look at the printer error.",
        "customer_chat": "Thank you! The printer shows error 0x0000011b.",
        "demo_title": "Printer settings",
        "demo_error": "Error 0x0000011b: Windows cannot connect to the printer.",
        "printers": ["Office printer (3F)", "Reception printer", "PDF printer"],
        "retry": "Try again",
        "note": "Printer error 0x0000011b after the latest update. Try reinstalling the driver.",
        "label": "Click here",
        "search": "refund",
    },
    "ja": {
        "agent_chat": "佐藤様、画面が見えました。プリンターのエラーを一緒に確認しましょう。",
        "customer_chat": "ありがとうございます。エラー 0x0000011b と表示されています。",
        "demo_title": "プリンターの設定",
        "demo_error": "エラー 0x0000011b: プリンターに接続できません。",
        "printers": ["3階 事務所プリンター", "受付プリンター", "PDF プリンター"],
        "retry": "再試行",
        "note": "最新の更新後にエラー 0x0000011b。ドライバーの再インストールを試す。",
        "label": "ここをクリック",
        "search": "返金",
    },
}


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


def trusted() -> ssl.SSLContext:
    """Trust the throwaway CA make.py made for this run."""
    return ssl.create_default_context(cafile=os.environ["ASSIST_CA_FILE"])


def say(text: str) -> None:
    print(text, flush=True)


def agent(url: str, name: str, language: str) -> None:
    app = QApplication(sys.argv[:1])
    keep = install_translations(app, language)
    collector = GuiGarbageCollector(app)
    runner = AsyncioThread()
    runner.start()
    bridge = Bridge(runner)
    credentials = Password(username_for(name), PASSWORD)
    client = AgentClient(url, credentials, bridge.sink, trusted())
    window = MainWindow(name)
    controller = AgentController(bridge, client, window, url)
    window.set_server_text(url)
    window.setGeometry(0, 0, 1440, 900)
    runner.run(client.connect(), timeout=10)
    window.show()
    state = {"frames": 0, "chatted": False, "reconnecting": False}

    def tab() -> SessionTab:
        widget = window.tabs.widget(window.tabs.count() - 1)
        assert isinstance(widget, SessionTab)
        return widget

    def opened(session_id: str, code: str, expires_in: float) -> None:
        if window.tabs.count() == 2:
            say(f"code {code}")

    def join_requested(session_id: str, join_id: str, customer: str) -> None:
        QTimer.singleShot(300, lambda: say("waiting"))

    def frame(session_id: str, _: object) -> None:
        state["frames"] += 1
        if state["frames"] == 5:
            tab().chat.message_submitted.emit(TEXT[language]["agent_chat"])

    def chat(session_id: str, entry: ChatEntry) -> None:
        if entry.sender is Role.CUSTOMER and not state["chatted"]:
            state["chatted"] = True
            tab().notes.edit.setPlainText(TEXT[language]["note"])
            QTimer.singleShot(1500, lambda: say("streaming"))

    def when_ready(ready: Callable[[], bool], word: str) -> None:
        if ready():
            QTimer.singleShot(500, lambda: say(word))
        else:
            QTimer.singleShot(100, lambda: when_ready(ready, word))

    def command(line: str) -> None:
        if line == "admit":
            next(iter(tab().waiting.values())).admit_button.click()
        elif line == "customer":
            panel = tab().customer
            tab().side_tabs.setCurrentIndex(1)
            panel.timeline.setCurrentItem(panel.timeline.topLevelItem(1))
            when_ready(lambda: panel.detail.history is not None, "customer-shown")
        elif line == "search":
            window.search_action.trigger()
            found = controller.history.search_window
            assert found is not None
            found.setGeometry(140, 90, 1160, 700)
            found.query.setText(TEXT[language]["search"])
            found.search_button.click()

            def select_first_hit() -> bool:
                hits = found.results.topLevelItem(1)
                if hits is None or hits.childCount() == 0:
                    return False
                if found.session.history is None:
                    found.results.setCurrentItem(hits.child(0))
                    return False
                return True

            when_ready(select_first_hit, "searched")
        elif line == "guide":
            guide(tab(), TEXT[language]["label"])
            QTimer.singleShot(1500, lambda: say("guided"))
        elif line == "request-control":
            tab().guidance_bar.tools.clear()
            tab().guidance_bar.mode_actions[Mode.POINTER].trigger()
            tab().tools.leave()
            tab().guidance_bar.request_action.trigger()
        elif line == "take-control":
            bar = tab().guidance_bar
            when_ready(lambda: bar.control_action.isVisible(), "controlling")
            QTimer.singleShot(300, bar.control_action.trigger)
        elif line == "close-search" and controller.history.search_window is not None:
            controller.history.search_window.close()
            tab().side_tabs.setCurrentIndex(0)
            say("search-closed")

    def reconnecting(*_: object) -> None:
        if not state["reconnecting"]:
            state["reconnecting"] = True
            QTimer.singleShot(800, lambda: say("reconnecting"))

    bridge.session_opened.connect(opened)
    bridge.join_requested.connect(join_requested)
    bridge.frame_arrived.connect(frame)
    bridge.chat_updated.connect(chat)
    bridge.reconnecting.connect(reconnecting)
    notifier = on_stdin(app, command)
    window.new_session_action.trigger()
    QTimer.singleShot(400, window.new_session_action.trigger)
    app.exec()
    del notifier, keep, collector
    runner.stop()


def guide(tab: SessionTab, label: str) -> None:
    """The agent boxes the printer settings, points an arrow at them, labels it and
    leaves the pointer there (through the tool bar and the view's tools)."""
    bar, tools = tab.guidance_bar, tab.tools
    strokes = [
        (Mode.RECT, g.Color.RED, (0.05, 0.12), (0.42, 0.36)),
        (Mode.ARROW, g.Color.YELLOW, (0.62, 0.62), (0.44, 0.38)),
    ]
    for mode, color, start, end in strokes:
        bar.mode_actions[mode].trigger()
        bar.color_actions[color].trigger()
        tools.press(*start)
        tools.move(*end)
        tools.release(*end)
    bar.mode_actions[Mode.TEXT].trigger()
    bar.color_actions[g.Color.BLUE].trigger()
    bar.label_edit.setText(label)
    tools.press(0.6, 0.64)
    bar.mode_actions[Mode.POINTER].trigger()
    tools.move(0.3, 0.24)


def demo_desktop(language: str) -> QWidget:
    """Something worth sharing: a settings window with an error, on a plain desktop."""
    desktop = QWidget(None, Qt.WindowType.FramelessWindowHint)
    desktop.setWindowTitle(TEXT[language]["demo_title"])
    desktop.setStyleSheet("background: #2d5a7b;")
    desktop.setGeometry(0, 0, 1280, 800)
    panel = QFrame(desktop)
    panel.setStyleSheet("QFrame { background: #f5f5f5; } QLabel, QListWidget { color: #222; }")
    panel.setGeometry(80, 120, 560, 420)
    title = QLabel(TEXT[language]["demo_title"])
    title.setStyleSheet("font-size: 20px; font-weight: bold;")
    printers = QListWidget()
    printers.addItems(TEXT[language]["printers"])
    printers.setCurrentRow(0)
    error = QLabel(TEXT[language]["demo_error"])
    error.setWordWrap(True)
    error.setStyleSheet("color: #b3261e; font-size: 15px;")
    layout = QVBoxLayout(panel)
    layout.addWidget(title)
    layout.addWidget(printers)
    layout.addWidget(error)
    layout.addWidget(QPushButton(TEXT[language]["retry"]))
    desktop.show()
    return desktop


def customer(url: str, name: str, language: str, code: str) -> None:
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    keep = install_translations(app, language)
    collector = GuiGarbageCollector(app)
    runner = AsyncioThread()
    runner.start()
    bridge = Bridge(runner)
    dialog = JoinDialog(url, code, name)
    controller = CustomerController(bridge, url, dialog, ssl_context=trusted())
    dialog.show()
    dialog.move(700, 200)
    QTimer.singleShot(500, lambda: say("join-dialog"))
    state = {"chatted": False, "reconnecting": False}

    def wait_for_consent() -> None:
        consent = controller.consent
        if consent is None:
            QTimer.singleShot(100, wait_for_consent)
            return
        if controller.chat_window is not None:
            controller.chat_window.move(880, 300)
        consent.move(380, 200)
        QTimer.singleShot(500, lambda: say("consent"))

    def sharing(session_id: str, state_: ShareState, reason: object) -> None:
        if state_ is ShareState.SHARING:
            say("sharing")

    def chat(session_id: str, entry: ChatEntry) -> None:
        if entry.sender is Role.AGENT and not state["chatted"] and controller.chat_window:
            state["chatted"] = True
            controller.chat_window.panel.message_submitted.emit(TEXT[language]["customer_chat"])
            QTimer.singleShot(1000, lambda: say("chatted"))

    def command(line: str) -> None:
        if line == "join":
            dialog.email_edit.setText(EMAIL)
            dialog.join_button.click()
            wait_for_consent()
        elif line == "allow" and controller.consent is not None:
            controller.consent.allow_button.click()
        elif line == "allow-control" and controller.control and controller.control.dialog:
            controller.control.dialog.allow_button.click()
            QTimer.singleShot(1000, lambda: say("controlled"))

    def control_requested(session_id: str) -> None:
        def placed() -> None:
            flow = controller.control
            if flow is None or flow.dialog is None:
                QTimer.singleShot(100, placed)
                return
            flow.dialog.move(380, 220)
            QTimer.singleShot(500, lambda: say("control-asked"))

        placed()

    def reconnecting(*_: object) -> None:
        if not state["reconnecting"]:
            state["reconnecting"] = True
            QTimer.singleShot(800, lambda: say("reconnecting"))

    bridge.sharing_changed.connect(sharing)
    bridge.control_requested.connect(control_requested)
    bridge.chat_updated.connect(chat)
    bridge.reconnecting.connect(reconnecting)
    notifier = on_stdin(app, command)
    app.exec()
    controller.shutdown()
    del notifier, keep, collector
    runner.stop()


def desktop(language: str) -> None:
    """The customer's other applications, in a process of their own (the customer client
    hides only its own windows)."""
    app = QApplication(sys.argv[:1])
    shown = demo_desktop(language)
    QTimer.singleShot(300, lambda: say("desktop-ready"))
    app.exec()
    del shown


if __name__ == "__main__":
    role, *rest = sys.argv[1:]
    if role == "agent":
        agent(*rest)
    elif role == "desktop":
        desktop(*rest)
    else:
        customer(*rest)
