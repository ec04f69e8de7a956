"""The console's offer to take back sessions an earlier run left open: who they are with,
Rejoin (the default) or End them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from assist.agent.console_dialogs import ConsoleDialogs
from assist.qt.i18n import install_translations


def test_the_offer_names_the_customers_and_rejoins_by_default(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    english = install_translations(app, "en")  # the plural forms come from the catalogue
    try:
        offer_and_end(qtbot)
    finally:
        for translator in english:
            app.removeTranslator(translator)


def offer_and_end(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    dialogs = ConsoleDialogs(window)
    answers: list[bool] = []
    dialogs.offer_rejoin(["山田 花子", "Jiro"], answers.append)
    box = dialogs.rejoin_box
    assert box is not None
    assert box.text() == "2 sessions from before are still open. Rejoin them?"
    assert "With: 山田 花子, Jiro." in box.informativeText()
    default = box.defaultButton()
    assert default is not None and default.text() == "Rejoin"
    ending = next(b for b in box.buttons() if b.text() == "End them")
    assert box.buttonRole(ending) is QMessageBox.ButtonRole.DestructiveRole
    ending.click()
    assert answers == [False] and dialogs.rejoin_box is None
