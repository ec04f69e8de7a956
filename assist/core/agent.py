"""The agent's side of sessions: codes, admission, the customer's screen, chat."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiortc.mediastreams import MediaStreamTrack

from assist.core import events as ev
from assist.core import guidance as g
from assist.core.client_base import BaseClient, Emit
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.outbox import Outbox, OutboxError, PendingChat, PendingNote, PendingWrapUp
from assist.core.rtc import DecodedFrame, FrameReceiver, RtcSession
from assist.core.signaling_client import client_id
from assist.core.wrapup import WrapUpFields
from signaling import protocol as p

logger = logging.getLogger(__name__)


@dataclass
class AgentSession:
    session_id: str
    code: str
    customer_name: str | None = None
    waiting: dict[str, str] = field(default_factory=dict)  # join id -> customer name
    rtc: RtcSession | None = None
    receiver: FrameReceiver | None = None
    #: The size the console shows the screen at, (0, 0) for as sent (see set_view_size).
    view_size: tuple[int, int] = (0, 0)
    share_state: p.ShareState = p.ShareState.STOPPED
    #: What the customer lets the agent do (``permissions``).
    granted: frozenset[p.Capability] = frozenset()
    ended: bool = False
    #: One negotiation at a time: Stop then Share again sends two offers back to back.
    media_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass(frozen=True)
class Password:
    username: str
    password: str


@dataclass(frozen=True)
class AccessToken:
    token: str


@dataclass(frozen=True)
class RefreshToken:
    token: str


Credentials = Password | AccessToken | RefreshToken


@dataclass(frozen=True)
class Unsent:
    """What an earlier run left in the outbox for sessions this connection is not in: notes
    and wrap-ups to save again, and chat it cannot deliver (it is in none of those
    sessions)."""

    notes: list[PendingNote]
    chat: list[PendingChat]
    wrap_ups: list[PendingWrapUp] = field(default_factory=list)


class AgentClient(BaseClient):
    """One signed-in agent connection holding any number of sessions at once.

    After :meth:`connect`, :attr:`account` is the account the server vouches for; its
    display name (not anything typed here) is what customers see.
    """

    role = p.Role.AGENT

    def __init__(
        self,
        url: str,
        credentials: Credentials,
        emit: Emit,
        ssl_context: ssl.SSLContext | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        super().__init__(url, "", emit, ssl_context, outbox)
        self.credentials = credentials
        self.account: p.Account | None = None
        self.sessions: dict[str, AgentSession] = {}
        #: Live sessions an earlier run of the console left open (see :meth:`rejoin`).
        self.left_open: list[p.LeftOpen] = []

    async def connect(self) -> p.Welcome:
        welcome = await super().connect()
        self._on_reconnected(welcome)
        self.left_open = [s for s in welcome.left_open if s.session_id not in self.sessions]
        return welcome

    async def rejoin(self, left: p.LeftOpen) -> AgentSession:
        """Take back a session an earlier run left open (its console was closed or killed):
        ``SessionRejoined`` first (the console makes its tab), then the whole transcript,
        then ``SessionResumed``. The customer's app offers its screen again by itself.
        Raises ``AssistError`` (``resume_expired``: too late) and closes the session then."""
        session = AgentSession(left.session_id, "", left.customer_name)
        session.share_state = left.share_state
        self.sessions[session.session_id] = session
        self.left_open = [s for s in self.left_open if s.session_id != left.session_id]
        self.emit(ev.SessionRejoined(session.session_id, left.customer_name, left.share_state))
        request = p.Resume(session_id=session.session_id, last_seq=0)
        try:
            resumed = await self.signaling.request(request, p.Resumed)
        except AssistError:
            await self._ended(session, p.EndReason.AGENT_DROPPED)
            raise
        session.share_state = resumed.share_state
        self._granted(session, frozenset(resumed.granted))
        self.emit(ev.SessionResumed(session.session_id, resumed.peer_present))
        return session

    def _on_reconnected(self, welcome: p.Welcome | None) -> None:
        account = welcome.account if welcome is not None else None
        if account is None:
            return
        renewed = self.account is not None and bool(account.refresh_token)
        self.account = account
        self.name = account.display_name
        if account.refresh_token:
            # The next connection is taken back with this token, not the password. It
            # rotates: an app that keeps it (remember me) must keep the new one.
            self.credentials = RefreshToken(account.refresh_token)
        if renewed:
            self.emit(ev.TokensRenewed(account.username, account.refresh_token))

    def _greeting(self) -> p.Request:
        credentials, client = self.credentials, client_id()
        if isinstance(credentials, Password):
            return p.Login(
                username=credentials.username, password=credentials.password, client=client
            )
        if isinstance(credentials, RefreshToken):
            return p.Refresh(refresh_token=credentials.token, client=client)
        return p.Hello(role=p.Role.AGENT, name="agent", token=credentials.token, client=client)

    async def new_session(self) -> AgentSession:
        """Ask the server for a session and its code (shown to the agent to read out)."""
        created = await self.signaling.request(p.CreateSession(), p.SessionCreated)
        session = AgentSession(created.session_id, created.code)
        self.sessions[session.session_id] = session
        self.emit(ev.SessionOpened(session.session_id, created.code, created.expires_in))
        return session

    @property
    def categories(self) -> list[str]:
        """The team's wrap-up categories from the server (empty: use the console's own)."""
        welcome = self.signaling.welcome
        return list(welcome.categories) if welcome is not None else []

    @property
    def outbox_scope(self) -> str:
        """The server URL and the account: on a computer several agents sign in to, each
        gets back only their own unsaved notes (the server takes them only from their
        author anyway)."""
        if self.account is None:
            return self.signaling.url
        return f"{self.signaling.url}#{self.account.username}"

    async def keep_note(self, session_id: str, note_id: str, text: str) -> None:
        """Keep the note's latest text on this computer (call on every typing pause, even
        while a save is on its way): what is restored after a crash. Raises
        ``AssistError(OUTBOX_UNAVAILABLE)`` when it cannot be kept."""
        with _outbox_errors():
            self.outbox.put_note(self.outbox_scope, session_id, note_id, text)

    async def save_note(self, session_id: str, note_id: str, text: str) -> float:
        """Store the private note (whole text); returns when the server has it stored.

        The outbox holds the text until then (a note that cannot be kept locally is still
        sent; ``OperationFailed`` says it is at risk) and lets it go once stored, unless
        it was edited meanwhile."""
        try:
            self.outbox.put_note(self.outbox_scope, session_id, note_id, text)
        except OutboxError as exc:
            logger.warning("Cannot keep a note in the outbox: %s", exc.code.value)
            error = AssistError(ClientErrorCode.OUTBOX_UNAVAILABLE, exc.code.value)
            self.emit(ev.OperationFailed(session_id, error))
        async with self._note_lock(note_id):
            return await self._send_note(session_id, note_id, text)

    def _note_lock(self, note_id: str) -> asyncio.Lock:
        """One save of a note at a time (the notes pane and a reconnect may both be saving
        it), so that a newer text is not overtaken by an older one."""
        return self._note_locks.setdefault(note_id, asyncio.Lock())

    async def _send_note(self, session_id: str, note_id: str, text: str) -> float:
        """Save and let the outbox go of ``text``; the caller holds the note's lock."""
        message = p.Note(session_id=session_id, note_id=note_id, text=text)
        saved = await self.signaling.request(message, p.NoteSaved)
        try:
            self.outbox.note_acked(self.outbox_scope, session_id, note_id, text)
        except OutboxError as exc:  # saved again after a restart: harmless
            logger.warning("Cannot clear a saved note from the outbox: %s", exc.code.value)
        return saved.saved_at

    async def unsent(self) -> Unsent:
        """What an earlier run of the app left unsent on this server and account: show it,
        save the notes again (``save_note`` with the same ids), and let the agent copy or
        discard what the server will not take."""
        live, scope = self._live_sessions(), self.outbox_scope
        with _outbox_errors():
            notes = [n for n in self.outbox.pending_notes(scope) if n.session_id not in live]
            chat = [c for c in self.outbox.pending_chat(scope) if c.session_id not in live]
            kept = self.outbox.pending_wrap_ups(scope)
        return Unsent(notes, chat, [w for w in kept if w.session_id not in live])

    async def discard_note(self, session_id: str, note_id: str) -> None:
        """The agent gave up on a note the server would not take."""
        with _outbox_errors():
            self.outbox.discard_note(self.outbox_scope, session_id, note_id)

    async def discard_chat(self, session_id: str, msg_id: str) -> None:
        """The agent gave up on a message that could not be delivered."""
        with _outbox_errors():
            self.outbox.discard_chat(self.outbox_scope, session_id, msg_id)

    async def wrap_up(self, session_id: str, wrap_up: WrapUpFields) -> None:
        """Store the session's wrap-up, or that the agent skipped it; returns once the
        server has it. The outbox holds it until then (a wrap-up that cannot be kept locally
        is still sent; ``OperationFailed`` says it is at risk), so one that fails, or is
        on its way when the app is killed, is in :meth:`unsent` next time."""
        scope = self.outbox_scope
        try:
            self.outbox.put_wrap_up(scope, session_id, wrap_up)
        except OutboxError as exc:
            logger.warning("Cannot keep a wrap-up in the outbox: %s", exc.code.value)
            error = AssistError(ClientErrorCode.OUTBOX_UNAVAILABLE, exc.code.value)
            self.emit(ev.OperationFailed(session_id, error))
        await self.signaling.request(wrap_up.message(session_id), p.Ok)
        try:
            self.outbox.wrap_up_acked(scope, session_id, wrap_up)
        except OutboxError as exc:  # stored; sent again next time, which is harmless
            logger.warning("Cannot clear a stored wrap-up from the outbox: %s", exc.code.value)

    async def discard_wrap_up(self, session_id: str) -> None:
        """The agent gave up on a wrap-up the server would not take."""
        with _outbox_errors():
            self.outbox.discard_wrap_up(self.outbox_scope, session_id)

    async def confirm_identity(self, session_id: str) -> None:
        """The agent checked who the customer is; the record's history may be relied on."""
        await self.signaling.request(p.ConfirmIdentity(session_id=session_id), p.Ok)

    # ------------------------------------------------------------- the customer history

    async def customer_record(self, customer_id: int) -> p.CustomerRecord:
        """The customer's profile and newest sessions, for the Customer panel."""
        return await self.signaling.request(
            p.GetCustomer(customer_id=customer_id), p.CustomerRecord
        )

    async def past_session(self, session_id: str) -> p.SessionHistory:
        """One session in full: transcript, notes, events, wrap-up."""
        return await self.signaling.request(p.GetSession(session_id=session_id), p.SessionHistory)

    async def search(self, query: str) -> p.SearchResults:
        return await self.signaling.request(p.Search(query=query), p.SearchResults)

    async def relink_session(self, session_id: str, customer_id: int) -> None:
        message = p.RelinkSession(session_id=session_id, customer_id=customer_id)
        await self.signaling.request(message, p.Ok)

    async def merge_customers(self, source_id: int, target_id: int) -> None:
        message = p.MergeCustomers(source_id=source_id, target_id=target_id)
        await self.signaling.request(message, p.Ok)

    def set_view_size(self, session_id: str, width: int, height: int) -> None:
        """Have the session's screen delivered scaled to fit ``width``×``height`` (0×0: as
        sent), now and for every later share, so the console paints it without scaling.

        Safe from the GUI thread: it only stores a size that the receiver reads per frame.
        """
        session = self.sessions.get(session_id)
        if session is None:
            return
        session.view_size = (width, height)
        receiver = session.receiver
        if receiver is not None:
            receiver.set_target_size(width, height)

    async def admit(self, session_id: str, join_id: str) -> None:
        await self.signaling.request(p.Admit(session_id=session_id, join_id=join_id), p.Admitted)

    async def decline(self, session_id: str, join_id: str) -> None:
        await self.signaling.request(p.Decline(session_id=session_id, join_id=join_id), p.Ok)
        session = self.sessions.get(session_id)
        if session is not None:
            session.waiting.pop(join_id, None)

    def _live_sessions(self) -> set[str]:
        return {sid for sid, session in self.sessions.items() if not session.ended}

    def _worth_reconnecting(self) -> bool:
        return True  # the console stays signed in, sessions or not

    def _resumed(self, resumed: p.Resumed) -> None:
        session = self.sessions.get(resumed.session_id)
        if session is not None:
            session.customer_name = resumed.customer_name
            session.share_state = resumed.share_state
            self._granted(session, resumed.granted)

    async def _session_lost(self, session_id: str) -> None:
        session = self.sessions.get(session_id)
        if session is not None:
            await self._ended(session, p.EndReason.AGENT_DROPPED)

    async def _flush_after_resume(self) -> None:
        """Chat first, then the notes of live sessions the outbox holds (the notes pane
        retries on its own too; both send the newest text the outbox has)."""
        await super()._flush_after_resume()
        live, scope = self._live_sessions(), self.outbox_scope
        try:
            notes = [n for n in self.outbox.pending_notes(scope) if n.session_id in live]
        except OutboxError as exc:
            logger.warning("Cannot read the outbox: %s", exc.code.value)
            return
        for note in notes:
            async with self._note_lock(note.note_id):
                text = self._kept_note(note.session_id, note.note_id)
                if text is None:
                    continue  # saved meanwhile
                try:
                    saved_at = await self._send_note(note.session_id, note.note_id, text)
                except AssistError as exc:
                    logger.info("Note not saved after reconnecting: %s", exc.code.value)
                    continue
            self.emit(ev.NoteSaved(note.session_id, note.note_id, text, saved_at))

    def _kept_note(self, session_id: str, note_id: str) -> str | None:
        """The newest text of a note the outbox still holds, or None."""
        try:
            pending = self.outbox.pending_notes(self.outbox_scope)
        except OutboxError:
            return None
        for note in pending:
            if (note.session_id, note.note_id) == (session_id, note_id):
                return note.text
        return None

    async def _release_all_media(self) -> None:
        sessions = list(self.sessions.values())
        self.sessions.clear()
        for session in sessions:
            session.ended = True
            async with session.media_lock:
                await self._drop_media(session)

    # ------------------------------------------------------------- routing

    def _route(self, message: p.Message) -> None:
        session = self.sessions.get(getattr(message, "session_id", ""))
        if session is None:
            return
        match message:
            case p.JoinRequest():
                session.waiting[message.join_id] = message.customer_name
                self.emit(
                    ev.JoinRequested(session.session_id, message.join_id, message.customer_name)
                )
            case p.JoinWithdrawn():
                session.waiting.pop(message.join_id, None)
                self.emit(ev.JoinWithdrawn(session.session_id, message.join_id))
            case p.Admitted():
                session.customer_name = message.customer_name
                session.waiting.clear()
                self.emit(ev.CustomerAdmitted(session.session_id, message.customer_name))
            case p.Sdp():
                self._spawn(session.session_id, self._negotiate(session, message))
            case p.Ice():
                if session.rtc is not None:
                    self._spawn(session.session_id, session.rtc.handle_ice(message))
            case p.CustomerIdentified():
                self.emit(ev.CustomerIdentified(session.session_id, message))
            case p.ShareStatus():
                session.share_state = message.state
                self.emit(ev.ShareChanged(session.session_id, message.state, message.reason))
            case p.Permissions():
                self._granted(session, message.granted)
            case p.SessionEnded():
                self._spawn(session.session_id, self._ended(session, message.reason))

    async def _negotiate(self, session: AgentSession, message: p.Sdp) -> None:
        async with session.media_lock:
            if session.ended:
                return  # ended while this offer waited
            if message.sdp_type is p.SdpType.OFFER:
                # Each share (first, or again after Stop) is a fresh offer on a new connection.
                await self._drop_media(session)
                session.rtc = RtcSession(
                    session.session_id,
                    self.ice_servers,
                    self.signaling.send,
                    on_track=lambda track: self._receive(session, track),
                    on_guidance=lambda data: self._guidance_arrived(session, data),
                    heartbeat=True,
                )
            if session.rtc is not None:
                await session.rtc.handle_sdp(message)

    def guide(self, session_id: str, message: g.Guidance) -> None:
        """Send the agent's pointer or drawing to the customer's screen. Safe from any
        thread (the console's view calls it for every pointer move); dropped when the
        session has no open channel or the customer has not granted guidance."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._send_guidance, session_id, message)

    def _send_guidance(self, session_id: str, message: g.Guidance) -> None:
        session = self.sessions.get(session_id)
        if session is None or session.rtc is None:
            return
        if g.needs(message) in session.granted:
            session.rtc.send_guidance(message)

    def _guidance_arrived(self, session: AgentSession, data: str | bytes) -> None:
        try:
            message = g.parse(data)
        except g.GuidanceError as exc:
            logger.warning("Guidance from the customer refused: %s", exc.code.value)
            return
        if isinstance(message, g.Erase | g.Hidden):  # drawings cleared, areas hidden
            self.emit(ev.GuidanceArrived(session.session_id, message))

    def _granted(self, session: AgentSession, granted: frozenset[p.Capability]) -> None:
        if granted != session.granted:
            session.granted = granted
            self.emit(ev.PermissionsChanged(session.session_id, granted))

    def _receive(self, session: AgentSession, track: MediaStreamTrack) -> None:
        if track.kind != "video":
            return
        sid = session.session_id

        def on_frame(frame: DecodedFrame) -> None:
            self.emit(ev.FrameArrived(sid, frame))

        def on_ended() -> None:
            self.emit(ev.StreamEnded(sid))

        receiver = FrameReceiver(track, on_frame, on_ended, session.view_size)
        session.receiver = receiver
        # Read again once the receiver is published: a size the GUI stored in between, when
        # it could not see the receiver yet, is not lost.
        receiver.set_target_size(*session.view_size)

    async def _ended(self, session: AgentSession, reason: p.EndReason) -> None:
        # The session stays listed until its media is gone, so close() still finds it if
        # this task is cancelled half-way.
        session.ended = True
        async with session.media_lock:
            await self._drop_media(session)
        self.sessions.pop(session.session_id, None)
        self._chat_session_over(session.session_id)
        self.emit(ev.SessionClosed(session.session_id, reason))

    async def _drop_media(self, session: AgentSession) -> None:
        receiver, rtc = session.receiver, session.rtc
        session.receiver = session.rtc = None
        if receiver is not None:
            await receiver.stop()
        if rtc is not None:
            await rtc.close()


@contextmanager
def _outbox_errors() -> Iterator[None]:
    try:
        yield
    except OutboxError as exc:
        raise AssistError(ClientErrorCode.OUTBOX_UNAVAILABLE, exc.code.value) from None
