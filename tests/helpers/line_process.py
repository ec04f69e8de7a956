"""A helper process on a test display that takes commands on stdin and answers in lines."""

from __future__ import annotations

import sys

from tests.helpers.child_process import ChildProcess, Exactly
from tests.helpers.xvfb import Display


class LineProcess(ChildProcess):
    """``python -m MODULE ARGS`` on ``display``: commands on stdin, answers on stdout (its
    stderr is read too, and shown when a wait fails)."""

    def __init__(
        self, display: Display, module: str, *args: str, env: dict[str, str] | None = None
    ) -> None:
        super().__init__(
            [sys.executable, "-m", module, *args], env=display.env(**(env or {})), stdin=True
        )

    def until(self, wanted: str, timeout: float = 15) -> list[str]:
        """The lines up to and including the one that is exactly ``wanted``."""
        return self.expect_lines(Exactly(wanted), timeout)

    def until_prefix(self, prefix: str, timeout: float = 15) -> str:
        """The first line that starts with ``prefix`` (the ones before are skipped)."""
        return self.expect(prefix, timeout)
