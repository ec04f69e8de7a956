"""The shared screen's frame rate cap is a setting of the share, kept by the capture itself:
a screen that changes all the time is grabbed at most that many times a second."""

from __future__ import annotations

import threading
import time

import av

from assist.core.capture import CaptureThread, Screen
from assist.core.synthetic import SyntheticGrabber


def grabs_in(seconds: float, fps: float) -> int:
    capture = CaptureThread(SyntheticGrabber)  # changes on every grab, like a video
    delivered = threading.Event()
    try:
        screen: Screen = capture.screens()[0]

        def deliver(_: av.VideoFrame) -> None:
            delivered.set()

        capture.watch(screen, deliver, lambda error: None, fps)
        assert delivered.wait(10)
        start = capture.grab_count
        time.sleep(seconds)  # the duration measured, not a wait for an event
        return capture.grab_count - start
    finally:
        capture.close()


def test_a_lower_cap_grabs_fewer_frames() -> None:
    assert grabs_in(2.0, fps=4.0) <= 2 * 4 + 2
