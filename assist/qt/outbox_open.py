"""Opening an app's outbox at start-up, and telling the user when it cannot keep anything."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from assist.core.outbox import Outbox, OutboxError, OutboxErrorCode

logger = logging.getLogger(__name__)


def outbox_path(app: str) -> Path:
    """``outbox-agent.sqlite`` or ``outbox-customer.sqlite`` in the data folder: an agent
    and a customer on one computer never share (or lock) each other's outbox."""
    return platformdirs.user_data_path("Assist", appauthor=False) / f"outbox-{app}.sqlite"


def warn_in_dialog(text: str) -> None:
    QMessageBox.warning(None, QCoreApplication.translate("Outbox", "Assist"), text)


def open_outbox(app: str, warn: Callable[[str], object] = warn_in_dialog) -> Outbox:
    """The app's outbox; ``warn`` gets a translated sentence when text typed now would not
    survive a crash (a file from a newer version, which is left alone, or no usable file)."""
    path = outbox_path(app)
    try:
        outbox = Outbox(path)
    except OutboxError as exc:
        if exc.code is not OutboxErrorCode.TOO_NEW:
            raise
        logger.warning("Outbox %s is from a newer version; not touching it", path)
        warn(
            QCoreApplication.translate(
                "Outbox",
                "Unsent messages and notes from a newer version of Assist are waiting in %1. "
                "This version leaves them untouched; open the newer version to send them. "
                "Until then, what you type now is not kept if Assist closes unexpectedly.",
            ).replace("%1", str(path))
        )
        return Outbox(None)
    if not outbox.durable:
        warn(
            QCoreApplication.translate(
                "Outbox",
                "Assist cannot keep unsent messages and notes on this computer (%1). "
                "What you type is still sent, but is lost if Assist closes before the "
                "server has it.",
            ).replace("%1", str(path))
        )
    return outbox
