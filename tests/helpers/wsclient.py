"""A small test client for the signaling server: typed answers, auto ids, scaled waits."""

from __future__ import annotations

import asyncio
import itertools
import json
from types import TracebackType
from typing import Any, TypeVar

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from signaling import protocol as p
from tests.helpers.accounts import PASSWORD, username_for
from tests.helpers.waits import scaled

M = TypeVar("M", bound=p.Message)

#: How long any single answer may take before the test fails.
ANSWER_TIMEOUT = 5.0


class Client:
    """One WebSocket connection to the server, used as ``async with Client(url) as c``.

    Everything received is parsed as a server message, so a malformed answer fails the
    test. :meth:`expect` insists on the *next* message: the server's answers on one
    connection are ordered, and an unexpected message is worth seeing.
    """

    def __init__(self, url: str, label: str = "c") -> None:
        self.url = url
        self.label = label
        self._ids = itertools.count(1)
        self._ws: ClientConnection | None = None
        self.identified: list[p.CustomerIdentified] = []
        self._want_identified = False
        #: The resume token of the customer's last ``admitted`` (see ``admitted_session``).
        self.admitted_token = ""

    @property
    def ws(self) -> ClientConnection:
        assert self._ws is not None, "connect() first"
        return self._ws

    async def connect(self) -> Client:
        self._ws = await connect(self.url, open_timeout=scaled(ANSWER_TIMEOUT))
        return self

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def __aenter__(self) -> Client:
        return await self.connect()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # ------------------------------------------------------------------ sending

    async def send_raw(self, data: str | bytes) -> None:
        await self.ws.send(data)

    async def send(self, type_: str, **fields: Any) -> None:
        """Send a message that expects no answer (``sdp``, ``ice``, ``share_status``)."""
        await self.send_raw(json.dumps({"type": type_, "v": 1, **fields}, ensure_ascii=False))

    async def request(self, type_: str, **fields: Any) -> str:
        """Send a request with a fresh ``id``; returns it (the answer carries it as ``re``)."""
        request_id = f"{self.label}-{next(self._ids)}"
        await self.send(type_, id=request_id, **fields)
        return request_id

    async def hello(self, role: str, name: str) -> p.Welcome:
        """A customer says hello; an agent signs in as the seeded account shown as ``name``."""
        if role == "agent":
            return await self.login(username_for(name))
        request_id = await self.request("hello", role=role, name=name, client="tests/1")
        return await self.expect(p.Welcome, re=request_id)

    async def login(self, username: str, password: str = PASSWORD) -> p.Welcome:
        request_id = await self.request("login", username=username, password=password)
        return await self.expect(p.Welcome, re=request_id)

    # ---------------------------------------------------------------- receiving

    async def recv(self, timeout: float = ANSWER_TIMEOUT) -> p.Message:
        """The next message, except ``customer_identified``: the server pushes it to the agent
        after every admission, and tests that do not ask for it keep it in ``identified``."""
        while True:
            async with asyncio.timeout(scaled(timeout)):
                data = await self.ws.recv()
            message = p.parse(data, direction="server")
            if isinstance(message, p.CustomerIdentified) and not self._want_identified:
                self.identified.append(message)
                continue
            return message

    async def expect(self, kind: type[M], timeout: float = ANSWER_TIMEOUT, **fields: Any) -> M:
        """The next message, which must be a ``kind`` whose ``fields`` have these values."""
        if kind is p.CustomerIdentified and self.identified:
            message: p.Message = self.identified.pop(0)
        else:
            self._want_identified = kind is p.CustomerIdentified
            try:
                message = await self.recv(timeout)
            finally:
                self._want_identified = False
        assert isinstance(message, kind), f"{self.label} expected {kind.__name__}, got {message}"
        for name, value in fields.items():
            assert getattr(message, name) == value, f"{self.label}: {name} of {message}"
        return message

    async def expect_error(self, code: p.ErrorCode, **fields: Any) -> p.Error:
        return await self.expect(p.Error, code=code, **fields)

    async def closed(self, timeout: float = ANSWER_TIMEOUT) -> tuple[ConnectionClosed, list[str]]:
        """Wait for the server to end the connection; returns why, and what came before."""
        before: list[str] = []
        async with asyncio.timeout(scaled(timeout)):
            try:
                while True:
                    data = await self.ws.recv()
                    before.append(data if isinstance(data, str) else data.decode())
            except ConnectionClosed as exc:
                return exc, before

    async def abort(self) -> None:
        """Drop the TCP connection without a close frame, as a crashed client would."""
        self.ws.transport.abort()
        await self.ws.wait_closed()


async def admitted_session(
    agent: Client,
    customer: Client,
    agent_name: str = "Taro",
    customer_name: str = "佐藤 花子",
    **contact: str,
) -> p.SessionCreated:
    """Sign the agent in, create a session, have the customer join it (with an optional
    ``email`` or ``customer_number``) and be admitted."""
    await agent.hello("agent", agent_name)
    created = await agent.expect(p.SessionCreated, re=await agent.request("create_session"))
    await customer.hello("customer", customer_name)
    join = await customer.request("join", code=created.code, **contact)
    await customer.expect(p.JoinPending, re=join)
    asked = await agent.expect(p.JoinRequest)
    await agent.request("admit", session_id=created.session_id, join_id=asked.join_id)
    await agent.expect(p.Admitted)
    customer.admitted_token = (await customer.expect(p.Admitted, re=join)).resume_token
    return created
