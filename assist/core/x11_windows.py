"""The windows on the customer's X11 desktop: which can be shared, where each is now, and
what covers it (used from one thread: the capture thread's)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from assist.core import x11
from assist.core.errors import ClientErrorCode
from assist.core.geometry import Rect, intersection
from assist.core.x11_stack import UNMAPPED, WindowStack

#: A window is offered for sharing when at least this much of it (both ways) is on the
#: screen: window managers keep tiny or off-screen windows of their own (openbox: "Openbox").
MIN_OFFERED = 8


@dataclass(frozen=True)
class Window:
    """An application window the customer can share instead of a whole screen."""

    id: int
    title: str


@dataclass(frozen=True)
class Place:
    """Where a window that is not a child of the root lies in its top-level window (a
    window manager's frame): its inner origin there, its size, whether it is mapped."""

    top: int
    dx: int
    dy: int
    width: int
    height: int
    mapped: bool


@dataclass(frozen=True)
class Facts:
    """What never changes about a top-level window: whether it is this process's own
    (masked apart) and whether it draws at all (InputOnly windows do not)."""

    own: bool
    drawn: bool


class WindowGeometry:
    """Where windows are and what covers them, answered from a :class:`WindowStack`: kept by
    the server's reports when the stack follows them (no round trip until something
    changes), read again for every question when it does not."""

    def __init__(self, conn: Any, root: int, stack: WindowStack, owned: bool = False) -> None:
        import xcffib.xproto

        self._xproto = xcffib.xproto
        self._conn, self._root, self._stack, self._owned = conn, root, stack, owned
        screen = conn.get_setup().roots[conn.pref_screen]
        self._bounds: Rect = (0, 0, screen.width_in_pixels, screen.height_in_pixels)
        self._atoms: dict[str, int] = {}
        self._facts: dict[int, Facts] = {}
        #: Places of followed windows inside a frame, until their own reports say otherwise.
        self._places: dict[int, Place | None] = {}
        #: Windows whose own reports (StructureNotify) were asked for on the connection.
        self._followed: set[int] = set()

    @classmethod
    def connect(cls, display: str | None) -> WindowGeometry:
        """On a connection of its own, following nothing (asks the server every time)."""
        conn, root = x11.connect(display, ClientErrorCode.CAPTURE_FAILED, "windows")
        return cls(conn, root, WindowStack(conn, root, drain=None), owned=True)

    def rects(self, windows: frozenset[int]) -> list[Rect]:
        """The root-coordinate rectangles of those of ``windows`` that are shown."""
        self._refresh()
        return [rect for w in sorted(windows) if (rect := self._rect(w)) is not None]

    def rect(self, window: int) -> Rect | None:
        """Where ``window`` is now (root coordinates), None when it is gone or hidden."""
        self._refresh()
        return self._rect(window)

    def windows(self) -> list[Window]:
        """The named, shown application windows, topmost first; this process's own are
        left out (the customer client never offers itself)."""
        self._refresh()
        found = []
        for top in reversed(self._stack.order()):
            placed = self._stack.get(top)
            if placed is None or not placed.mapped:  # not shown: no need to ask its name
                continue
            named = self._client_of(top)
            if named is None or self._facts_of(top).own:
                continue
            client, title = named
            rect = self._rect(client)
            shown = None if rect is None else intersection(rect, self._bounds)
            if shown is not None and min(shown[2:]) >= MIN_OFFERED:
                found.append(Window(client, title))
        return found

    def covering(self, window: int) -> list[Rect]:
        """Root-coordinate rectangles of the shown windows stacked above ``window`` (this
        process's own are masked apart, and the guidance overlay must not count)."""
        self._refresh()
        stack = self._stack.order()
        place = None if self._stack.get(window) else self._place(window)
        top = window if place is None else place.top
        if top not in stack:
            return []
        covers = []
        for above in stack[stack.index(top) + 1 :]:
            shown = self._stack.get(above)
            if shown is None or not shown.mapped:
                continue
            facts = self._facts_of(above)
            if facts.drawn and not facts.own:
                covers.append(shown.outer)
        return covers

    def close(self) -> None:
        if not self._owned:
            return
        try:
            self._conn.disconnect()
        except Exception:  # already gone with its server
            pass

    # ------------------------------------------------------------ inside

    def _refresh(self) -> None:
        self._stack.refresh()
        if not self._stack.following:
            self._places.clear()
        for window in self._stack.touched:
            self._places.pop(window, None)
        self._stack.touched.clear()
        # Forget windows that are gone (the X server may give a later window the same id).
        for gone in [w for w in self._facts if self._stack.get(w) is None]:
            del self._facts[gone]

    def _rect(self, window: int) -> Rect | None:
        shown = self._stack.get(window)
        if shown is not None:
            return shown.inner if shown.mapped else None
        place = self._place(window)
        frame = None if place is None else self._stack.get(place.top)
        if place is None or frame is None or not (frame.mapped and place.mapped):
            return None
        x, y, _, _ = frame.inner
        return x + place.dx, y + place.dy, place.width, place.height

    def _place(self, window: int) -> Place | None:
        if window not in self._places:
            self._places[window] = self._look_up(window)
        place = self._places[window]
        if place is not None and self._stack.get(place.top) is None:  # reframed
            place = self._places[window] = self._look_up(window)
        return place

    def _look_up(self, window: int) -> Place | None:
        """Where ``window`` is in its frame; from now on its own changes are reported."""
        core = self._conn.core
        try:
            if self._stack.following and window not in self._followed:
                mask = [self._xproto.EventMask.StructureNotify]
                core.ChangeWindowAttributesChecked(window, self._xproto.CW.EventMask, mask).check()
                self._followed.add(window)
            top = self._top_level(window)
            if top is None:
                return None
            at = core.TranslateCoordinates(window, top, 0, 0)
            size, state = core.GetGeometry(window), core.GetWindowAttributes(window)
            at_, size_ = at.reply(), size.reply()
            mapped = state.reply().map_state != UNMAPPED
        except Exception:  # the window is gone
            return None
        return Place(top, at_.dst_x, at_.dst_y, size_.width, size_.height, mapped)

    def _facts_of(self, top: int) -> Facts:
        known = self._facts.get(top)
        if known is None:
            known = self._facts[top] = Facts(self._own(top), self._drawn(top))
        return known

    def _drawn(self, top: int) -> bool:
        try:
            attributes = self._conn.core.GetWindowAttributes(top).reply()
        except Exception:  # gone: draws nothing
            return False
        return bool(attributes._class != self._xproto.WindowClass.InputOnly)

    def _children(self, window: int) -> list[int]:
        try:
            return list(self._conn.core.QueryTree(window).reply().children)
        except Exception:
            return []

    def _top_level(self, window: int) -> int | None:
        """The child of the root that holds ``window`` (a window manager's frame, or it)."""
        current = window
        for _ in range(16):
            try:
                parent = self._conn.core.QueryTree(current).reply().parent
            except Exception:
                return None
            if parent == self._root:
                return current
            current = parent
        return None

    def _client_of(self, top: int) -> tuple[int, str] | None:
        """The application window in a top-level one, with its title: itself when it has
        one, else a child that has (window managers put the application in a frame)."""
        for window in (top, *self._children(top)):
            if title := self._title(window):
                return window, title
        return None

    def _own(self, top: int) -> bool:
        named = self._client_of(top)
        return self._pid(top) == os.getpid() or (
            named is not None and self._pid(named[0]) == os.getpid()
        )

    def _title(self, window: int) -> str:
        for name, kind in (("_NET_WM_NAME", "UTF8_STRING"), ("WM_NAME", "STRING")):
            value = self._property(window, name, kind)
            if value:
                return bytes(value).decode("utf-8", "replace")
        return ""

    def _pid(self, window: int) -> int | None:
        value = self._property(window, "_NET_WM_PID", "CARDINAL")
        return int.from_bytes(bytes(value[:4]), "little") if value else None

    def _property(self, window: int, name: str, kind: str) -> Any:
        try:
            reply = self._conn.core.GetProperty(
                False, window, self._atom(name), self._atom(kind), 0, 1024
            ).reply()
        except Exception:
            return None
        return reply.value.buf() if reply.value_len else None

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = x11.atom(self._conn, name)
        return self._atoms[name]
