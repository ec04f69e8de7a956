"""Whether the agent is there to see what the customer shares.

The customer's capture pauses the moment this cannot be told for sure, and resumes by itself
when the same agent is back (within the session's grace period; after it the server ends the
session). Two sources tell it:

- the signaling server, which says when the agent's connection went (``peer_away``) and came
  back (``peer_back``, or ``resumed`` with the agent present);
- the agent's heartbeat on the peer-to-peer pointer channel (:data:`HEARTBEAT_SECONDS`),
  which says the agent's app is alive and its media path works, even while the server is
  away (a restarting server does not stop the screen) and before the server's keepalive
  would notice a silent link.

Pure: the caller passes the time, so the rules are tested without sockets.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

#: How often the agent's app says it is there, on the pointer channel.
HEARTBEAT_SECONDS: Final = 0.25
#: After this long without a heartbeat the agent counts as gone (six missed in a row: a
#: lossy link does not pause the share, a killed app or a dead path does within 2 s).
STALE_SECONDS: Final = 1.5
#: How often the customer's app looks whether the heartbeat went stale.
CHECK_SECONDS: Final = 0.1
#: After the agent is back on the server, how long the old peer connection has to show it
#: still works (a heartbeat) before a new one is offered.
RENEW_AFTER: Final = 1.0


class ServerView(enum.Enum):
    """What the signaling server last told of the agent."""

    PRESENT = "present"
    #: The agent's connection was lost (``peer_away``): its app was closed or killed, or its
    #: network went.
    AWAY = "away"
    #: The server cannot say: our own connection to it is lost, or it restarted and the
    #: agent has not come back to it yet.
    UNKNOWN = "unknown"


@dataclass
class AgentPresence:
    """What the customer's side knows of the agent; :meth:`present` decides."""

    server: ServerView = ServerView.PRESENT
    #: When the agent's last heartbeat arrived (None: none yet, the channel is not open).
    heard_at: float | None = None
    #: The agent went away since its last heartbeat: only a new one proves it is back with
    #: its media path (a console restarted has none until the customer offers a new one).
    proof_needed: bool = False

    def heard(self, now: float) -> None:
        self.heard_at = now
        self.proof_needed = False

    def went_away(self) -> None:
        self.server = ServerView.AWAY
        self.proof_needed = True

    def present(self, now: float) -> bool:
        """Whether the agent is known to be there now."""
        fresh = self.heard_at is not None and now - self.heard_at < STALE_SECONDS
        if self.server is ServerView.AWAY or self.proof_needed:
            return False  # gone, and no heartbeat since
        if self.server is ServerView.UNKNOWN:
            return fresh  # only the peer-to-peer heartbeat can tell now
        # Heard before and silent now: the agent's app hangs or the media path is dead.
        return self.heard_at is None or fresh
