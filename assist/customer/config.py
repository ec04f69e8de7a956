"""Which server the customer client talks to.

An organisation ships the client pre-set to its own server: ``customer.json`` in the
platform config folder (``~/.config/Assist/customer.json`` on Linux) with
``{"server": "wss://support.example.com"}``, or the ``ASSIST_SERVER`` environment variable.
``--server`` and an invite link override it for this run.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import platformdirs

logger = logging.getLogger(__name__)

DEFAULT_SERVER = "ws://127.0.0.1:8765"


def config_path() -> Path:
    return Path(platformdirs.user_config_dir("Assist", appauthor=False)) / "customer.json"


def pinned_server() -> str | None:
    """The organisation's server from ``ASSIST_SERVER`` or the config file; None if unset."""
    if env := os.environ.get("ASSIST_SERVER"):
        return env
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("Ignoring unreadable %s: %s", path, exc)
        return None
    server = data.get("server") if isinstance(data, dict) else None
    return server if isinstance(server, str) and server else None


def configured_server() -> str:
    """The organisation's server, else the one on this computer."""
    return pinned_server() or DEFAULT_SERVER
