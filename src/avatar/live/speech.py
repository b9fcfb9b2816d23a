"""The one seam between live sessions and speech generation: submit a sentence to the device worker,
get back its samples at 48 kHz and its phoneme timing (piper's, where the backend gives it).

It goes through today's device worker as a ``call`` job (run on the worker's thread, one at a time with
every other job, so no two sessions' audio can mix). When the worker becomes a scheduler with an
interactive class, only :func:`synthesize` changes.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from avatar.live.timeline import RATE
from avatar.text.phonemes import PhonemeSpan

if TYPE_CHECKING:
    from avatar.serve.worker import DeviceWorker
    from avatar.voices.profile import VoiceProfile

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Voice:
    """What to speak with: a backend, and its stock speaker or the caller's cloned voice."""

    model: str
    speaker: str | None = None
    profile: VoiceProfile | None = None
    language: str | None = None


@dataclass
class Spoken:
    samples: np.ndarray  # float32 at RATE
    phonemes: list[PhonemeSpan] | None
    seconds: float  # synthesis time on the worker


def to_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    """Resample to :data:`RATE` (polyphase, exact ratio)."""
    if rate == RATE or samples.size == 0:
        return samples.astype(np.float32, copy=False)
    from math import gcd

    from scipy.signal import resample_poly

    g = gcd(RATE, rate)
    return np.asarray(resample_poly(samples, RATE // g, rate // g), np.float32)


def spans(pairs: list[tuple[str, int]] | None, rate: int) -> list[PhonemeSpan] | None:
    """(phoneme, sample count) pairs -> spans in seconds from the start."""
    if pairs is None:
        return None
    out, at = [], 0
    for label, n in pairs:
        if n > 0:
            out.append(PhonemeSpan(at / rate, (at + n) / rate, label))
            at += n
    return out


SILENCE_RMS = 0.003
KEEP_LEAD_S = 0.015  # of a sentence's leading silence (piper sometimes opens with 0.6 s of it)
KEEP_TAIL_S = 0.15  # of its trailing silence: a natural pause before the next sentence


def trim(samples: np.ndarray, phonemes: list[PhonemeSpan] | None) -> tuple[np.ndarray, list[PhonemeSpan] | None]:
    """Cut a sentence's leading silence to :data:`KEEP_LEAD_S` and its trailing silence to :data:`KEEP_TAIL_S`
    (5 ms blocks under :data:`SILENCE_RMS`), moving the phoneme timing with it. Live, leading silence is
    only latency."""
    block = RATE // 200
    n = samples.size // block
    if n == 0:
        return samples, phonemes
    env = np.sqrt(np.mean(np.square(samples[: n * block].reshape(n, block), dtype=np.float64), axis=1))
    loud = np.flatnonzero(env > SILENCE_RMS)
    if loud.size == 0:
        return samples[:0], [] if phonemes is not None else None
    a = max(0, int(loud[0]) * block - int(KEEP_LEAD_S * RATE))
    b = min(samples.size, (int(loud[-1]) + 1) * block + int(KEEP_TAIL_S * RATE))
    if phonemes is None:
        return samples[a:b], None
    shift, end = a / RATE, (b - a) / RATE
    moved = [
        PhonemeSpan(max(0.0, p.start_s - shift), min(end, p.end_s - shift), p.phoneme)
        for p in phonemes
        if p.end_s - shift > 0 and p.start_s - shift < end
    ]
    return samples[a:b], moved


async def synthesize(worker: DeviceWorker, voice: Voice, text: str, cancelled: threading.Event) -> Spoken | None:
    """Speak ``text`` on the device worker; None when ``cancelled`` was set before the worker reached it."""
    import time

    from avatar.backends.base import SynthesisRequest
    from avatar.serve.worker import ControlJob

    loop = asyncio.get_running_loop()
    done: asyncio.Future[Any] = loop.create_future()

    def deliver(item: Any) -> None:
        if not done.done():
            if isinstance(item, BaseException):
                done.set_exception(item)
            else:
                done.set_result(item)

    def emit(item: Any) -> None:
        try:
            loop.call_soon_threadsafe(deliver, item)
        except RuntimeError:  # the loop is closed
            pass

    def run() -> Spoken:
        t0 = time.perf_counter()
        host = worker.ensure_loaded(voice.model)
        speaker = voice.speaker if voice.model != "piper" else None
        request = SynthesisRequest(text=text, language=voice.language, speaker=speaker)
        with worker.use(voice.model):  # a use of the model's lease: measured, its recency refreshed
            speech = host.speak(request, voice.profile)
        rate = host.sample_rate
        samples, phonemes = trim(to_rate(np.asarray(speech.samples, np.float32), rate), spans(speech.phonemes, rate))
        return Spoken(samples, phonemes, time.perf_counter() - t0)

    job = ControlJob("call", voice.model, emit, fn=run)
    job.cancelled = cancelled
    worker.submit(job)
    result = await done
    return result if isinstance(result, Spoken) else None  # a cancelled job answers DONE


def warm(worker: DeviceWorker, model: str) -> None:
    """Load ``model`` now (a session is opening), so its first sentence does not wait for the load."""
    from avatar.serve.errors import Busy
    from avatar.serve.worker import ControlJob

    def ignore(item: Any) -> None:
        if isinstance(item, BaseException):
            logger.info("warming model %s: %s", model, item)

    try:
        worker.submit(ControlJob("load", model, ignore))
    except Busy:
        pass  # the queue is full; the first sentence loads it
