"""Screen-sharing speed benchmark: the product's pipeline against naive ones, in one run.

    .venv/bin/python -m benchmarks.screen              # full run (~12 min)
    .venv/bin/python -m benchmarks.screen --quick      # every scenario briefly (a check)

Real processes on this machine: the signaling server; an Xvfb display at 1920×1080 with the
content app (a page of small English and Japanese text, a terminal-like log, a moving
element), which stamps every frame it paints; the customer side (capture, track, encoder,
sender) on that display; the agent console (receiver, decoder, the real remote view) on a
second display. The naive pipeline runs twice, with aiortc's stock VP8 and its stock H.264,
so the ratios show what the pipeline earns apart from the codec. Per pipeline and scenario it
reports glass-to-glass latency (every change of the screen timed until the agent's view has
painted and flushed it or a later picture), the first change after 10 s of stillness and the
join time (each over several samples), frames per second against the share's cap, CPU of
each process and bitrate, how sharp a still text page is 0.25, 0.5, 1 and 3 s after it
appears, and the longest GUI-thread handlers.

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
from typing import Final

import numpy as np

from assist.core.capture import MAX_FPS
from benchmarks.screen.quality import luma, psnr, ssim
from benchmarks.screen.report import breakdown, table
from benchmarks.screen.sides import MASK, PIPELINES
from benchmarks.screen.timing import delivered_ms, every_change_ms, unshown
from tests.helpers.accounts import seed_database
from tests.helpers.server_process import server_process
from tests.helpers.xvfb import Display, xvfb

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"
WIDTH, HEIGHT = 1920, 1080
#: How the customer side shares, per pipeline (``--share window --mask`` changes product's).
CUSTOMER_OPTIONS: dict[str, list[str]] = {}
MOTION: Final = ("scroll", "drag", "video")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

#: Seconds after a still page appears when its sharpness is measured.
SHARPNESS_AT: Final = (0.25, 0.5, 1.0, 3.0)
TARGETS: Final = {
    "latency_p50_ms": 40.0,
    "latency_p95_ms": 70.0,
    "first_change_ms": 60.0,
    "fps": MAX_FPS,
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
    #: Every change stamped in the window, until a painted picture showed it (or a later one).
    latencies_ms: list[float]
    #: Only the changes that got a painted picture of their own (the figure before).
    delivered_ms: list[float]
    changes: int
    changes_unshown: int
    distinct_frames: int
    frames_without_stamp: int


class Rig:
    """The processes of one pipeline's run, and the measurements taken on them: one agent
    console, and a customer per session (each join is timed on a fresh session)."""

    def __init__(self, server_url: str, customer_display: Display, agent_display: Display,
                 content: Child, pipeline: str, pids: dict[str, int]) -> None:  # fmt: skip
        self.content = content
        self.server_url, self.pipeline = server_url, pipeline
        self.customer_display = customer_display
        self.agent = Child(
            "agent",
            [sys.executable, "-m", "benchmarks.screen.sides", "agent", server_url, pipeline],
            agent_display.env(**QUIET),
        )
        self.code = self.agent.expect("code")[1]
        self.customer: Child | None = None
        masked = "--mask" in CUSTOMER_OPTIONS.get(pipeline, [])
        self.masked: tuple[int, int, int, int] | None = MASK if masked else None
        self.pids = {**pids, "agent": self.agent.process.pid}

    def admit_customer(self) -> Child:
        """A new customer process joins the agent's open session and is admitted."""
        customer = Child(
            "customer",
            [sys.executable, "-m", "benchmarks.screen.sides", "customer", self.server_url,
             self.pipeline, *CUSTOMER_OPTIONS.get(self.pipeline, ["screen"])],
            self.customer_display.env(**QUIET),
        )  # fmt: skip
        try:
            customer.expect("ok connect")
            customer.send(f"join {self.code}")
            customer.expect("admitted")
        except BaseException:
            customer.stop()
            raise
        self.customer = customer
        self.pids["customer"] = customer.process.pid
        return customer

    def join_ms(self) -> float:
        """From the customer pressing Allow to the agent's first frame painted on screen."""
        customer = self.admit_customer()
        before = len(self.agent.frames)
        customer.send("allow")
        allowed = int(customer.expect("allow")[1])
        customer.expect("ok allow")
        deadline = time.monotonic() + 30
        while len(self.agent.frames) == before and time.monotonic() < deadline:
            time.sleep(0.005)
        if len(self.agent.frames) == before:
            raise RuntimeError("no frame reached the agent")
        return (self.agent.frames[before][1] - allowed) / 1e6

    def next_session(self) -> None:
        """The customer leaves; the agent opens another session for the next one."""
        assert self.customer is not None
        self.customer.stop()
        self.customer = None
        self.agent.send("new")
        self.code = self.agent.expect("code")[1]

    @property
    def sharing(self) -> Child:
        assert self.customer is not None, "no customer admitted"
        return self.customer

    def bytes_sent(self) -> int:
        self.sharing.send("stats")
        return int(self.sharing.expect("stats")[1])

    def stages(self) -> dict[str, float]:
        """Milliseconds per frame in each stage since the last call: the customer's per
        encoded frame, the agent's per decoded frame (paint: per paint)."""
        spent: dict[str, float] = {}
        for side, prefix in ((self.sharing, "customer"), (self.agent, "agent")):
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
        sent0, frames0 = self.bytes_sent(), len(self.agent.frames)
        t0, start = time.monotonic(), time.monotonic_ns()
        yield out
        seconds, end = time.monotonic() - t0, time.monotonic_ns()
        cpu1 = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        sent1 = self.bytes_sent()
        time.sleep(0.5)  # the changes of the window's last moments reach the view
        shown = self.agent.frames[frames0:]
        stamps = dict(self.content.stamps)
        in_window = [c for c, at in stamps.items() if start <= at <= end]
        out.append(
            Window(
                seconds=seconds,
                cpu_percent={n: 100 * (cpu1[n] - cpu0[n]) / seconds for n in cpu0},
                kbps=(sent1 - sent0) * 8 / 1000 / seconds,
                latencies_ms=every_change_ms(stamps, shown, start, end),
                delivered_ms=delivered_ms(stamps, [f for f in shown if f[1] <= end]),
                changes=len(in_window),
                changes_unshown=unshown(stamps, shown, start, end),
                distinct_frames=len({c for c, at in shown if c is not None and at <= end}),
                frames_without_stamp=sum(1 for c, _ in shown if c is None),
            )
        )

    def first_change_ms(self, stillness: float) -> float | None:
        """From one change after ``stillness`` seconds of a still screen to its painting."""
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
                if seen is not None and seen >= counter:
                    return (at - self.content.stamps[counter]) / 1e6
            time.sleep(0.005)
        return None

    def sharpness_curve(self, folder: Path) -> list[tuple[float, float, float]]:
        """(seconds, luma PSNR, SSIM) of the agent's whole decoded frame against the screen,
        :data:`SHARPNESS_AT` after the text page appears (it replaces the scrolled page at
        once, then stays still)."""
        import mss

        known = set(self.content.stamps)
        self.content.send("scenario static")
        self.content.expect("ok scenario static")
        appeared = self.content.stamps[max(set(self.content.stamps) - known)]
        with mss.MSS(display=self.customer_display.name) as grabber:
            source = np.asarray(grabber.grab(grabber.monitors[1]))
        if self.masked is not None:  # hidden by the customer: black on both sides
            x, y, w, h = self.masked
            source = source.copy()
            source[y : y + h, x : x + w, :3] = 0
        source_y = luma(source)
        curve = []
        for index, after in enumerate(SHARPNESS_AT):
            time.sleep(max(0.0, (appeared + after * 1e9 - time.monotonic_ns()) / 1e9))
            path = folder / f"agent-{index}.npy"
            self.agent.send(f"snapshot {path}")
            self.agent.expect("ok snapshot")
            received_y = luma(np.load(path))
            curve.append((after, psnr(source_y, received_y), ssim(source_y, received_y)))
        return curve

    def stop(self) -> None:
        if self.customer is not None:
            self.customer.stop()
        self.agent.stop()


#: The children's extra environment: no Qt chatter on their stdout/stderr.
QUIET: Final = {"QT_LOGGING_RULES": "*.debug=false;qt.qpa.*=false", "PYTHONUNBUFFERED": "1"}


@dataclass
class Scenario:
    name: str
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    #: The same for the changes that got a picture of their own only (the old figure).
    delivered_p50_ms: float | None = None
    delivered_p95_ms: float | None = None
    changes: int = 0
    changes_unshown: int = 0
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
    join_samples_ms: list[float]
    first_change_samples_ms: list[float | None]
    #: (seconds after the page appeared, luma PSNR dB, SSIM).
    sharpness: list[tuple[float, float, float]]
    scenarios: list[Scenario]
    fps_cap: float = MAX_FPS
    join_ms: float | None = None  # p50
    join_p95_ms: float | None = None
    first_change_ms: float | None = None  # p50
    first_change_p95_ms: float | None = None
    #: One second after the page appeared (the figure the target is for).
    psnr_db: float = 0.0
    ssim: float = 0.0

    def __post_init__(self) -> None:
        self.join_ms = percentile(self.join_samples_ms, 50)
        self.join_p95_ms = percentile(self.join_samples_ms, 95)
        arrived = [v for v in self.first_change_samples_ms if v is not None]
        self.first_change_ms = percentile(arrived, 50)
        self.first_change_p95_ms = percentile(arrived, 95)
        at_one = [(p, q) for after, p, q in self.sharpness if after == 1.0]
        self.psnr_db, self.ssim = at_one[0] if at_one else (0.0, 0.0)


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
    log(
        f"  {name}: {window.distinct_frames} frames, {len(window.latencies_ms)} of "
        f"{window.changes} changes timed ({window.changes_unshown} not shown by the end)"
    )
    return Scenario(
        name=name,
        latency_p50_ms=percentile(window.latencies_ms, 50),
        latency_p95_ms=percentile(window.latencies_ms, 95),
        delivered_p50_ms=percentile(window.delivered_ms, 50),
        delivered_p95_ms=percentile(window.delivered_ms, 95),
        changes=window.changes,
        changes_unshown=window.changes_unshown,
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
    pids: dict[str, int], seconds: float, stillness: float, samples: int, folder: Path,
) -> PipelineResult:  # fmt: skip
    log(f"{pipeline} pipeline")
    content.send("scenario static")
    content.expect("ok scenario static")
    rig = Rig(server_url, displays[0], displays[1], content, pipeline, pids)
    try:
        joins = []
        for sample in range(samples):
            if sample:
                rig.next_session()
            joins.append(rig.join_ms())
        log("  join " + " ".join(f"{j:.0f}" for j in joins) + " ms")
        scenarios = [measure(rig, "static", seconds, warmup=2.0)]
        first_changes = [rig.first_change_ms(stillness) for _ in range(samples)]
        log("  first change " + " ".join(f"{f or 0:.0f}" for f in first_changes) + " ms")
        scenarios.append(measure(rig, "scroll", seconds, warmup=1.5))
        sharpness = rig.sharpness_curve(folder)
        log("  sharpness " + " ".join(f"{a}s:{p:.1f}dB" for a, p, _ in sharpness))
        scenarios += [measure(rig, name, seconds, warmup=1.5) for name in MOTION[1:]]
    finally:
        rig.stop()
    return PipelineResult(pipeline, joins, first_changes, sharpness, scenarios)


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
    parser.add_argument(
        "--samples", type=int, help="joins and first changes timed (default 10; 2 with --quick)"
    )
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
    samples = args.samples or (2 if args.quick else 10)
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
                samples,
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
        "samples": samples,
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


if __name__ == "__main__":
    sys.exit(main())
