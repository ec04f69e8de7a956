"""The agent's tool bar over the customer's screen: pointer, pen, arrow, rectangle, text
label, colour, how long drawings stay, and Clear (usable only while the customer allows
pointing and drawing); then Request control (or Control) and Ask for another screen."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from assist.agent.control_input import ControlInput
from assist.agent.guidance_tools import GuidanceTools, Mode
from assist.core import guidance as g
from assist.qt.guidance_paint import color_of
from signaling.protocol import Capability

#: Fade times offered, in seconds (0: until cleared).
FADES = (0.0, 5.0, 10.0, 30.0)
#: The Text tool's field: as wide as the row allows between these (what is longer
#: scrolls in it). At its narrowest, the drawing tools all fit beside it in a console of
#: 1280 pixels, in English and Japanese.
LABEL_FIELD_WIDTHS = (90, 200)
#: How long "Request control" waits for the customer's answer before it can be asked again.
REQUEST_WAIT_MS = 30_000


def swatch(color: g.Color) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(color_of(color))
    return QIcon(pixmap)


class GuidanceBar(QWidget):
    """Two tool bars in a row: the drawing tools, whose last ones go to an overflow menu
    when the row is too narrow, and what the agent asks of the customer (Request control,
    Control, Ask for another screen), which is always shown whole: the Text tool's field
    once pushed Request control out of sight."""

    #: The agent asks the customer for control.
    control_requested = Signal()
    #: The agent asks the customer to share another screen or window.
    share_requested = Signal()

    def __init__(
        self, tools: GuidanceTools, control: ControlInput, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tools = tools
        self.control = control
        self.granted: frozenset[Capability] = frozenset()
        self.drawing = self._tool_bar()
        self.asking = self._tool_bar()
        # Fixed: the row gives it its whole width first; the drawing tools get the rest.
        self.asking.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.drawing, 1)
        row.addWidget(self.asking)
        self._add_modes()
        self._add_style()
        self._add_asking()
        self.hint = QLabel()
        self.drawing.addWidget(self.hint)
        self.modes.triggered.connect(self.on_modes_triggered)
        self.colors.triggered.connect(self.on_colors_triggered)
        self.fade_combo.currentIndexChanged.connect(self.on_fade_combo_current_index_changed)
        self.label_edit.textChanged.connect(self.on_label_edit_text_changed)
        self.clear_action.triggered.connect(tools.clear)
        self.request_action.triggered.connect(self.on_request_action_triggered)
        self.switch_action.triggered.connect(self.share_requested)
        self.control_action.toggled.connect(self.on_control_action_toggled)
        self.set_granted(frozenset())

    def _tool_bar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setIconSize(QSize(16, 16))  # the colour's swatch, as high as the words
        return bar

    def _add_modes(self) -> None:
        self.modes = QActionGroup(self)
        self.modes.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        names = {
            Mode.POINTER: (self.tr("Pointer"), self.tr("Show a dot with your name")),
            Mode.PEN: (self.tr("Pen"), self.tr("Draw freehand")),
            Mode.ARROW: (self.tr("Arrow"), self.tr("Draw an arrow")),
            Mode.RECT: (self.tr("Box"), self.tr("Draw a rectangle")),
            Mode.TEXT: (self.tr("Text"), self.tr("Place the label text where you click")),
        }
        self.mode_actions: dict[Mode, QAction] = {}
        for mode, (text, tip) in names.items():
            action = self.drawing.addAction(text)
            action.setCheckable(True)
            action.setToolTip(tip)
            action.setData(mode.value)
            self.modes.addAction(action)
            self.mode_actions[mode] = action
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(self.tr("Label text"))
        self.label_edit.setMaxLength(g.MAX_LABEL_CHARS)
        # Expanding: the tool bar fits it at its minimum width and gives it what is left.
        self.label_edit.setMinimumWidth(LABEL_FIELD_WIDTHS[0])
        self.label_edit.setMaximumWidth(LABEL_FIELD_WIDTHS[1])
        self.label_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.label_action = self.drawing.addWidget(self.label_edit)
        self.label_action.setVisible(False)
        self.drawing.addSeparator()

    def _add_style(self) -> None:
        """The colour (one button: its swatch, the colours in its menu), how long drawings
        stay, and Clear."""
        self.colors = QActionGroup(self)
        self.color_menu = QMenu(self)
        self.color_actions: dict[g.Color, QAction] = {}
        for color, name in self._color_names().items():
            action = self.color_menu.addAction(swatch(color), name)
            action.setCheckable(True)
            action.setData(color.value)
            self.colors.addAction(action)
            self.color_actions[color] = action
        self.color_button = QToolButton()
        self.color_button.setMenu(self.color_menu)
        self.color_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.color_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.color_button.setAutoRaise(True)
        self.drawing.addWidget(self.color_button)
        self.color_actions[g.Color.RED].setChecked(True)
        self._show_color(g.Color.RED)
        self.fade_combo = QComboBox()
        for seconds in FADES:
            self.fade_combo.addItem(self._fade_text(seconds), seconds)
        self.drawing.addWidget(self.fade_combo)
        self.clear_action = self.drawing.addAction(self.tr("Clear"))
        self.clear_action.setToolTip(self.tr("Remove all drawings from the customer's screen"))

    def _add_asking(self) -> None:
        self.asking.addSeparator()
        self.request_action = self.asking.addAction(self.tr("Request control"))
        self.request_action.setToolTip(
            self.tr("Ask the customer to let you use their mouse and keyboard")
        )
        self.control_action = self.asking.addAction(self.tr("Control"))
        self.control_action.setCheckable(True)
        self.control_action.setToolTip(
            self.tr("Your mouse and keyboard act on the customer's computer")
        )
        self.switch_action = self.asking.addAction(self.tr("Ask for another screen"))
        self.switch_action.setToolTip(
            self.tr("Ask the customer to share another screen or a single window")
        )
        self._waiting = QTimer(self)
        self._waiting.setSingleShot(True)
        self._waiting.setInterval(REQUEST_WAIT_MS)
        self._waiting.timeout.connect(self._refresh_control)

    def _show_color(self, color: g.Color) -> None:
        self.color_button.setIcon(swatch(color))
        name = self._color_names()[color]
        self.color_button.setToolTip(self.tr("Colour: %1").replace("%1", name))

    def _color_names(self) -> dict[g.Color, str]:
        return {
            g.Color.RED: self.tr("Red"),
            g.Color.YELLOW: self.tr("Yellow"),
            g.Color.GREEN: self.tr("Green"),
            g.Color.BLUE: self.tr("Blue"),
        }

    def _fade_text(self, seconds: float) -> str:
        if not seconds:
            return self.tr("Keep drawings")
        return self.tr("Fade after %1 s").replace("%1", str(round(seconds)))

    def set_granted(self, granted: frozenset[Capability]) -> None:
        """Only what the customer allows can be used; says so when nothing is."""
        self.granted = granted
        allowed = Capability.GUIDE in granted
        self.tools.set_allowed(allowed)
        for action in [*self.mode_actions.values(), *self.color_actions.values()]:
            action.setEnabled(allowed)
        for widget in (self.label_edit, self.color_button, self.fade_combo):
            widget.setEnabled(allowed)
        self.clear_action.setEnabled(allowed)
        self.control.set_allowed(Capability.CONTROL in granted)
        self.switch_action.setEnabled(Capability.VIEW in granted)
        if Capability.CONTROL in granted:
            self._waiting.stop()
        self._refresh_control()
        self.hint.setText(
            "" if granted else self.tr("Pointing and drawing start when the customer shares.")
        )

    def _refresh_control(self) -> None:
        controlled = Capability.CONTROL in self.granted
        self.control_action.setVisible(controlled)
        if not controlled and self.control_action.isChecked():
            self.control_action.setChecked(False)
        self.request_action.setVisible(not controlled)
        can_ask = Capability.VIEW in self.granted and not self._waiting.isActive()
        self.request_action.setEnabled(can_ask)
        self.request_action.setText(
            self.tr("Waiting for the customer…")
            if self._waiting.isActive()
            else self.tr("Request control")
        )

    @Slot()
    def on_request_action_triggered(self) -> None:
        self._waiting.start()
        self._refresh_control()
        self.control_requested.emit()

    @Slot(bool)
    def on_control_action_toggled(self, checked: bool) -> None:
        if checked:  # the mouse acts on the customer's computer, not the drawing tools
            checked_mode = self.modes.checkedAction()
            if checked_mode is not None:
                checked_mode.setChecked(False)
            self.tools.set_mode(Mode.OFF)
            self.label_action.setVisible(False)
        self.control.engage(checked)

    @Slot(QAction)
    def on_modes_triggered(self, action: QAction) -> None:
        checked = self.modes.checkedAction()
        mode = Mode(checked.data()) if checked is not None else Mode.OFF
        if mode is not Mode.OFF:
            self.control_action.setChecked(False)  # drawing again, not controlling
        self.tools.set_mode(mode)
        self.label_action.setVisible(mode is Mode.TEXT)
        if mode is Mode.TEXT:
            self.label_edit.setFocus()

    @Slot(QAction)
    def on_colors_triggered(self, action: QAction) -> None:
        self.tools.color = g.Color(action.data())
        self._show_color(self.tools.color)

    @Slot(int)
    def on_fade_combo_current_index_changed(self, index: int) -> None:
        self.tools.fade = float(self.fade_combo.itemData(index))

    @Slot(str)
    def on_label_edit_text_changed(self, text: str) -> None:
        self.tools.label = text
