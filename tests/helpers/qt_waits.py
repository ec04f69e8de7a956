"""Waits for what the worker thread has queued for the GUI thread, in Qt tests."""

from __future__ import annotations

import asyncio

from pytestqt.qtbot import QtBot

from assist.qt.bridge import Bridge
from tests.helpers.waits import scaled


def delivered(qtbot: QtBot, bridge: Bridge, timeout: float = 10.0) -> None:
    """Return once every signal the worker has already queued for the GUI thread (an event,
    a finished call's answer) was delivered: the answer of a call made now is queued behind
    them, and Qt delivers a thread's queued signals in order. A test that checks that a late
    signal changed nothing waits for it with this, not with a fixed time."""
    answered: list[object] = []
    bridge.call(asyncio.sleep(0), answered.append)
    qtbot.waitUntil(lambda: bool(answered), timeout=int(scaled(timeout) * 1000))
