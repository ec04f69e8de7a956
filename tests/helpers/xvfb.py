"""Start a private Xvfb display for a test and stop it afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.helpers.waits import scaled


@dataclass(frozen=True)
class Display:
    name: str  # ":12"
    width: int
    height: int
    pid: int = 0  # the Xvfb process

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a process that should live on this display."""
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
        env.update(DISPLAY=self.name, QT_QPA_PLATFORM="xcb", XDG_SESSION_TYPE="x11")
        env.update(extra)
        return env


@contextmanager
def xvfb(width: int = 1280, height: int = 720) -> Iterator[Display]:
    """A fresh X server; fails loudly (never skips) when Xvfb is not installed."""
    binary = shutil.which("Xvfb")
    assert binary, "Xvfb is missing: run .ci/install (apt package xvfb)"
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [
            binary,
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as reader:
            number = _read_display_number(reader, proc)
        yield Display(f":{number}", width, height, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=scaled(10))


def _read_display_number(reader: object, proc: subprocess.Popen[bytes]) -> str:
    import select

    assert hasattr(reader, "fileno") and hasattr(reader, "readline")
    ready, _, _ = select.select([reader], [], [], scaled(15))
    assert ready, "Xvfb did not report its display number"
    number = str(reader.readline()).strip()
    assert number.isdigit(), f"Xvfb failed to start (exit code {proc.poll()})"
    return number
