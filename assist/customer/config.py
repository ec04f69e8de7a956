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


def configured_server() -> str:
    """The organisation's server from the environment or config file, else the local one."""
    if env := os.environ.get("ASSIST_SERVER"):
        return env
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return DEFAULT_SERVER
    except (OSError, ValueError) as exc:
        logger.warning("Ignoring unreadable %s: %s", path, exc)
        return DEFAULT_SERVER
    server = data.get("server") if isinstance(data, dict) else None
    return server if isinstance(server, str) and server else DEFAULT_SERVER
