"""The envelope every message shares: ``type`` (the msgspec tag), the version ``v`` and, for
requests, the ``id`` their answer echoes as ``re``; the size limits; and where the
envelope may travel unencrypted."""

from __future__ import annotations

import ipaddress
from typing import ClassVar, Final

import msgspec

from signaling.codes import Role

PROTOCOL_VERSION: Final = 1
SUPPORTED_VERSIONS: Final = frozenset({PROTOCOL_VERSION})

#: Largest message the server accepts, in bytes of UTF-8 JSON.
MAX_MESSAGE_BYTES: Final = 64 * 1024
#: Largest message a client accepts from the server (a customer's history, a transcript).
MAX_SERVER_MESSAGE_BYTES: Final = 8 * 1024 * 1024
#: Longest chat message, in characters.
MAX_CHAT_CHARS: Final = 8000
#: Longest private note, in characters.
MAX_NOTE_CHARS: Final = 20000
#: Longest display name, in characters.
MAX_NAME_CHARS: Final = 80


class Message(msgspec.Struct, tag_field="type", kw_only=True, forbid_unknown_fields=False):
    """Base of every message: the tag ``type`` and the version ``v``."""

    v: int = PROTOCOL_VERSION
    #: Which side may send this message; empty for server-to-client messages.
    senders: ClassVar[frozenset[Role]] = frozenset()


class Request(Message, kw_only=True):
    """A message that expects an answer: ``id`` is echoed back as ``re``."""

    id: str = msgspec.field(default="")


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: the only places plain ws:// may go (both
    sides hold to it: the server will not listen unencrypted elsewhere, the apps will not
    connect unencrypted elsewhere)."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
