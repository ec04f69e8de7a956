"""The benchmark's chart: naive and product side by side per scenario, drawn with QtCharts
offscreen into a PNG (no plotting library beyond the Qt the apps already use)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

SCENARIOS = ("static", "scroll", "drag", "video")
COLOURS = {"naive-vp8": "#c8c8c8", "naive-h264": "#8a8a8a", "product": "#1f6fbf"}


def _value(pipeline: dict[str, Any], scenario: str, key: str) -> float:
    for entry in pipeline["scenarios"]:
        if entry["name"] == scenario:
            value = entry[key]
            if isinstance(value, dict):
                value = value.get("customer", 0.0)
            return float(value or 0.0)
    return 0.0


def draw(report: dict[str, Any], path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSeries,
        QBarSet,
        QChart,
        QChartView,
        QValueAxis,
    )
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QWidget

    app = QApplication.instance() or QApplication([])
    panels = [
        ("Every change on glass, p50 (ms, lower is better)", "latency_p50_ms", SCENARIOS[1:]),
        ("Every change on glass, p95 (ms, lower is better)", "latency_p95_ms", SCENARIOS[1:]),
        ("Frames per second delivered (cap 30)", "fps", SCENARIOS[1:]),
        ("Customer-side CPU (% of one core)", "cpu_percent", SCENARIOS),
        ("Bitrate (kbit/s)", "kbps", SCENARIOS),
    ]
    page = QWidget()
    grid = QGridLayout(page)
    for index, (title, key, scenarios) in enumerate(panels):
        series = QBarSeries()
        for pipeline in report["pipelines"]:
            bars = QBarSet(pipeline["pipeline"])
            bars.setColor(QColor(COLOURS.get(pipeline["pipeline"], "#444444")))
            bars.setLabelColor(QColor("#222222"))
            for scenario in scenarios:
                bars.append(_value(pipeline, scenario, key))
            series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPrecision(4)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart = QChart()
        chart.addSeries(series)
        chart.setTitle(title)
        categories = QBarCategoryAxis()
        categories.append(list(scenarios))
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setLabelFormat("%.0f")
        top = max((b.at(i) for b in series.barSets() for i in range(b.count())), default=1.0)
        values.setRange(0, max(top, 1.0) * 1.15)  # room for the labels above the bars
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        grid.addWidget(view, index // 2, index % 2)
    lines = [
        f"{report['started']} · {report['machine']['cpus']} cores · 1920×1080 on Xvfb, loopback",
        "",
    ]
    for pipeline in report["pipelines"]:
        first, join = pipeline["first_change_ms"], pipeline["join_ms"]
        curve = " / ".join(f"{p:.0f}" for _, p, _ in pipeline["sharpness"])
        lines.append(
            f"{pipeline['pipeline']}: join p50 {join if join is None else round(join)} ms · "
            f"first change p50 {first if first is None else round(first)} ms · text PSNR "
            f"{curve} dB at 0.25/0.5/1/3 s"
        )
    note = QLabel("\n".join(lines))
    note.setAlignment(Qt.AlignmentFlag.AlignCenter)
    grid.addWidget(note, 2, 1)
    page.resize(1600, 1200)
    page.grab().save(str(path))
    del app


if __name__ == "__main__":
    import json
    import sys

    source = Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/screen.json")
    draw(json.loads(source.read_text()), source.with_suffix(".png"))
