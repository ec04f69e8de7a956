"""The pointer benchmark runs both pipelines and the agent's moves are drawn on the
customer's display (the figures themselves are measured by the benchmark, not here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.waits import scaled

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def test_both_pipelines_draw_the_agents_moves(tmp_path: Path) -> None:
    out = tmp_path / "pointer.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.pointer", "--quick", "--no-load", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=scaled(120),
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(out.read_text())
    assert [p["pipeline"] for p in report["pipelines"]] == ["naive", "product"]
    for pipeline in report["pipelines"]:
        assert pipeline["drawn"] >= pipeline["moves"] // 2  # most moves reached the screen
        assert 0 < pipeline["latency_ms"]["p50"] < 1000
    assert "latency p50" in done.stdout
