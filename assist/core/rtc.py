"""The WebRTC side of a session: one aiortc peer connection and the frames it receives."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import av
import numpy as np
from aiortc import (
    RTCConfiguration,
    RTCDataChannel,
    RTCIceServer,
    RTCPeerConnection,
    RTCRtpSender,
    RTCRtpTransceiver,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from aiortc.sdp import SessionDescription, candidate_from_sdp

from assist.core import guidance, media_tuning, yuv
from assist.core.presence import HEARTBEAT_SECONDS
from signaling import protocol as p

logger = logging.getLogger(__name__)

SendSdp = Callable[[p.Sdp], Awaitable[None]]

#: How long close() waits for a negotiation under way (see RtcSession._uninterrupted).
NEGOTIATION_GRACE = 5.0
#: Most guidance messages kept until the reliable channel opens.
WAITING_GUIDANCE = 64


@dataclass(frozen=True)
class MediaStats:
    """What the session's RTP streams carried so far."""

    codec: str | None
    packets_sent: int
    bytes_sent: int
    packets_received: int


class RtcSession:
    """One peer connection. The customer offers its screen track; the agent answers.

    No ICE servers are configured unless the signaling server hands some out: an empty list
    keeps aiortc from falling back to a public STUN server that may not be reachable.

    aiortc is tuned for screen content (``media_tuning``) unless :attr:`tuned` is False (the
    speed benchmark's naive baseline runs aiortc as shipped).
    """

    tuned = True

    def __init__(
        self,
        session_id: str,
        ice_servers: list[p.IceServer],
        send_sdp: SendSdp,
        on_track: Callable[[MediaStreamTrack], None] | None = None,
        on_state: Callable[[str], None] | None = None,
        on_guidance: Callable[[str | bytes], None] | None = None,
        heartbeat: bool = False,
    ) -> None:
        self.session_id = session_id
        if self.tuned:
            media_tuning.install()
        servers = [
            RTCIceServer(urls=s.urls, username=s.username, credential=s.credential)
            for s in ice_servers
        ]
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=servers))
        self._send_sdp = send_sdp
        self._on_track = on_track
        self._on_state = on_state
        self.pc.on("track", self._track_arrived)
        self.pc.on("connectionstatechange", self._state_changed)
        self.pc.on("datachannel", self._channel_arrived)
        self._negotiations: set[asyncio.Future[None]] = set()
        #: The guidance channels by label (see ``assist.core.guidance``), once open.
        self.channels: dict[str, RTCDataChannel] = {}
        self._on_guidance = on_guidance
        self._waiting: list[str] = []  # for the guide channel to open
        #: The agent's side says it is there, on the pointer channel (assist.core.presence).
        self._heartbeat = heartbeat
        self._beating: asyncio.Task[None] | None = None

    async def offer(self, track: MediaStreamTrack) -> None:
        """Add ``track`` and send the offer (customer side), H.264 first when tuned."""
        self._open_channels()
        self.pc.addTrack(track)
        self._prefer_h264(self.pc.getTransceivers()[-1])
        await self._uninterrupted(self._offer())

    async def prepare_video(self) -> None:
        """Offer a send-only video stream with no track yet (customer side, at admission):
        the connection is up by the time :meth:`attach` gives it the screen. The guidance
        channels are offered with it."""
        self._open_channels()
        transceiver = self.pc.addTransceiver("video", direction="sendonly")
        self._prefer_h264(transceiver)
        await self._uninterrupted(self._offer())

    def attach(self, track: MediaStreamTrack) -> None:
        """Start sending ``track`` on the stream :meth:`prepare_video` offered."""
        self.pc.getTransceivers()[-1].sender.replaceTrack(track)

    def detach(self) -> None:
        """Let go of the track sent, so that closing this connection leaves it running for
        another (aiortc's sender stops the track it holds when it stops)."""
        for transceiver in self.pc.getTransceivers():
            transceiver.sender.replaceTrack(None)

    def _open_channels(self) -> None:
        # The offerer creates both, so they are in the first offer; the answerer gets them
        # through "datachannel". Pointer moves: unordered, never retransmitted.
        pointer = self.pc.createDataChannel(
            guidance.POINTER_CHANNEL, ordered=False, maxRetransmits=0
        )
        self._channel_arrived(pointer)
        self._channel_arrived(self.pc.createDataChannel(guidance.GUIDE_CHANNEL))

    def _channel_arrived(self, channel: RTCDataChannel) -> None:
        if channel.label not in (guidance.POINTER_CHANNEL, guidance.GUIDE_CHANNEL):
            logger.warning("Unknown data channel %r closed", channel.label[:40])
            channel.close()
            return
        self.channels[channel.label] = channel
        channel.on("message", self._guidance_arrived)
        channel.on("open", lambda: self._channel_opened(channel))
        if channel.readyState == "open":  # the answerer gets them open
            self._channel_opened(channel)

    def _channel_opened(self, channel: RTCDataChannel) -> None:
        if channel.label == guidance.POINTER_CHANNEL and self._heartbeat and not self._beating:
            self._beating = asyncio.ensure_future(self._beat(channel))
        if channel.label == guidance.GUIDE_CHANNEL:
            waiting, self._waiting = self._waiting, []
            for text in waiting:
                channel.send(text)

    async def _beat(self, channel: RTCDataChannel) -> None:
        """Say "here" on the unordered channel while it is open: the customer's capture
        pauses when these stop (the app was killed, or the path died)."""
        here = guidance.serialize(guidance.Here())
        while channel.readyState == "open":
            channel.send(here)
            await asyncio.sleep(HEARTBEAT_SECONDS)

    def _guidance_arrived(self, data: str | bytes) -> None:
        if self._on_guidance is not None:
            self._on_guidance(data)

    def send_guidance(self, message: guidance.Guidance) -> bool:
        """Send ``message`` on its channel. A pointer move that cannot go now is dropped
        (False): it is only worth anything live. What goes on the reliable channel waits
        for it to open (a drawing, what is hidden), and is dropped once it has closed."""
        pointer = isinstance(message, guidance.Pointer)
        channel = self.channels.get(guidance.POINTER_CHANNEL if pointer else guidance.GUIDE_CHANNEL)
        if channel is None or channel.readyState in ("closing", "closed"):
            return False
        if channel.readyState != "open":
            if pointer or len(self._waiting) >= WAITING_GUIDANCE:
                return False
            self._waiting.append(guidance.serialize(message))
            return True
        if not pointer:
            self._channel_opened(channel)  # what waited goes first, in order
        channel.send(guidance.serialize(message))
        return True

    def _prefer_h264(self, transceiver: RTCRtpTransceiver) -> None:
        if self.tuned:
            codecs = RTCRtpSender.getCapabilities("video").codecs
            transceiver.setCodecPreferences(
                sorted(codecs, key=lambda c: c.mimeType.lower() != "video/h264")
            )

    async def handle_sdp(self, message: p.Sdp) -> None:
        await self._uninterrupted(self._apply_sdp(message))

    async def handle_ice(self, message: p.Ice) -> None:
        """Add a trickled candidate (browsers trickle; aiortc puts its own in the SDP)."""
        if not message.candidate:
            return
        text = message.candidate.removeprefix("candidate:")
        candidate = candidate_from_sdp(text)
        candidate.sdpMid = message.sdp_mid
        candidate.sdpMLineIndex = message.sdp_mline_index
        await self.pc.addIceCandidate(candidate)

    async def close(self) -> None:
        """Close the connection once any negotiation under way has finished gathering.

        Runs to the end even if the caller is cancelled: a half-closed peer connection
        keeps its UDP sockets (and the camera or screen track) open.
        """
        await asyncio.shield(self._close())

    async def _close(self) -> None:
        if self._beating is not None:
            self._beating.cancel()
        if self._negotiations:
            await asyncio.wait(self._negotiations, timeout=NEGOTIATION_GRACE)
        await self.pc.close()

    async def _uninterrupted(self, work: Coroutine[Any, Any, None]) -> None:
        # aioice opens a UDP socket per host address while gathering and only registers them
        # when gathering completes: closing or cancelling mid-gathering leaks those sockets.
        # So negotiation runs as its own task that a cancelled caller does not cancel, and
        # close() lets it finish (host-only gathering takes milliseconds).
        task = asyncio.ensure_future(work)
        self._negotiations.add(task)
        task.add_done_callback(self._negotiations.discard)
        await asyncio.shield(task)

    async def _offer(self) -> None:
        await self.pc.setLocalDescription(await self.pc.createOffer())
        await self._send_local(p.SdpType.OFFER)

    async def _apply_sdp(self, message: p.Sdp) -> None:
        description = RTCSessionDescription(sdp=message.sdp, type=message.sdp_type.value)
        await self.pc.setRemoteDescription(description)
        if message.sdp_type is p.SdpType.OFFER:
            await self.pc.setLocalDescription(await self.pc.createAnswer())
            await self._send_local(p.SdpType.ANSWER)

    def negotiated_codec(self) -> str | None:
        """The video codec both sides agreed on (the first one in the answer), e.g. VP8."""
        description = self.pc.remoteDescription
        local = self.pc.localDescription
        answer = description if description and description.type == "answer" else local
        if answer is None or answer.type != "answer":
            return None
        for media in SessionDescription.parse(answer.sdp).media:
            if media.kind == "video" and media.rtp.codecs:
                return str(media.rtp.codecs[0].mimeType)
        return None

    async def stats(self) -> MediaStats:
        report = await self.pc.getStats()
        sent = [s for s in report.values() if s.type == "outbound-rtp"]
        received = [s for s in report.values() if s.type == "inbound-rtp"]
        return MediaStats(
            codec=self.negotiated_codec(),
            packets_sent=sum(s.packetsSent for s in sent),
            bytes_sent=sum(s.bytesSent for s in sent),
            packets_received=sum(s.packetsReceived for s in received),
        )

    async def _send_local(self, sdp_type: p.SdpType) -> None:
        local = self.pc.localDescription
        message = p.Sdp(session_id=self.session_id, sdp_type=sdp_type, sdp=local.sdp)
        await self._send_sdp(message)

    def _track_arrived(self, track: MediaStreamTrack) -> None:
        logger.debug("Remote %s track arrived", track.kind)
        if self._on_track is not None:
            self._on_track(track)

    def _state_changed(self) -> None:
        state = str(self.pc.connectionState)
        logger.debug("Peer connection %s", state)
        if self._on_state is not None:
            self._on_state(state)


@dataclass(frozen=True)
class DecodedFrame:
    """A received frame as packed 32-bit BGRX pixels, ready to wrap in a QImage.

    ``width``×``height`` is the size of ``pixels``; ``source_width``×``source_height`` is
    the size the customer's screen was sent at (the same unless the receiver scaled it).
    """

    pixels: np.ndarray[Any, np.dtype[np.uint8]]
    width: int
    height: int
    received_at: float
    source_width: int = 0
    source_height: int = 0

    def __post_init__(self) -> None:
        if not self.source_width or not self.source_height:
            object.__setattr__(self, "source_width", self.width)
            object.__setattr__(self, "source_height", self.height)

    @property
    def stride(self) -> int:
        return int(self.pixels.strides[0])


def fit_size(width: int, height: int, box_width: int, box_height: int) -> tuple[int, int]:
    """``width``×``height`` scaled to fit in the box, aspect ratio kept, rounded down as Qt's
    ``QSize.scaled(box, KeepAspectRatio)`` does, so the view finds the very size it asked for."""
    scaled_width = box_height * width // height
    if scaled_width <= box_width:
        return max(1, scaled_width), box_height
    return box_width, max(1, box_width * height // width)


class FrameReceiver:
    """Pulls decoded frames off a remote track and hands on the newest one.

    Colour conversion runs in a worker thread; while it is busy, newer frames replace older
    ones, so a slow consumer sees fresh pictures instead of a growing backlog. With a target
    size (:meth:`set_target_size`) that thread also scales the picture to fit it, so the
    GUI thread can paint it as it is.
    """

    def __init__(
        self,
        track: MediaStreamTrack,
        on_frame: Callable[[DecodedFrame], None],
        on_ended: Callable[[], None],
        target_size: tuple[int, int] = (0, 0),
    ) -> None:
        self._track = track
        self._on_frame = on_frame
        self._on_ended = on_ended
        self._loop = asyncio.get_running_loop()
        self._latest: av.VideoFrame | None = None
        # The last frame converted: converted again when the target size changes, since a
        # still screen may send nothing new for a long time.
        self._shown: av.VideoFrame | None = None
        self._target: tuple[int, int] | None = None
        self._arrived = asyncio.Event()
        self.frames_received = 0
        self.set_target_size(*target_size)
        self._tasks = [
            asyncio.create_task(self._pull()),
            asyncio.create_task(self._convert()),
        ]

    def set_target_size(self, width: int, height: int) -> None:
        """Deliver frames scaled to fit ``width``×``height`` (aspect ratio kept); 0×0 (or any
        size not above zero) delivers them as sent.

        Safe to call from any thread: it swaps one tuple, which each conversion reads once.
        The last frame is converted again at the new size.
        """
        target = (width, height) if width > 0 and height > 0 else None
        if target == self._target:
            return
        self._target = target
        try:
            self._loop.call_soon_threadsafe(self._reconvert)
        except RuntimeError:
            pass  # the loop is closed: the app is shutting down, nothing to show it on

    def _reconvert(self) -> None:
        if self._latest is None and self._shown is not None:
            self._latest = self._shown
            self._arrived.set()

    async def _pull(self) -> None:
        try:
            while True:
                frame = await self._track.recv()
                assert isinstance(frame, av.VideoFrame)
                self._latest = frame
                self.frames_received += 1
                self._arrived.set()
        except MediaStreamError:
            pass
        finally:
            self._latest = self._shown = None
            self._arrived.set()
            for task in self._tasks[1:]:
                task.cancel()
            self._on_ended()

    async def _convert(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._arrived.wait()
            self._arrived.clear()
            frame, self._latest = self._latest, None
            if frame is None:
                continue
            self._shown = frame
            try:
                decoded = await loop.run_in_executor(None, _to_bgrx, frame, self._target)
                self._on_frame(decoded)
            except Exception:
                # One bad frame must not freeze the picture: log it and show the next one.
                logger.exception("Could not convert a received frame")

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._shown = None


def _to_bgrx(frame: av.VideoFrame, box: tuple[int, int] | None = None) -> DecodedFrame:
    """``frame`` as BGRX pixels, scaled to fit ``box`` if given (runs in a worker thread)."""
    width, height = frame.width, frame.height
    if box is not None:
        width, height = fit_size(frame.width, frame.height, *box)
    pixels = yuv.i420_to_bgra(frame, width, height)
    return DecodedFrame(pixels, width, height, time.monotonic(), frame.width, frame.height)
