"""Letting go of what can no longer be delivered: an ended session's chat (its notes stay,
they may still be saved), and what the user chose to discard."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from assist.core.outbox import Outbox

SERVER = "wss://support.example.jp"
OTHER_SERVER = "wss://other.example.com"


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    opened = Outbox(tmp_path / "outbox.sqlite")
    yield opened
    opened.close()


def test_an_ended_sessions_chat_goes_and_its_notes_stay(
    outbox: Outbox, caplog: pytest.LogCaptureFixture
) -> None:
    outbox.add_chat(SERVER, "s1", "m1", "届かなかった", created_at=1.0)
    outbox.add_chat(SERVER, "s2", "m2", "別のセッション", created_at=2.0)
    outbox.add_chat(OTHER_SERVER, "s1", "m3", "別のサーバー", created_at=3.0)
    outbox.put_note(SERVER, "s1", "n1", "終了後も保存できるメモ")
    with caplog.at_level(logging.WARNING, logger="assist.core.outbox"):
        assert outbox.forget_chat(SERVER, "s1") == 1
    assert "Dropped 1 undelivered message(s) of session s1" in caplog.text
    assert [c.msg_id for c in outbox.pending_chat(SERVER)] == ["m2"]
    assert [c.msg_id for c in outbox.pending_chat(OTHER_SERVER)] == ["m3"]
    assert [n.text for n in outbox.pending_notes(SERVER, "s1")] == ["終了後も保存できるメモ"]
    assert outbox.forget_chat(SERVER, "s1") == 0


def test_a_discarded_note_goes_whatever_its_latest_text(outbox: Outbox) -> None:
    outbox.put_note(SERVER, "s1", "n1", "first")
    outbox.put_note(SERVER, "s1", "n1", "edited since")
    outbox.put_note(SERVER, "s1", "n2", "another note")
    assert outbox.discard_note(SERVER, "s1", "n1")
    assert [n.note_id for n in outbox.pending_notes(SERVER)] == ["n2"]
    assert not outbox.discard_note(SERVER, "s1", "n1")


def test_a_discarded_message_goes_alone(outbox: Outbox) -> None:
    outbox.add_chat(SERVER, "s1", "m1", "one", created_at=1.0)
    outbox.add_chat(SERVER, "s1", "m2", "two", created_at=2.0)
    assert outbox.discard_chat(SERVER, "s1", "m1")
    assert [c.msg_id for c in outbox.pending_chat(SERVER)] == ["m2"]
    assert not outbox.discard_chat(SERVER, "s1", "m1")
