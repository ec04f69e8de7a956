"""The agent console driver (tests/helpers/agent_console_driver.py) as a child process: send
it commands, wait for the lines it prints, kill it like a crash would."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers.waits import scaled

ROOT = Path(__file__).resolve().parents[2]
LINE_TIMEOUT = 20.0


class ConsoleProcess:
    def __init__(self, url: str, env: dict[str, str]) -> None:
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.agent_console_driver", url],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._readers = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self.errors.extend(self.process.stderr)

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def expect(self, prefix: str, accept: Callable[[str], bool] = lambda _: True) -> str:
        """The rest of the next line starting with ``prefix`` that ``accept`` likes."""
        while True:
            try:
                line = self._queue.get(timeout=scaled(LINE_TIMEOUT))
            except queue.Empty:
                line = None
            if line is None:
                raise AssertionError(f"no {prefix!r} line; printed:\n{self.output}")
            if line.startswith(prefix) and accept(line[len(prefix) :]):
                return line[len(prefix) :]

    def expect_json(self, prefix: str, accept: Callable[[Any], bool]) -> Any:
        return json.loads(self.expect(prefix, lambda rest: bool(accept(json.loads(rest)))))

    @property
    def output(self) -> str:
        return "\n".join(self.lines) + "\n--- stderr ---\n" + "".join(self.errors)

    def kill(self) -> None:
        """SIGKILL: nothing in the app gets to run after this, as in a crash."""
        self.process.kill()
        self._reap()

    def quit(self) -> int:
        """Close stdin (the driver quits the app) and wait."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self._reap()

    def _reap(self) -> int:
        try:
            code = self.process.wait(timeout=scaled(15))
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        for reader in self._readers:
            reader.join(timeout=scaled(5))
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None and not stream.closed:
                stream.close()
        return code
