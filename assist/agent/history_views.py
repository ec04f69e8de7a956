"""How the customer history reads in the console: one-line session summaries, and a past
session in full (transcript, notes, events, wrap-up) as a read-only page."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from assist.qt.messages import PLURALS
from signaling import protocol as p


def when(ts: float | None) -> str:
    """A local date and time, the way a timeline shows it."""
    if ts is None:
        return ""
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


def duration(session: p.SessionInfo) -> str:
    if session.admitted_at is None or session.ended_at is None:
        return ""
    minutes = max(0, round((session.ended_at - session.admitted_at) / 60))
    return PLURALS.minutes(minutes)


def outcome_text(outcome: str | None) -> str:
    texts = {
        p.Outcome.RESOLVED.value: QCoreApplication.translate("history", "Resolved"),
        p.Outcome.FOLLOW_UP.value: QCoreApplication.translate("history", "Follow-up needed"),
        p.Outcome.ESCALATED.value: QCoreApplication.translate("history", "Escalated"),
    }
    return texts.get(outcome or "", "")


def stars(rating: int | None) -> str:
    return "" if rating is None else "★" * rating + "☆" * (5 - rating)


def _event_text(event: p.EventInfo) -> str:
    detail = event.detail
    texts = {
        "created": QCoreApplication.translate("history", "Session created"),
        "admitted": QCoreApplication.translate("history", "Customer admitted"),
        "identified": QCoreApplication.translate("history", "Linked to a customer record"),
        "identity_confirmed": QCoreApplication.translate("history", "Identity confirmed"),
        "relinked": QCoreApplication.translate("history", "Moved to another customer record"),
        "wrapped_up": QCoreApplication.translate("history", "Wrapped up"),
        "rated": QCoreApplication.translate("history", "Rated by the customer"),
        "ended": QCoreApplication.translate("history", "Session ended"),
    }
    if event.kind == "sharing":
        states = {
            p.ShareState.SHARING.value: QCoreApplication.translate("history", "Sharing started"),
            p.ShareState.PAUSED.value: QCoreApplication.translate("history", "Sharing paused"),
            p.ShareState.STOPPED.value: QCoreApplication.translate("history", "Sharing stopped"),
        }
        return states.get(str(detail.get("state", "")), event.kind)
    return texts.get(event.kind, event.kind)


def _paragraphs(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _labels() -> dict[str, str]:
    return {
        "agent": QCoreApplication.translate("history", "Agent: %1"),
        "tags": QCoreApplication.translate("history", "Tags: %1"),
        "comment": QCoreApplication.translate("history", "Customer's comment: %1"),
        "notes": QCoreApplication.translate("history", "Notes"),
        "final": QCoreApplication.translate("history", "Final note: %1"),
        "no_notes": QCoreApplication.translate("history", "No notes."),
        "transcript": QCoreApplication.translate("history", "Transcript"),
        "no_messages": QCoreApplication.translate("history", "No chat messages."),
        "truncated": QCoreApplication.translate("history", "Older messages are not shown."),
        "events": QCoreApplication.translate("history", "Events"),
    }


def session_html(history: p.SessionHistory) -> str:
    """The page for one past session. Everything anyone typed is escaped: it is shown as
    text, never as markup."""
    label = _labels()
    info = history.session
    facts = [
        when(info.created_at),
        label["agent"].replace("%1", info.agent_display_name),
        duration(info),
        info.category or "",
        outcome_text(info.outcome),
        stars(info.rating),
    ]
    parts = [f"<h3>{html.escape(' · '.join(f for f in facts if f))}</h3>"]
    if info.tags:
        parts.append(f"<p>{html.escape(label['tags'].replace('%1', ', '.join(info.tags)))}</p>")
    if info.rating_comment:
        parts.append(f"<p>{_paragraphs(label['comment'].replace('%1', info.rating_comment))}</p>")
    parts.append(f"<h4>{html.escape(label['notes'])}</h4>")
    if history.final_note:
        parts.append(
            f"<p><b>{_paragraphs(label['final'].replace('%1', history.final_note))}</b></p>"
        )
    parts.extend(f"<p>{_paragraphs(note.text)}</p>" for note in history.notes)
    if not history.notes and not history.final_note:
        parts.append(f"<p><i>{html.escape(label['no_notes'])}</i></p>")
    parts.append(f"<h4>{html.escape(label['transcript'])}</h4>")
    for line in history.messages:
        stamp = datetime.fromtimestamp(line.ts).strftime("%H:%M")
        parts.append(
            f"<p><span style='color:#666'>{stamp}</span> <b>{html.escape(line.sender_name)}</b>"
            f": {_paragraphs(line.text)}</p>"
        )
    if not history.messages:
        parts.append(f"<p><i>{html.escape(label['no_messages'])}</i></p>")
    if history.truncated:
        parts.append(f"<p><i>{html.escape(label['truncated'])}</i></p>")
    parts.append(f"<h4>{html.escape(label['events'])}</h4>")
    events = "".join(
        f"<li>{datetime.fromtimestamp(e.ts).strftime('%H:%M:%S')} "
        f"{html.escape(_event_text(e))}</li>"
        for e in history.events
    )
    parts.append(f"<ul>{events}</ul>")
    return "".join(parts)


class PastSessionView(QTextBrowser):
    """A past session, read-only; links are never followed (the text is the customer's)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.history: p.SessionHistory | None = None
        self.show_hint()

    def show_hint(self) -> None:
        self.history = None
        self.setPlainText(self.tr("Choose a session to read its transcript, notes and events."))

    def show_session(self, history: p.SessionHistory) -> None:
        self.history = history
        self.setHtml(session_html(history))

    def forget(self, session_ids: set[str]) -> None:
        """These sessions were erased: if one is shown, nothing of it may stay on screen."""
        if self.history is not None and self.history.session.session_id in session_ids:
            self.history = None
            self.setPlainText(erased_text())


def erased_text() -> str:
    return QCoreApplication.translate(
        "history", "This session's data was deleted (on request, or after the retention period)."
    )
