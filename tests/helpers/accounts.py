"""Agent accounts every test server starts with (one password for all of them)."""

from __future__ import annotations

from signaling.auth import Authenticator
from signaling.store import accounts as acc
from signaling.store.db import open_database
from signaling.store.models import UserRole

PASSWORD = "correct horse battery staple"

#: username -> (display name, role)
ACCOUNTS: dict[str, tuple[str, UserRole]] = {
    "ann": ("Ann Agent", UserRole.AGENT),
    "taro": ("Taro", UserRole.AGENT),
    "jiro": ("山田 次郎", UserRole.AGENT),
    "yamada": ("山田 太郎", UserRole.AGENT),
    "ada": ("Ada Admin", UserRole.ADMIN),
}


def username_for(display_name: str) -> str:
    return next(name for name, (shown, _) in ACCOUNTS.items() if shown == display_name)


def seed_database(url: str) -> None:
    """Create the schema and the accounts above."""
    database = open_database(url)
    try:
        auth = Authenticator(database)
        password_hash = auth.hash_password(PASSWORD)
        with database.session() as session:
            for username, (display_name, role) in ACCOUNTS.items():
                if acc.find_user(session, username) is None:  # seeding twice is harmless
                    acc.add_user(session, username, display_name, role, password_hash)
    finally:
        database.close()
