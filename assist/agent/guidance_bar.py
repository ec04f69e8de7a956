"""The agent's tool bar over the customer's screen: pointer, pen, arrow, rectangle, text
label, colour, how long drawings stay, and Clear. Usable only while the customer allows
pointing and drawing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolBar, QWidget

from assist.agent.guidance_tools import GuidanceTools, Mode
from assist.core import guidance as g
from assist.qt.guidance_paint import color_of

#: Fade times offered, in seconds (0: until cleared).
FADES = (0.0, 5.0, 10.0, 30.0)


def swatch(color: g.Color) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(color_of(color))
    return QIcon(pixmap)


class GuidanceBar(QToolBar):
    def __init__(self, tools: GuidanceTools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tools = tools
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
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
            action = self.addAction(text)
            action.setCheckable(True)
            action.setToolTip(tip)
            action.setData(mode.value)
            self.modes.addAction(action)
            self.mode_actions[mode] = action
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(self.tr("Label text"))
        self.label_edit.setMaxLength(g.MAX_LABEL_CHARS)
        self.label_edit.setFixedWidth(160)
        self.label_action = self.addWidget(self.label_edit)
        self.label_action.setVisible(False)
        self.addSeparator()
        self.colors = QActionGroup(self)
        self.color_actions: dict[g.Color, QAction] = {}
        for color, name in self._color_names().items():
            action = self.addAction(swatch(color), name)
            action.setCheckable(True)
            action.setData(color.value)
            self.colors.addAction(action)
            self.color_actions[color] = action
        self.color_actions[g.Color.RED].setChecked(True)
        self.fade_combo = QComboBox()
        for seconds in FADES:
            self.fade_combo.addItem(self._fade_text(seconds), seconds)
        self.addWidget(self.fade_combo)
        self.clear_action = self.addAction(self.tr("Clear"))
        self.clear_action.setToolTip(self.tr("Remove all drawings from the customer's screen"))
        self.hint = QLabel()
        self.addWidget(self.hint)
        self.modes.triggered.connect(self.on_modes_triggered)
        self.colors.triggered.connect(self.on_colors_triggered)
        self.fade_combo.currentIndexChanged.connect(self.on_fade_combo_current_index_changed)
        self.label_edit.textChanged.connect(self.on_label_edit_text_changed)
        self.clear_action.triggered.connect(tools.clear)
        self.set_allowed(False)

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

    def set_allowed(self, allowed: bool) -> None:
        """Only what the customer allows can be used; says so when it is not."""
        self.tools.set_allowed(allowed)
        for action in [*self.mode_actions.values(), *self.color_actions.values()]:
            action.setEnabled(allowed)
        for widget in (self.label_edit, self.fade_combo):
            widget.setEnabled(allowed)
        self.clear_action.setEnabled(allowed)
        self.hint.setText(
            "" if allowed else self.tr("Pointing and drawing start when the customer shares.")
        )

    @Slot(QAction)
    def on_modes_triggered(self, action: QAction) -> None:
        checked = self.modes.checkedAction()
        mode = Mode(checked.data()) if checked is not None else Mode.OFF
        self.tools.set_mode(mode)
        self.label_action.setVisible(mode is Mode.TEXT)
        if mode is Mode.TEXT:
            self.label_edit.setFocus()

    @Slot(QAction)
    def on_colors_triggered(self, action: QAction) -> None:
        self.tools.color = g.Color(action.data())

    @Slot(int)
    def on_fade_combo_current_index_changed(self, index: int) -> None:
        self.tools.fade = float(self.fade_combo.itemData(index))

    @Slot(str)
    def on_label_edit_text_changed(self, text: str) -> None:
        self.tools.label = text
