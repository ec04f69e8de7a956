"""Agent sign-in against a real SQLite file: passwords, tokens, login limits, the audit trail."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from signaling.auth import ACCESS_TTL, LOGIN_FAILURES_PER_ADDRESS, Authenticator, AuthError
from signaling.protocol import ErrorCode
from signaling.store import accounts as acc
from signaling.store.db import Database, open_database
from signaling.store.models import UserRole

PASSWORD = "correct horse battery staple"
ADDRESS = "203.0.113.7"
START = 1_700_000_000.0


class FakeClock:
    """Seconds since the epoch that only move when the test says so."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path}/a.db")
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def auth(database: Database, clock: FakeClock) -> Authenticator:
    authenticator = Authenticator(database, clock)
    with database.session() as session:
        acc.add_user(
            session, "ann", "Ann Agent", UserRole.AGENT, authenticator.hash_password(PASSWORD)
        )
    return authenticator


def error_of(call: object, *args: str) -> AuthError:
    assert callable(call)
    with pytest.raises(AuthError) as caught:
        call(*args)
    return caught.value


# ------------------------------------------------------------------ passwords


def test_login_returns_the_account_and_two_distinct_tokens(auth: Authenticator) -> None:
    grant = auth.login("  Ann ", PASSWORD, ADDRESS)  # usernames are trimmed and case-folded
    assert (grant.account.username, grant.account.display_name) == ("ann", "Ann Agent")
    assert grant.account.role is UserRole.AGENT and not grant.account.disabled
    assert grant.access_expires_in == ACCESS_TTL
    assert len(grant.access_token) >= 32 and len(grant.refresh_token) >= 32
    assert grant.access_token != grant.refresh_token
    assert auth.verify(grant.access_token) == grant.account


@pytest.mark.parametrize(
    ("username", "password"),
    [("ann", "wrong horse battery staple"), ("nobody", PASSWORD)],
    ids=["wrong-password", "unknown-user"],
)
def test_wrong_password_and_unknown_user_get_the_same_answer(
    auth: Authenticator, username: str, password: str
) -> None:
    error = error_of(auth.login, username, password, ADDRESS)
    assert (error.code, error.detail, error.retry_after) == (
        ErrorCode.BAD_CREDENTIALS,
        "wrong username or password",
        0.0,
    )


def test_wrong_password_and_unknown_user_take_comparable_time(
    auth: Authenticator, clock: FakeClock
) -> None:
    """Timed in pairs, one right after the other and in alternating order, so a busy machine
    slows both alike; the median of the pairs' ratios ignores the odd pair a spike hit.
    Skipping the hash for unknown users makes the ratio a hundredfold."""

    def seconds(username: str, address: str) -> float:
        started = time.perf_counter()
        error_of(auth.login, username, "wrong horse battery staple", address)
        return time.perf_counter() - started

    auth.login("ann", PASSWORD, ADDRESS)  # warm up the database connection
    ratios = []
    for pair in range(16):
        if pair % 4 == 0:
            clock.advance(901)  # past the five-failures-per-account window
        address = f"198.51.100.{pair}"
        if pair % 2:
            unknown, wrong = seconds(f"nobody{pair}", address), seconds("ann", address)
        else:
            wrong, unknown = seconds("ann", address), seconds(f"nobody{pair}", address)
        ratios.append(wrong / unknown)
    assert 0.5 < statistics.median(ratios) < 2, sorted(ratios)


def test_a_disabled_account_cannot_sign_in(auth: Authenticator, database: Database) -> None:
    with database.session() as session:
        acc.set_disabled(session, "ann", True)
    assert error_of(auth.login, "ann", PASSWORD, ADDRESS).code is ErrorCode.ACCOUNT_DISABLED
    # A wrong password still says nothing about the account's state.
    wrong = error_of(auth.login, "ann", "wrong horse battery staple", ADDRESS)
    assert wrong.code is ErrorCode.BAD_CREDENTIALS


def test_the_password_is_stored_as_argon2id_at_the_owasp_minimum(
    auth: Authenticator, database: Database
) -> None:
    with database.session() as session:
        found = acc.find_user(session, "ann")
    assert found is not None
    stored = found[1]
    assert PASSWORD not in stored
    _, variant, version, params, salt, digest = stored.split("$")
    assert (variant, version) == ("argon2id", "v=19")
    assert dict(kv.split("=") for kv in params.split(",")) == {"m": "19456", "t": "2", "p": "1"}
    assert salt and digest


def test_short_passwords_are_refused(auth: Authenticator) -> None:
    with pytest.raises(acc.AccountError) as caught:
        auth.hash_password("123456789")
    assert caught.value.code == "weak_password"


# --------------------------------------------------------------------- tokens


def test_an_access_token_expires_after_access_ttl(auth: Authenticator, clock: FakeClock) -> None:
    grant = auth.login("ann", PASSWORD, ADDRESS)
    clock.advance(ACCESS_TTL - 1)
    assert auth.verify(grant.access_token).username == "ann"
    clock.advance(2)
    assert error_of(auth.verify, grant.access_token).code is ErrorCode.TOKEN_EXPIRED


@pytest.mark.parametrize(
    "token", ["", "x" * 43, "not a token at all"], ids=["empty", "random", "junk"]
)
def test_unknown_tokens_are_invalid(auth: Authenticator, token: str) -> None:
    auth.login("ann", PASSWORD, ADDRESS)
    assert error_of(auth.verify, token).code is ErrorCode.TOKEN_INVALID
    assert error_of(auth.refresh, token, ADDRESS).code is ErrorCode.TOKEN_INVALID


def test_a_refresh_token_is_not_an_access_token(auth: Authenticator) -> None:
    grant = auth.login("ann", PASSWORD, ADDRESS)
    assert error_of(auth.verify, grant.refresh_token).code is ErrorCode.TOKEN_INVALID
    assert error_of(auth.refresh, grant.access_token, ADDRESS).code is ErrorCode.TOKEN_INVALID


def test_refresh_rotates_the_refresh_token(auth: Authenticator) -> None:
    first = auth.login("ann", PASSWORD, ADDRESS)
    second = auth.refresh(first.refresh_token, ADDRESS)
    assert second.account.username == "ann"
    assert {second.access_token, second.refresh_token}.isdisjoint(
        {first.access_token, first.refresh_token}
    )
    assert auth.verify(second.access_token).username == "ann"
    third = auth.refresh(second.refresh_token, ADDRESS)
    assert third.account.username == "ann"
    again = error_of(auth.refresh, second.refresh_token, ADDRESS)  # rotated away
    assert again.code is ErrorCode.TOKEN_INVALID


def test_disabling_an_account_ends_its_tokens(auth: Authenticator, database: Database) -> None:
    grant = auth.login("ann", PASSWORD, ADDRESS)
    with database.session() as session:
        acc.set_disabled(session, "ann", True)
    assert error_of(auth.verify, grant.access_token).code is ErrorCode.TOKEN_INVALID
    assert error_of(auth.refresh, grant.refresh_token, ADDRESS).code is ErrorCode.TOKEN_INVALID


# -------------------------------------------------------------- brute force


def test_five_wrong_passwords_lock_the_username_for_15_minutes(
    auth: Authenticator, clock: FakeClock
) -> None:
    for _ in range(5):
        error_of(auth.login, "ann", "wrong horse battery staple", ADDRESS)
        clock.advance(1)
    # The sixth attempt is refused before the password is looked at, from any address.
    limited = error_of(auth.login, "ANN", PASSWORD, "192.0.2.99")
    assert limited.code is ErrorCode.RATE_LIMITED
    assert 0 < limited.retry_after <= 900 - 5 + 1e-6
    clock.advance(limited.retry_after)
    assert auth.login("ann", PASSWORD, ADDRESS).account.username == "ann"


def test_unknown_usernames_are_limited_like_real_ones(auth: Authenticator) -> None:
    for _ in range(5):
        error_of(auth.login, "nobody", PASSWORD, ADDRESS)
    assert error_of(auth.login, "nobody", PASSWORD, ADDRESS).code is ErrorCode.RATE_LIMITED


def test_twenty_failures_from_one_address_limit_that_address_only(
    auth: Authenticator, clock: FakeClock
) -> None:
    failures, _window = LOGIN_FAILURES_PER_ADDRESS
    assert failures == 20
    for i in range(failures):
        error_of(auth.login, f"guess{i}", "wrong horse battery staple", ADDRESS)
    limited = error_of(auth.login, "ann", PASSWORD, ADDRESS)
    assert limited.code is ErrorCode.RATE_LIMITED and limited.retry_after > 0
    assert auth.login("ann", PASSWORD, "203.0.113.8").account.username == "ann"
    clock.advance(15 * 60)
    assert auth.login("ann", PASSWORD, ADDRESS).account.username == "ann"


# -------------------------------------------------------------------- audit


def test_sign_ins_and_failures_are_audited(auth: Authenticator, database: Database) -> None:
    auth.login("ann", PASSWORD, ADDRESS)
    error_of(auth.login, "Ann", "wrong horse battery staple", "192.0.2.1")
    error_of(auth.login, "nobody", "wrong horse battery staple", "192.0.2.2")
    with database.session() as session:
        logins = [(e.actor, e.address) for e in acc.audit_events(session, "login")]
        failures = [(e.subject, e.address) for e in acc.audit_events(session, "login_failed")]
        everything = " ".join(
            f"{e.kind} {e.actor} {e.subject} {e.detail}" for e in acc.audit_events(session)
        )
    assert logins == [("ann", ADDRESS)]
    assert failures == [("ann", "192.0.2.1"), ("nobody", "192.0.2.2")]
    assert "horse" not in everything  # never a password, right or wrong


def test_a_reused_refresh_token_signs_the_account_out_everywhere(
    auth: Authenticator, database: Database
) -> None:
    first = auth.login("ann", PASSWORD, ADDRESS)
    second = auth.refresh(first.refresh_token, ADDRESS)  # rotation: first's token is dead
    assert error_of(auth.refresh, first.refresh_token, ADDRESS).code is ErrorCode.TOKEN_INVALID
    # The copy came back, so the legitimate newer tokens stop working too.
    assert error_of(auth.verify, second.access_token).code is ErrorCode.TOKEN_INVALID
    assert error_of(auth.refresh, second.refresh_token, ADDRESS).code is ErrorCode.TOKEN_INVALID
    with database.session() as session:
        assert acc.audit_events(session, "refresh_token_reused")


def test_addresses_in_one_ipv6_64_share_a_limit(auth: Authenticator) -> None:
    for n in range(LOGIN_FAILURES_PER_ADDRESS[0]):
        error_of(auth.login, f"nobody{n}", "wrong password", f"2001:db8:1:2::{n + 1:x}")
    limited = error_of(auth.login, "ann", PASSWORD, "2001:db8:1:2:ffff::9")
    assert limited.code is ErrorCode.RATE_LIMITED
    assert auth.login("ann", PASSWORD, "2001:db8:1:3::1").account.username == "ann"
