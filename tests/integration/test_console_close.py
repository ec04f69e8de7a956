"""Closing the console while sessions are live: the agent confirms, each customer is told
the agent ended the session, each wrap-up is asked for (saved or skipped, both stored), and
only then does the window go. Cancel keeps everything as it was; with nothing live the
console closes without a question."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assist.agent.console_dialogs import ConsoleDialogs, WrapUpAnswer, WrapUpQuestion
from assist.core import events as ev
from assist.core.customer import CustomerClient
from assist.core.wrapup import WrapUpFields
from assist.qt.bridge import AsyncioThread
from signaling.protocol import EndReason, Outcome
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.integration.test_agent_console import (
    TIMEOUT_MS,
    Console,
    new_session,
    waiting_customer,
)
from tests.integration.test_wrap_up_owed import stored

BILLING = WrapUpFields("Billing", Outcome.RESOLVED, ("refund",), "返金済み")


class Answers:
    """Answers the console's questions for the agent, as the test says, and records them."""

    def __init__(self, confirm: bool, wrap_ups: list[WrapUpFields | None]) -> None:
        self.confirm = confirm
        self.wrap_ups = wrap_ups
        self.confirmations: list[int] = []
        self.questions: list[WrapUpQuestion] = []

    def ask_wrap_up(self, question: WrapUpQuestion, answer: WrapUpAnswer) -> None:
        self.questions.append(question)
        answer(self.wrap_ups.pop(0) if self.wrap_ups else None)  # then: "not now"

    def confirm_close(self, live_sessions: int, answer: Callable[[bool], None]) -> None:
        self.confirmations.append(live_sessions)
        answer(self.confirm)


def admitted(
    qtbot: QtBot, runner: AsyncioThread, server: ServerProcess, console: Console
) -> tuple[str, CustomerClient, list[ev.Event]]:
    tab = new_session(qtbot, console)
    customer, events = waiting_customer(qtbot, runner, server, tab)
    next(iter(tab.waiting.values())).admit_button.click()
    qtbot.waitUntil(lambda: customer.session_id is not None, timeout=TIMEOUT_MS)
    return tab.session_id, customer, events


def told(events: list[ev.Event]) -> list[EndReason]:
    return [e.reason for e in events if isinstance(e, ev.SessionClosed)]


def test_closing_with_live_sessions_ends_them_and_asks_each_wrap_up(
    qtbot: QtBot, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    answers = Answers(True, [BILLING, WrapUpFields.skip()])
    console = Console(qtbot, runner, org_server.url, questions=answers)
    first, first_customer, first_events = admitted(qtbot, runner, org_server, console)
    second, second_customer, second_events = admitted(qtbot, runner, org_server, console)
    unused = new_session(qtbot, console).session_id
    try:
        assert not console.window.close()  # held: the closing goes on step by step
        qtbot.waitUntil(lambda: not console.window.isVisible(), timeout=TIMEOUT_MS)
        assert answers.confirmations == [3]
        assert [(q.customer_name, q.session_over) for q in answers.questions] == [
            ("Hanako", True),
            ("Hanako", True),
        ]
        for events in (first_events, second_events):
            qtbot.waitUntil(lambda events=events: bool(told(events)), timeout=TIMEOUT_MS)
            assert told(events) == [EndReason.AGENT_ENDED]
    finally:
        runner.run(first_customer.close(), timeout=scaled(10))
        runner.run(second_customer.close(), timeout=scaled(10))
        runner.run(console.client.close(), timeout=scaled(10))
    fields, kinds = stored(org_server.db_url, first)
    assert fields == ("Billing", "resolved", "agent_ended") and "wrapped_up" in kinds
    fields, kinds = stored(org_server.db_url, second)
    assert fields == (None, None, "agent_ended") and "wrap_up_skipped" in kinds
    fields, kinds = stored(org_server.db_url, unused)
    assert fields == (None, None, "agent_ended") and "wrap_up_skipped" not in kinds


def test_cancel_keeps_the_console_and_its_sessions(
    qtbot: QtBot, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    answers = Answers(False, [])
    console = Console(qtbot, runner, org_server.url, questions=answers)
    session_id, customer, events = admitted(qtbot, runner, org_server, console)
    try:
        assert not console.window.close()
        assert answers.confirmations == [1] and console.window.isVisible()
        tab = console.window.tab_for(session_id)
        assert tab is not None and not tab.ended and told(events) == []
        assert answers.questions == []
        # Not now on a wrap-up stops the closing too: what is left stays on its tab.
        answers.confirm, answers.wrap_ups = True, [None]
        assert not console.window.close()
        qtbot.waitUntil(lambda: tab.ended, timeout=TIMEOUT_MS)
        assert console.window.isVisible() and tab.needs_wrap_up
    finally:
        runner.run(customer.close(), timeout=scaled(10))
        runner.run(console.client.close(), timeout=scaled(10))


def test_with_nothing_live_the_console_closes_without_asking(
    qtbot: QtBot, runner: AsyncioThread, org_server: ServerProcess
) -> None:
    answers = Answers(True, [BILLING])
    console = Console(qtbot, runner, org_server.url, questions=answers)
    session_id, customer, _ = admitted(qtbot, runner, org_server, console)
    try:
        tab = console.window.tab_for(session_id)
        assert tab is not None
        tab.end_button.click()  # End session: wrapped up and ended
        qtbot.waitUntil(lambda: tab.ended and tab.wrapped_up, timeout=TIMEOUT_MS)
        assert console.window.close() and not console.window.isVisible()
        assert answers.confirmations == [] and len(answers.questions) == 1
    finally:
        runner.run(customer.close(), timeout=scaled(10))
        runner.run(console.client.close(), timeout=scaled(10))


def test_the_confirmation_names_how_many_are_live(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    dialogs = ConsoleDialogs(window)
    answers: list[bool] = []
    dialogs.confirm_close(2, answers.append)
    box = dialogs.close_box
    assert box is not None
    assert box.text().startswith("2 session") and box.text().endswith("End them and close?")
    end = next(b for b in box.buttons() if b.text() == "End sessions and close")
    end.click()
    qtbot.waitUntil(lambda: answers == [True])
    assert dialogs.close_box is None
