"""The single bridge between the asyncio world (aiortc, signaling) and the Qt GUI thread.

The asyncio loop runs in one worker thread. The GUI thread hands it coroutines with
:meth:`Bridge.call`; results, errors and client events come back as Qt signals, which Qt
queues to the GUI thread because their receivers live there. Nothing else crosses threads.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import logging
import threading
import weakref
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from assist.core import events as ev
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.rtc import DecodedFrame

logger = logging.getLogger(__name__)

T = TypeVar("T")


class AsyncioThread:
    """An asyncio event loop running in a daemon thread until :meth:`stop`."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="asyncio", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def run(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run ``coro`` on the loop and wait for it (for start-up and shutdown only)."""
        return self.submit(coro).result(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        if not self._thread.is_alive():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_forever()
        finally:
            pending = asyncio.all_tasks(self.loop)
            for task in pending:
                task.cancel()
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self.loop.close()


class FrameImage:
    """A received frame wrapped as a QImage without copying; keeps the pixels alive."""

    def __init__(self, frame: DecodedFrame) -> None:
        self.frame = frame
        self.image = QImage(
            frame.pixels.data,
            frame.width,
            frame.height,
            frame.stride,
            QImage.Format.Format_RGB32,
        )


class Bridge(QObject):
    """Runs coroutines on the worker loop and delivers their outcome on the GUI thread.

    Client events arrive through :meth:`deliver`, which may be called from any thread and
    re-emits each event as the matching, specifically named signal.
    """

    # Outcome of Bridge.call: (call token, succeeded, value).
    _finished = Signal(int, bool, object)

    connection_lost = Signal(object)  # AssistError
    reconnecting = Signal(object, int, float)  # AssistError, attempt, next try in (s)
    reconnected = Signal()
    session_resumed = Signal(str, bool)  # session id, the other side is connected
    session_rejoined = Signal(str, str, object)  # session id, customer name, ShareState
    peer_away = Signal(str, object, float)  # session id, Role, grace (s)
    peer_back = Signal(str, object)  # session id, Role
    agent_presence_changed = Signal(str, bool, object)  # session id, present, ShareState
    tokens_renewed = Signal(str, str)  # username, refresh token
    note_saved = Signal(str, str, str, float)  # session id, note id, text, saved at
    operation_failed = Signal(str, object)  # session id, AssistError
    chat_updated = Signal(str, object)  # session id, ChatEntry
    session_opened = Signal(str, str, float)  # session id, code, expires in (s)
    join_requested = Signal(str, str, str)  # session id, join id, customer name
    join_withdrawn = Signal(str, str)  # session id, join id
    customer_admitted = Signal(str, str)  # session id, customer name
    customer_identified = Signal(str, object)  # session id, p.CustomerIdentified
    share_changed = Signal(str, object, object)  # session id, ShareState, ShareReason
    frame_arrived = Signal(str, object)  # session id, FrameImage
    stream_ended = Signal(str)
    session_closed = Signal(str, object)  # session id, EndReason
    sessions_purged = Signal(object)  # tuple of session ids
    admitted = Signal(str, str, str)  # session id, agent name, org name
    declined = Signal()
    join_failed = Signal(object)  # AssistError
    sharing_changed = Signal(str, object, object)  # session id, ShareState, ShareReason
    permissions_changed = Signal(str, object)  # session id, frozenset of Capability
    guidance_arrived = Signal(str, object)  # session id, guidance.Guidance
    control_requested = Signal(str)  # session id
    share_requested = Signal(str)  # session id

    def __init__(self, runner: AsyncioThread, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._callbacks: dict[
            int, tuple[Callable[[Any], None] | None, Callable[[Any], None] | None]
        ] = {}
        self._tokens = itertools.count(1)
        self._finished.connect(self._on_finished)

    @property
    def sink(self) -> Callable[[ev.Event], None]:
        """The ``emit`` to hand a client: it refers to the bridge weakly, so the worker
        thread never holds the last reference to a QObject (deleting a QObject from the
        wrong thread crashes)."""
        bridge = weakref.ref(self)

        def emit(event: ev.Event) -> None:
            target = bridge()
            if target is not None:
                target.deliver(event)

        return emit

    def call(
        self,
        coro: Coroutine[Any, Any, T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[AssistError], None] | None = None,
    ) -> None:
        """Run ``coro`` on the worker loop; ``on_done``/``on_error`` run on the GUI thread.

        The callbacks stay on the GUI thread (the worker only sees a token), for the same
        reason as :attr:`sink`.
        """
        token = next(self._tokens)
        self._callbacks[token] = (on_done, on_error)
        bridge = weakref.ref(self)

        def finished(done: concurrent.futures.Future[T]) -> None:
            target = bridge()
            if target is None:
                return
            try:
                value = done.result()
            except concurrent.futures.CancelledError:
                cancelled = AssistError(ClientErrorCode.CANCELLED, "the app is shutting down")
                target._finished.emit(token, False, cancelled)
                return
            except AssistError as exc:
                target._finished.emit(token, False, exc)
                return
            except Exception as exc:
                logger.error("Background call crashed", exc_info=exc)
                error = AssistError(ClientErrorCode.MEDIA_FAILED, str(exc))
                target._finished.emit(token, False, error)
                return
            target._finished.emit(token, True, value)

        self.runner.submit(coro).add_done_callback(finished)

    @Slot(int, bool, object)
    def _on_finished(self, token: int, succeeded: bool, value: Any) -> None:
        on_done, on_error = self._callbacks.pop(token, (None, None))
        if succeeded and on_done is not None:
            on_done(value)
        elif not succeeded and isinstance(value, AssistError):
            if on_error is not None:
                on_error(value)
            else:
                logger.warning("Background call failed: %s", value.code.value)

    def deliver(self, event: ev.Event) -> None:
        """Turn a client event into its signal. Thread-safe; clients get it through ``sink``."""
        match event:
            case ev.FrameArrived():
                # Wrapping the pixels happens here, off the GUI thread.
                self.frame_arrived.emit(event.session_id, FrameImage(event.frame))
            case ev.ChatUpdated():
                self.chat_updated.emit(event.session_id, event.entry)
            case ev.SessionOpened():
                self.session_opened.emit(event.session_id, event.code, event.expires_in)
            case ev.JoinRequested():
                self.join_requested.emit(event.session_id, event.join_id, event.customer_name)
            case ev.JoinWithdrawn():
                self.join_withdrawn.emit(event.session_id, event.join_id)
            case ev.CustomerAdmitted():
                self.customer_admitted.emit(event.session_id, event.customer_name)
            case ev.CustomerIdentified():
                self.customer_identified.emit(event.session_id, event.customer)
            case ev.ShareChanged():
                self.share_changed.emit(event.session_id, event.state, event.reason)
            case ev.StreamEnded():
                self.stream_ended.emit(event.session_id)
            case ev.SessionClosed():
                self.session_closed.emit(event.session_id, event.reason)
            case ev.Admitted():
                self.admitted.emit(event.session_id, event.agent_name, event.org_name)
            case ev.Declined():
                self.declined.emit()
            case ev.JoinFailed():
                self.join_failed.emit(event.error)
            case ev.SharingChanged():
                self.sharing_changed.emit(event.session_id, event.state, event.reason)
            case ev.OperationFailed():
                self.operation_failed.emit(event.session_id, event.error)
            case ev.ConnectionLost():
                self.connection_lost.emit(event.error)
            case ev.SessionsPurged():
                self.sessions_purged.emit(event.session_ids)
            case ev.Reconnecting():
                self.reconnecting.emit(event.error, event.attempt, event.retry_in)
            case ev.Reconnected():
                self.reconnected.emit()
            case ev.SessionResumed():
                self.session_resumed.emit(event.session_id, event.peer_present)
            case ev.SessionRejoined():
                self.session_rejoined.emit(event.session_id, event.customer_name, event.share_state)
            case ev.PeerAway():
                self.peer_away.emit(event.session_id, event.role, event.grace)
            case ev.PeerBack():
                self.peer_back.emit(event.session_id, event.role)
            case ev.AgentPresenceChanged():
                self.agent_presence_changed.emit(event.session_id, event.present, event.sharing)
            case ev.TokensRenewed():
                self.tokens_renewed.emit(event.username, event.refresh_token)
            case ev.NoteSaved():
                self.note_saved.emit(event.session_id, event.note_id, event.text, event.saved_at)
            case ev.PermissionsChanged():
                self.permissions_changed.emit(event.session_id, event.granted)
            case ev.GuidanceArrived():
                self.guidance_arrived.emit(event.session_id, event.message)
            case ev.ControlRequested():
                self.control_requested.emit(event.session_id)
            case ev.ShareRequested():
                self.share_requested.emit(event.session_id)
