"""A throwaway PostgreSQL server for the storage tests: started on a free loopback port as an
unprivileged user (PostgreSQL refuses to run as root), with a UTF-8 database."""

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


@contextmanager
def postgres_instance() -> Iterator[str]:
    """Yields an SQLAlchemy URL of a fresh ``assist`` database; stops the server after."""
    bin_dir = _bin_dir()
    data = Path(tempfile.mkdtemp(prefix="assist-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    port = _free_port()
    run = {"check": True, "capture_output": True, "timeout": scaled(120)}
    subprocess.run(
        _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-E", "UTF8",
                      "--locale=C.UTF-8", "-A", "trust", "-U", "postgres"]),
        **run,
    )  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off"
    subprocess.run(
        _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                      "-l", str(data / "server.log"), "start"]),
        **run,
    )  # fmt: skip
    try:
        subprocess.run(
            _as_postgres([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                          "-U", "postgres", "-E", "UTF8", "assist"]),
            **run,
        )  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/assist"
    finally:
        subprocess.run(
            _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False, capture_output=True, timeout=scaled(60),
        )  # fmt: skip
        shutil.rmtree(data, ignore_errors=True)
