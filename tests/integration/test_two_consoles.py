"""Two agent consoles with the built-in server for one user (issue 13): the second does not
run a server on the database the first is using, and tells the agent why; once the first is
gone, even killed, the next one starts. The first console is the real app, in a process."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from assist.agent.app import build_parser
from assist.agent.settings import AgentSettings
from assist.agent.startup import StartupError, start_embedded
from assist.qt.bridge import AsyncioThread, Bridge
from tests.helpers.child_process import ChildProcess
from tests.helpers.waits import scaled


def console_app(env: dict[str, str]) -> ChildProcess:
    """``assist-agent`` with its built-in server, offscreen; its log (stderr) is read."""
    argv = ["--name", "Taro", "--org-name", "Acme", "--port", "0"]
    return ChildProcess(
        [sys.executable, "-m", "assist.agent.app", *argv],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        read=["stderr"],
    )


@pytest.fixture
def first_console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ChildProcess]:
    """The running console; this test process shares its data folder (as a second console
    started by the same user would)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with console_app({**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}) as console:
        console.expect(re.compile("Agent console ready"), timeout=30)
        yield console


def test_a_second_console_is_refused_by_name_until_the_first_is_gone(
    qtbot: QtBot, runner: AsyncioThread, tmp_path: Path, first_console: ChildProcess
) -> None:
    bridge = Bridge(runner)
    settings = AgentSettings(QSettings(str(tmp_path / "agent.ini"), QSettings.Format.IniFormat))
    settings.display_name = "Hanako"
    args = build_parser().parse_args(["--port", "0"])

    with pytest.raises(StartupError) as refused:
        start_embedded(runner, bridge, settings, args)
    pid = first_console.process.pid
    assert str(refused.value) == (
        f"Another Assist console is already running for this user (process {pid}). "
        "Use that one, or close it and start again."
    )
    assert first_console.process.poll() is None  # the first goes on

    first_console.kill()  # a crash: the lock goes with the process
    connection = start_embedded(runner, bridge, settings, args)
    try:
        assert connection.embedded and connection.client.name == "Hanako"
    finally:
        runner.run(connection.client.close(), timeout=scaled(10))
        assert connection.server is not None
        runner.run(connection.server.close(), timeout=scaled(10))
        connection.server.database.close()
