"""Facts about the customer's X11 desktop that decide how guidance is drawn on it."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def has_compositor(display: str | None = None, screen: int = 0) -> bool:
    """Whether a compositing manager runs (it owns the ``_NET_WM_CM_Sn`` selection): only
    then do translucent windows blend with what is below; without one the overlay must be
    shaped to what it draws. False when the display cannot be asked."""
    try:
        import xcffib
        import xcffib.xproto

        conn: Any = xcffib.connect(display=display)  # type: ignore[no-untyped-call]
    except Exception as exc:  # no X server, no xcffib: treat as no compositor
        logger.debug("Cannot ask the X server about compositing: %s", exc)
        return False
    try:
        name = f"_NET_WM_CM_S{screen}"
        atom = conn.core.InternAtom(False, len(name), name).reply().atom
        return bool(conn.core.GetSelectionOwner(atom).reply().owner)
    finally:
        conn.disconnect()
