"""For tests of the ``assist-signaling`` admin commands run in-process: typed answers on
what looks like a terminal, and the logging ``main`` sets up taken back afterwards."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager


class Terminal(io.StringIO):
    """Typed answers on what looks like a terminal."""

    def isatty(self) -> bool:
        return True


@contextmanager
def logging_restored() -> Iterator[None]:
    """``main`` sets up the root logger for a real run; later tests get theirs back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
