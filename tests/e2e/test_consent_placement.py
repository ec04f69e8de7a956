"""The customer's consent dialog, on a real display under a window manager (openbox), with
two 1280×800 monitors: it opens centred on the screen it asks to share (not over the chat
window it belongs to, on the other monitor), in front of the application the customer was
using and with the focus; and it stays in front of it when the customer clicks there. Its
texts are whole (moved between monitors, Qt left it squeezed: the scam warning was cut)."""

from __future__ import annotations

import json

import pytest

from tests.helpers.line_process import LineProcess
from tests.helpers.waits import poll_until
from tests.helpers.window_manager import window_manager
from tests.helpers.x_state import active_window, frame_of, stacking
from tests.helpers.xtest import click
from tests.helpers.xvfb import split_into_monitors, xvfb

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 800
#: The customer's chat window (the dialog's parent), on the second monitor.
CHAT = ("1700", "150", "420", "360")
#: Another application the customer is busy in, over the middle of the first monitor.
BUSY_IN = ("240", "120", "800", "560")
#: A place in that application the dialog does not cover.
BESIDE_THE_DIALOG = (300, 180)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_consent_opens_centred_on_the_screen_asked_for_and_in_front(language: str) -> None:
    with xvfb(2 * WIDTH, HEIGHT) as display:
        first, _ = split_into_monitors(display, 2)
        with window_manager(display):
            customer = LineProcess(display, "tests.helpers.consent_child", language, *CHAT)
            busy: LineProcess | None = None
            try:
                chat = int(customer.until_prefix("chat ").split()[1])
                busy = LineProcess(display, "tests.helpers.busy_window", *BUSY_IN)
                other = int(busy.until_prefix("window ").split()[1])
                # The window manager raises and focuses the new window a moment after it maps.
                poll_until(
                    lambda: stacking(display)[-1] == other and active_window(display) == other,
                    what="the other application in front, with the focus",
                )

                customer.send("consent")
                dialog = json.loads(customer.until_prefix("dialog ")[len("dialog ") :])
                window = dialog["window"]
                assert tuple(dialog["screen"]) == first  # what it asks for: the first screen
                assert dialog["cut"] == []  # every text whole (the warning was cut off)
                x, y, w, h = frame_of(display, window)
                sx, sy, sw, sh = first
                where = f"frame {(x, y, w, h)} on screen {first}"
                assert sx <= x and x + w <= sx + sw and sy <= y and y + h <= sy + sh, where
                assert abs((x + w / 2) - (sx + sw / 2)) <= 3, f"{where}: not centred across"
                assert abs((y + h / 2) - (sy + sh / 2)) <= 3, f"{where}: not centred down"
                front = stacking(display)
                assert front[-1] == window, f"in front: {front} (chat {chat}, other {other})"
                poll_until(lambda: active_window(display) == window, what="the dialog focused")

                # The customer goes back to the other application: it takes the focus, and
                # the question stays in sight, in front of it.
                click(display.name, *BESIDE_THE_DIALOG)
                busy.until("active")
                front = stacking(display)
                assert front.index(window) > front.index(other), f"in front: {front}"
            finally:
                if busy is not None:
                    busy.close()
                customer.close()
