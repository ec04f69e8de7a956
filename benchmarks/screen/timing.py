"""When each change of the customer's screen reached the agent's eyes (pure: fed the content
app's stamps and the agent's painted frames, both in CLOCK_MONOTONIC nanoseconds).

The content changes up to 60 times a second and a share sends at most its cap (30), so
most changes are never shown on their own: a later picture shows them. Timing only the
stamps that were delivered would leave the skipped ones out, and they are the ones that
waited longest. So every change is timed until the view showed it or a later picture.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

Frames = Iterable[tuple[int | None, int]]


def every_change_ms(stamps: dict[int, int], frames: Frames, start: int, end: int) -> list[float]:
    """For each change stamped between ``start`` and ``end``: milliseconds until the first
    painted frame whose stamp is that change or a later one. Changes no frame showed by the
    end of the record are left out (the caller counts them with :func:`unshown`)."""
    shown = sorted((at, counter) for counter, at in frames if counter is not None)
    times: list[int] = []
    newest: list[int] = []  # the newest change shown by each painted frame, non-decreasing
    for at, counter in shown:
        times.append(at)
        newest.append(max(counter, newest[-1]) if newest else counter)
    out = []
    for counter, stamped in stamps.items():
        if not start <= stamped <= end:
            continue
        index = bisect.bisect_left(newest, counter)
        if index < len(times):
            out.append(max(0, times[index] - stamped) / 1e6)
    return out


def delivered_ms(stamps: dict[int, int], frames: Frames) -> list[float]:
    """Only the changes that reached the view in a picture of their own (the old figure,
    kept to compare with): milliseconds from the stamp to the first paint of it."""
    first: dict[int, int] = {}
    for counter, at in frames:
        if counter is not None:
            first.setdefault(counter, at)
    return [(at - stamps[c]) / 1e6 for c, at in first.items() if c in stamps]


def unshown(stamps: dict[int, int], frames: Frames, start: int, end: int) -> int:
    """Changes stamped between ``start`` and ``end`` that no painted frame showed."""
    newest = max((c for c, _ in frames if c is not None), default=-1)
    return sum(1 for c, at in stamps.items() if start <= at <= end and c > newest)
