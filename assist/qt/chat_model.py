"""The chat transcript as a Qt list model (QtCore only; the view lives in chat_panel)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor

from assist.core.chat import ChatEntry
from signaling.protocol import Role

Index = QModelIndex | QPersistentModelIndex


class ChatModel(QAbstractListModel):
    """Confirmed messages in server order, then the ones still being sent."""

    EntryRole = Qt.ItemDataRole.UserRole + 1
    OwnRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, own_role: Role, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._own_role = own_role
        self._entries: list[ChatEntry] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry)
        if role == self.EntryRole:
            return entry
        if role == self.OwnRole:
            return entry.sender is self._own_role
        if role == Qt.ItemDataRole.BackgroundRole:
            own = entry.sender is self._own_role
            return QColor("#fdecea") if entry.failed else QColor("#e3f2fd" if own else "#f1f3f4")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            own = entry.sender is self._own_role
            return Qt.AlignmentFlag.AlignRight if own else Qt.AlignmentFlag.AlignLeft
        return None

    @Slot(object)
    def apply(self, entry: ChatEntry) -> None:
        """Add a message or update it in place (pending -> confirmed, or failed)."""
        for row, existing in enumerate(self._entries):
            if existing.msg_id == entry.msg_id:
                self._entries[row] = entry
                if existing.seq != entry.seq:
                    self._resort()
                else:
                    changed = self.index(row)
                    self.dataChanged.emit(changed, changed)
                return
        self.beginInsertRows(QModelIndex(), len(self._entries), len(self._entries))
        self._entries.append(entry)
        self.endInsertRows()
        if entry.seq is not None:
            self._resort()

    def clear(self) -> None:
        self.beginResetModel()
        self._entries.clear()
        self.endResetModel()

    @property
    def entries(self) -> list[ChatEntry]:
        return list(self._entries)

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        confirmed = sorted((e for e in self._entries if e.seq is not None), key=_seq)
        self._entries = confirmed + [e for e in self._entries if e.seq is None]
        self.layoutChanged.emit()

    def _display(self, entry: ChatEntry) -> str:
        stamp = time.strftime("%H:%M", time.localtime(entry.ts))
        header = f"{entry.sender_name}  {stamp}"
        if entry.failed:
            header += "  " + self.tr("not sent — press Retry")
        elif entry.pending:
            header += "  " + self.tr("sending…")
        return f"{header}\n{entry.text}"


def _seq(entry: ChatEntry) -> int:
    return entry.seq or 0
