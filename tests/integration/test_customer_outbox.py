"""The customer app keeps what the customer typed in its own outbox file (never the agent
console's), until the server has it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assist.core import events as ev
from assist.core.agent import AgentClient, Password
from assist.core.synthetic import SyntheticGrabber
from assist.customer.controller import CustomerController
from assist.customer.join_dialog import JoinDialog
from assist.qt.bridge import AsyncioThread, Bridge
from assist.qt.outbox_open import open_outbox, outbox_path
from signaling.server import ServerConfig, SignalingServer
from signaling.store import history
from signaling.store.db import Database, open_database
from tests.helpers.accounts import PASSWORD, seed_database
from tests.helpers.full_store import set_full
from tests.helpers.waits import scaled

TIMEOUT_MS = int(scaled(15) * 1000)
#: Over a page of the store: it needs a page a full store cannot give.
LONG = "プリンターの設定画面が開きません。" * 400


@dataclass
class Running:
    server: SignalingServer
    database: Database
    agent: AgentClient
    agent_events: list[ev.Event]


@pytest.fixture
def running(runner: AsyncioThread, tmp_path: Path) -> Iterator[Running]:
    """A server in this process (its store can be filled up) and a signed-in agent."""
    url = f"sqlite:///{tmp_path}/server.db"
    seed_database(url)
    database = open_database(url)
    server = SignalingServer(ServerConfig(port=0), database)
    runner.run(server.start(), timeout=scaled(10))
    events: list[ev.Event] = []
    agent = AgentClient(server.url, Password("taro", PASSWORD), events.append)
    runner.run(agent.connect(), timeout=scaled(10))
    yield Running(server, database, agent, events)
    runner.run(agent.close(), timeout=scaled(10))
    runner.run(server.close(), timeout=scaled(10))
    database.close()


def kept_chat(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [text for (text,) in db.execute("SELECT text FROM chat ORDER BY id")]


def test_the_customer_app_keeps_unsent_chat_in_its_own_outbox_file(
    qtbot: QtBot,
    runner: AsyncioThread,
    running: Running,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    warnings: list[str] = []
    outbox = open_outbox("customer", warnings.append)  # as assist-customer opens it
    assert outbox.durable and warnings == []
    own_file = outbox_path("customer")
    assert own_file == tmp_path / "data" / "Assist" / "outbox-customer.sqlite"
    assert outbox_path("agent") == own_file.with_name("outbox-agent.sqlite")

    session = runner.run(running.agent.new_session(), timeout=scaled(10))
    grabber = SyntheticGrabber()
    dialog = JoinDialog(running.server.url, session.code, "Hanako")
    qtbot.addWidget(dialog)
    controller = CustomerController(
        Bridge(runner),
        running.server.url,
        dialog,
        grabber_factory=lambda: grabber,
        screens=grabber.screens,
        outbox=outbox,
    )
    try:
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)

        def asked() -> list[ev.JoinRequested]:
            return [e for e in running.agent_events if isinstance(e, ev.JoinRequested)]

        qtbot.waitUntil(lambda: bool(asked()), timeout=TIMEOUT_MS)
        runner.run(running.agent.admit(session.session_id, asked()[0].join_id), scaled(10))
        qtbot.waitUntil(lambda: controller.chat_window is not None, timeout=TIMEOUT_MS)
        assert controller.chat_window is not None
        panel = controller.chat_window.panel

        set_full(running.database, True)
        panel.edit.setPlainText(LONG)
        qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(e.failed for e in panel.model.entries), timeout=TIMEOUT_MS)
        assert kept_chat(own_file) == [LONG]
        assert not outbox_path("agent").exists()

        set_full(running.database, False)  # the app sends it again by itself
        qtbot.waitUntil(lambda: panel.model.entries[0].seq == 1, timeout=TIMEOUT_MS)
        assert kept_chat(own_file) == []
        with running.database.session() as db:
            stored = history.transcript(db, session.session_id)
        assert [(m.seq, m.text) for m in stored] == [(1, LONG)]
    finally:
        controller.shutdown()
        outbox.close()
