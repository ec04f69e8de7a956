"""In CI a skipped test fails the run (tests/conftest.py), so no gap hides behind a skip."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_suite(tmp_path: Path, body: str, ci: bool) -> int:
    (tmp_path / "test_sample.py").write_text(body, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-c", os.devnull, "-p", "tests.conftest",
         "--rootdir", str(tmp_path), str(tmp_path / "test_sample.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return result.returncode


SKIPPING = "import pytest\n\ndef test_a():\n    raise pytest.skip.Exception('no dependency')\n"
PASSING = "def test_a():\n    assert True\n"


def test_a_skip_fails_the_run_in_ci(tmp_path: Path) -> None:
    assert run_suite(tmp_path, SKIPPING, ci=True) == 1


def test_a_skip_is_allowed_outside_ci(tmp_path: Path) -> None:
    assert run_suite(tmp_path, SKIPPING, ci=False) == 0


def test_a_clean_run_passes_in_ci(tmp_path: Path) -> None:
    assert run_suite(tmp_path, PASSING, ci=True) == 0
