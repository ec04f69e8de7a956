"""Remote control on the customer's computer: the agent's granted input, injected in its own
thread, where the customer always wins.

- Nothing is injected unless :class:`RemoteControl` is live (the customer granted control);
  :meth:`RemoteControl.stop` takes effect at once, for input already queued too, and
  releases every button and key the agent was holding.
- When the customer moves their own mouse, the agent's input pauses for
  :data:`CUSTOMER_WINS_SECONDS` (held buttons and keys are released first).
- No keyboard input while one of the customer client's own windows (consent dialog, share
  bar) has the focus: the agent must not be able to press "Allow" for the customer.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Protocol

from assist.core import guidance as g
from assist.core import keysyms
from assist.core.capture import Screen
from assist.core.errors import AssistError, ClientErrorCode

logger = logging.getLogger(__name__)

#: How long the agent's input waits after the customer moved their own mouse.
CUSTOMER_WINS_SECONDS = 1.0
#: A pointer this many pixels away from where the agent put it was moved by the customer.
MOVED_BY_HAND = 3


class Injector(Protocol):
    """Input on the customer's desktop (X11: ``x11_input.X11Injector``)."""

    def pointer(self) -> tuple[int, int]: ...

    def move(self, x: int, y: int) -> None: ...

    def button(self, button: str, down: bool) -> None: ...

    def wheel(self, dx: int, dy: int) -> None: ...

    def key(self, keysym: int, down: bool) -> None: ...

    def type_text(self, text: str) -> None: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


class RemoteControl:
    """The agent's control of one shared screen, while granted."""

    def __init__(
        self,
        factory: Callable[[], Injector],
        area: Callable[[], Screen | None],
        keyboard_blocked: Callable[[], bool] = lambda: False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._area = area  # what is shared now: a screen, or where the shared window is
        self._keyboard_blocked = keyboard_blocked
        self._clock = clock
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="control")
        self._live = threading.Event()
        self._live.set()
        self._injector: Injector = self._pool.submit(factory).result()
        self._buttons: set[str] = set()
        self._keys: set[int] = set()
        self._placed: tuple[int, int] | None = None  # where the agent last put the pointer
        self._paused_until = 0.0
        #: Input not injected, by reason (customer_active, own_window, unknown_key, failed).
        self.dropped: Counter[str] = Counter()
        #: Input injected.
        self.injected = 0

    @property
    def live(self) -> bool:
        return self._live.is_set()

    def apply(self, message: g.Guidance) -> concurrent.futures.Future[None]:
        """Inject ``message`` (control input the customer's gate admitted), in order."""
        if not self._live.is_set():
            self.dropped["revoked"] += 1
            done: concurrent.futures.Future[None] = concurrent.futures.Future()
            done.set_result(None)
            return done
        return self._pool.submit(self._apply, message)

    def stop(self) -> concurrent.futures.Future[None]:
        """Control revoked: nothing queued is injected any more, held input is released."""
        self._live.clear()
        return self._pool.submit(self._finish)

    # ------------------------------------------------------------ control thread

    def _apply(self, message: g.Guidance) -> None:
        if not self._live.is_set():
            self.dropped["revoked"] += 1
            return
        try:
            if self._customer_active(message):
                return
            self._inject(message)
            self.injected += 1
        except AssistError as exc:
            logger.warning("Control input failed: %s", exc.detail)
            self.dropped["failed"] += 1

    def _inject(self, message: g.Guidance) -> None:
        injector = self._injector
        if isinstance(message, g.MouseMove | g.MouseButton | g.Wheel):
            self._placed = self._to_screen(message.x, message.y)
            injector.move(*self._placed)
        if isinstance(message, g.MouseButton):
            injector.button(message.button.value, message.down)
            (self._buttons.add if message.down else self._buttons.discard)(message.button.value)
        elif isinstance(message, g.Wheel):
            injector.wheel(message.dx, message.dy)
        elif isinstance(message, g.Key):
            self._key(message)
        elif isinstance(message, g.TypeText):
            if self._keyboard_blocked():
                self.dropped["own_window"] += 1
                return
            injector.type_text(message.text)
        injector.flush()

    def _key(self, message: g.Key) -> None:
        keysym = keysyms.from_name(message.key)
        if keysym is None:
            self.dropped["unknown_key"] += 1
            return
        if message.down and self._keyboard_blocked():
            self.dropped["own_window"] += 1
            return
        if not message.down and keysym not in self._keys:
            return  # a release for a press that was not injected
        self._injector.key(keysym, message.down)
        (self._keys.add if message.down else self._keys.discard)(keysym)

    def _customer_active(self, message: g.Guidance) -> bool:
        """Whether the customer's own hand is on the mouse: then the agent waits."""
        now = self._clock()
        where = self._injector.pointer()
        if self._placed is not None and _distance(where, self._placed) > MOVED_BY_HAND:
            self._paused_until = now + CUSTOMER_WINS_SECONDS
            self._placed = where  # further hand moves are measured from here
            self._release_held()
        if now < self._paused_until:
            self.dropped["customer_active"] += 1
            return True
        return False

    def _release_held(self) -> None:
        for button in sorted(self._buttons):
            self._injector.button(button, False)
        for keysym in sorted(self._keys):
            self._injector.key(keysym, False)
        self._buttons.clear()
        self._keys.clear()
        self._injector.flush()

    def _finish(self) -> None:
        try:
            self._release_held()
        finally:
            self._injector.close()
            self._pool.shutdown(wait=False)

    def _to_screen(self, x: float, y: float) -> tuple[int, int]:
        s = self._area()
        if s is None:
            raise AssistError(ClientErrorCode.CONTROL_FAILED, "nothing is shared")
        return s.left + round(x * (s.width - 1)), s.top + round(y * (s.height - 1))


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]))
