"""Prometheus metrics of one server (its own registry, served at ``/metrics``)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.connections = Gauge(
            "assist_connections", "Open WebSocket connections", ["role"], registry=self.registry
        )
        self.live_sessions = Gauge(
            "assist_live_sessions", "Sessions waiting or active", registry=self.registry
        )
        self.joins = Counter(
            "assist_joins", "Customers queued for admission", registry=self.registry
        )
        self.failed_joins = Counter(
            "assist_failed_joins", "Join attempts refused", ["reason"], registry=self.registry
        )
        self.messages = Counter(
            "assist_messages", "Messages received", ["type"], registry=self.registry
        )
        self.logins = Counter("assist_logins", "Agent sign-ins", ["result"], registry=self.registry)
        self.abuse_reports = Counter(
            "assist_abuse_reports", "Abuse reports received", registry=self.registry
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)
