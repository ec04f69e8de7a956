"""Each app keeps its own outbox file in the data folder: an agent console and a customer
app on one computer never share (or lock) one."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.waits import scaled
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e

BIN = Path(sys.executable).parent


@contextmanager
def app(display: Display, data: Path, config: Path, *argv: str) -> Iterator[list[str]]:
    """Run an installed app; yields its log lines as they arrive, terminates it afterwards."""
    proc = subprocess.Popen(
        argv,
        env=display.env(XDG_DATA_HOME=str(data), XDG_CONFIG_HOME=str(config)),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr or []), daemon=True)
    reader.start()
    try:
        yield lines
    finally:
        proc.terminate()
        proc.wait(timeout=scaled(15))
        reader.join(scaled(5))
        assert proc.stderr is not None
        proc.stderr.close()


def wait_for(lines: list[str], pattern: str) -> re.Match[str]:
    deadline = time.monotonic() + scaled(30)
    while time.monotonic() < deadline:
        for line in list(lines):
            if match := re.search(pattern, line):
                return match
        time.sleep(0.05)  # polling a log: there is no event to wait on
    raise AssertionError(f"{pattern!r} not logged:\n" + "".join(lines))


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
        ready = wait_for(agent_log, r"Agent console ready \(server (ws://127\.0\.0\.1:\d+)\)")
        with app(
            display, data, config, str(BIN / "assist-customer"), "--server", ready.group(1)
        ) as customer_log:
            wait_for(customer_log, r"Customer client ready")
            folder = data / "Assist"
            outboxes = sorted(p.name for p in folder.glob("outbox*.sqlite"))
            assert outboxes == ["outbox-agent.sqlite", "outbox-customer.sqlite"]
            for name in outboxes:
                assert {"chat", "note"} <= outbox_tables(folder / name)
