"""A message the outbox kept comes back into the transcript under its own id and time."""

from __future__ import annotations

from assist.core.chat import ChatLog
from signaling import protocol as p


def numbered(msg_id: str, seq: int, text: str = "x") -> p.ChatMessage:
    return p.ChatMessage(
        session_id="s1",
        seq=seq,
        msg_id=msg_id,
        sender=p.Role.CUSTOMER,
        sender_name="Hanako",
        text=text,
        ts=500.0,
    )


def test_a_restored_message_is_pending_under_its_own_id_and_time() -> None:
    log = ChatLog(p.Role.CUSTOMER, "Hanako")
    entry = log.restore("m1", "画面が真っ白です", 100.0)
    assert entry is not None
    assert (entry.msg_id, entry.text, entry.ts, entry.sender_name) == (
        "m1",
        "画面が真っ白です",
        100.0,
        "Hanako",
    )
    assert entry.pending and not entry.failed
    assert log.unsent == [entry]
    assert log.restore("m1", "画面が真っ白です", 100.0) == entry  # once, however often


def test_a_failed_message_restored_for_a_resend_is_pending_again() -> None:
    log = ChatLog(p.Role.CUSTOMER, "Hanako")
    typed = log.compose("もしもし")
    log.mark_failed(typed.msg_id)
    again = log.restore(typed.msg_id, typed.text, typed.ts)
    assert again is not None and not again.failed and again.ts == typed.ts


def test_a_message_the_server_numbered_already_is_not_restored() -> None:
    log = ChatLog(p.Role.CUSTOMER, "Hanako")
    log.confirm(numbered("m1", 1))
    assert log.restore("m1", "x", 100.0) is None
    assert [e.seq for e in log.entries] == [1]
