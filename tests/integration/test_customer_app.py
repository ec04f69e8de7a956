"""The customer app's real controller and windows against a real server process, with the
agent's client on the other side and a synthetic screen behind the real capture track."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.core import client_base
from assist.core import events as ev
from assist.core.agent import AgentClient, AgentSession, Password
from assist.core.capture import Screen
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.synthetic import SyntheticGrabber
from assist.customer.consent_dialog import ConsentDialog
from assist.customer.controller import CustomerController
from assist.customer.join_dialog import JoinDialog
from assist.qt.bridge import AsyncioThread, Bridge
from signaling.protocol import ShareReason, ShareState
from signaling.store import history
from signaling.store.accounts import abuse_reports
from signaling.store.db import open_database
from tests.helpers.accounts import PASSWORD
from tests.helpers.server_process import ServerProcess, server_process
from tests.helpers.waits import scaled

TIMEOUT_MS = int(scaled(15) * 1000)


class Agent:
    def __init__(self, runner: AsyncioThread, url: str) -> None:
        self.runner = runner
        self.events: list[ev.Event] = []
        self.client = AgentClient(url, Password("taro", PASSWORD), self.events.append)
        runner.run(self.client.connect(), timeout=scaled(10))
        self.session: AgentSession = runner.run(self.client.new_session(), timeout=scaled(10))

    def latest(self, kind: type[ev.Event]) -> ev.Event | None:
        return next((e for e in reversed(self.events) if isinstance(e, kind)), None)

    def join_id(self) -> str:
        request = self.latest(ev.JoinRequested)
        assert isinstance(request, ev.JoinRequested)
        return request.join_id

    def admit_when_asked(self, qtbot: QtBot) -> None:
        """Wait for the customer's join request and admit it, as the agent would."""
        qtbot.waitUntil(lambda: self.latest(ev.JoinRequested) is not None, timeout=TIMEOUT_MS)
        self.runner.run(self.client.admit(self.session.session_id, self.join_id()), scaled(10))


class App:
    def __init__(self, qtbot: QtBot, runner: AsyncioThread, url: str) -> None:
        self.grabber = SyntheticGrabber()
        self.dialog = JoinDialog(url)
        qtbot.addWidget(self.dialog)
        self.controller = CustomerController(
            Bridge(runner),
            url,
            self.dialog,
            grabber_factory=lambda: self.grabber,
            screens=self.grabber.screens,
        )
        self.dialog.show()

    def join(self, qtbot: QtBot, code: str, name: str = "Hanako") -> None:
        self.dialog.code_edit.setText(code)
        self.dialog.name_edit.setText(name)
        qtbot.mouseClick(self.dialog.join_button, Qt.MouseButton.LeftButton)


def admitted_to_consent(qtbot: QtBot, app: App, agent: Agent) -> ConsentDialog:
    """The customer joins, is admitted, and is asked what to share."""
    app.join(qtbot, agent.session.code)
    agent.admit_when_asked(qtbot)
    qtbot.waitUntil(lambda: app.controller.consent is not None, timeout=TIMEOUT_MS)
    consent = app.controller.consent
    assert consent is not None
    return consent


@pytest.fixture
def agent(runner: AsyncioThread, org_server: ServerProcess) -> Iterator[Agent]:
    agent = Agent(runner, org_server.url)
    yield agent
    runner.run(agent.client.close(), timeout=scaled(10))


@pytest.fixture
def app(qtbot: QtBot, runner: AsyncioThread, org_server: ServerProcess) -> Iterator[App]:
    app = App(qtbot, runner, org_server.url)
    yield app
    app.controller.shutdown()


def test_letters_in_the_code_are_refused_before_asking_the_server(qtbot: QtBot, app: App) -> None:
    app.join(qtbot, "12a 456 789")
    assert "9 digits" in app.dialog.status_label.text()
    assert app.controller.client is None


def test_wrong_code_says_so_and_keeps_the_input(qtbot: QtBot, app: App, agent: Agent) -> None:
    wrong = "000000000" if agent.session.code != "000000000" else "000000001"
    app.join(qtbot, wrong)
    qtbot.waitUntil(lambda: "not valid" in app.dialog.status_label.text(), timeout=TIMEOUT_MS)
    assert app.dialog.code_edit.text() == "000 000 00" + wrong[-1]
    assert app.dialog.join_button.isEnabled()


def test_declined_customer_is_told_and_the_code_stays_valid(
    qtbot: QtBot, app: App, agent: Agent, runner: AsyncioThread
) -> None:
    app.join(qtbot, agent.session.code)
    qtbot.waitUntil(
        lambda: "Waiting for Taro" in app.dialog.status_label.text(), timeout=TIMEOUT_MS
    )
    qtbot.waitUntil(lambda: agent.latest(ev.JoinRequested) is not None, timeout=TIMEOUT_MS)
    runner.run(agent.client.decline(agent.session.session_id, agent.join_id()), scaled(10))
    qtbot.waitUntil(lambda: "declined" in app.dialog.status_label.text(), timeout=TIMEOUT_MS)
    app.join(qtbot, agent.session.code)
    qtbot.waitUntil(
        lambda: "Waiting for Taro" in app.dialog.status_label.text(), timeout=TIMEOUT_MS
    )


def test_consent_share_stop_end_and_rate(
    qtbot: QtBot, app: App, agent: Agent, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    consent = admitted_to_consent(qtbot, app, agent)
    assert "Taro" in consent.who_label.text() and "Acme Support" in consent.who_label.text()
    assert app.dialog.isHidden()
    bar = app.controller.share_bar
    assert bar is not None and bar.isVisible()
    assert app.grabber.grab_count == 0  # nothing captured before Allow

    qtbot.mouseClick(consent.allow_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.state is ShareState.SHARING, timeout=TIMEOUT_MS)
    assert bar.label.text() == "Sharing your screen with Taro (Acme Support)"
    qtbot.waitUntil(lambda: agent.latest(ev.FrameArrived) is not None, timeout=TIMEOUT_MS)

    # Pause stops capture, not only sending: the grab count stays flat while paused.
    qtbot.mouseClick(bar.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.state is ShareState.PAUSED, timeout=TIMEOUT_MS)
    # Watched, not waited for: the capture loop may take one more grab within its
    # quarter-second wait, then the count stays flat for half a second.
    qtbot.wait(int(scaled(400)))
    grabs = app.grabber.grab_count
    qtbot.wait(int(scaled(500)))
    assert app.grabber.grab_count == grabs
    frames = sum(isinstance(e, ev.FrameArrived) for e in agent.events)
    qtbot.mouseClick(bar.pause_button, Qt.MouseButton.LeftButton)  # now "Resume"
    qtbot.waitUntil(lambda: bar.state is ShareState.SHARING, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.grabber.grab_count > grabs, timeout=TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: sum(isinstance(e, ev.FrameArrived) for e in agent.events) > frames,
        timeout=TIMEOUT_MS,
    )

    qtbot.mouseClick(bar.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.state is ShareState.STOPPED, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: agent.latest(ev.StreamEnded) is not None, timeout=TIMEOUT_MS)
    grabs = app.grabber.grab_count
    qtbot.wait(int(scaled(300)))  # watched: not one grab after the stream ended
    assert app.grabber.grab_count == grabs

    runner.run(agent.client.end_session(agent.session.session_id), scaled(10))
    qtbot.waitUntil(lambda: app.dialog.isVisible(), timeout=TIMEOUT_MS)
    assert app.dialog.status_label.text() == "The support agent ended the session."
    assert app.controller.share_bar is None
    chat = app.controller.chat_window  # the transcript stays readable, not writable
    assert chat is not None and chat.isVisible() and not chat.panel.edit.isEnabled()

    rating = app.controller.rating  # how was the help?
    assert rating is not None
    rating.stars.button(5).click()
    rating.comment_edit.setPlainText("とても親切でした")
    rating.buttons.accepted.emit()
    qtbot.waitUntil(
        lambda: app.dialog.status_label.text() == "Thank you for your feedback.", timeout=TIMEOUT_MS
    )
    database = open_database(org_server.db_url)
    try:
        with database.session() as session:
            record = history.session_record(session, agent.session.session_id)
            assert record is not None
            assert (record.rating, record.rating_comment) == (5, "とても親切でした")
    finally:
        database.close()


def test_capture_that_cannot_work_is_named_on_the_consent_screen(
    qtbot: QtBot, agent: Agent, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    def wayland() -> list[Screen]:
        raise AssistError(ClientErrorCode.WAYLAND_UNSUPPORTED)

    dialog = JoinDialog(org_server.url, agent.session.code, "Hanako")
    qtbot.addWidget(dialog)
    controller = CustomerController(Bridge(runner), org_server.url, dialog, screens=wayland)
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    agent.admit_when_asked(qtbot)
    qtbot.waitUntil(lambda: controller.consent is not None, timeout=TIMEOUT_MS)
    consent = controller.consent
    assert consent is not None
    assert "Wayland" in consent.error_label.text()
    assert not consent.allow_button.isEnabled()
    controller.shutdown()


def test_server_not_running_is_said_at_once(qtbot: QtBot, runner: AsyncioThread) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again below: nothing listens there
    app = App(qtbot, runner, f"ws://127.0.0.1:{port}")
    app.join(qtbot, "123 456 789")
    qtbot.waitUntil(
        lambda: "Cannot reach the server" in app.dialog.status_label.text(), timeout=TIMEOUT_MS
    )
    assert app.dialog.join_button.isEnabled()  # the customer can simply try again


def test_closing_the_customer_app_tells_the_agent(
    qtbot: QtBot, app: App, agent: Agent, runner: AsyncioThread
) -> None:
    app.join(qtbot, agent.session.code)
    agent.admit_when_asked(qtbot)
    qtbot.waitUntil(lambda: app.controller.share_bar is not None, timeout=TIMEOUT_MS)
    app.controller.shutdown()
    qtbot.waitUntil(lambda: agent.latest(ev.SessionClosed) is not None, timeout=TIMEOUT_MS)
    closed = agent.latest(ev.SessionClosed)
    assert isinstance(closed, ev.SessionClosed) and closed.reason.value == "customer_left"


def test_server_gone_mid_session_is_said_and_nothing_hangs(
    qtbot: QtBot, runner: AsyncioThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    """First the app says it is reconnecting; once it gives up, that the connection is
    lost (a server that comes back is in test_reconnect.py)."""
    monkeypatch.setattr(client_base, "RECONNECT_FOR", 2.0)
    with server_process(expect_exit=None) as doomed:
        agent = Agent(runner, doomed.url)
        app = App(qtbot, runner, doomed.url)
        app.join(qtbot, agent.session.code)
        agent.admit_when_asked(qtbot)
        qtbot.waitUntil(lambda: app.controller.share_bar is not None, timeout=TIMEOUT_MS)
        bar = app.controller.share_bar
        assert bar is not None
        doomed.kill()
        qtbot.waitUntil(lambda: "reconnecting" in bar.notice.text(), timeout=TIMEOUT_MS)
        assert bar.notice.isVisible()
        qtbot.waitUntil(lambda: app.dialog.isVisible(), timeout=TIMEOUT_MS)
        assert "connection to the server was lost" in app.dialog.status_label.text()
        qtbot.waitUntil(lambda: agent.latest(ev.ConnectionLost) is not None, timeout=TIMEOUT_MS)
        runner.run(agent.client.close(), timeout=scaled(10))


def test_report_abuse_ends_the_session_and_reaches_the_administrator(
    qtbot: QtBot, app: App, agent: Agent, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    consent = admitted_to_consent(qtbot, app, agent)
    qtbot.mouseClick(consent.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.controller.report is not None, timeout=TIMEOUT_MS)
    report = app.controller.report
    assert report is not None
    report.reason_edit.setPlainText("He called me and said my bank account was hacked")
    report.buttons.accepted.emit()
    qtbot.waitUntil(lambda: app.dialog.isVisible(), timeout=TIMEOUT_MS)
    assert "reported" in app.dialog.status_label.text()
    assert app.grabber.grab_count == 0  # reported before anything was shared

    database = open_database(org_server.db_url)
    try:
        with database.session() as session:
            (stored,) = [
                r for r in abuse_reports(session) if r.session_id == agent.session.session_id
            ]
            assert stored.code == agent.session.code
            assert (stored.agent_username, stored.customer_name) == ("taro", "Hanako")
            assert "bank account" in stored.reason
    finally:
        database.close()


def test_declining_the_consent_tells_the_agent_and_the_session_goes_on(
    qtbot: QtBot, app: App, agent: Agent, runner: AsyncioThread
) -> None:
    consent = admitted_to_consent(qtbot, app, agent)
    qtbot.mouseClick(consent.decline_button, Qt.MouseButton.LeftButton)
    # The agent stops waiting: it is told the customer declined (not left guessing).
    qtbot.waitUntil(lambda: agent.latest(ev.ShareChanged) is not None, timeout=TIMEOUT_MS)
    changed = agent.latest(ev.ShareChanged)
    assert isinstance(changed, ev.ShareChanged)
    assert (changed.state, changed.reason) == (ShareState.STOPPED, ShareReason.DECLINED)
    assert app.grabber.grab_count == 0
    bar = app.controller.share_bar  # the session goes on: chat, and sharing later
    assert bar is not None and bar.share_button.isVisible()
    runner.run(
        agent.client.send_chat(agent.session.session_id, "チャットで続けましょう"), scaled(10)
    )
    chat = app.controller.chat_window
    assert chat is not None
    qtbot.waitUntil(
        lambda: any(e.text == "チャットで続けましょう" for e in chat.panel.model.entries),
        timeout=TIMEOUT_MS,
    )


def users(server: ServerProcess, *args: str) -> None:
    """``assist-signaling users ARGS`` on the module's server's database."""
    done = subprocess.run(
        [sys.executable, "-m", "signaling.cli", "--db", server.db_url, "users", *args],
        capture_output=True,
        text=True,
        timeout=scaled(60),
    )
    assert done.returncode == 0, done.stderr


def test_a_disabled_agent_is_told_and_not_rated(
    qtbot: QtBot, app: App, agent: Agent, org_server: ServerProcess
) -> None:
    app.join(qtbot, agent.session.code)
    agent.admit_when_asked(qtbot)
    qtbot.waitUntil(lambda: app.controller.share_bar is not None, timeout=TIMEOUT_MS)
    users(org_server, "disable", "taro")
    try:
        qtbot.waitUntil(lambda: app.dialog.isVisible(), timeout=TIMEOUT_MS)
        assert app.dialog.status_label.text() == (
            "The support agent's account was disabled. The session was stopped."
        )
        qtbot.wait(int(scaled(300)))  # watched: a rating dialog would open right after
        assert app.controller.rating is None
    finally:
        users(org_server, "enable", "taro")  # the module's other tests sign in as taro
