"""Hostile frames the protocol layer turns into named errors before anything else sees
them: JSON nested a thousand deep (it made the decoder raise RecursionError) and integers
beyond what the store keeps (they reached the database as a store failure)."""

from __future__ import annotations

import pytest

from signaling import protocol as p


@pytest.mark.parametrize(
    "frame",
    [
        "[" * 1000 + "]" * 1000,  # as a message
        '{"type":"chat","v":1,"id":"c1","text":' + "[" * 1000 + "]" * 1000 + "}",  # in a field
    ],
)
def test_json_nested_a_thousand_deep_is_a_bad_message_not_a_crash(frame: str) -> None:
    with pytest.raises(p.ProtocolError) as caught:
        p.parse(frame)
    assert caught.value.code is p.ErrorCode.BAD_MESSAGE
    assert p.request_id_of(frame) == ""  # the error path decodes it again: no crash there


def test_an_oversized_deep_frame_is_too_large_and_its_id_lookup_survives() -> None:
    frame = "[" * 40_000 + "]" * 40_000
    with pytest.raises(p.ProtocolError) as caught:
        p.parse(frame)
    assert caught.value.code is p.ErrorCode.TOO_LARGE
    assert p.request_id_of(frame) == ""


@pytest.mark.parametrize(
    ("frame", "field"),
    [
        (
            '{"type":"get_customer","v":1,"id":"g1","customer_id":99999999999999999999}',
            "customer_id",
        ),
        (
            '{"type":"merge_customers","v":1,"id":"m","source_id":1,"target_id":-99999999999999999999}',
            "target_id",
        ),
        (
            '{"type":"resume","v":1,"id":"r","session_id":"s","last_seq":100000000000000000000}',
            "last_seq",
        ),
    ],
)
def test_integers_beyond_what_the_store_keeps_are_a_bad_message_naming_the_field(
    frame: str, field: str
) -> None:
    with pytest.raises(p.ProtocolError) as caught:
        p.parse(frame)
    assert caught.value.code is p.ErrorCode.BAD_MESSAGE
    assert f"`{field}`" in caught.value.detail
