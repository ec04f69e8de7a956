"""The customer's side of a session: join by code, consent, share a screen, chat.

Nothing is captured until :meth:`CustomerClient.allow` is called with the customer's choice,
and :meth:`CustomerClient.stop_sharing` ends capture at once.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import Callable

from assist.core import events as ev
from assist.core import guidance as g
from assist.core.capture import (
    MAX_FPS,
    CaptureThread,
    Grabber,
    MssGrabber,
    Screen,
    ScreenTrack,
)
from assist.core.client_base import BaseClient, Emit
from assist.core.customer_hold import HeldForTheAgent
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.geometry import Rect
from assist.core.guidance_gate import GuidanceGate
from assist.core.injection import Injector, RemoteControl
from assist.core.outbox import Outbox
from assist.core.presence import AgentPresence, ServerView
from assist.core.rtc import MediaStats, RtcSession
from assist.core.signaling_client import client_id
from assist.core.x11_hotkey import StopHotkey
from assist.core.x11_input import X11Injector
from assist.core.x11_windows import Window
from signaling import protocol as p

logger = logging.getLogger(__name__)


class CustomerClient(HeldForTheAgent, BaseClient):
    role = p.Role.CUSTOMER

    def __init__(
        self,
        url: str,
        name: str,
        emit: Emit,
        grabber_factory: Callable[[], Grabber] = MssGrabber,
        ssl_context: ssl.SSLContext | None = None,
        outbox: Outbox | None = None,
        injector_factory: Callable[[], Injector] = X11Injector,
        max_fps: float = MAX_FPS,
    ) -> None:
        super().__init__(url, name, emit, ssl_context, outbox)
        #: The shared screen's frame rate cap (a faster machine, or a camera, wants another).
        self.max_fps = max_fps
        self._grabber_factory = grabber_factory
        self._injector_factory = injector_factory
        #: The agent's control while the customer grants it (see allow_control).
        self.control: RemoteControl | None = None
        self.control_allowed = False
        self._own_window_focused = False
        self._hotkey: StopHotkey | None = None
        self._target = p.ShareTarget.SCREEN  # what is shared (told with each status)
        self.pending: p.JoinPending | None = None
        self.session_id: str | None = None
        self.agent_name = ""
        self.capture: CaptureThread | None = None
        self.track: ScreenTrack | None = None
        self.rtc: RtcSession | None = None
        self.grabs_before_stop = 0
        self._media_lock = asyncio.Lock()
        #: What takes the session back after a lost connection (from our ``admitted``).
        self._resume_token = ""
        #: What the agent may do now; guidance it has not been granted is dropped here.
        self.gate = GuidanceGate()
        #: Whether the customer lets the agent point and draw while the screen is shared.
        self.guidance_allowed = True
        #: Where the guidance overlay draws (see keep_from_capture).
        self._kept_rects: list[Rect] = []
        self._hidden_windows: frozenset[int] = frozenset()
        self._chosen_windows: frozenset[int] = frozenset()
        self._hidden_areas: list[Rect] = []
        #: The grants last told to the app and the server.
        self._announced: frozenset[p.Capability] = frozenset()
        #: Whether the agent is there to see the share; while not, the share is held
        #: (paused, capture included) and resumes by itself when the agent is back.
        self.presence = AgentPresence()
        self.held = False
        self._paused_by_customer = False

    def _greeting(self) -> p.Request:
        return p.Hello(role=p.Role.CUSTOMER, name=self.name, client=client_id())

    async def join(self, code: str, email: str = "", customer_number: str = "") -> p.JoinPending:
        """Ask to join; returns once the agent was told. Raises ``AssistError`` on bad codes.

        What happens next (admitted, declined, the code dying meanwhile) arrives as events,
        possibly before this returns: check :attr:`pending` before showing "waiting".
        """
        normalized = p.normalize_code(code)
        request = p.Join(code=normalized, email=email.strip(), customer_number=customer_number)
        reply = await self.signaling.request(request, p.JoinPending)
        self.agent_name = reply.agent_name
        return reply

    async def allow(self, screen_index: int, window_id: int | None = None) -> None:
        """The customer consented: start capturing screen ``screen_index`` (or the window
        ``window_id``, followed as it moves) and send it to the agent, on the connection
        prepared at admission when there is one (no negotiation then), else offering a new
        one.

        One media change at a time; if the session ends meanwhile, whatever was started is
        released and nothing is sent.
        """
        async with self._media_lock:
            session_id = self._require_session()
            # A connection that is up is kept: the first share, or a switch to another
            # screen or window, only gives it a new track (no negotiation).
            prepared = self.rtc if self._usable(self.rtc) else None
            if prepared is None:
                await self._release_media()
            before = (self.track, self.capture) if prepared is not None else (None, None)
            capture = await asyncio.to_thread(CaptureThread, self._grabber_factory)
            self._apply_areas(capture)
            capture.masks.on_change = self._masks_changed
            try:
                target = await asyncio.to_thread(_target, capture, screen_index, window_id)
                if self.session_id != session_id:
                    raise _SessionGone
                self.capture = capture
                self.track = self._screen_track(capture, target)
                self.track.on("ended", self._track_ended)
                if prepared is not None:
                    prepared.attach(self.track)
                else:
                    self.rtc = self._rtc_session(session_id)
                    await self.rtc.offer(self.track)
                if self.session_id != session_id:
                    raise _SessionGone
                await self._retire(*before)
                target_kind = (
                    p.ShareTarget.WINDOW if isinstance(target, Window) else p.ShareTarget.SCREEN
                )
                self._paused_by_customer = False
                await self._announce(p.ShareState.SHARING, target=target_kind)
                self._follow_presence()  # shared while the agent is away: held at once
            except _SessionGone:
                await self._release_media(capture)
            except BaseException:
                await self._release_media(capture)
                raise

    async def decline(self) -> None:
        """The customer declined the consent: the agent is told (nothing was shared), and
        the session goes on with chat. Declining a switch while sharing changes nothing."""
        if self.track is None and self.session_id is not None:
            await self._announce(p.ShareState.STOPPED, p.ShareReason.DECLINED)

    async def _retire(self, track: ScreenTrack | None, capture: CaptureThread | None) -> None:
        """What was shared before a switch: stopped, its capture closed."""
        if track is not None:
            track.remove_listener("ended", self._track_ended)
            track.hand_over()
            asyncio.get_running_loop().call_later(1.0, track.stop)
        if capture is not None:
            self.grabs_before_stop += capture.grab_count
            await asyncio.to_thread(capture.close)

    async def rate(self, session_id: str, rating: int, comment: str) -> None:
        """Rate the help (1-5) during the session or just after it ended."""
        message = p.Rate(session_id=session_id, rating=rating, comment=comment)
        await self.signaling.request(message, p.Ok)

    async def report_abuse(self, reason: str) -> None:
        """Report this session to the organisation's administrator, then leave it."""
        session_id = self._require_session()
        await self.signaling.request(p.ReportAbuse(session_id=session_id, reason=reason), p.Ok)
        await self.end_session(session_id)

    async def pause(self) -> None:
        """Freeze the picture; the agent's control ends too (resuming does not bring it
        back: the agent asks again)."""
        self.control_allowed = False
        self._paused_by_customer = True
        if self.track is not None and not self.track.paused:
            self.track.pause()
            await self._announce(p.ShareState.PAUSED)

    async def resume(self) -> None:
        """Share again; while the agent is away the share stays held until they are back."""
        self._paused_by_customer = False
        if self.track is not None and self.track.paused and not self.held:
            self.track.resume()
            await self._announce(p.ShareState.SHARING)

    async def stop_sharing(self, reason: p.ShareReason = p.ShareReason.CUSTOMER) -> None:
        """End capture now; the agent is told why. Safe to call when not sharing."""
        async with self._media_lock:
            was_sharing = self.track is not None
            await self._release_media()
        if was_sharing and self.session_id is not None:
            await self._announce(p.ShareState.STOPPED, reason)

    async def allow_guidance(self, allowed: bool) -> None:
        """Let the agent point and draw on the screen (the default while sharing), or not;
        the agent is told at once, and drawings already shown go when it is revoked."""
        self.guidance_allowed = allowed
        await self._update_grants()

    async def clear_drawings(self) -> None:
        """Remove the agent's drawings from the screen, here and in the agent's view."""
        session_id = self._require_session()
        self.emit(ev.GuidanceArrived(session_id, g.Erase()))
        if self.rtc is not None:
            self.rtc.send_guidance(g.Erase())

    async def allow_control(self, allowed: bool) -> None:
        """Let the agent control the computer while the screen is shared, or take it back:
        at once, releasing whatever the agent was holding."""
        self.control_allowed = allowed
        await self._update_grants()

    def set_own_window_focused(self, focused: bool) -> None:
        """One of this app's windows has the keyboard focus: no keyboard input is injected
        meanwhile (the agent must not answer the customer's own dialogs). Any thread."""
        self._own_window_focused = focused

    def hide_windows(self, windows: frozenset[int]) -> None:
        """This app's own windows, black in every frame and followed as they move (native
        window ids). Any thread."""
        self._hidden_windows = windows
        self._apply_areas()

    def hide_areas(self, rects: list[Rect]) -> None:
        """Areas of the shared screen to black out in every frame (screen pixels). Any
        thread."""
        self._hidden_areas = list(rects)
        self._apply_areas()

    async def choose_hidden(self, windows: frozenset[int], areas: list[Rect]) -> None:
        """What the customer chose to hide: windows (followed as they move) and areas of
        the shared screen; the change is in the session's audit trail (how many, not
        which)."""
        self._chosen_windows = windows
        self._hidden_areas = list(areas)
        self._apply_areas()
        if self.track is not None:
            await self._announce(self._share_state())

    @property
    def chosen_hidden(self) -> tuple[frozenset[int], list[Rect]]:
        return self._chosen_windows, list(self._hidden_areas)

    def _apply_areas(self, capture: CaptureThread | None = None) -> None:
        """Tell ``capture`` (by default the one running) what to hide and what to keep."""
        capture = capture or self.capture
        if capture is not None:
            capture.masks.set_windows(self._hidden_windows | self._chosen_windows)
            capture.masks.set_areas(self._hidden_areas)
            capture.kept.set(self._kept_rects)

    def keep_from_capture(self, rects: list[Rect]) -> None:
        """Where the guidance overlay draws (pixels of the shared screen): the capture keeps
        what was under it, so the agent sees only the copy its own view paints. Safe from
        any thread (the overlay calls it on every change)."""
        self._kept_rects = list(rects)
        if (capture := self.capture) is not None:
            capture.kept.set(self._kept_rects)

    async def stats(self) -> MediaStats | None:
        return await self.rtc.stats() if self.rtc is not None else None

    @property
    def grab_count(self) -> int:
        """Frames grabbed from the screen so far (all shares of this session)."""
        live = self.capture.grab_count if self.capture is not None else 0
        return self.grabs_before_stop + live

    # ------------------------------------------------------------- inside

    def _live_sessions(self) -> set[str]:
        return {self.session_id} if self.session_id is not None else set()

    def _resume_proof(self, session_id: str) -> str:
        return self._resume_token if session_id == self.session_id else ""

    async def _session_lost(self, session_id: str) -> None:
        ended = p.SessionEnded(session_id=session_id, reason=p.EndReason.CUSTOMER_DROPPED)
        await self._ended(ended)

    def _require_session(self) -> str:
        if self.session_id is None:
            raise AssistError(p.ErrorCode.WRONG_STATE, "not admitted")
        return self.session_id

    async def _announce(
        self,
        state: p.ShareState,
        reason: p.ShareReason = p.ShareReason.CUSTOMER,
        target: p.ShareTarget | None = None,
    ) -> None:
        session_id = self._require_session()
        self.emit(ev.SharingChanged(session_id, state, reason))
        self._target = target or self._target
        self.gate.granted = self._grants()  # at once, not after the server has heard
        try:
            await self.signaling.send(self._status(session_id, state, reason))
        except AssistError:
            if not self.reconnecting:
                raise  # else the resume tells the server (see _resumed)
        finally:  # what the gate lets through follows the sharing, told or not
            await self._update_grants()

    def _status(
        self, session_id: str, state: p.ShareState, reason: p.ShareReason = p.ShareReason.CUSTOMER
    ) -> p.ShareStatus:
        """What the server is told (and audits) about the sharing: its state, what is
        shared and how many things the customer hides."""
        hidden = len(self._chosen_windows) + len(self._hidden_areas)
        return p.ShareStatus(
            session_id=session_id, state=state, reason=reason, target=self._target, hidden=hidden
        )

    def _grants(self) -> frozenset[p.Capability]:
        """What sharing as it is now grants: the view while shared, guidance too unless the
        customer turned it off; nothing while paused or stopped."""
        if self.track is None or self.track.paused:
            return frozenset()
        granted = {p.Capability.VIEW}
        if self.guidance_allowed:
            granted.add(p.Capability.GUIDE)
        if self.control_allowed:
            granted.add(p.Capability.CONTROL)
        return frozenset(granted)

    async def _update_grants(self) -> None:
        granted = self._grants()
        self.gate.granted = granted
        await self._follow_control(p.Capability.CONTROL in granted)
        if granted == self._announced or self.session_id is None:
            return
        self._announced = granted
        self.emit(ev.PermissionsChanged(self.session_id, granted))
        try:
            await self.signaling.send(p.Permissions(session_id=self.session_id, granted=granted))
        except AssistError:
            if not self.reconnecting:
                raise  # else the resume tells the server (see _resumed)

    async def _follow_control(self, granted: bool) -> None:
        """Start injecting when control is granted, stop at once when it is not."""
        if not granted and self.control is not None:
            self.control.stop()
            self.control = None
            await self._watch_hotkey(False)
        elif granted and self.control is None and self.track is not None:
            try:
                self.control = await asyncio.to_thread(
                    RemoteControl,
                    self._injector_factory,
                    self.shared_area,
                    lambda: self._own_window_focused,
                )
            except AssistError as exc:
                self.control_allowed = False
                self.gate.granted = self._grants()
                if self.session_id is not None:
                    self.emit(ev.OperationFailed(self.session_id, exc))
                return
            await self._watch_hotkey(True)

    async def _watch_hotkey(self, on: bool) -> None:
        """Ctrl+Shift+Esc ends control from anywhere on the desktop, while it lasts (its X
        connection is opened and closed off the event loop, like the injector's)."""
        if not on:
            if (hotkey := self._hotkey) is not None:
                self._hotkey = None
                await asyncio.to_thread(hotkey.close)
            return
        loop = self.loop
        if loop is None:
            return

        def pressed() -> None:
            loop.call_soon_threadsafe(self._stop_control_by_hotkey)

        try:
            self._hotkey = await asyncio.to_thread(StopHotkey, pressed)
        except AssistError as exc:  # control works without it (the share bar stops it)
            logger.warning("No stop-control hotkey: %s", exc.detail)

    def _stop_control_by_hotkey(self) -> None:
        if self.session_id is not None and self.control_allowed:
            self._spawn(self.session_id, self.allow_control(False))

    def _masks_changed(self, rects: list[Rect]) -> None:
        """In the capture thread: tell the agent what is hidden (fractions of the screen)."""
        screen, loop = self.shared_area(), self.loop
        if screen is None or loop is None:
            return
        width, height = screen.even_size
        hidden = g.Hidden(
            rects=tuple((x / width, y / height, w / width, h / height) for x, y, w, h in rects)
        )
        loop.call_soon_threadsafe(self._send_hidden, hidden)

    def _send_hidden(self, hidden: g.Hidden) -> None:
        if self.rtc is not None:
            self.rtc.send_guidance(hidden)

    def _rtc_session(self, session_id: str) -> RtcSession:
        return RtcSession(
            session_id, self.ice_servers, self.signaling.send, on_guidance=self._guidance_arrived
        )

    def _guidance_arrived(self, data: str | bytes) -> None:
        now = time.monotonic()
        message = self.gate.admit(data, now)
        if message is None or self.session_id is None:
            return
        if isinstance(message, g.Here):
            self.presence.heard(now)
            self._follow_presence()
        elif isinstance(message, g.CONTROL_INPUT):
            if self.control is not None:
                self.control.apply(message)
        elif isinstance(message, g.ControlRequest):
            self.emit(ev.ControlRequested(self.session_id))
        elif isinstance(message, g.ShareRequest):
            self.emit(ev.ShareRequested(self.session_id))
        else:
            self.emit(ev.GuidanceArrived(self.session_id, message))

    async def _prepare_media(self, session_id: str) -> None:
        """Admitted: set up the peer connection now (ICE, DTLS), with no track, so the
        screen appears fast once the customer allows it. Nothing is captured or sent."""
        async with self._media_lock:
            if self.session_id != session_id or self.rtc is not None:
                return
            self.rtc = self._rtc_session(session_id)
            await self.rtc.prepare_video()

    @staticmethod
    def _usable(rtc: RtcSession | None) -> bool:
        return rtc is not None and rtc.pc.connectionState not in ("failed", "closed")

    def _screen_track(self, capture: CaptureThread, target: Screen | Window) -> ScreenTrack:
        """The video track of ``target`` (the speed benchmark swaps in its naive baseline)."""
        return ScreenTrack(capture, target, self.max_fps)

    def shared_area(self) -> Screen | None:
        """What is shared now (a screen, or where the shared window is); any thread."""
        capture = self.capture
        return capture.area if capture is not None else None

    def _share_state(self) -> p.ShareState:
        if self.track is None:
            return p.ShareState.STOPPED
        return p.ShareState.PAUSED if self.track.paused else p.ShareState.SHARING

    def _resumed(self, resumed: p.Resumed) -> None:
        """Sharing started, paused or stopped while the server was away: say so now."""
        state = self._share_state()
        if state is not resumed.share_state:
            status = self._status(resumed.session_id, state)
            self._spawn(resumed.session_id, self.signaling.send(status))
        if self._announced != resumed.granted:
            grants = p.Permissions(session_id=resumed.session_id, granted=self._announced)
            self._spawn(resumed.session_id, self.signaling.send(grants))
        # An agent not back yet (the server restarted) is told by its heartbeat alone.
        server = ServerView.PRESENT if resumed.peer_present else ServerView.UNKNOWN
        self.presence.server = server
        self._follow_presence()

    async def _release_all_media(self) -> None:
        self.session_id = None
        self.pending = None
        self._announced = frozenset()
        await self._release_media()

    async def _release_media(self, extra: CaptureThread | None = None) -> None:
        """Stop the track, close the peer connection and the capture thread (and ``extra``,
        a capture thread an interrupted Allow had opened)."""
        track, rtc, capture = self.track, self.rtc, self.capture
        self.track = self.rtc = self.capture = None
        self._paused_by_customer = False
        self.gate.granted = frozenset()  # nothing is shown or done without a live share
        self.control_allowed = False  # sharing again does not bring control back
        if self.control is not None:
            self.control.stop()
            self.control = None
        await self._watch_hotkey(False)
        if track is not None:
            track.stop()
        for thread in {c for c in (capture, extra) if c is not None}:
            self.grabs_before_stop += thread.grab_count
            await asyncio.to_thread(thread.close)
        if rtc is not None:
            await rtc.close()

    def _track_ended(self) -> None:
        track = self.track
        if track is not None and track.failure is not None and self.session_id is not None:
            logger.warning("Capture failed: %s", track.failure.code.value)
            reason = p.ShareReason.CAPTURE_FAILED
            if track.failure.code is ClientErrorCode.WINDOW_CLOSED:
                reason = p.ShareReason.WINDOW_CLOSED
            self._spawn(self.session_id, self.stop_sharing(reason))

    def _route(self, message: p.Message) -> None:
        match message:
            case p.JoinPending():
                # Recorded here, not when join() returns: an error about this join may be
                # the very next message, handled before join() resumes.
                self.pending = message
            case p.Admitted():
                self.session_id = message.session_id
                self._resume_token = message.resume_token
                self.pending = None
                self.presence, self.held = AgentPresence(), False
                self.emit(ev.Admitted(message.session_id, message.agent_name, message.org_name))
                self._spawn(message.session_id, self._prepare_media(message.session_id))
                self._spawn(message.session_id, self._watch_presence(message.session_id))
            case p.Declined():
                self.pending = None
                self.emit(ev.Declined())
            case p.Error() if self.pending is not None and message.re == self.pending.re:
                # The code died while we waited (used by someone else, or expired).
                self.pending = None
                self.emit(ev.JoinFailed(AssistError(message.code, message.message)))
            case p.Sdp() if self.rtc is not None:
                self._spawn(message.session_id, self.rtc.handle_sdp(message))
            case p.Ice() if self.rtc is not None:
                self._spawn(message.session_id, self.rtc.handle_ice(message))
            case p.SessionEnded():
                self._spawn(message.session_id, self._ended(message))

    async def _ended(self, message: p.SessionEnded) -> None:
        # Not behind the media lock: an Allow that is still starting sees the session gone
        # and undoes itself, and the customer learns at once that the session ended.
        self.pending = None
        self.session_id = None
        self._resume_token = ""
        self._announced = frozenset()
        self._chat_session_over(message.session_id)
        await self._release_media()
        self.emit(ev.SessionClosed(message.session_id, message.reason))


class _SessionGone(Exception):
    """The session ended while Allow was starting: undo quietly, the end is already shown."""


def _target(capture: CaptureThread, screen_index: int, window_id: int | None) -> Screen | Window:
    """The screen or window the customer chose, as the capture sees it now."""
    if window_id is not None:
        window = next((w for w in capture.windows() if w.id == window_id), None)
        if window is None:
            raise AssistError(ClientErrorCode.WINDOW_CLOSED, f"window {window_id}")
        return window
    screen = next((s for s in capture.screens() if s.index == screen_index), None)
    if screen is None:
        raise AssistError(ClientErrorCode.NO_SUCH_SCREEN, f"screen {screen_index}")
    return screen
