"""Which parts of an X screen changed, told by the X server (the DAMAGE extension).

Nothing is polled: while the screen is still, the capture thread sleeps in ``select`` and
costs nothing; when a window draws, the server reports the rectangles it touched within a
fraction of a millisecond, and only those are grabbed. Drawing in any window shows up as
damage on the root window, with or without a compositor. (The pointer is not part of the
picture mss grabs, so its moves are not damage either.)
"""

from __future__ import annotations

import select

from assist.core import x11
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.geometry import Rect, intersection
from assist.core.x11_stack import WindowStack


class DamageWatcher:
    """Reports damaged rectangles of the root window, and keeps :attr:`stack` (the top-level
    windows) from the structure reports that come on the same connection, so a change of
    the picture is never read before the change of the layout behind it. One thread only.
    Raises ``AssistError(CAPTURE_FAILED)`` when the server lacks DAMAGE."""

    def __init__(self, display: str | None = None) -> None:
        import xcffib
        import xcffib.damage

        self._notify = xcffib.damage.NotifyEvent
        self._error = xcffib.ProtocolException
        self.connection, self.root = x11.connect(
            display, ClientErrorCode.CAPTURE_FAILED, "X DAMAGE"
        )
        try:
            extension = self.connection(xcffib.damage.key)
            extension.QueryVersion(1, 1).reply()
            self._damage = self.connection.generate_id()
            extension.Create(self._damage, self.root, xcffib.damage.ReportLevel.RawRectangles)
            self.connection.flush()
        except Exception as exc:  # no DAMAGE extension…
            raise AssistError(ClientErrorCode.CAPTURE_FAILED, f"X DAMAGE: {exc}") from None
        self._fd = self.connection.get_file_descriptor()
        self._pending: list[Rect] = []
        self.stack = WindowStack(self.connection, self.root, self.drain)

    def wait(self, timeout: float) -> list[Rect]:
        """The rectangles damaged since the last call, waiting up to ``timeout`` seconds
        for the first one; an empty list when nothing changed meanwhile."""
        self.drain()
        if not self._pending and timeout > 0:
            ready, _, _ = select.select([self._fd], [], [], timeout)
            if ready:
                self.drain()
        rects, self._pending = self._pending, []
        return rects

    def drain(self) -> None:
        """Read what the server reported so far (no round trip): damaged rectangles are
        kept for :meth:`wait`, window changes go to the stack."""
        while True:
            try:
                event = self.connection.poll_for_event()
            except self._error:  # an error instead of a report: the stack reads again
                self.stack.lost()
                continue
            except Exception as exc:  # the X server went away
                raise AssistError(ClientErrorCode.CAPTURE_FAILED, f"X connection: {exc}") from None
            if event is None:
                return
            if isinstance(event, self._notify):
                area = event.area
                self._pending.append((area.x, area.y, area.width, area.height))
            else:
                self.stack.apply(event)

    def close(self) -> None:
        try:
            self.connection.disconnect()
        except Exception:  # already gone with its server
            pass


def clip(rects: list[Rect], left: int, top: int, width: int, height: int) -> list[Rect]:
    """``rects`` (root coordinates) that touch the screen at (left, top), in the screen's own
    coordinates, clipped to it and widened to even edges (yuv420p has 2×2 chroma blocks)."""
    out: list[Rect] = []
    for x, y, w, h in rects:
        part = intersection((x - left, y - top, w, h), (0, 0, width, height))
        if part is None:
            continue
        x0, y0, x1, y1 = part[0] & ~1, part[1] & ~1, part[0] + part[2], part[1] + part[3]
        x1, y1 = min(x1 + (x1 & 1), width), min(y1 + (y1 & 1), height)
        out.append((x0, y0, x1 - x0, y1 - y0))
    return out


def merge(rects: list[Rect], limit: int = 8) -> list[Rect]:
    """At most ``limit`` rectangles covering ``rects``: their bounding box when there are
    more (many small grabs cost more than one larger one). Duplicates go."""
    unique = list(dict.fromkeys(rects))
    if len(unique) <= limit:
        return unique
    x0 = min(r[0] for r in unique)
    y0 = min(r[1] for r in unique)
    x1 = max(r[0] + r[2] for r in unique)
    y1 = max(r[1] + r[3] for r in unique)
    return [(x0, y0, x1 - x0, y1 - y0)]
