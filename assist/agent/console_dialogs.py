"""The console's questions to the agent: a session's wrap-up, and closing with sessions live.

Asked without blocking; the answer comes back through a callback. Controllers take any object
with these methods (:class:`Questions`), so a test can answer for the agent without clicking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from assist.agent.wrapup_dialog import WrapUpDialog
from assist.core.wrapup import WrapUpFields

#: The agent's wrap-up, ``WrapUpFields.skip()`` when they skipped it, None for "not now".
WrapUpAnswer = Callable[[WrapUpFields | None], None]


@dataclass(frozen=True)
class WrapUpQuestion:
    customer_name: str | None
    categories: list[str]
    #: The session's notes, offered as the final note.
    final_note: str = ""
    #: False: saving also ends the live session (the buttons say so).
    session_over: bool = True
    #: What the agent entered last time, when it could not be saved.
    entered: WrapUpFields | None = None


class Questions(Protocol):
    def ask_wrap_up(self, question: WrapUpQuestion, answer: WrapUpAnswer) -> None: ...

    def confirm_close(self, live_sessions: int, answer: Callable[[bool], None]) -> None: ...

    def offer_rejoin(self, customers: list[str], answer: Callable[[bool], None]) -> None: ...


class ConsoleDialogs(QObject):
    """The real dialogs, window-modal over ``parent``. :attr:`wrap_up` and
    :attr:`close_box` are the ones open now, if any."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.wrap_up: WrapUpDialog | None = None
        self.close_box: QMessageBox | None = None
        self.rejoin_box: QMessageBox | None = None

    def ask_wrap_up(self, question: WrapUpQuestion, answer: WrapUpAnswer) -> None:
        dialog = WrapUpDialog(
            question.categories, question.final_note, question.session_over, self.parent_widget
        )
        if question.customer_name:
            title = self.tr("Wrap up the session with %1").replace("%1", question.customer_name)
            dialog.setWindowTitle(title)
        if question.entered is not None:
            dialog.fill(question.entered)

        def finished(result: int) -> None:
            self.wrap_up = None
            # Read here, on the GUI thread, before the dialog is deleted.
            if result == QDialog.DialogCode.Accepted:
                answer(dialog.fields)
            elif result == WrapUpDialog.SKIPPED:
                answer(WrapUpFields.skip())
            else:
                answer(None)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        self.wrap_up = dialog
        dialog.open()

    def confirm_close(self, live_sessions: int, answer: Callable[[bool], None]) -> None:
        box = QMessageBox(self.parent_widget)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close the console"))
        box.setText(self.tr("%n session(s) are live. End them and close?", "", live_sessions))
        box.setInformativeText(
            self.tr(
                "Each customer is told that you ended the session. You are then asked for "
                "each wrap-up, which you may skip."
            )
        )
        end = box.addButton(self.tr("End sessions and close"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)

        def finished(_: int) -> None:
            self.close_box = None
            answer(box.clickedButton() is end)
            box.deleteLater()

        box.finished.connect(finished)
        self.close_box = box
        box.open()

    def offer_rejoin(self, customers: list[str], answer: Callable[[bool], None]) -> None:
        """Take back the sessions an earlier run left open (True), or end them (False)."""
        box = QMessageBox(self.parent_widget)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Sessions still open"))
        box.setText(
            self.tr("%n session(s) from before are still open. Rejoin them?", "", len(customers))
        )
        box.setInformativeText(
            self.tr(
                "With: %1. Rejoining brings back each session's chat; the customer's screen "
                "comes back without asking them again. Ending them tells each customer."
            ).replace("%1", self.tr(", ").join(customers))
        )
        rejoin = box.addButton(self.tr("Rejoin"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("End them"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(rejoin)

        def finished(_: int) -> None:
            self.rejoin_box = None
            answer(box.clickedButton() is rejoin)
            box.deleteLater()

        box.finished.connect(finished)
        self.rejoin_box = box
        box.open()
