"""The registry and its fake clock, for every registry test module."""

from __future__ import annotations

import pytest

from signaling.registry import Registry
from tests.unit.signaling.test_registry import FakeClock, new_registry


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def registry(clock: FakeClock) -> Registry:
    return new_registry(clock)
