"""A real window manager (Debian's openbox) on a test display: it reparents every application
window into a frame of its own, places, stacks and moves them, as on a customer's desktop."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.helpers.waits import scaled
from tests.helpers.xvfb import Display


@contextmanager
def window_manager(display: Display) -> Iterator[None]:
    """Openbox running on ``display`` until the block ends; fails loudly when missing."""
    binary = shutil.which("openbox")
    assert binary, "openbox is missing: run .ci/install (apt package openbox)"
    manager = subprocess.Popen(
        [binary, "--sm-disable"],
        env=display.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + scaled(10)
        while not _managed(display):
            assert manager.poll() is None, "openbox exited"
            assert time.monotonic() < deadline, "openbox did not start"
            time.sleep(0.05)
        yield
    finally:
        manager.terminate()
        manager.wait(timeout=scaled(10))


def _managed(display: Display) -> bool:
    """Whether a window manager says it runs (EWMH: the root names its check window)."""
    shown = subprocess.run(
        ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
        env=display.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    return "window id" in shown.stdout
