"""The crash test: the agent console is killed with a half-written note the server never
got; started again, it shows the note restored, saves it, and the note is in the session's
history exactly once."""

from __future__ import annotations

import json
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from assist.core.customer import CustomerClient
from assist.core.synthetic import SyntheticGrabber
from assist.qt.bridge import AsyncioThread
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import seed_database
from tests.helpers.console_process import ConsoleProcess
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import poll_until, scaled
from tests.helpers.xvfb import xvfb

pytestmark = pytest.mark.e2e

ORG_NAME = "Acme Support"
#: Typed for real: key presses for the ASCII, input-method commits for the Japanese.
NOTE = "Printer error 0x11b since the update.\nドライバーを再インストールする予定。"


def kept_notes(outbox_file: Path, session_id: str) -> list[str]:
    """The unsaved notes the console's outbox file holds for the session."""
    if not outbox_file.exists():
        return []
    with sqlite3.connect(outbox_file) as db:
        rows = db.execute("SELECT text FROM note WHERE session_id = ?", (session_id,))
        return [text for (text,) in rows]


def stored_notes(db_url: str, session_id: str) -> list[str]:
    database = open_database(db_url, upgrade=False)
    try:
        with database.session() as session:
            return [note.text for note in history.notes(session, session_id)]
    finally:
        database.close()


def restored_and_saved(state: dict[str, Any]) -> bool:
    notes = state["notes"]
    return (
        bool(notes)
        and notes[0]["status"].startswith("Saved at")
        and "Hanako" in (notes[0]["title"])
    )


def test_a_note_typed_before_a_crash_is_restored_and_lands_in_the_history_once(
    runner: AsyncioThread, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path}/server.db"
    seed_database(db_url)
    outbox_file = tmp_path / "data" / "Assist" / "outbox-agent.sqlite"
    first = ServerProcess("--org-name", ORG_NAME, db_url=db_url)
    second: ServerProcess | None = None
    customer = CustomerClient(first.url, "Hanako", [].append, SyntheticGrabber)
    consoles: list[ConsoleProcess] = []
    try:
        with xvfb() as display:
            env = display.env(
                XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config")
            )
            console = ConsoleProcess(first.url, env)
            consoles.append(console)
            console.expect("ready")
            console.send("new")
            code = console.expect_rest("code ")
            runner.run(customer.connect(), timeout=scaled(10))
            runner.run(customer.join(code), timeout=scaled(10))
            console.expect("waiting")
            console.send("admit")
            session_id = console.expect_rest("admitted ")

            # From here the server hears nothing: the note's save is sent but never answered.
            first.process.send_signal(signal.SIGSTOP)
            console.send(f"note {json.dumps(NOTE)}")
            console.expect("typed")
            poll_until(  # a file another process writes: nothing announces it
                lambda: kept_notes(outbox_file, session_id) == [NOTE], 15, "the note kept"
            )
            console.send("status")
            shown = json.loads(console.expect_rest("notes "))
            assert shown["text"] == NOTE
            assert not shown["status"].startswith("Saved"), shown

            console.kill()
            assert kept_notes(outbox_file, session_id) == [NOTE]
            first.kill()  # still stopped: the save it never read dies with it
            assert stored_notes(db_url, session_id) == []

            # The same server address (the outbox is kept per server) and the same database.
            second = ServerProcess("--org-name", ORG_NAME, "--port", str(first.port), db_url=db_url)
            assert second.url == first.url
            console = ConsoleProcess(second.url, env)
            consoles.append(console)
            console.expect("ready")
            first_seen = console.expect_json("restored ", lambda state: bool(state["notes"]))
            (restored,) = first_seen["notes"]
            assert restored["text"] == NOTE
            assert restored["title"].startswith("Unsaved note from session")
            assert first_seen["current_tab"] == "Restored (1)"
            saved = first_seen
            if not restored_and_saved(saved):  # the screen may have changed in one go
                saved = console.expect_json("restored ", restored_and_saved)
            assert saved["notes"][0]["text"] == NOTE
            assert stored_notes(db_url, session_id) == [NOTE]
            assert kept_notes(outbox_file, session_id) == []
            assert console.quit() == 0, console.output
    finally:
        for console in consoles:
            console.close()
        runner.run(customer.close(), timeout=scaled(10))
        first.kill()
        if second is not None:
            assert second.terminate() == 0, second.output
