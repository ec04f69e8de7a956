"""Both apps started where there is no desktop: they say what is missing and exit 2,
instead of Qt aborting (exit 134) with advice to install a library that is there."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers.server_process import ROOT
from tests.helpers.waits import scaled

APPS = {"assist.agent.app": "assist-agent", "assist.customer.app": "assist-customer"}

#: What decides which desktop Qt would use; each test sets the ones it means.
DESKTOP = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")


def start(module: str, *argv: str, **desktop: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in DESKTOP}
    env.update(desktop)
    return subprocess.run(
        [sys.executable, "-m", module, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=scaled(60),
        check=False,
    )


def assert_refused(done: subprocess.CompletedProcess[str], program: str, code: str) -> str:
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()  # the reason alone: no Qt message, no traceback
    assert line.startswith(f"{program}: {code}: Assist "), line
    return line


@pytest.mark.parametrize(("module", "program"), APPS.items())
def test_without_a_display_the_app_says_so_and_exits_2(module: str, program: str) -> None:
    done = start(module)

    line = assert_refused(done, program, "no_display")
    assert "needs a graphical desktop: no DISPLAY is set" in line
    assert f"xvfb-run {program}" in line


@pytest.mark.parametrize(("module", "program"), APPS.items())
def test_wayland_without_xwayland_is_named(module: str, program: str) -> None:
    done = start(module, WAYLAND_DISPLAY="wayland-0", XDG_SESSION_TYPE="wayland")

    line = assert_refused(done, program, "wayland_without_xwayland")
    assert "no XWayland" in line and "X11 (Xorg) session" in line


@pytest.mark.parametrize(("module", "program"), APPS.items())
def test_help_needs_no_display_and_shows_no_markup(module: str, program: str) -> None:
    done = start(module, "--help")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: {program} ")
    assert "--lang" in done.stdout
    assert "``" not in done.stdout
