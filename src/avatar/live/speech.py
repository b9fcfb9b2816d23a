"""A live session's speech: one sentence at a time through its speaking port
(:class:`avatar.speaking.port.SpeakingPort`, which the server implements on its device thread), at 48 kHz
with its phoneme timing, leading and trailing silence trimmed (live, leading silence is only latency)."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass

import numpy as np

from avatar.live.timeline import RATE
from avatar.speaking.port import SpeakingPort, Spoken, Voice
from avatar.text.phonemes import PhonemeSpan

__all__ = ["Sentence", "SpeakingPort", "Spoken", "Voice", "fit_to_live", "spans", "synthesize", "to_rate", "trim"]


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


def _loud_blocks(samples: np.ndarray, block: int) -> np.ndarray:
    """The indices of the ``block``-sample blocks whose RMS is over :data:`SILENCE_RMS`."""
    n = samples.size // block
    env = np.sqrt(np.mean(np.square(samples[: n * block].reshape(n, block), dtype=np.float64), axis=1))
    return np.flatnonzero(env > SILENCE_RMS)


def trim(
    samples: np.ndarray, phonemes: list[PhonemeSpan] | None, loud: np.ndarray | None = None
) -> tuple[np.ndarray, list[PhonemeSpan] | None]:
    """Cut a sentence's leading silence to :data:`KEEP_LEAD_S` and its trailing silence to :data:`KEEP_TAIL_S`
    (5 ms blocks under :data:`SILENCE_RMS`), moving the phoneme timing with it. Live, leading silence is
    only latency."""
    block = RATE // 200
    if samples.size // block == 0:
        return samples, phonemes
    loud = _loud_blocks(samples, block) if loud is None else loud
    if loud.size == 0:  # all silence: the sentence keeps a pause's worth, so it is still placed and reported
        return samples[: int(KEEP_TAIL_S * RATE)], [] if phonemes is not None else None
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


@dataclass
class Sentence:
    """A sentence as the session plays it: at :data:`RATE`, silences trimmed, phonemes in seconds."""

    samples: np.ndarray  # float32 at RATE
    phonemes: list[PhonemeSpan] | None
    seconds: float  # the speaking's own time
    silent: bool = False  # the voice returned nothing audible for it


async def synthesize(port: SpeakingPort, voice: Voice, text: str, cancelled: threading.Event) -> Sentence | None:
    """Speak ``text`` through the session's speaking port; None when ``cancelled`` was set first."""
    spoken = await port.speak(voice, text, cancelled)
    return None if spoken is None else await asyncio.to_thread(fit_to_live, spoken)


def fit_to_live(spoken: Spoken) -> Sentence:
    """A spoken sentence at :data:`RATE`, its leading and trailing silence trimmed."""
    rate = spoken.sample_rate
    at_rate = to_rate(np.asarray(spoken.samples, np.float32), rate)
    loud = _loud_blocks(at_rate, RATE // 200)  # one pass: what trim cuts and whether anything is audible
    samples, phonemes = trim(at_rate, spans(spoken.phonemes, rate), loud)
    silent = loud.size == 0
    if samples.size == 0:  # nothing came back: still a (silent) sentence on the timeline, reported as one
        samples = np.zeros(int(KEEP_TAIL_S * RATE), np.float32)
    return Sentence(samples, phonemes, spoken.seconds, silent)
