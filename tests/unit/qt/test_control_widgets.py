"""The customer's side of control and privacy, offscreen: the consent dialog says who asks
and what it means, the share bar says who is in control and offers Stop control, Hide and
switching, and the area picker gives what was dragged."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from assist.customer.area_picker import AreaPicker
from assist.customer.control_dialog import ControlConsentDialog
from assist.customer.share_bar import ShareBar
from signaling.protocol import ShareState


def test_the_consent_dialog_names_the_agent_and_declines_by_default(qtbot: QtBot) -> None:
    dialog = ControlConsentDialog("Taro <b>", "Acme")
    qtbot.addWidget(dialog)
    assert "Taro &lt;b&gt;" in dialog.who_label.text() and "Acme" in dialog.who_label.text()
    assert dialog.decline_button.isDefault()  # Enter does not hand over the computer
    with qtbot.waitSignal(dialog.finished) as finished:
        dialog.open()
        dialog.allow_button.click()
    assert finished.args == [QDialog.DialogCode.Accepted.value]


def test_the_share_bar_says_who_controls_and_stops_it(qtbot: QtBot) -> None:
    bar = ShareBar("Taro", "Acme")
    qtbot.addWidget(bar)
    bar.show()
    bar.set_state(ShareState.SHARING)
    assert not bar.stop_control_button.isVisible()
    bar.set_controlled(True)
    assert bar.label.text() == "Taro is controlling your computer"
    assert bar.stop_control_button.isVisible()
    with qtbot.waitSignal(bar.stop_control_clicked):
        bar.stop_control_button.click()
    bar.set_controlled(False)
    assert "Sharing your screen with Taro" in bar.label.text()
    assert not bar.stop_control_button.isVisible()


def test_the_area_picker_gives_the_dragged_rectangle(qtbot: QtBot) -> None:
    picker = AreaPicker(QRect(0, 0, 400, 300), QPixmap(400, 300))
    qtbot.addWidget(picker)
    picker.show()
    with qtbot.waitSignal(picker.picked) as picked:
        QTest.mousePress(
            picker, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(40, 30)
        )
        QTest.mouseMove(picker, QPoint(140, 90))
        QTest.mouseRelease(
            picker, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(140, 90)
        )
    assert picked.args == [(40, 30, 100, 60)]


def test_hiding_and_switching_are_offered_while_sharing(qtbot: QtBot) -> None:
    bar = ShareBar("Taro", "Acme")
    qtbot.addWidget(bar)
    bar.show()
    assert not bar.more_button.isVisible()  # nothing shared: nothing to change
    bar.set_state(ShareState.SHARING)
    assert bar.more_button.isVisible()
    assert bar.more_button.menu().actions() == [bar.switch_action, bar.hide_action]
    with qtbot.waitSignal(bar.hide_clicked):
        bar.hide_action.trigger()
    with qtbot.waitSignal(bar.share_clicked):
        bar.switch_action.trigger()
