"""The agent console driver (tests/helpers/agent_console_driver.py) as a child process: send
it commands, wait for the lines it prints, kill it like a crash would."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from tests.helpers.child_process import ChildProcess

LINE_TIMEOUT = 20.0
QUIT_TIMEOUT = 15.0


class ConsoleProcess(ChildProcess):
    def __init__(self, url: str, env: dict[str, str]) -> None:
        super().__init__(
            [sys.executable, "-m", "tests.helpers.agent_console_driver", url], env=env, stdin=True
        )

    def expect_rest(self, prefix: str, accept: Callable[[str], bool] = lambda _: True) -> str:
        """The rest of the next line starting with ``prefix`` that ``accept`` likes."""
        line = self.expect(
            lambda line: line.startswith(prefix) and accept(line[len(prefix) :]), LINE_TIMEOUT
        )
        return line[len(prefix) :]

    def expect_json(self, prefix: str, accept: Callable[[Any], bool]) -> Any:
        return json.loads(self.expect_rest(prefix, lambda rest: bool(accept(json.loads(rest)))))

    def quit(self) -> int:
        """Close stdin (the driver quits the app) and wait for its exit code."""
        self.close_stdin()
        return self.wait(QUIT_TIMEOUT, "did not quit when its stdin closed")
