"""Registers the customer client as the handler of ``assist://`` invite links on a Linux
desktop (freedesktop.org: a desktop entry with ``MimeType=x-scheme-handler/assist``, made the
default with ``xdg-mime``), so that clicking an invite link in a browser or mail opens it.

``python -m assist.customer.desktop_entry`` (the installer runs it). Windows will register
the scheme under ``HKEY_CURRENT_USER\\Software\\Classes\\assist`` and macOS through the app
bundle's ``CFBundleURLTypes``; neither is built yet.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).resolve().parents[2] / "resources" / "desktop" / "assist-customer.desktop"
ENTRY_NAME = "assist-customer.desktop"
SCHEME_TYPE = "x-scheme-handler/assist"


def applications_folder() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "applications"


def customer_command() -> str:
    """The installed ``assist-customer`` beside this interpreter (a virtual environment's
    scripts are not on the desktop's PATH)."""
    beside = Path(sys.executable).with_name("assist-customer")
    return str(beside) if beside.exists() else "assist-customer"


def write_entry(folder: Path | None = None) -> Path:
    """The desktop entry, its Exec naming this installation's customer client."""
    folder = folder or applications_folder()
    folder.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("Exec=assist-customer %u", f'Exec="{customer_command()}" %u')
    entry = folder / ENTRY_NAME
    entry.write_text(text, encoding="utf-8")
    return entry


def register() -> int:
    """Write the entry and make it the default for ``assist://``; 0 when done, 1 when the
    desktop tools (xdg-utils) are missing (the entry is written all the same)."""
    entry = write_entry()
    tools = shutil.which("xdg-mime")
    if tools is None:
        print(f"Wrote {entry}; install xdg-utils to make it open assist:// links.")
        return 1
    subprocess.run([tools, "default", ENTRY_NAME, SCHEME_TYPE], check=True)
    update = shutil.which("update-desktop-database")
    if update is not None:
        subprocess.run([update, str(entry.parent)], check=False)
    print(f"assist:// links open {customer_command()} ({entry})")
    return 0


if __name__ == "__main__":
    sys.exit(register())
