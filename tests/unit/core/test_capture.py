"""Capture that cannot work says so by name, before anything is shown to the agent."""

from __future__ import annotations

import pytest

from assist.core.capture import MssGrabber, check_capture_supported
from assist.core.errors import AssistError, ClientErrorCode


@pytest.mark.parametrize(
    ("env", "code"),
    [
        ({}, ClientErrorCode.NO_DISPLAY),
        ({"WAYLAND_DISPLAY": "wayland-0"}, ClientErrorCode.WAYLAND_UNSUPPORTED),
        (
            {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"},
            ClientErrorCode.WAYLAND_UNSUPPORTED,
        ),
    ],
)
def test_unsupported_desktops_are_named(env: dict[str, str], code: ClientErrorCode) -> None:
    with pytest.raises(AssistError) as raised:
        check_capture_supported(env)
    assert raised.value.code is code


def test_an_x11_session_is_supported() -> None:
    check_capture_supported({"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"})


def test_a_display_that_does_not_answer_is_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":987")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    with pytest.raises(AssistError) as raised:
        MssGrabber()
    assert raised.value.code is ClientErrorCode.NO_DISPLAY
