"""The rules that hold a customer's share while the agent is not known to be there."""

from __future__ import annotations

from assist.core import guidance as g
from assist.core.guidance_gate import GuidanceGate
from assist.core.presence import STALE_SECONDS, AgentPresence, ServerView


def test_before_any_heartbeat_the_server_decides() -> None:
    presence = AgentPresence()
    assert presence.present(100.0)
    presence.server = ServerView.AWAY
    assert not presence.present(100.0)
    presence.server = ServerView.UNKNOWN  # our connection is lost: nothing proves the agent
    assert not presence.present(100.0)


def test_a_heartbeat_that_stops_counts_as_gone_even_while_the_server_says_present() -> None:
    presence = AgentPresence()
    presence.heard(10.0)
    assert presence.present(10.0 + STALE_SECONDS - 0.01)
    assert not presence.present(10.0 + STALE_SECONDS)
    presence.heard(20.0)
    assert presence.present(20.0)


def test_while_the_server_is_away_a_fresh_heartbeat_keeps_the_share_going() -> None:
    presence = AgentPresence(server=ServerView.UNKNOWN)
    presence.heard(5.0)
    assert presence.present(5.5)
    assert not presence.present(5.0 + STALE_SECONDS + 0.1)


def test_the_server_saying_the_agent_left_wins_over_a_fresh_heartbeat() -> None:
    presence = AgentPresence(server=ServerView.AWAY)
    presence.heard(1.0)
    assert not presence.present(1.1)


def test_the_heartbeat_needs_no_grant_and_round_trips() -> None:
    gate = GuidanceGate()  # nothing granted: paused, or not shared yet
    assert isinstance(gate.admit(g.serialize(g.Here()), 0.0), g.Here)
    assert not gate.refused


def test_after_the_agent_went_away_only_a_new_heartbeat_proves_it_is_back() -> None:
    """A console restarted has no media path: the server saying it is back is not enough,
    nor is a heartbeat from before it went (still less than 1.5 s old)."""
    presence = AgentPresence()
    presence.heard(10.0)
    presence.went_away()
    presence.server = ServerView.PRESENT  # peer_back
    assert not presence.present(10.2) and presence.proof_needed
    presence.heard(10.5)
    assert presence.present(10.6) and not presence.proof_needed
