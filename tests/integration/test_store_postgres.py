"""The same store on a real PostgreSQL server: migrations, accounts, sign-in."""

from __future__ import annotations

import pytest

from signaling.auth import Authenticator, AuthError
from signaling.protocol import ErrorCode
from signaling.store import accounts as acc
from signaling.store.db import open_database
from signaling.store.models import UserRole


def test_migrations_accounts_and_sign_in_on_postgresql(postgres_url: str) -> None:
    database = open_database(postgres_url)
    try:
        assert database.engine.dialect.name == "postgresql"
        open_database(postgres_url).close()  # migrating again is harmless
        auth = Authenticator(database)
        with database.session() as session:
            acc.add_user(
                session,
                "Hanako",
                "佐藤 花子",
                UserRole.ADMIN,
                auth.hash_password("long password 1"),
            )
        grant = auth.login("hanako", "long password 1", "127.0.0.1")
        assert auth.verify(grant.access_token).display_name == "佐藤 花子"
        with pytest.raises(AuthError) as raised:
            auth.login("hanako", "wrong password", "127.0.0.1")
        assert raised.value.code is ErrorCode.BAD_CREDENTIALS
        with database.session() as session:
            kinds = [e.kind for e in acc.audit_events(session)]
        assert kinds[-2:] == ["login", "login_failed"]
    finally:
        database.close()
