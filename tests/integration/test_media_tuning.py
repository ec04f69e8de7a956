"""aiortc really runs with the screen settings (media_tuning): two real peer connections in
this process, the customer's screen track (synthetic screen) through the running encoder. If
an aiortc upgrade changes the names patched, these fail instead of silently undoing them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiortc.rtp import RtpPacket

from assist.core import media_tuning
from assist.core.capture import CaptureThread, ScreenTrack
from assist.core.rtc import FrameReceiver, RtcSession
from assist.core.synthetic import SyntheticGrabber
from signaling import protocol as p
from tests.helpers.waits import until


class Pair:
    def __init__(self) -> None:
        self.frames = 0
        self.agent = RtcSession("s", [], self._to_customer, on_track=self._track)
        self.customer = RtcSession("s", [], self._to_agent)
        self.receiver: FrameReceiver | None = None

    async def _to_agent(self, message: p.Sdp) -> None:
        await self.agent.handle_sdp(message)

    async def _to_customer(self, message: p.Sdp) -> None:
        await self.customer.handle_sdp(message)

    def _track(self, track: object) -> None:
        def counted(_: object) -> None:
            self.frames += 1

        self.receiver = FrameReceiver(track, counted, lambda: None)  # type: ignore[arg-type]


@pytest.fixture
async def sharing() -> AsyncIterator[Pair]:
    media_tuning.encoders.clear()
    capture = CaptureThread(lambda: SyntheticGrabber(1920, 1080))
    track = ScreenTrack(capture, capture.screens()[0])
    pair = Pair()
    await pair.customer.offer(track)
    await until(lambda: pair.frames >= 10, 20, "ten frames received")
    yield pair
    track.stop()
    if pair.receiver is not None:
        await pair.receiver.stop()
    await pair.customer.close()
    await pair.agent.close()
    capture.close()


async def test_the_screen_goes_as_h264_level_4_with_the_screen_encoder(sharing: Pair) -> None:
    assert sharing.customer.negotiated_codec() == "video/H264"
    offer = sharing.customer.pc.localDescription.sdp
    assert "profile-level-id=42e028" in offer and "42e01f" not in offer
    (encoder,) = media_tuning.encoders
    assert encoder.codec is not None and encoder.builds == 1
    # What x264 reports it runs with, in the stream it produced.
    settings = dict(item.split("=", 1) for item in encoder.settings.split() if "=" in item)
    assert (settings["rc"], settings["crf"]) == ("crf", "18.0")
    assert int(settings["vbv_maxrate"]) * 1000 == media_tuning.SCREEN_MAX_BITRATE == 4_000_000
    assert int(settings["vbv_bufsize"]) * 1000 == media_tuning.SCREEN_VBV_BUFFER == 4_000_000
    assert settings["cabac"] == "0" and settings["bframes"] == "0"  # baseline, no delay
    assert (encoder.codec.width, encoder.codec.height) == (1920, 1080)
    # REMB cannot move the cap, nor make the encoder start over with a keyframe.
    encoder.target_bitrate = 500_000
    assert encoder.target_bitrate == 4_000_000
    frames = sharing.frames
    await until(lambda: sharing.frames >= frames + 5, 10, "five more frames")
    assert encoder.builds == 1


async def test_the_bitrate_on_the_wire_stays_under_the_cap(sharing: Pair) -> None:
    before = (await sharing.customer.stats()).bytes_sent
    await asyncio.sleep(2.0)  # the time measured, not a wait for something
    after = (await sharing.customer.stats()).bytes_sent
    kbps = (after - before) * 8 / 2.0 / 1000
    assert 0 < kbps < 1.1 * media_tuning.SCREEN_MAX_BITRATE / 1000


def packet(seq: int, timestamp: int, marker: bool) -> RtpPacket:
    rtp = RtpPacket(payload_type=96, marker=int(marker), sequence_number=seq, timestamp=timestamp)
    rtp._data = bytes([seq % 256])  # type: ignore[attr-defined]
    return rtp


def test_a_frame_is_released_by_its_last_packet_not_by_the_next_frame() -> None:
    buffer = media_tuning.MarkerJitterBuffer(capacity=128, is_video=True)
    assert buffer.add(packet(1, 3000, marker=False)) == (False, None)
    _, frame = buffer.add(packet(2, 3000, marker=True))
    assert frame is not None and (frame.timestamp, frame.data) == (3000, b"\x01\x02")
    # A frame whose marker was lost is still released when the next one starts.
    buffer.add(packet(3, 6000, marker=False))
    _, frame = buffer.add(packet(4, 9000, marker=False))
    assert frame is not None and (frame.timestamp, frame.data) == (6000, b"\x03")
    # The stock buffer holds a complete frame back until the next frame's packet.
    stock = media_tuning.JitterBuffer(capacity=128, is_video=True)
    stock.add(packet(1, 3000, marker=False))
    assert stock.add(packet(2, 3000, marker=True)) == (False, None)
