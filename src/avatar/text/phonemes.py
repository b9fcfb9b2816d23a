"""Phoneme timing: which sound is spoken when, as a synthesis backend reports it.

The `synthesize` stage writes it as ``phonemes.tsv`` (one row per phoneme: start and end in seconds, then
the phoneme) and the `talking_head` stage reads it back row by row to shape the mouth. Both directions
stream: a long script never holds its phoneme list in memory.

Labels are IPA as espeak-ng writes it, with its modifiers folded in (``ˈæ`` is a stressed vowel, ``ɑː`` a
long one); ``_`` is a word boundary, ``^`` and ``$`` a sentence's start and end, punctuation a pause, and
``<?>`` a stretch the backend could not align.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

logger = logging.getLogger(__name__)

HEADER = "start_s\tend_s\tphoneme"
WORD_BOUNDARY = "_"
UNALIGNED = "<?>"
STRESS_MARKS = frozenset("ˈˌ")  # belong to the sound after them
LENGTH_MARKS = frozenset("ːˑ")  # belong to the sound before them


@dataclass(frozen=True)
class PhonemeSpan:
    start_s: float
    end_s: float
    phoneme: str


def fold_modifiers(pairs: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Merge espeak's stress and length marks into the sounds they modify, adding up their samples.

    A stress mark joins the next sound and a length mark the previous one (or the next, when nothing
    precedes it), so each label is one audible sound. No samples are lost: the sum of the counts is
    unchanged.
    """
    out: list[tuple[str, int]] = []
    pending_label, pending_samples = "", 0
    for label, samples in pairs:
        label = WORD_BOUNDARY if label == " " else label
        is_length = bool(label) and all(ch in LENGTH_MARKS for ch in label)
        if is_length and out and not pending_label:
            prev_label, prev_samples = out[-1]
            out[-1] = (prev_label + label, prev_samples + samples)
        elif is_length or (label and all(ch in STRESS_MARKS for ch in label)):
            pending_label += label  # a stress mark, or a length mark with no sound before it
            pending_samples += samples
        else:
            out.append((pending_label + label, pending_samples + samples))
            pending_label, pending_samples = "", 0
    if pending_samples or pending_label:  # a trailing stress mark: keep its time
        out.append((pending_label, pending_samples))
    return out


class PhonemeWriter:
    """Append phoneme spans to an open text file, in seconds from the start of the audio."""

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh
        self.rows = 0
        fh.write(HEADER + "\n")

    def write(self, offset_s: float, sample_rate: int, pairs: Iterable[tuple[str, int]]) -> None:
        """Write ``(phoneme, samples)`` pairs that start ``offset_s`` seconds into the audio."""
        at = 0
        for label, samples in pairs:
            if samples <= 0:
                continue
            start, at = at, at + samples
            clean = label.replace("\t", " ").replace("\n", " ") or UNALIGNED
            self.fh.write(f"{offset_s + start / sample_rate:.6f}\t{offset_s + at / sample_rate:.6f}\t{clean}\n")
            self.rows += 1


def read_spans(path: Path) -> Iterator[PhonemeSpan]:
    """The spans of a ``phonemes.tsv``, in file order; malformed rows are skipped with a warning."""
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if (number == 1 and line == HEADER) or not line:
                continue
            parts = line.split("\t")
            try:
                start, end = float(parts[0]), float(parts[1])
                label = parts[2]
            except (IndexError, ValueError):
                logger.warning("%s line %d: not 'start<TAB>end<TAB>phoneme'; skipped", path, number)
                continue
            if end > start:
                yield PhonemeSpan(start, end, label)
