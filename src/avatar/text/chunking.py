"""Normalise a script and split it into sentence chunks sized for a backend.

Guarantees (checked by property tests): every chunk fits the limit, and joining the chunks with single
spaces gives back the normalised text — nothing is lost, duplicated or reordered. The one exception is a
single word longer than the limit, which is cut into pieces (so only the non-space characters match).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

# The one sentence rule: a sentence ends at one of these marks followed by space (SENTENCE_END splits there);
# FINAL_END: a text whose last sentence is finished (a closing quote or bracket may follow the mark).
SENTENCE_END = re.compile(r"(?<=[.!?;:…。！？])\s+")
FINAL_END = re.compile(r"[.!?…。！？][\"')\]]*$")
_SOFT_BREAK = re.compile(r"(?<=[,，、—–])\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})


def clean_text(text: str) -> str:
    """Unicode NFC, typographic quotes to plain ones, control characters removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = "".join(ch if (ch.isprintable() or ch.isspace()) else " " for ch in text)
    return " ".join(text.split())


def _split_long(piece: str, limit: int) -> list[str]:
    """Split an over-long sentence at commas/dashes, then at spaces, then hard."""
    out: list[str] = []
    for part in _pack(_SOFT_BREAK.split(piece), limit):
        if len(part) <= limit:
            out.append(part)
            continue
        for word_group in _pack(part.split(" "), limit):
            while len(word_group) > limit:
                out.append(word_group[:limit])
                word_group = word_group[limit:]
            if word_group:
                out.append(word_group)
    return out


def _pack(pieces: list[str], limit: int) -> list[str]:
    """Greedily join pieces with spaces while the result stays within ``limit``."""
    out: list[str] = []
    current = ""
    for p in pieces:
        if not p:
            continue
        if not current:
            current = p
        elif len(current) + 1 + len(p) <= limit:
            current += " " + p
        else:
            out.append(current)
            current = p
    if current:
        out.append(current)
    return out


def chunk_text(text: str, max_chars: int) -> list[str]:
    """Sentence chunks of at most ``max_chars`` characters, in order, from normalised text."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    norm = clean_text(text)
    if not norm:
        return []
    sentences: list[str] = []
    for s in SENTENCE_END.split(norm):
        sentences.extend([s] if len(s) <= max_chars else _split_long(s, max_chars))
    return _pack(sentences, max_chars)


def sentences(text: str, limit: int) -> list[str]:
    """One chunk per sentence of the normalised text (long ones split at ``limit``), so a stream's first audio
    is its first sentence, whatever the length of the text."""
    return [c for s in SENTENCE_END.split(clean_text(text)) for c in chunk_text(s, limit)]


def streamed_sentences(pieces: Iterable[str], first_clause_words: int = 0) -> Iterator[str]:
    """Sentences of a text that arrives in pieces (a chat model's tokens), each yielded as soon as the mark
    that ends it is followed by a space, the rest when the pieces end: by the one sentence rule
    (:data:`SENTENCE_END`), so speech can start at the first sentence. With ``first_clause_words``, the first
    part yielded may end earlier, at a comma or dash followed by a space (the soft breaks a long sentence is
    split at) once it has that many words, so speech starts at the first clause; every later part is a whole
    sentence. Whitespace is collapsed; pieces with nothing speakable between marks are dropped. Joined with
    spaces, the parts are the whole text either way."""
    buffer = ""
    first = first_clause_words > 0
    for piece in pieces:
        buffer += piece
        parts = SENTENCE_END.split(buffer)
        buffer = parts.pop()
        if first and not any(speakable(p) for p in parts):
            clause = _first_clause(buffer, first_clause_words)
            if clause is not None:
                parts, buffer = [buffer[:clause]], buffer[clause:]
        for part in parts:
            if speakable(part):
                first = False
                yield " ".join(part.split())
    if speakable(buffer):
        yield " ".join(buffer.split())


def _first_clause(text: str, min_words: int) -> int | None:
    """Where the first clause of ``text`` with at least ``min_words`` words ends (after its soft break), once
    the next clause has begun (something speakable follows it)."""
    for m in _SOFT_BREAK.finditer(text):
        if speakable(text[m.end() :]) and sum(1 for w in text[: m.start()].split() if speakable(w)) >= min_words:
            return m.start()
    return None


def estimate_words(text: str) -> int:
    return len(text.split())


def speakable(text: str | None) -> bool:
    """Whether the text, once normalised, has anything to say: a letter or a digit. Whitespace, zero-width
    and other invisible characters, and punctuation alone are not speech."""
    return bool(text) and any(ch.isalnum() for ch in clean_text(text or ""))
