"""The windows on the customer's X11 desktop: which can be shared, where each is now, and
what covers it (one X connection, used from one thread: the capture thread's)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from assist.core import x11
from assist.core.errors import ClientErrorCode
from assist.core.geometry import Rect

#: map_state of a window that is mapped, with all its ancestors.
VIEWABLE = 2


@dataclass(frozen=True)
class Window:
    """An application window the customer can share instead of a whole screen."""

    id: int
    title: str


class WindowGeometry:
    def __init__(self, display: str | None) -> None:
        self._conn, self._root = x11.connect(display, ClientErrorCode.CAPTURE_FAILED, "windows")
        self._atoms: dict[str, int] = {}
        #: Whether a top-level window is this process's own (a window keeps its owner).
        self._own_windows: dict[int, bool] = {}
        #: The top-level window (a window manager's frame, or itself) of a shared window.
        self._tops: dict[int, int] = {}

    def rects(self, windows: frozenset[int]) -> list[Rect]:
        """The root-coordinate rectangles of those of ``windows`` that are shown."""
        shown = self._shown(sorted(windows))
        return [rect for rect in shown.values() if rect is not None]

    def rect(self, window: int) -> Rect | None:
        """Where ``window`` is now (root coordinates), None when it is gone or hidden."""
        return self._shown([window]).get(window)

    def windows(self) -> list[Window]:
        """The named, shown application windows, topmost first; this process's own are
        left out (the customer client never offers itself)."""
        found = []
        for top in reversed(self._children(self._root)):
            named = self._client_of(top)
            if named is None or self._own(top):
                continue
            client, title = named
            if self.rect(client) is not None:
                found.append(Window(client, title))
        return found

    def covering(self, window: int) -> list[Rect]:
        """Root-coordinate rectangles of the shown windows stacked above ``window`` (this
        process's own are masked apart, and the guidance overlay must not count)."""
        stack = self._children(self._root)
        top = self._tops.get(window)
        if top is None or top not in stack:  # its frame changes only when reparented
            top = self._top_level(window)
            if top is not None:
                self._tops[window] = top
        # Forget windows that are gone (the X server may give a later window the same id).
        for gone in self._own_windows.keys() - set(stack):
            del self._own_windows[gone]
        if top is None or top not in stack:
            return []
        above = [w for w in stack[stack.index(top) + 1 :] if not self._own(w)]
        return [rect for rect in self._shown(above).values() if rect is not None]

    def close(self) -> None:
        try:
            self._conn.disconnect()
        except Exception:  # already gone with its server
            pass

    # ------------------------------------------------------------ inside

    def _shown(self, windows: list[int]) -> dict[int, Rect | None]:
        core = self._conn.core
        asked = [
            (
                w,
                core.GetWindowAttributes(w),
                core.GetGeometry(w),
                core.TranslateCoordinates(w, self._root, 0, 0),
            )
            for w in windows
        ]
        out: dict[int, Rect | None] = {}
        for window, attributes, geometry, position in asked:
            try:
                viewable = attributes.reply().map_state == VIEWABLE
                size, at = geometry.reply(), position.reply()
            except Exception:  # the window is gone
                out[window] = None
                continue
            out[window] = (at.dst_x, at.dst_y, size.width, size.height) if viewable else None
        return out

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
        known = self._own_windows.get(top)
        if known is None:
            named = self._client_of(top)
            known = self._pid(top) == os.getpid() or (
                named is not None and self._pid(named[0]) == os.getpid()
            )
            self._own_windows[top] = known
        return known

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
