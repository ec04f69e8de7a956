"""Pointer latency: the agent sends a pointer move, the customer's overlay draws the dot.

    .venv/bin/python -m benchmarks.pointer            # 10 s per pipeline, screen scrolling
    .venv/bin/python -m benchmarks.pointer --quick    # 2 s each (a check)

Real processes: the signaling server, the customer client with its overlay on an Xvfb
display at 1920x1080 (sharing it while the benchmark's content app scrolls, unless
``--no-load``), and the agent's real client in this process. The agent moves the pointer
along a circle at 60 moves a second, the rate the console sends at. Latency runs from the
move being sent to the dot's paint being on the customer's X server (both clocks are the
machine's CLOCK_MONOTONIC). Two pipelines in the same run:

- naive: every move on a default data channel (reliable, ordered) and the whole overlay
  repainted for each one;
- product: the unordered, never-retransmitted pointer channel, and Qt's coalesced partial
  repaint of the shaped overlay.

Prints a table, writes ``benchmarks/results/pointer.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import queue
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from assist.core import events as ev
from assist.core import guidance as g
from assist.core.agent import AgentClient, Password
from benchmarks.common import Stats, machine, summarize
from benchmarks.screen.run import QUIET, RESULTS, Child, cpu_seconds, server
from signaling.protocol import Capability
from tests.helpers.accounts import PASSWORD
from tests.helpers.xvfb import xvfb

RATE = 60.0
TARGET_P50_MS = 30.0
PIPELINES = ("naive", "product")


@dataclass(frozen=True)
class Result:
    pipeline: str
    moves: int
    drawn: int
    latency_ms: Stats
    to_customer_ms: Stats
    paint_ms: Stats
    customer_cpu_percent: float


class Agent:
    """The agent's real client in this process, its events kept."""

    def __init__(self, url: str) -> None:
        self.events: list[ev.Event] = []
        self.client = AgentClient(url, Password("taro", PASSWORD), self.events.append)

    def of(self, kind: type[ev.Event]) -> list[ev.Event]:
        return [e for e in self.events if isinstance(e, kind)]

    async def until(self, check: object, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not check():  # type: ignore[operator]
            if time.monotonic() > deadline:
                raise RuntimeError("the session did not get there in time")
            await asyncio.sleep(0.02)


async def moves(agent: Agent, session_id: str, pipeline: str, seconds: float) -> dict[int, int]:
    """Send moves along a circle; returns when each seq was sent (monotonic ns)."""
    rtc = agent.client.sessions[session_id].rtc
    assert rtc is not None
    guide = rtc.channels[g.GUIDE_CHANNEL]
    sent: dict[int, int] = {}
    start = time.monotonic()
    count = int(seconds * RATE)
    for i in range(count):
        angle = i / RATE * 2.0
        seq = (0 if pipeline == "naive" else 1_000_000) + i + 1
        move = g.Pointer(seq=seq, x=0.5 + 0.3 * math.cos(angle), y=0.5 + 0.3 * math.sin(angle))
        sent[seq] = time.monotonic_ns()
        if pipeline == "naive":
            guide.send(g.serialize(move))
        else:
            agent.client.guide(session_id, move)
        await asyncio.sleep(max(0.0, start + (i + 1) / RATE - time.monotonic()))
    return sent


def drawn_lines(customer: Child) -> list[tuple[int, int, int]]:
    out = []
    while True:
        try:
            line = customer.lines.get_nowait()
        except queue.Empty:
            return out
        words = line.split()
        if words[:1] == ["drawn"]:
            out.append((int(words[1]), int(words[2]), int(words[3])))


async def measure(agent: Agent, customer: Child, session_id: str, pipeline: str,
                  seconds: float) -> Result:  # fmt: skip
    customer.send(f"mode {pipeline}")
    customer.expect("ok mode")
    drawn_lines(customer)  # what came before
    cpu0, t0 = cpu_seconds(customer.process.pid), time.monotonic()
    sent = await moves(agent, session_id, pipeline, seconds)
    await asyncio.sleep(0.5)
    cpu = 100 * (cpu_seconds(customer.process.pid) - cpu0) / (time.monotonic() - t0)
    drawn = [d for d in drawn_lines(customer) if d[0] in sent]
    if len(drawn) < 10:
        raise RuntimeError(f"{pipeline}: only {len(drawn)} moves drawn")
    return Result(
        pipeline,
        len(sent),
        len(drawn),
        summarize([(shown - sent[seq]) / 1e6 for seq, _, shown in drawn]),
        summarize([(arrived - sent[seq]) / 1e6 for seq, arrived, _ in drawn]),
        summarize([(shown - arrived) / 1e6 for _, arrived, shown in drawn]),
        round(cpu, 1),
    )


async def run(url: str, display_env: dict[str, str], seconds: float) -> list[Result]:
    agent = Agent(url)
    await agent.client.connect()
    created = await agent.client.new_session()
    customer = Child(
        "customer",
        [sys.executable, "-m", "benchmarks.pointer.customer", url, created.code],
        display_env,
    )
    try:
        customer.expect("ok connect")
        await agent.until(lambda: bool(agent.of(ev.JoinRequested)))
        request = agent.of(ev.JoinRequested)[0]
        assert isinstance(request, ev.JoinRequested)
        await agent.client.admit(created.session_id, request.join_id)
        customer.expect("sharing")
        session = agent.client.sessions[created.session_id]
        await agent.until(
            lambda: (
                Capability.GUIDE in session.granted
                and session.rtc is not None
                and len(session.rtc.channels) == 2
                and all(c.readyState == "open" for c in session.rtc.channels.values())
            )
        )
        return [
            await measure(agent, customer, created.session_id, name, seconds) for name in PIPELINES
        ]
    finally:
        customer.stop()
        await agent.client.close()


def table(results: list[Result]) -> str:
    naive, product = results
    rows = [("figure", "target", "naive", "product", "better by")]

    def add(name: str, target: str, a: float, b: float) -> None:
        rows.append((name, target, f"{a:.1f}", f"{b:.1f}", f"{a / b:.2f}×" if b else "—"))

    add("latency p50 (ms)", f"≤ {TARGET_P50_MS:.0f}", naive.latency_ms.p50, product.latency_ms.p50)
    add("latency p95 (ms)", "", naive.latency_ms.p95, product.latency_ms.p95)
    add("to the customer's GUI p50 (ms)", "", naive.to_customer_ms.p50, product.to_customer_ms.p50)
    add("paint and flush p50 (ms)", "", naive.paint_ms.p50, product.paint_ms.p50)
    add("customer CPU (%)", "", naive.customer_cpu_percent, product.customer_cpu_percent)
    rows.append(("moves drawn", "", f"{naive.drawn}/{naive.moves}",
                 f"{product.drawn}/{product.moves}", ""))  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 s per pipeline (a check)")
    parser.add_argument("--no-load", action="store_true", help="no screen motion meanwhile")
    parser.add_argument("--out", type=Path, default=RESULTS / "pointer.json")
    args = parser.parse_args(argv)
    seconds = 2.0 if args.quick else 10.0
    started = datetime.now(UTC)
    with ExitStack() as stack:
        url, _ = stack.enter_context(server(Path(tempfile.mkdtemp(prefix="assist-ptr-"))))
        display = stack.enter_context(xvfb(1920, 1080))
        if not args.no_load:
            content = Child(
                "content", [sys.executable, "-m", "benchmarks.screen.content"], display.env(**QUIET)
            )
            stack.callback(content.stop)
            content.expect("ready", timeout=60)
            content.send("scenario scroll")
            content.expect("ok scenario scroll")
        results = asyncio.run(run(url, display.env(**QUIET), seconds))
    report = {
        "benchmark": "pointer",
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "quick": args.quick,
        "load": "scrolling screen shared" if not args.no_load else "none",
        "rate_per_second": RATE,
        "target_p50_ms": TARGET_P50_MS,
        "pipelines": [asdict(r) for r in results],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(table(results))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
