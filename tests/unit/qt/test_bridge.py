"""The asyncio<->Qt bridge: results arrive on the GUI thread, and the worker thread never
holds the last reference to a QObject (a QObject deleted from the wrong thread crashes)."""

from __future__ import annotations

import asyncio
import gc
import threading
import weakref

from pytestqt.qtbot import QtBot

from assist.core import events as ev
from assist.core.errors import AssistError, ClientErrorCode
from assist.qt.bridge import AsyncioThread, Bridge


def test_results_and_errors_arrive_on_the_gui_thread(qtbot: QtBot, runner: AsyncioThread) -> None:
    bridge = Bridge(runner)
    seen: list[tuple[str, object, bool]] = []
    gui = threading.current_thread()

    async def answer() -> int:
        return 42

    async def fail() -> int:
        raise AssistError(ClientErrorCode.TIMEOUT)

    bridge.call(answer(), lambda v: seen.append(("done", v, threading.current_thread() is gui)))
    bridge.call(fail(), on_error=lambda e: seen.append(("error", e.code, True)))
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert ("done", 42, True) in seen
    assert ("error", ClientErrorCode.TIMEOUT, True) in seen


def test_a_pending_call_does_not_keep_the_bridge_alive(runner: AsyncioThread) -> None:
    bridge = Bridge(runner)
    alive = weakref.ref(bridge)
    release = asyncio.Event()

    async def slow() -> None:
        await release.wait()

    bridge.call(slow())
    sink = bridge.sink
    del bridge
    gc.collect()
    assert alive() is None  # freed here, on the GUI thread, not later on the worker
    sink(ev.Declined())  # a client emitting into a gone bridge is harmless
    runner.loop.call_soon_threadsafe(release.set)
