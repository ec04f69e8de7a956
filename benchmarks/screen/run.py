"""Screen-sharing speed benchmark: the product's pipeline against the naive one, in one run.

    .venv/bin/python -m benchmarks.screen              # full run (~6 min)
    .venv/bin/python -m benchmarks.screen --quick      # every scenario briefly (a check)

Real processes on this machine: the signaling server; an Xvfb display at 1920×1080 with the
content app (a page of small English and Japanese text, a terminal-like log, a moving
element), which stamps every frame it paints; the customer side (capture, track, encoder,
sender) on that display; the agent console (receiver, decoder, the real remote view) on a
second display. Per pipeline and scenario it reports glass-to-glass latency, the first change
after 10 s of stillness, delivered frames per second, CPU of each process and bitrate, the
sharpness of a still text page, the join time and the longest GUI-thread handlers.

Prints a table, writes JSON and a PNG chart (benchmarks/results/screen.*). What each figure
means and how it is measured: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import numpy as np

from benchmarks.screen.quality import luma, psnr, ssim
from benchmarks.screen.sides import MASK
from tests.helpers.accounts import seed_database
from tests.helpers.server_process import server_process
from tests.helpers.xvfb import Display, xvfb

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"
WIDTH, HEIGHT = 1920, 1080
PIPELINES: Final = ("naive", "product")
#: How the customer side shares, per pipeline (``--share window --mask`` changes product's).
CUSTOMER_OPTIONS: dict[str, list[str]] = {}
MOTION: Final = ("scroll", "drag", "video")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

TARGETS: Final = {
    "latency_p50_ms": 40.0,
    "latency_p95_ms": 70.0,
    "first_change_ms": 60.0,
    "fps": 30.0,
    "static_cpu_percent": 3.0,
    "static_kbps": 100.0,
    "psnr_db": 45.0,
    "motion_kbps": 4000.0,
    "join_ms": 500.0,
    "handler_p99_ms": 16.0,
}


def log(*words: object) -> None:
    print(*words, file=sys.stderr, flush=True)


class Child:
    """A process speaking lines; a reader thread keeps them, stamps and frames apart."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.stamps: dict[int, int] = {}  # counter -> ns on screen (content app)
        self.frames: list[tuple[int | None, int]] = []  # (counter, ns at the view) (agent)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            words = line.split()
            if len(words) == 3 and words[0] == "stamp":
                self.stamps.setdefault(int(words[1]), int(words[2]))
            elif len(words) == 3 and words[0] == "frame":
                counter = None if words[1] == "-" else int(words[1])
                self.frames.append((counter, int(words[2])))
            else:
                self.lines.put(line.strip())

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def expect(self, prefix: str, timeout: float = 30.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                line = self.lines.get(timeout=max(0.01, left))
            except queue.Empty:
                raise RuntimeError(f"{self.name}: no '{prefix}' in {timeout} s") from None
            if line.startswith(prefix):
                return line.split()
            if line.startswith("failed"):
                raise RuntimeError(f"{self.name}: {line}")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("quit")
                self.process.wait(timeout=15)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


def cpu_seconds(pid: int) -> float:
    """User plus system time of a process so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@dataclass
class Window:
    """What happened between two instants: CPU per process, bytes sent, frames shown."""

    seconds: float
    cpu_percent: dict[str, float]
    kbps: float
    latencies_ms: list[float]
    distinct_frames: int
    frames_without_stamp: int


class Rig:
    """The processes of one pipeline's run, and the measurements taken on them."""

    def __init__(self, server_url: str, customer_display: Display, agent_display: Display,
                 content: Child, pipeline: str, pids: dict[str, int]) -> None:  # fmt: skip
        self.content = content
        python = sys.executable
        self.agent = Child(
            "agent",
            [python, "-m", "benchmarks.screen.sides", "agent", server_url, pipeline],
            agent_display.env(**QUIET),
        )
        customer: Child | None = None
        try:
            code = self.agent.expect("code")[1]
            customer = Child(
                "customer",
                [
                    python,
                    "-m",
                    "benchmarks.screen.sides",
                    "customer",
                    server_url,
                    pipeline,
                    *CUSTOMER_OPTIONS.get(pipeline, ["screen"]),
                ],  # fmt: skip
                customer_display.env(**QUIET),
            )
            customer.expect("ok connect")
            customer.send(f"join {code}")
            customer.expect("admitted")
        except BaseException:
            for child in (customer, self.agent):
                if child is not None:
                    child.stop()
            raise
        self.customer = customer
        masked = "--mask" in CUSTOMER_OPTIONS.get(pipeline, [])
        self.masked: tuple[int, int, int, int] | None = MASK if masked else None
        self.pids = {**pids, "agent": self.agent.process.pid,
                     "customer": self.customer.process.pid}  # fmt: skip

    def join_ms(self) -> float:
        """From the customer pressing Allow to the agent's first frame on screen."""
        self.customer.send("allow")
        allowed = int(self.customer.expect("allow")[1])
        self.customer.expect("ok allow")
        deadline = time.monotonic() + 30
        while not self.agent.frames and time.monotonic() < deadline:
            time.sleep(0.005)
        if not self.agent.frames:
            raise RuntimeError("no frame reached the agent")
        return (self.agent.frames[0][1] - allowed) / 1e6

    def bytes_sent(self) -> int:
        self.customer.send("stats")
        return int(self.customer.expect("stats")[1])

    def stages(self) -> dict[str, float]:
        """Milliseconds per frame in each stage since the last call: the customer's per
        encoded frame, the agent's per decoded frame (paint: per paint)."""
        spent: dict[str, float] = {}
        for side, prefix in ((self.customer, "customer"), (self.agent, "agent")):
            side.send("stages")
            totals = {}
            for word in side.expect("stages")[1:]:
                name, value = word.split("=")
                total, calls = value.split("/")
                totals[name] = (float(total), int(calls))
            frames = totals.get("encode" if prefix == "customer" else "decode", (0.0, 0))[1]
            for name, (total, calls) in totals.items():
                per = calls if name == "paint" else frames
                spent[f"{prefix}_{name}"] = total / per if per else 0.0
        return spent

    def handlers(self) -> tuple[float, float]:
        """(p99, max) in ms of the agent's GUI-thread handlers since the last call."""
        self.agent.send("handlers")
        _, _, p99, longest = self.agent.expect("handlers")
        return int(p99) / 1e6, int(longest) / 1e6

    @contextmanager
    def window(self) -> Iterator[list[Window]]:
        """Measure what happens inside the ``with`` block."""
        out: list[Window] = []
        cpu0 = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        sent0, frames0, t0 = self.bytes_sent(), len(self.agent.frames), time.monotonic()
        yield out
        seconds = time.monotonic() - t0
        cpu1 = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        sent1 = self.bytes_sent()
        shown = self.agent.frames[frames0:]
        first_seen: dict[int, int] = {}
        for counter, at in shown:
            if counter is not None:
                first_seen.setdefault(counter, at)
        latencies = [
            (at - self.content.stamps[c]) / 1e6
            for c, at in first_seen.items()
            if c in self.content.stamps
        ]
        out.append(
            Window(
                seconds=seconds,
                cpu_percent={n: 100 * (cpu1[n] - cpu0[n]) / seconds for n in cpu0},
                kbps=(sent1 - sent0) * 8 / 1000 / seconds,
                latencies_ms=latencies,
                distinct_frames=len(first_seen),
                frames_without_stamp=sum(1 for c, _ in shown if c is None),
            )
        )

    def first_change_ms(self, stillness: float) -> float | None:
        self.content.send("still")
        self.content.expect("ok still")
        time.sleep(stillness)
        known = set(self.content.stamps)
        self.content.send("change")
        self.content.expect("ok change")
        counter = max(set(self.content.stamps) - known)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for seen, at in reversed(self.agent.frames):
                if seen == counter:
                    return (at - self.content.stamps[counter]) / 1e6
            time.sleep(0.005)
        return None

    def sharpness(self, customer_display: Display, folder: Path) -> tuple[float, float]:
        """Luma PSNR and SSIM of the agent's whole decoded frame against the screen, one
        second after the text page stopped changing."""
        import mss

        time.sleep(1.0)
        with mss.MSS(display=customer_display.name) as grabber:
            source = np.asarray(grabber.grab(grabber.monitors[1]))
        path = folder / "agent.npy"
        self.agent.send(f"snapshot {path}")
        self.agent.expect("ok snapshot")
        received = np.load(path)
        if self.masked is not None:  # hidden by the customer: black on both sides
            x, y, w, h = self.masked
            source = source.copy()
            source[y : y + h, x : x + w, :3] = 0
        source_y, received_y = luma(source), luma(received)
        return psnr(source_y, received_y), ssim(source_y, received_y)

    def stop(self) -> None:
        self.customer.stop()
        self.agent.stop()


#: The children's extra environment: no Qt chatter on their stdout/stderr.
QUIET: Final = {"QT_LOGGING_RULES": "*.debug=false;qt.qpa.*=false", "PYTHONUNBUFFERED": "1"}


@dataclass
class Scenario:
    name: str
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    fps: float = 0.0
    kbps: float = 0.0
    cpu_percent: dict[str, float] = field(default_factory=dict)
    handler_p99_ms: float = 0.0
    handler_max_ms: float = 0.0
    frames_without_stamp: int = 0
    #: Milliseconds per frame: customer_capture, customer_convert, customer_encode,
    #: agent_decode, agent_convert, agent_paint.
    stages_ms: dict[str, float] = field(default_factory=dict)


@dataclass
class PipelineResult:
    pipeline: str
    join_ms: float
    first_change_ms: float | None
    psnr_db: float
    ssim: float
    scenarios: list[Scenario]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return float(np.percentile(values, q))


def measure(rig: Rig, name: str, seconds: float, warmup: float) -> Scenario:
    rig.content.send(f"scenario {name}")
    rig.content.expect(f"ok scenario {name}")
    time.sleep(warmup)
    rig.handlers()  # forget what came before
    rig.stages()
    with rig.window() as out:
        time.sleep(seconds)
    p99, longest = rig.handlers()
    stages = rig.stages()
    window = out[0]
    log(f"  {name}: {window.distinct_frames} frames, {len(window.latencies_ms)} timed")
    return Scenario(
        name=name,
        latency_p50_ms=percentile(window.latencies_ms, 50),
        latency_p95_ms=percentile(window.latencies_ms, 95),
        fps=window.distinct_frames / window.seconds,
        kbps=window.kbps,
        cpu_percent=window.cpu_percent,
        handler_p99_ms=p99,
        handler_max_ms=longest,
        frames_without_stamp=window.frames_without_stamp,
        stages_ms=stages,
    )


def run_pipeline(
    pipeline: str, server_url: str, displays: tuple[Display, Display], content: Child,
    pids: dict[str, int], seconds: float, stillness: float, folder: Path,
) -> PipelineResult:  # fmt: skip
    log(f"{pipeline} pipeline")
    content.send("scenario static")
    content.expect("ok scenario static")
    rig = Rig(server_url, displays[0], displays[1], content, pipeline, pids)
    try:
        join = rig.join_ms()
        log(f"  join {join:.0f} ms")
        scenarios = [measure(rig, "static", seconds, warmup=2.0)]
        quality = rig.sharpness(displays[0], folder)
        first_change = rig.first_change_ms(stillness)
        scenarios += [measure(rig, name, seconds, warmup=1.5) for name in MOTION]
    finally:
        rig.stop()
    return PipelineResult(pipeline, join, first_change, quality[0], quality[1], scenarios)


@contextmanager
def server(folder: Path) -> Iterator[tuple[str, int]]:
    """A signaling server process on a fresh seeded store in ``folder``: (url, pid)."""
    url = f"sqlite:///{folder}/server.db"
    seed_database(url)
    with server_process(db_url=url, expect_exit=None) as running:
        yield running.url, running.process.pid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 s per scenario (a check)")
    parser.add_argument("--pipelines", nargs="+", default=list(PIPELINES), choices=PIPELINES)
    parser.add_argument("--out", type=Path, default=RESULTS / "screen.json")
    parser.add_argument(
        "--share", choices=("screen", "window"), default="screen",
        help="the product shares the whole screen, or the content app's window",
    )  # fmt: skip
    parser.add_argument(
        "--mask", action="store_true", help="the product's customer hides an area of the log"
    )
    args = parser.parse_args(argv)
    CUSTOMER_OPTIONS["product"] = [args.share, *(["--mask"] if args.mask else [])]
    seconds, stillness = (2.0, 2.0) if args.quick else (10.0, 10.0)
    folder = Path(tempfile.mkdtemp(prefix="assist-screen-bench-"))
    started = datetime.now(UTC)
    with ExitStack() as stack:
        url, server_pid = stack.enter_context(server(folder))
        customer_display = stack.enter_context(xvfb(WIDTH, HEIGHT))
        agent_display = stack.enter_context(xvfb(WIDTH, HEIGHT))
        content = Child(
            "content",
            [sys.executable, "-m", "benchmarks.screen.content"],
            customer_display.env(**QUIET),
        )
        stack.callback(content.stop)
        pids = {
            "server": server_pid,
            "xvfb_customer": customer_display.pid,
            "xvfb_agent": agent_display.pid,
            "content": content.process.pid,
            "harness": os.getpid(),
        }
        results = [
            run_pipeline(
                name,
                url,
                (customer_display, agent_display),
                content,
                pids,
                seconds,
                stillness,
                folder,
            )  # fmt: skip
            for name in args.pipelines
        ]
    report = {
        "benchmark": "screen",
        "started": started.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "quick": args.quick,
        "product_shares": args.share,
        "product_masks": list(MASK) if args.mask else None,
        "targets": TARGETS,
        "pipelines": [asdict(r) for r in results],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(table(results))
    print()
    print(breakdown(results))
    if not args.quick:
        from benchmarks.screen.chart import draw

        draw(report, args.out.with_suffix(".png"))
    log(f"wrote {args.out}")
    return 0


def _fmt(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def table(results: list[PipelineResult]) -> str:
    """One row per figure: target, naive, product, and how many times better the product
    is (naive/product where lower is better, product/naive where higher is)."""
    by_name = {r.pipeline: r for r in results}
    rows: list[tuple[str, ...]] = []

    def add(label: str, target: str, get: Any, digits: int = 0, higher: bool = False) -> None:
        naive = get(by_name["naive"]) if "naive" in by_name else None
        product = get(by_name["product"]) if "product" in by_name else None
        better = "—"
        if naive and product:
            better = f"{(product / naive) if higher else (naive / product):.2f}×"
        rows.append((label, target, _fmt(naive, digits), _fmt(product, digits), better))

    def sc(result: PipelineResult, name: str) -> Scenario:
        return next(s for s in result.scenarios if s.name == name)

    add("join (ms)", "≤ 500", lambda r: r.join_ms)
    add("first change after 10 s still (ms)", "≤ 60", lambda r: r.first_change_ms)
    add("text page luma PSNR (dB)", "≥ 45", lambda r: r.psnr_db, 1, higher=True)
    add("text page SSIM", "", lambda r: r.ssim, 4, higher=True)
    add("static: customer CPU (%)", "≤ 3", lambda r: sc(r, "static").cpu_percent["customer"], 1)
    add("static: kbit/s", "≤ 100", lambda r: sc(r, "static").kbps)
    for name in MOTION:
        add(f"{name}: latency p50 (ms)", "≤ 40", lambda r, n=name: sc(r, n).latency_p50_ms)
        add(f"{name}: latency p95 (ms)", "≤ 70", lambda r, n=name: sc(r, n).latency_p95_ms)
        add(f"{name}: frames/s", "≥ 30", lambda r, n=name: sc(r, n).fps, 1, higher=True)
        add(f"{name}: kbit/s", "≤ 4000", lambda r, n=name: sc(r, n).kbps)
        add(f"{name}: customer CPU (%)", "", lambda r, n=name: sc(r, n).cpu_percent["customer"])
        add(f"{name}: agent CPU (%)", "", lambda r, n=name: sc(r, n).cpu_percent["agent"])
        add(f"{name}: GUI handler p99 (ms)", "≤ 16", lambda r, n=name: sc(r, n).handler_p99_ms, 1)
    head = ("figure", "target", "naive", "product", "better by")
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
                     for row in [head, *rows])  # fmt: skip


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
    explain of the glass-to-glass p50 is network, queues and waiting for the next frame."""
    head = ["ms per frame", *(f"{r.pipeline} {s}" for r in results for s in MOTION)]
    rows = [head]
    for label, key in STAGE_ROWS:
        row = [label]
        for result in results:
            for name in MOTION:
                stages = next(s for s in result.scenarios if s.name == name).stages_ms
                row.append(_fmt(stages.get(key), 1))
        rows.append(row)
    rest = ["network, queues, pacing (rest of p50)"]
    for result in results:
        for name in MOTION:
            scenario = next(s for s in result.scenarios if s.name == name)
            known = sum(scenario.stages_ms.get(key, 0.0) for _, key in STAGE_ROWS)
            p50 = scenario.latency_p50_ms
            rest.append(_fmt(None if p50 is None else p50 - known, 1))
    rows.append(rest)
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
                     for row in rows)  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
