"""``POST /v1/audio/speech``: OpenAI's speech endpoint. The handler checks the request, has the speaking
service plan its chunks (:mod:`avatar.serve.fidelity`), starts its speech on the device thread
(:class:`avatar.serve.speech_stream.SpeechStream`) and encodes what comes back in the requested format."""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import numpy as np
from fastapi import APIRouter, Request, Response

from avatar.errors import InputError
from avatar.serve.audio import MEDIA_TYPES, encode
from avatar.serve.auth import CallerDep, ContextDep
from avatar.serve.backpressure import ReaderResponse
from avatar.serve.errors import Busy, HTTPFacingError
from avatar.serve.routes.common import ERRORS, resolve_voice
from avatar.serve.schemas import SpeechRequest
from avatar.text.chunking import sentences, speakable

logger = logging.getLogger(__name__)
router = APIRouter(tags=["speech"])
__all__ = ["router", "sentences"]  # sentences: the one sentence rule, as streams use it


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
    speaker, stored = resolve_voice(ctx, who, model, body.voice)
    known = ctx.device_thread.snapshot()[model]
    if stored is not None and known["capabilities"] and not known["capabilities"]["cloning"]:
        raise InputError(f"model {model} speaks stock voices only and cannot clone voice '{stored.name}'")
    if speaker is not None:  # stock voices known without loading are checked here, not after the queue
        stock = known["voices"]
        if stock and speaker not in stock:
            from avatar.errors import UnknownNameError

            raise UnknownNameError("voice", speaker, stock)
    from avatar.serve import fidelity

    normalize = body.normalization.normalize if body.normalization else True
    reading = body.normalization.reading if body.normalization else None

    def prepare_text() -> tuple[Any, list[Any]]:
        script = fidelity.speech_script(ctx, who.user, model, body.input, body.language, normalize, reading)
        return script, fidelity.sentence_chunks(script, ctx.settings.chunk_chars)

    # SSML, the lexicon and normalisation: in the text pool, under the CPU budget, never on the event loop
    script, plan = await ctx.text_work.run(who.user, prepare_text)
    if not plan or not speakable(body.input):
        raise InputError("input has nothing to speak (only spaces, punctuation or invisible characters)")
    if body.timestamps and body.stream_format == "audio":
        raise HTTPFacingError(
            'timestamps need stream_format "sse" (words in each delta) or none (JSON with the audio and words)',
            param="stream_format",
            code="invalid_value",
        )
    if body.mouth and body.stream_format == "audio":
        raise HTTPFacingError(
            'mouth shapes need stream_format "sse" (frames in each delta) or none (JSON with the audio and frames)',
            param="stream_format",
            code="invalid_value",
        )
    if ctx.phase != "ready":
        raise Busy(f"the server is {ctx.phase}", serve.retry_after_s, status=503, code=ctx.phase)
    from avatar.serve.auth import bearer_key
    from avatar.serve.speech_stream import SpeechStream

    # A raw audio stream cannot carry words or mouth shapes: with either, no stream_format is the JSON answer.
    as_json = bool(body.timestamps or body.mouth)
    whole = body.stream_format == "file" or (as_json and body.stream_format is None)

    stream = await SpeechStream.start(
        ctx,
        who,
        bearer_key(request),
        model=model,
        script=script,
        plan=plan,
        speaker=speaker,
        stored=stored,
        language=body.language,
        instruct=body.instructions,
        speed=body.speed,
        loudness=body.loudness,
        timestamps=bool(body.timestamps),
        mouth_fps=body.mouth.fps if body.mouth else None,
        fmt=body.response_format,
        streaming=not whole,
    )
    state = request.scope.setdefault("state", {})
    state["model"] = model
    samples, new_words = stream.samples, stream.new_words

    def first_audio() -> None:
        if "first_audio" not in state:
            state["first_audio"] = time.perf_counter()
            ctx.metrics.first_audio.labels(model).observe(state["first_audio"] - state.get("t0", time.perf_counter()))

    fmt = body.response_format
    if whole:
        parts: list[bytes] = []

        async def watched() -> AsyncIterator[np.ndarray]:
            # A whole-file request whose client hung up stops too, before the next sentence.
            async for item in samples():
                yield item
                if await request.is_disconnected():
                    logger.info("client of a whole-file request went away")
                    stream.cancel()

        try:
            async for block in encode(watched(), fmt, stream.sample_rate, streaming=False,
                                      ceiling_dbtp=stream.ceiling_dbtp):  # fmt: skip
                parts.append(block)
        finally:
            stream.cancel()
        first_audio()
        if as_json:
            from fastapi.responses import JSONResponse

            answer: dict[str, Any] = {
                "audio": base64.b64encode(b"".join(parts)).decode("ascii"),
                "format": fmt,
                "sample_rate": int(_audio_headers(fmt, stream.sample_rate)["X-Sample-Rate"]),
            }
            if body.timestamps:
                answer |= {"source": stream.source(body.input), "words": new_words()}
            if body.mouth:
                answer["mouth"] = stream.new_mouth()
            if body.timestamps in ("srt", "vtt"):
                answer["captions"] = captions(body.input, stream.timer.words, body.timestamps)
            return JSONResponse(answer, headers=_audio_headers(fmt, stream.sample_rate))
        return Response(b"".join(parts), media_type=MEDIA_TYPES[fmt], headers=_audio_headers(fmt, stream.sample_rate))

    chunks = await stream.primed()  # answered once there is audio: a failure before any is this request's error

    if body.stream_format in (None, "audio"):

        async def audio_stream() -> AsyncIterator[bytes]:
            try:
                async for block in encode(chunks, fmt, stream.sample_rate, streaming=True):
                    first_audio()
                    yield block
            except Exception as exc:  # the status is sent: log and end the stream early
                logger.warning("speech stream ended early: %s", exc)
            finally:
                stream.cancel()

        return ReaderResponse(audio_stream(), limits.stream_stall_s, stream.cancel,
                              media_type=MEDIA_TYPES[fmt], headers=_audio_headers(fmt, stream.sample_rate))  # fmt: skip

    async def events() -> AsyncIterator[bytes]:
        try:
            async for block in encode(chunks, fmt, stream.sample_rate, streaming=True):
                first_audio()
                payload: dict[str, Any] = {
                    "type": "speech.audio.delta",
                    "audio": base64.b64encode(block).decode("ascii"),
                }
                if body.timestamps:
                    payload["words"] = new_words()  # the words whose audio went into the encoder so far
                if body.mouth:
                    payload["mouth"] = stream.new_mouth()  # likewise the frames
                yield f"data: {json.dumps(payload)}\n\n".encode()
            done: dict[str, Any] = {
                "type": "speech.audio.done",
                "usage": {"input_tokens": len(body.input), "output_tokens": 0, "total_tokens": len(body.input)},
            }
            if body.timestamps:
                done["words"] = new_words()  # any the encoder held back until the end
            if body.mouth:
                done["mouth"] = stream.new_mouth()  # the last, partial frame
            if body.timestamps in ("srt", "vtt"):
                done["captions"] = captions(body.input, stream.timer.words, body.timestamps)
            yield f"data: {json.dumps(done)}\n\n".encode()
        except Exception as exc:
            from avatar.serve.errors import describe

            _, err, _ = describe(exc)
            yield f"data: {json.dumps({'type': 'error', **err})}\n\n".encode()
        finally:
            stream.cancel()

    headers = _audio_headers(fmt, stream.sample_rate) | {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return ReaderResponse(events(), limits.stream_stall_s, stream.cancel, media_type="text/event-stream",
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


def _audio_headers(fmt: str, sample_rate: int) -> dict[str, str]:
    from avatar.serve.audio import output_rate

    return {"X-Sample-Rate": str(output_rate(fmt, sample_rate))}


def check_instructions(model: str, instruct: str | None) -> None:
    """Instructions only for a backend that declares it takes them (``supports_instructions``)."""
    from avatar.backends.registry import backend_class

    if instruct and not backend_class(model).supports_instructions:
        raise InputError(f"model {model} takes no instructions; it speaks the text as it is")
