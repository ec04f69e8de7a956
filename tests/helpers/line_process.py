"""A helper process on a test display that takes commands on stdin and answers in lines."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from tests.helpers.waits import scaled
from tests.helpers.xvfb import Display


class LineProcess:
    """``python -m MODULE ARGS`` on ``display``, its stdout lines collected by a thread."""

    def __init__(
        self, display: Display, module: str, *args: str, env: dict[str, str] | None = None
    ) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            env=display.env(**(env or {})),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def next_line(self, timeout: float = 10) -> str:
        return self.lines.get(timeout=scaled(timeout))

    def until(self, wanted: str, timeout: float = 15) -> list[str]:
        """The lines up to and including ``wanted``; fails naming what came instead."""
        return self.until_match(lambda line: line == wanted, timeout, wanted)

    def until_prefix(self, prefix: str, timeout: float = 15) -> str:
        """The first line that starts with ``prefix`` (the ones before are skipped)."""
        seen = self.until_match(lambda line: line.startswith(prefix), timeout, f"{prefix}…")
        return seen[-1]

    def until_match(
        self, wanted: Callable[[str], bool], timeout: float = 15, what: str = "line wanted"
    ) -> list[str]:
        deadline = time.monotonic() + scaled(timeout)
        seen: list[str] = []
        try:
            while not seen or not wanted(seen[-1]):
                seen.append(self.lines.get(timeout=max(0.0, deadline - time.monotonic())))
        except queue.Empty:
            raise AssertionError(f"no {what!r}; saw {seen[-20:]}") from None
        return seen

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=scaled(10))
        self.reader.join(timeout=scaled(10))
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.close()
        except BrokenPipeError:  # it was killed with a command still buffered
            pass
        self.proc.stdout.close()
