"""The house rules of the architecture (DESIGN.md), read off the imports: the wire format is
pure, the client core is Qt-free, and the client side uses nothing of the server but the
protocol both speak (the agent console's built-in server, started in assist/agent/startup.py,
is the one place an app runs server code, on purpose)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What of ``signaling`` the apps may use: the protocol's pure modules.
SHARED = {
    "signaling",
    "signaling.protocol",
    "signaling.codes",
    "signaling.envelope",
    "signaling.history_protocol",
}
PURE = [
    "signaling/protocol.py",
    "signaling/codes.py",
    "signaling/envelope.py",
    "signaling/history_protocol.py",
    "assist/core/guidance.py",
    "assist/core/presence.py",
]
EMBEDS_THE_SERVER = {"assist/agent/startup.py"}


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_the_apps_use_nothing_of_the_server_but_the_protocol() -> None:
    wrong = {
        str(path.relative_to(ROOT)): sorted(
            name
            for name in imports(path)
            if name.startswith("signaling.")
            and name not in SHARED
            and name.rsplit(".", 1)[0] not in SHARED - {"signaling"}
        )
        for path in sources("assist")
        if str(path.relative_to(ROOT)) not in EMBEDS_THE_SERVER
    }
    assert {path: names for path, names in wrong.items() if names} == {}


def test_the_client_core_is_qt_free() -> None:
    qt = {
        str(path.relative_to(ROOT))
        for path in sources("assist/core")
        if any(name.startswith("PySide6") for name in imports(path))
    }
    assert qt == set()


def test_the_wire_formats_import_no_event_loop_socket_or_qt() -> None:
    io = ("asyncio", "websockets", "socket", "PySide6", "aiortc", "sqlalchemy")
    wrong = {
        module: sorted(n for n in imports(ROOT / module) if n.split(".")[0] in io)
        for module in PURE
    }
    assert {module: names for module, names in wrong.items() if names} == {}
