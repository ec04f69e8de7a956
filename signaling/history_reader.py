"""The agent's window on the customer history: a customer's record and timeline, one past
session in full, search, re-linking a session and merging two records.

Agents only; every query runs on the server's one database thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any, Final, TypeVar

from signaling import protocol as p
from signaling.protocol import ErrorCode, ProtocolError
from signaling.registry import Outgoing, Registry
from signaling.registry_types import PeerId
from signaling.store import customers, grams, search
from signaling.store.db import Database

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Characters of context shown before a search match.
EXCERPT_BEFORE: Final = 60
EXCERPT_LENGTH: Final = 240

HistoryRequest = p.GetCustomer | p.GetSession | p.Search | p.RelinkSession | p.MergeCustomers

_ERRORS: Final = {
    "customer_not_found": ErrorCode.CUSTOMER_NOT_FOUND,
    "session_not_found": ErrorCode.NOT_FOUND,
    "merge_into_itself": ErrorCode.MERGE_INTO_ITSELF,
}


class HistoryReader:
    def __init__(
        self,
        registry: Registry,
        database: Database,
        executor: concurrent.futures.Executor,
        clock: Callable[[], float],
    ) -> None:
        self.registry = registry
        self.database = database
        self._executor = executor
        self._clock = clock

    async def handle(self, peer_id: PeerId, message: HistoryRequest) -> Outgoing:
        peer = self.registry.peer(peer_id)
        actor = peer.username or ""
        try:
            answer = await asyncio.get_running_loop().run_in_executor(
                self._executor, self._answer, message, actor
            )
        except customers.CustomerError as exc:
            raise ProtocolError(_ERRORS[exc.code], exc.detail[:64]) from None
        except Exception as exc:
            logger.error("Cannot read the history: %s", type(exc).__name__)
            raise ProtocolError(ErrorCode.STORE_UNAVAILABLE) from None
        return [(peer_id, answer)]

    def _answer(self, message: HistoryRequest, actor: str) -> p.Message:
        with self.database.session() as session:
            if isinstance(message, p.GetCustomer):
                profile = customers.profile(session, message.customer_id)
                timeline = customers.timeline(session, message.customer_id)
                return p.CustomerRecord(
                    re=message.id,
                    customer=_customer_info(profile),
                    sessions=[_session_info(s) for s in timeline],
                )
            if isinstance(message, p.GetSession):
                return _session_history(message.id, customers.detail(session, message.session_id))
            if isinstance(message, p.Search):
                found = search.search(session, message.query)
                return p.SearchResults(
                    re=message.id,
                    customers=[
                        p.CustomerInfo(
                            customer_id=c.customer_id,
                            display_name=c.display_name,
                            email=c.email,
                            customer_number=c.customer_number,
                        )
                        for c in found.customers
                    ],
                    hits=[_hit(h, message.query) for h in found.hits],
                )
            if isinstance(message, p.RelinkSession):
                customers.relink(
                    session, message.session_id, message.customer_id, actor, self._clock()
                )
            else:
                customers.merge(session, message.source_id, message.target_id, actor)
            return p.Ok(re=message.id)


def _customer_info(profile: customers.Profile) -> p.CustomerInfo:
    return p.CustomerInfo(
        customer_id=profile.customer_id,
        display_name=profile.display_name,
        email=profile.email,
        customer_number=profile.customer_number,
        first_seen=profile.first_seen,
        sessions=profile.sessions,
    )


def _session_info(summary: customers.SessionSummary) -> p.SessionInfo:
    fields: dict[str, Any] = {
        name: getattr(summary, name)
        for name in p.SessionInfo.__struct_fields__
        if hasattr(summary, name)
    }
    return p.SessionInfo(**fields)


def _session_history(re_id: str, detail: customers.SessionDetail) -> p.SessionHistory:
    messages = detail.messages
    return p.SessionHistory(
        re=re_id,
        session=_session_info(detail.summary),
        final_note=detail.summary.final_note,
        messages=[
            p.TranscriptLine(
                seq=m.seq, sender=m.sender, sender_name=m.sender_name, text=m.text, ts=m.ts
            )
            for m in messages[: p.MAX_TRANSCRIPT]
        ],
        notes=[p.NoteInfo(author=a, text=t, updated_at=ts) for a, t, ts in detail.notes],
        events=[p.EventInfo(kind=k, ts=ts, detail=d) for k, ts, d in detail.events],
        truncated=len(messages) > p.MAX_TRANSCRIPT,
    )


def excerpt(text: str, query: str) -> str:
    """The text around the first match of ``query``, with … where it was cut."""
    normalized = grams.normalize(text)
    at = normalized.find(grams.normalize(query.strip()))
    if at < 0 or len(normalized) != len(text):  # NFKC changed the length: no safe offset
        at = max(text.lower().find(query.strip().lower()), 0)
    start = max(at - EXCERPT_BEFORE, 0)
    end = start + EXCERPT_LENGTH
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _hit(hit: search.Hit, query: str) -> p.SearchHit:
    return p.SearchHit(
        kind=hit.kind,
        session_id=hit.session_id,
        customer_id=hit.customer_id,
        customer_name=hit.customer_name,
        agent_display_name=hit.agent_display_name,
        sender_name=hit.sender_name,
        excerpt=excerpt(hit.text, query),
        ts=hit.ts,
    )
