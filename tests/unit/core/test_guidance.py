"""Guidance messages and the customer's gate: fed strings, no sockets, no windows."""

from __future__ import annotations

import json

import pytest

from assist.core import guidance as g
from assist.core.guidance_gate import POINTER_BURST, GuidanceGate
from signaling.codes import Capability

GUIDED = frozenset({Capability.VIEW, Capability.GUIDE})


def shape(**changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "type": "shape",
        "id": "s1",
        "tool": "arrow",
        "color": "red",
        "points": [[0.1, 0.2], [0.5, 0.6]],
    }
    fields.update(changes)
    return fields


def test_round_trip_keeps_every_field() -> None:
    sent = g.Shape(
        id="a", tool=g.Tool.TEXT, color=g.Color.BLUE, points=((0.5, 0.5),), text="ここ", fade=3
    )
    assert g.parse(g.serialize(sent)) == sent
    assert g.parse(g.serialize(g.Pointer(seq=7, x=0.25, y=1.0))) == g.Pointer(seq=7, x=0.25, y=1.0)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("{", g.GuidanceErrorCode.MALFORMED),
        ("[]", g.GuidanceErrorCode.MALFORMED),
        ('{"type": "format_disk"}', g.GuidanceErrorCode.UNKNOWN_TYPE),
        ('{"type": "pointer", "seq": 1, "x": "left", "y": 0}', g.GuidanceErrorCode.MALFORMED),
        ('{"type": "pointer", "seq": 1, "x": NaN, "y": 0}', g.GuidanceErrorCode.MALFORMED),
        (json.dumps(shape(points=[])), g.GuidanceErrorCode.MALFORMED),
        (json.dumps(shape(id="")), g.GuidanceErrorCode.MALFORMED),
        (json.dumps(shape(tool="laser")), g.GuidanceErrorCode.MALFORMED),
        (json.dumps(shape(tool="text", text=" ")), g.GuidanceErrorCode.MALFORMED),
        (json.dumps(shape(tool="text", text="x" * 201)), g.GuidanceErrorCode.TOO_LARGE),
        (json.dumps(shape(fade=-1)), g.GuidanceErrorCode.MALFORMED),
        (json.dumps(shape(points=[[0.1, 0.1]] * 1001)), g.GuidanceErrorCode.MALFORMED),
        ("x" * (g.MAX_GUIDANCE_BYTES + 1), g.GuidanceErrorCode.TOO_LARGE),
    ],
)
def test_bad_messages_get_a_named_error(data: str, code: g.GuidanceErrorCode) -> None:
    with pytest.raises(g.GuidanceError) as caught:
        g.parse(data)
    assert caught.value.code is code


def test_nothing_is_admitted_without_the_grant() -> None:
    gate = GuidanceGate(granted=frozenset({Capability.VIEW}))
    assert gate.admit(g.serialize(g.Pointer(seq=1, x=0.5, y=0.5)), now=0.0) is None
    assert gate.admit(json.dumps(shape()), now=0.0) is None
    assert gate.refused[g.GuidanceErrorCode.NOT_PERMITTED] == 2
    gate.granted = GUIDED
    assert gate.admit(g.serialize(g.Pointer(seq=2, x=0.5, y=0.5)), now=0.0) is not None
    gate.granted = frozenset({Capability.VIEW})  # revoked
    assert gate.admit(g.serialize(g.Pointer(seq=3, x=0.5, y=0.5)), now=0.0) is None
    assert gate.refused[g.GuidanceErrorCode.NOT_PERMITTED] == 3


def test_a_late_pointer_move_does_not_take_the_dot_back() -> None:
    gate = GuidanceGate(granted=GUIDED)
    assert gate.admit(g.serialize(g.Pointer(seq=5, x=0.5, y=0.5)), now=0.0) is not None
    assert gate.admit(g.serialize(g.Pointer(seq=4, x=0.1, y=0.1)), now=0.0) is None
    assert not gate.refused


def test_a_pointer_outside_the_shared_area_hides_the_dot() -> None:
    gate = GuidanceGate(granted=GUIDED)
    assert gate.admit(g.serialize(g.Pointer(seq=1, x=1.2, y=0.5)), now=0.0) == g.PointerGone()


def test_shapes_are_held_to_the_shared_area() -> None:
    gate = GuidanceGate(granted=GUIDED)
    admitted = gate.admit(json.dumps(shape(points=[[-0.5, 0.2], [0.5, 3.0]])), now=0.0)
    assert isinstance(admitted, g.Shape)
    assert admitted.points == ((0.0, 0.2), (0.5, 1.0))


def test_a_pointer_flood_is_limited_and_recovers() -> None:
    gate = GuidanceGate(granted=GUIDED)
    shown = [gate.admit(g.serialize(g.Pointer(seq=i, x=0.5, y=0.5)), now=0.0) for i in range(200)]
    assert sum(m is not None for m in shown) == POINTER_BURST
    assert gate.refused[g.GuidanceErrorCode.RATE_LIMITED] == 200 - POINTER_BURST
    # A second later the agent's ordinary moves get through again.
    assert gate.admit(g.serialize(g.Pointer(seq=500, x=0.5, y=0.5)), now=1.0) is not None


def test_refusals_are_counted_by_reason() -> None:
    gate = GuidanceGate(granted=GUIDED)
    gate.admit("{", now=0.0)
    gate.admit('{"type": "format_disk"}', now=0.0)
    assert gate.refused == {
        g.GuidanceErrorCode.MALFORMED: 1,
        g.GuidanceErrorCode.UNKNOWN_TYPE: 1,
    }
