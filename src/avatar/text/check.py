"""The pronunciation check a producer runs before a batch: what the voice will say for a script, every span
the normaliser (or SSML, or the lexicon) changed, and the words the voice probably does not know.

"Does not know" means: not in the CMU pronouncing dictionary that ships in the pocketsphinx wheel
(134,000 American English words and names). espeak-ng, which piper speaks through, then guesses from
spelling rules; each such word comes with that guess as IPA and a lexicon entry to start from
(``avatar voice lexicon add USER WORD --ipa ...``), so the producer can listen, correct and add it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from avatar.text.lexicon import Lexicon
from avatar.text.normalize import region_for
from avatar.text.script import prepare

logger = logging.getLogger(__name__)

MAX_UNKNOWN = 500  # words listed; a script of gibberish must not make a report of megabytes


@dataclass
class Change:
    start: int
    end: int
    original: str
    spoken: str
    rule: str  # the normaliser's rule ("money", "date", ...), or "lexicon" / "ssml"


@dataclass
class Unknown:
    word: str
    count: int
    first: tuple[int, int]  # span of its first occurrence in the script
    espeak_ipa: str | None  # what the voice will guess (None where espeak-ng is not installed)
    suggestion: dict[str, str | None]  # a lexicon entry to start from: {"word", "alias", "ipa"}
    command: str  # the command that adds it


@dataclass
class CheckReport:
    reading: str
    spoken: str
    changes: list[Change] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    dictionary: str = ""  # where the known words came from, or why none

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def known_words() -> tuple[frozenset[str], str]:
    """(lower-case words of cmudict, its path); empty where pocketsphinx is not installed."""
    try:
        from pocketsphinx import get_model_path
    except ImportError:
        return frozenset(), "none: pip install pocketsphinx for the CMU dictionary"
    path = Path(get_model_path()) / "en-us" / "cmudict-en-us.dict"
    words = set()
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            head = line.split(" ", 1)[0]
            words.add(head.split("(", 1)[0])
    return frozenset(words), str(path)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")


def _is_known(word: str, known: frozenset[str]) -> bool:
    w = word.lower().replace("’", "'")
    if len(w) == 1 or w in known:
        return True
    base = w.removesuffix("'s").removesuffix("'")
    return base in known or (base.endswith("s") and base[:-1] in known)


def check(text: str, reading: str | None = None, lexicon: Lexicon | None = None, normalize: bool = True,
          user: str = "USER") -> CheckReport:  # fmt: skip
    """The report for ``text`` read as ``reading`` (a tag such as "en-GB"; None: American English)."""
    script = prepare(text, reading, normalize, lexicon)
    region = region_for(reading)
    report = CheckReport(reading=region.tag, spoken=script.spoken)
    for seg in script.segments:
        for p in seg.text.pieces:
            original = text[p.start : p.end]
            if p.verbatim or p.spoken.strip() == original.strip():
                continue
            rule = p.rule or ("ssml" if script.ssml else "lexicon")
            report.changes.append(Change(p.start, p.end, original, " ".join(p.spoken.split()), rule))
    known, source = known_words()
    report.dictionary = source
    if not known:
        return report
    seen: dict[str, Unknown] = {}
    for seg in script.segments:
        for w in seg.text.words():
            if w.ipa:
                continue
            written = text[w.start : w.end] if not w.verbatim else ""
            for m in _WORD.finditer(w.text):
                token = m.group()
                if "-" in w.text and len(token) <= 2 and token.isupper():
                    continue  # letters spelled out ('F-B-I')
                if not w.verbatim and not re.search(rf"(?<![A-Za-z]){re.escape(token)}(?![A-Za-z])", written, re.I):
                    joined = _joined_word(token, written)
                    if joined is None:
                        # a reading's own word ('Miz' for 'Ms.', 'teenth' of 'four-teenth'): no lexicon fixes it
                        continue
                    if _is_known(token, known):
                        continue
                    token = joined  # "Nwosu" of "#NwosuWins": the script's word, which a lexicon entry matches
                if _is_known(token, known):
                    continue
                key = token.lower()
                if key in seen:
                    seen[key].count += 1
                    continue
                if len(seen) >= MAX_UNKNOWN:
                    continue
                seen[key] = _unknown(token, (w.start, w.end), user)
    report.unknown = list(seen.values())
    return report


def _joined_word(part: str, written: str) -> str | None:
    """The word of the script that ``part`` was read out of where its capitals join words ("NwosuWins" for
    "Nwosu", read from "#NwosuWins"), or None."""
    edge = r"(?-i:(?<=[a-z])(?=[A-Z]))"
    m = re.search(rf"(?:(?<![A-Za-z])|{edge}){re.escape(part)}(?:(?![A-Za-z])|{edge})", written, re.I)
    if m is None:
        return None
    start, end = m.start(), m.end()
    while start > 0 and written[start - 1].isalpha():
        start -= 1
    while end < len(written) and written[end].isalpha():
        end += 1
    return written[start:end]


def _unknown(word: str, span: tuple[int, int], user: str) -> Unknown:
    from avatar.text.espeak import espeak_ipa

    ipa = espeak_ipa(word)
    ipa = ipa.strip().rstrip(".") if ipa else None
    if word.isupper() and len(word) <= 5:
        suggestion: dict[str, str | None] = {"word": word, "alias": " ".join(word), "ipa": None}
        command = f"avatar voice lexicon add {user} {word} --alias '{' '.join(word)}'"
    else:
        suggestion = {"word": word, "alias": None, "ipa": ipa}
        command = f"avatar voice lexicon add {user} {word} --ipa '{ipa}'" if ipa else ""
    return Unknown(word, 1, span, ipa, suggestion, command)
