"""What the benchmark's screen shows, drawn once and kept: fonts, the text page (a settings
dialog, tickets, paragraphs in English and Japanese), the log and the video's noise."""

from __future__ import annotations

import random

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

NOISE_TEXTURES = 4
UI_FAMILIES = ["DejaVu Sans", "Noto Sans CJK JP"]
MONO_FAMILIES = ["DejaVu Sans Mono", "Noto Sans Mono CJK JP"]

PARAGRAPHS = [
    "Screen sharing lets a support agent see exactly what you see. Nothing is recorded unless "
    "you agree, and you can stop sharing at any time with the Stop button in the bar at the "
    "top of your screen.",
    "画面共有を使うと、サポート担当者はお客様と同じ画面を見ながら操作方法をご案内できます。"
    "録画はお客様の同意なしには行われず、画面上部のバーにある「停止」ボタンでいつでも共有を"
    "終了できます。",
    "If the picture looks blurry, check your network connection. The agent's view sharpens "
    "within a second once your screen stops changing; small text such as file names and error "
    "codes (0x80070057) should then be easy to read.",
    "表示がぼやけて見える場合は、ネットワーク接続をご確認ください。画面の動きが止まると、"
    "一秒ほどで担当者側の表示が鮮明になります。ファイル名やエラーコード（0x80070057）など"
    "の小さな文字も読み取れるはずです。",
    "Invoices can be issued again, and the payment method or plan changed, from Account "
    "settings. If you think you were charged twice, tell us the date and amount on your "
    "statement and we will look into it the same day.",
    "請求書の再発行、お支払い方法の変更、ご契約プランの確認は「アカウント設定」から行えます。"
    "二重請求が疑われる場合は、明細の日付と金額をお知らせください。営業時間は平日午前9時から"
    "午後6時までです。",
]

TICKETS = [
    ("2024/05/14", "Printer offline after update", "プリンターがオフライン", "Open"),
    ("2024/05/13", "返金をお願いします", "Refund request", "Waiting"),
    ("2024/05/13", "Cannot sign in (error 0x8007)", "サインインできません", "Open"),
    ("2024/05/12", "画面が真っ黒です", "Black screen on start", "Solved"),
    ("2024/05/11", "Invoice address change", "請求先住所の変更", "Solved"),
    ("2024/05/10", "VPN disconnects every hour", "VPN が切断される", "Open"),
    ("2024/05/09", "二重請求について", "Charged twice", "Waiting"),
    ("2024/05/08", "Mail sync stuck at 87 %", "メール同期が止まる", "Solved"),
]

LOG_MESSAGES = [
    "sync: uploaded {n} files (ファイル {n} 件を同期しました)",
    "net: retrying 203.0.113.{n}:443, attempt {k}",
    "auth: token refreshed for hanako.yamada@example.co.jp",
    "ui: 設定を保存しました (profile {n})",
    "disk: free space {n}.{k} GB on /home",
    "print: job {n} queued on プリンター-2F",
    "update: downloaded 14.{k} MB of 52.0 MB",
    "mail: 受信トレイに {n} 件の新着メッセージ",
    "vpn: tunnel up, latency {n} ms",
    "error: 0x80070057 in module shell32.dll (k={k})",
]


def ui_font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def mono_font(points: float) -> QFont:
    font = QFont()
    font.setFamilies(MONO_FAMILIES)
    font.setPointSizeF(points)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def log_line(rng: random.Random, index: int) -> str:
    level = rng.choice(["INFO ", "INFO ", "INFO ", "DEBUG", "WARN "])
    message = rng.choice(LOG_MESSAGES).format(n=rng.randint(2, 240), k=rng.randint(1, 9))
    stamp_text = f"09:{index // 600 % 60:02d}:{index // 10 % 60:02d}.{index % 10 * 97:03d}"
    return f"2024-05-14 {stamp_text} {level} {message}"


# --- The cached pictures: rendered once, only blitted while ticking. ---------------------------


def settings_dialog() -> QWidget:
    """A real settings dialog, laid out by Qt, to be rendered into the page."""
    dialog = QWidget()
    dialog.setFont(ui_font(9.5))
    outer = QVBoxLayout(dialog)
    general = QGroupBox("General / 一般")
    form = QFormLayout(general)
    form.addRow("Display name / 表示名", QLineEdit("山田 花子 (Hanako Yamada)"))
    language = QComboBox()
    language.addItems(["日本語 (Japanese)", "English"])
    form.addRow("Language / 言語", language)
    form.addRow(QCheckBox("Start at login / ログイン時に起動する"))
    start = QCheckBox("Show notifications / 通知を表示する")
    start.setChecked(True)
    form.addRow(start)
    network = QGroupBox("Network / ネットワーク")
    net = QFormLayout(network)
    net.addRow("Proxy server / プロキシ", QLineEdit("proxy.example.co.jp"))
    net.addRow("Port / ポート", QLineEdit("8080"))
    auto = QRadioButton("Automatic / 自動")
    auto.setChecked(True)
    net.addRow(auto)
    net.addRow(QRadioButton("Manual / 手動 (requires restart / 再起動が必要)"))
    buttons = QHBoxLayout()
    buttons.addStretch()
    for label in ("OK", "キャンセル", "Apply / 適用"):
        buttons.addWidget(QPushButton(label))
    outer.addWidget(general)
    outer.addWidget(network)
    outer.addLayout(buttons)
    return dialog


def tickets_table() -> QWidget:
    table = QTableWidget(len(TICKETS) * 2, 4)
    table.setFont(ui_font(9))
    table.setHorizontalHeaderLabels(["Date / 日付", "Subject", "件名", "Status / 状態"])
    for row, values in enumerate(TICKETS * 2):
        for col, value in enumerate(values):
            table.setItem(row, col, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    return table


def render_widget(widget: QWidget, size: tuple[int, int]) -> QPixmap:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.resize(*size)
    widget.show()
    pixmap = QPixmap(*size)
    widget.render(pixmap)
    widget.close()
    widget.deleteLater()
    return pixmap


def draw_wrapped(painter: QPainter, rect: QRect, text: str) -> int:
    """Draw ``text`` word-wrapped from the top of ``rect``; returns the bottom of what it drew."""
    bounds = painter.boundingRect(rect, Qt.TextFlag.TextWordWrap, text)
    painter.drawText(bounds, Qt.TextFlag.TextWordWrap, text)
    return bounds.bottom()


def page_pixmap(width: int, height: int) -> QPixmap:
    """The document side of the screen, twice the visible height so it can scroll round."""
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("#f4f4f2"))
    painter = QPainter(pixmap)
    painter.drawPixmap(24, 16, render_widget(settings_dialog(), (560, 400)))
    painter.drawPixmap(608, 16, render_widget(tickets_table(), (548, 400)))
    y, column = 440, (width - 72) // 2
    painter.setPen(QColor("#202020"))
    while y < height - 40:
        painter.setFont(ui_font(11, bold=True))
        painter.drawText(24, y + 16, "Help centre / ヘルプセンター")
        y += 28
        for i in range(0, len(PARAGRAPHS), 2):
            painter.setFont(ui_font(10 if i % 4 == 0 else 9))
            english = draw_wrapped(painter, QRect(24, y, column, 400), PARAGRAPHS[i])
            japanese = draw_wrapped(painter, QRect(48 + column, y, column, 400), PARAGRAPHS[i + 1])
            y = max(english, japanese) + 14
    painter.end()
    return pixmap


def log_pixmap(width: int, height: int, rng: random.Random) -> QPixmap:
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("#1e1e1e"))
    painter = QPainter(pixmap)
    painter.setFont(mono_font(9))
    step = painter.fontMetrics().lineSpacing()
    colours = {"INFO ": "#c8c8c8", "DEBUG": "#7f9f7f", "WARN ": "#e0b050"}
    for index, y in enumerate(range(step, height, step)):
        line = log_line(rng, index)
        painter.setPen(QColor(colours.get(line[24:29], "#c8c8c8")))
        painter.drawText(8, y, line)
    painter.end()
    return pixmap


def noise_textures(width: int, height: int) -> list[QImage]:
    """Semi-transparent grey noise to lay over the video's gradient (premultiplied ARGB)."""
    rng = np.random.default_rng(7)
    images = []
    for _ in range(NOISE_TEXTURES):
        alpha = 72
        grey = rng.integers(0, alpha + 1, (height, width), dtype=np.uint8).astype(np.uint32)
        pixels = (alpha << 24) | (grey << 16) | (grey << 8) | grey
        image = QImage(pixels.tobytes(), width, height, QImage.Format.Format_ARGB32_Premultiplied)
        images.append(image.copy())  # own the pixels; the bytes object goes away
    return images


# --- The windows. -----------------------------------------------------------------------------
