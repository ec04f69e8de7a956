"""Nothing typed is lost to a killed server. Chat and notes are sent while the server is
SIGKILLed at several points: with requests on the wire and unanswered (the server frozen,
then killed), while it is down, and in the middle of a burst. Each time it is restarted on
the same store; the apps reconnect, resume and flush their outboxes by themselves. In the
end every message and note is in the history exactly once, each sender's in the order
typed, numbered without a gap. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable
from pathlib import Path

from assist.core import events as ev
from assist.core.errors import AssistError
from signaling import protocol as p
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.live import ORG, Live, admitted
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import until


class Typing:
    """What each side sent, in the order typed, and the notes' final texts."""

    def __init__(self, live: Live) -> None:
        self.live = live
        self.chat: dict[p.Role, list[str]] = {p.Role.AGENT: [], p.Role.CUSTOMER: []}
        self.notes: dict[str, str] = {}

    def say(self, role: p.Role, text: str) -> Awaitable[object]:
        client = self.live.agent if role is p.Role.AGENT else self.live.customer
        self.chat[role].append(text)
        return client.send_chat(self.live.session_id, text)

    def note(self, note_id: str, text: str) -> Awaitable[float]:
        self.notes[note_id] = text
        return self.live.agent.save_note(self.live.session_id, note_id, text)


async def settle(*sends: Awaitable[object]) -> None:
    """Let sends that the dead server will never answer fail (they stay in the outbox)."""
    results = await asyncio.gather(*sends, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, AssistError):
            raise result


def pending(live: Live) -> tuple[int, int, int]:
    agent, customer = live.agent, live.customer
    return (
        len(agent.outbox.pending_chat(agent.outbox_scope)),
        len(customer.outbox.pending_chat(customer.outbox_scope)),
        len(agent.outbox.pending_notes(agent.outbox_scope)),
    )


async def back_and_flushed(live: Live, times: int) -> None:
    """Both sides resumed ``times`` times in all, and their outboxes are empty."""
    for side in (live.agent_side, live.customer_side):
        await side.wait_for(lambda side=side: len(side.of(ev.SessionResumed)) >= times, 40)

    await until(lambda: pending(live) == (0, 0, 0), 30, "both outboxes empty", every=0.1)


def kill(live: Live) -> None:
    live.server.kill()


async def test_every_message_and_note_survives_kills_exactly_once_in_order(
    history_db_url: str, tmp_path: Path
) -> None:
    live = await admitted(ServerProcess(*ORG, db_url=history_db_url), tmp_path)
    sid, agent, customer = live.session_id, p.Role.AGENT, p.Role.CUSTOMER
    typed = Typing(live)
    try:
        await typed.say(agent, "こんにちは、サポートのタロウです")
        await typed.say(customer, "画面が真っ黒です")
        await typed.note("n1", "顧客: 画面が黒い")

        # Kill point 1: sent and on the wire, never answered.
        live.server.process.send_signal(signal.SIGSTOP)
        in_flight = [
            asyncio.ensure_future(typed.say(agent, "再起動できますか?")),
            asyncio.ensure_future(typed.say(customer, "はい、やってみます")),
            asyncio.ensure_future(typed.say(customer, "まだ黒いです")),
            asyncio.ensure_future(typed.note("n1", "顧客: 画面が黒い。再起動しても同じ")),
        ]
        # Kept before they went out (the stopped server answers none of them).
        await until(lambda: pending(live) == (1, 2, 1), what="the four sends kept")
        kill(live)
        await settle(*in_flight)

        # Kill point 2: typed while the server is down.
        await settle(
            typed.say(customer, "つながらないみたいです"),
            typed.say(agent, "少々お待ちください"),
            typed.note("n2", "サーバー障害中に書いたメモ"),
        )
        assert pending(live) == (2, 3, 2)
        live.restart()
        await back_and_flushed(live, 1)

        # Kill point 3: in the middle of a burst; some stored, not all answered.
        burst = [typed.say(agent if i % 2 else customer, f"連投 {i}") for i in range(60)]
        burst_tasks = [asyncio.ensure_future(send) for send in burst]
        await live.agent_side.wait_for(lambda: bool(live.agent_side.numbered_text("連投 3")))
        kill(live)
        await settle(*burst_tasks)
        assert sum(pending(live)[:2]) > 0
        live.restart()
        await back_and_flushed(live, 2)
    finally:
        await live.customer.close()
        await live.agent.close()
        live.server.kill()

    database = open_database(history_db_url, upgrade=False)
    try:
        with database.session() as db:
            stored = history.transcript(db, sid)
            notes = {n.note_id: n.text for n in history.notes(db, sid)}
    finally:
        database.close()
    assert [m.seq for m in stored] == list(range(1, len(stored) + 1))
    for role in (agent, customer):
        assert [m.text for m in stored if m.sender == role.value] == typed.chat[role]
    assert notes == typed.notes
    # Both apps show the same transcript as the store.
    for client in (live.agent, live.customer):
        shown = [(e.seq, e.text) for e in client.chats[sid].entries]
        assert shown == [(m.seq, m.text) for m in stored]
