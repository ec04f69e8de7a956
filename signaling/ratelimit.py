"""Sliding-window failure limits (pure: the caller passes the time)."""

from __future__ import annotations

import ipaddress
from collections import deque
from dataclasses import dataclass, field


def address_key(address: str) -> str:
    """The key an address is limited by: IPv4 as is, IPv6 by its /64 (one home or host
    usually holds a whole /64, so per-address limits must not be per /128)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


@dataclass
class FailureLimiter:
    """Allows at most ``max_failures`` failures per key within ``window`` seconds.

    Used against code guessing: every wrong code counts, and once a key has used its
    allowance :meth:`retry_after` says how long until the oldest failure leaves the window.
    """

    max_failures: int
    window: float
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def retry_after(self, key: str, now: float) -> float:
        """Seconds until ``key`` may try again; 0 when it may try now."""
        failures = self._prune(key, now)
        if failures is None or len(failures) < self.max_failures:
            return 0.0
        return max(0.0, failures[0] + self.window - now)

    def record(self, key: str, now: float) -> None:
        self._failures.setdefault(key, deque()).append(now)

    def forget(self, key: str) -> None:
        self._failures.pop(key, None)

    def prune_all(self, now: float) -> None:
        """Drop keys with no failures in the window (bounded memory under attack)."""
        for key in list(self._failures):
            self._prune(key, now)

    def _prune(self, key: str, now: float) -> deque[float] | None:
        failures = self._failures.get(key)
        if failures is None:
            return None
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return None
        return failures
