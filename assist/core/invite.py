"""Invite links: the server address and the code in one thing an agent can send.

``assist://join?server=ws%3A%2F%2F10.0.0.5%3A8765&code=123456789``. The code alone does not
say which server to use; the link does. Both apps parse it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from assist.core.errors import AssistError
from signaling.protocol import ErrorCode, normalize_code

SCHEME = "assist"


@dataclass(frozen=True)
class Invite:
    server: str
    code: str

    def link(self) -> str:
        return f"{SCHEME}://join?" + urlencode({"server": self.server, "code": self.code})


def parse_invite(text: str) -> Invite:
    """Read an invite link; raises ``AssistError(BAD_MESSAGE)`` or ``(CODE_MALFORMED)``."""
    parts = urlsplit(text.strip())
    if parts.scheme != SCHEME or parts.netloc != "join":
        raise AssistError(ErrorCode.BAD_MESSAGE, "not an assist:// invite link")
    query = parse_qs(parts.query)
    server = query.get("server", [""])[0]
    if urlsplit(server).scheme not in ("ws", "wss"):
        raise AssistError(ErrorCode.BAD_MESSAGE, "invite link without a ws:// or wss:// server")
    try:
        code = normalize_code(query.get("code", [""])[0])
    except Exception as exc:
        raise AssistError(ErrorCode.CODE_MALFORMED, str(exc)) from None
    return Invite(server, code)
