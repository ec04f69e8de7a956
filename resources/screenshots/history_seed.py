"""The customer's earlier sessions, as earlier agents left them, for the screenshots of the
Customer panel and the history search."""

from __future__ import annotations

import time

from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import seed_database

EMAIL = "hanako@example.com"
DAY = 24 * 3600.0

#: (days ago, agent, customer line, agent line, note, category, outcome, rating)
PAST = {
    "en": [
        (41, "Jiro Suzuki", "My camera shows a black picture in video calls.",
         "Let's check the privacy switch on the camera first.",
         "Camera blocked by the privacy shutter. Showed where it is.",
         "Camera problem", "resolved", 5),
        (12, "Ann Agent", "I was charged twice for this month.",
         "I'm sorry about that. I will ask billing to refund the second charge.",
         "Double charge in November. Refund requested from billing, ref. R-2291.",
         "Billing", "follow_up", 4),
        (3, "Jiro Suzuki", "The printer says it is offline again.",
         "Let's restart the print spooler together.",
         "Printer offline after the Windows update. Spooler restart fixed it for now.",
         "Printer problem", "escalated", 3),
    ],
    "ja": [
        (41, "鈴木 次郎", "ビデオ通話でカメラが真っ黒になります。",
         "まずカメラのプライバシースイッチを確認しましょう。",
         "カメラのシャッターが閉じていた。場所をご案内して解決。",
         "カメラの問題", "resolved", 5),
        (12, "Ann Agent", "今月分が二重に請求されています。",
         "申し訳ございません。二重請求分の返金を経理に依頼します。",
         "11月分の二重請求。経理に返金を依頼済み（受付番号 R-2291）。",
         "請求", "follow_up", 4),
        (3, "鈴木 次郎", "プリンターがまたオフラインになりました。",
         "一緒に印刷スプーラーを再起動しましょう。",
         "Windows 更新後にプリンターがオフライン。スプーラー再起動で暫定対応。",
         "プリンターの問題", "escalated", 3),
    ],
}  # fmt: skip


def seed(url: str, language: str, customer_name: str) -> None:
    seed_database(url)
    database = open_database(url)
    try:
        for number, row in enumerate(PAST[language]):
            days, agent, said, answered, note, category, outcome, rating = row
            at = time.time() - days * DAY
            sid = f"past-{number}"
            with database.session() as session:
                history.session_created(session, sid, "jiro", agent, at)
                history.customer_admitted(session, sid, customer_name, at + 20)
                history.identify_customer(session, sid, customer_name, EMAIL, "", at + 20)
                history.confirm_identity(session, sid, "jiro", at + 30)
                for seq, (sender, name, text) in enumerate(
                    [("customer", customer_name, said), ("agent", agent, answered)], start=1
                ):
                    message = history.StoredMessage(
                        sid, seq, f"m{seq}", sender, name, text, at + 40 * seq
                    )
                    history.store_message(session, message)
                history.save_note(session, sid, "n1", "jiro", note, at + 300)
                history.wrap_up(session, sid, category, outcome, [], "", at + 700)
                history.session_ended(session, sid, "agent_ended", at + 700)
                history.rate(session, sid, rating, "", at + 710)
    finally:
        database.close()
