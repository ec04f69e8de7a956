"""A console started again while sessions it had open are still live (the last run was
killed, or closed by a crash) offers to take them back: rejoined, each gets its tab with the
whole transcript and the customer is told the agent is back; or each is ended and the
customer told so. The earlier run is the agent's client in a process, killed."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from assist.agent.console_dialogs import WrapUpAnswer, WrapUpQuestion
from assist.core import events as ev
from assist.core.customer import CustomerClient
from assist.core.synthetic import SyntheticGrabber
from assist.core.wrapup import WrapUpFields
from assist.qt.bridge import AsyncioThread
from signaling.protocol import EndReason
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.integration.test_agent_console import TIMEOUT_MS, Console
from tests.integration.test_agent_lost import AgentProcess


class Answers:
    """The agent's answer to "sessions still open: rejoin them?"; what was asked."""

    def __init__(self, rejoin: bool) -> None:
        self.rejoin = rejoin
        self.asked: list[list[str]] = []

    def offer_rejoin(self, customers: list[str], answer: Callable[[bool], None]) -> None:
        self.asked.append(customers)
        answer(self.rejoin)

    # When the test's window closes: end what is live, skip the wrap-ups.
    def confirm_close(self, live_sessions: int, answer: Callable[[bool], None]) -> None:
        answer(True)

    def ask_wrap_up(self, question: WrapUpQuestion, answer: WrapUpAnswer) -> None:
        answer(WrapUpFields.skip())


def left_open_by_a_killed_console(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess
) -> tuple[CustomerClient, list[ev.Event]]:
    """A session the earlier run admitted Hanako to and she wrote in; then it was killed."""
    earlier = AgentProcess(server.url, server.db_url)
    events: list[ev.Event] = []
    customer = CustomerClient(server.url, "Hanako", events.append, SyntheticGrabber)
    try:
        code = earlier.expect("code ", timeout=30).removeprefix("code ")
        runner.run(customer.connect(), timeout=scaled(10))
        runner.run(customer.join(code), timeout=scaled(10))
        qtbot.waitUntil(lambda: customer.session_id is not None, timeout=TIMEOUT_MS)
        assert customer.session_id is not None
        runner.run(customer.send_chat(customer.session_id, "はじめまして"), timeout=scaled(10))
    finally:
        earlier.kill()
    qtbot.waitUntil(lambda: any(isinstance(e, ev.PeerAway) for e in events), timeout=TIMEOUT_MS)
    return customer, events


def test_the_console_takes_back_what_the_last_run_left_open(
    qtbot: QtBot, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    customer, events = left_open_by_a_killed_console(qtbot, runner, org_server)
    answers = Answers(rejoin=True)
    console = Console(qtbot, runner, org_server.url, questions=answers)  # type: ignore[arg-type]
    try:
        console.controller.offer_left_open()
        assert answers.asked == [["Hanako"]]
        sid = customer.session_id
        assert sid is not None
        qtbot.waitUntil(lambda: console.window.tab_for(sid) is not None, timeout=TIMEOUT_MS)
        tab = console.window.tab_for(sid)
        assert tab is not None and tab.customer_name == "Hanako" and not tab.ended
        qtbot.waitUntil(
            lambda: [e.text for e in tab.chat.model.entries] == ["はじめまして"],
            timeout=TIMEOUT_MS,
        )
        qtbot.waitUntil(lambda: any(isinstance(e, ev.PeerBack) for e in events), timeout=TIMEOUT_MS)
        assert console.client.left_open == []  # offered once
    finally:
        runner.run(customer.close(), timeout=scaled(10))
        runner.run(console.client.close(), timeout=scaled(10))


def test_ending_what_the_last_run_left_open_tells_the_customer(
    qtbot: QtBot, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    customer, events = left_open_by_a_killed_console(qtbot, runner, org_server)
    console = Console(qtbot, runner, org_server.url, questions=Answers(rejoin=False))  # type: ignore[arg-type]
    try:
        console.controller.offer_left_open()
        qtbot.waitUntil(
            lambda: any(isinstance(e, ev.SessionClosed) for e in events), timeout=TIMEOUT_MS
        )
        (closed,) = [e for e in events if isinstance(e, ev.SessionClosed)]
        assert closed.reason is EndReason.AGENT_ENDED
        sid = closed.session_id
        tab = console.window.tab_for(sid)
        assert tab is not None  # ended, its wrap-up owed like any other
        qtbot.waitUntil(lambda: tab.ended, timeout=TIMEOUT_MS)
    finally:
        runner.run(customer.close(), timeout=scaled(10))
        runner.run(console.client.close(), timeout=scaled(10))
