"""Word timing of spoken chunks: ``WordTimer`` turns every spoken chunk (a
:class:`~avatar.text.script.ChunkPlan`, from the speaking service) into word timings (backend, aligner or
estimate) and, for a backend without phoneme timing, the aligner's phonemes for the talking head.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from avatar.timing import words as W
from avatar.timing.words import WORDS_FILE, WordTiming

if TYPE_CHECKING:
    from avatar.backends.base import Speech
    from avatar.text.script import ChunkPlan

logger = logging.getLogger(__name__)

__all__ = ["WORDS_FILE", "WordTimer"]


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
