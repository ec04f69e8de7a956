"""The top-level windows of an X screen, bottom to top, as the server reports them.

A shared window is followed, and what covers it masked, for every frame. Asking the server
where each window is costs round trips in the capture loop, and on a busy desktop each waits
behind whatever the X server is drawing. So the stack is read once, and then kept by the
events the server sends about the root window's children (SubstructureNotify): created,
destroyed, mapped, unmapped, moved, resized, restacked. Where a window is and what lies above
it then cost nothing until something changes. Compositors keep their window list this way.

The events come on the connection that also brings the DAMAGE reports, so a change of the
picture is never read before the change of the layout that caused it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from assist.core.geometry import Rect

#: map_state of a window that is not mapped (GetWindowAttributes).
UNMAPPED = 0


@dataclass(frozen=True)
class TopWindow:
    """A child of the root window: its place (outer corner), inner size, border, and
    whether it is mapped (a child of the root is viewable exactly when it is)."""

    x: int
    y: int
    width: int
    height: int
    border: int
    mapped: bool

    @property
    def inner(self) -> Rect:
        """What the window itself draws (root coordinates)."""
        return self.x + self.border, self.y + self.border, self.width, self.height

    @property
    def outer(self) -> Rect:
        """What it covers on the screen, its border included."""
        return self.x, self.y, self.width + 2 * self.border, self.height + 2 * self.border


class WindowStack:
    """The children of the root window with their places and stacking order.

    With ``drain`` (which reads the events queued on the connection and hands those that
    are not DAMAGE reports to :meth:`apply`), the stack is read once with the server grabbed,
    so the picture is whole, and then kept by events. Without it nothing is followed and
    every :meth:`refresh` reads the stack again. One thread only."""

    def __init__(self, conn: Any, root: int, drain: Callable[[], None] | None) -> None:
        import xcffib.xproto as xproto

        self._conn, self._root, self._drain = conn, root, drain
        self._xproto = xproto
        self._windows: dict[int, TopWindow] = {}
        self._order: list[int] = []  # bottom to top
        self._stale = True
        #: Windows that are not children of the root and whose own structure reports
        #: (StructureNotify, selected by whoever follows them) came since the last look.
        self.touched: set[int] = set()
        if drain is not None:
            mask = xproto.EventMask.SubstructureNotify
            conn.core.ChangeWindowAttributes(root, xproto.CW.EventMask, [mask])
            conn.flush()

    @property
    def following(self) -> bool:
        """Whether changes are reported (else every refresh reads the stack again)."""
        return self._drain is not None

    def refresh(self) -> None:
        """Bring the stack up to what the server has reported (no round trip while
        following and nothing was lost)."""
        if self._drain is not None:
            self._drain()
        if self._stale or self._drain is None:
            self._load()

    def order(self) -> list[int]:
        """The root's children, bottom to top, as of the last :meth:`refresh`."""
        return self._order

    def get(self, window: int) -> TopWindow | None:
        return self._windows.get(window)

    def lost(self) -> None:
        """A report may be missing (an error came instead): read the stack again."""
        self._stale = True

    def apply(self, event: Any) -> None:
        """Take one structure report into the stack."""
        xproto = self._xproto
        if isinstance(event, xproto.CreateNotifyEvent):
            if event.parent == self._root:
                self._add(event.window, TopWindow(*_place(event), False))
            return
        if getattr(event, "event", None) != self._root:
            if hasattr(event, "window"):
                self.touched.add(event.window)
            return
        if isinstance(event, xproto.ConfigureNotifyEvent):
            self._configured(event)
        elif isinstance(event, xproto.MapNotifyEvent | xproto.UnmapNotifyEvent):
            self._change(event.window, mapped=isinstance(event, xproto.MapNotifyEvent))
        elif isinstance(event, xproto.DestroyNotifyEvent):
            self._remove(event.window)
        elif isinstance(event, xproto.ReparentNotifyEvent):
            if event.parent == self._root:  # its size is not in the report: read again
                self.lost()
            else:
                self._remove(event.window)
        elif isinstance(event, xproto.CirculateNotifyEvent):
            self._restack(event.window, None if event.place == xproto.Place.OnTop else 0)
        elif isinstance(event, xproto.GravityNotifyEvent):
            self._change(event.window, x=event.x, y=event.y)

    # ------------------------------------------------------------ inside

    def _configured(self, event: Any) -> None:
        x, y, width, height, border = _place(event)
        self._change(event.window, x=x, y=y, width=width, height=height, border=border)
        self._restack(event.window, event.above_sibling)

    def _change(self, window: int, **changes: Any) -> None:
        known = self._windows.get(window)
        if known is None:
            self.lost()
            return
        self._windows[window] = replace(known, **changes)

    def _restack(self, window: int, above: int | None) -> None:
        """Put ``window`` just above ``above`` (0: at the bottom; None: on top)."""
        if window not in self._windows or (above and above not in self._windows):
            self.lost()
            return
        self._order.remove(window)
        at = len(self._order) if above is None else (self._order.index(above) + 1 if above else 0)
        self._order.insert(at, window)

    def _add(self, window: int, top: TopWindow) -> None:
        if window in self._windows:
            self._order.remove(window)
        self._windows[window] = top
        self._order.append(window)

    def _remove(self, window: int) -> None:
        if self._windows.pop(window, None) is not None:
            self._order.remove(window)

    def _load(self) -> None:
        """Read the stack. While following, the server is grabbed so the picture is whole,
        and the reports queued before the read are taken first (they are older than it)."""
        core = self._conn.core
        if self._drain is not None:
            core.GrabServer()
        try:
            if self._drain is not None:
                core.GetInputFocus().reply()  # everything from before the grab has come
                self._drain()
            children = core.QueryTree(self._root).reply().children
            asked = [(w, core.GetGeometry(w), core.GetWindowAttributes(w)) for w in children]
            found: dict[int, TopWindow] = {}
            for window, geometry, attributes in asked:
                try:
                    size, state = geometry.reply(), attributes.reply()
                except Exception:  # gone meanwhile (only when not grabbed)
                    continue
                mapped = state.map_state != UNMAPPED
                found[window] = TopWindow(*_place(size), mapped)
        finally:
            if self._drain is not None:
                core.UngrabServer()
                self._conn.flush()
        self._windows, self._order = found, list(found)
        self._stale = False


def _place(report: Any) -> tuple[int, int, int, int, int]:
    return report.x, report.y, report.width, report.height, report.border_width
