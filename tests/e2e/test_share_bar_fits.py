"""The customer's share bar stays whole on a 1280×800 screen, under a real window manager,
in every state and both languages, with an 80-character agent name: its frame lies inside
the screen and every button can be reached (the last ones, Report abuse among them, were
off the right edge); it moves back to the centre when its width changes."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.helpers.line_process import LineProcess
from tests.helpers.window_manager import window_manager
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 800
#: Names are at most 80 characters (the protocol's limit): the longest an agent can have.
AGENT = {
    "en": ("Bartholomew Alexander Montgomery-Fitzwilliam, Enterprise Support " * 2)[:80],
    "ja": ("山田 太郎左衛門（エンタープライズサポート部 第一課 東日本担当）" * 3)[:80],
}
ORG = {"en": "Acme Support International", "ja": "アクメ・サポート・インターナショナル"}
#: Each state the customer can see, as steps from the start.
STATES = {
    "not shared": [],
    "sharing": ["sharing"],
    "sharing, drawn on, controlled": ["sharing", "drawings", "controlled"],
    "paused": ["sharing", "paused"],
    "reconnecting": ["sharing", "notice"],
    "agent lost": ["sharing", "paused", "held"],
}


def frame_of(display: Display, window: int) -> tuple[int, int, int, int]:
    """Where the X server has the bar now (absolute), not where Qt thinks it asked."""
    out = subprocess.run(
        ["xwininfo", "-id", str(window)],
        env=display.env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    value = {
        key: int(re.search(rf"{key}:\s+(-?\d+)", out).group(1))  # type: ignore[union-attr]
        for key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
    }
    return (
        value["Absolute upper-left X"],
        value["Absolute upper-left Y"],
        value["Width"],
        value["Height"],
    )


def inside(rect: tuple[int, int, int, int]) -> bool:
    x, y, w, h = rect
    return x >= 0 and y >= 0 and x + w <= WIDTH and y + h <= HEIGHT


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_share_bar_stays_on_a_1280_screen_in_every_state(language: str) -> None:
    assert len(AGENT[language]) == 80
    with xvfb(WIDTH, HEIGHT) as display, window_manager(display):
        for state, steps in STATES.items():
            child = LineProcess(
                display, "tests.helpers.share_bar_child", language, AGENT[language], ORG[language]
            )
            try:
                bar = json.loads(child.until_prefix("bar ")[4:])
                for step in steps:
                    child.send(step)
                    bar = json.loads(child.until_prefix("bar ")[4:])
                x, y, w, h = frame_of(display, bar["window"])
                where = f"{language}, {state}: bar at {(x, y, w, h)}"
                assert inside((x, y, w, h)), where
                assert abs(x + w / 2 - WIDTH / 2) <= 2, f"{where} is not centred"
                for name, (bx, by, bw, bh) in bar["buttons"].items():
                    assert inside((x + bx, y + by, bw, bh)), f"{where}: {name} is off the screen"
                assert "report_button" in bar["buttons"] and "end_button" in bar["buttons"]
                if state != "not shared":  # what is shared is changed from its menu
                    assert "more_button" in bar["buttons"] and len(bar["menu"]) == 2
            finally:
                child.close()


def test_the_bar_moves_back_to_the_centre_when_its_width_changes() -> None:
    with xvfb(WIDTH, HEIGHT) as display, window_manager(display):
        child = LineProcess(display, "tests.helpers.share_bar_child", "en", "Taro", "Acme")
        try:
            child.until_prefix("bar ")
            centres = []
            for step in ("sharing", "controlled", "stopped"):
                child.send(step)
                bar = json.loads(child.until_prefix("bar ")[4:])
                x, _, w, _ = frame_of(display, bar["window"])
                centres.append((w, x + w / 2))
            widths = {w for w, _ in centres}
            assert len(widths) == 3, centres  # three different widths
            assert all(abs(c - WIDTH / 2) <= 2 for _, c in centres), centres
        finally:
            child.close()
