"""The shape every normaliser returns: pieces of the original text with what is spoken for each, and the
spoken words with the span of the original they stand for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Piece:
    """``original[start:end]`` spoken as ``spoken``; ``verbatim`` when the two are the same text."""

    start: int
    end: int
    spoken: str
    verbatim: bool = True
    ipa: bool = False  # ``spoken`` is IPA (an SSML <phoneme> or a lexicon entry), for backends that take it
    rule: str = ""  # the rule that changed the text ("money", "date", ...); empty when verbatim


@dataclass(frozen=True)
class SpokenWord:
    """One word as spoken, with the span of the original text it stands for. The words of one expansion
    ("one hundred dollars" for "$100") share their span and their ``group``."""

    text: str
    start: int
    end: int
    group: int
    ipa: bool = False
    verbatim: bool = True  # said as written (not an expansion, alias or IPA)


@dataclass
class Normalized:
    original: str
    pieces: list[Piece] = field(default_factory=list)

    @property
    def spoken(self) -> str:
        return "".join(p.spoken for p in self.pieces)

    def changes(self) -> list[Piece]:
        """The pieces whose spoken form differs from what was written."""
        return [p for p in self.pieces if not p.verbatim and p.spoken.strip() != self.original[p.start : p.end]]

    def words(self) -> list[SpokenWord]:
        """The spoken words in order (tokens with a letter or digit in them; punctuation alone is not a word)."""
        out: list[SpokenWord] = []
        group = 0
        for piece in self.pieces:
            if piece.verbatim and not piece.ipa:
                for m in re.finditer(r"\S+", piece.spoken):
                    core = _core_span(m.group())
                    if core is None:
                        continue
                    a, b = core
                    out.append(SpokenWord(m.group(), piece.start + m.start() + a, piece.start + m.start() + b, group))
                    group += 1
            else:
                tokens = [t for t in piece.spoken.split() if piece.ipa or _has_alnum(t)]
                if not tokens:
                    continue
                span = trim_span(self.original, piece.start, piece.end)
                for t in tokens:
                    out.append(SpokenWord(t, span[0], span[1], group, piece.ipa, verbatim=False))
                group += 1
        return out


def _has_alnum(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _core_span(token: str) -> tuple[int, int] | None:
    """The part of a whitespace token from its first to its last letter or digit."""
    idx = [i for i, ch in enumerate(token) if ch.isalnum()]
    if not idx:
        return None
    return idx[0], idx[-1] + 1


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
