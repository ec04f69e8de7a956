"""The screen benchmark's scenarios all run and deliver stamped frames, for the naive and the
product pipeline (the figures themselves are measured by the benchmark, not here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.bench_run import run_benchmark

pytestmark = pytest.mark.e2e


def test_every_scenario_runs_and_delivers_frames(tmp_path: Path) -> None:
    out = tmp_path / "screen.json"
    done = run_benchmark("benchmarks.screen", "--quick", "--out", str(out))
    report = json.loads(out.read_text())
    assert [p["pipeline"] for p in report["pipelines"]] == ["naive", "product"]
    for pipeline in report["pipelines"]:
        assert 0 < pipeline["join_ms"] < 30_000
        assert pipeline["first_change_ms"] is not None  # the change after stillness arrived
        assert pipeline["psnr_db"] > 20  # the agent's picture is the customer's screen
        scenarios = {s["name"]: s for s in pipeline["scenarios"]}
        assert list(scenarios) == ["static", "scroll", "drag", "video"]
        for name in ("scroll", "drag", "video"):
            moving = scenarios[name]
            assert moving["fps"] > 1, (pipeline["pipeline"], name)
            assert moving["latency_p50_ms"] is not None and moving["latency_p50_ms"] > 0
            assert moving["kbps"] > 0 and moving["cpu_percent"]["customer"] > 0
    assert "join (ms)" in done.stdout and "better by" in done.stdout


def test_sharing_one_window_with_an_area_hidden_runs_and_delivers_frames(tmp_path: Path) -> None:
    out = tmp_path / "screen-window.json"
    options = ["--pipelines", "product", "--share", "window", "--mask", "--out", str(out)]
    run_benchmark("benchmarks.screen", "--quick", *options)
    report = json.loads(out.read_text())
    assert report["product_shares"] == "window" and report["product_masks"]
    (product,) = report["pipelines"]
    assert product["psnr_db"] > 30  # the hidden area is black on both sides of the comparison
    for scenario in product["scenarios"][1:]:
        assert scenario["fps"] > 1 and scenario["latency_p50_ms"] is not None
