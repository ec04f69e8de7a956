"""How the customer history reads in the console: one-line session summaries, and a past
session in full (transcript, notes, events, wrap-up) as a read-only page."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from assist.qt.messages import PLURALS, capability_text, end_reason_text, share_reason_text
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
    """One line of a session's events, with what the server recorded about it (never
    the bare name the server keeps it under)."""
    detail = event.detail
    worded = _EVENT_TEXTS.get(event.kind)
    if worded is not None:
        return worded(detail)
    # A kind this console does not know yet (a newer server): readable, if not translated.
    return event.kind.replace("_", " ").capitalize()


def _with(template: str, value: object) -> str:
    return template.replace("%1", str(value))


def _created(detail: dict[str, Any]) -> str:
    return QCoreApplication.translate("history", "Session created")


def _admitted(detail: dict[str, Any]) -> str:
    name = str(detail.get("customer_name") or "")
    return (
        _with(QCoreApplication.translate("history", "Customer admitted: %1"), name)
        if name
        else QCoreApplication.translate("history", "Customer admitted")
    )


def _identified(detail: dict[str, Any]) -> str:
    if detail.get("matched"):
        return QCoreApplication.translate("history", "Linked to an existing customer record")
    return QCoreApplication.translate("history", "Linked to a new customer record")


def _identity_confirmed(detail: dict[str, Any]) -> str:
    by = str(detail.get("by") or "")
    return (
        _with(QCoreApplication.translate("history", "Identity confirmed by %1"), by)
        if by
        else QCoreApplication.translate("history", "Identity confirmed")
    )


def _relinked(detail: dict[str, Any]) -> str:
    by = str(detail.get("by") or "")
    if by:
        return _with(
            QCoreApplication.translate("history", "Moved to another customer record by %1"), by
        )
    return QCoreApplication.translate("history", "Moved to another customer record")


def _wrapped_up(detail: dict[str, Any]) -> str:
    facts = [str(detail.get("category") or ""), outcome_text(detail.get("outcome"))]
    what = " · ".join(f for f in facts if f)
    return (
        _with(QCoreApplication.translate("history", "Wrapped up: %1"), what)
        if what
        else QCoreApplication.translate("history", "Wrapped up")
    )


def _wrap_up_skipped(detail: dict[str, Any]) -> str:
    return QCoreApplication.translate("history", "Wrap-up skipped")


def _rated(detail: dict[str, Any]) -> str:
    rating = detail.get("rating")
    if isinstance(rating, int) and 1 <= rating <= 5:
        return _with(
            QCoreApplication.translate("history", "Rated by the customer: %1"), stars(rating)
        )
    return QCoreApplication.translate("history", "Rated by the customer")


def _ended(detail: dict[str, Any]) -> str:
    try:
        reason = p.EndReason(str(detail.get("reason", "")))
    except ValueError:
        return QCoreApplication.translate("history", "Session ended")
    # Told as neither side's own ("You ended…"): whoever reads the history may not have
    # been in the session.
    agents = (p.EndReason.AGENT_ENDED, p.EndReason.AGENT_DROPPED)
    return end_reason_text(reason, p.Role.CUSTOMER if reason in agents else p.Role.AGENT)


def _sharing(detail: dict[str, Any]) -> str:
    state = str(detail.get("state", ""))
    if state == p.ShareState.SHARING:
        window = detail.get("target") == p.ShareTarget.WINDOW
        text = (
            QCoreApplication.translate("history", "Sharing started: one window")
            if window
            else QCoreApplication.translate("history", "Sharing started: the whole screen")
        )
        hidden = _count(detail.get("hidden"))
        if hidden:
            text = QCoreApplication.translate(
                "history", "%1 (windows or areas hidden: %2)"
            ).replace("%1", text)
            text = text.replace("%2", str(hidden))
    elif state == p.ShareState.PAUSED:
        text = QCoreApplication.translate("history", "Sharing paused")
    elif state == p.ShareState.STOPPED:
        text = QCoreApplication.translate("history", "Sharing stopped")
    else:
        return QCoreApplication.translate("history", "Sharing changed")
    try:
        reason = p.ShareReason(str(detail.get("reason", "")))
    except ValueError:
        return text
    if reason is p.ShareReason.CUSTOMER:  # the customer's own doing: nothing to explain
        return text
    why = share_reason_text(reason)
    return (
        QCoreApplication.translate("history", "%1 — %2", "an event, then why it happened")
        .replace("%1", text)
        .replace("%2", why)
    )


def _count(value: object) -> int:
    try:
        return max(0, int(str(value)))
    except ValueError:
        return 0


def _permissions(detail: dict[str, Any]) -> str:
    granted = {c.strip() for c in str(detail.get("granted", "")).split(",")}
    names = [capability_text(c) for c in p.Capability if c.value in granted]
    if not names:
        return QCoreApplication.translate("history", "All permissions withdrawn")
    separator = QCoreApplication.translate("history", ", ", "between the items of a list")
    return _with(
        QCoreApplication.translate("history", "Permissions changed: %1"), separator.join(names)
    )


#: What each kind of event the server records reads as (signaling: the registry's notes
#: and the store's events).
_EVENT_TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "created": _created,
    "admitted": _admitted,
    "identified": _identified,
    "identity_confirmed": _identity_confirmed,
    "relinked": _relinked,
    "wrapped_up": _wrapped_up,
    "wrap_up_skipped": _wrap_up_skipped,
    "rated": _rated,
    "ended": _ended,
    "sharing": _sharing,
    "permissions": _permissions,
}


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
