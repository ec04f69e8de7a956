"""Stands in for the agent at the console's start-up questions (assist/agent/startup_dialogs):
answers from lists, records what each question showed."""

from __future__ import annotations

from collections.abc import Iterable

from assist.agent.startup_dialogs import ServerChoice, SignIn


class ScriptedAgent:
    def __init__(
        self,
        sign_ins: Iterable[tuple[str, str, bool]] = (),
        servers: Iterable[ServerChoice] = (),
        names: tuple[str, str] | None = None,
    ) -> None:
        self.sign_ins = list(sign_ins)
        self.servers = list(servers)
        self.names_answer = names
        #: The error each sign-in question showed ("" the first time).
        self.sign_in_errors: list[str] = []
        #: (error, what had been tried) for each "cannot connect" question.
        self.server_errors: list[tuple[str, ServerChoice]] = []
        self.names_asked = 0

    def sign_in(self, url: str, username: str, can_remember: bool, error: str) -> SignIn | None:
        self.sign_in_errors.append(error)
        if not self.sign_ins:
            return None
        return SignIn(*self.sign_ins.pop(0))

    def server_failed(self, error: str, tried: ServerChoice) -> ServerChoice | None:
        self.server_errors.append((error, tried))
        return self.servers.pop(0) if self.servers else None

    def names(self, name: str, org: str) -> tuple[str, str] | None:
        self.names_asked += 1
        return self.names_answer
