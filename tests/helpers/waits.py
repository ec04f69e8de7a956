"""One factor scales every wait in the suite: ASSIST_TEST_TIMEOUT_FACTOR=3 on slow machines."""

from __future__ import annotations

import os

TIMEOUT_FACTOR = float(os.environ.get("ASSIST_TEST_TIMEOUT_FACTOR", "1"))


def scaled(seconds: float) -> float:
    return seconds * TIMEOUT_FACTOR
