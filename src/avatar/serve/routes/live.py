"""``/v1/live/sessions``: a portrait that listens and speaks in real time over WebRTC (see
:mod:`avatar.live`). The caller sends an SDP offer and gets the answer; then ``say`` (text in pieces) and
``interrupt`` over HTTP or the ``control`` data channel, and events over SSE or the same channel.
Everything is checked before anything starts: a refused session leaves nothing running, and an offer that
aiortc cannot use, for whatever reason, is a 400. A session's event stream counts against the caller's
``serve.limits.streams`` and closes with the session or when the key is revoked."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Coroutine
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel, ConfigDict, Field
from sse_starlette.sse import EventSourceResponse

from avatar.errors import AvatarError, InputError, UnknownNameError
from avatar.serve.auth import CallerDep, ContextDep
from avatar.serve.errors import Busy, ClientGone
from avatar.serve.routes.common import ERRORS, resolve_voice
from avatar.serve.schemas import MouthOptions
from avatar.serve.streams import RECHECK_S, guarded

logger = logging.getLogger(__name__)
router = APIRouter(tags=["live"])
MAX_SDP_CHARS = 60_000


class SessionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sdp: str = Field(min_length=1, max_length=MAX_SDP_CHARS)
    type: str = Field(max_length=20)
    portrait: str | None = Field(None, max_length=200)
    voice: str | None = Field(None, max_length=200)
    model: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=35)
    size: int = Field(512, ge=128, le=1024)
    video: bool = True
    mouth: MouthOptions | None = None  # each "sentence" event carries its mouth shapes (blendshapes per frame)
    # with sendrecv audio (the caller's microphone): who the avatar is asked to be, within
    # serve.live.chat.max_persona_chars, and whether the session's chat answers (false: the app does)
    persona: str | None = Field(None, max_length=100_000)
    thinking: bool = True
    # the app cancels the avatar's echo itself (headphones, or a phone's or browser's echo canceller that it
    # trusts): the server's echo guard is off for this session, so the caller is heard at any level while
    # the avatar speaks (README, "Echo guard")
    echo_cancelled: bool = False


class SessionAnswer(BaseModel):
    id: str
    object: Literal["live.session"] = "live.session"
    sdp: str
    type: Literal["answer"] = "answer"
    video: bool
    fps: int


class SayRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field("", max_length=100_000)
    flush: bool = False


def install(app: FastAPI, ctx: Any) -> None:
    """The server's session manager (its metrics show in /metrics from the start)."""
    from avatar.serve.live_sessions import SessionManager

    ctx.live = SessionManager(ctx)


async def shutdown(ctx: Any) -> None:
    if getattr(ctx, "live", None) is not None:
        await ctx.live.close_all("server stopping")


def _manager(ctx: Any) -> Any:
    if getattr(ctx, "live", None) is None:
        raise InputError("this server has no live sessions")
    return ctx.live


def _media(sdp: str) -> set[str]:
    return {line[2:].split(" ", 1)[0] for line in sdp.splitlines() if line.startswith("m=")}


def _sends_audio(sdp: str) -> bool:
    """The offer's audio section is sendrecv (or sendonly): the caller sends a microphone."""
    kind = ""
    for line in sdp.splitlines():
        if line.startswith("m="):
            kind = line[2:].split(" ", 1)[0]
        elif kind == "audio" and line.strip() in ("a=sendrecv", "a=sendonly"):
            return True
    return False


@router.post("/v1/live/sessions", status_code=201, response_model=SessionAnswer, responses=ERRORS)
async def create_session(request: Request, body: SessionRequest, who: CallerDep, ctx: ContextDep) -> SessionAnswer:
    from avatar.serve.live_sessions import check_offer
    from avatar.speaking.port import Voice

    manager = _manager(ctx)
    check_offer(body.sdp, body.type)
    media = _media(body.sdp)
    if "audio" not in media:
        raise InputError("the offer has no audio; add an audio transceiver (recvonly)")
    if body.video and "video" not in media:
        raise InputError("the offer has no video; add a video transceiver, or ask for video: false")
    model = ctx.resolve_model(body.model or ctx.settings.serve.default_model)
    speaker, own_voice = (None, None) if not body.voice else resolve_voice(ctx, who, model, body.voice)
    if own_voice is not None:
        from avatar.backends.registry import backend_class

        if not backend_class(model).supports_cloning:
            raise InputError(f"model {model} cannot speak cloned voices such as '{body.voice}'")
    elif speaker:
        stock = ctx.device_thread.states[model].voices
        if stock and speaker not in stock:
            raise UnknownNameError("voice", speaker, stock)
    listens = _sends_audio(body.sdp)
    if listens and body.thinking and ctx.settings.serve.live.chat.enabled:
        from avatar.thinking.chat import checked_persona

        checked_persona(body.persona, ctx.settings.serve.live.chat)
    if body.size > ctx.settings.serve.limits.video_size:
        raise InputError(
            f"size {body.size} is above the {ctx.settings.serve.limits.video_size} allowed (serve.limits.video_size)"
        )
    stored = None
    if body.video and body.portrait:
        from avatar.serve.routes.portraits import store
        from avatar.voices.names import validate_name

        stored = await asyncio.to_thread(store(ctx).get, who.user, validate_name(body.portrait, "portrait"))
    if ctx.phase != "ready":
        raise Busy(f"the server is {ctx.phase}", ctx.settings.serve.retry_after_s, status=503, code=ctx.phase)
    manager.reserve(who.user)
    try:
        voice = Voice(model, speaker, own_voice, body.language)
        return await _unless_gone(request, _open(ctx, manager, who.user, who.key_id, body, voice, stored))
    finally:
        manager.release(who.user)


async def _unless_gone(request: Request, opening: Coroutine[Any, Any, SessionAnswer]) -> SessionAnswer:
    """``opening``'s answer, or, when the caller goes first (a client that gave up on a first session's model
    load), the opening cancelled: what it made is closed and the caller's share is free at once, not after
    the load and ``serve.live.connect_timeout_s``."""
    from avatar.serve.live_sessions import until_disconnected

    task: asyncio.Task[SessionAnswer] = asyncio.ensure_future(opening)
    watch = asyncio.ensure_future(until_disconnected(request))
    try:
        await asyncio.wait((task, watch), return_when=asyncio.FIRST_COMPLETED)
    finally:
        watch.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        logger.info("live session offer from a caller who went before the answer: not opened")
        raise ClientGone()
    return task.result()


async def _open(
    ctx: Any, manager: Any, user: str, key_id: str | None, body: SessionRequest, voice: Any, stored: Any
) -> SessionAnswer:
    from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

    from avatar.live.session import LiveSession, Options
    from avatar.serve.live_sessions import bad_offer, hear_promptly, tune_ice
    from avatar.serve.live_speaking import DeviceSpeaking

    live = ctx.settings.serve.live
    size = body.size - body.size % 2
    portrait = None
    if body.video:
        if stored is not None:
            portrait = await asyncio.to_thread(stored.crop, size)
        else:
            from avatar.video.portrait import default_portrait, load_portrait

            portrait = await asyncio.to_thread(load_portrait, default_portrait(), size)
    speaking = DeviceSpeaking(ctx, user)
    conversing = await _conversing(live, body, speaking, voice) if _sends_audio(body.sdp) else None
    tune_ice()
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))  # nothing outside is asked (no STUN)
    if conversing is not None:
        pc.on("track", conversing.track)
    options = Options(
        live.fps, size, body.video, live.render_ahead, live.max_say_chars, connect_timeout_s=live.connect_timeout_s,
        mouth_fps=body.mouth.fps if body.mouth else None,
    )  # fmt: skip
    session = None
    try:
        session = await asyncio.to_thread(LiveSession, user, pc, speaking, voice, portrait, options, manager.metrics)
        session.key_id = key_id
        if conversing is not None:
            conversing.attach(session)
        try:
            await pc.setRemoteDescription(RTCSessionDescription(sdp=body.sdp, type="offer"))
            if conversing is not None:
                hear_promptly(pc)
            pc.addTrack(session.audio)
            if session.video is not None:
                pc.addTrack(session.video)
            await pc.setLocalDescription(await pc.createAnswer())
        except AvatarError:
            raise
        except Exception as exc:  # whatever aiortc raised on this offer: the offer's fault, never a 500
            logger.info("live session offer refused by aiortc: %s", type(exc).__name__)
            raise bad_offer(f"{type(exc).__name__}: {str(exc)[:200]}" if str(exc) else type(exc).__name__) from None
        session.start()
        manager.add(session)
        speaking.warm(voice.model)
    except BaseException:
        if session is not None:
            await session.close("refused")
        else:
            if conversing is not None:
                conversing.close()
            await pc.close()
        raise
    logger.info("live session %s for %s: %s, video %s", session.id, user, voice.model, body.video)
    return SessionAnswer(id=session.id, sdp=pc.localDescription.sdp, video=body.video, fps=live.fps)


async def _conversing(live: Any, body: SessionRequest, speaking: Any, voice: Any) -> Any:
    """The session's ears (the operator's recogniser, a kept model) and, when the operator configured a chat
    and the caller did not turn thinking off, its conversation."""
    from avatar.live.conversing import Conversing
    from avatar.serve.live_sessions import conversation_models

    # every model loaded before the answer (a server with a chat loads them at start): a first load on the
    # microphone's first audio would let its backlog fill
    recogniser, _vad, *chat = [await asyncio.to_thread(m.get) for m in conversation_models(live, body.thinking)]
    conversation = None
    if chat:
        from avatar.thinking.chat import Chat
        from avatar.thinking.conversation import Conversation

        conversation = Conversation(Chat(chat[0], live.chat, body.persona), speaking, voice)
    return Conversing(recogniser, live, conversation, (voice.language or "en"), echo_guard=not body.echo_cancelled)


@router.get("/v1/live/sessions", responses=ERRORS)
async def list_sessions(who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    return {"object": "list", "data": [s.public() for s in _manager(ctx).list(who.user)]}


@router.get("/v1/live/sessions/{session_id}", responses=ERRORS)
async def get_session(session_id: str, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    return dict(_manager(ctx).get(who.user, session_id).public())


@router.post("/v1/live/sessions/{session_id}/say", responses=ERRORS)
async def say(session_id: str, body: SayRequest, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    """Text to speak, in pieces as an LLM writes it: speech starts at each sentence end, or at ``flush``."""
    return dict(_manager(ctx).get(who.user, session_id).say(body.text, body.flush))


@router.post("/v1/live/sessions/{session_id}/interrupt", responses=ERRORS)
async def interrupt(session_id: str, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    """Stop speaking now (the next 20 ms of audio are silence) and drop what was waiting."""
    return dict(_manager(ctx).get(who.user, session_id).interrupt())


@router.delete("/v1/live/sessions/{session_id}", responses=ERRORS)
async def delete_session(session_id: str, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    session = _manager(ctx).get(who.user, session_id)
    await session.close("deleted")
    return {"id": session.id, "object": "live.session", "deleted": True}


@router.get("/v1/live/sessions/{session_id}/events", responses=ERRORS)
async def events(session_id: str, request: Request, who: CallerDep, ctx: ContextDep) -> EventSourceResponse:
    """``speaking_started``, ``sentence`` (text, start, end), ``speaking_ended``, ``idle``, ``error``, and
    ``closed`` last; times in seconds of the session's own stream. A session that listens (sendrecv audio)
    adds ``user_speech_started``, ``transcript`` (text, final, words), ``user_speech_ended``,
    ``reply_started`` (with a chat) and ``interrupted`` (by, heard, heard_words). One of the caller's
    ``serve.limits.streams``; it ends with the session, or within about a second of the key being revoked."""
    session = _manager(ctx).get(who.user, session_id)

    async def stream() -> AsyncIterator[dict[str, str] | None]:
        # listening starts with the stream itself, so a client that hangs up before it starts leaves nothing
        queue = session.listen()
        try:
            while True:
                try:
                    event = await asyncio.wait_for(queue.get(), RECHECK_S)
                except TimeoutError:
                    yield None  # nothing to send: lets the guard check the key
                    continue
                if event is None:
                    return
                yield {"event": event["type"], "data": json.dumps(event)}
        finally:
            session.unlisten(queue)

    return guarded(request, ctx, who, stream())
