"""Run a benchmark as the README says (``python -m benchmarks.X ...``), for its functional
check in the test suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.waits import scaled

ROOT = Path(__file__).resolve().parents[2]


def run_benchmark(
    module: str, *args: str, timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    """Run it to the end; fails (with its stderr) unless it exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=scaled(timeout),
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return done
