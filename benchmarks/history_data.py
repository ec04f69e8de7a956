"""The store ``benchmarks.history`` runs on: synthetic customer history, deterministic
(seeded) and shaped like a support desk's, bulk-loaded into SQLite or PostgreSQL.

Texts are composed from Japanese and English support phrases (20–80 characters for chat,
40–200 for notes), with a few rare terms planted at known counts, so every search has a known
answer. Texts hold no full-width letters or digits and the queries are lower case, so a plain
case-insensitive ``LIKE`` finds what the app's normalised match finds.
"""

from __future__ import annotations

import base64
import json
import random
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine, insert, text

from benchmarks.history_text import (
    CATEGORIES,
    EN_NAMES,
    END_REASONS,
    GIVEN,
    OUTCOMES,
    PLANTED,
    SURNAMES,
    TAGS,
    Planted,
    chat_text,
    note_text,
)
from signaling.store.db import Database, open_database
from signaling.store.models import (
    Customer,
    MessageRecord,
    NoteRecord,
    SessionEvent,
    SessionRecord,
)

SEED: Final = 20_240_601
MESSAGES_PER_SESSION: Final = 10
EVENTS_PER_SESSION: Final = 3
#: Customers whose history is loaded: the first has more than the timeline shows.
REGULAR_SESSIONS: Final = (240, 200, 200, 200, 200)
#: Share of sessions whose customer never said who they were.
ANONYMOUS: Final = 0.05
_START: Final = datetime(2022, 1, 1, tzinfo=UTC)
_SPAN: Final = timedelta(days=3 * 365)
#: Rows per INSERT batch (one transaction each) while building the store.
BATCH: Final = 20_000

Row = dict[str, Any]


@dataclass(frozen=True)
class Sizes:
    customers: int
    sessions: int

    @property
    def messages(self) -> int:
        return self.sessions * MESSAGES_PER_SESSION

    @property
    def notes(self) -> int:
        return self.sessions  # one note per session

    @property
    def events(self) -> int:
        return self.sessions * EVENTS_PER_SESSION


def sizes(scale: float) -> Sizes:
    """20 000 customers and 100 000 sessions (1 000 000 messages, 100 000 notes) at scale 1."""
    return Sizes(customers=round(20_000 * scale), sessions=round(100_000 * scale))


@dataclass
class HistoryData:
    """The rows to load, generated table by table in batches (each table from its own seeded
    stream, so any one can be regenerated alone). ``contains`` counts, once ``messages()`` and
    ``notes()`` have run, how many texts of each kind contain each of ``terms``."""

    scale: float
    terms: tuple[str, ...]
    seed: int = SEED
    contains: Counter[tuple[str, str]] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.sizes = sizes(self.scale)
        n = self.sizes.sessions
        if n < 2 * sum(REGULAR_SESSIONS) or self.sizes.customers < 10 * len(REGULAR_SESSIONS):
            raise ValueError(f"scale {self.scale} is too small for the regular customers")
        rng = random.Random(self.seed)
        gap = _SPAN.total_seconds() / n
        # Strictly increasing creation times: session order is time order, so message ids
        # grow with time as they do in a live store, and no two sessions tie.
        self.created = [_START.timestamp() + i * gap + rng.uniform(0, gap / 2) for i in range(n)]
        self.session_ids = [base64.urlsafe_b64encode(rng.randbytes(12)).decode() for _ in range(n)]
        self.owner = self._owners(rng)
        self.regulars = list(range(1, len(REGULAR_SESSIONS) + 1))
        self.planted_messages = self._plant(rng, "message", self.sizes.messages)
        self.planted_notes = self._plant(rng, "note", self.sizes.notes)

    def _owners(self, rng: random.Random) -> list[int | None]:
        n, customers = self.sizes.sessions, self.sizes.customers
        owner: list[int | None] = [None] * n
        free = list(range(n))
        rng.shuffle(free)
        for customer_id, count in enumerate(REGULAR_SESSIONS, start=1):
            for _ in range(count):
                owner[free.pop()] = customer_id
        others = list(range(len(REGULAR_SESSIONS) + 1, customers + 1))
        for customer_id in others:  # every record has at least one session
            owner[free.pop()] = customer_id
        identified = free[int(len(free) * ANONYMOUS) :]
        # A long tail: most customers came once or twice, a few dozen times (never 200).
        weights = [1 / (rank + 200) for rank in range(len(others))]
        for index, customer_id in zip(
            identified, rng.choices(others, weights, k=len(identified)), strict=True
        ):
            owner[index] = customer_id
        return owner

    def _plant(self, rng: random.Random, kind: str, total: int) -> dict[int, Planted]:
        chosen: dict[int, Planted] = {}
        for planted in (p for p in PLANTED if p.kind == kind):
            free = [i for i in rng.sample(range(total), planted.count * 3) if i not in chosen]
            chosen.update((i, planted) for i in free[: planted.count])
        return chosen

    def _recount(self, kind: str) -> None:
        # Each load generates the texts again (one store per backend): count them once.
        for term in self.terms:
            self.contains[kind, term] = 0

    def _count(self, kind: str, text: str) -> None:
        lowered = text.lower()
        for term in self.terms:
            if term in lowered:
                self.contains[kind, term] += 1

    def customers(self, batch: int) -> Iterator[list[Row]]:
        rng = random.Random(self.seed + 1)
        first: dict[int, float] = {}
        for index, customer_id in enumerate(self.owner):
            if customer_id is not None and customer_id not in first:
                first[customer_id] = self.created[index]
        rows: list[Row] = []
        for customer_id in range(1, self.sizes.customers + 1):
            if rng.random() < 0.15:
                name, address = rng.choice(EN_NAMES), rng.choice(EN_NAMES).split()[1].lower()
            else:
                (surname, sur), (given, giv) = rng.choice(SURNAMES), rng.choice(GIVEN)
                name, address = f"{surname} {given}", f"{giv}.{sur}"
            rows.append(
                {
                    "id": customer_id,
                    "display_name": name,
                    "email": f"{address}{customer_id}@example.jp" if rng.random() < 0.9 else None,
                    "customer_number": f"C-{100_000 + customer_id}" if rng.random() < 0.8 else None,
                    "first_seen": _at(first[customer_id] - 1),
                }
            )
            if len(rows) == batch:
                yield rows
                rows = []
        if rows:
            yield rows

    def sessions(self, batch: int) -> Iterator[list[Row]]:
        rng = random.Random(self.seed + 2)
        rows: list[Row] = []
        for index, session_id in enumerate(self.session_ids):
            rows.append(self._session(rng, index, session_id))
            if len(rows) == batch:
                yield rows
                rows = []
        if rows:
            yield rows

    def _session(self, rng: random.Random, index: int, session_id: str) -> Row:
        created = self.created[index]
        agent = rng.randrange(40)
        rated = rng.random() < 0.6
        return {
            "id": session_id,
            "customer_id": self.owner[index],
            "agent_username": f"agent{agent:02d}",
            "agent_display_name": f"{SURNAMES[agent % len(SURNAMES)][0]} (サポート)",
            "customer_name": None if self.owner[index] is None else f"お客様{self.owner[index]}",
            "identity_verified": rng.random() < 0.7,
            "created_at": _at(created),
            "admitted_at": _at(created + 20),
            "first_reply_at": _at(created + 60),
            "ended_at": _at(created + rng.uniform(300, 2400)),
            "end_reason": rng.choice(END_REASONS),
            "category": rng.choice(CATEGORIES),
            "outcome": rng.choice(OUTCOMES),
            "tags": rng.sample(TAGS, rng.randint(0, 2)),
            "final_note": "解決済み。" if rng.random() < 0.5 else None,
            "rating": rng.randint(1, 5) if rated else None,
            "rating_comment": "丁寧でした" if rated and rng.random() < 0.3 else None,
        }

    def messages(self, batch: int) -> Iterator[list[Row]]:
        rng = random.Random(self.seed + 3)
        self._recount("message")
        rows: list[Row] = []
        number = 0
        for index, session_id in enumerate(self.session_ids):
            for seq in range(1, MESSAGES_PER_SESSION + 1):
                sender = "customer" if seq % 2 else "agent"
                planted = self.planted_messages.get(number)
                text = rng.choice(planted.texts) if planted else chat_text(rng, sender)
                self._count("message", text)
                rows.append(
                    {
                        "session_id": session_id,
                        "seq": seq,
                        "msg_id": f"{rng.getrandbits(128):032x}",
                        "sender": sender,
                        "sender_name": "お客様" if sender == "customer" else "サポート",
                        "text": text,
                        "ts": _at(self.created[index] + 60 * seq),
                    }
                )
                number += 1
            if len(rows) >= batch:
                yield rows
                rows = []
        if rows:
            yield rows

    def notes(self, batch: int) -> Iterator[list[Row]]:
        rng = random.Random(self.seed + 4)
        self._recount("note")
        rows: list[Row] = []
        for index, session_id in enumerate(self.session_ids):
            planted = self.planted_notes.get(index)
            text = rng.choice(planted.texts) if planted else note_text(rng)
            self._count("note", text)
            created = self.created[index]
            rows.append(
                {
                    "session_id": session_id,
                    "note_id": f"{rng.getrandbits(128):032x}",
                    "agent_username": f"agent{rng.randrange(40):02d}",
                    "text": text,
                    "created_at": _at(created + 120),
                    "updated_at": _at(created + 630),
                }
            )
            if len(rows) == batch:
                yield rows
                rows = []
        if rows:
            yield rows

    def events(self, batch: int) -> Iterator[list[Row]]:
        rows: list[Row] = []
        for index, session_id in enumerate(self.session_ids):
            created = self.created[index]
            rows += [
                {"session_id": session_id, "ts": _at(created), "kind": "created", "detail": {}},
                {
                    "session_id": session_id,
                    "ts": _at(created + 20),
                    "kind": "admitted",
                    "detail": {"customer_name": "お客様"},
                },
                {
                    "session_id": session_id,
                    "ts": _at(created + 900),
                    "kind": "ended",
                    "detail": {"reason": "agent_ended"},
                },
            ]
            if len(rows) >= batch:
                yield rows
                rows = []
        if rows:
            yield rows

    def regular_session_ids(self) -> list[str]:
        """The sessions of the regular customers (the ones ``detail`` is timed on)."""
        regulars = set(self.regulars)
        return [
            s for s, owner in zip(self.session_ids, self.owner, strict=True) if owner in regulars
        ]


def _at(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


_STARTED: Final = time.perf_counter()


def progress(message: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)


# --- building the store ------------------------------------------------------------------


@dataclass
class Build:
    backend: str
    version: str
    rows: dict[str, int] = field(default_factory=dict)
    #: Seconds spent inserting each table (row generation excluded, see ``generate_seconds``).
    insert_seconds: dict[str, float] = field(default_factory=dict)
    generate_seconds: float = 0.0
    index_seconds: float = 0.0
    finish_seconds: float = 0.0
    load_seconds: float = 0.0
    size_bytes: int = 0
    settings: dict[str, str] = field(default_factory=dict)
    setup: list[str] = field(default_factory=list)
    reused: bool = False


def _load(engine: Engine, data: HistoryData, build: Build) -> None:
    tables: tuple[tuple[str, Any, Callable[[int], Iterator[list[Row]]]], ...] = (
        ("customers", Customer, data.customers),
        ("sessions", SessionRecord, data.sessions),
        ("messages", MessageRecord, data.messages),
        ("notes", NoteRecord, data.notes),
        ("session_events", SessionEvent, data.events),
    )
    for name, model, batches in tables:
        count, inserting = 0, 0.0
        generating = time.perf_counter()
        for rows in batches(BATCH):
            started = time.perf_counter()
            build.generate_seconds += started - generating
            with engine.begin() as connection:
                connection.execute(insert(model), rows)
            generating = time.perf_counter()
            inserting += generating - started
            count += len(rows)
            if count // 200_000 != (count - len(rows)) // 200_000:
                progress(f"{build.backend}: {name} {count:,} rows")
        build.rows[name], build.insert_seconds[name] = count, round(inserting, 2)
        progress(f"{build.backend}: {name} done, {count:,} rows inserted in {inserting:.1f}s")


def store_name(data: HistoryData) -> str:
    """The name a kept store goes by (``--reuse-dir``): one per scale and seed."""
    return f"history-scale{data.scale:g}-seed{data.seed}"


def saved_build(meta: Path, data: HistoryData) -> Build | None:
    """The build a kept store was made by, if it was made for the same terms; the term
    counts it recorded go back into ``data``."""
    if not meta.exists():
        return None
    saved = json.loads(meta.read_text())
    if saved["terms"] != list(data.terms):
        return None
    for kind, term, count in saved["contains"]:
        data.contains[kind, term] = count
    return Build(**{**saved["build"], "reused": True})


def save_build(meta: Path, data: HistoryData, build: Build) -> None:
    contains = [[k, t, n] for (k, t), n in data.contains.items()]
    meta.write_text(
        json.dumps({"terms": list(data.terms), "contains": contains, "build": asdict(build)})
    )


def build_sqlite(data: HistoryData, folder: Path, reuse: bool) -> tuple[Database, Build]:
    path = folder / f"{store_name(data)}.db"
    meta = path.with_suffix(".json")
    url = f"sqlite:///{path}"
    if reuse and path.exists() and (saved := saved_build(meta, data)) is not None:
        progress(f"sqlite: reusing {path}")
        return open_database(url), saved
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    database = open_database(url)
    build = Build("sqlite", sqlite3.sqlite_version)
    build.setup = [
        f"file {path.name}, opened through open_database (WAL, FTS5 triggers fill the index "
        "while rows are inserted)",
        "defaults otherwise: no ANALYZE, no FTS5 'optimize' (the server runs neither)",
    ]
    started = time.perf_counter()
    _load(database.engine, data, build)
    finishing = time.perf_counter()
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    build.finish_seconds = round(time.perf_counter() - finishing, 2)
    build.load_seconds = round(time.perf_counter() - started, 1)
    build.generate_seconds = round(build.generate_seconds, 1)
    build.size_bytes = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    with database.engine.connect() as connection:
        for pragma in ("page_size", "cache_size", "journal_mode", "synchronous"):
            value = connection.exec_driver_sql(f"PRAGMA {pragma}").scalar()
            build.settings[pragma] = str(value)
    if reuse:
        save_build(meta, data, build)
    return database, build


_GIN_INDEXES: Final = ("ix_messages_grams", "ix_notes_grams")


def build_postgresql(data: HistoryData, url: str) -> tuple[Database, Build]:
    database = open_database(url)
    engine = database.engine
    with engine.begin() as connection:
        version = str(connection.exec_driver_sql("SHOW server_version").scalar())
        # Recreated afterwards from the very definitions the migration made.
        definitions = [
            str(connection.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"), {"name": name}
            ).scalar_one())
            for name in _GIN_INDEXES
        ]  # fmt: skip
        for name in _GIN_INDEXES:
            connection.exec_driver_sql(f"DROP INDEX {name}")
    build = Build("postgresql", version)
    build.setup = [
        "throwaway server from tests/helpers/postgres.py: default configuration except fsync=off",
        "GIN indexes ix_messages_grams and ix_notes_grams dropped before the bulk load and "
        "recreated after it from their pg_indexes definitions "
        "(maintenance_work_mem 512MB for that build); the grams columns they index are "
        "generated, so the inserts compute them",
        "VACUUM ANALYZE after the load, as autovacuum would do on its own",
    ]
    started = time.perf_counter()
    _load(engine, data, build)
    indexing = time.perf_counter()
    with engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in definitions:
            connection.exec_driver_sql(definition)
            progress(f"postgresql: {definition}")
    finishing = time.perf_counter()
    build.index_seconds = round(finishing - indexing, 1)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
        connection.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('customers', 'id'), max(id)) FROM customers"
        )
        build.size_bytes = int(
            connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar() or 0
        )
        for setting in ("shared_buffers", "work_mem", "effective_cache_size", "jit", "fsync"):
            build.settings[setting] = str(connection.exec_driver_sql(f"SHOW {setting}").scalar())
    build.finish_seconds = round(time.perf_counter() - finishing, 1)
    build.load_seconds = round(time.perf_counter() - started, 1)
    build.generate_seconds = round(build.generate_seconds, 1)
    return database, build
