"""Loads the English or Japanese translation before any window is built."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

logger = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = ("en", "ja")


def pick_language(requested: str | None) -> str:
    """``--lang`` wins; otherwise the system locale, falling back to English."""
    if requested in LANGUAGES:
        return requested
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our catalogue and Qt's own (for standard buttons); keep the result alive."""
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"assist_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    elif language != "en":
        logger.warning("No translation for %s in %s", language, TRANSLATIONS)
    qt_own = QTranslator(app)
    qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and qt_own.load(f"qtbase_{language}", qt_path):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed
