"""The customer's side of guidance: what the agent may do right now, and what was refused.

Consent is enforced here, on the customer's machine: a message whose capability the
customer has not granted (or has revoked) is dropped and counted, never acted on. Pure: the
caller passes the time, so the rules are tested without sockets or windows.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

import msgspec

from assist.core import guidance as g
from signaling.codes import Capability

logger = logging.getLogger(__name__)

#: Pointer moves admitted per second, and the burst allowed above that rate. The agent
#: sends at most one per frame of its view (≈60 a second); more is a flood.
POINTER_RATE = 120.0
POINTER_BURST = 30.0


@dataclass
class TokenBucket:
    """``rate`` events a second on average, ``burst`` at once."""

    rate: float
    burst: float
    _tokens: float = -1.0
    _at: float = 0.0

    def take(self, now: float) -> bool:
        if self._tokens < 0:
            self._tokens, self._at = self.burst, now
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True


@dataclass
class GuidanceGate:
    """Admits the agent's guidance messages the customer's grants allow."""

    granted: frozenset[Capability] = frozenset()
    #: How many messages were refused, by reason.
    refused: Counter[g.GuidanceErrorCode] = field(default_factory=Counter)
    _pointer_seq: int = -1
    _pointer_bucket: TokenBucket = field(
        default_factory=lambda: TokenBucket(POINTER_RATE, POINTER_BURST)
    )

    def allows(self, capability: Capability | None) -> bool:
        return capability is None or capability in self.granted

    def admit(self, data: str | bytes, now: float) -> g.Guidance | None:
        """The message to act on, or None: refused (counted by reason), or a pointer move
        older than one already shown. A pointer outside the shared area becomes
        ``PointerGone``; a shape's points and control input are held to the area."""
        try:
            message = g.parse(data)
        except g.GuidanceError as exc:
            self._refuse(exc.code, exc.detail)
            return None
        if not self.allows(g.needs(message)):
            self._refuse(g.GuidanceErrorCode.NOT_PERMITTED, type(message).__name__)
            return None
        if isinstance(message, g.Pointer):
            return self._pointer(message, now)
        if isinstance(message, g.MouseMove | g.MouseButton | g.Wheel):
            # Held to the shared screen: a drag that leaves the view ends at its edge.
            ((x, y),) = g.clamped(((message.x, message.y),))
            return msgspec.structs.replace(message, x=x, y=y)
        if isinstance(message, g.Shape):
            return msgspec.structs.replace(message, points=g.clamped(message.points))
        return message

    def _pointer(self, message: g.Pointer, now: float) -> g.Guidance | None:
        if message.seq <= self._pointer_seq:
            return None  # overtaken on the unordered channel: the newer one is shown
        if not self._pointer_bucket.take(now):
            self._refuse(g.GuidanceErrorCode.RATE_LIMITED, "pointer")
            return None
        self._pointer_seq = message.seq
        if not g.inside(message.x, message.y):
            return g.PointerGone()
        return message

    def _refuse(self, code: g.GuidanceErrorCode, detail: str) -> None:
        if not self.refused[code]:
            logger.warning("Guidance refused (%s): %s", code.value, detail[:200])
        self.refused[code] += 1
