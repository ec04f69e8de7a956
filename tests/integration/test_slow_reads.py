"""A slow history read does not hold up the rest of the agent's connection: while a search
is still being answered, the agent's chat in a live session is stored and relayed, and the
search's answer arrives afterwards under its own id."""

from __future__ import annotations

import asyncio
from pathlib import Path

from signaling import protocol as p
from signaling.history_reader import HistoryRequest
from signaling.registry_types import PeerId
from signaling.server import ServerConfig, SignalingServer
from signaling.store.db import open_database
from tests.helpers.accounts import seed_database
from tests.helpers.wsclient import Client, admitted_session


async def test_chat_goes_on_while_a_search_is_answered(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/server.db"
    seed_database(url)
    database = open_database(url)
    running = SignalingServer(ServerConfig(port=0), database)
    release = asyncio.Event()
    answer = running.history.handle

    async def slow(peer_id: PeerId, message: HistoryRequest) -> list[tuple[PeerId, p.Message]]:
        await release.wait()  # a search over years of history
        return await answer(peer_id, message)

    running.history.handle = slow  # type: ignore[method-assign]
    await running.start()
    try:
        async with Client(running.url, "a") as agent, Client(running.url, "c") as customer:
            created = await admitted_session(agent, customer)
            search = await agent.request("search", query="返金")
            chat = await agent.request(
                "chat", session_id=created.session_id, msg_id="m1", text="少々お待ちください"
            )
            await agent.expect(p.ChatMessage, re=chat)  # not behind the search
            await customer.expect(p.ChatMessage, text="少々お待ちください")
            release.set()
            await agent.expect(p.SearchResults, re=search)
    finally:
        await running.close()
        database.close()
