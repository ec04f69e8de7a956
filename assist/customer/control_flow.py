"""Control of the customer's computer from the customer's side: the agent's request, the
consent dialog, the share bar while the agent is in control, and Stop control."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QDialog

from assist.core.customer import CustomerClient
from assist.customer.control_dialog import ControlConsentDialog
from assist.customer.share_bar import ShareBar
from assist.qt.bridge import Bridge
from assist.qt.messages import error_text
from signaling import protocol as p


class ControlFlow(QObject):
    """One session's control: asks, shows, and ends it when the customer says so."""

    def __init__(
        self, bridge: Bridge, client: CustomerClient, session_id: str, share_bar: ShareBar
    ) -> None:
        super().__init__()
        self.bridge, self.client, self.session_id = bridge, client, session_id
        self.share_bar = share_bar
        self.dialog: ControlConsentDialog | None = None
        bridge.control_requested.connect(self.on_bridge_control_requested)
        bridge.permissions_changed.connect(self.on_bridge_permissions_changed)
        share_bar.stop_control_clicked.connect(self.on_share_bar_stop_control_clicked)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.focusWindowChanged.connect(self.on_app_focus_window_changed)
        client.set_own_window_focused(app.focusWindow() is not None)

    @Slot(str)
    def on_bridge_control_requested(self, session_id: str) -> None:
        if session_id != self.session_id or self.client.control_allowed:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = ControlConsentDialog(self.share_bar.agent_name, self.share_bar.org_name)
        dialog.finished.connect(lambda result: self._answered(dialog, result))
        self.dialog = dialog
        dialog.open()

    def _answered(self, dialog: ControlConsentDialog, result: int) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            self._allow(True)

    @Slot(str, object)
    def on_bridge_permissions_changed(
        self, session_id: str, granted: frozenset[p.Capability]
    ) -> None:
        if session_id == self.session_id:
            self.share_bar.set_controlled(p.Capability.CONTROL in granted)

    @Slot()
    def on_share_bar_stop_control_clicked(self) -> None:
        self._allow(False)

    @Slot(QWindow)
    def on_app_focus_window_changed(self, window: QWindow | None) -> None:
        # Any window of this app with the focus is the customer's own (the overlay never
        # takes it): no keyboard input is injected then.
        self.client.set_own_window_focused(window is not None)

    def _allow(self, allowed: bool) -> None:
        self.bridge.call(
            self.client.allow_control(allowed),
            on_error=lambda error: self.share_bar.label.setText(error_text(error)),
        )

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
