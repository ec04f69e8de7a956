"""The console's sign-in to a central server: the dialog, wrong passwords, "remember me"."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from assist.agent import startup
from assist.agent.settings import AgentSettings
from assist.agent.startup_dialogs import ServerChoice
from assist.core.agent import RefreshToken
from assist.qt.bridge import AsyncioThread, Bridge
from tests.helpers.accounts import PASSWORD
from tests.helpers.server_process import ServerProcess
from tests.helpers.startup_answers import ScriptedAgent


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in that keeps secrets in memory (priority > 0 = usable)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def settings_for(tmp_path: object, url: str) -> AgentSettings:
    settings = AgentSettings(QSettings(f"{tmp_path}/agent.conf", QSettings.Format.IniFormat))
    settings.server_url = url
    return settings


def test_wrong_password_asks_again_then_remember_me_skips_the_dialog(
    qtbot: QtBot,
    runner: AsyncioThread,
    org_server: ServerProcess,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: object,
) -> None:
    agent = ScriptedAgent([("taro", "wrong password!", True), ("taro", PASSWORD, True)])
    settings = settings_for(tmp_path, org_server.url)
    server = ServerChoice(org_server.url)
    connection = startup.sign_in_central(runner, Bridge(runner), settings, server, agent)
    assert connection is not None and connection.client.name == "Taro"
    assert agent.sign_in_errors == ["", "Wrong username or password."]
    assert settings.username == "taro"
    stored = list(memory_keyring.secrets.values())
    assert len(stored) == 1 and PASSWORD not in stored  # a refresh token, not the password
    runner.run(connection.client.close())

    # Next start: the remembered refresh token signs in without asking.
    again = startup.sign_in_central(runner, Bridge(runner), settings, server, ScriptedAgent())
    assert again is not None and isinstance(again.client.credentials, RefreshToken)
    assert list(memory_keyring.secrets.values()) != stored  # rotated
    runner.run(again.client.close())


def test_without_remember_me_nothing_is_stored_and_cancel_gives_up(
    runner: AsyncioThread,
    org_server: ServerProcess,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: object,
) -> None:
    agent = ScriptedAgent([("taro", PASSWORD, False)])
    settings = settings_for(tmp_path, org_server.url)
    server = ServerChoice(org_server.url)
    connection = startup.sign_in_central(runner, Bridge(runner), settings, server, agent)
    assert connection is not None and memory_keyring.secrets == {}
    runner.run(connection.client.close())
    cancelled = ScriptedAgent()
    assert startup.sign_in_central(runner, Bridge(runner), settings, server, cancelled) is None
