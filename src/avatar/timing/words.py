"""Word timings: when each word of the input is spoken, with its character span in the original input.

Three sources, recorded with every word (``source``):

- ``backend``: the backend's own phoneme timing (piper), grouped into words at its word boundaries;
- ``aligner``: a forced aligner run on the audio with the known words (see ``avatar.timing.aligner``);
- ``estimate``: the chunk's voiced stretch shared among its words in proportion to their phoneme counts.

The words of one expansion ("one hundred dollars" for "$100") come back as one word with the original
text, the start of its first spoken word and the end of its last. ``words.json`` is the file form.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from avatar.text.espeak import espeak_ipa
from avatar.text.normalize import SpokenWord
from avatar.text.phonemes import UNALIGNED, WORD_BOUNDARY

logger = logging.getLogger(__name__)

Source = Literal["backend", "aligner", "estimate"]
SOURCES: tuple[Source, ...] = ("backend", "aligner", "estimate")
WORDS_FILE = "words.json"
_SEPARATORS = frozenset({WORD_BOUNDARY, "^", "$"})


@dataclass(frozen=True)
class WordTiming:
    text: str  # the original input's characters for this word
    start_s: float
    end_s: float
    char_start: int
    char_end: int
    source: str
    spoken: str | None = None  # what was said, where it differs from ``text``

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["start_s"], d["end_s"] = round(self.start_s, 4), round(self.end_s, 4)
        if self.spoken is None:
            del d["spoken"]
        return d


def _is_sound(label: str) -> bool:
    return label not in _SEPARATORS and (label == UNALIGNED or any(ch.isalpha() for ch in label))


def phoneme_words(phonemes: Sequence[tuple[str, int]]) -> list[list[tuple[int, int]]]:
    """Runs of sounds between word boundaries, pauses and punctuation, as (start, end) sample offsets."""
    words: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    at = 0
    for label, samples in phonemes:
        start, at = at, at + max(0, samples)
        if _is_sound(label):
            current.append((start, at))
        elif current:
            words.append(current)
            current = []
    if current:
        words.append(current)
    return words


def proportional(weights: Sequence[float], start: float, end: float) -> list[tuple[float, float]]:
    """``[start, end]`` cut into consecutive spans in proportion to ``weights``."""
    total = float(sum(weights)) or 1.0
    out, acc = [], 0.0
    for w in weights:
        a = start + (end - start) * acc / total
        acc += w
        out.append((a, start + (end - start) * acc / total))
    return out


def times_from_phonemes(
    tokens: Sequence[str], phonemes: Sequence[tuple[str, int]], sample_rate: int, offset_s: float = 0.0
) -> list[tuple[float, float]] | None:
    """Each token's (start, end) from a backend's phoneme timing; None when it has none to give.

    The backend's words (runs of sounds between boundaries) are matched to the tokens by a monotone
    alignment on phoneme counts, because espeak-ng does not always say one word per token: it joins
    "from the" into one word and reads "e.g." or an unnormalised "100" as two or three. Where a run
    holds several tokens, its sounds are shared in proportion to the tokens' phoneme counts.
    """
    if not tokens:
        return []
    runs = phoneme_words(phonemes)
    if not runs:
        return None
    sr = float(sample_rate)
    labels = [label for label, n in phonemes if n > 0 and _is_sound(label)]
    weights = [float(phoneme_count(t)) for t in tokens]
    matched = None if UNALIGNED in labels else _match(weights, _run_sizes(runs, labels))
    if matched is None:  # no sensible alignment: share every sound in proportion
        return _share([s for r in runs for s in r], weights, sr, offset_s)
    out: list[tuple[float, float]] = []
    for (i0, i1), (j0, j1) in matched:
        if j1 == j0:  # a token espeak did not say: a zero-length word where it would have been
            at = out[-1][1] if out else offset_s + runs[0][0][0] / sr
            out.extend((at, at) for _ in range(i0, i1))
            continue
        sounds = [s for r in runs[j0:j1] for s in r]
        if i1 - i0 == 1:
            out.append((offset_s + sounds[0][0] / sr, offset_s + sounds[-1][1] / sr))
        else:
            out.extend(_share(sounds, weights[i0:i1], sr, offset_s))
    return out


def _run_sizes(runs: list[list[tuple[int, int]]], labels: list[str]) -> list[float]:
    """Letters of IPA in each run (comparable with ``phoneme_count``)."""
    sizes, k = [], 0
    for r in runs:
        sizes.append(float(sum(sum(ch.isalpha() for ch in labels[k + n]) or 1 for n in range(len(r)))))
        k += len(r)
    return sizes


def _share(
    sounds: list[tuple[int, int]], weights: Sequence[float], sr: float, offset_s: float
) -> list[tuple[float, float]]:
    total = sum(weights) or 1.0
    out, acc = [], 0.0
    for w in weights:
        lo = min(len(sounds) - 1, round(len(sounds) * acc / total))
        acc += w
        hi = max(lo + 1, min(len(sounds), round(len(sounds) * acc / total)))
        out.append((offset_s + sounds[lo][0] / sr, offset_s + sounds[hi - 1][1] / sr))
    return out


# (tokens, runs, penalty): one to one is free; a join or split costs 1; skipping one side costs 3 plus its size
_MOVES = [(1, 1, 0.0), (2, 1, 1.0), (3, 1, 1.0), (1, 2, 1.0), (1, 3, 1.0), (1, 0, 3.0), (0, 1, 3.0)]


def _match(expected: list[float], actual: list[float]) -> list[tuple[tuple[int, int], tuple[int, int]]] | None:
    """Monotone alignment of tokens (expected phoneme counts) to runs (actual counts): each step maps 1-3
    tokens to one run, one token to 1-3 runs, or skips one side at a price. None when nothing fits."""
    n, m = len(expected), len(actual)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    pe, pa = [0.0], [0.0]  # prefix sums
    for v in expected:
        pe.append(pe[-1] + v)
    for v in actual:
        pa.append(pa[-1] + v)
    # the path stays near the diagonal: search a band around it (linear time, not n * m)
    band = 4 + abs(n - m)
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        row = cost[i]
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            c = row[j]
            if c == inf:
                continue
            for a, b, extra in _MOVES:
                ia, jb = i + a, j + b
                if ia > n or jb > m:
                    continue
                e, x = pe[ia] - pe[i], pa[jb] - pa[j]
                total = c + abs(e - x) + extra + (e + x if extra > 1.0 else 0.0)
                if total < cost[ia][jb]:
                    cost[ia][jb] = total
                    back[ia][jb] = (a, b)
    if cost[n][m] == inf:
        return None
    path: list[tuple[tuple[int, int], tuple[int, int]]] = []
    i, j = n, m
    while i or j:
        move = back[i][j]
        if move is None:
            return None
        a, b = move
        path.append(((i - a, i), (j - b, j)))
        i, j = i - a, j - b
    path.reverse()
    # a run skipped on its own (0 tokens) belongs to no word; drop those steps
    return [p for p in path if p[0][1] > p[0][0]]


def voiced_span(samples: np.ndarray, sample_rate: int, frame_s: float = 0.01) -> tuple[float, float]:
    """(start, end) in seconds of the stretch between the first and last frame louder than the floor."""
    n = max(1, int(sample_rate * frame_s))
    frames = samples[: samples.size // n * n].reshape(-1, n) if samples.size >= n else samples.reshape(1, -1)
    if frames.size == 0:
        return 0.0, 0.0
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1))
    peak = float(rms.max())
    if peak <= 0:
        return 0.0, samples.size / sample_rate
    loud = np.flatnonzero(rms > peak * 0.05)
    return float(loud[0] * n / sample_rate), float((loud[-1] + 1) * n / sample_rate)


def estimate_times(
    tokens: Sequence[str], samples: np.ndarray, sample_rate: int, offset_s: float = 0.0
) -> list[tuple[float, float]]:
    """The chunk's voiced stretch shared among the tokens in proportion to their phoneme counts."""
    a, b = voiced_span(samples, sample_rate)
    return proportional([float(phoneme_count(t)) for t in tokens], offset_s + a, offset_s + b)


@lru_cache(maxsize=4096)
def phoneme_count(token: str) -> int:
    """How many sounds a word has: espeak-ng's phonemes (through piper's bundled espeak) where installed,
    else its letters. Good enough to share time in proportion; never zero."""
    if token.startswith("[[") and token.endswith("]]"):
        return max(1, sum(ch.isalpha() for ch in token))
    ipa = espeak_ipa(token)
    if ipa is None:
        return max(1, sum(ch.isalnum() for ch in token))
    return max(1, sum(ch.isalpha() for ch in ipa))


def group(
    spoken: Sequence[SpokenWord], times: Sequence[tuple[float, float]], original: str, source: Source
) -> list[WordTiming]:
    """One timing per original word: the spoken words of one expansion merged into one."""
    out: list[WordTiming] = []
    i = 0
    while i < len(spoken):
        j = i
        while j + 1 < len(spoken) and spoken[j + 1].group == spoken[i].group:
            j += 1
        w = spoken[i]
        said = " ".join(s.text for s in spoken[i : j + 1])
        text = original[w.start : w.end]
        out.append(
            WordTiming(
                text=text,
                start_s=times[i][0],
                end_s=max(times[j][1], times[i][0]),
                char_start=w.start,
                char_end=w.end,
                source=source,
                spoken=None if all(s.verbatim for s in spoken[i : j + 1]) else said,
            )
        )
        i = j + 1
    return out


def document(original: str, words: Sequence[WordTiming], sample_rate: int, duration_s: float) -> dict[str, Any]:
    """The ``words.json`` document."""
    sources = sorted({w.source for w in words}, key=SOURCES.index)
    return {
        "text": original,
        "source": sources[0] if len(sources) == 1 else ("mixed" if sources else None),
        "sources": sources,
        "sample_rate": sample_rate,
        "duration_s": round(duration_s, 4),
        "words": [w.as_dict() for w in words],
    }


def read_words(doc: Any) -> list[WordTiming]:
    """Word timings back from a parsed ``words.json``; a KeyError/TypeError/ValueError if malformed."""
    return [
        WordTiming(
            text=str(w["text"]),
            start_s=float(w["start_s"]),
            end_s=float(w["end_s"]),
            char_start=int(w["char_start"]),
            char_end=int(w["char_end"]),
            source=str(w.get("source", "estimate")),
            spoken=w.get("spoken"),
        )
        for w in doc["words"]
    ]
