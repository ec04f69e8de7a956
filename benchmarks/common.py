"""What every benchmark reports the same way: latency statistics and the machine it ran on."""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Stats:
    """Milliseconds of repeated runs of one operation."""

    n: int
    p50: float
    p95: float
    mean: float
    max: float


def summarize(samples: list[float], digits: int = 2) -> Stats:
    p95 = statistics.quantiles(samples, n=20, method="inclusive")[18]
    return Stats(
        len(samples),
        round(statistics.median(samples), digits),
        round(p95, digits),
        round(statistics.fmean(samples), digits),
        round(max(samples), digits),
    )


def machine(**versions: str) -> dict[str, Any]:
    """CPU, memory and platform of this machine, with the library ``versions`` given."""
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        model = next((ln.split(":", 1)[1].strip() for ln in cpuinfo if "model name" in ln), "")
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        memory_kb = int(next(ln.split()[1] for ln in meminfo if ln.startswith("MemTotal")))
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        **versions,
    }
