"""The screen benchmark's scenarios all run and deliver stamped frames, for the naive and the
product pipeline (the figures themselves are measured by the benchmark, not here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.bench_run import run_benchmark

pytestmark = pytest.mark.e2e


@pytest.mark.timeout(600)  # three pipelines, each joined twice on fresh sessions
def test_every_scenario_runs_and_delivers_frames(tmp_path: Path) -> None:
    out = tmp_path / "screen.json"
    done = run_benchmark("benchmarks.screen", "--quick", "--out", str(out), timeout=540)
    report = json.loads(out.read_text())
    pipelines = [p["pipeline"] for p in report["pipelines"]]
    assert pipelines == ["naive-vp8", "naive-h264", "product"]
    assert report["samples"] == 2
    for pipeline in report["pipelines"]:
        assert len(pipeline["join_samples_ms"]) == 2  # each on a fresh session
        assert all(0 < join < 30_000 for join in pipeline["join_samples_ms"])
        assert None not in pipeline["first_change_samples_ms"]  # each change arrived
        assert [at for at, _, _ in pipeline["sharpness"]] == [0.25, 0.5, 1.0, 3.0]
        # The agent's picture is the customer's screen (stock H.264 in a 2 s run may not
        # have sharpened by the 1 s sample: the best of the curve says it).
        assert max(psnr for _, psnr, _ in pipeline["sharpness"]) > 20
        scenarios = {s["name"]: s for s in pipeline["scenarios"]}
        assert list(scenarios) == ["static", "scroll", "drag", "video"]
        for name in ("scroll", "drag", "video"):
            moving = scenarios[name]
            assert moving["fps"] > 1, (pipeline["pipeline"], name)
            assert moving["latency_p50_ms"] is not None and moving["latency_p50_ms"] > 0
            assert moving["kbps"] > 0 and moving["cpu_percent"]["customer"] > 0
            assert moving["changes"] > moving["changes_unshown"]
    assert "join p50 (ms)" in done.stdout and "× vs naive-h264" in done.stdout


def test_sharing_one_window_with_an_area_hidden_runs_and_delivers_frames(tmp_path: Path) -> None:
    out = tmp_path / "screen-window.json"
    options = ["--pipelines", "product", "--share", "window", "--mask", "--out", str(out)]
    run_benchmark("benchmarks.screen", "--quick", *options)
    report = json.loads(out.read_text())
    assert report["product_shares"] == "window" and report["product_masks"]
    (product,) = report["pipelines"]
    assert product["psnr_db"] > 30  # the hidden area is black on both sides of the comparison
    assert len(product["join_samples_ms"]) == 2
    for scenario in product["scenarios"][1:]:
        assert scenario["fps"] > 1 and scenario["latency_p50_ms"] is not None
