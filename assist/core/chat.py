"""The chat transcript of one session as each side sees it.

A message typed here gets a client id at once and shows as pending; the server's numbered
copy confirms it. Nothing typed is dropped: a message whose send failed stays pending and
can be sent again with the same id (the server answers a resend with the original number).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, replace

from signaling import protocol as p


@dataclass(frozen=True)
class ChatEntry:
    msg_id: str
    text: str
    sender: p.Role
    sender_name: str
    ts: float
    seq: int | None = None  # None while not yet confirmed by the server
    failed: bool = False

    @property
    def pending(self) -> bool:
        return self.seq is None


class ChatLog:
    def __init__(self, own_role: p.Role, own_name: str) -> None:
        self._role = own_role
        self._name = own_name
        self._confirmed: list[ChatEntry] = []
        self._pending: dict[str, ChatEntry] = {}
        self._seen: set[str] = set()

    def compose(self, text: str) -> ChatEntry:
        """Record a message the user typed, before it is sent."""
        entry = ChatEntry(uuid.uuid4().hex, text, self._role, self._name, time.time())
        self._pending[entry.msg_id] = entry
        return entry

    def restore(self, msg_id: str, text: str, ts: float) -> ChatEntry | None:
        """Put back a message the outbox kept, under its own id and time, as pending (it
        is about to be sent again). Returns the entry to send, or ``None`` if the server
        already confirmed it."""
        if msg_id in self._seen:
            return None
        entry = self._pending.get(msg_id)
        if entry is None:
            entry = self._pending[msg_id] = ChatEntry(msg_id, text, self._role, self._name, ts)
        elif entry.failed:
            entry = self._pending[msg_id] = replace(entry, failed=False)
        return entry

    def mark_failed(self, msg_id: str) -> ChatEntry | None:
        entry = self._pending.get(msg_id)
        if entry is None:
            return None
        entry = self._pending[msg_id] = replace(entry, failed=True)
        return entry

    def confirm(self, message: p.ChatMessage) -> ChatEntry | None:
        """Apply a numbered message from the server; ``None`` if it was already applied."""
        if message.msg_id in self._seen:
            return None
        self._seen.add(message.msg_id)
        self._pending.pop(message.msg_id, None)
        entry = ChatEntry(
            message.msg_id,
            message.text,
            message.sender,
            message.sender_name,
            message.ts,
            message.seq,
        )
        self._confirmed.append(entry)
        self._confirmed.sort(key=lambda e: e.seq or 0)
        return entry

    @property
    def entries(self) -> list[ChatEntry]:
        """Confirmed messages in server order, then what is still pending."""
        return [*self._confirmed, *self._pending.values()]

    @property
    def last_seq(self) -> int:
        """The last number up to which nothing is missing: what a resume asks to follow."""
        last = 0
        for entry in self._confirmed:
            if entry.seq != last + 1:
                break
            last = entry.seq
        return last

    @property
    def unsent(self) -> list[ChatEntry]:
        return list(self._pending.values())
