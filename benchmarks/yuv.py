"""Colour conversion benchmark: a 1080p screen through libyuv (assist/core/yuv.py) against
PyAV's swscale as the apps called it before, both directions, in the same run.

    .venv/bin/python -m benchmarks.yuv
    .venv/bin/python -m benchmarks.yuv --samples 200

Prints a table of milliseconds per frame on stdout and writes JSON (default
benchmarks/results/yuv.json). Before timing, each libyuv result is checked against the
swscale one; a mismatch stops the run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import av
import numpy as np

from assist.core import yuv
from benchmarks.common import Stats, machine, summarize
from tests.helpers.codec import through_h264

WIDTH: Final = 1920
HEIGHT: Final = 1080
WARMUP: Final = 3
RESULTS: Final = Path(__file__).parent / "results"
# The view's fit-to-window size for a 1080p screen in a typical console window.
FIT: Final = (1280, 720)
# A region a damage-tracking capture would convert: a dialog of 640×360.
REGION: Final = (640, 360, 640, 360)

Pixels = np.ndarray[Any, np.dtype[np.uint8]]


def screen(seed: int = 1) -> Pixels:
    """A desktop-like BGRX picture: flat background, windows, lines of dark 'text'."""
    rng = np.random.default_rng(seed)
    pixels = np.empty((HEIGHT, WIDTH, 4), dtype=np.uint8)
    pixels[...] = (96, 72, 48, 255)
    for _ in range(8):
        x, y = int(rng.integers(0, WIDTH - 600)), int(rng.integers(0, HEIGHT - 400))
        w, h = int(rng.integers(300, 600)), int(rng.integers(200, 400))
        pixels[y : y + h, x : x + w, :3] = rng.integers(200, 256, 3)
        pixels[y : y + 24, x : x + w, :3] = rng.integers(40, 160, 3)
        for row in range(y + 36, y + h - 16, 18):
            ink = rng.random((10, w - 24)) < 0.35
            pixels[row : row + 10, x + 12 : x + w - 12, :3][ink] = 20
    return pixels


def decoded(pixels: Pixels) -> av.VideoFrame:
    """``pixels`` through H.264 and back, as the agent's receiver gets them."""
    frame = through_h264(pixels, preset="ultrafast")[0]
    assert isinstance(frame, av.VideoFrame)
    return frame


def _time(call: Callable[[], object], samples: int) -> Stats:
    for _ in range(WARMUP):
        call()
    times: list[float] = []
    for _ in range(samples):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return summarize(times, digits=3)


@dataclass(frozen=True)
class Row:
    operation: str
    libyuv: Stats
    naive: Stats
    naive_is: str

    @property
    def ratio(self) -> float:
        return self.naive.p50 / self.libyuv.p50

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio_p50": round(self.ratio, 1)}


def _check(ours: Pixels, theirs: Pixels, what: str, tolerance: int) -> None:
    # Flat areas must agree closely; edges may differ by the filters' choices.
    difference = np.abs(ours.astype(np.int16) - theirs.astype(np.int16))
    if np.median(difference) > 1 or np.percentile(difference, 99) > tolerance:
        raise SystemExit(f"{what}: libyuv and swscale disagree (max {difference.max()})")


def measure(samples: int) -> list[Row]:
    if not yuv.LIBYUV:
        raise SystemExit("libyuv is not installed (Debian: apt install libyuv0)")
    pixels = screen()
    target = yuv.new_i420(WIDTH, HEIGHT)
    frame = decoded(pixels)
    fit_w, fit_h = FIT

    def naive_encode() -> av.VideoFrame:
        # What capture did: wrap the pixels in a frame, let swscale make a new yuv420p one.
        return av.VideoFrame.from_ndarray(pixels, format="bgra").reformat(format="yuv420p")

    def naive_decode() -> Pixels:
        # What the receiver did: swscale to a new bgra frame, copied out to numpy.
        return np.ascontiguousarray(frame.to_ndarray(format="bgra"))

    yuv.bgra_to_i420(pixels, target)
    _check(yuv.i420_to_bgra(target), naive_encode().to_ndarray(format="bgra"), "to yuv", 48)
    _check(yuv.i420_to_bgra(frame), naive_decode(), "to bgra", 8)
    _check(yuv.i420_to_bgra(frame, *FIT), yuv.i420_to_bgra_swscale(frame, *FIT), "scaled", 48)

    rows = [
        ("BGRA → yuv420p, whole screen", lambda: yuv.bgra_to_i420(pixels, target),
         naive_encode, "VideoFrame.from_ndarray(bgra).reformat('yuv420p')"),
        ("BGRA → yuv420p, a 640×360 region", lambda: yuv.bgra_to_i420(pixels, target, REGION),
         naive_encode, "the whole screen as above (swscale has no region update)"),
        ("yuv420p → BGRX, 1:1 (decoder frame)", lambda: yuv.i420_to_bgra(frame),
         naive_decode, "np.ascontiguousarray(frame.to_ndarray(format='bgra'))"),
        (f"yuv420p → BGRX, scaled to {fit_w}×{fit_h}", lambda: yuv.i420_to_bgra(frame, *FIT),
         lambda: yuv.i420_to_bgra_swscale(frame, *FIT),
         "frame.reformat(1280, 720, 'bgra', interpolation='AREA').to_ndarray()"),
    ]  # fmt: skip
    results = []
    for operation, ours, naive, naive_is in rows:
        print(f"timing {operation}", file=sys.stderr)
        results.append(Row(operation, _time(ours, samples), _time(naive, samples), naive_is))
    return results


def table(rows: list[Row]) -> str:
    header = ("1080p frame", "n", "libyuv p50 ms", "libyuv p95 ms", "swscale p50 ms",
              "swscale p95 ms", "swscale/libyuv")  # fmt: skip
    lines = [header, tuple("---" for _ in header)]
    for r in rows:
        lines.append((r.operation, str(r.libyuv.n), f"{r.libyuv.p50:.2f}", f"{r.libyuv.p95:.2f}",
                      f"{r.naive.p50:.2f}", f"{r.naive.p95:.2f}", f"{r.ratio:.1f}×"))  # fmt: skip
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.yuv", description=__doc__)
    parser.add_argument("--samples", type=int, default=100, help="timed calls per cell")
    parser.add_argument("--json", type=Path, default=RESULTS / "yuv.json")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    rows = measure(args.samples)
    report = {
        "benchmark": "yuv",
        "command": "python -m benchmarks.yuv " + " ".join(argv or sys.argv[1:]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(av=av.__version__, numpy=np.__version__),
        "frame": {"width": WIDTH, "height": HEIGHT},
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "results": [r.as_json() for r in rows],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
