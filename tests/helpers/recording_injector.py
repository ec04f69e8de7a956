"""An injector that records what it was asked to do (for tests of the control flow over
real peers; the X11 injector itself is tested on a real display in tests/e2e)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RecordingInjector:
    done: list[tuple[object, ...]] = field(default_factory=list)
    at: tuple[int, int] = (0, 0)
    closed: bool = False

    def pointer(self) -> tuple[int, int]:
        return self.at

    def move(self, x: int, y: int) -> None:
        self.at = (x, y)
        self.done.append(("move", x, y))

    def button(self, button: str, down: bool) -> None:
        self.done.append(("button", button, down))

    def wheel(self, dx: int, dy: int) -> None:
        self.done.append(("wheel", dx, dy))

    def key(self, keysym: int, down: bool) -> None:
        self.done.append(("key", keysym, down))

    def type_text(self, text: str) -> None:
        self.done.append(("type", text))

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True
