"""Text normalisation for speech: digits, symbols and abbreviations to the words a listener expects.

``normalize(text, language)`` returns a :class:`Normalized`: the text as *pieces*, each a span of the
original input and what is spoken for it. Spans of the original stay attached to every spoken word, so a
word's timing maps back to the text that was written ("$100" comes back as "$100", not as "one hundred
dollars").

Languages plug in through ``NORMALIZERS`` (language code to a function of the text and the full language
tag, which names the region: ``en-US``, ``en-GB``); English is the one written so far (``english``, with
the regions' differences in ``regions``). A language without a normaliser is spoken as written. Number
words come from num2words; the rest is written here.

Guarantees (checked by property tests): the pieces tile the original text exactly, in order; no ASCII
digit is left in what is spoken, and every digit sequence of the input is covered by a piece that speaks
at least one word; the work is linear in the length of the text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

from avatar.text.normalize.core import Normalized, Piece, SpokenWord, trim_span
from avatar.text.normalize.english import english
from avatar.text.normalize.english.abbreviations import SYMBOL_WORDS
from avatar.text.normalize.numbers import DIGIT_NAMES, ordinal, spell_digits, year
from avatar.text.normalize.numbers import cardinal as _cardinal
from avatar.text.normalize.regions import DEFAULT_READING, REGIONS, Region, check_reading, region_for

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_READING",
    "NORMALIZERS",
    "REGIONS",
    "Normalized",
    "Piece",
    "Region",
    "SpokenWord",
    "cardinal",
    "check_reading",
    "language_key",
    "normalize",
    "ordinal",
    "pieces",
    "reading_for",
    "region_for",
    "spell_digits",
    "spell_letters",
    "trim_span",
    "year",
]


def cardinal(digits: str, with_and: bool = False) -> str:
    """'1,234.5' as words (American reading unless ``with_and``); long digit strings digit by digit."""
    return _cardinal(digits, with_and)


def spell_letters(text: str) -> str:
    """'ABC' as 'A B C'; digits become their names."""
    out = []
    for ch in text:
        if ch.isdigit() and ch.isascii():
            out.append(DIGIT_NAMES[int(ch)])
        elif ch.isalnum():
            out.append(ch.upper())
        elif ch in SYMBOL_WORDS:
            out.append(SYMBOL_WORDS[ch])
    return " ".join(out)


def _identity(text: str, start: int = 0, end: int | None = None, language: str | None = None) -> Iterator[Piece]:
    """Speak as written; only piper's raw-phoneme brackets are taken out."""
    end = len(text) if end is None else end
    at = start
    for m in re.finditer(r"\[\[|\]\]", text[start:end]):
        a, b = start + m.start(), start + m.end()
        if a > at:
            yield Piece(at, a, text[at:a])
        yield Piece(a, b, " ", verbatim=False, rule="brackets")
        at = b
    if at < end:
        yield Piece(at, end, text[at:end])


NormalizerFn = Callable[[str, int, "int | None", "str | None"], Iterator[Piece]]
NORMALIZERS: dict[str, NormalizerFn] = {"en": english}


def language_key(language: str | None) -> str:
    return (language or "en").lower().replace("_", "-").split("-")[0]


def pieces(text: str, start: int = 0, end: int | None = None, language: str | None = None,
           enabled: bool = True) -> list[Piece]:  # fmt: skip
    """The pieces of ``text[start:end]`` (spans index the whole ``text``). ``language`` is a tag such as
    ``en``, ``en-GB`` or ``en_US``: its region chooses the reading (no region: American English)."""
    fn = NORMALIZERS.get(language_key(language)) if enabled else None
    if enabled and fn is None:
        logger.info("no text normaliser for language %r; speaking the text as written", language)
    return list((fn or _identity)(text, start, end, language))


def normalize(text: str, language: str | None = None, enabled: bool = True) -> Normalized:
    """``text`` as pieces to speak; ``enabled=False`` speaks it as written."""
    return Normalized(text, pieces(text, 0, len(text), language, enabled))


def reading_for(language: str | None, backend: Any = None) -> str | None:
    """The reading a run or request takes by default: its language, else the voice's one language (a piper
    voice names its espeak-ng voice, "en-us" or "en-gb-x-rp"), else None (American English)."""
    if language:
        return language
    try:
        languages = backend.languages() if backend is not None else []
    except Exception:  # a backend that cannot tell without loading: the default reading
        logger.debug("no language from %r", backend, exc_info=True)
        return None
    return str(languages[0]) if len(languages) == 1 else None
