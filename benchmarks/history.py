"""Customer-history store benchmark: loading a customer's history and full-text search with
1 000 000 messages and 100 000 notes, on SQLite and PostgreSQL, each against a naive query
measured in the same run.

    .venv/bin/python -m benchmarks.history            # full scale, both backends (~15 min)
    .venv/bin/python -m benchmarks.history --scale 0.1 --backends sqlite

Prints a table on stdout (progress on stderr) and writes JSON. Before timing, every indexed
answer is checked against the naive one and against the generator's own counts; a mismatch
stops the run. What each row measures: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import psycopg
import sqlalchemy
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from benchmarks.common import Stats, machine, summarize
from benchmarks.history_data import (
    REGULAR_SESSIONS,
    Build,
    HistoryData,
    build_postgresql,
    build_sqlite,
    progress,
    save_build,
    saved_build,
    store_name,
)
from benchmarks.history_reads import (
    load_detail,
    load_history,
    naive_detail,
    naive_history,
    naive_search,
)
from signaling.store import customers, search
from signaling.store.db import Database, open_database

HISTORY_TARGET_MS: Final = 50.0
SEARCH_TARGET_MS: Final = 100.0
RESULTS: Final = Path(__file__).resolve().parent / "results"
#: Every measurement takes at least this many samples, then stops at ``--repeat`` or when
#: its time budget is spent (naive scans can take seconds each).
MIN_SAMPLES: Final = 10
WARMUP: Final = 3


@dataclass(frozen=True)
class Query:
    label: str
    text: str


SEARCHES: Final = (
    Query("common, 2 chars", "画面"),
    Query("rare, 2 chars", "返品"),
    Query("1 char", "金"),
    Query("phrase, 6 chars", "画面が真っ黒"),
    Query("rare phrase, notes", "二重請求"),
    Query("English word", "refund"),
    Query("error code", "error 0x80070057"),
)


class WrongAnswer(Exception):
    """The indexed and the naive query disagree, or either misses a planted term."""


def verify(database: Database, data: HistoryData, details: list[str]) -> None:
    for customer_id, owned in zip(data.regulars, REGULAR_SESSIONS, strict=True):
        with database.session() as session:
            indexed, naive = load_history(session, customer_id), naive_history(session, customer_id)
        if indexed != naive:
            raise WrongAnswer(f"history of customer {customer_id}: timeline differs from naive")
        if indexed[1] != owned or len(indexed[2]) != min(owned, customers.TIMELINE_SESSIONS):
            raise WrongAnswer(f"history of customer {customer_id}: {indexed[1]} sessions")
    for session_id in details[:5]:
        with database.session() as session:
            if load_detail(session, session_id) != naive_detail(session, session_id):
                raise WrongAnswer(f"detail of session {session_id} differs from naive")
    for query in SEARCHES:
        with database.session() as session:
            indexed_hits = search.search(session, query.text)
            naive_hits = naive_search(session, query.text)
        if indexed_hits != naive_hits:
            raise WrongAnswer(f"search {query.text!r}: indexed and naive hits differ")
        expected = data.contains["message", query.text] + data.contains["note", query.text]
        if len(indexed_hits.hits) != min(expected, search.MAX_RESULTS):
            raise WrongAnswer(
                f"search {query.text!r}: {len(indexed_hits.hits)} hits, the data has {expected}"
            )
    progress(f"{database.engine.dialect.name}: answers verified (indexed == naive == generated)")


# --- timing -------------------------------------------------------------------------------


def _time(
    database: Database, call: Callable[[Session, int], object], repeat: int, budget: float
) -> Stats:
    """``call(session, i)`` for i = 0, 1, …, each in its own transaction, as a request is."""
    for i in range(WARMUP):
        with database.session() as session:
            call(session, i)
    samples: list[float] = []
    deadline = time.perf_counter() + budget
    for i in range(repeat):
        started = time.perf_counter()
        with database.session() as session:
            call(session, i)
        samples.append((time.perf_counter() - started) * 1000)
        if len(samples) >= MIN_SAMPLES and time.perf_counter() > deadline:
            break
    return summarize(samples)


@dataclass(frozen=True)
class Result:
    backend: str
    operation: str
    query: str
    target_p95_ms: float | None
    indexed: Stats
    naive: Stats
    naive_is: str

    @property
    def ratio(self) -> float:
        return self.naive.p50 / self.indexed.p50

    @property
    def met(self) -> bool | None:
        return None if self.target_p95_ms is None else self.indexed.p95 < self.target_p95_ms

    def as_json(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "ratio_p50": round(self.ratio, 2),
            "ratio_p95": round(self.naive.p95 / self.indexed.p95, 2),
            "target_met": self.met,
        }


_NAIVE_HISTORY: Final = "N+1 ORM: all sessions, then one notes query per shown session"
_NAIVE_DETAIL: Final = "same reads with session_id indexes defeated (session_id || '')"
_NAIVE_SEARCH: Final = (
    "LIKE '%q%' scan on messages and notes, ORDER BY id DESC LIMIT 100; LIKE on customers"
)


@dataclass(frozen=True)
class Operation:
    name: str
    query: str
    indexed: Callable[[Session, int], object]
    naive: Callable[[Session, int], object]
    naive_is: str
    target: float | None


def operations(data: HistoryData, details: list[str]) -> list[Operation]:
    regulars = data.regulars

    def history_of(load: Callable[[Session, int], object]) -> Callable[[Session, int], object]:
        return lambda session, i: load(session, regulars[i % len(regulars)])

    def detail_of(load: Callable[[Session, str], object]) -> Callable[[Session, int], object]:
        return lambda session, i: load(session, details[i % len(details)])

    def search_for(query: str, load: Callable[[Session, str], object]) -> Any:
        return lambda session, _i: load(session, query)

    found: list[Operation] = [
        Operation(
            "history load",
            f"profile + timeline, {len(regulars)} customers of {min(REGULAR_SESSIONS)}+ sessions",
            history_of(load_history),
            history_of(naive_history),
            _NAIVE_HISTORY,
            HISTORY_TARGET_MS,
        ),
        Operation(
            "session detail",
            f"one session (10 messages), {len(details)} sessions rotated",
            detail_of(load_detail),
            detail_of(naive_detail),
            _NAIVE_DETAIL,
            None,
        ),
    ]
    for query in SEARCHES:
        found.append(
            Operation(
                "search",
                f"{query.text} ({query.label})",
                search_for(query.text, search.search),
                search_for(query.text, naive_search),
                _NAIVE_SEARCH,
                SEARCH_TARGET_MS,
            )
        )
    return found


def measure(
    database: Database, backend: str, chosen: list[Operation], repeat: int, budget: float
) -> list[Result]:
    results = []
    for operation in chosen:
        indexed = _time(database, operation.indexed, repeat, budget)
        naive = _time(database, operation.naive, repeat, budget)
        result = Result(
            backend,
            operation.name,
            operation.query,
            operation.target,
            indexed,
            naive,
            operation.naive_is,
        )
        progress(
            f"{backend}: {operation.name} {operation.query}: p50 {indexed.p50} ms, "
            f"p95 {indexed.p95} ms; naive p50 {naive.p50} ms ({result.ratio:.1f}x)"
        )
        results.append(result)
    return results


# --- query plans (--explain) ---------------------------------------------------------------


@contextmanager
def _statements(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    captured: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield captured
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _plan(engine: Engine, statement: str, parameters: Any) -> tuple[str, float]:
    """The statement's plan and its time in ms (EXPLAIN ANALYZE on PostgreSQL; on SQLite the
    median of three runs next to EXPLAIN QUERY PLAN)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            lines = [str(row[0]) for row in cursor.fetchall()]
            ms = float(lines[-1].split(":")[1].split()[0])
            return "\n".join(lines), ms
        cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        depth: dict[int, int] = {0: -1}
        lines = []
        for node, parent, _, detail in cursor.fetchall():
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + str(detail))
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            cursor.execute(statement, parameters)
            cursor.fetchall()
            runs.append((time.perf_counter() - started) * 1000)
        return "\n".join(lines), round(statistics.median(runs), 2)
    finally:
        raw.close()


def explain(database: Database, backend: str, chosen: list[Operation]) -> list[dict[str, Any]]:
    plans = []
    for operation in chosen:
        with _statements(database.engine) as captured, database.session() as session:
            operation.indexed(session, 0)
        for statement, parameters in captured:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            plan, ms = _plan(database.engine, statement, parameters)
            plans.append(
                {
                    "backend": backend,
                    "operation": operation.name,
                    "query": operation.query,
                    "statement": " ".join(statement.split()),
                    "ms": ms,
                    "plan": plan,
                }
            )
            print(f"\n-- {backend} {operation.name} {operation.query}: {ms} ms", file=sys.stderr)
            print(" ".join(statement.split()), file=sys.stderr)
            print(plan, file=sys.stderr)
    return plans


# --- the report ----------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    header = (
        "backend", "operation", "query", "n", "p50 ms", "p95 ms", "mean ms",
        "naive p50", "naive p95", "naive/indexed", "target p95", "met",
    )  # fmt: skip
    rows = [header, tuple("---" for _ in header)]
    for r in results:
        met = "—" if r.met is None else ("yes" if r.met else "NO")
        target = "—" if r.target_p95_ms is None else f"< {r.target_p95_ms:g} ms"
        rows.append(
            (
                r.backend, r.operation, r.query, str(r.indexed.n),
                f"{r.indexed.p50:.2f}", f"{r.indexed.p95:.2f}", f"{r.indexed.mean:.2f}",
                f"{r.naive.p50:.2f}", f"{r.naive.p95:.2f}", f"{r.ratio:.1f}×", target, met,
            )
        )  # fmt: skip
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.history", description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the data (0.1 = 100k)")
    parser.add_argument("--backends", default="sqlite,postgresql", help="comma-separated")
    parser.add_argument("--json", type=Path, help="default benchmarks/results/history.json")
    parser.add_argument("--repeat", type=int, default=100, help="samples per measurement")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per measurement")
    parser.add_argument("--reuse-dir", type=Path, help="keep (and reuse) the built stores here")
    parser.add_argument("--explain", action="store_true", help="query plans to stderr and JSON")
    return parser


def _default_json(scale: float) -> Path:
    # A quick run must not overwrite the committed full-scale figures.
    return RESULTS / ("history.json" if scale == 1 else f"history-scale{scale:g}.json")


def _run_backend(
    backend: str, data: HistoryData, args: argparse.Namespace, report: dict[str, Any]
) -> list[Result]:
    details = random.Random(data.seed).sample(data.regular_session_ids(), 50)
    with _backend(backend, data, args.reuse_dir) as (database, build):
        progress(f"{backend}: {build.size_bytes / 2**20:,.0f} MiB, loaded in {build.load_seconds}s")
        report["backends"][backend] = asdict(build)
        verify(database, data, details)
        chosen = operations(data, details)
        if args.explain:
            report.setdefault("plans", []).extend(explain(database, backend, chosen))
        # Other work on the machine skews the figures: keep a trace of how busy it was.
        report["backends"][backend]["load_average"] = {"before_timing": os.getloadavg()}
        results = measure(database, backend, chosen, args.repeat, args.budget)
        report["backends"][backend]["load_average"]["after_timing"] = os.getloadavg()
        return results


@contextmanager
def _backend(
    backend: str, data: HistoryData, reuse_dir: Path | None
) -> Iterator[tuple[Database, Build]]:
    if backend == "sqlite":
        with _folder(reuse_dir) as folder:
            database, build = build_sqlite(data, folder, reuse=reuse_dir is not None)
            try:
                yield database, build
            finally:
                database.close()
        return
    from tests.helpers.postgres import postgres_server  # needs the PostgreSQL binaries

    cluster = meta = None
    if reuse_dir is not None:
        cluster = reuse_dir / f"{store_name(data)}-postgresql"
        meta = reuse_dir / f"{store_name(data)}-postgresql.json"
    saved = None if meta is None else saved_build(meta, data)
    if cluster is not None and meta is not None and saved is None:
        # Half built, or built for other terms: start again from nothing.
        meta.unlink(missing_ok=True)
        shutil.rmtree(cluster, ignore_errors=True)
    with postgres_server(cluster) as server:
        if saved is not None and server.existed:
            progress(f"postgresql: reusing {cluster}")
            database, build = open_database(server.url), saved
        else:
            progress(f"postgresql: server started in {server.data}")
            database, build = build_postgresql(data, server.url)
            if meta is not None:
                save_build(meta, data, build)
        try:
            yield database, build
        finally:
            database.close()


@contextmanager
def _folder(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="assist-bench-") as folder:
        yield Path(folder)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgresql"}
    if unknown:
        raise SystemExit(f"unknown backend(s): {', '.join(sorted(unknown))}")
    data = HistoryData(args.scale, terms=tuple(q.text for q in SEARCHES))
    progress(
        f"{data.sizes.customers:,} customers, {data.sizes.sessions:,} sessions, "
        f"{data.sizes.messages:,} messages, {data.sizes.notes:,} notes"
    )
    report: dict[str, Any] = {
        "benchmark": "history",
        "command": "python -m benchmarks.history " + " ".join(argv or sys.argv[1:]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(
            sqlalchemy=sqlalchemy.__version__,
            sqlite=sqlite3.sqlite_version,
            psycopg=psycopg.__version__,
        ),
        "scale": args.scale,
        "seed": data.seed,
        "targets_p95_ms": {"history load": HISTORY_TARGET_MS, "search": SEARCH_TARGET_MS},
        "backends": {},
    }
    results: list[Result] = []
    for backend in backends:
        results += _run_backend(backend, data, args, report)
    report["term_counts"] = {
        q.text: {kind: data.contains[kind, q.text] for kind in ("message", "note")}
        for q in SEARCHES
    }
    report["results"] = [r.as_json() for r in results]
    path = args.json or _default_json(args.scale)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    progress(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
