"""One factor scales every wait in the suite: ASSIST_TEST_TIMEOUT_FACTOR=3 on slow machines.

Wait on the event where there is one (a signal, a printed line, an emitted event); the two
pollers here are for state nothing announces, and are the only places the suite sleeps to
wait for something."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable

TIMEOUT_FACTOR = float(os.environ.get("ASSIST_TEST_TIMEOUT_FACTOR", "1"))


def scaled(seconds: float) -> float:
    return seconds * TIMEOUT_FACTOR


async def until(
    condition: Callable[[], bool], timeout: float = 10.0, what: str = "", every: float = 0.02
) -> None:
    """Poll ``condition`` (state no event announces, e.g. a data channel opening, a row
    another process writes) while the event loop runs on. Fails naming ``what``."""
    try:
        async with asyncio.timeout(scaled(timeout)):
            while not condition():
                await asyncio.sleep(every)
    except TimeoutError:
        raise AssertionError(f"not within {scaled(timeout):.0f} s: {what}") from None


def poll_until(
    condition: Callable[[], bool], timeout: float = 10.0, what: str = "", every: float = 0.05
) -> None:
    """:func:`until` for a test with no event loop: a file another process writes, an X
    server's property. Fails naming ``what`` was waited for."""
    deadline = time.monotonic() + scaled(timeout)
    while not condition():
        assert time.monotonic() < deadline, f"not within {scaled(timeout):.0f} s: {what}"
        time.sleep(every)
