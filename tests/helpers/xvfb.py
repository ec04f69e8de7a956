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


def split_into_monitors(display: Display, count: int) -> list[tuple[int, int, int, int]]:
    """Make ``display``'s one screen ``count`` RandR monitors side by side (as a desktop
    with several monitors shows itself to applications: Qt, mss and the customer client
    each see them), returning their places. The first takes over the screen's output, so
    no whole-screen monitor is left besides them; the display must run with ``-noreset``
    (else the monitors go when xrandr disconnects), as :func:`xvfb`'s do."""
    binary = shutil.which("xrandr")
    assert binary, "xrandr is missing: run .ci/install (apt package x11-xserver-utils)"
    width = display.width // count
    places = [(i * width, 0, width, display.height) for i in range(count)]
    mm = f"{width * 254 // 960}x{display.height}/{display.height * 254 // 960}"
    command = [binary]
    for i, (left, _, _, _) in enumerate(places):
        name = f"*M{i + 1}" if i == 0 else f"M{i + 1}"
        command += ["--setmonitor", name, f"{width}/{mm}+{left}+0", "screen" if i == 0 else "none"]
    subprocess.run(command, env=display.env(), check=True, timeout=scaled(10))
    listed = subprocess.run(
        [binary, "--listmonitors"], env=display.env(), capture_output=True, text=True, check=True
    ).stdout
    assert listed.startswith(f"Monitors: {count}"), listed
    return places
