"""Agent accounts, tokens, the audit trail and abuse reports: one small repository API."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from signaling.codes import CodedError
from signaling.store.models import AbuseReport, AuditEvent, Token, TokenKind, User, UserRole


class AccountError(CodedError[str]):
    """A user change that cannot be made; ``code`` names why (``user_exists``, …)."""


@dataclass(frozen=True)
class Account:
    """What the rest of the server may know about a user (never the password hash)."""

    id: int
    username: str
    display_name: str
    role: UserRole
    disabled: bool


def _account(user: User) -> Account:
    return Account(
        user.id, user.username, user.display_name, user.role, user.disabled_at is not None
    )


def now_utc() -> datetime:
    return datetime.now(UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalize_username(username: str) -> str:
    return username.strip().lower()


def add_user(
    session: Session, username: str, display_name: str, role: UserRole, password_hash: str
) -> Account:
    name = normalize_username(username)
    if not name or len(name) > 64 or not name.replace("_", "").replace(".", "").isalnum():
        raise AccountError("bad_username", "letters, digits, '.' and '_' only, 1-64")
    if not display_name.strip() or len(display_name.strip()) > 80:
        raise AccountError("bad_display_name", "1-80 characters")
    if session.scalar(select(User).where(User.username == name)) is not None:
        raise AccountError("user_exists", name)
    user = User(
        username=name,
        display_name=display_name.strip(),
        role=role,
        password_hash=password_hash,
        created_at=now_utc(),
    )
    session.add(user)
    session.flush()
    return _account(user)


def find_user(session: Session, username: str) -> tuple[Account, str] | None:
    """The account and its password hash, or None."""
    user = session.scalar(select(User).where(User.username == normalize_username(username)))
    return None if user is None else (_account(user), user.password_hash)


def list_users(session: Session) -> list[Account]:
    return [_account(u) for u in session.scalars(select(User).order_by(User.username))]


def count_users(session: Session) -> int:
    return len(session.scalars(select(User.id)).all())


def set_disabled(session: Session, username: str, disabled: bool) -> Account:
    user = _require(session, username)
    user.disabled_at = now_utc() if disabled else None
    if disabled:
        revoke_tokens(session, user.id)
    return _account(user)


def rename(session: Session, username: str, display_name: str) -> Account:
    user = _require(session, username)
    user.display_name = display_name.strip()[:80]
    return _account(user)


def set_password(session: Session, username: str, password_hash: str) -> Account:
    user = _require(session, username)
    user.password_hash = password_hash
    revoke_tokens(session, user.id)
    return _account(user)


def disabled_among(session: Session, usernames: set[str]) -> list[str]:
    """Which of these usernames are disabled now (the server cuts their connections off)."""
    if not usernames:
        return []
    query = select(User.username).where(User.username.in_(usernames), User.disabled_at.is_not(None))
    return list(session.scalars(query))


def revoked_among(session: Session, hashes: set[str]) -> set[str]:
    """Which of these token hashes are revoked now."""
    if not hashes:
        return set()
    query = select(Token.token_hash).where(
        Token.token_hash.in_(hashes), Token.revoked_at.is_not(None)
    )
    return set(session.scalars(query))


def store_token(
    session: Session, user_id: int, kind: TokenKind, token: str, expires_at: datetime
) -> None:
    session.add(
        Token(
            user_id=user_id,
            kind=kind,
            token_hash=token_hash(token),
            created_at=now_utc(),
            expires_at=expires_at,
        )
    )


def find_token(session: Session, token: str) -> tuple[Token, Account] | None:
    row = session.execute(
        select(Token, User)
        .join(User, Token.user_id == User.id)
        .where(Token.token_hash == token_hash(token))
    ).first()
    return None if row is None else (row[0], _account(row[1]))


def revoke_token(session: Session, token_id: int) -> None:
    session.execute(update(Token).where(Token.id == token_id).values(revoked_at=now_utc()))


def revoke_tokens(session: Session, user_id: int) -> None:
    session.execute(
        update(Token)
        .where(Token.user_id == user_id, Token.revoked_at.is_(None))
        .values(revoked_at=now_utc())
    )


def audit(
    session: Session,
    kind: str,
    actor: str | None = None,
    subject: str | None = None,
    address: str | None = None,
    **detail: Any,
) -> None:
    session.add(
        AuditEvent(
            ts=now_utc(), kind=kind, actor=actor, subject=subject, address=address, detail=detail
        )
    )


def audit_events(session: Session, kind: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if kind is not None:
        query = query.where(AuditEvent.kind == kind)
    return list(session.scalars(query))


def add_abuse_report(session: Session, report: AbuseReport) -> None:
    session.add(report)


def abuse_reports(session: Session) -> list[AbuseReport]:
    return list(session.scalars(select(AbuseReport).order_by(AbuseReport.id)))


def _require(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == normalize_username(username)))
    if user is None:
        raise AccountError("no_such_user", normalize_username(username))
    return user
