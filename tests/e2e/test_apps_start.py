"""The installed entry points start as real processes with real windows under Xvfb."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.helpers.child_process import ChildProcess
from tests.helpers.waits import scaled
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e

BIN = Path(sys.executable).parent


@contextmanager
def app(display: Display, *argv: str, config: str) -> Iterator[ChildProcess]:
    """Run an app, its log (stderr) read as it comes; SIGTERM it afterwards."""
    with ChildProcess(argv, env=display.env(XDG_CONFIG_HOME=config), read=["stderr"]) as proc:
        yield proc
        proc.terminate(15)


def test_agent_console_starts_its_built_in_server_and_keeps_the_name() -> None:
    config = tempfile.mkdtemp()
    with (
        xvfb() as display,
        app(
            display, str(BIN / "assist-agent"), "--name", "山田 太郎", "--port", "0",
            "--org-name", "アクメ サポート", "--lang", "ja", config=config,
        ) as log,
    ):  # fmt: skip
        # The built-in server logs the console's sign-in before the console says it is ready.
        log.expect(re.compile(r"Peer \d+ connected as agent"), 30)
        ready = log.expect_match(r"Agent console ready \(server (ws://127\.0\.0\.1:(\d+))\)", 30)
        with urllib.request.urlopen(f"http://127.0.0.1:{ready.group(2)}/healthz") as reply:
            assert reply.status == 200
    saved = QSettings(str(Path(config) / "Assist" / "agent.conf"), QSettings.Format.IniFormat)
    assert saved.value("display_name") == "山田 太郎"
    assert saved.value("org_name") == "アクメ サポート"


def test_customer_client_takes_the_server_from_an_invite_link() -> None:
    link = "assist://join?server=ws%3A%2F%2F127.0.0.1%3A9%2F&code=123456789"
    with (
        xvfb() as display,
        app(display, str(BIN / "assist-customer"), link, config=tempfile.mkdtemp()) as log,
    ):
        log.expect(re.compile(r"Customer client ready \(server ws://127\.0\.0\.1:9/\)"), 30)


@pytest.mark.parametrize("program", ["assist-agent", "assist-customer"])
def test_an_app_started_on_a_display_that_has_gone_says_so(program: str) -> None:
    """DISPLAY left over from an X server that has ended (a closed Xvfb, a dropped
    session): a named reason and exit 2, not Qt's abort."""
    # A number no X server has now (a closed server's own number may be taken again at
    # once by another test's display).
    number = next(n for n in range(990, 1100) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    display = Display(f":{number}", 1280, 720)
    env = display.env(XDG_CONFIG_HOME=tempfile.mkdtemp())
    done = subprocess.run(
        [str(BIN / program)], env=env, capture_output=True, text=True, timeout=scaled(60)
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"{program}: display_unreachable: Assist cannot open the display {display.name} "
        "(DISPLAY): no X server there accepts a connection. Start it from your desktop "
        "session, or set DISPLAY to a running X server.\n"
    )
