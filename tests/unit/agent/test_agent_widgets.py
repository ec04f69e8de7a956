"""Agent-side widgets on their own: first-start name, settings, the remote screen view."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from assist.agent.name_dialog import DisplayNameDialog
from assist.agent.settings import AgentSettings
from assist.core.rtc import DecodedFrame
from assist.qt.bridge import FrameImage
from assist.qt.remote_view import RemoteScreenView
from tests.helpers.qt_input import commit_text


def frame(width: int, height: int, bgr: tuple[int, int, int]) -> FrameImage:
    pixels = np.zeros((height, width, 4), dtype=np.uint8)
    pixels[..., 0], pixels[..., 1], pixels[..., 2], pixels[..., 3] = (*bgr, 255)
    return FrameImage(DecodedFrame(pixels, width, height, 0.0))


def test_first_start_asks_for_a_name_and_the_organisation_and_settings_keep_them(
    qtbot: QtBot, tmp_path: object
) -> None:
    dialog = DisplayNameDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    commit_text(dialog.name_edit, "  山田 太郎 ")
    assert not ok.isEnabled()  # customers are warned in the organisation's name: asked too
    commit_text(dialog.org_edit, "アクメ サポート")
    assert ok.isEnabled() and (dialog.name, dialog.org) == ("山田 太郎", "アクメ サポート")

    path = str(tmp_path) + "/agent.conf"
    saved = AgentSettings(QSettings(path, QSettings.Format.IniFormat))
    saved.display_name, saved.org_name = dialog.name, dialog.org
    again = AgentSettings(QSettings(path, QSettings.Format.IniFormat))
    assert (again.display_name, again.org_name) == ("山田 太郎", "アクメ サポート")


def test_view_fits_the_window_keeping_the_aspect_ratio(qtbot: QtBot) -> None:
    view = RemoteScreenView()
    qtbot.addWidget(view)
    view.resize(800, 800)
    view.show()
    view.show_frame(frame(1920, 1080, (0, 0, 200)))
    qtbot.waitUntil(lambda: view.image_rect().width() == view.viewport().width())
    rect = view.image_rect()
    assert abs(rect.width() / rect.height() - 1920 / 1080) < 0.01
    assert rect.top() > 0  # letterboxed, not stretched
    assert not view.horizontalScrollBar().isVisible()
    center = view.widget().grab().toImage().pixelColor(rect.center())
    assert center.red() > 180 and center.blue() < 30


def test_one_to_one_shows_every_pixel_and_scrolls(qtbot: QtBot) -> None:
    view = RemoteScreenView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.show_frame(frame(1920, 1080, (0, 200, 0)))
    view.set_one_to_one(True)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0)
    assert view.image_rect().size().toTuple() == (1920, 1080)
    assert view.widget().size().toTuple() == (1920, 1080)
    assert view.verticalScrollBar().maximum() > 0
    view.set_one_to_one(False)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)


def test_notice_is_drawn_over_a_blank_view(qtbot: QtBot) -> None:
    view = RemoteScreenView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.set_notice("Sharing is paused.")
    image = view.widget().grab().toImage()
    light = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).lightness() > 150
    )
    assert light > 20  # text pixels on the dark background
