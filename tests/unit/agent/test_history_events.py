"""A past session's events read as sentences with what happened (offscreen): each kind the
server records (signaling.registry's notes, signaling.store.history's events, with their
detail as stored) has its own translated wording, never the bare name it is stored under."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from assist.agent.history_views import PastSessionView
from signaling import protocol as p

#: Every kind of event the server records, as it stores its detail, and the line shown.
EVENTS: list[tuple[str, dict[str, Any], str]] = [
    ("created", {}, "Session created"),
    ("admitted", {"customer_name": "山田 花子"}, "Customer admitted: 山田 花子"),
    ("identified", {"customer_id": 7, "matched": True}, "Linked to an existing customer record"),
    ("identified", {"customer_id": 8, "matched": False}, "Linked to a new customer record"),
    ("identity_confirmed", {"by": "taro"}, "Identity confirmed by taro"),
    ("relinked", {"by": "taro", "from": 8, "to": 7}, "Moved to another customer record by taro"),
    (
        "sharing",
        {"state": "sharing", "reason": "customer", "target": "screen", "hidden": "0"},
        "Sharing started: the whole screen",
    ),
    (
        "permissions",
        {"granted": "guide,view"},
        "Permissions changed: view, pointer and drawing",
    ),
    (
        "sharing",
        {"state": "sharing", "reason": "customer", "target": "window", "hidden": "2"},
        "Sharing started: one window (windows or areas hidden: 2)",
    ),
    (
        "permissions",
        {"granted": "control,guide,view"},
        "Permissions changed: view, pointer and drawing, control",
    ),
    (
        "sharing",
        {"state": "paused", "reason": "agent_away", "target": "screen", "hidden": "0"},
        "Sharing paused — The support agent's connection was lost.",
    ),
    (
        "sharing",
        {"state": "stopped", "reason": "declined", "target": "screen", "hidden": "0"},
        "Sharing stopped — The customer declined to share their screen.",
    ),
    ("permissions", {"granted": ""}, "All permissions withdrawn"),
    ("ended", {"reason": "customer_left"}, "The customer left."),
    ("ended", {"reason": "agent_ended"}, "The support agent ended the session."),
    (
        "wrapped_up",
        {"category": "Network", "outcome": "resolved"},
        "Wrapped up: Network · Resolved",
    ),
    ("wrap_up_skipped", {}, "Wrap-up skipped"),
    ("rated", {"rating": 4}, "Rated by the customer: ★★★★☆"),
]


def history(events: list[tuple[str, dict[str, Any], str]]) -> p.SessionHistory:
    info = p.SessionInfo(
        session_id="s-1",
        customer_id=7,
        created_at=1_700_000_000.0,
        agent_display_name="Taro",
        customer_name="山田 花子",
        identity_verified=True,
        admitted_at=1_700_000_060.0,
        ended_at=1_700_000_900.0,
        end_reason="customer_left",
        category="Network",
        outcome="resolved",
        tags=[],
        rating=4,
        rating_comment=None,
        note_preview="",
    )
    return p.SessionHistory(
        re="r-1",
        session=info,
        events=[
            p.EventInfo(kind=kind, ts=1_700_000_000.0 + i, detail=detail)
            for i, (kind, detail, _) in enumerate(events)
        ],
    )


def event_lines(view: PastSessionView) -> list[str]:
    """The events as shown: each line without its time."""
    text = view.toPlainText()
    shown = text[text.index("Events") :].splitlines()[1:] if "Events" in text else []
    return [line.split(" ", 1)[1] for line in shown if line.strip()]


def test_each_event_reads_as_what_happened(qtbot: QtBot) -> None:
    view = PastSessionView()
    qtbot.addWidget(view)
    view.show_session(history(EVENTS))
    assert event_lines(view) == [line for _, _, line in EVENTS]


def test_an_event_this_console_does_not_know_is_still_readable(qtbot: QtBot) -> None:
    view = PastSessionView()
    qtbot.addWidget(view)
    view.show_session(history([("screen_recorded", {"secret": "x"}, "")]))
    assert event_lines(view) == ["Screen recorded"]  # its detail is not shown raw


class Marking(QTranslator):
    """Shows every text that went through translation as ⟦text⟧."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if source in ("Events", ", ", "%1 — %2"):  # found by name above; punctuation
            return source
        return f"⟦{source}⟧"


@pytest.fixture
def marking(qapp: QCoreApplication) -> Iterator[None]:
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.mark.usefixtures("marking")
def test_every_event_line_and_its_detail_is_translated(qtbot: QtBot) -> None:
    view = PastSessionView()
    qtbot.addWidget(view)
    view.show_session(history(EVENTS))
    lines = event_lines(view)
    assert len(lines) == len(EVENTS)
    for line in lines:
        assert line.startswith("⟦"), line
    permissions = lines[7]
    assert "⟦view⟧" in permissions and "⟦pointer and drawing⟧" in permissions
