"""The remote view asks for frames at the size it shows them and paints those pixel for
pixel; frames of any other size are still fitted into the same place."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from assist.core.rtc import DecodedFrame, fit_size
from assist.qt.bridge import FrameImage
from assist.qt.remote_view import RemoteScreenView

Pixels = np.ndarray[Any, np.dtype[np.uint8]]


def checkerboard(width: int, height: int) -> Pixels:
    """Single-pixel black and white squares: any scaling at all greys them."""
    rows, columns = np.indices((height, width))
    pixels = np.where(((rows + columns) % 2 == 0)[..., None], 255, 0).astype(np.uint8)
    pixels = np.repeat(pixels, 4, axis=2)
    pixels[..., 3] = 255
    return pixels


def as_array(image: QImage) -> Pixels:
    """The image's B, G, R bytes, copied out (the converted QImage dies here)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[..., :3].copy()


def shown_view(qtbot: QtBot, width: int, height: int) -> RemoteScreenView:
    view = RemoteScreenView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_view_announces_what_it_shows(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 700, 500)
    assert view.display_size() == (700, 500)
    with qtbot.waitSignal(view.display_size_changed) as announced:
        view.resize(900, 600)
    assert announced.args == [900, 600]
    with qtbot.waitSignal(view.display_size_changed) as announced:
        view.set_one_to_one(True)
    assert announced.args == [0, 0]  # every pixel as sent
    with qtbot.assertNotEmitted(view.display_size_changed):
        view.set_one_to_one(True)


def test_a_frame_of_the_views_size_is_painted_pixel_for_pixel(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 700, 500)
    width, height = fit_size(1920, 1080, *view.display_size())
    pixels = checkerboard(width, height)
    view.show_frame(FrameImage(DecodedFrame(pixels, width, height, 0.0, 1920, 1080)))
    rect = view.image_rect()
    assert rect.size().toTuple() == (width, height) == (700, 393)
    assert rect.top() == (500 - 393) // 2  # letterboxed in the middle

    painted = as_array(view.widget().grab().toImage())
    shown = painted[rect.top() : rect.bottom() + 1, rect.left() : rect.right() + 1]
    assert np.array_equal(shown, pixels[..., :3])
    assert (painted[: rect.top()] == (36, 33, 32)).all()  # the background, BGR


def test_a_frame_of_another_size_is_fitted_into_the_same_place(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 700, 500)
    pixels = np.zeros((360, 640, 4), dtype=np.uint8)
    pixels[..., 2], pixels[..., 3] = 200, 255  # red
    view.show_frame(FrameImage(DecodedFrame(pixels, 640, 360, 0.0, 1920, 1080)))
    rect = view.image_rect()
    assert rect.size().toTuple() == (700, 393)
    painted = as_array(view.widget().grab().toImage())
    assert (painted[rect.top() + 2 : rect.bottom() - 2, 2:-2, 2] > 180).all()


def test_one_to_one_spans_the_screen_as_sent(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 700, 500)
    pixels = checkerboard(1920, 1080)
    view.set_one_to_one(True)
    view.show_frame(FrameImage(DecodedFrame(pixels, 1920, 1080, 0.0)))
    qtbot.waitUntil(lambda: view.widget().size() == QSize(1920, 1080))
    view.horizontalScrollBar().setValue(300)
    view.verticalScrollBar().setValue(200)
    painted = as_array(view.viewport().grab().toImage())
    visible = view.viewport().size()
    expected = pixels[200 : 200 + visible.height(), 300 : 300 + visible.width(), :3]
    assert np.array_equal(painted, expected)


@pytest.mark.parametrize("box", [(700, 500), (1001, 333), (333, 1001), (1, 1), (1920, 1080)])
@pytest.mark.parametrize("source", [(1920, 1080), (1366, 768), (1280, 1024), (2, 720)])
def test_the_receiver_rounds_as_qt_does(box: tuple[int, int], source: tuple[int, int]) -> None:
    qt = QSize(*source).scaled(QSize(*box), Qt.AspectRatioMode.KeepAspectRatio)
    if qt.isEmpty():
        return  # Qt gives 0 for a sliver; the receiver makes it 1 pixel, nothing to match
    assert fit_size(*source, *box) == qt.toTuple()


def test_what_the_customer_hides_is_marked_in_the_view(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 700, 500)
    width, height = fit_size(1920, 1080, *view.display_size())
    pixels = np.full((height, width, 4), 255, dtype=np.uint8)  # a white screen
    view.show_frame(FrameImage(DecodedFrame(pixels, width, height, 0.0, 1920, 1080)))
    view.set_hidden(((0.0, 0.0, 0.5, 0.5),))
    rect = view.image_rect()
    painted = as_array(view.widget().grab().toImage())
    hidden = painted[rect.top() + 10 : rect.top() + height // 2 - 10, rect.left() + 10]
    shown = painted[rect.top() + height // 2 + 10, rect.left() + width // 2 + 10]
    assert hidden.max() < 140  # dark and hatched, not the white picture
    assert (shown == 255).all()
    view.set_hidden(())
    painted = as_array(view.widget().grab().toImage())
    assert (painted[rect.top() + 20, rect.left() + 20] == 255).all()
