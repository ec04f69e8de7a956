""" "Remember me": the agent's refresh token in the OS keyring, never the password.

Where no keyring backend exists (a headless Linux without Secret Service), nothing is
stored and :func:`keyring_available` says so, so the sign-in dialog can tell the agent.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors

logger = logging.getLogger(__name__)

SERVICE = "Assist agent console"


def keyring_available() -> bool:
    backend = keyring.get_keyring()
    priority = getattr(backend, "priority", 0)
    return bool(priority and priority > 0)


def _key(server: str, username: str) -> str:
    return f"{server}|{username}"


def load_refresh_token(server: str, username: str) -> str | None:
    if not keyring_available():
        return None
    try:
        return keyring.get_password(SERVICE, _key(server, username))
    except keyring.errors.KeyringError as exc:
        logger.warning("Could not read the keyring: %s", type(exc).__name__)
        return None


def save_refresh_token(server: str, username: str, token: str) -> bool:
    """Store the token; False when there is no keyring to store it in."""
    if not keyring_available():
        return False
    try:
        keyring.set_password(SERVICE, _key(server, username), token)
    except keyring.errors.KeyringError as exc:
        logger.warning("Could not write the keyring: %s", type(exc).__name__)
        return False
    return True


def forget_refresh_token(server: str, username: str) -> None:
    if not keyring_available():
        return
    try:
        keyring.delete_password(SERVICE, _key(server, username))
    except keyring.errors.KeyringError:
        pass
