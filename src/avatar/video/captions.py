"""Subtitle cues from chunk timings, and their SRT and WebVTT text. Pure functions, no I/O."""

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


def to_vtt(cues: Sequence[Cue]) -> str:
    blocks = [
        f"{_stamp(c.start_s, '.')} --> {_stamp(c.end_s, '.')}\n" + "\n".join(_vtt_escape(ln) for ln in c.lines) + "\n"
        for c in cues
    ]
    return "WEBVTT\n\n" + "\n".join(blocks)
