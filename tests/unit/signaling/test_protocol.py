"""The wire format alone: every message round-trips, every bad shape names its error code."""

from __future__ import annotations

import json

import msgspec
import pytest

from signaling import protocol as p
from signaling.protocol import ErrorCode, ProtocolError, Role

SID = "q0Hn3xYb8Jk2Wc1T"
JOIN = "v9Lm2QpRs4A"
SDP = (
    "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
    "a=group:BUNDLE 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\n"
    "a=mid:0\r\na=sendonly\r\na=rtpmap:96 VP8/90000\r\n"
)
CANDIDATE = "candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 0.0.0.0"
TURN = p.IceServer(urls=["turn:turn.example.com:3478?transport=udp"], username="u", credential="c")

CLIENT_EXAMPLES: dict[str, p.Message] = {
    "hello": p.Hello(
        id="h-1",
        role=Role.CUSTOMER,
        name="山田 花子 🌸",
        client="assist-customer/0.1.0 (Windows 11)",
    ),
    "create_session": p.CreateSession(id="c-1"),
    "join": p.Join(
        id="j-1", code="１２３ ４５６ ７８９", email="Hanako@Example.JP", customer_number="C-1001"
    ),
    "admit": p.Admit(id="a-1", session_id=SID, join_id=JOIN),
    "decline": p.Decline(id="d-1", session_id=SID, join_id=JOIN),
    "sdp": p.Sdp(session_id=SID, sdp_type=p.SdpType.OFFER, sdp=SDP),
    "ice": p.Ice(session_id=SID, candidate=CANDIDATE, sdp_mid="0", sdp_mline_index=0),
    "chat": p.Chat(
        id="m-1", session_id=SID, msg_id="7c0e6a8e-1f", text="こんにちは！画面は見えますか？👀🙏"
    ),
    "share_status": p.ShareStatus(session_id=SID, state=p.ShareState.PAUSED),
    "permissions": p.Permissions(
        session_id=SID, granted=frozenset({p.Capability.VIEW, p.Capability.GUIDE})
    ),
    "end_session": p.EndSession(id="e-1", session_id=SID),
    "login": p.Login(id="l-1", username="taro", password="pässwörd 🔑 long enough"),
    "refresh": p.Refresh(id="r-1", refresh_token="rt-opaque-token"),
    "report_abuse": p.ReportAbuse(id="ra-1", session_id=SID, reason="電話で突然言われました"),
    "list_reports": p.ListReports(id="lr-1"),
    "confirm_identity": p.ConfirmIdentity(id="ci-1", session_id=SID),
    "wrap_up": p.WrapUp(
        id="w-1",
        session_id=SID,
        category="カメラの問題",
        outcome=p.Outcome.FOLLOW_UP,
        tags=["usb", "ドライバー"],
        final_note="明日もう一度確認",
    ),
    "rate": p.Rate(id="rt-1", session_id=SID, rating=5, comment="助かりました 🙏"),
    "note": p.Note(
        id="n-1", session_id=SID, note_id="note-1", text="再起動で解決。次回は BIOS を確認"
    ),
    "get_customer": p.GetCustomer(id="gc-1", customer_id=42),
    "resume": p.Resume(id="rs-1", session_id=SID, resume_token="tok-opaque", last_seq=12),
    "get_session": p.GetSession(id="gs-1", session_id=SID),
    "search": p.Search(id="s-1", query="返金"),
    "relink_session": p.RelinkSession(id="rl-1", session_id=SID, customer_id=7),
    "merge_customers": p.MergeCustomers(id="mc-1", source_id=7, target_id=42),
}

PAST_SESSION = p.SessionInfo(
    session_id=SID,
    customer_id=42,
    created_at=1_800_000_000.0,
    agent_display_name="山田 太郎",
    customer_name="佐藤 花子",
    identity_verified=True,
    admitted_at=1_800_000_005.0,
    ended_at=1_800_000_900.0,
    end_reason="agent_ended",
    category="カメラの問題",
    outcome="resolved",
    tags=["usb"],
    rating=4,
    rating_comment="丁寧でした",
    note_preview="ドライバ更新で解決",
)
HANAKO = p.CustomerInfo(
    customer_id=42,
    display_name="佐藤 花子",
    email="hanako@example.jp",
    customer_number="C-1001",
    first_seen=1_790_000_000.0,
    sessions=3,
)

SERVER_EXAMPLES: dict[str, p.Message] = {
    "welcome": p.Welcome(
        re="h-1",
        server_version="0.1.0",
        org_name="アクメ株式会社 Support",
        ice_servers=[TURN],
        account=p.Account(
            username="taro",
            display_name="山田 太郎",
            role="agent",
            access_token="at",
            refresh_token="rt",
            access_expires_in=900.0,
        ),
    ),
    "customer_identified": p.CustomerIdentified(
        session_id=SID,
        customer_id=42,
        display_name="佐藤 花子",
        email="hanako@example.jp",
        customer_number=None,
        past_sessions=3,
        matched=True,
    ),
    "customer_record": p.CustomerRecord(re="gc-1", customer=HANAKO, sessions=[PAST_SESSION]),
    "session_history": p.SessionHistory(
        re="gs-1",
        session=PAST_SESSION,
        final_note="来週もう一度確認",
        messages=[
            p.TranscriptLine(
                seq=1, sender="customer", sender_name="佐藤 花子", text="映らない", ts=2.0
            )
        ],
        notes=[p.NoteInfo(author="taro", text="ドライバ更新で解決", updated_at=3.0)],
        events=[p.EventInfo(kind="ended", ts=4.0, detail={"reason": "agent_ended"})],
    ),
    "search_results": p.SearchResults(
        re="s-1",
        customers=[HANAKO],
        hits=[
            p.SearchHit(
                kind="note",
                session_id=SID,
                customer_id=42,
                customer_name="佐藤 花子",
                agent_display_name="山田 太郎",
                sender_name="taro",
                excerpt="…返金は来週…",
                ts=5.0,
            )
        ],
    ),
    "purge": p.Purge(session_ids=[SID], reason="customer_deleted"),
    "resumed": p.Resumed(
        re="rs-1",
        session_id=SID,
        agent_name="Ann Agent",
        customer_name="佐藤 花子",
        org_name="Acme Support",
        seq=12,
        share_state=p.ShareState.SHARING,
        peer_present=False,
    ),
    "peer_away": p.PeerAway(session_id=SID, role=Role.CUSTOMER, grace=60.0),
    "peer_back": p.PeerBack(session_id=SID, role=Role.CUSTOMER),
    "note_saved": p.NoteSaved(re="n-1", session_id=SID, note_id="note-1", saved_at=1.5),
    "reports": p.Reports(
        re="lr-1",
        reports=[
            p.AbuseReportInfo(
                ts=1_800_000_000.5,
                session_id=SID,
                code="123456789",
                agent_username="taro",
                agent_display_name="山田 太郎",
                customer_name="佐藤 花子",
                reason="scam call",
            )
        ],
    ),
    "session_created": p.SessionCreated(
        re="c-1", session_id=SID, code="123456789", expires_in=600.0
    ),
    "join_pending": p.JoinPending(
        re="j-1", join_id=JOIN, session_id=SID, agent_name="Ann Agent", org_name="Acme Support"
    ),
    "join_request": p.JoinRequest(session_id=SID, join_id=JOIN, customer_name="山田 花子 🌸"),
    "join_withdrawn": p.JoinWithdrawn(session_id=SID, join_id=JOIN),
    "admitted": p.Admitted(
        session_id=SID,
        agent_name="Ann Agent",
        customer_name="Zoë 😀",
        org_name="Acme Support",
        ice_servers=[p.IceServer(urls=["stun:stun.example.com:3478"]), TURN],
        re="a-1",
    ),
    "declined": p.Declined(re="j-1"),
    "sdp": p.Sdp(
        session_id=SID, sdp_type=p.SdpType.ANSWER, sdp=SDP.replace("sendonly", "recvonly")
    ),
    "ice": p.Ice(session_id=SID, candidate=""),
    "chat_message": p.ChatMessage(
        session_id=SID,
        msg_id="7c0e6a8e-1f",
        seq=3,
        sender=Role.CUSTOMER,
        sender_name="山田 花子 🌸",
        text="ありがとうございます 🎉",
        ts=1718000000.25,
        re="m-1",
    ),
    "share_status": p.ShareStatus(
        session_id=SID, state=p.ShareState.STOPPED, reason=p.ShareReason.CAPTURE_FAILED
    ),
    "permissions": p.Permissions(session_id=SID, granted=frozenset()),
    "session_ended": p.SessionEnded(session_id=SID, reason=p.EndReason.CUSTOMER_DROPPED),
    "ok": p.Ok(re="d-1"),
    "error": p.Error(
        code=ErrorCode.RATE_LIMITED, message="too many wrong codes", re="j-6", retry_after=54.9
    ),
}


def raises(code: ErrorCode) -> pytest.RaisesExc[ProtocolError]:
    return pytest.raises(ProtocolError, check=lambda exc: exc.code is code)


def wire(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("kind", sorted(p.CLIENT_TYPES))
def test_client_message_round_trips(kind: str) -> None:
    message = CLIENT_EXAMPLES[kind]
    assert type(message) is p.CLIENT_TYPES[kind]
    text = p.serialize(message)
    assert json.loads(text)["type"] == kind
    assert json.loads(text)["v"] == 1
    assert p.parse(text, direction="client") == message


@pytest.mark.parametrize("kind", sorted(p.SERVER_TYPES))
def test_server_message_round_trips(kind: str) -> None:
    message = SERVER_EXAMPLES[kind]
    assert type(message) is p.SERVER_TYPES[kind]
    text = p.serialize(message)
    assert json.loads(text)["type"] == kind
    assert json.loads(text)["v"] == 1
    assert p.parse(text, direction="server") == message


def test_every_message_type_has_an_example() -> None:
    assert set(CLIENT_EXAMPLES) == set(p.CLIENT_TYPES)
    assert set(SERVER_EXAMPLES) == set(p.SERVER_TYPES)


def test_parse_accepts_utf8_bytes_and_ignores_unknown_fields() -> None:
    data = b'{"type":"join","v":1,"id":"j","code":"123456789","from_v2":true}'
    assert p.parse(data) == p.Join(id="j", code="123456789")


def test_optional_fields_take_their_defaults() -> None:
    assert p.parse('{"type":"create_session","v":1}') == p.CreateSession(id="")
    share = p.parse(wire(type="share_status", v=1, session_id=SID, state="sharing"))
    assert share == p.ShareStatus(session_id=SID, state=p.ShareState.SHARING)
    assert isinstance(share, p.ShareStatus) and share.reason is p.ShareReason.CUSTOMER


def test_a_client_cannot_send_server_messages_and_vice_versa() -> None:
    with raises(ErrorCode.UNKNOWN_TYPE):
        p.parse(p.serialize(SERVER_EXAMPLES["welcome"]), direction="client")
    with raises(ErrorCode.UNKNOWN_TYPE):
        p.parse(p.serialize(CLIENT_EXAMPLES["hello"]), direction="server")


# ------------------------------------------------------------------ bad shapes

HELLO = {"type": "hello", "v": 1, "id": "h", "role": "agent", "name": "Ann"}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param("not json", ErrorCode.BAD_JSON, id="text"),
        pytest.param('{"type": "hello", "v": 1', ErrorCode.BAD_JSON, id="truncated"),
        pytest.param("", ErrorCode.BAD_JSON, id="empty"),
        pytest.param(b"\xff\xfe{}", ErrorCode.BAD_JSON, id="not-utf8"),
        pytest.param('[{"type": "hello", "v": 1}]', ErrorCode.BAD_MESSAGE, id="array"),
        pytest.param('"hello"', ErrorCode.BAD_MESSAGE, id="string"),
        pytest.param("null", ErrorCode.BAD_MESSAGE, id="null"),
        pytest.param(wire(type="create_session"), ErrorCode.BAD_MESSAGE, id="no-v"),
        pytest.param(wire(type="create_session", v="1"), ErrorCode.BAD_MESSAGE, id="v-str"),
        pytest.param(wire(type="create_session", v=True), ErrorCode.BAD_MESSAGE, id="v-bool"),
        pytest.param(wire(type="create_session", v=1.0), ErrorCode.BAD_MESSAGE, id="v-float"),
        pytest.param(wire(type="create_session", v=2), ErrorCode.UNSUPPORTED_VERSION, id="v2"),
        pytest.param(wire(type="create_session", v=0), ErrorCode.UNSUPPORTED_VERSION, id="v0"),
        pytest.param(wire(v=1, id="x"), ErrorCode.BAD_MESSAGE, id="no-type"),
        pytest.param(wire(type=7, v=1), ErrorCode.BAD_MESSAGE, id="type-int"),
        pytest.param(wire(type="launch", v=1), ErrorCode.UNKNOWN_TYPE, id="unknown-type"),
        pytest.param(wire(type="Hello", v=1), ErrorCode.UNKNOWN_TYPE, id="type-case"),
    ],
)
def test_malformed_envelope(data: str | bytes, code: ErrorCode) -> None:
    with raises(code):
        p.parse(data)


def test_version_is_checked_before_type() -> None:
    """A client from the future learns about the version, not about a type it may not know."""
    with raises(ErrorCode.UNSUPPORTED_VERSION):
        p.parse(wire(type="v2_only_message", v=2))


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"type": "hello", "name": "Ann"}, id="hello-no-role"),
        pytest.param({"type": "hello", "role": "agent"}, id="hello-no-name"),
        pytest.param({"type": "join"}, id="join-no-code"),
        pytest.param({"type": "admit", "session_id": SID}, id="admit-no-join"),
        pytest.param({"type": "decline", "join_id": JOIN}, id="decline-no-session"),
        pytest.param({"type": "sdp", "session_id": SID, "sdp_type": "offer"}, id="sdp-no-sdp"),
        pytest.param({"type": "ice", "session_id": SID}, id="ice-no-candidate"),
        pytest.param({"type": "chat", "session_id": SID, "text": "hi"}, id="chat-no-msg-id"),
        pytest.param({"type": "share_status", "session_id": SID}, id="share-no-state"),
        pytest.param({"type": "end_session"}, id="end-no-session"),
    ],
)
def test_missing_required_field(fields: dict[str, object]) -> None:
    with raises(ErrorCode.BAD_MESSAGE):
        p.parse(wire(v=1, **fields))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", 5),
        ("name", None),
        ("role", ["agent"]),
        ("id", 7),
        ("client", {"app": "x"}),
    ],
)
def test_wrong_field_type(field: str, value: object) -> None:
    with raises(ErrorCode.BAD_MESSAGE):
        p.parse(wire(**{**HELLO, field: value}))


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"type": "join", "code": 123456789}, id="code-int"),
        pytest.param({"type": "ice", "session_id": SID, "candidate": "", "sdp_mline_index": "0"}),
        pytest.param({"type": "ice", "session_id": SID, "candidate": "", "sdp_mline_index": True}),
        pytest.param({"type": "chat", "session_id": SID, "msg_id": "m", "text": ["hi"]}),
        pytest.param({"type": "end_session", "session_id": None}, id="session-null"),
    ],
)
def test_wrong_field_type_in_other_messages(fields: dict[str, object]) -> None:
    with raises(ErrorCode.BAD_MESSAGE):
        p.parse(wire(v=1, **fields))


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({**HELLO, "role": "admin"}, id="role"),
        pytest.param({**HELLO, "role": "Agent"}, id="role-case"),
        pytest.param({"type": "sdp", "session_id": SID, "sdp_type": "pranswer", "sdp": SDP}),
        pytest.param({"type": "share_status", "session_id": SID, "state": "hidden"}, id="state"),
        pytest.param(
            {"type": "share_status", "session_id": SID, "state": "paused", "reason": "bored"},
            id="reason",
        ),
        pytest.param(
            {"type": "permissions", "session_id": SID, "granted": ["view", "root"]},
            id="capability",
        ),
    ],
)
def test_enum_value_outside_the_enum(fields: dict[str, object]) -> None:
    with raises(ErrorCode.BAD_MESSAGE):
        p.parse(wire(**{"v": 1, **fields}))


# ------------------------------------------------------------------ limits


def sdp_of_bytes(total: int, filler: str = "a") -> str:
    """A valid sdp message that is exactly ``total`` UTF-8 bytes on the wire."""
    empty = len(wire(type="sdp", v=1, session_id=SID, sdp_type="offer", sdp="").encode())
    width = len(filler.encode())
    assert (total - empty) % width == 0
    text = wire(
        type="sdp", v=1, session_id=SID, sdp_type="offer", sdp=filler * ((total - empty) // width)
    )
    assert len(text.encode()) == total
    return text


def test_message_of_exactly_64_kib_is_accepted() -> None:
    assert isinstance(p.parse(sdp_of_bytes(p.MAX_MESSAGE_BYTES)), p.Sdp)


def test_message_one_byte_over_64_kib_is_too_large() -> None:
    with raises(ErrorCode.TOO_LARGE):
        p.parse(sdp_of_bytes(p.MAX_MESSAGE_BYTES + 1))


def test_size_is_measured_in_utf8_bytes_not_characters() -> None:
    text = wire(type="sdp", v=1, session_id=SID, sdp_type="offer", sdp="画" * 25_000)
    assert len(text) < p.MAX_MESSAGE_BYTES < len(text.encode())  # 25,089 characters, 75,089 bytes
    with raises(ErrorCode.TOO_LARGE) as info:
        p.parse(text)
    assert f"{len(text.encode())} bytes" in info.value.detail
    with raises(ErrorCode.TOO_LARGE):
        p.parse(text.encode())


def test_size_is_checked_before_anything_else() -> None:
    with raises(ErrorCode.TOO_LARGE):
        p.parse("x" * (p.MAX_MESSAGE_BYTES + 1))


def test_the_server_may_send_a_long_history_but_not_without_bound() -> None:
    lines = [
        {"seq": i, "sender": "customer", "sender_name": "花子", "text": "画" * 4000, "ts": 1.0}
        for i in range(10)
    ]  # 120,000 bytes of transcript: over a client's limit, within the server's
    session = msgspec.to_builtins(SERVER_EXAMPLES["session_history"])["session"]
    history = wire(type="session_history", v=1, re="gs", session=session, messages=lines)
    assert isinstance(p.parse(history, direction="server"), p.SessionHistory)
    with raises(ErrorCode.TOO_LARGE):
        p.parse(history)  # as a client message
    with raises(ErrorCode.TOO_LARGE):
        p.parse("x" * (p.MAX_SERVER_MESSAGE_BYTES + 1), direction="server")


@pytest.mark.parametrize("query", ["", "  \u3000 ", "画" * (p.MAX_QUERY_CHARS + 1)])
def test_a_blank_or_overlong_search_is_refused(query: str) -> None:
    with pytest.raises(ProtocolError) as raised:
        p.parse(wire(type="search", v=1, id="s", query=query))
    assert raised.value.code in {ErrorCode.BAD_MESSAGE, ErrorCode.TOO_LARGE}
    assert raised.value.code is (
        ErrorCode.TOO_LARGE if query.startswith("画") else ErrorCode.BAD_MESSAGE
    )


def test_merging_a_customer_into_itself_is_refused_by_name() -> None:
    with raises(ErrorCode.MERGE_INTO_ITSELF):
        p.parse(wire(type="merge_customers", v=1, id="m", source_id=7, target_id=7))


def test_a_skipped_wrap_up_round_trips_and_carries_nothing_else() -> None:
    skipped = p.WrapUp(id="w-2", session_id=SID, skipped=True)
    assert p.parse(p.serialize(skipped)) == skipped
    for extra in ({"outcome": "resolved"}, {"category": "Billing"}, {"final_note": "x"}):
        with raises(ErrorCode.BAD_MESSAGE):
            p.parse(wire(type="wrap_up", v=1, id="w", session_id=SID, skipped=True, **extra))


@pytest.mark.parametrize("missing", ["category", "outcome"])
def test_a_wrap_up_that_is_not_skipped_needs_a_category_and_an_outcome(missing: str) -> None:
    fields = {"category": "Billing", "outcome": "resolved"}
    del fields[missing]
    with raises(ErrorCode.BAD_MESSAGE):
        p.parse(wire(type="wrap_up", v=1, id="w", session_id=SID, **fields))


def chat(text: str, msg_id: str = "m-1") -> str:
    return wire(type="chat", v=1, id="c", session_id=SID, msg_id=msg_id, text=text)


@pytest.mark.parametrize("text", ["", " ", "\n\t  \u3000"])
def test_blank_chat_is_refused(text: str) -> None:
    with raises(ErrorCode.BAD_MESSAGE):
        p.parse(chat(text))


def test_chat_up_to_the_character_limit_is_accepted() -> None:
    text = "🙂" * p.MAX_CHAT_CHARS  # 32,000 bytes: the limit is characters, not bytes
    message = p.parse(chat(text))
    assert isinstance(message, p.Chat) and message.text == text


@pytest.mark.parametrize("filler", ["a", "あ"])
def test_chat_over_the_character_limit_is_too_large(filler: str) -> None:
    with raises(ErrorCode.TOO_LARGE):
        p.parse(chat(filler * (p.MAX_CHAT_CHARS + 1)))


@pytest.mark.parametrize("msg_id", ["", "x" * 65])
def test_chat_msg_id_must_be_1_to_64_characters(msg_id: str) -> None:
    with raises(ErrorCode.BAD_MESSAGE):
        p.parse(chat("hi", msg_id=msg_id))
    assert isinstance(p.parse(chat("hi", msg_id="x" * 64)), p.Chat)


@pytest.mark.parametrize("name", ["", "   ", "\u3000\t", "a" * 81, "名" * 81])
def test_bad_name_is_refused(name: str) -> None:
    with raises(ErrorCode.BAD_MESSAGE):
        p.parse(wire(**{**HELLO, "name": name}))


def test_name_limit_counts_characters_after_trimming() -> None:
    hello = p.parse(wire(**{**HELLO, "name": "  " + "名" * 80 + "  "}))
    assert isinstance(hello, p.Hello)


def test_text_that_is_not_valid_unicode_is_bad_json() -> None:
    with raises(ErrorCode.BAD_JSON):
        p.parse('{"type": "hello", "v": 1, "role": "agent", "name": "\ud800"}')


# ------------------------------------------------------------------ session codes


@pytest.mark.parametrize(
    "typed",
    [
        "123456789",
        "123 456 789",
        "123-456-789",
        "  123 456 789\n",
        "123\t456\t789",
        "１２３４５６７８９",
        "１２３　４５６　７８９",
        "１２３－４５６－７８９",
        "123ー456ー789",
        "123\u2010456\u2014789",
        "12 34-56 789",
    ],
)
def test_normalize_code_accepts_what_people_type(typed: str) -> None:
    assert p.normalize_code(typed) == "123456789"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abcdefghi",
        "12345678",
        "1234567890",
        "12345678a",
        "123.456.789",
        "123_456_789",
        "+123456789",
        "١٢٣٤٥٦٧٨٩",
        "۱۲۳۴۵۶۷۸۹",
        "¹²³⁴⁵⁶⁷⁸⁹",
        "１２３４５６７８",
    ],
)
def test_normalize_code_rejects_malformed(typed: str) -> None:
    with raises(ErrorCode.CODE_MALFORMED):
        p.normalize_code(typed)


def test_format_code_groups_digits_in_threes() -> None:
    assert p.format_code("012345678") == "012 345 678"
    assert p.normalize_code(p.format_code("012345678")) == "012345678"


# ------------------------------------------------------------------ error helpers


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('{"type": "nope", "v": 1, "id": "r-9"}', "r-9"),
        (b'{"type": "join", "v": 1, "id": "r-10"}', "r-10"),
        ('{"id": 9}', ""),
        ('[{"id": "r-1"}]', ""),
        ('{"id": "r-1"', ""),
        (json.dumps({"id": "x" * 100}), "x" * 64),
    ],
)
def test_request_id_of(data: str | bytes, expected: str) -> None:
    assert p.request_id_of(data) == expected


def test_error_for_echoes_the_request_and_bounds_the_message() -> None:
    error = p.error_for(ProtocolError(ErrorCode.BAD_MESSAGE, "y" * 500), "r-3")
    assert (error.code, error.re, error.message) == (ErrorCode.BAD_MESSAGE, "r-3", "y" * 200)
