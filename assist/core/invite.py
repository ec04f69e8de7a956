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


_DEFAULT_PORTS = {"ws": 80, "wss": 443}


def display_host(url: str) -> str:
    """The server's host (and port) as it is safe to show: a name with non-ASCII letters is
    shown in its punycode form (``xn--…``), so a look-alike cannot pass for the real one."""
    parts = urlsplit(url)
    host = parts.hostname or url
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = host.encode("ascii", "backslashreplace").decode("ascii")
    return f"{host}:{parts.port}" if parts.port else host


def same_server(a: str, b: str) -> bool:
    """Whether two server URLs name the same endpoint (scheme, host, port; case and a
    default port or trailing slash do not matter)."""

    def key(url: str) -> tuple[str, str, int | None]:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        return scheme, (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(scheme)

    return key(a) == key(b)
