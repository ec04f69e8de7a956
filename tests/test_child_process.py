"""The suite's one process wrapper (tests/helpers/child_process.py): waits for lines, says
what the process printed when they do not come, and leaves no pipe or thread behind."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
import time

import pytest

from tests.helpers.child_process import ChildProcess, Exactly

ECHO = "import sys\nfor line in sys.stdin:\n    print('echo', line.strip(), flush=True)\n"


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_lines_are_waited_for_by_prefix_regex_or_whole_and_taken_in_order() -> None:
    with ChildProcess(python(ECHO), stdin=True) as child:
        for word in ("one", "two", "three", "four"):
            child.send(word)
        assert child.expect("echo t") == "echo two"  # "echo one" skipped
        assert child.expect_match(r"echo (\w+)").group(1) == "three"
        assert child.expect_lines(Exactly("echo four")) == ["echo four"]
        child.send("five")
        assert child.next_line() == "echo five"
        assert child.lines == ["echo one", "echo two", "echo three", "echo four", "echo five"]
        child.close_stdin()
        assert child.wait() == 0


def test_a_line_that_never_comes_fails_with_what_was_printed_and_the_exit_code() -> None:
    code = "import sys\nprint('started')\nprint('boom', file=sys.stderr)\nsys.exit(3)"
    started = time.monotonic()
    with ChildProcess(python(code)) as child, pytest.raises(AssertionError) as failed:
        child.expect("ready", timeout=60)
    assert time.monotonic() - started < 30  # it ended: the wait did not go on
    message = str(failed.value)
    assert "no line starting 'ready'" in message and "exit code 3" in message
    assert "started" in message and "boom" in message


def test_a_wait_times_out_on_a_process_that_goes_on_silently() -> None:
    with ChildProcess(python(ECHO), stdin=True) as child:
        child.send("one")
        with pytest.raises(AssertionError, match="not within .* still running"):
            child.expect(re.compile("two"), timeout=0.5)
        child.quiet_for(0.3)
        child.send("three")
        with pytest.raises(AssertionError, match="expected silence, got 'echo three'"):
            child.quiet_for(10)


def test_stderr_alone_is_read_as_a_log() -> None:
    code = "import sys\nprint('to stdout')\nprint('Listening on 42', file=sys.stderr)"
    with ChildProcess(python(code), read=["stderr"]) as child:
        assert child.expect_match(r"Listening on (\d+)").group(1) == "42"
        assert child.wait() == 0
        assert child.output == "Listening on 42\n" and child.stdout is None


async def test_a_coroutine_waits_for_a_line_while_its_loop_runs_on() -> None:
    with ChildProcess(python(ECHO), stdin=True) as child:
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        ticker = asyncio.create_task(tick())
        asyncio.get_running_loop().call_later(0.2, child.send, "late")
        assert await child.expect_async("echo late") == "echo late"
        ticker.cancel()
        assert ticks > 5


def test_terminate_sends_sigterm_once_and_kill_and_close_can_follow() -> None:
    code = "import signal, time\nprint('up', flush=True)\nsignal.pause()"
    child = ChildProcess(python(code))
    child.expect("up")
    assert child.terminate() == -signal.SIGTERM
    assert child.terminate() == -signal.SIGTERM  # again: the same code, no second signal
    assert child.kill() == -signal.SIGTERM
    child.close()
    assert child.process.stdout is not None and child.process.stdout.closed


def test_a_process_that_ignores_sigterm_fails_the_test_and_is_killed() -> None:
    code = (
        "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "print('up', flush=True)\nsignal.pause()"
    )
    child = ChildProcess(python(code))
    child.expect("up")
    with pytest.raises(AssertionError, match="ignored SIGTERM"):
        child.terminate(timeout=0.5)
    assert child.process.returncode == -signal.SIGKILL
