"""A throwaway PostgreSQL server for the storage tests: started on a free loopback port as an
unprivileged user (PostgreSQL refuses to run as root), with a UTF-8 database. The benchmarks
may keep its cluster in a folder of their own and start it again on the next run."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers.waits import scaled


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    assert found, "PostgreSQL is not installed: run .ci/install (apt package postgresql)"
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(argv: list[str]) -> list[str]:
    """Run as the 'postgres' system user when we are root; as ourselves otherwise."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


class PostgresServer:
    """A throwaway cluster the test may stop (as an outage) and start again.

    With ``data``, the cluster lives in that folder: created there if the folder holds none,
    started as it was left otherwise (``existed`` tells which)."""

    def __init__(self, data: Path | None = None) -> None:
        self.bin_dir = _bin_dir()
        self.kept = data is not None
        self.data = data if data is not None else Path(tempfile.mkdtemp(prefix="assist-pg-"))
        self.existed = (self.data / "PG_VERSION").exists()
        self.data.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
        self.port = _free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/assist"
        if not self.existed:
            self._run(["initdb", "-D", str(self.data), "-E", "UTF8", "--locale=C.UTF-8",
                       "-A", "trust", "-U", "postgres"])  # fmt: skip
        self.start()
        if not self.existed:
            self._run(["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                       "-E", "UTF8", "assist"])  # fmt: skip

    def _run(self, argv: list[str], check: bool = True) -> None:
        command = _as_postgres([str(self.bin_dir / argv[0]), *argv[1:]])
        subprocess.run(command, check=check, capture_output=True, timeout=scaled(120))

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off"
        self._run(["pg_ctl", "-D", str(self.data), "-o", options, "-w",
                   "-l", str(self.data / "server.log"), "start"])  # fmt: skip

    def stop(self, check: bool = True) -> None:
        """Stop at once, as a crash would (connections are cut)."""
        self._run(["pg_ctl", "-D", str(self.data), "-m", "immediate", "stop"], check=check)

    def stop_cleanly(self) -> None:
        """Stop after a checkpoint, so the next start has no recovery to do."""
        self._run(["pg_ctl", "-D", str(self.data), "-m", "fast", "stop"])

    def remove(self) -> None:
        """Stop; delete the cluster unless it lives in a folder the caller chose."""
        if self.kept:
            self.stop_cleanly()
            return
        self.stop(check=False)
        shutil.rmtree(self.data, ignore_errors=True)


@contextmanager
def postgres_instance() -> Iterator[str]:
    """Yields an SQLAlchemy URL of a fresh ``assist`` database; stops the server after."""
    with postgres_server() as server:
        yield server.url


@contextmanager
def postgres_server(data: Path | None = None) -> Iterator[PostgresServer]:
    """A running server (see ``PostgresServer`` for ``data``); stopped afterwards, and its
    cluster deleted unless it is in ``data``."""
    server = PostgresServer(data)
    try:
        yield server
    finally:
        server.remove()
