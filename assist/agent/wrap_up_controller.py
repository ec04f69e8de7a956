"""Every session a customer was admitted to gets its wrap-up, or the agent's skip, stored:
asked at End session, from the ended tab's Wrap up, when its tab is closed, and when the
console closes."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from assist.agent.console_dialogs import Questions, WrapUpQuestion
from assist.agent.session_tab import SessionTab
from assist.agent.wrapup_dialog import default_categories
from assist.core.agent import AgentClient
from assist.core.errors import AssistError
from assist.core.wrapup import WrapUpFields
from assist.qt.bridge import Bridge
from assist.qt.messages import error_text

logger = logging.getLogger(__name__)


class WrapUpResult(enum.Enum):
    STORED = "stored"  # saved or skipped, and the server has it
    FAILED = "failed"  # kept on this computer (the outbox) and in the tab, to try again
    CANCELLED = "cancelled"  # the agent chose "not now"


def _ignore(_: WrapUpResult) -> None:
    pass


class WrapUpController(QObject):
    """One wrap-up question at a time. ``wrapped_up`` tells when one was stored."""

    wrapped_up = Signal(str)  # session id

    def __init__(
        self, bridge: Bridge, client: AgentClient, questions: Questions, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.client = client
        self.questions = questions
        #: The session whose wrap-up is being asked for.
        self.asking: str | None = None

    def ask(
        self, tab: SessionTab, done: Callable[[WrapUpResult], None] = _ignore, end: bool = False
    ) -> bool:
        """Ask for ``tab``'s wrap-up; with ``end``, storing it also ends the live session.
        ``done`` runs once the agent said "not now" or the server answered. Returns False,
        asking nothing, while another wrap-up is being asked for."""
        if self.asking is not None:
            return False
        question = WrapUpQuestion(
            tab.customer_name,
            self.client.categories or default_categories(),
            tab.notes.text,
            session_over=tab.ended or not end,
            entered=tab.unsaved_wrap_up,
        )
        self.asking = tab.session_id
        self.questions.ask_wrap_up(question, lambda entry: self._answered(tab, entry, end, done))
        return True

    def _answered(
        self,
        tab: SessionTab,
        entry: WrapUpFields | None,
        end: bool,
        done: Callable[[WrapUpResult], None],
    ) -> None:
        self.asking = None
        if entry is None:
            done(WrapUpResult.CANCELLED)
            return
        session_id, client = tab.session_id, self.client
        end_after = end and not tab.ended

        async def store() -> None:
            await client.wrap_up(session_id, entry)
            if end_after:
                await client.end_session(session_id)

        def stored(_: None) -> None:
            tab.unsaved_wrap_up = None
            tab.on_wrapped_up(entry.skipped)
            self.wrapped_up.emit(session_id)
            done(WrapUpResult.STORED)

        def failed(error: AssistError) -> None:
            logger.warning("Wrap-up not stored: %s", error.code.value)
            # Nothing entered is lost: the next Wrap up starts from it, and the outbox sends
            # it again on the next start if it is never stored in this one.
            if not entry.skipped:
                tab.unsaved_wrap_up = entry
            tab.show_error(
                self.tr("The wrap-up was not saved (%1). Press Wrap up to try again.").replace(
                    "%1", error_text(error)
                )
            )
            done(WrapUpResult.FAILED)

        self.bridge.call(store(), stored, failed)
