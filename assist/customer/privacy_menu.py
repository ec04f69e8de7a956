"""The share bar's Hide menu: windows and areas the customer keeps from the agent (black in
every frame, marked "hidden by the customer" on the agent's side), and Show everything."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, QPoint, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from assist.core.capture import list_windows
from assist.core.customer import CustomerClient
from assist.core.errors import AssistError
from assist.core.geometry import Rect
from assist.core.x11_windows import Window
from assist.customer.area_picker import AreaPicker
from assist.customer.monitors import logical_area, monitor_of, qscreen_for, to_shared
from assist.customer.share_bar import ShareBar
from assist.qt.bridge import Bridge
from assist.qt.messages import error_text

logger = logging.getLogger(__name__)


class PrivacyMenu(QObject):
    def __init__(self, bridge: Bridge, client: CustomerClient, share_bar: ShareBar) -> None:
        super().__init__()
        self.bridge, self.client, self.share_bar = bridge, client, share_bar
        self.menu = QMenu(share_bar)
        self.picker: AreaPicker | None = None
        share_bar.hide_clicked.connect(self.on_share_bar_hide_clicked)

    @Slot()
    def on_share_bar_hide_clicked(self) -> None:
        """List the windows off the GUI thread, then offer them."""
        self.bridge.call(asyncio.to_thread(list_windows), self._offer, self._failed)

    def _offer(self, windows: list[Window]) -> None:
        chosen, areas = self.client.chosen_hidden
        self.menu.clear()
        for window in windows:
            action = self.menu.addAction(window.title[:80])
            action.setCheckable(True)
            action.setChecked(window.id in chosen)
            action.toggled.connect(lambda on, w=window.id: self._window(w, on))
        if windows:
            self.menu.addSeparator()
        self.menu.addAction(self.tr("Hide an area…"), self._pick_area)
        show_all = self.menu.addAction(self.tr("Show everything again"), self._show_all)
        show_all.setEnabled(bool(chosen or areas))
        bar = self.share_bar
        self.menu.popup(bar.mapToGlobal(QPoint(bar.more_button.x(), bar.height())))

    def _window(self, window: int, hidden: bool) -> None:
        chosen, areas = self.client.chosen_hidden
        chosen = chosen | {window} if hidden else chosen - {window}
        self._choose(chosen, areas)

    def _pick_area(self) -> None:
        shared = self.client.shared_area()
        if shared is None:
            return
        monitor = monitor_of(shared)
        area = logical_area(monitor)
        screen = qscreen_for(monitor) or QGuiApplication.primaryScreen()
        still = screen.grabWindow(0, area.x(), area.y(), area.width(), area.height())
        self.picker = AreaPicker(area, still)
        self.picker.picked.connect(lambda rect: self._area(to_shared([rect], shared, monitor)))
        self.picker.show()
        self.picker.activateWindow()

    def _area(self, picked: list[Rect]) -> None:
        """``picked`` (in what is shared) is hidden too."""
        chosen, areas = self.client.chosen_hidden
        self._choose(chosen, [*areas, *picked])

    def _show_all(self) -> None:
        self._choose(frozenset(), [])

    def _choose(self, windows: frozenset[int], areas: list[Rect]) -> None:
        self.bridge.call(self.client.choose_hidden(windows, areas), on_error=self._failed)

    def _failed(self, error: AssistError) -> None:
        logger.warning("Hiding failed: %s", error.code.value)
        self.share_bar.label.setText(error_text(error))

    def close(self) -> None:
        if self.picker is not None:
            self.picker.close()
            self.picker = None
