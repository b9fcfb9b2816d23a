"""The synthesis stage's word timing: script to chunks, and each spoken chunk to word timings.

``prepare_script`` turns the job's text into a :class:`~avatar.text.script.Script` (SSML, the user's
lexicon, normalisation); ``plan_chunks`` cuts it into the chunks the backend speaks, each carrying its
words; ``WordTimer`` turns every spoken chunk into word timings (backend, aligner or estimate) and, for a
backend without phoneme timing, the aligner's phonemes for the talking head.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avatar.text.chunking import chunk_text
from avatar.text.normalize import SpokenWord
from avatar.text.script import Script, prepare, speech_tokens
from avatar.timing import words as W
from avatar.timing.words import WORDS_FILE, WordTiming

if TYPE_CHECKING:
    from avatar.backends.base import Speech
    from avatar.stages.base import Job

logger = logging.getLogger(__name__)

__all__ = ["WORDS_FILE", "ChunkPlan", "WordTimer", "lexicon_user", "plan_chunks", "prepare_script"]


def lexicon_user(job: Job) -> str | None:
    """Whose lexicon applies: the job's user (studio and HTTP runs), else the owner of its voice."""
    user = job.extra.get("user") if job.extra else None
    if user:
        return str(user)
    if job.voice and "/" in job.voice:
        return job.voice.split("/", 1)[0]
    return None


def prepare_script(job: Job, backend: Any, profiles_root: Path, language: str | None, normalize: bool) -> Script:
    from avatar.backends.capabilities import ipa_symbols, takes_ipa
    from avatar.text import lexicon

    user = lexicon_user(job)
    lex = lexicon.load(profiles_root, user) if user else None
    ipa = takes_ipa(backend)
    return prepare(job.text or "", language, normalize, lex, ipa_symbols(backend) if ipa else None, ipa)


@dataclass
class ChunkPlan:
    text: str  # what the backend is given
    words: list[SpokenWord]
    rate: float = 1.0
    pause_ms: int | None = None  # before this chunk; None: the stage's usual pause
    original: str = ""


def plan_chunks(script: Script, chunk_chars: int, per_sentence: bool = False) -> list[ChunkPlan]:
    """The chunks to speak, in order, each with the spoken words it holds; ``per_sentence``: one chunk per
    sentence (streams start sooner) rather than sentences packed up to ``chunk_chars``."""
    from avatar.text.chunking import _SENTENCE_END, normalise

    out: list[ChunkPlan] = []
    for seg in script.segments:
        words = seg.text.words()
        if per_sentence:
            sentences = _SENTENCE_END.split(normalise(seg.text.spoken))
            chunks = [c for s in sentences for c in chunk_text(s, chunk_chars)]
        else:
            chunks = chunk_text(seg.text.spoken, chunk_chars)
        at = 0
        for k, chunk in enumerate(chunks):
            n = len(speech_tokens(chunk))
            mine = words[at : at + n] if k < len(chunks) - 1 else words[at:]
            at += n
            pause = seg.pause_before_ms if k == 0 else None
            out.append(ChunkPlan(chunk, mine, seg.rate, pause, script.original))
    return out


@dataclass
class WordTimer:
    """Collects word timings chunk by chunk. ``mode``: auto (backend, else aligner, else estimate), or one
    source forced (``aligner`` on a backend with timing withholds the backend's)."""

    mode: str
    language: str | None
    sample_rate: int
    words: list[WordTiming] = field(default_factory=list)
    _aligner: Any = None
    _aligner_failed: bool = False

    def _align(
        self, tokens: list[str], speech: Speech
    ) -> tuple[list[tuple[float, float]], list[tuple[str, int]]] | None:
        if self._aligner_failed:
            return None
        from avatar.timing import aligner

        if self._aligner is None:
            try:
                self._aligner = aligner.Aligner.for_language(self.language)
            except aligner.AlignerUnavailable as exc:
                logger.info("no forced aligner (%s); word timings are estimated", exc)
                self._aligner_failed = True
                return None
        return self._aligner.align(tokens, speech.samples, self.sample_rate)  # type: ignore[no-any-return]

    def add(self, chunk: ChunkPlan, speech: Speech, start_s: float) -> list[tuple[str, int]] | None:
        """Record the chunk's words; returns the phonemes to log (the backend's, or the aligner's)."""
        tokens = [w.text for w in chunk.words]
        phones = speech.phonemes
        times: list[tuple[float, float]] | None = None
        source: W.Source = "estimate"
        if tokens and phones and self.mode in ("auto", "backend"):
            times = W.times_from_phonemes(tokens, phones, self.sample_rate, start_s)
            source = "backend"
        if tokens and times is None and self.mode in ("auto", "aligner"):
            aligned = self._align(tokens, speech)
            if aligned is not None:
                local, aligned_phones = aligned
                times = [(start_s + a, start_s + b) for a, b in local]
                source = "aligner"
                if not phones or self.mode == "aligner":
                    phones = aligned_phones
        if tokens and times is None:
            times = W.estimate_times(tokens, speech.samples, self.sample_rate, start_s)
            source = "estimate"
        if tokens and times is not None:
            self.words.extend(W.group(chunk.words, times, chunk.original, source))
        return phones

    def sources(self) -> list[str]:
        return sorted({w.source for w in self.words}, key=W.SOURCES.index)

    def document(self, original: str, duration_s: float) -> dict[str, Any]:
        return W.document(original, self.words, self.sample_rate, duration_s)
