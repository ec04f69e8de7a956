"""The real signaling server as a child process on a free loopback port."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.accounts import seed_database
from tests.helpers.waits import scaled

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"Signaling server listening on (wss?)://127\.0\.0\.1:(\d+)")
START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


class ServerProcess:
    """``python -m signaling.cli --port 0 ARGS``, with its stderr drained into :attr:`log`."""

    def __init__(self, *args: str, db_url: str | None = None, port: int = 0) -> None:
        """``db_url`` None: a fresh SQLite database seeded with tests.helpers.accounts.
        ``port`` 0: a free one (give an earlier server's port to restart it in place)."""
        if db_url is None:
            folder = tempfile.mkdtemp(prefix="assist-server-")
            db_url = f"sqlite:///{folder}/server.db"
            seed_database(db_url)
        self.db_url = db_url
        self.log: list[str] = []
        self.scheme = "ws"
        self._sigterm_sent = False
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "signaling.cli",
                "--db",
                db_url,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *args,
            ],  # fmt: skip
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        # A thread keeps reading so the server never blocks on a full stderr pipe.
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()
        self.port = self._wait_for_port()
        self.url = f"{self.scheme}://127.0.0.1:{self.port}"

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            self._lines.put(line)
        self._lines.put(None)

    def _wait_for_port(self) -> int:
        try:
            while True:
                line = self._lines.get(timeout=scaled(START_TIMEOUT))
                if line is None:
                    raise RuntimeError("server exited before listening")
                match = LISTENING.search(line)
                if match:
                    self.scheme = match.group(1)
                    return int(match.group(2))
        except (queue.Empty, RuntimeError) as exc:
            self.kill()
            pytest.fail(f"signaling server did not start ({exc!r}):\n{self.output}")

    @property
    def output(self) -> str:
        return "".join(self.log)

    def send_sigterm(self) -> None:
        """Ask the server to shut down, once: while it shuts down, a second SIGTERM can
        arrive after asyncio restored the default handler, and would kill it."""
        if not self._sigterm_sent and self.process.poll() is None:
            self._sigterm_sent = True
            self.process.send_signal(signal.SIGTERM)

    def terminate(self) -> int:
        """SIGTERM and wait; returns the exit code (again on later calls)."""
        self.send_sigterm()
        return self._reap()

    def kill(self) -> int:
        if self.process.poll() is None:
            self.process.kill()
        return self._reap()

    def _reap(self) -> int:
        try:
            code = self.process.wait(timeout=scaled(STOP_TIMEOUT))
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"signaling server ignored SIGTERM:\n{self.output}")
        self._reader.join(timeout=scaled(STOP_TIMEOUT))
        assert self.process.stderr is not None
        self.process.stderr.close()
        return code


@contextmanager
def server_process(
    *args: str, expect_exit: int | None = 0, db_url: str | None = None
) -> Iterator[ServerProcess]:
    """Start ``assist-signaling --port 0 ARGS``; SIGTERM it afterwards and check its exit."""
    server = ServerProcess(*args, db_url=db_url)
    try:
        yield server
    finally:
        code = server.terminate()
    if expect_exit is not None:
        assert code == expect_exit, f"server exited with {code}:\n{server.output}"
