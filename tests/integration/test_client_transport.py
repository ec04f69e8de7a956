"""The clients keep secrets on this machine: plain ws:// to loopback never goes through an
environment proxy (websockets would otherwise route it there, in clear text), and the apps'
DEBUG logs never hold WebSocket frames (codes, tokens, passwords)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assist.core.errors import AssistError
from assist.core.signaling_client import SignalingClient
from signaling import protocol as p
from tests.helpers.server_process import ServerProcess

ROOT = Path(__file__).resolve().parents[2]


async def test_plain_ws_to_loopback_is_not_sent_to_an_environment_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bytes] = []

    async def fake_proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(await reader.read(4096))
        writer.close()

    proxy = await asyncio.start_server(fake_proxy, "127.0.0.1", 0)
    port = proxy.sockets[0].getsockname()[1]
    for name in ("no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    # In real life: http_proxy=http://proxy.corp.example:3128, a different machine.
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{port}")

    client = SignalingClient("ws://127.0.0.1:9", lambda m: None, lambda e: None)
    greeting = p.Login(username="ann", password="correct horse battery staple")
    with pytest.raises(AssistError):
        await client.connect(greeting, timeout=5)
    proxy.close()
    await proxy.wait_closed()
    assert seen == [], f"plain ws:// to 127.0.0.1 went to the proxy: {seen!r}"


SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from assist.customer.app import build_parser
    from assist.qt.application import create_application
    from assist.core.errors import AssistError
    from assist.core.signaling_client import SignalingClient
    from signaling import protocol as p

    started = create_application(build_parser().parse_args(["--log-level", "DEBUG"]))

    async def main(url):
        client = SignalingClient(url, lambda m: None, lambda e: None)
        await client.connect(p.Login(username="ann", password="pw-7f3a91xy"))
        created = await client.request(p.CreateSession(), p.SessionCreated)
        print("CODE", created.code, flush=True)
        customer = SignalingClient(url, lambda m: None, lambda e: None)
        await customer.connect(p.Hello(role=p.Role.CUSTOMER, name="Yuki"))
        await customer.request(p.Join(code=created.code), p.JoinPending)
        await customer.close()
        await client.close()

    asyncio.run(main(sys.argv[1]))
    """
)


def test_app_logging_at_debug_keeps_frames_out() -> None:
    server = ServerProcess()
    try:
        # the seeded password is long; give ann a short one so a whole frame fits a log line
        from signaling.auth import Authenticator
        from signaling.store import accounts as acc
        from signaling.store.db import open_database

        database = open_database(server.db_url)
        try:
            with database.session() as session:
                short = Authenticator(database).hash_password("pw-7f3a91xy")
                acc.set_password(session, "ann", short)
        finally:
            database.close()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, server.url],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.terminate()
    assert done.returncode == 0, done.stderr
    code = done.stdout.split("CODE ")[1].split()[0]
    log = done.stderr
    # websockets shortens a frame to its first and last ~37 characters: a join (the whole
    # code) fits, and the start of a password or refresh token shows.
    leaks = [s for s in (code, '"password":"pw') if s in log]
    assert not leaks, f"the app DEBUG log holds {leaks}:\n{log}"
