"""The Restored tab on its own: what it shows of each restored note, wrap-up and message,
and that nothing goes without the agent saying so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assist.agent.restored_tab import RestoredTab
from assist.core.outbox import PendingChat, PendingNote, PendingWrapUp
from assist.core.wrapup import WrapUpFields
from signaling.protocol import Outcome

SERVER = "ws://127.0.0.1:8765#taro"
NOTE = PendingNote(SERVER, "s-1", "n-1", "ドライバーを再インストール予定", 1_700_000_000.0)
MESSAGE = PendingChat(SERVER, "s-2", "m-1", "少々お待ちください", 1_700_000_100.0)


class Answers:
    """Stands in for the confirmation dialog: records the questions, answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.questions: list[str] = []

    def __call__(self, parent: QWidget, question: str) -> bool:
        self.questions.append(question)
        return self.answer


def test_a_restored_note_names_its_session_and_is_saved_at_once(qtbot: QtBot) -> None:
    tab = RestoredTab()
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.note_save_requested) as saving:
        item = tab.add_note(NOTE)
    assert saving.args == ["s-1", "n-1", "ドライバーを再インストール予定"]
    assert tab.title == "Restored (1)"
    assert item.title.text() == "Unsaved note from session s-1 — restored"
    assert item.notes.edit.toPlainText() == NOTE.text
    assert item.notes.status.text() == "Restored — saving…"
    assert item.edited.text().startswith("Last edited ")

    tab.name_session("s-1", "佐藤 花子", 1_700_000_000.0)
    assert item.title.text().startswith("Unsaved note from session 佐藤 花子, ")
    assert tab.note("s-1", "n-1") is item and tab.note("s-1", "other") is None


def test_an_unsaved_note_is_discarded_only_when_the_agent_confirms(qtbot: QtBot) -> None:
    tab = RestoredTab()
    qtbot.addWidget(tab)
    item = tab.add_note(NOTE)
    tab.confirm_discard = Answers(False)
    assert item.discard_button.text() == "Discard…"
    with qtbot.assertNotEmitted(tab.note_discarded):
        qtbot.mouseClick(item.discard_button, Qt.MouseButton.LeftButton)
    tab.confirm_discard = answers = Answers(True)
    with qtbot.waitSignal(tab.note_discarded) as discarded:
        qtbot.mouseClick(item.discard_button, Qt.MouseButton.LeftButton)
    assert discarded.args == ["s-1", "n-1"]
    assert answers.questions == ["Discard this note? It was never saved and cannot be recovered."]
    assert tab.items == [item]  # gone only once the outbox let it go (the controller's call)


def test_a_saved_note_closes_without_asking(qtbot: QtBot) -> None:
    tab = RestoredTab()
    qtbot.addWidget(tab)
    item = tab.add_note(NOTE)
    qtbot.waitSignal(tab.note_save_requested).wait()
    item.mark_saved(1_700_000_500.0)
    assert item.notes.status.text().startswith("Saved at ")
    assert item.discard_button.text() == "Close"
    tab.confirm_discard = answers = Answers(True)
    with qtbot.waitSignal(tab.emptied), qtbot.assertNotEmitted(tab.note_discarded):
        qtbot.mouseClick(item.discard_button, Qt.MouseButton.LeftButton)
    assert answers.questions == [] and tab.items == []


def test_an_undelivered_message_can_be_copied_and_discarded(qtbot: QtBot) -> None:
    tab = RestoredTab()
    qtbot.addWidget(tab)
    tab.add_note(NOTE)
    item = tab.add_chat(MESSAGE)
    assert tab.title == "Restored (2)"
    assert item.title.text() == "Message not delivered in session s-2"
    assert item.view.isReadOnly() and item.view.toPlainText() == "少々お待ちください"
    qtbot.mouseClick(item.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "少々お待ちください"

    tab.confirm_discard = Answers(True)
    with qtbot.waitSignal(tab.chat_discarded) as discarded:
        qtbot.mouseClick(item.discard_button, Qt.MouseButton.LeftButton)
    assert discarded.args == ["s-2", "m-1"]
    with qtbot.waitSignal(tab.title_changed) as retitled:
        tab.remove(item)
    assert retitled.args == ["Restored (1)"]


def test_a_restored_wrap_up_says_what_it_holds_and_goes_only_when_told(
    qtbot: QtBot,
) -> None:
    tab = RestoredTab()
    qtbot.addWidget(tab)
    fields = WrapUpFields("プリンターの問題", Outcome.FOLLOW_UP, ("driver",), "来週確認")
    item = tab.add_wrap_up(PendingWrapUp("ws://x#taro", "s-1", fields, 1_700_000_000.0))
    skipped = tab.add_wrap_up(
        PendingWrapUp("ws://x#taro", "s-2", WrapUpFields.skip(), 1_700_000_000.0)
    )
    assert item.title.text() == "Wrap-up of session s-1 — restored"
    assert item.text.splitlines() == [
        "Category: プリンターの問題",
        "Outcome: Follow-up needed",
        "Tags: driver",
        "Final note: 来週確認",
    ]
    assert skipped.title.text() == "Skipped wrap-up of session s-2 — restored"
    assert item.status.text() == "Saving…" and tab.wrap_up("s-2") is skipped

    item.mark_failed("The server is not reachable.", for_good=False)
    assert not item.retry_button.isHidden()
    with qtbot.waitSignal(tab.wrap_up_retry_requested) as retry:
        qtbot.mouseClick(item.retry_button, Qt.MouseButton.LeftButton)
    assert retry.args == ["s-1"]
    tab.confirm_discard = lambda parent, question: False
    with qtbot.assertNotEmitted(tab.wrap_up_discarded):
        qtbot.mouseClick(item.discard_button, Qt.MouseButton.LeftButton)

    skipped.mark_saved()
    assert skipped.discard_button.text() == "Close"
    qtbot.mouseClick(skipped.discard_button, Qt.MouseButton.LeftButton)
    assert tab.items == [item]
