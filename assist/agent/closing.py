"""Closing the console: live sessions are ended properly and every wrap-up is asked for
before the window goes.

With sessions live the agent confirms first ("End sessions and close" / Cancel); each live
session is then ended (its customer is told the agent ended it) and each wrap-up asked for
in turn, which the agent may save or skip. "Not now" on a wrap-up keeps the console open.
With nothing live and nothing owed the window closes without a question.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from assist.agent.console_dialogs import Questions
from assist.agent.main_window import MainWindow
from assist.agent.session_tab import SessionTab
from assist.agent.wrap_up_controller import WrapUpController, WrapUpResult
from assist.core.agent import AgentClient
from assist.core.errors import AssistError
from assist.qt.bridge import Bridge

logger = logging.getLogger(__name__)


class ConsoleClosing(QObject):
    """Guards ``window``'s close (see :attr:`MainWindow.close_guard`)."""

    def __init__(
        self,
        bridge: Bridge,
        client: AgentClient,
        window: MainWindow,
        wrap_ups: WrapUpController,
        questions: Questions,
    ) -> None:
        super().__init__(window)
        self.bridge = bridge
        self.client = client
        self.window = window
        self.wrap_ups = wrap_ups
        self.questions = questions
        #: Set once everything is done: the window may go.
        self.finished = False
        self._running = False
        self._queue: list[SessionTab] = []
        self._in_wrap_up = False  # asked, and not yet stored or cancelled
        self._ending = 0  # end_session calls not answered yet
        window.close_guard = self.may_close

    def may_close(self) -> bool:
        """Whether the window may close now; if not, the closing goes on step by step."""
        if self.finished:
            return True
        if self._running:
            return False  # a question is already open
        if self.wrap_ups.asking is not None:
            return False  # the agent is in a wrap-up: finish that first
        live = self._live()
        if not live and not self._owed():
            return True
        self._running = True
        if live:
            self.questions.confirm_close(len(live), self._on_confirmed)
        else:
            self._start_wrap_ups()
        return False

    def _live(self) -> list[SessionTab]:
        """Sessions to end: not ended, and still held by the client (one that let go of
        them when it closed cannot end them)."""
        held = set(self.client.sessions)
        return [tab for tab in self.window.session_tabs if not tab.ended and tab.session_id in held]

    def _owed(self) -> list[SessionTab]:
        return [tab for tab in self.window.session_tabs if tab.needs_wrap_up]

    def _on_confirmed(self, confirmed: bool) -> None:
        if not confirmed:
            self._stop()
            return
        for tab in self._live():
            self._end(tab)
        self._start_wrap_ups()

    def _end(self, tab: SessionTab) -> None:
        self._ending += 1

        def settled(_: object) -> None:
            self._ending -= 1
            self._next()

        def failed(error: AssistError) -> None:
            # The server ends it when the console stays away (after its grace period).
            logger.warning("Session not ended on closing: %s", error.code.value)
            settled(None)

        self.bridge.call(self.client.end_session(tab.session_id), settled, failed)

    def _start_wrap_ups(self) -> None:
        self._queue = self._owed()
        self._next()

    def _next(self) -> None:
        if not self._running or self._in_wrap_up:
            return  # this runs again once the open wrap-up is done
        while self._queue:
            tab = self._queue.pop(0)
            if tab.needs_wrap_up:
                self._in_wrap_up = True  # before asking: the answer may come at once
                if not self.wrap_ups.ask(tab, self._on_wrap_up_done):
                    self._in_wrap_up = False  # another one is open: the agent closes again
                    self._stop()
                return
        if self._ending == 0:
            self.finished = True
            # Not from inside a close event that asked: the window closes on its own turn.
            QTimer.singleShot(0, self.window.close)

    def _stop(self) -> None:
        self._running = False
        self._queue = []

    def _on_wrap_up_done(self, result: WrapUpResult) -> None:
        self._in_wrap_up = False
        if result is WrapUpResult.CANCELLED:
            self._stop()  # the console stays open; what is left is on its tabs
            return
        # A wrap-up that failed is kept on this computer and sent again on the next start.
        self._next()
