"""Customers install the client, not the server: the plain install brings no database,
password hashing or metrics library, and the customer client runs without them."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER_ONLY = ("sqlalchemy", "alembic", "psycopg", "argon2", "prometheus_client",
               "pythonjsonlogger", "keyring")  # fmt: skip

BLOCKED = f"""
import importlib.abc, sys
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {SERVER_ONLY!r}:
            raise ModuleNotFoundError(f"not installed for customers: {{name}}")
        return None
sys.meta_path.insert(0, Missing())
import assist.customer.app, assist.customer.controller, assist.core.customer
print("ok")
"""


def test_the_plain_install_has_none_of_the_servers_libraries() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    plain = " ".join(project["dependencies"]).lower().replace("-", "_")
    assert [name for name in SERVER_ONLY if name in plain] == []
    extras = project["optional-dependencies"]
    assert "assist[server]" in extras["agent"]  # the console embeds a server


def test_the_customer_client_imports_without_them() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCKED], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
