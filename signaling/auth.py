"""Agent sign-in: Argon2id passwords, short-lived access tokens with rotating refresh tokens,
and login limits that never reveal whether a username exists.

Everything here blocks (Argon2 takes ~50 ms by design, the database is synchronous): the
server runs it on its one database thread, which also keeps the limiters single-threaded.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from signaling.protocol import ErrorCode, ProtocolError
from signaling.ratelimit import FailureLimiter, address_key
from signaling.store import accounts as acc
from signaling.store.db import Database
from signaling.store.models import Token, TokenKind, UserRole

ACCESS_TTL: Final = 15 * 60.0
REFRESH_TTL: Final = 30 * 24 * 3600.0
#: Wrong passwords allowed per username, and per address, within 15 minutes.
LOGIN_FAILURES_PER_ACCOUNT: Final = (5, 900.0)
LOGIN_FAILURES_PER_ADDRESS: Final = (20, 900.0)
MIN_PASSWORD_CHARS: Final = 10


def password_hasher() -> PasswordHasher:
    """Argon2id at the OWASP minimum: 19 MiB, two passes, one lane."""
    return PasswordHasher(memory_cost=19 * 1024, time_cost=2, parallelism=1)


class AuthError(ProtocolError):
    """Sign-in failed: ``bad_credentials``, ``account_disabled``, ``token_expired``, …"""

    def __init__(self, code: ErrorCode, detail: str = "", retry_after: float = 0.0) -> None:
        super().__init__(code, detail)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Grant:
    """What a successful sign-in or refresh hands the client."""

    account: acc.Account
    access_token: str
    refresh_token: str
    access_expires_in: float


class Authenticator:
    def __init__(
        self,
        database: Database,
        clock: Callable[[], float] = time.time,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._hasher = hasher or password_hasher()
        # Verified against when the username is unknown, so both cases cost the same.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
        self._per_account = FailureLimiter(*LOGIN_FAILURES_PER_ACCOUNT)
        self._per_address = FailureLimiter(*LOGIN_FAILURES_PER_ADDRESS)

    def hash_password(self, password: str) -> str:
        if len(password) < MIN_PASSWORD_CHARS:
            raise acc.AccountError("weak_password", f"at least {MIN_PASSWORD_CHARS} characters")
        return self._hasher.hash(password)

    def login(self, username: str, password: str, address: str) -> Grant:
        """Check a password. Unknown user and wrong password get the same answer and cost."""
        name = acc.normalize_username(username)
        now = self._clock()
        wait = max(
            self._per_account.retry_after(name, now),
            self._per_address.retry_after(address_key(address), now),
        )
        if wait > 0:
            self._audit("login_limited", subject=name, address=address)
            raise AuthError(ErrorCode.RATE_LIMITED, "too many failed sign-ins", wait)
        with self._db.session() as session:
            found = acc.find_user(session, name)
        account, stored = found if found is not None else (None, self._dummy_hash)
        if not self._password_matches(stored, password) or account is None:
            self._per_account.record(name, now)
            self._per_address.record(address_key(address), now)
            self._audit("login_failed", subject=name, address=address)
            raise AuthError(ErrorCode.BAD_CREDENTIALS, "wrong username or password")
        if account.disabled:
            self._audit("login_disabled", subject=name, address=address)
            raise AuthError(ErrorCode.ACCOUNT_DISABLED)
        self._per_account.forget(name)
        if self._hasher.check_needs_rehash(stored):
            with self._db.session() as session:
                acc.set_password(session, name, self._hasher.hash(password))
        self._audit("login", actor=name, address=address)
        return self.issue(account)

    def refresh(self, refresh_token: str, address: str) -> Grant:
        """Trade a refresh token for new tokens; the old refresh token stops working."""
        try:
            with self._db.session() as session:
                token, account = self._valid_token(session, refresh_token, TokenKind.REFRESH)
                acc.revoke_token(session, token.id)
        except _ReusedRefreshToken as reused:
            # A rotated refresh token came back: someone kept a copy. Sign the account out
            # everywhere; the rightful owner signs in again with the password.
            with self._db.session() as session:
                acc.revoke_tokens(session, reused.account.id)
                acc.audit(session, "refresh_token_reused", subject=reused.account.username)
            raise AuthError(ErrorCode.TOKEN_INVALID) from None
        self._audit("token_refreshed", actor=account.username, address=address)
        return self.issue(account)

    def verify(self, access_token: str) -> acc.Account:
        """The signed-in account behind an access token, or ``AuthError``."""
        with self._db.session() as session:
            _, account = self._valid_token(session, access_token, TokenKind.ACCESS)
        return account

    def issue(self, account: acc.Account) -> Grant:
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = datetime.fromtimestamp(self._clock(), UTC)
        with self._db.session() as session:
            acc.store_token(
                session, account.id, TokenKind.ACCESS, access, now + timedelta(seconds=ACCESS_TTL)
            )
            acc.store_token(
                session,
                account.id,
                TokenKind.REFRESH,
                refresh,
                now + timedelta(seconds=REFRESH_TTL),
            )
        return Grant(account, access, refresh, ACCESS_TTL)

    def ensure_local_agent(self, display_name: str) -> acc.Account:
        """The built-in server's own agent account (no password can sign in to it)."""
        with self._db.session() as session:
            found = acc.find_user(session, "local")
            if found is None:
                unusable = "!" + secrets.token_urlsafe(24)  # never a valid Argon2 hash
                return acc.add_user(session, "local", display_name, UserRole.AGENT, unusable)
            return acc.rename(session, "local", display_name)

    def _valid_token(
        self, session: Session, token: str, kind: TokenKind
    ) -> tuple[Token, acc.Account]:
        found = acc.find_token(session, token) if token else None
        if found is None or found[0].kind is not kind:
            raise AuthError(ErrorCode.TOKEN_INVALID)
        if found[0].revoked_at is not None:
            if kind is TokenKind.REFRESH:
                raise _ReusedRefreshToken(found[1])
            raise AuthError(ErrorCode.TOKEN_INVALID)
        record, account = found
        expires = record.expires_at.replace(tzinfo=record.expires_at.tzinfo or UTC)
        if expires.timestamp() <= self._clock():
            raise AuthError(ErrorCode.TOKEN_EXPIRED)
        if account.disabled:
            raise AuthError(ErrorCode.ACCOUNT_DISABLED)
        return record, account

    def _password_matches(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def _audit(self, kind: str, **fields: str | None) -> None:
        with self._db.session() as session:
            acc.audit(session, kind, **fields)


class _ReusedRefreshToken(Exception):
    def __init__(self, account: acc.Account) -> None:
        super().__init__(account.username)
        self.account = account
