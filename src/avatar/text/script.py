"""What a backend is asked to say, prepared from what the user wrote: plain text or SSML, the user's
lexicon, then text normalisation. The result is a list of segments (split at SSML breaks and rate
changes), each a :class:`Normalized` whose pieces keep their spans in the original input.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field

from avatar.errors import InputError
from avatar.text import budget, ssml
from avatar.text import normalize as norm
from avatar.text.chunking import chunk_text, sentences
from avatar.text.lexicon import Lexicon, validate_ipa
from avatar.text.normalize import SpokenWord

logger = logging.getLogger(__name__)


@dataclass
class Segment:
    text: norm.Normalized  # pieces index the original input
    rate: float = 1.0
    pause_before_ms: int | None = None  # None: the stage's usual pause between chunks


@dataclass
class Script:
    original: str
    segments: list[Segment]
    ssml: bool = False
    ignored: list[str] = field(default_factory=list)  # IPA this backend cannot speak (said from the text)

    @property
    def spoken(self) -> str:
        return " ".join(s.text.spoken.strip() for s in self.segments)


def speech_tokens(chunk: str) -> list[str]:
    """The words of a chunk of spoken text, as ``Normalized.words`` counts them."""
    return [t for t in chunk.split() if any(ch.isalnum() for ch in t)]


@dataclass
class _Options:
    original: str
    language: str | None
    normalize: bool
    lexicon: Lexicon | None
    ipa_symbols: frozenset[str] | None
    ipa_ok: bool
    ignored: list[str]
    dialect: str | None = None  # the espeak-ng voice of the backend's phonemes ("en-us")
    pattern: re.Pattern[str] | None = None  # the lexicon's, built once per script


def ipa_piece(start: int, end: int, ipa: str, opts: _Options, text: str) -> list[norm.Piece]:
    if opts.ipa_ok:
        ipa = validate_ipa(ipa, opts.ipa_symbols)
        return [norm.Piece(start, end, f" [[{ipa}]] ", verbatim=False, ipa=True)]
    opts.ignored.append(text)
    return []


# espeak-ng, which piper speaks through, says a capital A standing alone as the article ("uh": "plan uh",
# "Q and uh"); where the normaliser found the letter (its "letter" pieces, and the A of a reading that spells
# letters: "A one" for A1, "A minus"), a voice that takes phonemes is given the letter's sound
LETTER_A_IPA = "ˈeɪ"
_LONE_A = re.compile(r"(?<!\S)A(?!\S)")
_ARTICLE_RULES = {"", "caps"}  # a lexicon alias; headings in capitals said as words ("READ A BOOK")
# the letters a "caps" reading spells, as the normaliser joins them ("A-A-P-L", "N-V-D-A's")
_SPELLED = re.compile(r"(?<![\w-])[A-Z](?:-[A-Z])+(?:'s)?(?![\w-])")
# espeak-ng gives "and" no stress, and a voice trained on its phonemes says it so weakly that a listener hears
# "in" ("three chairs in a lamp"): given a light stress, Whisper heard 47 of 48 where it heard 38 (README).
# The sound is the dialect's own; a voice in a dialect not listed here says "and" as espeak-ng does. An "and"
# inside a number's words ("two hundred and five") stays weak, as a person says it.
STRESSED_AND = {"en-us": "ˌænd"}
_WEAK_AND = re.compile(r"(?<![\w'’-])(?<!hundred )(?<!thousand )(?<!million )(?<!billion )and(?![\w'’-])")


def _sounds(pieces: list[norm.Piece], opts: _Options) -> list[norm.Piece]:
    """For a voice that takes phonemes: the letter A's sound, and a stressed "and" in its dialect."""
    if not opts.ipa_ok:
        return pieces
    letter = _valid(LETTER_A_IPA, opts)
    plural = _valid(f"{LETTER_A_IPA}z", opts) or letter or ""  # "N-V-D-A's"
    stressed = _valid(STRESSED_AND.get(opts.dialect or ""), opts) if opts.normalize else None  # off: as written
    out: list[norm.Piece] = []
    for p in pieces:
        if p.rule == "letter" and letter:
            out.append(norm.Piece(p.start, p.end, f" [[{letter}]] ", verbatim=False, ipa=True, rule="letter"))
        elif p.rule == "caps" and letter and _SPELLED.search(p.spoken):  # "A-A-P-L": each A the letter's sound
            spelled = _SPELLED.sub(lambda m: _spelled_a(m.group(), letter, plural), p.spoken)
            out.append(dataclasses.replace(p, spoken=spelled))
        elif p.ipa or (not p.verbatim and p.rule in _ARTICLE_RULES):
            out.append(p)
        elif p.verbatim:  # the writer's own words: an "and" becomes a piece of its own, its span kept
            at = 0
            for m in _WEAK_AND.finditer(p.spoken) if stressed else ():
                if m.start() > at:
                    out.append(norm.Piece(p.start + at, p.start + m.start(), p.spoken[at : m.start()]))
                out.append(norm.Piece(p.start + m.start(), p.start + m.end(), f" [[{stressed}]] ", False, True, "and"))
                at = m.end()
            out.append(p if at == 0 else norm.Piece(p.start + at, p.end, p.spoken[at:]))
        else:  # a reading's words ("Q and A" for Q&A, "A one" for A1)
            spoken = _LONE_A.sub(f"[[{letter}]]", p.spoken) if letter else p.spoken
            spoken = _WEAK_AND.sub(f"[[{stressed}]]", spoken) if stressed else spoken
            out.append(dataclasses.replace(p, spoken=spoken) if spoken != p.spoken else p)
    return out


def _spelled_a(letters: str, letter: str, plural: str) -> str:
    """Capitals joined to be spelled ("A-A-P-L", "N-V-D-A's") with each A given the letter's sound (``plural``
    for "A's"): espeak-ng says an A among them as the article ("uh")."""
    groups: list[str] = []
    run: list[str] = []
    for part in letters.split("-"):
        if part[0] == "A":
            groups += ["-".join(run)] if run else []
            groups.append(f"[[{plural}]]" if part.endswith("s") else f"[[{letter}]]")
            run = []
        else:
            run.append(part)
    return " ".join(groups + (["-".join(run)] if run else []))


def _valid(ipa: str | None, opts: _Options) -> str | None:
    """``ipa`` if the voice has its phonemes; else None (a voice without the sound says the text)."""
    if not ipa:
        return None
    try:
        return validate_ipa(ipa, opts.ipa_symbols)
    except InputError:
        return None


def _region(text: str, start: int, end: int, opts: _Options) -> list[norm.Piece]:
    """Pieces of ``text[start:end]``: lexicon words first, the rest normalised."""
    out: list[norm.Piece] = []
    at = start
    pattern = opts.pattern
    budget.check()
    for m in pattern.finditer(text, start, end) if pattern else ():
        budget.check()
        entry = opts.lexicon.get(m.group()) if opts.lexicon else None
        if entry is None:
            continue
        replacement: list[norm.Piece] = []
        if entry.ipa and opts.ipa_ok:
            replacement = ipa_piece(m.start(), m.end(), entry.ipa, opts, m.group())
        elif entry.alias:
            replacement = [norm.Piece(m.start(), m.end(), f" {entry.alias} ", verbatim=False)]
        else:
            opts.ignored.append(m.group())
        if not replacement:
            continue
        out.extend(norm.pieces(text, at, m.start(), opts.language, opts.normalize))
        out.extend(replacement)
        at = m.end()
    out.extend(norm.pieces(text, at, end, opts.language, opts.normalize))
    budget.check()
    return _sounds(out, opts)


def _collapsed(start: int, end: int, data: str, opts: _Options) -> list[norm.Piece]:
    """Pieces for text that is not literally in the input (entity references): spoken from ``data``,
    every word spanning the whole run."""
    inner = _region(data, 0, len(data), opts)
    return [norm.Piece(start, end, p.spoken, verbatim=False, ipa=p.ipa) for p in inner]


def _say_as(run: ssml.TextRun, opts: _Options) -> str:
    kind, body = run.value, run.text.strip()
    if kind in ("characters", "spell-out"):
        return norm.spell_letters(body)
    digits = re.sub(r"[^0-9]", "", body)
    if kind == "telephone":
        if not digits:
            raise InputError(f"SSML <say-as interpret-as='telephone'>: '{body}' has no digits")
        return ", ".join(norm.spell_digits(g) for g in re.findall(r"[0-9]+", body))
    if kind in ("cardinal", "number", "ordinal"):
        if not re.fullmatch(r"-?[0-9][0-9,]*(?:\.[0-9]+)?(?:st|nd|rd|th)?", body) or not digits:
            raise InputError(f"SSML <say-as interpret-as='{kind}'>: '{body}' is not a number")
        number = body.rstrip("stndrh")
        if kind == "ordinal":
            if "." in number or number.startswith("-"):
                raise InputError(f"SSML <say-as interpret-as='ordinal'>: '{body}' is not a whole number")
            return norm.ordinal(int(number.replace(",", "")))
        return norm.cardinal(number)
    # date: what the normaliser makes of it (ISO, m/d/y, 'Dec 1'), else as written
    return " ".join(p.spoken for p in norm.pieces(body, 0, len(body), opts.language, True))


def _ssml_pieces(run: ssml.TextRun, opts: _Options) -> list[norm.Piece]:
    if run.mode == "text":
        if run.exact:
            return _region(opts.original, run.start, run.end, opts)
        return _collapsed(run.start, run.end, run.text, opts)
    if run.mode == "sub":
        alias = run.value or ""
        spoken = " ".join(p.spoken for p in norm.pieces(alias, 0, len(alias), opts.language, opts.normalize))
        return [norm.Piece(run.start, run.end, f" {spoken} ", verbatim=False)]
    if run.mode == "say-as":
        return _sounds([norm.Piece(run.start, run.end, f" {_say_as(run, opts)} ", verbatim=False, rule="ssml")], opts)
    pieces = ipa_piece(run.start, run.end, run.value or "", opts, run.text.strip())
    return pieces or _collapsed(run.start, run.end, run.text, opts)


def prepare(
    text: str,
    language: str | None = None,
    normalize: bool = True,
    lexicon: Lexicon | None = None,
    ipa_symbols: frozenset[str] | None = None,
    takes_ipa: bool = False,
    dialect: str | None = None,
) -> Script:
    """The script to speak for ``text``. ``takes_ipa``: the backend reads IPA (``[[...]]`` in its text),
    checked against ``ipa_symbols`` when given; ``dialect``: the espeak-ng voice its phonemes are made in
    (``en-us``), for the sounds given in place of words. Raises InputError for bad SSML or unreadable IPA."""
    opts = _Options(text, language, normalize, lexicon, ipa_symbols, takes_ipa, [], dialect)
    opts.pattern = lexicon.pattern() if lexicon else None
    if not ssml.is_ssml(text):
        seg = Segment(norm.Normalized(text, _region(text, 0, len(text), opts)))
        script = Script(text, [seg], False, opts.ignored)
    else:
        script = Script(text, _ssml_segments(text, opts), True, opts.ignored)
    for name in opts.ignored:
        logger.warning("this backend does not take phonemes; '%s' is spoken from its text", name)
    return script


def _ssml_segments(text: str, opts: _Options) -> list[Segment]:
    segments: list[Segment] = []
    current: list[norm.Piece] = []
    rate = 1.0
    seg_pause: int | None = None  # the pause before the segment being built
    next_pause: int | None = None  # the pause before the next one

    def close() -> None:
        nonlocal current
        if current:
            segments.append(Segment(norm.Normalized(text, current), rate, seg_pause))
        current = []

    for item in ssml.parse(text):
        budget.check()
        if isinstance(item, ssml.Break):
            close()
            if not (item.sentence and item.ms == 0):
                next_pause = max(next_pause or 0, item.ms)
            continue
        if item.rate != rate and current:
            close()
            next_pause = next_pause if next_pause is not None else 0  # one sentence, another rate
        rate = item.rate
        if not current:
            seg_pause, next_pause = (next_pause if segments else None), None
        current.extend(_ssml_pieces(item, opts))
    close()
    segments = [s for s in segments if s.text.words()]
    if not segments:
        raise InputError("SSML has no words to speak")
    return segments


@dataclass
class ChunkPlan:
    text: str  # what the backend is given
    words: list[SpokenWord]
    rate: float = 1.0
    pause_ms: int | None = None  # before this chunk; None: the stage's usual pause
    original: str = ""


def plan_chunks(script: Script, chunk_chars: int, per_sentence: bool = False) -> list[ChunkPlan]:
    """The chunks to speak, in order, each with the spoken words it holds; ``per_sentence``: one chunk per
    sentence (streams start sooner) rather than sentences packed up to ``chunk_chars``."""
    out: list[ChunkPlan] = []
    for seg in script.segments:
        words = seg.text.words()
        if per_sentence:
            chunks = sentences(seg.text.spoken, chunk_chars)
        else:
            chunks = chunk_text(seg.text.spoken, chunk_chars)
        at = 0
        for k, chunk in enumerate(chunks):
            n = len(speech_tokens(chunk))
            mine = words[at : at + n] if k < len(chunks) - 1 else words[at:]
            at += n
            pause = seg.pause_before_ms if k == 0 else None
            out.append(ChunkPlan(chunk, mine, seg.rate, pause, script.original))
    return out
