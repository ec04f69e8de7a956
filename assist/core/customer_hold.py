"""The customer's share held while the agent is not known to be there: capture paused the
moment the agent's app or path is lost, resumed by itself when the same agent is back, a
new peer connection offered when it came back from a new app (``assist.core.presence``).

A mixin of :class:`assist.core.customer.CustomerClient` (split for size), as the registry's
resumption is of the registry.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from assist.core import events as ev
from assist.core.capture import ScreenTrack
from assist.core.errors import AssistError
from assist.core.presence import CHECK_SECONDS, RENEW_AFTER, AgentPresence, ServerView
from assist.core.rtc import RtcSession
from signaling import protocol as p

logger = logging.getLogger(__name__)


class HeldForTheAgent:
    # Provided by CustomerClient and BaseClient.
    session_id: str | None
    track: ScreenTrack | None
    rtc: RtcSession | None
    presence: AgentPresence
    held: bool
    control_allowed: bool
    _paused_by_customer: bool
    _media_lock: asyncio.Lock

    if TYPE_CHECKING:  # what CustomerClient and BaseClient provide (no stubs in the MRO)

        def emit(self, event: ev.Event) -> None: ...

        def _spawn(self, session_id: str, work: Coroutine[Any, Any, None]) -> None: ...

        async def _announce(
            self,
            state: p.ShareState,
            reason: p.ShareReason = p.ShareReason.CUSTOMER,
            target: p.ShareTarget | None = None,
        ) -> None: ...

        def _share_state(self) -> p.ShareState: ...

        def _rtc_session(self, session_id: str) -> RtcSession: ...

    def _on_presence(self, message: p.Message) -> bool:
        handled: bool = super()._on_presence(message)  # type: ignore[misc]
        if isinstance(message, p.PeerAway | p.PeerBack) and message.role is p.Role.AGENT:
            away = isinstance(message, p.PeerAway)
            if away:
                self.presence.went_away()
            else:
                self.presence.server = ServerView.PRESENT
            self._follow_presence()
            if not away and self.session_id is not None:
                self._spawn(self.session_id, self._renew_if_silent(self.session_id))
        return handled

    async def _renew_if_silent(self, session_id: str) -> None:
        """The agent is back on the server. If its heartbeat stays silent, it came back from
        a new app (the console was restarted): the old peer connection leads nowhere, so a
        new one is offered, carrying the same share (still held until the heartbeat comes:
        no new consent, the customer's choices stay)."""
        await asyncio.sleep(RENEW_AFTER)
        if self.session_id != session_id or not self.presence.proof_needed:
            return  # the old path carries on (a heartbeat came), or the session is over
        async with self._media_lock:
            if self.session_id != session_id:
                return
            logger.info("The agent came back without its media path: offering a new one")
            old, self.rtc = self.rtc, self._rtc_session(session_id)
            if old is not None:
                old.detach()  # the share goes on, on the new connection
                await old.close()
            await self.rtc.prepare_video()
            if self.track is not None:
                self.rtc.attach(self.track)

    def _on_closed(self, error: AssistError | None) -> None:
        self.presence.server = ServerView.UNKNOWN
        self._follow_presence()
        super()._on_closed(error)  # type: ignore[misc]

    async def _watch_presence(self, session_id: str) -> None:
        """A heartbeat that stops says nothing: look often whether it went stale."""
        while self.session_id == session_id:
            self._follow_presence()
            await asyncio.sleep(CHECK_SECONDS)

    def _follow_presence(self) -> None:
        """Hold the share the moment the agent is not known to be there (capture paused,
        control ended, the server told when it can be); share again by itself when the
        agent is back, unless the customer paused meanwhile."""
        session_id, track = self.session_id, self.track
        if session_id is None:
            return
        held = not self.presence.present(time.monotonic())
        if track is not None and held and not track.paused:
            track.pause()
            self.control_allowed = False
            paused = self._announce(p.ShareState.PAUSED, p.ShareReason.AGENT_AWAY)
            self._spawn(session_id, paused)
        elif track is not None and not held and track.paused and not self._paused_by_customer:
            track.resume()
            self._spawn(session_id, self._announce(p.ShareState.SHARING, p.ShareReason.AGENT_BACK))
        if held != self.held:
            self.held = held
            self.emit(ev.AgentPresenceChanged(session_id, not held, self._share_state()))
