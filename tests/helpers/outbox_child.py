"""A process that writes to an outbox, says "written" and then waits to be killed.

``python -m tests.helpers.outbox_child PATH``: the test SIGKILLs it as soon as the line
arrives, so nothing after ``put`` returned (no close, no checkpoint) gets to run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from assist.core.outbox import Outbox

SERVER = "wss://support.example.jp"
SESSION = "s-crash"
CHAT = [("m1", "画面が真っ白です"), ("m2", "再起動しても同じ 😢")]
NOTE_ID = "n-crash"
NOTE = "お客様: 請求書のPDFが開けない。\nキャッシュ削除は試した 👍"


def main() -> None:
    outbox = Outbox(Path(sys.argv[1]))
    for n, (msg_id, text) in enumerate(CHAT):
        outbox.add_chat(SERVER, SESSION, msg_id, text, created_at=1000.0 + n)
    outbox.put_note(SERVER, SESSION, NOTE_ID, NOTE, updated_at=1002.0)
    print("written", flush=True)
    sys.stdin.read()  # until killed; the test never closes our stdin first


if __name__ == "__main__":
    main()
