"""Carries an administrator's erasure and the retention period out to live sessions and apps.

``assist-signaling delete-customer`` and ``purge-history`` may run in another process (or on
another host sharing the database); each leaves an audit entry naming the sessions it erased.
This watcher reads new entries, ends any of those sessions still live (``data_deleted``) and
tells every connected app to ``purge`` them from its outbox and caches. With a retention
period set, it also purges old transcripts itself, hourly.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from sqlalchemy import func, select

from signaling import protocol as p
from signaling.registry import Outgoing, Registry
from signaling.store import privacy
from signaling.store.db import Database
from signaling.store.models import AuditEvent

logger = logging.getLogger(__name__)

#: How often the audit trail is read for erasures made elsewhere.
POLL_INTERVAL: Final = 2.0
#: How often old transcripts are purged when a retention period is set.
RETENTION_INTERVAL: Final = 3600.0

_REASONS: Final = {"customer_deleted": "customer_deleted", "history_purged": "retention"}


class PrivacyWatch:
    def __init__(
        self,
        registry: Registry,
        database: Database,
        executor: concurrent.futures.Executor,
        deliver: Callable[[Outgoing], Awaitable[None]],
        retention_days: int | None = None,
    ) -> None:
        self.registry = registry
        self.database = database
        self.retention_days = retention_days
        self._executor = executor
        self._deliver = deliver
        self._last_id: int | None = None

    async def _blocking(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def run_forever(self) -> None:
        self._last_id = await self._blocking(self._newest_id)
        next_retention = 0.0
        loop = asyncio.get_running_loop()
        while True:
            try:
                if self.retention_days and loop.time() >= next_retention:
                    next_retention = loop.time() + RETENTION_INTERVAL
                    await self._blocking(self._purge_expired)
                await self.check()
            except Exception:
                logger.exception("Could not carry out erasures")
            await asyncio.sleep(POLL_INTERVAL)

    async def check(self) -> None:
        """End and purge what the audit trail says was erased since the last check."""
        entries: list[tuple[int, str, list[str]]] = await self._blocking(self._erasures)
        for entry_id, kind, session_ids in entries:
            self._last_id = entry_id
            if not session_ids:
                continue
            out = self.registry.end_sessions(session_ids, p.EndReason.DATA_DELETED)
            purge = p.Purge(session_ids=session_ids, reason=_REASONS[kind])
            out += [(peer_id, purge) for peer_id in self.registry.connected()]
            await self._deliver(out)
            logger.warning("Purged %d session(s): %s", len(session_ids), _REASONS[kind])

    def _newest_id(self) -> int:
        with self.database.session() as session:
            return int(session.scalar(select(func.max(AuditEvent.id))) or 0)

    def _erasures(self) -> list[tuple[int, str, list[str]]]:
        with self.database.session() as session:
            rows = session.scalars(
                select(AuditEvent)
                .where(AuditEvent.id > (self._last_id or 0), AuditEvent.kind.in_(_REASONS))
                .order_by(AuditEvent.id)
            )
            return [
                (row.id, row.kind, [str(s) for s in (row.detail or {}).get("session_ids", [])])
                for row in rows
            ]

    def _purge_expired(self) -> None:
        assert self.retention_days
        cutoff = datetime.now(UTC) - timedelta(days=self.retention_days)
        with self.database.session() as session:
            report = privacy.purge_expired(session, cutoff, "retention")
        logger.info("Retention: purged %d session(s)", len(report.session_ids))
