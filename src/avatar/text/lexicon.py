"""Pronunciation dictionaries, one per user, kept beside the user's voices
(``<voices>/<user>/lexicon.json``).

An entry maps a word to an alias (text spoken instead: "SQL" -> "sequel") and/or IPA ("Nguyen" ->
"ŋwˈɪn"). Backends that take phonemes (piper, through espeak-ng's phoneme input) speak the IPA; the others
speak the alias, or say in the log and the run's metrics that they ignore an IPA-only entry.
Words match whole and case-insensitively.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from avatar import atomic
from avatar.errors import InputError

logger = logging.getLogger(__name__)

LEXICON_FILE = "lexicon.json"
MAX_ENTRIES = 1000
MAX_WORD_CHARS = 64
MAX_VALUE_CHARS = 200
_WORD_RE = re.compile(r"[^\W_](?:[\w'’.\-]*[^\W_])?\.?")


@dataclass(frozen=True)
class Entry:
    word: str
    alias: str | None = None
    ipa: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"word": self.word, "alias": self.alias, "ipa": self.ipa}


@dataclass
class Lexicon:
    entries: dict[str, Entry] = field(default_factory=dict)  # by lower-cased word

    def get(self, word: str) -> Entry | None:
        return self.entries.get(word.lower())

    def pattern(self) -> re.Pattern[str] | None:
        """One regex matching any entry's word, whole, longest first; compiled once per set of words (an
        SSML text made of entities asks for it once per text run)."""
        if not self.entries:
            return None
        return _pattern(tuple(sorted((e.word for e in self.entries.values()), key=lambda w: (-len(w), w))))

    def as_list(self) -> list[dict[str, Any]]:
        return [self.entries[k].as_dict() for k in sorted(self.entries)]


@functools.lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w'’])(?:{alt})(?![\w'’])", re.IGNORECASE)


def validate_word(word: str) -> str:
    word = unicodedata.normalize("NFC", word.strip())
    if not word or len(word) > MAX_WORD_CHARS or not _WORD_RE.fullmatch(word):
        raise InputError(
            f"lexicon word '{word[:MAX_WORD_CHARS]}': give one word (letters, digits, ' - .), "
            f"at most {MAX_WORD_CHARS} characters"
        )
    return word


def validate_ipa(ipa: str, symbols: frozenset[str] | None = None) -> str:
    """``ipa`` NFC-trimmed; an InputError naming the characters espeak-ng's phoneme set (``symbols``, the
    voice's phoneme ids) cannot read."""
    ipa = unicodedata.normalize("NFC", ipa.strip())
    if not ipa or len(ipa) > MAX_VALUE_CHARS:
        raise InputError(f"IPA must be 1 to {MAX_VALUE_CHARS} characters")
    if "[" in ipa or "]" in ipa:
        raise InputError(f"IPA '{ipa}': brackets are not phonemes")
    if symbols is not None:
        bad = sorted({ch for ch in unicodedata.normalize("NFD", ipa) if ch not in symbols and not ch.isspace()})
        if bad:
            shown = " ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in bad)
            raise InputError(f"IPA '{ipa}' has symbols espeak-ng's phoneme set cannot read: {shown}")
    elif not any(unicodedata.category(ch).startswith("L") for ch in ipa):
        raise InputError(f"IPA '{ipa}' has no phonemes in it")
    return ipa


def validate_alias(alias: str) -> str:
    alias = " ".join(alias.split())
    if not alias or len(alias) > MAX_VALUE_CHARS or "<" in alias or "[[" in alias:
        raise InputError(f"an alias must be 1 to {MAX_VALUE_CHARS} characters of plain text (no markup)")
    return alias


def make_entry(word: str, alias: str | None, ipa: str | None, symbols: frozenset[str] | None = None) -> Entry:
    if alias is None and ipa is None:
        raise InputError(f"lexicon entry '{word}': give an alias, IPA, or both")
    return Entry(
        validate_word(word),
        validate_alias(alias) if alias is not None else None,
        validate_ipa(ipa, symbols) if ipa is not None else None,
    )


def from_entries(items: list[Entry]) -> Lexicon:
    if len(items) > MAX_ENTRIES:
        raise InputError(f"a lexicon holds at most {MAX_ENTRIES} entries; this one has {len(items)}")
    lex = Lexicon()
    for e in items:
        lex.entries[e.word.lower()] = e
    return lex


def lexicon_path(voices_root: Path, user: str) -> Path:
    from avatar.voices.names import validate_user

    return voices_root / validate_user(user) / LEXICON_FILE


def load(voices_root: Path, user: str) -> Lexicon:
    """The user's lexicon; empty when they have none. A damaged file is logged and treated as empty."""
    path = lexicon_path(voices_root, user)
    if not path.is_file():
        return Lexicon()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return from_entries([Entry(e["word"], e.get("alias"), e.get("ipa")) for e in doc["entries"]])
    except (OSError, ValueError, KeyError, TypeError, InputError) as exc:
        logger.warning("ignoring the damaged lexicon %s: %s", path, exc)
        return Lexicon()


def save(voices_root: Path, user: str, lexicon: Lexicon) -> Path:
    path = lexicon_path(voices_root, user)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_json(path, {"version": 1, "entries": lexicon.as_list()})
    return path


def update(voices_root: Path, user: str, add: list[Entry] | None = None, remove: list[str] | None = None) -> Lexicon:
    """Add or replace entries and remove words, under the user's lock, and save."""
    from filelock import FileLock

    path = lexicon_path(voices_root, user)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path.parent / f".{LEXICON_FILE}.lock"), timeout=10):
        lex = load(voices_root, user)
        add = add or []
        for word in remove or []:
            key = validate_word(word).lower()
            if key not in lex.entries:
                raise InputError(f"the lexicon of '{user}' has no entry '{word}'")
            del lex.entries[key]
        items = list(lex.entries.values())
        lex = from_entries([e for e in items if e.word.lower() not in {a.word.lower() for a in add}] + list(add))
        save(voices_root, user, lex)
    return lex


def replace(voices_root: Path, user: str, entries: list[Entry]) -> Lexicon:
    """The whole lexicon set to ``entries`` (HTTP PUT)."""
    from filelock import FileLock

    lex = from_entries(entries)
    path = lexicon_path(voices_root, user)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path.parent / f".{LEXICON_FILE}.lock"), timeout=10):
        save(voices_root, user, lex)
    return lex
