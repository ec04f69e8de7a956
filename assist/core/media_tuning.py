"""Where aiortc is adjusted for screen content: the one place, each change with its reason.

aiortc ships settings meant for camera video at modest sizes, which make a shared 1080p
screen blurry and late (measured in benchmarks/screen):

- **H.264 encoder.** aiortc caps H.264 at 3 Mbit/s (VP8 at 1.5), uses x264's default
  *medium* preset (≈30 ms a 1080p frame here), plain average bitrate, and rebuilds the encoder
  — with a keyframe — whenever REMB moves the target by 10 %, which on loopback it does
  wrongly. :class:`ScreenH264Encoder` uses *ultrafast*/*zerolatency* with constant quality
  (CRF 18) under a VBV cap of :data:`SCREEN_MAX_BITRATE`: a still text page converges to a
  sharp picture and then costs almost nothing, motion stays under the cap. *ultrafast*
  rather than *superfast*: in the screen benchmark it took motion latency p50 from 59 to
  43 ms (scroll) at the same text-page sharpness, the encoder being the costliest stage.
  The cap is fixed (REMB is ignored), so the encoder is only rebuilt when the screen size
  changes.
- **H.264 level.** aiortc signals level 3.1 (``42e01f``), which does not admit 1080p; we
  signal 4.0 (``42e028``). Profiles are unchanged (constrained baseline), so negotiation
  with browsers is unaffected.
- **Codec choice.** x264 encodes a screen frame several times faster than libvpx VP8 at the
  same quality, so the customer's offer lists H.264 first (see ``RtcSession.offer``).
- **Receive jitter buffer.** aiortc hands a video frame to the decoder only when a packet of
  the *next* frame arrives, which delays each frame by up to one frame interval — and the
  last frame before a still screen until the next change. :class:`MarkerJitterBuffer` also
  releases a frame when its last packet (RTP marker bit) arrives.

:func:`install` patches the names aiortc's sender and receiver modules imported (patching
``aiortc.codecs.get_encoder`` itself would not reach them). It is idempotent; a test asserts
that the running encoder really uses these settings, so an aiortc upgrade cannot silently
undo them.
"""

from __future__ import annotations

import fractions
import logging
import weakref
from collections.abc import Callable, Iterator
from typing import Any, Final

import av
from aiortc import rtcrtpreceiver, rtcrtpsender
from aiortc.codecs import CODECS
from aiortc.codecs.h264 import H264Encoder
from aiortc.jitterbuffer import JitterBuffer, JitterFrame

logger = logging.getLogger(__name__)

#: The VBV cap of the screen encoder (bit/s): text at 1080p stays legible while it moves.
SCREEN_MAX_BITRATE: Final = 4_000_000
#: The VBV buffer (bits), one second of the cap: a refinement after motion may spend it at
#: once (a quarter second measured 42 dB where this reaches 50 on the text page), and motion
#: has no repeated frames to waste it on (see ``capture.REFINE_DELAY``).
SCREEN_VBV_BUFFER: Final = SCREEN_MAX_BITRATE
#: Constant-quality factor: 18 keeps small text sharp once the screen is still.
SCREEN_CRF: Final = 18
#: H.264 level 4.0 (1080p at 30 frames/s), constrained baseline as aiortc's own ids.
PROFILE_LEVEL_IDS: Final = {"42001f": "420028", "42e01f": "42e028"}

_stock_get_encoder: Callable[[Any], Any] | None = None
#: The screen encoders alive in this process (what a test inspects); weak, so an ended
#: share's encoder and its x264 buffers go with its sender.
encoders: weakref.WeakSet[ScreenH264Encoder] = weakref.WeakSet()


class ScreenH264Encoder(H264Encoder):
    """x264 tuned for screens: constant quality under a fixed cap; REMB does not move it."""

    def __init__(self) -> None:
        super().__init__()
        self.builds = 0
        #: What x264 itself reports it runs with (its SEI in the first frame), e.g.
        #: "... rc=crf ... crf=18.0 vbv_maxrate=4000 vbv_bufsize=4000 ...".
        self.settings = ""
        encoders.add(self)

    @property
    def target_bitrate(self) -> int:
        return SCREEN_MAX_BITRATE

    @target_bitrate.setter
    def target_bitrate(self, bitrate: int) -> None:
        # Ignored: on loopback REMB halves the estimate for no reason, and every change
        # would rebuild the encoder and send a keyframe.
        pass

    def _encode_frame(self, frame: av.VideoFrame, force_keyframe: bool) -> Iterator[bytes]:
        codec = self.codec
        if codec is not None and (frame.width, frame.height) != (codec.width, codec.height):
            self.buffer_data, self.buffer_pts, self.codec = b"", None, None
        if self.codec is None:
            self.codec = self._build(frame.width, frame.height)
        picture = av.video.frame.PictureType
        frame.pict_type = picture.I if force_keyframe else picture.NONE
        data = b"".join(bytes(packet) for packet in self.codec.encode(frame))
        if data and not self.settings:
            self.settings = _x264_settings(data)
        if data:
            yield from self._split_bitstream(data)

    def _build(self, width: int, height: int) -> Any:
        codec = av.CodecContext.create("libx264", "w")
        codec.width, codec.height, codec.pix_fmt = width, height, "yuv420p"
        codec.framerate = fractions.Fraction(30, 1)
        codec.time_base = fractions.Fraction(1, 30)
        codec.options = {
            "preset": "ultrafast",
            "tune": "zerolatency",
            "profile": "baseline",
            "level": "4.0",
            "crf": str(SCREEN_CRF),
            "maxrate": str(SCREEN_MAX_BITRATE),
            "bufsize": str(SCREEN_VBV_BUFFER),
            # Keyframes only when the receiver asks (PLI); headers with each of them.
            "x264-params": "keyint=infinite:repeat-headers=1",
        }
        self.builds += 1
        return codec


def _x264_settings(data: bytes) -> str:
    start = data.find(b"x264 - core")
    if start < 0:
        return ""
    end = data.find(b"\x00", start)
    return data[start : end if end > 0 else None].decode("ascii", "replace")


class MarkerJitterBuffer(JitterBuffer):
    """Releases a video frame as soon as its marker-bit packet completes it."""

    def _remove_frame(self, sequence_number: int) -> JitterFrame | None:
        origin = self._origin
        if not self._is_video or origin is None:
            return super()._remove_frame(sequence_number)
        packets: list[Any] = []
        timestamp = None
        for count in range(self.capacity):
            packet = self._packets[(origin + count) % self._capacity]
            if packet is None:
                return None
            if timestamp is not None and packet.timestamp != timestamp:
                # The previous frame ended without a marker: it is complete all the same.
                return self._take(packets, timestamp, count)
            timestamp = packet.timestamp
            packets.append(packet)
            if packet.marker:
                return self._take(packets, timestamp, count + 1)
        return None

    def _take(self, packets: list[Any], timestamp: int, count: int) -> JitterFrame:
        frame = JitterFrame(data=b"".join(p._data for p in packets), timestamp=timestamp)
        self.remove(count)
        return frame


def _screen_encoder(codec: Any) -> Any:
    assert _stock_get_encoder is not None
    if codec.mimeType.lower() == "video/h264":
        return ScreenH264Encoder()
    return _stock_get_encoder(codec)


def install() -> None:
    """Apply the adjustments above to this process's aiortc (once)."""
    global _stock_get_encoder
    if _stock_get_encoder is not None:
        return
    # The names the sender and receiver modules imported (not re-exported, hence ignores).
    _stock_get_encoder = rtcrtpsender.get_encoder  # type: ignore[attr-defined]
    rtcrtpsender.get_encoder = _screen_encoder  # type: ignore[attr-defined]
    rtcrtpreceiver.JitterBuffer = MarkerJitterBuffer  # type: ignore[attr-defined]
    for codec in CODECS["video"]:
        level = codec.parameters.get("profile-level-id")
        if level in PROFILE_LEVEL_IDS:
            codec.parameters["profile-level-id"] = PROFILE_LEVEL_IDS[level]
    logger.debug("aiortc tuned for screen content")


def installed() -> bool:
    return _stock_get_encoder is not None
