"""The screen benchmark's tables: each figure for every pipeline, and how many times better
the product is than each naive baseline (aiortc's stock VP8 and its stock H.264)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from benchmarks.screen.run import PipelineResult, Scenario

MOTION: Final = ("scroll", "drag", "video")
BASELINES: Final = ("naive-vp8", "naive-h264")


def _fmt(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _columns(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
                     for row in rows)  # fmt: skip


def _scenario(result: PipelineResult, name: str) -> Scenario:
    return next(s for s in result.scenarios if s.name == name)


def table(results: list[PipelineResult]) -> str:
    """One row per figure: target, each pipeline, and the product's ratio to each baseline
    (baseline/product where lower is better, product/baseline where higher is)."""
    by_name = {r.pipeline: r for r in results}
    pipelines = [r.pipeline for r in results]
    baselines = [b for b in BASELINES if b in by_name]
    head = ("figure", "target", *pipelines, *(f"× vs {b}" for b in baselines))
    rows: list[tuple[str, ...]] = [head]

    def add(
        label: str,
        target: str,
        get: Callable[[PipelineResult], float | None],
        digits: int = 0,
        higher: bool = False,
    ) -> None:
        values = {name: get(result) for name, result in by_name.items()}
        ratios = []
        for baseline in baselines:
            naive, product = values.get(baseline), values.get("product")
            ratio = "—"
            if naive and product:
                ratio = f"{(product / naive) if higher else (naive / product):.2f}×"
            ratios.append(ratio)
        shown = tuple(_fmt(values[p], digits) for p in pipelines)
        rows.append((label, target, *shown, *ratios))

    cap = results[0].fps_cap
    add("join p50 (ms)", "≤ 500", lambda r: r.join_ms)
    add("join p95 (ms)", "", lambda r: r.join_p95_ms)
    add("first change after 10 s still p50 (ms)", "≤ 60", lambda r: r.first_change_ms)
    add("first change after 10 s still p95 (ms)", "", lambda r: r.first_change_p95_ms)
    for after in sorted({a for r in results for a, _, _ in r.sharpness}):
        target = "≥ 45" if after == 1.0 else ""
        add(
            f"text page PSNR {after:g} s after it appeared (dB)",
            target,
            lambda r, a=after: next((p for s, p, _ in r.sharpness if s == a), None),
            1,
            higher=True,
        )
    add(
        "static: customer CPU (%)",
        "≤ 3",
        lambda r: _scenario(r, "static").cpu_percent["customer"],
        1,
    )
    add("static: kbit/s", "≤ 100", lambda r: _scenario(r, "static").kbps)
    for name in MOTION:
        add(
            f"{name}: every change p50 (ms)",
            "≤ 40",
            lambda r, n=name: _scenario(r, n).latency_p50_ms,
        )
        add(
            f"{name}: every change p95 (ms)",
            "≤ 70",
            lambda r, n=name: _scenario(r, n).latency_p95_ms,
        )
        add(
            f"{name}: delivered only p50 (ms)",
            "",
            lambda r, n=name: _scenario(r, n).delivered_p50_ms,
        )
        add(
            f"{name}: frames/s (cap {cap:g})",
            f"= {cap:g}",
            lambda r, n=name: _scenario(r, n).fps,
            1,
            higher=True,
        )
        add(f"{name}: kbit/s", "≤ 4000", lambda r, n=name: _scenario(r, n).kbps)
        add(
            f"{name}: customer CPU (%)",
            "",
            lambda r, n=name: _scenario(r, n).cpu_percent["customer"],
        )
        add(f"{name}: agent CPU (%)", "", lambda r, n=name: _scenario(r, n).cpu_percent["agent"])
        add(
            f"{name}: GUI handler p99 (ms)",
            "≤ 16",
            lambda r, n=name: _scenario(r, n).handler_p99_ms,
            1,
        )
    return _columns(rows)


STAGE_ROWS: Final = (
    ("capture (customer)", "customer_capture"),
    ("convert to yuv420p (customer)", "customer_convert"),
    ("encode (customer)", "customer_encode"),
    ("decode (agent)", "agent_decode"),
    ("convert for the view (agent)", "agent_convert"),
    ("paint (agent, GUI thread)", "agent_paint"),
)


def breakdown(results: list[PipelineResult]) -> str:
    """Where a frame's milliseconds go in each motion scenario; what the stages do not
    explain of the every-change p50 is network, queues and waiting for the next frame."""
    head = ("ms per frame", *(f"{r.pipeline} {s}" for r in results for s in MOTION))
    rows: list[tuple[str, ...]] = [head]
    for label, key in STAGE_ROWS:
        row = [label]
        for result in results:
            for name in MOTION:
                row.append(_fmt(_scenario(result, name).stages_ms.get(key), 1))
        rows.append(tuple(row))
    rest = ["network, queues, pacing (rest of p50)"]
    for result in results:
        for name in MOTION:
            scenario = _scenario(result, name)
            known = sum(scenario.stages_ms.get(key, 0.0) for _, key in STAGE_ROWS)
            p50 = scenario.latency_p50_ms
            rest.append(_fmt(None if p50 is None else p50 - known, 1))
    rows.append(tuple(rest))
    return _columns(rows)
