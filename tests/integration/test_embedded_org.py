"""The console's built-in server names the organisation the agent gave at first start to
the customers who join, so the warning against scams names it (never the software)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from assist.agent.app import build_parser
from assist.agent.settings import AgentSettings
from assist.agent.startup import start_embedded
from assist.core import events as ev
from assist.core.customer import CustomerClient
from assist.qt.bridge import AsyncioThread, Bridge
from tests.helpers.waits import scaled


def test_customers_are_told_the_organisation_from_the_first_start(
    runner: AsyncioThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = AgentSettings(QSettings(str(tmp_path / "agent.ini"), QSettings.Format.IniFormat))
    settings.display_name, settings.org_name = "山田 太郎", "アクメ サポート"
    connection = start_embedded(
        runner, Bridge(runner), settings, build_parser().parse_args(["--port", "0"])
    )
    events: list[ev.Event] = []
    customer = CustomerClient(connection.public_url, "花子", events.append)
    try:
        created = runner.run(connection.client.new_session(), timeout=scaled(10))
        runner.run(customer.connect(), timeout=scaled(10))
        pending = runner.run(customer.join(created.code), timeout=scaled(10))
        assert (pending.agent_name, pending.org_name) == ("山田 太郎", "アクメ サポート")
    finally:
        runner.run(customer.close(), timeout=scaled(10))
        runner.run(connection.client.close(), timeout=scaled(10))
        assert connection.server is not None
        runner.run(connection.server.close(), timeout=scaled(10))
