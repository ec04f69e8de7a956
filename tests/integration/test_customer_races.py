"""Races on the customer side: the server dying mid-share, Cancel racing Admit, a second
consent request, the session ending while Allow starts. Real server process, real
controller, capture track and aiortc peers (synthetic screen)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.core import client_base
from assist.core import events as ev
from assist.core.capture import Screen
from assist.core.synthetic import SyntheticGrabber
from assist.qt.bridge import AsyncioThread
from signaling.protocol import ShareState
from tests.helpers.qt_waits import delivered
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled, until
from tests.integration.test_customer_app import Agent, App

TIMEOUT_MS = int(scaled(15) * 1000)


@pytest.fixture
def server(start_server: Callable[[], ServerProcess]) -> ServerProcess:
    """A server of the test's own, which the test may kill."""
    return start_server()


def _share(qtbot: QtBot, app: App, agent: Agent) -> None:
    app.join(qtbot, agent.session.code)
    agent.admit_when_asked(qtbot)
    qtbot.waitUntil(lambda: app.controller.consent is not None, timeout=TIMEOUT_MS)
    consent = app.controller.consent
    assert consent is not None
    qtbot.mouseClick(consent.allow_button, Qt.MouseButton.LeftButton)
    bar = app.controller.share_bar
    assert bar is not None
    qtbot.waitUntil(lambda: bar.state is ShareState.SHARING, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: agent.latest(ev.FrameArrived) is not None, timeout=TIMEOUT_MS)


def test_capture_stops_when_the_server_connection_is_lost_while_sharing(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app says the session is over once it gives up reconnecting to a server that
    stays away; capture and the peer-to-peer stream (which would not need the server) must
    end with it."""
    monkeypatch.setattr(client_base, "RECONNECT_FOR", 2.0)
    agent = Agent(runner, server.url)
    app = App(qtbot, runner, server.url)
    qtbot.addWidget(app.dialog)
    _share(qtbot, app, agent)
    client = app.controller.client
    assert client is not None
    try:
        server.kill()
        qtbot.waitUntil(lambda: app.dialog.isVisible(), timeout=TIMEOUT_MS)
        assert "connection to the server was lost" in app.dialog.status_label.text()
        assert app.controller.share_bar is None  # the customer has no Stop button any more
        # Measured, not waited for: frames already on their way may still land in the
        # first 500 ms; then nothing more may be grabbed or arrive for a second.
        qtbot.wait(int(scaled(500)))
        grabs = app.grabber.grab_count
        frames = sum(isinstance(e, ev.FrameArrived) for e in agent.events)
        qtbot.wait(int(scaled(1000)))
        more_grabs = app.grabber.grab_count - grabs
        more_frames = sum(isinstance(e, ev.FrameArrived) for e in agent.events) - frames
        assert (more_grabs, more_frames) == (0, 0), (
            f"after the UI said the session is over, {more_grabs} more screen grabs were "
            f"taken and the agent received {more_frames} more frames"
        )
    finally:
        runner.run(client.close(), timeout=scaled(10))
        runner.run(agent.client.close(), timeout=scaled(10))


def test_cancel_racing_admit_does_not_leave_a_dead_share_bar(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess
) -> None:
    """The customer presses Cancel while the agent's Admit is already on its way (the
    ``admitted`` signal is queued for the GUI thread but not yet delivered)."""
    agent = Agent(runner, server.url)
    app = App(qtbot, runner, server.url)
    qtbot.addWidget(app.dialog)
    try:
        app.join(qtbot, agent.session.code)
        qtbot.waitUntil(
            lambda: "Waiting for Taro" in app.dialog.status_label.text(), timeout=TIMEOUT_MS
        )
        client = app.controller.client
        assert client is not None
        qtbot.waitUntil(lambda: agent.latest(ev.JoinRequested) is not None, timeout=TIMEOUT_MS)
        # Admit on the worker without spinning the Qt loop, so ``admitted`` stays queued.
        runner.run(agent.client.admit(agent.session.session_id, agent.join_id()), scaled(10))
        # Set with ``admitted`` emitted (and queued for the GUI thread) in one step.
        runner.run(until(lambda: client.session_id is not None, what="admitted"), scaled(15))
        app.dialog.cancel_button.click()  # the user's click is handled first
        delivered(qtbot, app.controller.bridge)  # now the queued ``admitted`` arrives
        # Either the admission is honoured (with a working client) or it is ignored
        # (join dialog back); a share bar and chat whose buttons do nothing is neither.
        stuck = app.controller.share_bar is not None and app.controller.client is None
        assert not stuck, (
            "customer left with a share bar/chat bound to no client and the join dialog "
            f"hidden (dialog visible: {app.dialog.isVisible()})"
        )
    finally:
        runner.run(agent.client.close(), timeout=scaled(10))


class TwoScreens(SyntheticGrabber):
    def screens(self) -> list[Screen]:
        return [Screen(1, 0, 0, self.width, self.height), Screen(2, 0, 0, self.width, self.height)]


def test_allow_shares_the_screen_chosen_in_the_one_consent_dialog(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess
) -> None:
    """ "Share my screen" on the always-on-top bar while the consent dialog is open brings
    that dialog forward instead of opening a second one; Allow shares the screen chosen."""
    agent = Agent(runner, server.url)
    app = App(qtbot, runner, server.url)
    qtbot.addWidget(app.dialog)
    grabber = TwoScreens()
    app.grabber = grabber
    app.controller._grabber_factory = lambda: grabber
    app.controller._screens = grabber.screens
    try:
        app.join(qtbot, agent.session.code)
        agent.admit_when_asked(qtbot)
        qtbot.waitUntil(lambda: app.controller.consent is not None, timeout=TIMEOUT_MS)
        first = app.controller.consent
        bar = app.controller.share_bar
        assert first is not None and bar is not None
        assert bar.share_button.isVisible()
        qtbot.mouseClick(bar.share_button, Qt.MouseButton.LeftButton)
        qtbot.wait(int(scaled(300)))  # watched: a second dialog would have appeared by now
        assert app.controller.consent is first and first.isVisible()
        first.screen_combo.setCurrentIndex(1)  # the customer picks screen 2 ...
        assert first.screen_index == 2
        qtbot.mouseClick(first.allow_button, Qt.MouseButton.LeftButton)  # ... and allows
        qtbot.waitUntil(lambda: bar.state is ShareState.SHARING, timeout=TIMEOUT_MS)
        client = app.controller.client
        assert client is not None and client.track is not None
        assert client.track.target.index == 2, (
            f"customer allowed screen 2, screen {client.track.target.index} is being shared"
        )
    finally:
        if app.controller.client is not None:
            runner.run(app.controller.client.close(), timeout=scaled(10))
        runner.run(agent.client.close(), timeout=scaled(10))


def test_session_ending_during_allow_leaves_no_capture_behind(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The agent ends the session while Allow is starting capture (the grabber opens its X
    connection in the capture thread): what Allow opened is released, and the customer
    reads why the session ended, not an error from the interrupted Allow."""
    agent = Agent(runner, server.url)
    app = App(qtbot, runner, server.url)
    qtbot.addWidget(app.dialog)
    opening = threading.Event()
    release = threading.Event()

    def slow_factory() -> SyntheticGrabber:
        opening.set()
        release.wait(scaled(10))
        return app.grabber

    app.controller._grabber_factory = slow_factory
    try:
        app.join(qtbot, agent.session.code)
        agent.admit_when_asked(qtbot)
        qtbot.waitUntil(lambda: app.controller.consent is not None, timeout=TIMEOUT_MS)
        client = app.controller.client
        assert client is not None
        client._grabber_factory = slow_factory
        allowed = threading.Event()  # Allow has run to its end
        allow = client.allow

        async def allow_to_its_end(screen_index: int, window_id: int | None = None) -> None:
            try:
                await allow(screen_index, window_id)
            finally:
                allowed.set()

        monkeypatch.setattr(client, "allow", allow_to_its_end)
        consent = app.controller.consent
        assert consent is not None
        qtbot.mouseClick(consent.allow_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(opening.is_set, timeout=TIMEOUT_MS)
        runner.run(agent.client.end_session(agent.session.session_id), scaled(10))
        qtbot.waitUntil(lambda: app.dialog.isVisible(), timeout=TIMEOUT_MS)
        release.set()
        qtbot.waitUntil(allowed.is_set, timeout=TIMEOUT_MS)

        def released() -> None:  # by Allow, or by the session's end once Allow let go
            leaked = [n for n in ("capture", "track", "rtc") if getattr(client, n) is not None]
            assert not leaked, f"after the session ended, the client still holds {leaked}"

        qtbot.waitUntil(released, timeout=TIMEOUT_MS)
        delivered(qtbot, app.controller.bridge)  # and what Allow said, had it failed
        said = app.dialog.status_label.text()
        assert said == "The support agent ended the session.", f"the join dialog says {said!r}"
    finally:
        release.set()
        if app.controller.client is not None:
            runner.run(app.controller.client.close(), timeout=scaled(10))
        runner.run(agent.client.close(), timeout=scaled(10))
