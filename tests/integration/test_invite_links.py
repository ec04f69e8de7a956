"""``assist://`` invite links open the customer client: the installer registers a desktop
entry as the link type's default handler, naming this installation's client."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from tests.helpers.server_process import ROOT


def desktop_env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CURRENT_DESKTOP": "X-Generic",
    }


def test_the_installer_makes_the_customer_client_open_assist_links(tmp_path: Path) -> None:
    env = desktop_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "assist.customer.desktop_entry"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    default = subprocess.run(
        ["xdg-mime", "query", "default", "x-scheme-handler/assist"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert default.stdout.strip() == "assist-customer.desktop"
    entry = (tmp_path / "data" / "applications" / "assist-customer.desktop").read_text("utf-8")
    (exec_line,) = [line for line in entry.splitlines() if line.startswith("Exec=")]
    command, placeholder = shlex.split(exec_line.removeprefix("Exec="))
    assert placeholder == "%u"  # the link is handed over as the first argument
    assert Path(command).is_file() and os.access(command, os.X_OK), command
    assert Path(command).parent == Path(sys.executable).parent  # this installation's client
    assert "MimeType=x-scheme-handler/assist;" in entry
