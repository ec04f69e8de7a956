"""The pointer benchmark runs both pipelines and the agent's moves are drawn on the
customer's display (the figures themselves are measured by the benchmark, not here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.bench_run import run_benchmark

pytestmark = pytest.mark.e2e


def test_both_pipelines_draw_the_agents_moves(tmp_path: Path) -> None:
    out = tmp_path / "pointer.json"
    done = run_benchmark(
        "benchmarks.pointer", "--quick", "--no-load", "--out", str(out), timeout=120
    )
    report = json.loads(out.read_text())
    assert [p["pipeline"] for p in report["pipelines"]] == ["naive", "product"]
    for pipeline in report["pipelines"]:
        assert pipeline["drawn"] >= pipeline["moves"] // 2  # most moves reached the screen
        assert 0 < pipeline["latency_ms"]["p50"] < 1000
    assert "latency p50" in done.stdout
