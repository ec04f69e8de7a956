"""Small things a person notices (offscreen): why "Remember me" is greyed out, a join
error that leaves the code field alone, and a text label near the right edge shown whole on
both sides."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from assist.agent.guidance_tools import GuidanceTools, Mode
from assist.agent.sign_in import SignInDialog
from assist.core import guidance as g
from assist.core.rtc import DecodedFrame
from assist.customer.join_dialog import JoinDialog
from assist.customer.overlay import GuidanceOverlay
from assist.qt.bridge import FrameImage
from assist.qt.remote_view import RemoteScreenView

LABEL = "Click Settings here, then Network"
KEYRING_NOTE = "No password keyring was found on this computer, so Assist cannot remember you."


def test_remember_me_says_why_it_is_greyed_out(qtbot: QtBot) -> None:
    dialog = SignInDialog("wss://support.acme.example", can_remember=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.remember_box.isEnabled()
    assert dialog.remember_note.isVisible() and dialog.remember_note.text() == KEYRING_NOTE
    assert dialog.remember_box.toolTip() == KEYRING_NOTE
    # The note lies under the box, inside the dialog, not cut off.
    note = dialog.remember_note.geometry()
    assert note.top() >= dialog.remember_box.geometry().bottom()
    assert dialog.rect().contains(note)


def test_remember_me_has_no_note_when_it_can_remember(qtbot: QtBot) -> None:
    dialog = SignInDialog("wss://support.acme.example", can_remember=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.remember_box.isEnabled() and not dialog.remember_note.isVisible()


def test_a_long_join_error_leaves_the_code_field_as_it_was(qtbot: QtBot) -> None:
    dialog = JoinDialog("wss://support.acme.example")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.code_edit.geometry()
    line = dialog.status_label.fontMetrics().lineSpacing()
    dialog.show_error(
        "Cannot reach the server. Check your network connection and the server address."
    )
    qtbot.waitUntil(lambda: dialog.status_label.height() >= 2 * line)  # two lines
    assert dialog.code_edit.geometry() == before
    # A longer one makes the dialog taller; the fields stay as they were.
    dialog.show_error(" ".join(["This code is not valid. Please check it."] * 6))
    qtbot.waitUntil(lambda: dialog.status_label.height() >= 4 * line)
    assert dialog.code_edit.geometry() == before
    for edit in (dialog.name_edit, dialog.email_edit, dialog.number_edit):
        assert edit.height() >= edit.sizeHint().height()
    dialog.set_idle()
    assert dialog.code_edit.geometry() == before


def red_box(image: QImage) -> QRect:
    """Where the red of a label is in ``image`` (its white text and rounded corners aside)."""
    pixels = np.asarray(image.convertToFormat(QImage.Format.Format_RGB32).constBits())
    bgra = pixels.reshape(image.height(), image.width(), 4)
    red = g.COLOR_RGB[g.Color.RED]
    near = (np.abs(bgra[..., 2].astype(int) - red[0]) < 30) & (bgra[..., 1] < 120)
    rows, columns = np.nonzero(near)
    assert rows.size, "no label painted"
    return QRect(
        QPoint(int(columns.min()), int(rows.min())), QPoint(int(columns.max()), int(rows.max()))
    )


def label_at(x: float, y: float) -> g.Shape:
    return g.Shape(id=f"l-{x}", tool=g.Tool.TEXT, color=g.Color.RED, points=((x, y),), text=LABEL)


def test_a_label_near_the_right_edge_is_whole_in_the_agents_view(qtbot: QtBot) -> None:
    view = RemoteScreenView()
    qtbot.addWidget(view)
    view.resize(700, 500)  # the picture is letterboxed: the label must stay on the picture
    tools = GuidanceTools()
    tools.set_allowed(True)
    tools.set_mode(Mode.TEXT)
    tools.label = LABEL
    view.set_tools(tools)
    tools.changed.connect(view.update_tools)
    view.show()
    qtbot.waitExposed(view)
    pixels = np.zeros((393, 700, 4), dtype=np.uint8)
    view.show_frame(FrameImage(DecodedFrame(pixels, 700, 393, 0.0, 1920, 1080)))
    picture, canvas = view.image_rect(), view.widget()
    assert canvas is not None

    tools.press(0.3, 0.5)  # in the middle: as wide as the label is
    whole = red_box(canvas.grab().toImage())
    tools.clear()
    tools.press(0.97, 0.96)  # near the right edge and the bottom
    shown = red_box(canvas.grab().toImage())

    assert picture.contains(shown), (picture, shown)
    # As wide and tall as the whole label (a pixel either way: it is drawn antialiased).
    assert abs(shown.width() - whole.width()) <= 1, (shown, whole)
    assert abs(shown.height() - whole.height()) <= 1, (shown, whole)


def test_a_label_near_the_right_edge_is_whole_on_the_customers_screen(qtbot: QtBot) -> None:
    area = QRect(0, 0, 800, 600)
    overlay = GuidanceOverlay("Taro", area, translucent=False)
    qtbot.addWidget(overlay)
    overlay.show_guidance(label_at(0.3, 0.5))
    whole = overlay.mask().boundingRect()
    overlay.show_guidance(g.Erase())
    overlay.show_guidance(label_at(0.98, 0.5))
    # The overlay is shaped to exactly what it draws: the label's whole box is in it.
    shown = overlay.mask().boundingRect()
    assert area.contains(shown), shown
    assert shown.size() == whole.size()
