"""The customer's Qt-free client as a separate process, driven by JSON lines on stdin.

It runs the same ``CustomerClient`` the customer app uses, capturing the real X display
it is started on. Every event and every command's result is printed as a JSON line.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import json
import sys
from typing import Any

import msgspec

from assist.core import events as ev
from assist.core.customer import CustomerClient
from assist.core.errors import AssistError


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, AssistError):
        return value.code.value
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, msgspec.Struct):
        return msgspec.to_builtins(value)
    return value


def say(**fields: Any) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def emit(event: ev.Event) -> None:
    say(event=type(event).__name__, **_plain(event))


async def run(url: str, name: str) -> None:
    client = CustomerClient(url, name, emit)
    await client.connect()
    say(reply="connect", ok=True)
    reader = asyncio.StreamReader()
    await asyncio.get_running_loop().connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), sys.stdin
    )
    while line := await reader.readline():
        command = json.loads(line)
        cmd = command.pop("cmd")
        try:
            result = await handle(client, cmd, command)
        except AssistError as exc:
            say(reply=cmd, ok=False, error=exc.code.value)
        else:
            say(reply=cmd, ok=True, **result)
        if cmd == "close":
            return
    await client.close()


async def handle(client: CustomerClient, cmd: str, args: dict[str, Any]) -> dict[str, Any]:
    if cmd == "join":
        pending = await client.join(args["code"])
        return {"agent_name": pending.agent_name, "org_name": pending.org_name}
    if cmd == "allow":
        await client.allow(args.get("screen", 1))
    elif cmd == "stop":
        await client.stop_sharing()
    elif cmd == "chat":
        assert client.session_id is not None
        await client.send_chat(client.session_id, args["text"])
    elif cmd == "probe":
        stats = await client.stats()
        return {
            "grab_count": client.grab_count,
            "packets_sent": stats.packets_sent if stats else 0,
            "codec": stats.codec if stats else None,
        }
    elif cmd == "close":
        await client.close()
    else:
        raise ValueError(cmd)
    return {}


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1], sys.argv[2]))
