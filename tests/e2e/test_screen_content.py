"""The screen benchmark's content app on a real 1920x1080 X display: what it says it stamped is
what a screen grab finds there, it goes quiet when told to, and one change is one stamp."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import mss
import numpy as np
import pytest

from benchmarks.screen import stamp
from tests.helpers.line_process import LineProcess
from tests.helpers.waits import scaled
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e


def stamps(lines: list[str]) -> list[tuple[int, int]]:
    """(counter, monotonic_ns) of the ``stamp`` lines."""
    out = []
    for line in lines:
        if line.startswith("stamp "):
            _, counter, ns = line.split()
            out.append((int(counter), int(ns)))
    return out


@contextmanager
def content_app(display: Display) -> Iterator[LineProcess]:
    """``python -m benchmarks.screen.content`` on the test display."""
    with LineProcess(display, "benchmarks.screen.content") as app:
        yield app


def grab_stamp(screen: mss.MSS, region: dict[str, int] | None = None) -> int | None:
    shot = screen.grab(region or screen.monitors[1])
    pixels = np.frombuffer(shot.raw, dtype=np.uint8).reshape(shot.height, shot.width, 4)
    return stamp.decode(pixels)


#: Just the stamp (and a margin): a grab this small takes a fraction of a millisecond, so it
#: lands within the tick that printed the line it follows.
STAMP_REGION = {
    "left": 0,
    "top": 0,
    "width": stamp.STAMP_RECT[0] + stamp.STAMP_RECT[2] + 8,
    "height": stamp.STAMP_RECT[1] + stamp.STAMP_RECT[3] + 8,
}


def test_stamps_on_screen_are_the_ones_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    with xvfb(1920, 1080) as display, content_app(display) as app:
        monkeypatch.setenv("DISPLAY", display.name)
        first = stamps(app.until("ready", timeout=30))
        assert [counter for counter, _ in first] == [1]
        with mss.MSS() as screen:
            assert grab_stamp(screen) == 1
            for scenario in ("drag", "video", "scroll"):
                app.send(f"scenario {scenario}")
                printed = stamps(app.until(f"ok scenario {scenario}"))
                # A stamp is printed once it is on the X server: a grab straight after its
                # line shows it (or a later one), never an earlier one. (Printing before the
                # X server has it fails this nine times out of ten.)
                seen: list[int] = []
                for _ in range(20):
                    printed += stamps([app.next_line()])
                    counter = grab_stamp(screen, STAMP_REGION)
                    assert counter is not None and counter >= printed[-1][0], scenario
                    seen.append(counter)
                while printed[-1][0] < max(seen):
                    printed += stamps([app.next_line()])
                assert set(seen) <= {counter for counter, _ in printed}

            app.send("still")
            printed += stamps(app.until("ok still"))
            counters = [counter for counter, _ in printed]
            assert counters == list(range(counters[0], counters[0] + len(counters)))
            times = [ns for _, ns in printed]
            assert times == sorted(times)
            app.quiet_for(scaled(1.0))
            last = counters[-1]
            assert grab_stamp(screen) == last

            sent = time.monotonic_ns()
            app.send("change")
            changed = app.until("ok change")
            answered = time.monotonic_ns()
            assert len(changed) == 2
            [(counter, ns)] = stamps(changed)
            assert counter == last + 1
            assert sent < ns < answered  # one clock for both processes
            assert grab_stamp(screen) == last + 1
            app.quiet_for(scaled(0.5))

            app.send("stats")
            words = app.next_line().split()
            assert words[:5] == ["ok", "stats", "scroll", "ticks", words[4]]
            assert int(words[4]) >= 20 and words[5] == "wall_ms" and words[8] == "cpu_ms"
            app.send("scenario nope")
            assert app.next_line() == "error unknown command: scenario nope"
            assert grab_stamp(screen) == last + 1

        app.send("quit")
        assert app.until("ok quit") == ["ok quit"]
        assert app.wait() == 0
