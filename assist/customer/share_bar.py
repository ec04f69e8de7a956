"""The small always-on-top bar that says who sees the screen, with Pause and Stop."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assist.core.x11_hotkey import STOP_CONTROL_KEYS
from signaling.protocol import ShareState


class ShareBar(QFrame):
    pause_clicked = Signal()
    resume_clicked = Signal()
    stop_clicked = Signal()
    share_clicked = Signal()
    chat_clicked = Signal()
    end_clicked = Signal()
    report_clicked = Signal()
    clear_drawings_clicked = Signal()
    stop_control_clicked = Signal()
    hide_clicked = Signal()

    def __init__(self, agent_name: str, org_name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.agent_name = agent_name
        self.org_name = org_name
        self.state = ShareState.STOPPED
        self._placed = False
        self.setObjectName("shareBar")
        self.setStyleSheet(
            "#shareBar { background: #1f3a5f; border-radius: 6px; }"
            "#shareBar QLabel { color: white; font-weight: bold; }"
            "#shareBar QLabel#shareBarNotice { color: #ffd54f; font-weight: normal; }"
        )
        self.dot = QLabel("●")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # names come from others
        #: Shown below while the connection (ours or the agent's) is lost and coming back.
        self.notice = QLabel()
        self.notice.setObjectName("shareBarNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.share_button = QPushButton(self.tr("Share my screen"))
        # What is shared is changed from a menu: the bar stays narrow enough for a
        # 1280-pixel screen in every language, with Stop, Chat, End and Report in sight.
        self.more_button = QToolButton()
        self.more_button.setText(self.tr("Change sharing"))
        self.more_button.setToolTip(self.tr("Share something else, or hide parts of it"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self)
        self.switch_action = self.more_menu.addAction(self.tr("Share another screen or window…"))
        self.hide_action = self.more_menu.addAction(
            self.tr("Hide windows or areas from the agent…")
        )
        self.more_button.setMenu(self.more_menu)
        self.chat_button = QPushButton(self.tr("Chat"))
        self.end_button = QPushButton(self.tr("End session"))
        self.report_button = QPushButton(self.tr("Report abuse"))
        self.clear_button = QPushButton(self.tr("Clear drawings"))
        self.clear_button.setToolTip(self.tr("Remove what the agent drew on your screen"))
        self.clear_button.hide()
        self.stop_control_button = QPushButton(self.tr("Stop control"))
        self.stop_control_button.setToolTip(
            self.tr("Or press %1 anywhere").replace("%1", STOP_CONTROL_KEYS)
        )
        self.stop_control_button.setStyleSheet(
            "QPushButton { background: #d32f2f; color: white; font-weight: bold;"
            " padding: 4px 10px; }"
        )
        self.stop_control_button.hide()
        self.controlled = False
        # Who sees what on one line (wrapped when a long name needs it), the actions below.
        self.label.setWordWrap(True)
        self.notice.setWordWrap(True)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.label)
        texts.addWidget(self.notice)
        top = QHBoxLayout()
        top.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(texts, 1)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        for button in (
            self.stop_control_button,
            self.clear_button,
            self.pause_button,
            self.stop_button,
            self.share_button,
            self.more_button,
            self.chat_button,
            self.end_button,
            self.report_button,
        ):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addLayout(top)
        layout.addLayout(self.buttons)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self.stop_clicked)
        self.share_button.clicked.connect(self.share_clicked)
        self.switch_action.triggered.connect(self.share_clicked)
        self.hide_action.triggered.connect(self.hide_clicked)
        self.chat_button.clicked.connect(self.chat_clicked)
        self.end_button.clicked.connect(self.end_clicked)
        self.report_button.clicked.connect(self.report_clicked)
        self.clear_button.clicked.connect(self.clear_drawings_clicked)
        self.stop_control_button.clicked.connect(self.stop_control_clicked)
        self.set_state(ShareState.STOPPED)

    def set_state(self, state: ShareState) -> None:
        self.state = state
        who = self.tr("%1 (%2)") if self.org_name else "%1"
        who = who.replace("%1", self.agent_name).replace("%2", self.org_name)
        if state is ShareState.SHARING and self.controlled:
            text = self.tr("%1 is controlling your computer").replace("%1", self.agent_name)
            color = "#ff1744"
        elif state is ShareState.SHARING:
            text = self.tr("Sharing your screen with %1").replace("%1", who)
            color = "#ff5252"
        elif state is ShareState.PAUSED:
            text = self.tr("Sharing paused — %1 sees a frozen picture").replace("%1", who)
            color = "#ffc107"
        else:
            text = self.tr("Connected to %1 — your screen is not shared").replace("%1", who)
            color = "#9e9e9e"
        self.label.setText(text)
        self.dot.setStyleSheet(f"color: {color};")
        sharing = state is not ShareState.STOPPED
        self.pause_button.setVisible(sharing)
        self.pause_button.setText(
            self.tr("Resume") if state is ShareState.PAUSED else self.tr("Pause")
        )
        self.stop_button.setVisible(sharing)
        self.share_button.setVisible(not sharing)
        self.more_button.setVisible(sharing)
        self._fit()

    def set_controlled(self, controlled: bool) -> None:
        """The agent controls the computer (or no longer): say so, offer Stop control."""
        self.controlled = controlled
        self.stop_control_button.setVisible(controlled)
        self.set_state(self.state)

    def set_drawings_shown(self, shown: bool) -> None:
        """Offer "Clear drawings" while the agent's drawings are on the screen (told with
        every guidance message, pointer moves included: nothing to do when unchanged)."""
        if self.clear_button.isVisibleTo(self) == shown:
            return
        self.clear_button.setVisible(shown)
        self._fit()

    def set_notice(self, text: str, seconds: float | None = None) -> None:
        """Say (or, with "", stop saying) that a connection is lost and coming back; a
        notice with ``seconds`` goes by itself after them (unless replaced meanwhile)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self._fit()
        if seconds is not None:
            QTimer.singleShot(int(seconds * 1000), self, lambda: self._expire_notice(text))

    def _expire_notice(self, text: str) -> None:
        if self.notice.text() == text:
            self.set_notice("")

    def set_held(self, held: bool) -> None:
        """The agent is away and the share held: Resume cannot bring it back until they
        return (it resumes by itself then)."""
        self.pause_button.setEnabled(not held)

    def place_top_center(self) -> None:
        """At the top of the screen the bar is on, centred; it stays there (and on the
        screen) as its contents change."""
        self._placed = True
        self._fit()

    def _fit(self) -> None:
        """Texts wrap at the width of the screen the bar is on; the bar takes its new size
        and, once placed, is centred again (it grew to the right and off the screen)."""
        area = self._screen_area()
        self.label.setMaximumWidth(max(200, area.width() - 60))
        self.notice.setMaximumWidth(self.label.maximumWidth())
        self.adjustSize()
        self._recentre()

    def _screen_area(self) -> QRect:
        screen = self.screen() if self._placed else None
        return (screen or QGuiApplication.primaryScreen()).availableGeometry()

    def _recentre(self) -> None:
        if not self._placed:
            return
        area = self._screen_area()
        x = max(area.left(), area.center().x() - self.width() // 2)
        if self.pos() != QPoint(x, area.top() + 8):
            self.move(x, area.top() + 8)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._recentre()  # a size changed by the layout itself, too

    def _on_pause_clicked(self) -> None:
        if self.state is ShareState.PAUSED:
            self.resume_clicked.emit()
        else:
            self.pause_clicked.emit()
