"""The agent's Qt-free client as a process a test can kill or freeze, as a crash or a dead
link would: ``python -m tests.helpers.agent_peer URL|embedded DB_URL``.

With ``embedded`` it runs the signaling server in the same process, as the console does
when no server is configured (so killing it takes the server along); otherwise it signs in
to URL as ``taro``. It opens one session, admits whoever joins, and prints lines:
``url URL`` (embedded only), ``code CODE``, ``admitted SESSION_ID``.
"""

from __future__ import annotations

import asyncio
import sys

from assist.core import events as ev
from assist.core.agent import AccessToken, AgentClient, Credentials, Password
from signaling.server import ServerConfig, SignalingServer
from signaling.store.db import open_database
from tests.helpers.accounts import PASSWORD


def say(line: str) -> None:
    print(line, flush=True)


async def run(url: str, db_url: str) -> None:
    credentials: Credentials = Password("taro", PASSWORD)
    if url == "embedded":
        server = SignalingServer(
            ServerConfig(port=0, org_name="Acme Support"), open_database(db_url)
        )
        await server.start()
        grant = await server.issue_local_grant("Taro")
        url, credentials = server.url, AccessToken(grant.access_token)
        say(f"url {url}")
    joins: asyncio.Queue[ev.JoinRequested] = asyncio.Queue()

    def emit(event: ev.Event) -> None:
        if isinstance(event, ev.JoinRequested):
            joins.put_nowait(event)
        elif isinstance(event, ev.CustomerAdmitted):
            say(f"admitted {event.session_id}")

    client = AgentClient(url, credentials, emit)
    await client.connect()
    created = await client.new_session()
    say(f"code {created.code}")
    request = await joins.get()
    await client.admit(created.session_id, request.join_id)
    await asyncio.Event().wait()  # until killed


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1], sys.argv[2]))
