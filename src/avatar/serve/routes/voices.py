"""``/v1/voices``: the caller's own voices. Another user's voice is a 404, like a voice that does
not exist. Adding one runs the same checks as ``avatar voice add`` (on the device thread: the speaker
embedding is a model)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import FileResponse

from avatar.errors import InputError, UnknownNameError
from avatar.serve.auth import CallerDep, ContextDep
from avatar.serve.device.tasks import VoiceWork, share_of
from avatar.serve.routes.common import ERRORS, Channel
from avatar.serve.schemas import Deleted, Voice, VoiceList
from avatar.serve.uploads import save_upload
from avatar.voices.names import validate_name
from avatar.voices.reference import AudioLimits, check_file_header

router = APIRouter(tags=["voices"])
SUFFIXES = {".wav", ".flac", ".ogg", ".mp3", ".oga", ".m4a", ".aac", ".mp4", ".webm", ".opus", ".wma"}


def _voice(stored: Any) -> Voice:
    return Voice(
        id=stored.name,
        name=stored.name,
        language=stored.language,
        transcript=stored.transcript,
        duration_s=stored.duration_s,
        sample_rate=stored.sample_rate,
        default_backend=stored.default_backend,
        created=stored.created.isoformat(),
    )


@router.get("/v1/voices", response_model=VoiceList, responses=ERRORS)
async def list_voices(who: CallerDep, ctx: ContextDep) -> VoiceList:
    voices = await asyncio.to_thread(ctx.store().list, who.user)
    return VoiceList(data=[_voice(p) for p in voices])


@router.get("/v1/voices/{name}", response_model=Voice, responses=ERRORS)
async def get_voice(name: str, who: CallerDep, ctx: ContextDep) -> Voice:
    name = validate_name(name, "voice")
    return _voice(await asyncio.to_thread(ctx.store().get, f"{who.user}/{name}"))


@router.get("/v1/voices/{name}/audio", responses=ERRORS)
async def voice_audio(name: str, who: CallerDep, ctx: ContextDep) -> FileResponse:
    """The voice's normalised reference recording (WAV), to play it back."""
    name = validate_name(name, "voice")
    stored = await asyncio.to_thread(ctx.store().get, f"{who.user}/{name}")
    return FileResponse(stored.reference_audio, media_type="audio/wav")


@router.delete("/v1/voices/{name}", response_model=Deleted, responses=ERRORS)
async def delete_voice(name: str, who: CallerDep, ctx: ContextDep) -> Deleted:
    name = validate_name(name, "voice")
    store = ctx.store()
    if not store.exists(f"{who.user}/{name}"):
        raise UnknownNameError("voice", name)
    await asyncio.to_thread(store.remove, f"{who.user}/{name}")
    return Deleted(id=name)


@router.post("/v1/voices", response_model=Voice, status_code=201, responses=ERRORS)
async def add_voice(
    who: CallerDep,
    ctx: ContextDep,
    name: Annotated[str, Form(max_length=200)],
    audio: Annotated[UploadFile, File()],
    transcript: Annotated[str | None, Form(max_length=4096)] = None,
    language: Annotated[str | None, Form(max_length=35)] = None,
) -> Voice:
    """A new voice from a reference recording (WAV, FLAC, OGG, MP3, M4A or WebM; 3-60 s of one speaker)."""
    name = validate_name(name, "voice")
    tmp, size = await save_upload(audio, ctx.settings.serve.max_upload_mb, SUFFIXES, "audio")
    try:
        store = ctx.store()
        user = who.user
        limits = audio_limits(ctx)
        shown = f"the uploaded file '{audio.filename or 'audio'}'"
        try:
            # In the handler's thread pool, before the queue: quotas and the header (channels, rate, length),
            # then type, decoding, duration and speech. A bad upload is answered at once, whatever the device
            # worker is busy with, and a bomb is refused from its header before it is decoded.
            await asyncio.to_thread(_precheck, ctx, user, name, tmp, limits, shown, size)
            ref = await asyncio.to_thread(store.prepare, user, name, tmp, transcript, language, limits=limits)

            def add() -> Any:
                return store.add(user, name, tmp, transcript, language, prepared=ref)

            channel = Channel()
            ctx.device_thread.submit(VoiceWork(channel.emit, add, user=share_of(who)))
            stored = await channel.next(
                channel.loop.time() + ctx.settings.serve.request_timeout_s, ctx.settings.serve.retry_after_s
            )
        except InputError as exc:  # name the caller's file, not the server's temporary copy
            raise InputError(str(exc).replace(str(tmp), shown)) from None
    finally:
        tmp.unlink(missing_ok=True)
    return _voice(stored)


def audio_limits(ctx: Any) -> AudioLimits:
    limits = ctx.settings.serve.limits
    return AudioLimits(channels=limits.audio_channels, rate_max=limits.audio_rate_max, file_s=limits.audio_file_s)


def _precheck(ctx: Any, user: str, name: str, path: Path, limits: AudioLimits, shown: str, size: int) -> None:
    """What needs no model, in the request's thread: quotas, then the file's header. An upload that claims
    8 channels at 96 kHz for ten minutes is refused here, in milliseconds, before it is decoded."""
    from avatar.serve.quotas import QuotaExceeded

    serve_limits = ctx.settings.serve.limits
    store = ctx.store()
    mine = store.list(user)
    if not any(p.name == name for p in mine) and len(mine) >= serve_limits.voices:
        raise QuotaExceeded("voices", f"user '{user}' has {len(mine)} voices; delete one first")
    if ctx.runs is not None:
        used = ctx.runs.disk_bytes(user) + size
        if used > serve_limits.disk_mb * 1024 * 1024:
            raise QuotaExceeded("disk_mb", f"user '{user}' would use {used / 1048576:.0f} MB of the "
                                f"{serve_limits.disk_mb:g} MB allowed; delete runs or voices")  # fmt: skip
    try:
        check_file_header(path, limits)
    except InputError as exc:
        raise InputError(str(exc).replace(str(path), shown)) from None
