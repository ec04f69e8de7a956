"""English and Japanese ship together: sources are current, Japanese is complete, the
compiled catalogues match the sources, and the apps really show Japanese."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assist.qt.i18n import TRANSLATIONS, install_translations

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LANGUAGES = ("en", "ja")


def sources() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "assist/*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return sorted(listed)


def lupdate(ts: Path, language: str) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-locations", "none", "-no-obsolete",
         "-source-language", "en", "-target-language", language, *sources(), "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_lupdate_leaves_the_ts_file_unchanged(tmp_path: Path, language: str) -> None:
    committed = TRANSLATIONS / f"assist_{language}.ts"
    copy = tmp_path / committed.name
    shutil.copy(committed, copy)
    lupdate(copy, language)
    assert copy.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        "run: bash .ci/translations"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(tmp_path: Path, language: str) -> None:
    qm = tmp_path / f"assist_{language}.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(TRANSLATIONS / f"assist_{language}.ts"),
         "-qm", str(qm)],
        check=True, capture_output=True,
    )  # fmt: skip
    assert qm.read_bytes() == (TRANSLATIONS / f"assist_{language}.qm").read_bytes()


def test_japanese_is_complete_and_keeps_placeholders() -> None:
    root = ET.parse(TRANSLATIONS / "assist_ja.ts").getroot()
    messages = root.findall("context/message")
    assert len(messages) > 50
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, source
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        for text in forms:
            assert text.strip(), source
            assert sorted(re.findall(r"%\w", text)) == sorted(re.findall(r"%\w", source)), source


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    translators = install_translations(qapp, "ja")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


@pytest.mark.usefixtures("japanese")
def test_windows_built_in_japanese_show_japanese(qtbot: QtBot) -> None:
    from assist.agent.main_window import MainWindow
    from assist.customer.join_dialog import JoinDialog

    window = MainWindow("山田 太郎")
    dialog = JoinDialog("ws://127.0.0.1:8765")
    qtbot.addWidget(window)
    qtbot.addWidget(dialog)
    assert window.new_session_action.text() == "新しいセッション"
    assert window.agent_label.text() == "山田 太郎 としてサインイン中"
    assert dialog.join_button.text() == "参加"
    assert dialog.windowTitle() == "サポートセッションに参加"


@pytest.mark.usefixtures("japanese")
def test_error_messages_and_plurals_are_translated() -> None:
    from assist.core.errors import AssistError
    from assist.qt.messages import error_text
    from signaling.protocol import ErrorCode

    assert error_text(AssistError(ErrorCode.CODE_EXPIRED)).startswith("このコードは有効期限")
    waited = error_text(AssistError(ErrorCode.RATE_LIMITED, retry_after=29.2))
    assert "30 秒" in waited


def test_english_plural_reads_naturally(qapp: QApplication) -> None:
    from assist.core.errors import AssistError
    from assist.qt.messages import error_text
    from signaling.protocol import ErrorCode

    translators = install_translations(qapp, "en")
    try:
        assert "wait 1 second and" in error_text(AssistError(ErrorCode.RATE_LIMITED, "", 0.2))
        assert "wait 5 seconds and" in error_text(AssistError(ErrorCode.RATE_LIMITED, "", 4.0))
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
