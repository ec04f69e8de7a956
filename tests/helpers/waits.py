"""One factor scales every wait in the suite: ASSIST_TEST_TIMEOUT_FACTOR=3 on slow machines."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable

TIMEOUT_FACTOR = float(os.environ.get("ASSIST_TEST_TIMEOUT_FACTOR", "1"))


def scaled(seconds: float) -> float:
    return seconds * TIMEOUT_FACTOR


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll ``condition`` (state no event announces, e.g. a data channel opening)."""
    async with asyncio.timeout(scaled(timeout)):
        while not condition():
            await asyncio.sleep(0.02)
