"""A real window manager (Debian's openbox) on a test display: it reparents every application
window into a frame of its own, places, stacks and moves them, as on a customer's desktop."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from tests.helpers.child_process import ChildProcess
from tests.helpers.waits import poll_until
from tests.helpers.xvfb import Display


@contextmanager
def window_manager(display: Display) -> Iterator[None]:
    """Openbox running on ``display`` until the block ends; fails loudly when missing."""
    binary = shutil.which("openbox")
    assert binary, "openbox is missing: run .ci/install (apt package openbox)"
    with ChildProcess([binary, "--sm-disable"], env=display.env(), read=["stderr"]) as manager:

        def running() -> bool:
            assert manager.process.poll() is None, f"openbox exited:\n{manager.output}"
            return _managed(display)

        poll_until(running, 10, "openbox managing the display")  # no event says so
        yield
        manager.terminate()


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
