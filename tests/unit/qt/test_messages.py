"""Every named error and end reason has its own human sentence."""

from __future__ import annotations

import pytest

from assist.core.errors import AssistError, ClientErrorCode
from assist.qt.messages import end_reason_text, error_text, share_reason_text
from signaling.protocol import EndReason, ErrorCode, Role, ShareReason

#: Codes a person never sees: they mean a bug in a client, and get the generic sentence.
INTERNAL = {
    ErrorCode.BAD_JSON,
    ErrorCode.BAD_MESSAGE,
    ErrorCode.UNKNOWN_TYPE,
    ErrorCode.HELLO_REQUIRED,
    ErrorCode.INTERNAL,
}


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("code", [c for c in [*ErrorCode, *ClientErrorCode] if c not in INTERNAL])
def test_each_error_a_person_can_meet_has_its_own_sentence(code: ErrorCode) -> None:
    text = error_text(AssistError(code, retry_after=3))
    assert "Something went wrong" not in text
    assert f"({code.value})" not in text  # words, not the generic "went wrong (code)"


@pytest.mark.usefixtures("qapp")
def test_internal_errors_still_name_their_code_for_support() -> None:
    assert "bad_message" in error_text(AssistError(ErrorCode.BAD_MESSAGE))


@pytest.mark.usefixtures("qapp")
def test_end_reasons_are_worded_for_who_reads_them() -> None:
    texts = {end_reason_text(r, Role.AGENT) for r in EndReason}
    assert len(texts) == len(EndReason)
    assert end_reason_text(EndReason.CUSTOMER_ENDED, Role.CUSTOMER) == "You ended the session."
    assert end_reason_text(EndReason.CUSTOMER_ENDED, Role.AGENT) == (
        "The customer ended the session."
    )
    assert end_reason_text(EndReason.AGENT_ENDED, Role.AGENT) == "You ended the session."
    assert len({share_reason_text(r) for r in ShareReason}) == len(ShareReason)
