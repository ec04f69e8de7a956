"""The customer's screen in the screen-sharing benchmark: a full-screen window of small English
and Japanese text, a terminal-like log and a moving element, driven by commands on stdin.

Run as its own process on the display to share (``DISPLAY``, ``QT_QPA_PLATFORM=xcb``)::

    python -m benchmarks.screen.content

Every update paints a frame counter (``benchmarks.screen.stamp``) at the top left of the screen,
strictly after the update's content, and once both are on the X server prints
``stamp <counter> <time.monotonic_ns()>``. Commands, one a line, each answered by
``ok <command>`` once it has taken effect (``error <reason>`` for a bad one):

``scenario static|scroll|drag|video [RATE]``
    Start from the text page (or the video) and keep updating it at up to RATE ticks/s
    (1..60, default 60: a 16 ms timer): scroll the page and the log by 3 px a tick; drag a
    700x500 window across the screen; change every pixel a tick. ``static`` paints the page
    once and stops.
``still``
    Stop updating; the screen keeps what it shows.
``change``
    One visible update, then still: a new line in the log (a new video frame in ``video``).
``stats``
    Answered ``ok stats <scenario> ticks N wall_ms MEAN P95 cpu_ms MEAN``: the cost of the
    ticks since the scenario started, until each stamp was on the X server.
``quit``
    Exit with status 0 (so does the end of stdin).

Before reading commands it shows the static page, prints its stamp and ``ready``.
"""

from __future__ import annotations

import math
import os
import random
import sys
import time
from collections import deque

from PySide6.QtCore import QEventLoop, QPoint, QPointF, QRect, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QGuiApplication,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPixmap,
    QRegion,
)
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)

from benchmarks.screen import stamp
from benchmarks.screen.pictures import (
    NOISE_TEXTURES,
    PARAGRAPHS,
    draw_wrapped,
    log_line,
    log_pixmap,
    mono_font,
    noise_textures,
    page_pixmap,
    ui_font,
)

TICK_MS = 16
STRIP_H = 64  # the top strip: the stamp, a menu line and the moving element; nothing covers it
LOG_W = 740
LOG_TAIL_LINES = 8
SCROLL_PX = 3
DRAG_SIZE = (700, 500)
#: The content window's title (how the customer picks it when sharing one window).
TITLE = "Assist benchmark content"
DRAG_STEP = 14  # px a tick along x, about a hand's drag at 60 Hz
NOISE_PAD = 64

STAMP_AREA = QRect(*stamp.STAMP_RECT)
WHITE, BLACK = QColor(255, 255, 255), QColor(0, 0, 0)


class DragWindow(QWidget):
    """A document window with its own title bar, moved across the screen as if dragged."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.Tool)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.resize(*DRAG_SIZE)
        self.picture = self._render()

    def _render(self) -> QPixmap:
        width, height = DRAG_SIZE
        pixmap = QPixmap(width, height)
        pixmap.fill(QColor("#ffffff"))
        painter = QPainter(pixmap)
        painter.fillRect(0, 0, width, 30, QColor("#3b5b8c"))
        painter.setPen(QColor("#ffffff"))
        painter.setFont(ui_font(10, bold=True))
        painter.drawText(12, 20, "Notes — メモ帳   (customer-notes.txt)")
        painter.setPen(QColor("#202020"))
        painter.setFont(ui_font(10))
        y = 44
        for text in PARAGRAPHS * 2:  # until the window is full: the pixmap clips the last one
            y = draw_wrapped(painter, QRect(14, y, width - 28, 200), text) + 12
        painter.setPen(QColor("#808080"))
        painter.drawRect(0, 0, width - 1, height - 1)
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.drawPixmap(event.rect(), self.picture, event.rect())
        painter.end()


class Screen(QWidget):
    """The full-screen window: top strip, document page, log pane, or the video."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.setWindowTitle(TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setGeometry(QGuiApplication.primaryScreen().geometry())
        w, h = self.width(), self.height()
        self.rng = random.Random(20240514)
        self.page_rect = QRect(0, STRIP_H, w - LOG_W, h - STRIP_H)
        self.log_rect = QRect(w - LOG_W, STRIP_H, LOG_W, h - STRIP_H)
        self.mono_h = QFontMetrics(mono_font(9)).lineSpacing()
        tail_h = LOG_TAIL_LINES * self.mono_h + 12
        self.tail_rect = QRect(self.log_rect.x(), h - tail_h, LOG_W, tail_h)
        self.history_rect = QRect(self.log_rect.topLeft(), self.tail_rect.topRight())
        self.history_rect.setBottom(self.tail_rect.top() - 1)
        self.page = page_pixmap(self.page_rect.width(), 2 * self.page_rect.height())
        self.history = log_pixmap(LOG_W, 2 * self.history_rect.height(), self.rng)
        self.tail: deque[str] = deque(
            (log_line(self.rng, 5000 + i) for i in range(LOG_TAIL_LINES)), LOG_TAIL_LINES
        )
        self.noise = noise_textures(w + NOISE_PAD, h + NOISE_PAD)
        self.video = False
        self.offset = 0  # scroll position of page and log history, px
        self.phase = 0  # video frame and moving element position
        self.counter = 0  # the stamp on screen
        self.stamp_blocks = stamp.blocks(0)

    def marker_rect(self, phase: int) -> QRect:
        """The moving element: a small square crossing the top strip."""
        span = self.width() - 700 - 24
        x = 700 + abs(phase * 4 % (2 * span) - span)
        return QRect(x, 20, 24, 24)

    # Painting: every paint draws the stamp last, so nothing ever covers it.

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        region = event.region()
        painter.setClipRegion(region)
        if STAMP_AREA.contains(region.boundingRect()):
            pass  # the stamp alone: its blocks cover all of it
        elif self.video:
            self._paint_video(painter)
        else:  # only the parts that need it: text is dear to lay out even when clipped away
            if region.intersects(QRect(0, 0, self.width(), STRIP_H)):
                self._paint_strip(painter)
            if region.intersects(self.page_rect):
                self._paint_scrolled(painter, self.page, self.page_rect)
            if region.intersects(self.history_rect):
                self._paint_scrolled(painter, self.history, self.history_rect)
            if region.intersects(self.tail_rect):
                self._paint_tail(painter)
        for x, y, w, h, white in self.stamp_blocks:
            painter.fillRect(x, y, w, h, WHITE if white else BLACK)
        painter.end()

    def _paint_strip(self, painter: QPainter) -> None:
        painter.fillRect(0, 0, self.width(), STRIP_H, QColor("#2b2d31"))
        painter.setPen(QColor("#e8e8e8"))
        painter.setFont(ui_font(10))
        painter.drawText(
            STAMP_AREA.right() + 40, 38, "File  Edit  View  Help   ファイル  編集  表示  ヘルプ"
        )
        painter.fillRect(self.marker_rect(self.phase), QColor("#f0a030"))

    def _paint_scrolled(self, painter: QPainter, source: QPixmap, target: QRect) -> None:
        """Blit ``source`` into ``target`` scrolled by ``offset``, wrapping round its end."""
        top = self.offset % source.height()
        first = min(target.height(), source.height() - top)
        painter.drawPixmap(target.x(), target.y(), source, 0, top, target.width(), first)
        if first < target.height():
            rest = target.height() - first
            painter.drawPixmap(target.x(), target.y() + first, source, 0, 0, target.width(), rest)

    def _paint_tail(self, painter: QPainter) -> None:
        rect = self.tail_rect
        painter.fillRect(rect, QColor("#101418"))
        painter.fillRect(rect.x(), rect.y(), rect.width(), 2, QColor("#3b5b8c"))
        painter.setFont(mono_font(9))
        painter.setPen(QColor("#9fe0a0"))
        for i, line in enumerate(self.tail):
            painter.drawText(rect.x() + 8, rect.y() + 8 + (i + 1) * self.mono_h - 3, line)

    def _paint_video(self, painter: QPainter) -> None:
        w, h, t = self.width(), self.height(), self.phase
        angle = t * 0.05
        centre = QPointF(w / 2, h / 2)
        reach = QPointF(math.cos(angle) * w / 2, math.sin(angle) * h / 2)
        gradient = QLinearGradient(centre - reach, centre + reach)
        for i in range(4):
            gradient.setColorAt(i / 3, QColor.fromHsv((t * 4 + i * 90) % 360, 190, 215))
        painter.fillRect(self.rect(), gradient)
        noise = self.noise[t % NOISE_TEXTURES]
        dx, dy = (t * 37) % NOISE_PAD, (t * 23) % NOISE_PAD
        painter.drawImage(QPoint(0, 0), noise, QRect(dx, dy, w, h))

    # Updates: the content first, then the new stamp, then the time it reached the X server.

    def show_update(self, content: QRegion | None) -> None:
        if content is not None and not content.isEmpty():
            self.repaint(content)
        self.counter += 1
        self.stamp_blocks = stamp.blocks(self.counter)
        self.repaint(STAMP_AREA)
        QGuiApplication.sync()
        os.write(1, b"stamp %d %d\n" % (self.counter, time.monotonic_ns()))

    def scroll_tick(self) -> None:
        old_marker = self.marker_rect(self.phase)
        self.offset += SCROLL_PX
        self.phase += 1
        region = QRegion(self.page_rect) + QRegion(self.history_rect)
        self.show_update(region + QRegion(old_marker) + QRegion(self.marker_rect(self.phase)))

    def video_tick(self) -> None:
        self.phase += 1
        self.show_update(QRegion(self.rect()))

    def add_log_line(self) -> None:
        self.tail.append(log_line(self.rng, 6000 + self.counter))
        self.show_update(QRegion(self.tail_rect))


class Content:
    """The scenarios and the command protocol over the two windows."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.screen = Screen()
        self.drag = DragWindow()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.on_timer_timeout)
        self.scenario = "static"
        self.drag_step = 0
        self.busy = False  # an update or a command is under way
        self.pending = b""  # read from stdin, not yet run
        self.closed = False  # stdin ended: quit once the commands before are done
        self.costs: list[tuple[int, int]] = []  # (wall, CPU) ns of each tick since the scenario

    def start(self) -> None:
        self.screen.show()
        self._wait_exposed(self.screen)
        self.screen.show_update(QRegion(self.screen.rect()))
        say("ready")
        self.notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self.on_stdin_activated)

    def _wait_exposed(self, widget: QWidget) -> None:
        deadline = time.monotonic() + 10
        while not widget.windowHandle().isExposed() and time.monotonic() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeSocketNotifiers, 20)

    def _settle(self) -> None:
        """Let both windows answer the X server's expose events (a moved window uncovers the
        screen below it), so the frame is whole before its stamp goes up."""
        QGuiApplication.sync()
        self.app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeSocketNotifiers)

    def on_stdin_activated(self) -> None:
        data = os.read(sys.stdin.fileno(), 4096)
        self.pending += data
        self.closed = self.closed or not data
        if self.closed:
            self.notifier.setEnabled(False)
        self.run_commands()

    def run_commands(self) -> None:
        """Run the commands read so far, unless an update is under way: QGuiApplication.sync()
        processes events, and a command run inside it would answer before the update's stamp
        line (``ok still`` followed by one more stamp)."""
        if self.busy:
            return
        while b"\n" in self.pending:
            line, self.pending = self.pending.split(b"\n", 1)
            if line.strip():
                self.busy = True
                try:
                    self.command(line.decode().strip())
                finally:
                    self.busy = False
        if self.closed:
            self.quit()

    def command(self, line: str) -> None:
        words = line.split() or [""]
        if words == ["still"]:
            self.timer.stop()
        elif words == ["change"]:
            self.timer.stop()
            self.tick(change=True)
        elif words == ["stats"]:
            say(f"ok stats {self.scenario} {tick_stats(self.costs)}")
            return
        elif words == ["quit"]:
            say(f"ok {line}")
            self.quit()
            return
        elif words[0] == "scenario" and len(words) in (2, 3) and words[1] in SCENARIOS:
            rate = words[2] if len(words) == 3 else "60"
            if not rate.isdigit() or not 1 <= int(rate) <= 60:
                say(f"error bad rate: {line}")
                return
            self.start_scenario(words[1], int(rate))
        else:
            say(f"error unknown command: {line}")
            return
        say(f"ok {line}")

    def start_scenario(self, name: str, rate: int) -> None:
        self.timer.stop()
        self.timer.setInterval(1000 // rate if rate < 60 else TICK_MS)
        self.scenario = name
        self.costs.clear()
        screen = self.screen
        screen.video = name == "video"
        screen.offset = screen.phase = 0
        if name == "drag":
            self.drag_step = 0
            self.drag.move(self.drag_position())
            self.drag.show()
            self.drag.raise_()
            self._wait_exposed(self.drag)
        else:
            self.drag.hide()
        self._settle()
        screen.show_update(QRegion(screen.rect()))
        if name != "static":
            self.timer.start()

    def drag_position(self) -> QPoint:
        """Back and forth across the screen, bobbing up and down, never over the top strip."""
        span_x = self.screen.width() - DRAG_SIZE[0]
        span_y = self.screen.height() - STRIP_H - DRAG_SIZE[1]
        x = abs(self.drag_step * DRAG_STEP % (2 * span_x) - span_x)
        y = STRIP_H + int(span_y * (0.5 + 0.5 * math.sin(self.drag_step / 25)))
        return QPoint(span_x - x, y)

    def on_timer_timeout(self) -> None:
        if self.busy:  # never nest a tick in the events another update processes
            return
        self.busy = True
        try:
            self.tick(change=False)
        finally:
            self.busy = False
        self.run_commands()

    def tick(self, change: bool) -> None:
        wall, cpu = time.perf_counter_ns(), time.process_time_ns()
        try:
            if self.scenario == "video":
                self.screen.video_tick()
            elif change:
                self.screen.add_log_line()
            elif self.scenario == "scroll":
                self.screen.scroll_tick()
            elif self.scenario == "drag":
                self.drag_step += 1
                self.drag.move(self.drag_position())
                self._settle()
                self.screen.show_update(None)
        finally:
            self.costs.append((time.perf_counter_ns() - wall, time.process_time_ns() - cpu))

    def quit(self) -> None:
        self.timer.stop()
        self.pending = b""
        self.app.quit()


SCENARIOS = ("static", "scroll", "drag", "video")


def tick_stats(costs: list[tuple[int, int]]) -> str:
    """``ticks N wall_ms MEAN P95 cpu_ms MEAN``: what a tick costs, from its start until its
    stamp is on the X server (wall) and in this process's CPU time."""
    if not costs:
        return "ticks 0"
    walls, n = sorted(wall / 1e6 for wall, _ in costs), len(costs)
    cpu = sum(c for _, c in costs) / n / 1e6
    return f"ticks {n} wall_ms {sum(walls) / n:.2f} {walls[int(n * 0.95)]:.2f} cpu_ms {cpu:.2f}"


def say(text: str) -> None:
    os.write(1, text.encode() + b"\n")


def main() -> None:
    app = QApplication(sys.argv)
    app.setFont(ui_font(10))
    content = Content(app)
    content.start()
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
