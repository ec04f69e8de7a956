"""Where the console connects: a server is remembered, with its CA file, only once the
console has connected to it; when it cannot connect, the agent chooses to try again, to
use another server or the built-in one, or to quit, instead of the app quitting."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from PySide6.QtCore import QSettings

from assist.agent.app import build_parser
from assist.agent.settings import AgentSettings
from assist.agent.startup import Connection, connect_console
from assist.agent.startup_dialogs import ServerChoice
from assist.qt.bridge import AsyncioThread, Bridge
from tests.helpers.accounts import PASSWORD
from tests.helpers.server_process import ServerProcess
from tests.helpers.startup_answers import ScriptedAgent
from tests.helpers.waits import scaled


def settings_in(tmp_path: Path) -> AgentSettings:
    return AgentSettings(QSettings(str(tmp_path / "agent.ini"), QSettings.Format.IniFormat))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again: nothing listens there


def close(runner: AsyncioThread, connection: Connection) -> None:
    runner.run(connection.client.close(), timeout=scaled(10))
    if connection.server is not None:
        runner.run(connection.server.close(), timeout=scaled(10))
        connection.server.database.close()


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[ServerProcess, Path]]:
    ca = trustme.CA()
    issued = ca.issue_cert("127.0.0.1", "localhost")
    ca_file, cert, key = tmp_path / "ca.pem", tmp_path / "cert.pem", tmp_path / "key.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    issued.private_key_pem.write_to_path(str(key))
    for blob in issued.cert_chain_pems:
        blob.write_to_path(str(cert), append=True)
    process = ServerProcess("--certfile", str(cert), "--keyfile", str(key))
    try:
        yield process, ca_file
    finally:
        process.terminate()


def test_an_unreachable_server_is_not_remembered_and_the_built_in_one_is_offered(
    runner: AsyncioThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = settings_in(tmp_path)
    dead = f"ws://127.0.0.1:{closed_port()}"
    args = build_parser().parse_args(["--server", dead, "--port", "0"])
    agent = ScriptedAgent(
        sign_ins=[("taro", PASSWORD, False)],
        servers=[ServerChoice()],
        names=("山田 太郎", "アクメ サポート"),
    )
    connection = connect_console(runner, Bridge(runner), settings, args, agent)
    assert connection is not None and connection.embedded  # the way out, not an exit
    try:
        ((error, tried),) = agent.server_errors
        assert "Cannot reach the server" in error and tried == ServerChoice(dead)
        assert agent.names_asked == 1  # the built-in server names the agent and the org
        assert settings.server_url == ""  # the dead address was never remembered
        assert (settings.display_name, settings.org_name) == ("山田 太郎", "アクメ サポート")
    finally:
        close(runner, connection)


def test_a_working_server_is_remembered_with_its_ca_and_a_later_failure_can_quit(
    runner: AsyncioThread, tmp_path: Path, tls_server: tuple[ServerProcess, Path]
) -> None:
    server, ca_file = tls_server
    settings = settings_in(tmp_path)
    args = build_parser().parse_args(["--server", server.url, "--ca-file", str(ca_file)])
    agent = ScriptedAgent(sign_ins=[("taro", PASSWORD, False)])
    connection = connect_console(runner, Bridge(runner), settings, args, agent)
    assert connection is not None and not connection.embedded
    close(runner, connection)
    assert (settings.server_url, settings.ca_file) == (server.url, str(ca_file))

    # A plain start later: the same server, verified with the same CA (it failed before).
    again = ScriptedAgent(sign_ins=[("taro", PASSWORD, False)])
    connection = connect_console(
        runner, Bridge(runner), settings, build_parser().parse_args([]), again
    )
    assert connection is not None and again.server_errors == []
    close(runner, connection)

    # The server is down: the agent is asked, and may quit; what worked stays remembered.
    server.terminate()
    down = ScriptedAgent(sign_ins=[("taro", PASSWORD, False)])
    assert (
        connect_console(runner, Bridge(runner), settings, build_parser().parse_args([]), down)
        is None
    )
    assert [tried for _, tried in down.server_errors] == [ServerChoice(server.url, str(ca_file))]
    assert (settings.server_url, settings.ca_file) == (server.url, str(ca_file))
