"""A join that dies right after it was queued: the server sends ``join_pending`` and, at
once, an ``error`` answering the same join (the code was used by someone admitted at that
moment, it expired, or the agent's console dropped). A scripted server sends both in one
go, as the real one does when its sweep or another Admit runs right after the join."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from websockets.asyncio.server import ServerConnection, serve

from assist.core.customer import CustomerClient
from assist.customer.controller import CustomerController
from assist.customer.join_dialog import JoinDialog
from assist.qt.bridge import AsyncioThread, Bridge
from signaling import protocol as p
from tests.helpers.qt_waits import delivered
from tests.helpers.waits import scaled

TIMEOUT_MS = int(scaled(10) * 1000)


async def _script(ws: ServerConnection) -> None:
    hello = p.parse(await ws.recv())
    assert isinstance(hello, p.Hello)
    await ws.send(p.serialize(p.Welcome(re=hello.id, server_version="test", org_name="Acme")))
    join = p.parse(await ws.recv())
    assert isinstance(join, p.Join)
    pending = p.JoinPending(
        re=join.id, join_id="j1", session_id="s1", agent_name="Taro", org_name="Acme"
    )
    dead = p.Error(code=p.ErrorCode.CODE_USED, re=join.id)
    # Back to back: both frames reach the client before it resumes join().
    await ws.send(p.serialize(pending))
    await ws.send(p.serialize(dead))
    await ws.wait_closed()


@pytest.fixture
def scripted_server(runner: AsyncioThread) -> Iterator[str]:
    async def start() -> object:
        return await serve(_script, "127.0.0.1", 0)

    server = runner.run(start(), timeout=10)
    port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    yield f"ws://127.0.0.1:{port}"

    async def stop() -> None:
        server.close()  # type: ignore[attr-defined]
        await asyncio.wait_for(server.wait_closed(), 5)  # type: ignore[attr-defined]

    runner.run(stop(), timeout=10)


def test_a_join_that_dies_at_once_is_not_left_waiting_forever(
    qtbot: QtBot, runner: AsyncioThread, scripted_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    returned = threading.Event()  # join() answered the app, after the error came
    join = CustomerClient.join

    async def join_and_tell(self: CustomerClient, *args: Any, **kwargs: Any) -> p.JoinPending:
        try:
            return await join(self, *args, **kwargs)
        finally:
            returned.set()

    monkeypatch.setattr(CustomerClient, "join", join_and_tell)
    dialog = JoinDialog(scripted_server, "123456789", "Hanako")
    qtbot.addWidget(dialog)
    controller = CustomerController(Bridge(runner), scripted_server, dialog)
    try:
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Connecting" not in dialog.status_label.text(), timeout=TIMEOUT_MS)
        qtbot.waitUntil(returned.is_set, timeout=TIMEOUT_MS)
        delivered(qtbot, controller.bridge)  # join()'s late answer has reached the dialog
        text = dialog.status_label.text()
        assert "Waiting for" not in text, (
            "the server said the code is dead, the customer still reads: " + text
        )
    finally:
        controller.shutdown()
