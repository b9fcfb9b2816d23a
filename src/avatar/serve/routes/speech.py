"""``POST /v1/audio/speech``: OpenAI's speech endpoint. The handler checks the request, puts one job on the
device worker's queue and turns the sentences the worker sends back into the requested audio format."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import numpy as np
from fastapi import APIRouter, Request, Response

from avatar.errors import InputError, UsageError
from avatar.serve.audio import MEDIA_TYPES, encode, finisher
from avatar.serve.auth import CallerDep, ContextDep
from avatar.serve.backpressure import ReaderResponse
from avatar.serve.context import Caller, ServerContext
from avatar.serve.errors import Busy, HTTPFacingError
from avatar.serve.schemas import OPENAI_VOICES, ErrorResponse, SpeechRequest, VoiceRef
from avatar.serve.worker import DONE, Flow, SpeechJob, Started, check_instructions, share_of
from avatar.text.chunking import speakable

logger = logging.getLogger(__name__)
router = APIRouter(tags=["speech"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 404, 413, 422, 429, 503)
}


class Channel:
    """The worker thread emits into an asyncio queue of the request's loop."""

    def __init__(self, flow: Flow | None = None) -> None:
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[Any] = asyncio.Queue()  # bounded by the flow: the worker parks when it is full
        self.flow = flow

    def emit(self, item: Any) -> None:
        try:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, item)
        except RuntimeError:  # the loop is closed: nobody is listening any more
            pass

    async def next(self, deadline: float, retry_after: int) -> Any:
        remaining = deadline - self.loop.time()
        try:
            item = await asyncio.wait_for(self.queue.get(), max(0.0, remaining))
        except TimeoutError:
            raise Busy("the request timed out; retry later", retry_after, status=503, code="timeout") from None
        if self.flow is not None:
            self.flow.took(item)  # the reader has it: generation may resume
        if isinstance(item, BaseException):
            raise item
        return item


def sentences(text: str, limit: int) -> list[str]:
    """One chunk per sentence (long ones split at ``limit``), so a stream's first audio is its first
    sentence, whatever the length of the text."""
    from avatar.text.chunking import _SENTENCE_END, chunk_text, normalise

    return [c for s in _SENTENCE_END.split(normalise(text)) for c in chunk_text(s, limit)]


def resolve_voice(ctx: ServerContext, who: Caller, model: str, voice: str | VoiceRef) -> tuple[str | None, Any]:
    """(stock speaker or None, profile or None). ``{"id": ...}`` names one of the caller's own voices; a
    string is the caller's own voice first, then one of OpenAI's names (mapped by ``serve.voice_aliases``,
    else the backend's default voice), then the model's stock voices (checked by the worker)."""
    from avatar.errors import UnknownNameError
    from avatar.voices.names import validate_name

    if isinstance(voice, VoiceRef):
        name = validate_name(voice.id, "voice")
        vid = f"{who.user}/{name}"
        if not ctx.store().exists(vid):
            raise UnknownNameError("voice", voice.id)
        return None, ctx.store().get(vid)
    try:
        checked: str | None = validate_name(voice, "voice")
    except UsageError:
        checked = None
    if checked is not None:
        store = ctx.store()
        vid = f"{who.user}/{checked}"
        if store.exists(vid):
            return None, store.get(vid)
    aliases = ctx.settings.serve.voice_aliases.get(model, {})
    if voice in aliases:
        return aliases[voice] or None, None
    if voice in OPENAI_VOICES:
        return None, None
    if checked is None:
        raise UnknownNameError("voice", voice)
    return voice, None


@router.post(
    "/v1/audio/speech",
    responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}, **ERRORS},
    response_class=Response,
)
async def speech(request: Request, body: SpeechRequest, who: CallerDep, ctx: ContextDep) -> Response:
    """Speak ``input`` with ``voice``, streamed as it is generated (``stream_format`` absent or ``audio``:
    chunked; ``sse``: events), or the whole file with Content-Length (``file``, avatar's extension)."""
    serve = ctx.settings.serve
    model = ctx.resolve_model(body.model)
    if len(body.input) > serve.max_input_chars:
        raise HTTPFacingError(
            f"input is {len(body.input)} characters; the limit is {serve.max_input_chars}",
            param="input",
            code="string_above_max_length",
        )
    limits = serve.limits
    if not limits.speed_min <= body.speed <= limits.speed_max:
        raise HTTPFacingError(
            f"speed {body.speed:g} is outside {limits.speed_min:g}-{limits.speed_max:g} "
            "(serve.limits.speed_min, serve.limits.speed_max)",
            param="speed",
            code="invalid_value",
        )
    check_instructions(model, body.instructions)
    speaker, profile = resolve_voice(ctx, who, model, body.voice)
    known = ctx.worker.snapshot()[model]
    if profile is not None and known["capabilities"] and not known["capabilities"]["cloning"]:
        raise InputError(f"model {model} speaks stock voices only and cannot clone voice '{profile.name}'")
    if speaker is not None:  # stock voices known without loading are checked here, not after the queue
        stock = known["voices"]
        if stock and speaker not in stock:
            from avatar.errors import UnknownNameError

            raise UnknownNameError("voice", speaker, stock)
    from avatar.serve import fidelity

    normalize = body.normalization.normalize if body.normalization else True

    def prepare_text() -> tuple[Any, list[Any]]:
        reading = body.normalization.reading if body.normalization else None
        script = fidelity.speech_script(ctx, who, model, body.input, body.language, normalize, reading)
        return script, fidelity.sentence_chunks(script, ctx.settings.chunk_chars)

    # SSML, the lexicon and normalisation: in the text pool, under the CPU budget, never on the event loop
    script, plan = await ctx.text_work.run(who.user, prepare_text)
    chunks = [c.text for c in plan]
    if not chunks or not speakable(body.input):
        raise InputError("input has nothing to speak (only spaces, punctuation or invisible characters)")
    if body.timestamps and body.stream_format == "audio":
        raise HTTPFacingError(
            'timestamps need stream_format "sse" (words in each delta) or none (JSON with the audio and words)',
            param="stream_format",
            code="invalid_value",
        )
    if ctx.phase != "ready":
        raise Busy(f"the server is {ctx.phase}", serve.retry_after_s, status=503, code=ctx.phase)
    channel = Channel(Flow(limits.stream_ahead_s))
    job = SpeechJob(
        model=model,
        chunks=chunks,
        emit=channel.emit,
        speaker=speaker,
        language=body.language,
        instruct=body.instructions,
        speed=body.speed,
        voice=profile,
        rates=[c.rate for c in plan] if script.ssml else None,
        timestamps=True,
        user=share_of(who),
        flow=channel.flow,
    )
    ctx.worker.submit(job)
    deadline = channel.loop.time() + serve.request_timeout_s
    try:
        started: Started = await channel.next(deadline, serve.retry_after_s)
    except BaseException:
        job.cancelled.set()
        raise
    state = request.scope.setdefault("state", {})
    state["model"] = model

    from avatar.timing.speech import WordTimer

    timer = WordTimer("auto", body.language, started.sample_rate)
    finish = finisher(serve, body.loudness, started.sample_rate)  # loudness and true peak, sentence by sentence
    sent_words = 0

    from avatar.serve.auth import bearer_key
    from avatar.serve.streams import still_allowed

    key = bearer_key(request)

    async def samples() -> AsyncIterator[np.ndarray]:
        at = 0  # samples so far
        try:
            for index in itertools.count():
                item = await channel.next(deadline, serve.retry_after_s)
                if item is DONE:
                    return
                if not still_allowed(ctx, who, key):  # the key was revoked: not one more sentence
                    logger.info("speech stopped: the request's key was revoked")
                    return
                chunk = plan[min(index, len(plan) - 1)]
                if index > 0 and chunk.pause_ms:  # an SSML <break>
                    silence = np.zeros(int(started.sample_rate * chunk.pause_ms / 1000), dtype=np.float32)
                    at += silence.size
                    yield silence
                if body.timestamps:
                    await asyncio.to_thread(timer.add, chunk, item, at / started.sample_rate)
                at += item.samples.size
                yield item.samples if finish is None else await asyncio.to_thread(finish, item.samples)
        finally:
            job.cancelled.set()

    def new_words() -> list[dict[str, Any]]:
        nonlocal sent_words
        fresh = timer.words[sent_words:]
        sent_words = len(timer.words)
        return [w.as_dict() for w in fresh]

    def first_audio() -> None:
        if "first_audio" not in state:
            state["first_audio"] = time.perf_counter()
            ctx.metrics.first_audio.labels(model).observe(state["first_audio"] - state.get("t0", time.perf_counter()))

    fmt = body.response_format
    # A raw audio stream cannot carry words: with timestamps, no stream_format is the JSON answer.
    if body.stream_format == "file" or (body.timestamps and body.stream_format is None):
        parts: list[bytes] = []

        async def watched() -> AsyncIterator[np.ndarray]:
            # A whole-file request whose client hung up stops too, before the next sentence.
            async for item in samples():
                yield item
                if await request.is_disconnected():
                    logger.info("client of a whole-file request went away")
                    job.cancelled.set()

        try:
            async for block in encode(watched(), fmt, started.sample_rate, streaming=False):
                parts.append(block)
        finally:
            job.cancelled.set()
        first_audio()
        if body.timestamps:
            from fastapi.responses import JSONResponse

            answer = {
                "audio": base64.b64encode(b"".join(parts)).decode("ascii"),
                "format": fmt,
                "sample_rate": int(_audio_headers(fmt, started)["X-Sample-Rate"]),
                "source": timer.document(body.input, 0.0)["source"],
                "words": new_words(),
            }
            if body.timestamps in ("srt", "vtt"):
                answer["captions"] = captions(body.input, timer.words, body.timestamps)
            return JSONResponse(answer, headers=_audio_headers(fmt, started))
        return Response(b"".join(parts), media_type=MEDIA_TYPES[fmt], headers=_audio_headers(fmt, started))

    if body.stream_format in (None, "audio"):

        async def audio_stream() -> AsyncIterator[bytes]:
            try:
                async for block in encode(samples(), fmt, started.sample_rate, streaming=True):
                    first_audio()
                    yield block
            except Exception as exc:  # the status is sent: log and end the stream early
                logger.warning("speech stream ended early: %s", exc)
            finally:
                job.cancelled.set()

        return ReaderResponse(audio_stream(), limits.stream_stall_s, job.cancelled.set,
                              media_type=MEDIA_TYPES[fmt], headers=_audio_headers(fmt, started))  # fmt: skip

    async def events() -> AsyncIterator[bytes]:
        try:
            async for block in encode(samples(), fmt, started.sample_rate, streaming=True):
                first_audio()
                payload: dict[str, Any] = {
                    "type": "speech.audio.delta",
                    "audio": base64.b64encode(block).decode("ascii"),
                }
                if body.timestamps:
                    payload["words"] = new_words()  # the words whose audio went into the encoder so far
                yield f"data: {json.dumps(payload)}\n\n".encode()
            done: dict[str, Any] = {
                "type": "speech.audio.done",
                "usage": {"input_tokens": len(body.input), "output_tokens": 0, "total_tokens": len(body.input)},
            }
            if body.timestamps:
                done["words"] = new_words()  # any the encoder held back until the end
            if body.timestamps in ("srt", "vtt"):
                done["captions"] = captions(body.input, timer.words, body.timestamps)
            yield f"data: {json.dumps(done)}\n\n".encode()
        except Exception as exc:
            from avatar.serve.errors import describe

            _, err, _ = describe(exc)
            yield f"data: {json.dumps({'type': 'error', **err})}\n\n".encode()
        finally:
            job.cancelled.set()

    headers = _audio_headers(fmt, started) | {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return ReaderResponse(events(), limits.stream_stall_s, job.cancelled.set, media_type="text/event-stream",
                          headers=headers)  # fmt: skip


def captions(original: str, words: list[Any], kind: str) -> str:
    """SRT or WebVTT captions of the spoken words, as runs write subtitles: cues start and end on words,
    and show the original text ("$100", not "one hundred dollars") with its punctuation."""
    from avatar.video.captions import TimedWord, shown_text, to_srt, to_vtt, word_cues

    def shown(w: Any) -> str:
        if original[w.char_start : w.char_end] == w.text:
            return shown_text(original, w.char_start, w.char_end)
        return str(w.text)  # SSML input: the word as the timings name it, without markup

    cues = word_cues([TimedWord(w.start_s, w.end_s, shown(w)) for w in words])
    return to_srt(cues) if kind == "srt" else to_vtt(cues)


def _audio_headers(fmt: str, started: Started) -> dict[str, str]:
    from avatar.serve.audio import output_rate

    return {"X-Sample-Rate": str(output_rate(fmt, started.sample_rate))}
