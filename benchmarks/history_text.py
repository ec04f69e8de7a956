"""The words of the history benchmark's store: Japanese and English chat and notes in the
shapes support conversations take, names, wrap-up values, and the rare terms planted where
the searches must find them (and nowhere else)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Planted:
    """A term that only appears where it was put: ``count`` texts of ``kind``."""

    term: str
    kind: str  # "message" or "note"
    count: int
    texts: tuple[str, ...]


PLANTED: Final = (
    Planted(
        "返品",
        "message",
        50,
        (
            "商品の返品をお願いしたいです",
            "返品の送り先を教えてください",
            "返品の受付番号をお送りします",
        ),
    ),
    Planted(
        "二重請求",
        "note",
        20,
        (
            "二重請求の疑いあり。経理に確認を依頼した。",
            "先月分が二重請求になっていたため返金手配済み。",
        ),
    ),
    Planted(
        "error 0x80070057",
        "message",
        30,
        ("Error 0x80070057 when I run the update", "That is error 0x80070057, a bad parameter"),
    ),
)
_RARE: Final = tuple(p.term for p in PLANTED)

# Chat: Japanese customers and agents, and English ones.
_JA_OPEN = ("", "", "すみません、", "お世話になっております。", "こんにちは。", "度々すみません。")
_JA_WHEN = ("", "", "昨日から", "今朝から", "再起動しても", "何度試しても", "新しいパソコンで")
_JA_ISSUE = (
    "画面が真っ黒です", "カメラが映らない", "パスワードを忘れました", "返金をお願いします",
    "ログインできません", "音声が聞こえません", "画面共有が始まりません", "請求書が届きません",
    "アプリが起動しません", "マイクが認識されません", "確認メールが届かない", "料金が高すぎます",
    "支払い方法を変更したい", "解約の手続きを知りたい", "動作が重いです", "設定画面が開けません",
    "金額が間違っているようです", "認証コードが届きません", "プリンターに接続できない",
)  # fmt: skip
_JA_CLOSE = ("。", "。どうすればいいですか？", "。助けてください。", "。よろしくお願いします。")
_JA_ACK = (
    "",
    "ご連絡ありがとうございます。",
    "承知しました。",
    "確認いたします。",
    "お待たせしました。",
)
_JA_ACTION = (
    "設定画面を開いてください", "一度ログアウトしてから再度ログインしてください",
    "パスワードの再設定リンクをお送りしました", "返金の手続きを開始しました",
    "カメラのアクセス許可をご確認ください", "画面の右上にある歯車のアイコンを押してください",
    "お支払い状況を確認しております", "ドライバーを更新してください",
    "料金プランの変更は来月から反映されます", "担当部署に確認して折り返しご連絡します",
    "画面共有を開始していただけますか", "アプリを最新版に更新してください",
)  # fmt: skip
_JA_AFTER = ("。", "。少々お待ちください。", "。他にご不明な点はありますか？")
_EN_CUSTOMER = (
    "Hi, my screen is black after the update",
    "I forgot my password and the reset email never came",
    "I would like a refund for last month",
    "The camera does not work in the browser",
    "Getting error {code} when installing the update",
    "Screen sharing stops after a few seconds",
    "Can you check my invoice? The amount looks wrong",
    "Error {code} appears every time I open the app",
)
_EN_AGENT = (
    "Thanks for reaching out, let me check",
    "Please restart the app and try again",
    "I have issued a refund, it takes 3-5 business days",
    "Could you send me a screenshot of the error?",
    "Error {code} usually means the installer lacks permission",
    "I reset your password, please check your inbox",
    "Refund requests go through billing, one moment",
)
# Notes: the agent's own shorthand.
_JA_NOTE = (
    "{issue}とのこと。", "{action}で解決。", "再発の可能性あり、次回は最初にログを確認する。",
    "お客様は急いでいる様子。", "前回と同じ症状。", "返金対応は上長の承認済み。",
    "エラーコードを控えてもらった。", "画面共有で設定を一緒に確認した。",
    "料金プランについて説明した。",
)  # fmt: skip
_EN_NOTE = (
    "Customer reported: {en}.",
    "Walked through the settings over screen share.",
    "Escalated to billing.",
    "Follow up next week.",
    "Error {code} again, sent the KB article.",
)
SURNAMES = (
    ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"),
    ("伊藤", "ito"), ("渡辺", "watanabe"), ("山本", "yamamoto"), ("中村", "nakamura"),
    ("小林", "kobayashi"), ("加藤", "kato"), ("吉田", "yoshida"), ("山口", "yamaguchi"),
)  # fmt: skip
GIVEN = (
    ("太郎", "taro"), ("花子", "hanako"), ("健", "ken"), ("美咲", "misaki"), ("翔", "sho"),
    ("陽菜", "hina"), ("大輔", "daisuke"), ("さくら", "sakura"), ("直樹", "naoki"), ("愛", "ai"),
)  # fmt: skip
EN_NAMES = ("Alex Smith", "Maria Garcia", "John Miller", "Emma Brown", "Liam Wilson")
CATEGORIES = (
    "ログイン",
    "請求・支払い",
    "カメラ・音声",
    "画面共有",
    "インストール",
    "Billing",
    "Other",
)
OUTCOMES = ("resolved", "resolved", "resolved", "follow_up", "escalated")
END_REASONS = ("agent_ended", "agent_ended", "customer_ended", "customer_left", "idle")
TAGS = ("vip", "初回", "再発", "windows", "mac", "mobile")


def _error_code(rng: random.Random) -> str:
    return f"0x8007{rng.randrange(0x10000):04x}"


def _within(compose: Callable[[], str], low: int, high: int) -> str:
    """A composed text of ``low``–``high`` characters holding none of the planted terms."""
    while True:
        text = compose()
        if low <= len(text) <= high and not any(term in text.lower() for term in _RARE):
            return text


def chat_text(rng: random.Random, sender: str) -> str:
    def compose() -> str:
        if rng.random() < 0.3:
            pool = _EN_CUSTOMER if sender == "customer" else _EN_AGENT
            sentences = rng.sample(pool, rng.randint(1, 2))
            return ". ".join(s.format(code=_error_code(rng)) for s in sentences) + "."
        if sender == "customer":
            parts = [rng.choice(_JA_OPEN), rng.choice(_JA_WHEN), rng.choice(_JA_ISSUE)]
            if rng.random() < 0.3:
                parts += ["、それと", rng.choice(_JA_ISSUE)]
            return "".join(parts) + rng.choice(_JA_CLOSE)
        parts = [rng.choice(_JA_ACK), rng.choice(_JA_ACTION), rng.choice(_JA_AFTER)]
        return "".join(parts)

    return _within(compose, 20, 80)


def note_text(rng: random.Random) -> str:
    def sentence() -> str:
        if rng.random() < 0.25:
            template = rng.choice(_EN_NOTE)
            en = rng.choice(_EN_CUSTOMER).format(code=_error_code(rng)).lower()
            return template.format(en=en, code=_error_code(rng))
        template = rng.choice(_JA_NOTE)
        return template.format(issue=rng.choice(_JA_ISSUE), action=rng.choice(_JA_ACTION))

    def compose() -> str:
        return " ".join(sentence() for _ in range(rng.randint(2, 5)))

    return _within(compose, 40, 200)
