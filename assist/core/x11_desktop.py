"""Facts about the customer's X11 desktop that decide how guidance is drawn on it."""

from __future__ import annotations

import logging

from assist.core import x11
from assist.core.errors import AssistError, ClientErrorCode

logger = logging.getLogger(__name__)


def has_compositor(display: str | None = None, screen: int = 0) -> bool:
    """Whether a compositing manager runs (it owns the ``_NET_WM_CM_Sn`` selection): only
    then do translucent windows blend with what is below; without one the overlay must be
    shaped to what it draws. False when the display cannot be asked."""
    try:
        conn, _ = x11.connect(display, ClientErrorCode.NO_DISPLAY, "compositor")
    except AssistError as exc:  # no X server: treat as no compositor
        logger.debug("Cannot ask the X server about compositing: %s", exc.detail)
        return False
    try:
        return bool(
            conn.core.GetSelectionOwner(x11.atom(conn, f"_NET_WM_CM_S{screen}")).reply().owner
        )
    finally:
        conn.disconnect()
