"""The notes panel keeps every typing pause on this computer, saves one text at a time, and
reopens a note that was never saved."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from assist.agent import notes_panel
from assist.agent.notes_panel import NotesPanel
from tests.helpers.qt_input import commit_text

PAUSE_MS = notes_panel.AUTOSAVE_MS * 4


def test_every_pause_is_kept_even_while_a_save_is_on_its_way(qtbot: QtBot) -> None:
    panel = NotesPanel()
    qtbot.addWidget(panel)
    with (
        qtbot.waitSignal(panel.draft_changed, timeout=PAUSE_MS) as kept,
        qtbot.waitSignal(panel.save_requested, timeout=PAUSE_MS) as saving,
    ):
        commit_text(panel.edit, "プリンターが")
    assert kept.args == [panel.note_id, "プリンターが"]
    assert saving.args == [panel.note_id, "プリンターが"]

    # The save has not answered yet: the next pause is kept, but not sent on top of it.
    with (
        qtbot.waitSignal(panel.draft_changed, timeout=PAUSE_MS) as kept,
        qtbot.assertNotEmitted(panel.save_requested, wait=notes_panel.AUTOSAVE_MS * 2),
    ):
        commit_text(panel.edit, "動きません")
    assert kept.args == [panel.note_id, "プリンターが動きません"]

    with qtbot.waitSignal(panel.save_requested, timeout=PAUSE_MS) as saving:
        panel.mark_saved(1_700_000_000.0)  # the first save answers; the rest goes next
    assert saving.args == [panel.note_id, "プリンターが動きません"]


def test_a_restored_note_is_saved_at_once_under_its_own_id(qtbot: QtBot) -> None:
    panel = NotesPanel(None, "n-restored", "再起動後に戻ったメモ")
    qtbot.addWidget(panel)
    assert panel.text == "再起動後に戻ったメモ"
    assert panel.status.text() == "Restored — saving…"
    with (
        qtbot.waitSignal(panel.save_requested, timeout=PAUSE_MS) as saving,
        qtbot.assertNotEmitted(panel.draft_changed),  # it came from the outbox
    ):
        pass
    assert saving.args == ["n-restored", "再起動後に戻ったメモ"]


def test_a_refused_note_is_not_retried_and_a_failed_one_is(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_panel, "RETRY_MS", 50)
    panel = NotesPanel(None, "n1", "古いセッションのメモ")
    qtbot.addWidget(panel)
    qtbot.waitSignal(panel.save_requested, timeout=PAUSE_MS).wait()
    with qtbot.waitSignal(panel.save_requested, timeout=PAUSE_MS):
        panel.mark_failed("The server cannot save right now.")
    assert panel.status.text().startswith("Not saved yet (The server cannot save right now.)")
    with qtbot.assertNotEmitted(panel.save_requested, wait=300):
        panel.mark_refused("That session no longer exists.")
    assert panel.status.text() == "Not saved: That session no longer exists."
    assert panel.text == "古いセッションのメモ"
