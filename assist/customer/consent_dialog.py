"""Who is asking, what for, a warning about scams, and which screen to share."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QEvent, QMargins, QObject, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assist.core.capture import Screen
from assist.core.invite import display_host
from assist.core.x11_windows import Window
from assist.customer.monitors import qscreen_for


class ConsentDialog(QDialog):
    """Nothing is captured unless the customer presses Allow here."""

    report_requested = Signal()

    def __init__(
        self,
        agent_name: str,
        org_name: str,
        screens: list[Screen],
        error: str = "",
        parent: QWidget | None = None,
        server: str = "",
        windows: list[Window] | None = None,
    ) -> None:
        windows = windows or []
        super().__init__(parent)
        self.setWindowTitle(self.tr("Share your screen?"))
        self.server_label = QLabel(connection_text(server))
        self.server_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.server_label.setWordWrap(True)
        self.report_button = QPushButton(self.tr("Report abuse"))
        self.report_button.setFlat(True)
        self.report_button.setStyleSheet("color: #b3261e; text-decoration: underline;")
        self.report_button.clicked.connect(self.report_requested)
        # The organisation is the server's configuration; where none is set, nobody is
        # named in its place (least of all this app).
        who = (
            self.tr("<b>%1</b> from <b>%2</b> asks to view your screen.")
            if org_name
            else self.tr("<b>%1</b> asks to view your screen.")
        )
        self.who_label = QLabel(
            who.replace("%1", escape(agent_name)).replace("%2", escape(org_name))
        )
        self.who_label.setWordWrap(True)
        what = QLabel(
            self.tr(
                "They will see everything on the screen you choose, until you press Stop, "
                "and can point and draw on it. They cannot control your computer unless you "
                "allow it separately. Your Assist windows are hidden from them."
            )
        )
        what.setWordWrap(True)
        warning = (
            self.tr(
                "⚠ Continue only if you contacted %1 yourself. If someone called you "
                "unexpectedly and asked you to install this app, press Decline."
            )
            if org_name
            else self.tr(
                "⚠ Continue only if you asked for this help yourself. If someone called you "
                "unexpectedly and asked you to install this app, press Decline."
            )
        )
        self.warning_label = QLabel(warning.replace("%1", escape(org_name)))
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(
            "background: #fff4e5; color: #663c00; padding: 8px; border-radius: 4px;"
        )
        self.screen_combo = QComboBox()
        for screen in screens:
            label = self.tr("Screen %1 (%2 × %3)")
            self.screen_combo.addItem(
                label.replace("%1", str(screen.index))
                .replace("%2", str(screen.width))
                .replace("%3", str(screen.height)),
                screen,
            )
        for window in windows:
            # Titles come from other applications: shown as plain text (combo items are).
            text = self.tr("Window: %1").replace("%1", window.title[:80])
            self.screen_combo.addItem(text, window)
        self.screen_label = QLabel(self.tr("What to share:"))
        several = self.screen_combo.count() > 1
        self.screen_combo.setVisible(several)
        self.screen_label.setVisible(several)
        self.error_label = QLabel(error)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setVisible(bool(error))
        self.allow_button = QPushButton(self.tr("Allow"))
        self.allow_button.setEnabled(bool(screens) and not error)
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.setDefault(True)

        choose = QHBoxLayout()
        choose.addWidget(self.screen_label)
        choose.addWidget(self.screen_combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addStretch()
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.allow_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.server_label)
        layout.addWidget(self.who_label)
        layout.addWidget(what)
        layout.addWidget(self.warning_label)
        layout.addLayout(choose)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        # Asked while the customer may be busy in another application: it must not open
        # behind it (a window manager's focus-stealing prevention puts it there).
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self._placing = False  # until shown and framed: kept in the middle of its screen
        self.allow_button.clicked.connect(self.accept)
        self.decline_button.clicked.connect(self.reject)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt override)
        """Shown centred on the screen it asks for (where the customer looks for what is
        shared), not over its parent, and in front, with the focus."""
        if visible and not self.isVisible():
            # Placed before it is shown: Qt would first put it over its parent, maybe on
            # another monitor, and Qt moving it between screens left it squeezed.
            self._placing = True
            self._fit()
            self._centre()
        super().setVisible(visible)
        if visible:
            handle = self.windowHandle()
            if handle is not None:
                handle.removeEventFilter(self)
                handle.installEventFilter(self)
            self.raise_()
            self.activateWindow()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self._placing:  # the layout's final size comes after the first show
            self._centre()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # Once on the screen, the window manager's frame is known: centred for it, once
        # (after that, the customer may move the dialog where they like).
        handle = self.windowHandle()
        if self._placing and watched is handle and event.type() == QEvent.Type.Expose:
            if handle is not None and handle.isExposed():
                self._centre()
                self._placing = False
                # Asked again now it is mapped: before, a window manager stacks a new
                # window as it sees fit (below the window in use, which keeps the focus).
                self.raise_()
                self.activateWindow()
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        """As tall as its wrapped texts need at its width: none cut off, no gaps."""
        self.adjustSize()
        needed = self.heightForWidth(self.width())
        if needed > 0:
            self.resize(self.width(), max(needed, self.minimumSizeHint().height()))

    def _centre(self) -> None:
        """The frame (the window manager's decoration too) in the middle of the screen
        asked for; never beyond its top left, so the title bar stays in reach."""
        area = self._asked_area()
        margins = self._frame_margins()
        width = self.width() + margins.left() + margins.right()
        height = self.height() + margins.top() + margins.bottom()
        left = max(area.left(), area.center().x() - width // 2)
        top = max(area.top(), area.center().y() - height // 2)
        # setGeometry places the dialog itself, inside its frame (move() would place a
        # frame Qt may not know yet).
        self.setGeometry(left + margins.left(), top + margins.top(), self.width(), self.height())

    def _frame_margins(self) -> QMargins:
        """The window manager's frame around the dialog; until it has framed it, that of
        its parent's window (the same window manager's) is the best guess."""
        parent = self.parentWidget()
        for widget in (self, parent.window() if parent is not None else None):
            handle = widget.windowHandle() if widget is not None else None
            if handle is not None and not handle.frameMargins().isNull():
                return handle.frameMargins()
        return QMargins()

    def _asked_area(self) -> QRect:
        """The free area of the screen the dialog asks for (the one chosen), in Qt's
        logical pixels; the primary screen's when it asks for none or a window."""
        chosen = self.chosen
        shown = qscreen_for(chosen) if isinstance(chosen, Screen) else None
        return (shown or QGuiApplication.primaryScreen()).availableGeometry()

    @property
    def chosen(self) -> Screen | Window | None:
        """What the customer chose to share (None when nothing can be)."""
        data = self.screen_combo.currentData()
        return data if isinstance(data, Screen | Window) else None

    @property
    def screen_index(self) -> int:
        """The screen chosen (1 when a window is)."""
        chosen = self.chosen
        return chosen.index if isinstance(chosen, Screen) else 1

    @property
    def window_id(self) -> int | None:
        """The window chosen, or None for a whole screen."""
        chosen = self.chosen
        return chosen.id if isinstance(chosen, Window) else None


def connection_text(server: str) -> str:
    """Where this connection goes, and whether its identity was verified (TLS)."""
    host = display_host(server) if server else ""
    if urlsplit(server).scheme == "wss":
        return QCoreApplication.translate("ConsentDialog", "🔒 Verified connection to %1").replace(
            "%1", host
        )
    return QCoreApplication.translate(
        "ConsentDialog", "Connection to a server on this computer (%1)"
    ).replace("%1", host)
