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


class DamageWatcher:
    """Reports damaged rectangles of the root window. One thread only (its own X
    connection). Raises ``AssistError(CAPTURE_FAILED)`` when the server lacks DAMAGE."""

    def __init__(self, display: str | None = None) -> None:
        import xcffib
        import xcffib.damage

        self._notify = xcffib.damage.NotifyEvent
        self._conn, root = x11.connect(display, ClientErrorCode.CAPTURE_FAILED, "X DAMAGE")
        try:
            extension = self._conn(xcffib.damage.key)
            extension.QueryVersion(1, 1).reply()
            self._damage = self._conn.generate_id()
            extension.Create(self._damage, root, xcffib.damage.ReportLevel.RawRectangles)
            self._conn.flush()
        except Exception as exc:  # no DAMAGE extension…
            raise AssistError(ClientErrorCode.CAPTURE_FAILED, f"X DAMAGE: {exc}") from None
        self._fd = self._conn.get_file_descriptor()

    def wait(self, timeout: float) -> list[Rect]:
        """The rectangles damaged since the last call, waiting up to ``timeout`` seconds
        for the first one; an empty list when nothing changed meanwhile."""
        rects = self._drain()
        if rects or timeout <= 0:
            return rects
        ready, _, _ = select.select([self._fd], [], [], timeout)
        return self._drain() if ready else []

    def _drain(self) -> list[Rect]:
        rects: list[Rect] = []
        try:
            while (event := self._conn.poll_for_event()) is not None:
                if isinstance(event, self._notify):
                    area = event.area
                    rects.append((area.x, area.y, area.width, area.height))
        except Exception as exc:  # the X server went away
            raise AssistError(ClientErrorCode.CAPTURE_FAILED, f"X connection: {exc}") from None
        return rects

    def close(self) -> None:
        try:
            self._conn.disconnect()
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
