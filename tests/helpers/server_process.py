"""The real signaling server as a child process on a free loopback port."""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.accounts import seed_database
from tests.helpers.child_process import ChildProcess, Wanted

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"Signaling server listening on (wss?)://127\.0\.0\.1:(\d+)")
START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0
LOG_TIMEOUT = 10.0


class ServerProcess:
    """``python -m signaling.cli --port 0 ARGS``, its stderr (the log) read into :attr:`log`."""

    def __init__(self, *args: str, db_url: str | None = None, port: int = 0) -> None:
        """``db_url`` None: a fresh SQLite database seeded with tests.helpers.accounts.
        ``port`` 0: a free one (give an earlier server's port to restart it in place)."""
        if db_url is None:
            folder = tempfile.mkdtemp(prefix="assist-server-")
            db_url = f"sqlite:///{folder}/server.db"
            seed_database(db_url)
        self.db_url = db_url
        self._child = ChildProcess(
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
            name="signaling server",
            read=["stderr"],
        )
        self.process = self._child.process
        #: The log lines so far (its stderr), without their line ends.
        self.log = self._child.lines
        try:
            listening = self._child.expect_match(LISTENING, START_TIMEOUT)
        except AssertionError as exc:
            self.kill()
            pytest.fail(f"signaling server did not start: {exc}")
        self.scheme = listening.group(1)
        self.port = int(listening.group(2))
        self.url = f"{self.scheme}://127.0.0.1:{self.port}"

    @property
    def output(self) -> str:
        """The whole log so far."""
        return self._child.output

    def expect_log(self, wanted: Wanted, timeout: float = LOG_TIMEOUT) -> str:
        """The next log line wanted (a prefix, a regex or a test); the lines before it are
        skipped. Fails with the log."""
        return self._child.expect(wanted, timeout)

    def send_sigterm(self) -> None:
        """Ask the server to shut down, once: while it shuts down, a second SIGTERM can
        arrive after asyncio restored the default handler, and would kill it."""
        self._child.send_sigterm()

    def terminate(self) -> int:
        """SIGTERM and wait; returns the exit code (again on later calls)."""
        return self._child.terminate(STOP_TIMEOUT)

    def kill(self) -> int:
        return self._child.kill()


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
