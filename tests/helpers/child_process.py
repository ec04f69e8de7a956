"""The one way tests run a helper or an app as a child process and read what it prints.

:class:`LineReader` reads one text stream (stdout, or the stderr an app logs to) on a thread,
keeps every line, and lets a test wait for the one it wants, from a thread or a coroutine.
:class:`ChildProcess` starts the process with a reader for each stream it reads, and however it
is stopped (SIGKILL, SIGTERM, stdin closed) joins the readers and closes the pipes, so no
ResourceWarning is left behind."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Literal, Self

from tests.helpers.waits import scaled

ROOT = Path(__file__).resolve().parents[2]


class Exactly:
    """The line that is ``text``, all of it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, line: str) -> bool:
        return line == self.text


#: A line wanted: one that starts with a prefix, one a regex finds something in, or a test.
Wanted = str | re.Pattern[str] | Exactly | Callable[[str], bool]
Stream = Literal["stdout", "stderr"]
EXPECT_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
#: How many of the last lines of each stream a failure shows.
SHOWN_LINES = 60


def as_test(wanted: Wanted) -> Callable[[str], bool]:
    if isinstance(wanted, str):
        return lambda line: line.startswith(wanted)
    if isinstance(wanted, re.Pattern):
        return lambda line: wanted.search(line) is not None
    return wanted


def describe(wanted: Wanted) -> str:
    if isinstance(wanted, str):
        return f"line starting {wanted!r}"
    if isinstance(wanted, re.Pattern):
        return f"line matching {wanted.pattern!r}"
    if isinstance(wanted, Exactly):
        return f"line {wanted.text!r}"
    return "line wanted"


class LineReader:
    """The lines of one text stream, read on a thread as they come. Waits take the lines in
    order, as from a queue: each line is looked at by one wait, the next starts after it."""

    def __init__(self, stream: IO[str], name: str) -> None:
        self.name = name
        self.lines: list[str] = []  # every line read so far, without its line end
        self.ended = False
        self._stream = stream
        self._next = 0  # the first line no wait has looked at
        self._changed = threading.Condition()
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []
        self._thread = threading.Thread(target=self._read, name=f"read {name}", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for line in self._stream:
                with self._changed:
                    self.lines.append(line.rstrip("\n"))
                    self._announce()
        finally:
            with self._changed:
                self.ended = True
                self._announce()

    def _announce(self) -> None:
        self._changed.notify_all()
        for loop, changed in self._waiters:
            loop.call_soon_threadsafe(changed.set)

    def _take(self, test: Callable[[str], bool], taken: list[str]) -> bool:
        """Move the lines not looked at yet into ``taken``, up to the first one wanted."""
        while self._next < len(self.lines):
            line = self.lines[self._next]
            self._next += 1
            taken.append(line)
            if test(line):
                return True
        return False

    def wait(self, wanted: Wanted, seconds: float) -> list[str] | None:
        """The lines through the next one wanted; None if the stream ends, or ``seconds``
        pass, first."""
        test, taken = as_test(wanted), []
        deadline = time.monotonic() + seconds
        with self._changed:
            while not self._take(test, taken):
                remaining = deadline - time.monotonic()
                if self.ended or remaining <= 0:
                    return None
                self._changed.wait(remaining)
        return taken

    async def wait_async(self, wanted: Wanted, seconds: float) -> list[str] | None:
        """:meth:`wait` for a coroutine: its event loop runs on meanwhile."""
        test, taken = as_test(wanted), []
        changed = asyncio.Event()
        waiter = (asyncio.get_running_loop(), changed)
        with self._changed:
            self._waiters.append(waiter)
        try:
            async with asyncio.timeout(seconds):
                while True:
                    with self._changed:
                        changed.clear()
                        if self._take(test, taken):
                            return taken
                        if self.ended:
                            return None
                    await changed.wait()
        except TimeoutError:
            return None
        finally:
            with self._changed:
                self._waiters.remove(waiter)

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def join(self, seconds: float) -> None:
        self._thread.join(seconds)


def name_of(argv: Sequence[str]) -> str:
    """``python -m MODULE …``: the module; else the program's file name."""
    if len(argv) > 2 and argv[1] == "-m":
        return argv[2]
    return os.path.basename(argv[0])


class ChildProcess:
    """``argv`` run in ``cwd`` (the repository) with ``env`` (this process's if None).

    Each stream named in ``read`` gets a :class:`LineReader` (:attr:`stdout`, :attr:`stderr`);
    the others go to /dev/null. Waits read the first stream named unless told another. With
    ``stdin`` the test can :meth:`send` lines. Use it as a context manager (it is killed at the
    end if still running), or stop it with :meth:`kill`, :meth:`terminate` or :meth:`wait`.
    Timeouts are in seconds, scaled here by the suite's factor."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        name: str | None = None,
        env: Mapping[str, str] | None = None,
        cwd: Path | str = ROOT,
        read: Iterable[Stream] = ("stdout", "stderr"),
        stdin: bool = False,
    ) -> None:
        self.name = name or name_of(argv)
        self.streams: tuple[Stream, ...] = tuple(read)
        self._sigterm_sent = False
        self._code: int | None = None
        self.process = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE if "stdout" in self.streams else subprocess.DEVNULL,
            stderr=subprocess.PIPE if "stderr" in self.streams else subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        out, err = self.process.stdout, self.process.stderr
        self.stdout = LineReader(out, f"{self.name} stdout") if out is not None else None
        self.stderr = LineReader(err, f"{self.name} stderr") if err is not None else None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # What it printed.

    def reader(self, stream: Stream | None = None) -> LineReader:
        named = stream or self.streams[0]
        found = self.stdout if named == "stdout" else self.stderr
        assert found is not None, f"{self.name}: its {named} is not read"
        return found

    @property
    def lines(self) -> list[str]:
        """Every line of the first stream read, so far."""
        return self.reader().lines

    @property
    def output(self) -> str:
        """Everything read so far; each stream under its name if two are read."""
        readers = [self.reader(stream) for stream in self.streams]
        if len(readers) == 1:
            return readers[0].text
        return "".join(f"--- {reader.name} ---\n{reader.text}" for reader in readers)

    def expect(
        self, wanted: Wanted, timeout: float = EXPECT_TIMEOUT, stream: Stream | None = None
    ) -> str:
        """The next line wanted (by prefix, regex or test); the lines before it are skipped.
        Fails showing what the process printed last, and its exit code if it ended."""
        return self.expect_lines(wanted, timeout, stream)[-1]

    def expect_lines(
        self, wanted: Wanted, timeout: float = EXPECT_TIMEOUT, stream: Stream | None = None
    ) -> list[str]:
        """The lines up to and including the next one wanted."""
        taken = self.reader(stream).wait(wanted, scaled(timeout))
        if taken is None:
            raise AssertionError(self._missing(wanted, timeout, stream))
        return taken

    def expect_match(
        self,
        pattern: str | re.Pattern[str],
        timeout: float = EXPECT_TIMEOUT,
        stream: Stream | None = None,
    ) -> re.Match[str]:
        """What ``pattern`` found in the next line it is found in."""
        regex = re.compile(pattern)
        found = regex.search(self.expect(regex, timeout, stream))
        assert found is not None
        return found

    async def expect_async(
        self, wanted: Wanted, timeout: float = EXPECT_TIMEOUT, stream: Stream | None = None
    ) -> str:
        """:meth:`expect` for a coroutine: its event loop runs on while it waits."""
        taken = await self.reader(stream).wait_async(wanted, scaled(timeout))
        if taken is None:
            raise AssertionError(self._missing(wanted, timeout, stream))
        return taken[-1]

    def next_line(self, timeout: float = EXPECT_TIMEOUT, stream: Stream | None = None) -> str:
        return self.expect(lambda _: True, timeout, stream)

    async def next_line_async(
        self, timeout: float = EXPECT_TIMEOUT, stream: Stream | None = None
    ) -> str:
        return await self.expect_async(lambda _: True, timeout, stream)

    def quiet_for(self, seconds: float, stream: Stream | None = None) -> None:
        """Fails if a line comes within ``seconds``: a measured time, so not scaled."""
        came = self.reader(stream).wait(lambda _: True, seconds)
        assert came is None, f"{self.name}: expected silence, got {came[-1]!r}"

    def _missing(self, wanted: Wanted, timeout: float, stream: Stream | None) -> str:
        reader = self.reader(stream)
        if reader.ended:
            why = f"{reader.name} ended, {self._exit_status()}"
        else:
            why = f"not within {scaled(timeout):.0f} s, {self._exit_status()}"
        tails = "".join(
            f"--- {shown.name}, last lines ---\n"
            + "".join(f"{line}\n" for line in shown.lines[-SHOWN_LINES:])
            for shown in (self.reader(s) for s in self.streams)
        )
        return f"{self.name}: no {describe(wanted)} ({why})\n{tails}"

    def _exit_status(self) -> str:
        try:  # a stream that ended: the process is ending too
            return f"exit code {self.process.wait(timeout=scaled(2))}"
        except subprocess.TimeoutExpired:
            return "still running"

    # Talking to it.

    def send(self, line: str) -> None:
        assert self.process.stdin is not None, f"{self.name} was started without stdin"
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def close_stdin(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except BrokenPipeError:  # it ended with a line still buffered
                pass

    def send_signal(self, sig: int) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)

    def send_sigterm(self) -> None:
        """SIGTERM, once: while an asyncio app shuts down, a second SIGTERM can arrive after
        it restored the default handler, and would kill it."""
        if not self._sigterm_sent and self.process.poll() is None:
            self._sigterm_sent = True
            self.process.send_signal(signal.SIGTERM)

    # Ending it.

    def wait(self, timeout: float = STOP_TIMEOUT, failure: str = "did not end") -> int:
        """Its exit code once it ends by itself; after ``timeout`` it is killed and the test
        fails with ``failure`` and what it printed."""
        if self._code is None:
            try:
                self.process.wait(timeout=scaled(timeout))
            except subprocess.TimeoutExpired:
                self.kill()
                raise AssertionError(f"{self.name} {failure}:\n{self.output}") from None
        return self._reap()

    def terminate(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM and wait; returns the exit code (again on later calls)."""
        self.send_sigterm()
        return self.wait(timeout, "ignored SIGTERM")

    def kill(self) -> int:
        """SIGKILL, as in a crash (nothing in it runs after this); returns the exit code."""
        if self._code is None and self.process.poll() is None:
            self.process.kill()
        return self._reap()

    def close(self) -> None:
        """Kill it if it still runs; harmless once it was stopped another way."""
        self.kill()

    def _reap(self) -> int:
        if self._code is None:
            self._code = self.process.wait()
            for reader in (self.stdout, self.stderr):
                if reader is not None:
                    reader.join(scaled(STOP_TIMEOUT))
            self.close_stdin()
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()
        return self._code
