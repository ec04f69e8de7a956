"""Suite-wide rules: widget tests run offscreen with private settings, and in CI a skipped
test fails the run."""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assist.qt.bridge import AsyncioThread

# Before any QApplication exists: pure widget tests need no X server, and settings written
# by the apps under test must never touch the real user's configuration.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="assist-test-config-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="assist-test-data-")


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """As the apps do (assist/qt/gc_collector.py): the cyclic collector never runs on its
    own, where it could start on a worker thread and destroy Qt objects off their thread;
    the main thread collects between tests instead."""
    from assist.qt.gc_collector import collect_if_due

    gc.disable()
    yield
    collect_if_due()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if reporter is not None:
            reporter.write_line(f"CI: {len(skipped)} skipped test(s) count as failures", red=True)


@pytest.fixture
def runner() -> Iterator[AsyncioThread]:
    """The apps' asyncio worker thread, as the GUI hands it coroutines."""
    from assist.qt.bridge import AsyncioThread

    thread = AsyncioThread()
    thread.start()
    yield thread
    thread.stop()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the whole run, started on first use."""
    from tests.helpers.postgres import postgres_instance

    with postgres_instance() as url:
        yield url
