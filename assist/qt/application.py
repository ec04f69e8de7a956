"""Start-up shared by both apps: common options, logging, the QApplication, translations."""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from assist.core.display import DisplayError, check_display
from assist.qt.gc_collector import GuiGarbageCollector
from assist.qt.i18n import LANGUAGES, install_translations, pick_language

#: Libraries that log every frame or packet at DEBUG (codes, tokens, SDP): held at INFO.
CHATTY_LOGGERS = ("websockets", "aioice", "aiortc")


def configure_logging(level: str) -> None:
    """Text lines on stderr at ``level``; what would carry secrets stays out at any level
    (the apps' own modules never log codes, tokens or SDP)."""
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    floor = max(logging.getLogger().level, logging.INFO)
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(floor)


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help="interface language")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING…")


#: The exit status when there is no desktop to show a window on: the command cannot run as
#: it was started (argparse's status for a bad command line too).
EXIT_NO_DISPLAY = 2


def refuse_without_display(program: str) -> int | None:
    """``EXIT_NO_DISPLAY`` after printing why, when ``program`` has no display to open its
    windows on; None when it may create the QApplication (which aborts without one)."""
    try:
        check_display(program)
    except DisplayError as exc:
        # Plain English on stderr: there is no Qt yet, hence no translation.
        print(f"{program}: {exc}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    return None


@dataclass
class Application:
    """The running QApplication and the translators that must outlive every window."""

    app: QApplication
    translators: list[QTranslator]
    collector: GuiGarbageCollector


#: How long a thread may hold the GIL while another waits for it (Python's default: 5 ms).
#: The asyncio loop, aiortc's encoder/decoder threads and the capture thread hold it in
#: turns; the GUI thread waiting up to 5 ms at each of its Qt calls made single paint
#: handlers take 20-30 ms while a stream was shown (benchmarks/screen).
GIL_SWITCH_INTERVAL = 0.001


def favour_gui_thread() -> None:
    """Let the GUI thread get the GIL back sooner from busy worker threads."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)


def create_application(args: argparse.Namespace) -> Application:
    configure_logging(args.log_level)
    favour_gui_thread()
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Assist")
    app.setOrganizationName("Assist")
    translators = install_translations(app, pick_language(args.lang))
    return Application(app, translators, GuiGarbageCollector(app))
