"""The real signaling server as a child process on a free loopback port."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.helpers.waits import scaled

_LISTENING = re.compile(r"Signaling server listening on (ws://\S+:(\d+))")


@dataclass
class ServerProcess:
    proc: subprocess.Popen[str]
    url: str
    port: int
    log: list[str] = field(default_factory=list)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=scaled(10))


@contextmanager
def server_process(*args: str, expect_exit: int | None = 0) -> Iterator[ServerProcess]:
    """Start ``assist-signaling --port 0`` with ``args``; SIGTERM it afterwards."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "signaling.cli", "--host", "127.0.0.1", "--port", "0", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stderr is not None
    log: list[str] = []
    found = threading.Event()
    where: list[re.Match[str]] = []

    def drain() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            log.append(line)
            match = _LISTENING.search(line)
            if match and not found.is_set():
                where.append(match)
                found.set()
        found.set()

    drainer = threading.Thread(target=drain, daemon=True)
    drainer.start()
    try:
        assert found.wait(scaled(20)) and where, "server did not start:\n" + "".join(log)
        server = ServerProcess(proc, where[0].group(1), int(where[0].group(2)), log)
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=scaled(15))
            if expect_exit is not None:
                assert code == expect_exit, "".join(log)
        drainer.join(scaled(10))
        proc.stderr.close()
