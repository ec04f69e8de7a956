"""Which environments the apps refuse before Qt starts, and which they leave to Qt."""

from __future__ import annotations

import pytest

from assist.core.display import DisplayError, DisplayProblem, check_display


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({}, DisplayProblem.NO_DISPLAY),
        ({"DISPLAY": ""}, DisplayProblem.NO_DISPLAY),
        ({"QT_QPA_PLATFORM": "xcb"}, DisplayProblem.NO_DISPLAY),
        ({"QT_QPA_PLATFORM": "xcb;offscreen"}, DisplayProblem.NO_DISPLAY),
        ({"WAYLAND_DISPLAY": "wayland-0"}, DisplayProblem.WAYLAND_WITHOUT_XWAYLAND),
        ({"DISPLAY": "not a display"}, DisplayProblem.DISPLAY_UNREACHABLE),
    ],
)
def test_no_usable_x_display_is_named(env: dict[str, str], problem: DisplayProblem) -> None:
    with pytest.raises(DisplayError) as refused:
        check_display("assist-agent", env)
    assert refused.value.code is problem


@pytest.mark.parametrize(
    "platform", ["offscreen", "minimal", "wayland", "vnc:size=800x600", "offscreen;xcb"]
)
def test_a_platform_qt_was_told_to_use_is_left_to_qt(platform: str) -> None:
    check_display("assist-agent", {"QT_QPA_PLATFORM": platform})
