"""Every open live session of the server: created per user, listed per user (another user's session is a
404, as if it did not exist), capped at ``serve.live.user_sessions`` per user and ``serve.live.max_sessions``
in all (a session counts from the moment its offer is accepted, connected or not), closed when idle past
``serve.live.idle_timeout_s``, when its peer has not connected within ``serve.live.connect_timeout_s``, when
the peer goes, when the key it was opened with is revoked (or, keyless, when a key is added), or when the
server stops."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from avatar.errors import InputError, UnknownNameError
from avatar.live.metrics import LiveMetrics
from avatar.serve.errors import Busy, HTTPFacingError
from avatar.serve.live_capacity import Capacity
from avatar.serve.quotas import QuotaExceeded

if TYPE_CHECKING:
    from avatar.live.session import LiveSession
    from avatar.serve.context import ServerContext

logger = logging.getLogger(__name__)

SWEEP_S = 1.0  # how often idle sessions and revoked keys are looked for
MAX_MEDIA = 16  # media sections in an offer (a browser's has three: audio, video, the data channel)
# ICE candidates in an offer: each is an address the server sends connectivity checks to (a browser offers a
# handful per section)
MAX_CANDIDATES = 64
# aioice checks that the peer is still there every CONSENT_INTERVAL s and gives up after CONSENT_FAILURES
# misses: 30 s by default. A session's render task and memory should not outlive a vanished peer that
# long, so the server checks every second (about 6 s to notice).
CONSENT_INTERVAL_S = 1


def conversation_models(live: Any, thinking: bool) -> list[Any]:
    """The kept models a session that listens opens with (the operator's recogniser, the voice-activity model
    and, with ``thinking`` and a chat configured, the chat model), in the order they load."""
    from avatar.listening.registry import recogniser_for
    from avatar.voices.vad import STREAM_MODEL

    models = [recogniser_for(live), STREAM_MODEL]
    if thinking and live.chat.enabled:
        from avatar.thinking.registry import chat_model_for

        models.append(chat_model_for(live.chat))
    return models


def preload_conversation(live: Any) -> None:
    """Load a conversation's models before any session asks (``avatar serve`` with ``serve.live.chat.enabled``):
    a first load of the embedded chat takes seconds to a minute, and a session opened meanwhile would hold its
    caller's request, and a session of their share, for that long. A failure is logged; the first session
    that needs the model reports it to its caller."""
    started = time.monotonic()
    models = conversation_models(live, thinking=True)
    logger.info("loading the live conversation's models: %s", ", ".join(m.name for m in models))
    for model in models:
        try:
            model.get()
        except Exception as exc:
            logger.warning("could not load %s for live sessions: %s", model.name, exc)
            return
    logger.info("live conversation's models loaded in %.1f s", time.monotonic() - started)


async def until_disconnected(request: Any, poll_s: float = 0.25) -> None:
    """Return once ``request``'s client has gone (its connection closed before the answer)."""
    while not await request.is_disconnected():
        await asyncio.sleep(poll_s)


def tune_ice() -> None:
    import aioice.ice

    aioice.ice.CONSENT_INTERVAL = CONSENT_INTERVAL_S


def hear_promptly(pc: Any) -> bool:
    """Hand the microphone's packets to the listener as they arrive. aiortc's audio receiver holds four
    packets (80 ms) before it gives one on, a cushion for smooth playback; the server plays nothing it
    hears, so the cushion only made every turn, and every barge-in, 80 ms late. Loss and reordering are
    handled as before (the buffer's size is kept). False where aiortc's receiver has no such buffer (another
    aiortc version), which leaves it as it was."""
    from aiortc.jitterbuffer import JitterBuffer

    done = False
    for transceiver in pc.getTransceivers():
        receiver = transceiver.receiver
        held = getattr(receiver, "_RTCRtpReceiver__jitter_buffer", None)
        if transceiver.kind != "audio" or not isinstance(held, JitterBuffer):
            continue
        receiver._RTCRtpReceiver__jitter_buffer = JitterBuffer(capacity=held.capacity, prefetch=0)
        done = True
    if not done:
        logger.debug("the microphone keeps aiortc's receive buffer (no audio jitter buffer found)")
    return done


class SessionManager:
    def __init__(self, ctx: ServerContext) -> None:
        self.ctx = ctx
        self.settings = ctx.settings.serve.live
        self.metrics = LiveMetrics(ctx.metrics.registry)
        self.sessions: dict[str, LiveSession] = {}
        self._sweeper: asyncio.Task[None] | None = None
        self._creating: dict[str, int] = {}  # sessions being made, per user
        self.capacity = Capacity(self.settings.cpu_cores)

    def get(self, user: str, session_id: str) -> LiveSession:
        s = self.sessions.get(session_id)
        if s is None or s.user != user or s.closed:
            raise UnknownNameError("live session", session_id, hint="GET /v1/live/sessions lists yours")
        return s

    def list(self, user: str) -> list[LiveSession]:
        return [s for s in self.sessions.values() if s.user == user and not s.closed]

    def reserve(self, user: str) -> None:
        """Count a session being made for ``user``. Past the user's share (``user_sessions``) it is a quota 429,
        past the server's ceiling (``max_sessions``) a 429 with Retry-After; both name their setting."""
        retry = self.ctx.settings.serve.retry_after_s
        share = self.settings.user_sessions
        held = len(self.list(user)) + self._creating.get(user, 0)
        if held >= share:
            raise QuotaExceeded(
                "user_sessions",
                f"user '{user}' has {held} live session{'s' if held != 1 else ''} open or opening, their limit; close "
                "one (a session whose peer never connects is closed after serve.live.connect_timeout_s)",
                retry,
                setting="serve.live.user_sessions",
            )
        limit = self.settings.max_sessions
        if len(self.sessions) + sum(self._creating.values()) >= limit:
            raise Busy(
                f"{limit} live session{'s' if limit != 1 else ''} open, the server's limit "
                "(serve.live.max_sessions); retry later",
                retry,
                code="too_many_sessions",
            )
        self.capacity.admit(len(self.sessions), retry)  # what the running sessions measurably cost
        self._creating[user] = self._creating.get(user, 0) + 1

    def release(self, user: str) -> None:
        left = self._creating.get(user, 0) - 1
        if left > 0:
            self._creating[user] = left
        else:
            self._creating.pop(user, None)

    def add(self, session: LiveSession) -> None:
        self.sessions[session.id] = session
        session.on_close(self._closed)
        self.metrics.sessions.set(len(self.sessions))
        self.metrics.sessions_total.inc()
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep())

    def _closed(self, session: LiveSession, reason: str) -> None:
        self.sessions.pop(session.id, None)
        self.metrics.sessions.set(len(self.sessions))
        self.metrics.closed.labels(reason.split()[0] if reason else "closed").inc()

    async def _sweep(self) -> None:
        while self.sessions:
            await asyncio.sleep(SWEEP_S)
            self.capacity.sample(len(self.sessions))
            try:
                await self._revoked()
                limit = self.settings.idle_timeout_s
                now = time.monotonic()
                for s in list(self.sessions.values()):
                    if not s.speaking and not s.pending() and now - s.last_activity > limit:
                        await s.close(f"idle for {limit:g} s")
            except Exception:  # the sweeper must outlive any one session's trouble
                logger.exception("live sessions: sweep failed")

    async def _revoked(self) -> None:
        """Close the sessions whose key is gone: revoked, or (keyless sessions) a key was added."""
        try:
            on_file: set[str] | None = {r.id for r in self.ctx.keys.list()}
            keyless = self.ctx.keyless()
        except Exception as exc:  # an unreadable key file: nobody's key can be confirmed, so nobody is served
            logger.warning(
                "live sessions: the key file cannot be read (%s); closing keyed sessions", type(exc).__name__
            )
            on_file, keyless = None, False
        closing = []
        for s in list(self.sessions.values()):
            if s.key_id is None:
                if not keyless:
                    closing.append(s.close("keyless mode ended (a key was added)"))
            elif on_file is None or s.key_id not in on_file:
                closing.append(s.close("key revoked"))
        await asyncio.gather(*closing)  # all at once: one slow peer connection does not hold up the others

    async def close_all(self, reason: str) -> None:
        for s in list(self.sessions.values()):
            await s.close(reason)


def check_offer(sdp: Any, kind: Any) -> None:
    """The cheap checks of an offer, before anything is loaded or started: an offer, parseable as SDP, with at
    most :data:`MAX_MEDIA` media sections, each with its own ``a=mid``, and at most :data:`MAX_CANDIDATES` ICE
    candidates. What aiortc still refuses later is a 400 too (see :func:`bad_offer`)."""
    if kind != "offer":
        raise HTTPFacingError("type must be 'offer' (this server answers offers)", param="type", code="not_an_offer")
    if not isinstance(sdp, str) or not sdp.startswith("v=0") or "m=" not in sdp:
        raise InputError("sdp is not a session description (it must start with 'v=0' and have media lines)")
    lines = sdp.splitlines()
    media = sum(1 for line in lines if line.startswith("m="))
    if media > MAX_MEDIA:
        raise bad_offer(f"it has {media} media sections; at most {MAX_MEDIA} are answered")
    candidates = sum(1 for line in lines if line.startswith("a=candidate"))
    if candidates > MAX_CANDIDATES:
        raise bad_offer(f"it has {candidates} ICE candidates; at most {MAX_CANDIDATES} are tried")
    from aiortc.sdp import SessionDescription

    try:
        parsed = SessionDescription.parse(sdp)
    except Exception as exc:  # aiortc's parser raises whatever its line handling hit (ValueError, IndexError, ...)
        raise bad_offer(f"it is not valid SDP ({type(exc).__name__})") from None
    mids = [m.rtp.muxId for m in parsed.media]
    if any(not mid for mid in mids):
        raise bad_offer("a media section has no a=mid")
    if len(set(mids)) != len(mids):
        raise bad_offer("two media sections have the same a=mid")


def bad_offer(why: str) -> HTTPFacingError:
    """The one answer to an offer aiortc cannot use, whatever the cause (its parser and negotiation raise
    ValueError, AssertionError, AttributeError, IndexError, ... on malformed SDP): a 400, not a 500."""
    return HTTPFacingError(f"the offer could not be used: {why}", param="sdp", code="bad_offer")


def public(sessions: list[LiveSession]) -> list[dict[str, Any]]:
    return [s.public() for s in sessions]
