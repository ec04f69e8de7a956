"""One app's view in a test of the Qt-free clients: its outbox and the events it emitted."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from assist.core import events as ev
from assist.core.outbox import Outbox
from tests.helpers.waits import scaled

E = TypeVar("E", bound=ev.Event)


@dataclass
class Side:
    """Hand :meth:`emit` to the client; wait on what it emits."""

    outbox: Outbox
    events: list[ev.Event] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def emit(self, event: ev.Event) -> None:
        self.events.append(event)
        self.changed.set()

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        async with asyncio.timeout(scaled(timeout)):
            while not condition():
                self.changed.clear()
                await self.changed.wait()

    def numbered(self, msg_id: str) -> list[ev.ChatUpdated]:
        """The numbered copies of ``msg_id`` this side was shown."""
        return [
            e
            for e in self.events
            if isinstance(e, ev.ChatUpdated) and e.entry.msg_id == msg_id and not e.entry.pending
        ]

    def numbered_text(self, text: str) -> list[ev.ChatUpdated]:
        """The numbered copies of messages reading ``text`` this side was shown."""
        return [
            e
            for e in self.events
            if isinstance(e, ev.ChatUpdated) and e.entry.text == text and not e.entry.pending
        ]

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.events if isinstance(e, kind)]
