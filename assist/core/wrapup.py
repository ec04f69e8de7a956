"""A session's wrap-up as the agent entered it, or the agent's choice to skip it.

One value shared by the console's dialog, the agent's client and the local outbox, checked
by the protocol's own rule when it is made, so nothing the server would refuse is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from signaling import protocol as p


@dataclass(frozen=True)
class WrapUpFields:
    """Category, outcome, tags and final note; or ``skipped`` with none of them.

    Raises ``ProtocolError(BAD_MESSAGE)`` (or ``TOO_LARGE``) for a wrap-up the server would
    refuse: one without a category or outcome, or a skip that carries anything."""

    category: str = ""
    outcome: p.Outcome | None = None
    tags: tuple[str, ...] = ()
    final_note: str = ""
    skipped: bool = False

    def __post_init__(self) -> None:
        p.check(self.message(""))

    @classmethod
    def skip(cls) -> WrapUpFields:
        """The agent chose not to wrap the session up (recorded as skipped)."""
        return cls(skipped=True)

    def message(self, session_id: str) -> p.WrapUp:
        return p.WrapUp(
            session_id=session_id,
            category=self.category,
            outcome=self.outcome,
            tags=list(self.tags),
            final_note=self.final_note,
            skipped=self.skipped,
        )
