"""Subtitle cues from word timings (or, without them, chunk timings), and their SRT and WebVTT text.
Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DEFAULT_LINE_CHARS = 42  # the usual broadcast limit per subtitle line
DEFAULT_MAX_LINES = 2


@dataclass(frozen=True)
class Cue:
    start_s: float
    end_s: float
    lines: tuple[str, ...]
    words: tuple[tuple[float, str], ...] = ()  # (start, text) of each word, for word-by-word WebVTT


@dataclass(frozen=True)
class TimedWord:
    start_s: float
    end_s: float
    text: str  # as shown: the original characters with the punctuation that follows them


SENTENCE_END = ".!?…"
TRAILING = set(".,!?;:…\"')]»”’")
MAX_GAP_S = 0.6  # a pause this long starts a new cue


def shown_text(original: str, start: int, end: int) -> str:
    """The word ``original[start:end]`` with the punctuation right after it, whitespace collapsed."""
    while end < len(original) and original[end] in TRAILING:
        end += 1
    return " ".join(original[start:end].split())


def word_cues(words: Sequence[TimedWord], width: int = DEFAULT_LINE_CHARS,
              max_lines: int = DEFAULT_MAX_LINES) -> list[Cue]:  # fmt: skip
    """Cues that start on a word's start and end on a word's end: words are packed while they fit in
    ``max_lines`` lines of ``width``, and a cue also ends at a sentence's end or a long pause."""
    cues: list[Cue] = []
    group: list[TimedWord] = []

    def close() -> None:
        if group:
            lines = tuple(wrap(" ".join(w.text for w in group), width))
            cues.append(Cue(group[0].start_s, max(group[-1].end_s, group[0].start_s), lines,
                            tuple((w.start_s, w.text) for w in group)))  # fmt: skip
            group.clear()

    for w in sorted(words, key=lambda w: w.start_s):
        if not w.text:
            continue
        if group:
            trial = " ".join(x.text for x in group) + " " + w.text
            if len(wrap(trial, width)) > max_lines or w.start_s - group[-1].end_s > MAX_GAP_S:
                close()
        if cues and not group and w.start_s < cues[-1].end_s:  # never overlap the previous cue
            w = TimedWord(cues[-1].end_s, max(w.end_s, cues[-1].end_s), w.text)
        group.append(w)
        if w.text[-1] in SENTENCE_END or (len(w.text) > 1 and w.text[-2] in SENTENCE_END):
            close()
    close()
    return cues


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to lines of at most ``width`` characters; longer words are cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not word:
            continue
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def chunk_cues(text: str, start_s: float, end_s: float, width: int, max_lines: int) -> list[Cue]:
    """One chunk's text as cues of at most ``max_lines`` lines; time is shared in proportion to characters."""
    lines = wrap(text, width)
    if not lines or end_s <= start_s:
        return []
    groups = [tuple(lines[i : i + max_lines]) for i in range(0, len(lines), max_lines)]
    weights = [sum(len(ln) for ln in g) + len(g) - 1 for g in groups]
    total = float(sum(weights))
    cues, t, acc = [], start_s, 0
    for i, (group, weight) in enumerate(zip(groups, weights, strict=True)):
        acc += weight
        end = end_s if i == len(groups) - 1 else start_s + (end_s - start_s) * acc / total
        cues.append(Cue(t, end, group))
        t = end
    return cues


def build_cues(
    chunks: Iterable[tuple[float, float, str]], width: int = DEFAULT_LINE_CHARS, max_lines: int = DEFAULT_MAX_LINES
) -> list[Cue]:
    """Cues for every (start_s, end_s, text) chunk, in time order, never overlapping."""
    cues: list[Cue] = []
    for start, end, text in sorted(chunks, key=lambda c: c[0]):
        if cues and start < cues[-1].end_s:
            start = cues[-1].end_s
        cues.extend(chunk_cues(text, start, end, width, max_lines))
    return cues


def _stamp(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: Sequence[Cue]) -> str:
    blocks = [
        f"{i}\n{_stamp(c.start_s, ',')} --> {_stamp(c.end_s, ',')}\n" + "\n".join(c.lines) + "\n"
        for i, c in enumerate(cues, 1)
    ]
    return "\n".join(blocks)


def _vtt_escape(line: str) -> str:
    # WebVTT cue text is markup: '&' and '<' start entities and tags, and '-->' would end the timing line.
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _karaoke(cue: Cue, width: int) -> str:
    """The cue's lines with a ``<hh:mm:ss.mmm>`` timestamp before every word after the first."""
    lines: list[str] = []
    line: list[str] = []
    length = 0
    for i, (start, text) in enumerate(cue.words):
        if line and length + 1 + len(text) > width:
            lines.append(" ".join(line))
            line, length = [], 0
        piece = _vtt_escape(text) if i == 0 else f"<{_stamp(start, '.')}>{_vtt_escape(text)}"
        length += len(text) + (1 if line else 0)
        line.append(piece)
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)


def to_vtt(cues: Sequence[Cue], word_timestamps: bool = False, width: int = DEFAULT_LINE_CHARS) -> str:
    """WebVTT; ``word_timestamps`` adds each word's start inside the cue (karaoke-style) where known."""
    blocks = []
    for c in cues:
        body = _karaoke(c, width) if word_timestamps and c.words else "\n".join(_vtt_escape(ln) for ln in c.lines)
        blocks.append(f"{_stamp(c.start_s, '.')} --> {_stamp(c.end_s, '.')}\n" + body + "\n")
    return "WEBVTT\n\n" + "\n".join(blocks)
