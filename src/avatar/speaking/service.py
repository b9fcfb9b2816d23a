"""The speaking service: a script (text or SSML, the speaker's lexicon, normalisation) turned into the chunks
a speech backend speaks, the request for each chunk, the pause before it, and the spoken chunks in order.

Every path that speaks goes through here, so pause, speed and chunking follow one rule everywhere: the
``synthesize`` stage (:mod:`avatar.stages.synthesize`), ``/v1/audio/speech`` (the route plans the chunks, the
device thread asks for each), live sessions (:mod:`avatar.serve.live_speaking`) and ``avatar voice test``
(:mod:`avatar.voices.sample`).

- **Chunks**: packed sentences up to ``chunk_chars`` (a file), or one chunk per sentence (a stream, a live
  sentence), each carrying its spoken words (:func:`avatar.text.script.plan_chunks`).
- **Speed**: the caller's speed times the chunk's SSML ``<prosody rate>``.
- **Pause** before chunk *i* > 0: its SSML ``<break>`` where it has one, else the caller's default pause (the
  stage's ``pause_ms``; 0 for the speech API and live sentences, whose sentence chunks keep the backend's
  own silence); never before the first chunk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from avatar.backends.base import Speech, SynthesisRequest
from avatar.text.script import ChunkPlan, Script, plan_chunks

logger = logging.getLogger(__name__)

__all__ = [
    "ChunkPlan",
    "SpokenChunk",
    "chunk_request",
    "pause_ms",
    "plan_chunks",
    "prepare_script",
    "speak_all",
    "speak_chunks",
]


def prepare_script(
    text: str,
    backend: Any,
    *,
    voices_root: Path | None,
    user: str | None,
    language: str | None = None,
    reading: str | None = None,
    normalize: bool = True,
) -> Script:
    """The script for ``text``: SSML where it is SSML, ``user``'s lexicon (never another user's), IPA where
    the backend reads it, numbers and dates read as ``reading``, else as the language or the backend's one
    language. ``backend``: a backend instance or class (only its capabilities and languages are read)."""
    from avatar.backends.capabilities import ipa_symbols, phoneme_dialect, takes_ipa
    from avatar.text import lexicon
    from avatar.text.normalize import check_reading, reading_for
    from avatar.text.script import prepare

    read_as = check_reading(reading) if reading else reading_for(language, backend)
    lex = lexicon.load(voices_root, user) if user and voices_root is not None else None
    ipa = takes_ipa(backend)
    return prepare(text, read_as, normalize, lex, ipa_symbols(backend), ipa, phoneme_dialect(backend))


def chunk_request(
    text: str,
    rate: float = 1.0,
    *,
    language: str | None = None,
    speaker: str | None = None,
    instruct: str | None = None,
    conditioning: Any = None,
    speed: float = 1.0,
) -> SynthesisRequest:
    """What the backend is asked for one chunk: ``speed`` times the chunk's own ``rate`` (SSML prosody)."""
    return SynthesisRequest(
        text=text, language=language, speaker=speaker, instruct=instruct, conditioning=conditioning, speed=speed * rate
    )


def pause_ms(chunks: list[ChunkPlan], index: int, default_ms: int) -> int:
    """The silence before chunk ``index``: none before the first, else its SSML break, else ``default_ms``."""
    if index == 0:
        return 0
    given = chunks[index].pause_ms
    return default_ms if given is None else given


def pause_samples(chunks: list[ChunkPlan], index: int, default_ms: int, sample_rate: int) -> int:
    return int(sample_rate * pause_ms(chunks, index, default_ms) / 1000)


@dataclass
class SpokenChunk:
    index: int
    chunk: ChunkPlan
    pause: np.ndarray  # the silence before it (float32, maybe empty)
    speech: Speech


def speak_chunks(
    speak: Callable[[SynthesisRequest], Speech],
    chunks: list[ChunkPlan],
    sample_rate: int,
    default_pause_ms: int,
    *,
    language: str | None = None,
    speaker: str | None = None,
    instruct: str | None = None,
    conditioning: Any = None,
    speed: float = 1.0,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[SpokenChunk]:
    """Speak ``chunks`` in order through ``speak`` (a backend's or a host's), each with the pause before it."""
    for i, chunk in enumerate(chunks):
        if progress is not None:
            progress(i, len(chunks))
        request = chunk_request(
            chunk.text,
            chunk.rate,
            language=language,
            speaker=speaker,
            instruct=instruct,
            conditioning=conditioning,
            speed=speed,
        )
        speech = speak(request)
        pause = np.zeros(pause_samples(chunks, i, default_pause_ms, sample_rate), dtype=np.float32)
        yield SpokenChunk(i, chunk, pause, speech)


def speak_all(speak: Callable[[SynthesisRequest], Speech], chunks: list[ChunkPlan], sample_rate: int,
              default_pause_ms: int, **request: Any) -> np.ndarray:  # fmt: skip
    """Every chunk spoken and joined, each after its pause (float32); ``request``: as :func:`speak_chunks`."""
    parts: list[np.ndarray] = []
    for part in speak_chunks(speak, chunks, sample_rate, default_pause_ms, **request):
        parts += [part.pause, np.asarray(part.speech.samples, np.float32).reshape(-1)]
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)
