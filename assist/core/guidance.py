"""What travels between the agent and the customer's desktop over the WebRTC data channels:
the agent's pointer and drawings (and, later, control input with the customer's grant).

Control input (mouse, wheel, keys, typed text) travels the same way, and is acted on only
while the customer grants control.

Pure data, like ``signaling.protocol``: msgspec structs, :func:`parse` and :func:`serialize`,
and the checks, raising :class:`GuidanceError` with a named code; nothing here touches a
socket or the screen. Coordinates are fractions of the shared area (0..1 from its top-left
corner), so they hold whatever the sizes of the customer's screen and the agent's view.

Two channels carry it: :data:`POINTER_CHANNEL` is unordered and never retransmits (only the
newest position matters, and a late one would make the dot jump back), and
:data:`GUIDE_CHANNEL` is reliable and ordered (a drawing must arrive whole and in order).
"""

from __future__ import annotations

import enum
import math
import re
from typing import Final

import msgspec

from signaling.codes import Capability, CodedError

POINTER_CHANNEL: Final = "pointer"
GUIDE_CHANNEL: Final = "guide"

#: Largest guidance message, in bytes of UTF-8 JSON.
MAX_GUIDANCE_BYTES: Final = 32 * 1024
#: Most points in one drawn shape (a long freehand stroke is thinned by the agent).
MAX_POINTS: Final = 1000
#: Longest text label, in characters.
MAX_LABEL_CHARS: Final = 200
#: Longest fade time a drawing may ask for, in seconds (0: stays until cleared).
MAX_FADE_SECONDS: Final = 600.0
#: Longest shape id, in characters.
MAX_ID_CHARS: Final = 40
#: Longest text typed in one message, in characters.
MAX_TYPED_CHARS: Final = 1000
#: Most hidden rectangles reported at once.
MAX_HIDDEN: Final = 64
#: Most wheel steps in one message, either way.
MAX_WHEEL_STEPS: Final = 20
#: Key names are X keysym names ("Return", "Control_L", "a", "F5").
KEY_NAME = re.compile(r"[A-Za-z0-9_]{1,32}")


class GuidanceErrorCode(enum.StrEnum):
    """Why a guidance message was refused."""

    MALFORMED = "guidance_malformed"
    TOO_LARGE = "guidance_too_large"
    UNKNOWN_TYPE = "guidance_unknown_type"
    NOT_PERMITTED = "guidance_not_permitted"
    RATE_LIMITED = "guidance_rate_limited"


class GuidanceError(CodedError[GuidanceErrorCode]):
    """A guidance message refused; ``code`` says why."""


class Tool(enum.StrEnum):
    PEN = "pen"
    ARROW = "arrow"
    RECT = "rect"
    TEXT = "text"


class Color(enum.StrEnum):
    """The few colours an agent draws in (each side maps them to the same RGB)."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"


#: The RGB of each colour, shared by the agent's view and the customer's overlay.
COLOR_RGB: Final = {
    Color.RED: (0xE5, 0x39, 0x35),
    Color.YELLOW: (0xFD, 0xD8, 0x35),
    Color.GREEN: (0x43, 0xA0, 0x47),
    Color.BLUE: (0x1E, 0x88, 0xE5),
}


class Guidance(msgspec.Struct, tag_field="type", kw_only=True, frozen=True):
    """Base of every guidance message: the tag ``type``."""


class Pointer(Guidance, tag="pointer", frozen=True):
    """Where the agent points. ``seq`` grows with each move: on the unordered channel an
    older position that arrives late is ignored."""

    seq: int
    x: float
    y: float


class PointerGone(Guidance, tag="pointer_gone", frozen=True):
    """The agent's pointer left the view or was turned off (sent on the reliable channel,
    so the dot surely goes)."""


class Shape(Guidance, tag="shape", frozen=True):
    """One drawing: a freehand stroke (``points``), an arrow or rectangle (first and last
    point) or a text label (at its first point). ``fade``: seconds until it goes (0: until
    cleared)."""

    id: str
    tool: Tool
    color: Color
    points: tuple[tuple[float, float], ...]
    text: str = ""
    fade: float = 0.0


class Erase(Guidance, tag="erase", frozen=True):
    """Remove drawings: the one with ``id``, or all of them when ``id`` is empty. Either
    side may send it (the customer's share bar has "Clear drawings")."""

    id: str = ""


class Button(enum.StrEnum):
    LEFT = "left"
    MIDDLE = "middle"
    RIGHT = "right"


class ControlRequest(Guidance, tag="control_request", frozen=True):
    """The agent asks to control the computer; the customer answers with ``permissions``."""


class MouseMove(Guidance, tag="mouse_move", frozen=True):
    x: float
    y: float


class MouseButton(Guidance, tag="mouse_button", frozen=True):
    """A button pressed (``down``) or released at a point."""

    x: float
    y: float
    button: Button
    down: bool


class Wheel(Guidance, tag="wheel", frozen=True):
    """Wheel steps at a point: ``dy`` > 0 scrolls down, ``dx`` > 0 right."""

    x: float
    y: float
    dx: int = 0
    dy: int = 0


class Key(Guidance, tag="key", frozen=True):
    """A key pressed or released, by X keysym name: special keys, modifiers, and letters
    held with a modifier (shortcuts)."""

    key: str
    down: bool


class TypeText(Guidance, tag="type_text", frozen=True):
    """Text to type as it is, any Unicode (what an input method committed, for example)."""

    text: str


class ShareRequest(Guidance, tag="share_request", frozen=True):
    """The agent asks the customer to share another screen or window (the customer chooses,
    in the same consent dialog as at first)."""


class Hidden(Guidance, tag="hidden", frozen=True):
    """What the customer hides, sent to the agent whenever it changes: rectangles
    (x, y, width, height) in fractions of the shared screen, black in the video; the
    agent's view marks them "hidden by the customer"."""

    rects: tuple[tuple[float, float, float, float], ...] = ()


class Here(Guidance, tag="here", frozen=True):
    """The agent's app is alive and its path works: sent every quarter second on the
    pointer channel; the customer's capture pauses when these stop
    (``assist.core.presence``). Needs no grant."""


#: Control input: injected only while the customer grants control.
CONTROL_INPUT: Final = (MouseMove, MouseButton, Wheel, Key, TypeText)

#: What each message needs the customer to have granted (None: nothing).
NEEDS: Final[dict[type[Guidance], Capability | None]] = {
    Here: None,
    Pointer: Capability.GUIDE,
    PointerGone: Capability.GUIDE,
    Shape: Capability.GUIDE,
    Erase: Capability.GUIDE,
    ControlRequest: Capability.VIEW,
    ShareRequest: Capability.VIEW,
    Hidden: Capability.VIEW,
    **{kind: Capability.CONTROL for kind in CONTROL_INPUT},
}

_TYPES: Final = (
    Here
    | Pointer
    | PointerGone
    | Shape
    | Erase
    | ControlRequest
    | ShareRequest
    | Hidden
    | MouseMove
    | MouseButton
    | Wheel
    | Key
    | TypeText
)
_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(_TYPES)


def serialize(message: Guidance) -> str:
    return _encoder.encode(message).decode()


def parse(data: str | bytes) -> Guidance:
    """Decode and check one message; raises ``GuidanceError`` (too large, malformed,
    unknown type)."""
    raw = data.encode() if isinstance(data, str) else data
    if len(raw) > MAX_GUIDANCE_BYTES:
        raise GuidanceError(GuidanceErrorCode.TOO_LARGE, f"{len(raw)} bytes > {MAX_GUIDANCE_BYTES}")
    try:
        message: Guidance = _decoder.decode(raw)
    except msgspec.ValidationError as exc:
        code = GuidanceErrorCode.MALFORMED
        if "Invalid value" in str(exc) and "`$.type`" in str(exc):
            code = GuidanceErrorCode.UNKNOWN_TYPE
        raise GuidanceError(code, str(exc)) from None
    except msgspec.DecodeError as exc:
        raise GuidanceError(GuidanceErrorCode.MALFORMED, str(exc)) from None
    except RecursionError:  # nested about a thousand deep
        raise GuidanceError(GuidanceErrorCode.MALFORMED, "nested too deeply") from None
    check(message)
    return message


def check(message: Guidance) -> None:
    """What the types alone cannot say: finite coordinates, sizes, lengths."""
    if isinstance(message, Pointer | MouseMove | MouseButton | Wheel):
        _check_point((message.x, message.y))
    if isinstance(message, Wheel) and max(abs(message.dx), abs(message.dy)) > MAX_WHEEL_STEPS:
        raise GuidanceError(GuidanceErrorCode.MALFORMED, f"at most {MAX_WHEEL_STEPS} steps")
    elif isinstance(message, Key) and not KEY_NAME.fullmatch(message.key):
        raise GuidanceError(GuidanceErrorCode.MALFORMED, "not a key name")
    elif isinstance(message, TypeText) and not message.text:
        raise GuidanceError(GuidanceErrorCode.MALFORMED, "nothing to type")
    elif isinstance(message, TypeText) and len(message.text) > MAX_TYPED_CHARS:
        raise GuidanceError(GuidanceErrorCode.TOO_LARGE, f"over {MAX_TYPED_CHARS} characters")
    elif isinstance(message, Shape):
        _check_shape(message)
    elif isinstance(message, Hidden):
        if len(message.rects) > MAX_HIDDEN:
            raise GuidanceError(GuidanceErrorCode.TOO_LARGE, f"over {MAX_HIDDEN} rectangles")
        for x, y, w, h in message.rects:
            _check_point((x, y))
            _check_point((w, h))
    elif isinstance(message, Erase) and len(message.id) > MAX_ID_CHARS:
        raise GuidanceError(GuidanceErrorCode.MALFORMED, "id too long")


def _check_shape(shape: Shape) -> None:
    if not shape.id or len(shape.id) > MAX_ID_CHARS:
        raise GuidanceError(GuidanceErrorCode.MALFORMED, f"id must be 1-{MAX_ID_CHARS} chars")
    if not 1 <= len(shape.points) <= MAX_POINTS:
        raise GuidanceError(GuidanceErrorCode.MALFORMED, f"1-{MAX_POINTS} points")
    for point in shape.points:
        _check_point(point)
    if shape.tool is Tool.TEXT and not shape.text.strip():
        raise GuidanceError(GuidanceErrorCode.MALFORMED, "a text label needs text")
    if len(shape.text) > MAX_LABEL_CHARS:
        raise GuidanceError(GuidanceErrorCode.TOO_LARGE, f"label over {MAX_LABEL_CHARS}")
    if not 0.0 <= shape.fade <= MAX_FADE_SECONDS:
        raise GuidanceError(GuidanceErrorCode.MALFORMED, f"fade must be 0-{MAX_FADE_SECONDS}")


def _check_point(point: tuple[float, float]) -> None:
    if not all(math.isfinite(v) for v in point):
        raise GuidanceError(GuidanceErrorCode.MALFORMED, "coordinates must be finite")


def inside(x: float, y: float) -> bool:
    """Whether a point lies on the shared area (a pointer outside it is not shown)."""
    return 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0


def clamped(points: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
    """The points of a shape held to the shared area (a stroke that left the view stops
    at its edge)."""
    return tuple((min(1.0, max(0.0, x)), min(1.0, max(0.0, y))) for x, y in points)


def needs(message: Guidance) -> Capability | None:
    return NEEDS[type(message)]
