"""Each app keeps its own outbox file in the data folder: an agent console and a customer
app on one computer never share (or lock) one."""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.child_process import ChildProcess
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e

BIN = Path(sys.executable).parent


@contextmanager
def app(display: Display, data: Path, config: Path, *argv: str) -> Iterator[ChildProcess]:
    """Run an installed app, its log (stderr) read as it comes; SIGTERM it afterwards."""
    env = display.env(XDG_DATA_HOME=str(data), XDG_CONFIG_HOME=str(config))
    with ChildProcess(argv, env=env, read=["stderr"]) as proc:
        yield proc
        proc.terminate(15)


def outbox_tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master")}


def test_the_agent_console_and_the_customer_app_each_open_their_own_outbox(
    tmp_path: Path,
) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    with (
        xvfb() as display,
        app(display, data, config, str(BIN / "assist-agent"), "--name", "Taro",
            "--org-name", "Acme Support", "--port", "0") as agent_log,
    ):  # fmt: skip
        ready = agent_log.expect_match(
            r"Agent console ready \(server (ws://127\.0\.0\.1:\d+)\)", 30
        )
        with app(
            display, data, config, str(BIN / "assist-customer"), "--server", ready.group(1)
        ) as customer_log:
            customer_log.expect(re.compile("Customer client ready"), 30)
            folder = data / "Assist"
            outboxes = sorted(p.name for p in folder.glob("outbox*.sqlite"))
            assert outboxes == ["outbox-agent.sqlite", "outbox-customer.sqlite"]
            for name in outboxes:
                assert {"chat", "note"} <= outbox_tables(folder / name)
