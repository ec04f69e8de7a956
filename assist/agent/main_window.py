"""The agent console window: New session, one tab per session, connection status."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QMoveEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from assist.agent.restored_tab import RestoredTab
from assist.agent.session_tab import SessionTab


class MainWindow(QMainWindow):
    """Tabs ask to close through ``session_close_requested`` (the controller decides: end,
    wrap up, or let it go); closing the window asks :attr:`close_guard` first."""

    new_session_requested = Signal()
    search_requested = Signal()
    session_close_requested = Signal(str)  # session id

    def __init__(self, agent_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assist — Agent console"))
        self.tabs = QTabWidget(self)
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        #: Shown while the connection to the server is lost and being re-established.
        self.connection_notice = QLabel()
        self.connection_notice.setObjectName("connectionNotice")
        self.connection_notice.setWordWrap(True)
        self.connection_notice.setStyleSheet(
            "#connectionNotice { background: #fff3cd; color: #664d03;"
            " border-bottom: 1px solid #e0c36a; padding: 6px 10px; }"
        )
        self.connection_notice.hide()
        #: Called when the agent closes the window; False keeps it open (the guard closes
        #: it itself once sessions are ended and wrapped up).
        self.close_guard: Callable[[], bool] | None = None
        self.pages = QStackedWidget(self)
        self.empty_page = self._empty_page()
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.tabs)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.connection_notice)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.new_session_action = QAction(self.tr("New session"), self)
        self.new_session_action.setShortcut(QKeySequence.StandardKey.New)
        shortcut = self.new_session_action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.empty_label.setText(
            self.tr("Start a new session (%1), or wait for a customer.").replace("%1", shortcut)
        )
        self.empty_button.clicked.connect(self.new_session_action.trigger)
        toolbar = QToolBar(self.tr("Sessions"), self)
        toolbar.setMovable(False)
        toolbar.addAction(self.new_session_action)
        self.search_action = QAction(self.tr("Search history"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.search_action.setToolTip(
            self.tr("Find customers, notes and chats from past sessions (Ctrl+Shift+F)")
        )
        toolbar.addAction(self.search_action)
        self.addToolBar(toolbar)
        self.agent_label = QLabel(self.tr("Signed in as %1").replace("%1", agent_name))
        self.agent_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.server_label = QLabel()
        self.server_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        self.statusBar().addWidget(self.agent_label)
        self.statusBar().addPermanentWidget(self.server_label)
        self.new_session_action.triggered.connect(self.new_session_requested)
        self.search_action.triggered.connect(self.search_requested)
        self.tabs.tabCloseRequested.connect(self._on_tabs_close_requested)
        self.tabs.currentChanged.connect(self._show_empty_state)
        self.resize(1280, 800)
        # Whether the window was made to fit its screen with the window manager's frame.
        self._fitted = False

    def _empty_page(self) -> QWidget:
        """What an empty console shows: what to do next."""
        page = QWidget(self)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyConsole")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_button = QPushButton(self.tr("New session"))
        column = QVBoxLayout(page)
        column.addStretch()
        column.addWidget(self.empty_label)
        column.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch()
        return page

    @Slot()
    def _show_empty_state(self) -> None:
        self.pages.setCurrentWidget(self.tabs if self.tabs.count() else self.empty_page)

    def add_session(self, tab: SessionTab) -> None:
        index = self.tabs.addTab(tab, tab.title)
        self.tabs.setCurrentIndex(index)
        tab.title_changed.connect(self._on_tab_title_changed)

    def add_restored(self, tab: RestoredTab) -> None:
        """Show what the last run left unsaved, first and in front: the agent must see it."""
        self.tabs.insertTab(0, tab, tab.title)
        self.tabs.setCurrentIndex(0)
        tab.title_changed.connect(lambda title: self.tabs.setTabText(self.tabs.indexOf(tab), title))

    def remove_tab(self, widget: QWidget) -> None:
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.tabs.removeTab(index)
            widget.deleteLater()
        self._show_empty_state()

    @property
    def session_tabs(self) -> list[SessionTab]:
        tabs = (self.tabs.widget(index) for index in range(self.tabs.count()))
        return [tab for tab in tabs if isinstance(tab, SessionTab)]

    def tab_for(self, session_id: str) -> SessionTab | None:
        return next((tab for tab in self.session_tabs if tab.session_id == session_id), None)

    def set_connection_notice(self, text: str) -> None:
        """Say (or, with "", stop saying) that the server connection is being restored."""
        self.connection_notice.setText(text)
        self.connection_notice.setVisible(bool(text))

    def set_server_text(self, text: str) -> None:
        self.server_label.setText(text)

    @Slot(str, str)
    def _on_tab_title_changed(self, session_id: str, title: str) -> None:
        tab = self.tab_for(session_id)
        if tab is not None:
            self.tabs.setTabText(self.tabs.indexOf(tab), title)

    @Slot(int)
    def _on_tabs_close_requested(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab is None:
            return
        if isinstance(tab, SessionTab):
            self.session_close_requested.emit(tab.session_id)
        else:
            # The Restored tab: what it holds stays on this computer and comes back.
            self.remove_tab(tab)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit_to_screen()

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802 (Qt override)
        super().moveEvent(event)
        self._fit_to_screen()  # the window manager framed it: its size is known now

    def _fit_to_screen(self) -> None:
        """Once, when the frame the window manager adds is known: the window and its frame
        within the screen's free area (1280×800 plus a title bar does not fit a 1280×800
        laptop screen), moved back onto it if they stuck out."""
        frame = self.frameGeometry()
        if self._fitted or not self.isVisible() or frame.size() == self.size():
            return  # not shown, or not framed (yet)
        self._fitted = True
        area = self.screen().availableGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = max(self.minimumWidth(), min(self.width(), area.width() - extra_w))
        height = max(self.minimumHeight(), min(self.height(), area.height() - extra_h))
        self.resize(width, height)
        x = min(max(frame.x(), area.left()), area.right() + 1 - (width + extra_w))
        y = min(max(frame.y(), area.top()), area.bottom() + 1 - (height + extra_h))
        self.move(max(x, area.left()), max(y, area.top()))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.close_guard is not None and not self.close_guard():
            event.ignore()
            return
        super().closeEvent(event)
