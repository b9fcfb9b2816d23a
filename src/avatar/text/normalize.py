"""Text normalisation for speech: digits, symbols and abbreviations to the words a listener expects.

``normalize(text, language)`` returns a :class:`Normalized`: the text as *pieces*, each a span of the
original input and what is spoken for it. Spans of the original stay attached to every spoken word, so a
word's timing maps back to the text that was written ("$100" comes back as "$100", not as "one hundred
dollars").

Languages plug in through ``NORMALIZERS`` (language code to a function of the text); English is the one
written so far. A language without a normaliser is spoken as written. Number words come from num2words;
only what it does not cover (dates, times, phone numbers, units, URLs, abbreviations) is written here.

Guarantees (checked by property tests): the pieces tile the original text exactly, in order; no ASCII
digit is left in what is spoken, and every digit sequence of the input is covered by a piece that speaks
at least one word.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Piece:
    """``original[start:end]`` spoken as ``spoken``; ``verbatim`` when the two are the same text."""

    start: int
    end: int
    spoken: str
    verbatim: bool = True
    ipa: bool = False  # ``spoken`` is IPA (an SSML <phoneme> or a lexicon entry), for backends that take it


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
                span = _trim_span(self.original, piece.start, piece.end)
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


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- number words (num2words) ---------------------------------------------------------------------------


def _words(value: str | int | float, to: str = "cardinal") -> str:
    from num2words import num2words

    text = str(num2words(value, to=to, lang="en"))
    return text.replace(",", "").replace("-", " ")


def cardinal(digits: str) -> str:
    """'1,234.5' as words; very long digit strings are read digit by digit."""
    raw = digits.replace(",", "")
    neg = raw.startswith("-")
    raw = raw.lstrip("-")
    whole, _, frac = raw.partition(".")
    if len(whole) > 15:
        spoken = spell_digits(whole)
    else:
        spoken = _words(int(whole or "0"))
    if frac:
        spoken += " point " + spell_digits(frac)
    return ("minus " if neg else "") + spoken


_DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def spell_digits(digits: str) -> str:
    return " ".join(_DIGIT_NAMES[int(d)] for d in digits if d.isdigit() and d.isascii())


def ordinal(number: int) -> str:
    return _words(number, "ordinal")


def year(number: int) -> str:
    return _words(number, "year")


def spell_letters(text: str) -> str:
    """'ABC' as 'A B C'; digits become their names."""
    out = []
    for ch in text:
        if ch.isdigit() and ch.isascii():
            out.append(_DIGIT_NAMES[int(ch)])
        elif ch.isalnum():
            out.append(ch.upper())
        elif ch in SYMBOL_WORDS:
            out.append(SYMBOL_WORDS[ch])
    return " ".join(out)


# --- English rules --------------------------------------------------------------------------------------

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
              "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "", "")}  # fmt: skip
CURRENCY_CODES = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
SCALES = {"k": "thousand", "K": "thousand", "m": "million", "M": "million", "mn": "million", "b": "billion",
          "B": "billion", "bn": "billion", "thousand": "thousand", "million": "million", "billion": "billion",
          "trillion": "trillion", "tn": "trillion"}  # fmt: skip
# Units read after a number: (singular, plural). Ambiguous short ones (m, s, h, in) only when attached.
UNITS = {"km": ("kilometer", "kilometers"), "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"),
         "kg": ("kilogram", "kilograms"), "mg": ("milligram", "milligrams"), "g": ("gram", "grams"),
         "lb": ("pound", "pounds"), "lbs": ("pounds", "pounds"), "oz": ("ounce", "ounces"),
         "ml": ("milliliter", "milliliters"), "l": ("liter", "liters"), "ft": ("foot", "feet"),
         "mi": ("mile", "miles"), "mph": ("mile per hour", "miles per hour"),
         "km/h": ("kilometer per hour", "kilometers per hour"), "kph": ("kilometer per hour", "kilometers per hour"),
         "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
         "°": ("degree", "degrees"), "kWh": ("kilowatt hour", "kilowatt hours"), "kW": ("kilowatt", "kilowatts"),
         "W": ("watt", "watts"), "V": ("volt", "volts"), "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"),
         "MHz": ("megahertz", "megahertz"), "GHz": ("gigahertz", "gigahertz"), "KB": ("kilobyte", "kilobytes"),
         "MB": ("megabyte", "megabytes"), "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"),
         "ms": ("millisecond", "milliseconds"), "min": ("minute", "minutes"), "hrs": ("hours", "hours"),
         "m": ("meter", "meters"), "s": ("second", "seconds"), "h": ("hour", "hours"),
         "in": ("inch", "inches")}  # fmt: skip
_ATTACHED_ONLY_UNITS = {"m", "s", "h", "in", "l", "g", "W", "V", "°"}
ABBREVIATIONS = {"Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Prof.": "Professor", "Jr.": "Junior",
                 "Sr.": "Senior", "vs.": "versus", "e.g.": "for example", "i.e.": "that is", "approx.": "approximately",
                 "Mt.": "Mount", "Ave.": "Avenue", "Rd.": "Road", "Dept.": "Department", "Inc.": "Incorporated",
                 "Ltd.": "Limited", "Corp.": "Corporation", "Jan.": "January", "Feb.": "February", "Aug.": "August",
                 "Sept.": "September", "Oct.": "October", "Nov.": "November", "Dec.": "December", "a.m.": "a m",
                 "p.m.": "p m", "U.S.": "U S", "U.K.": "U K"}  # fmt: skip
SYMBOL_WORDS = {"&": "and", "%": "percent", "@": "at", "+": "plus", "=": "equals", "#": "number", "$": "dollars",
                "€": "euros", "£": "pounds", "¥": "yen", "/": "slash", "_": "underscore", "-": "dash", ".": "dot",
                ":": "colon", "?": "question mark", "~": "tilde", "*": "star", "^": "caret", "|": "bar",
                "\\": "backslash", "<": "less than", ">": "greater than"}  # fmt: skip
# Symbols that are spoken when they stand alone in prose ("rock & roll", "5 + 3"); the rest is punctuation.
_PROSE_SYMBOLS = "&@+=#$€£¥%"

_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_SCALE_ALT = "|".join(sorted(SCALES, key=len, reverse=True))
_ABBR_ALT = "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))

_RULES: list[tuple[str, str]] = [
    ("brackets", r"\[\[|\]\]"),  # piper reads [[...]] as raw phonemes: never from the text itself
    ("url", r"\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"),
    ("email", r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b"),
    ("money", rf"(?P<cur>[$€£¥])\s?(?P<amt>{_NUM})(?:\s?(?P<mscale>{_SCALE_ALT})\b)?"),
    ("money_code", rf"(?P<amt2>{_NUM})\s?(?P<code>USD|EUR|GBP|JPY)\b"),
    ("percent", rf"(?P<pct>{_NUM})\s?(?:%|percent\b)"),
    ("iso_date", r"\b(?P<iy>[12][0-9]{3})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12][0-9]|3[01])\b"),
    ("slash_date", r"\b(?P<sm>0?[1-9]|1[0-2])/(?P<sd>0?[1-9]|[12][0-9]|3[01])/(?P<sy>[0-9]{4}|[0-9]{2})\b"),
    ("phone", r"(?<![0-9])(?:\+?1[\s.-])?\(?[2-9][0-9]{2}\)?[\s.-][0-9]{3}[\s.-][0-9]{4}(?![0-9])"),
    ("time", r"\b(?P<th>[01]?[0-9]|2[0-3]):(?P<tm>[0-5][0-9])(?![0-9])(?:\s?(?P<tap>[AaPp])(?:\.[Mm]\.|[Mm]\b))?"),
    ("hour_ampm", r"\b(?P<hh>1[0-2]|0?[1-9])\s?(?P<hap>[AaPp])(?:\.[Mm]\.|[Mm]\b)"),
    ("month_day", rf"\b(?P<mdm>{_MONTH_RE})\s(?P<mdd>[0-9]{{1,2}})(?:st|nd|rd|th)?\b"),
    ("day_month", rf"\b(?P<dmd>[0-9]{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<dmm>{_MONTH_RE})"),
    ("ordinal", r"\b(?P<ord>[0-9]+)(?:st|nd|rd|th)\b"),
    ("decade", r"\b(?P<dec>1[1-9][0-9]0|20[0-9]0)s\b"),
    ("year", r"(?<![0-9.,])(?P<yr>1[1-9][0-9]{2}|20[0-9]{2})(?![0-9]|,[0-9]|\.[0-9])"),
    ("unit", rf"(?P<un>{_NUM})(?P<usp>\s?)(?P<unit>{_UNIT_ALT})(?![A-Za-z0-9])"),
    ("scaled", rf"(?P<sn>{_NUM})\s?(?P<sscale>bn|mn|tn)\b"),
    ("number_sign", r"#(?P<hashn>[0-9]+)"),
    ("number_no", r"\bNo\.\s?(?P<non>[0-9]+)"),
    ("number", rf"(?<![0-9A-Za-z])-(?={_NUM})(?P<neg>{_NUM})|{_NUM}"),
    ("digits", r"[0-9]+"),  # digits glued to letters ('A4', 'mp3'): still never silent
    ("doctor_saint", r"\b(?P<ds>Dr|St)\.(?=\s?(?P<dsnext>[A-Z])?)"),
    ("etc", r"\betc\."),
    ("abbr", rf"(?<![A-Za-z])(?:{_ABBR_ALT})(?![A-Za-z])"),
    ("symbol", rf"(?<!\S)[{re.escape(_PROSE_SYMBOLS)}](?!\S)|[$€£¥%]"),  # money and percent signs always
]
_PATTERN = re.compile("|".join(f"(?P<r_{name}>{rx})" for name, rx in _RULES))


def _plural(n_text: str, one: str, many: str) -> str:
    return one if n_text.replace(",", "") in ("1", "1.0") else many


def _money(symbol: str, amount: str, scale: str | None) -> str:
    one, many, sub_one, sub_many = CURRENCIES[symbol]
    raw = amount.replace(",", "")
    if scale:
        return f"{cardinal(amount)} {SCALES[scale]} {many}"
    whole, _, frac = raw.partition(".")
    spoken = f"{cardinal(whole)} {_plural(whole, one, many)}"
    if frac and len(frac) == 2 and sub_one:
        cents = int(frac)
        if cents:
            spoken += f" and {cardinal(str(cents))} {sub_one if cents == 1 else sub_many}"
    elif frac:
        spoken = f"{cardinal(raw)} {many}"
    return spoken


def _time(hour: int, minute: int, ampm: str | None) -> str:
    h = cardinal(str(hour))
    if minute == 0:
        spoken = h if ampm else f"{h} o'clock"
    elif minute < 10:
        spoken = f"{h} oh {cardinal(str(minute))}"
    else:
        spoken = f"{h} {cardinal(str(minute))}"
    if ampm:
        spoken += " a m" if ampm.lower() == "a" else " p m"
    return spoken


def _month(name: str) -> str:
    key = name.rstrip(".")[:3].lower()
    return next(m for m in MONTHS if m[:3].lower() == key)


def _date(y: int | None, m: int, d: int) -> str:
    spoken = f"{MONTHS[m - 1]} {ordinal(d)}"
    return spoken + (f" {year(y)}" if y is not None else "")


def _url(text: str) -> str:
    body = re.sub(r"^https?://", "", text)
    out: list[str] = []
    for part in re.findall(r"[A-Za-z]+|[0-9]+|[^A-Za-z0-9]", body):
        if part.isdigit():
            out.append(cardinal(part) if len(part) <= 4 else spell_digits(part))
        elif part.isalpha():
            out.append(part)
        elif part in SYMBOL_WORDS:
            out.append(SYMBOL_WORDS[part])
    return " ".join(out)


def _phone(text: str) -> str:
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        groups = [digits[0], digits[1:4], digits[4:7], digits[7:]]
    else:
        groups = [digits[0:3], digits[3:6], digits[6:]]
    return ", ".join(spell_digits(g) for g in groups if g)


def _expand(name: str, m: re.Match[str]) -> str:
    g = m.groupdict()
    text = m.group()
    if name == "brackets":
        return " "
    if name == "url":
        return _url(text)
    if name == "email":
        local, _, domain = text.partition("@")
        return f"{_url(local)} at {_url(domain)}"
    if name == "money":
        return _money(g["cur"], g["amt"], g["mscale"])
    if name == "money_code":
        return _money(CURRENCY_CODES[g["code"]], g["amt2"], None)
    if name == "percent":
        return f"{cardinal(g['pct'])} percent"
    if name == "iso_date":
        return _date(int(g["iy"]), int(g["im"]), int(g["id"]))
    if name == "slash_date":
        y = g["sy"]
        return _date(int(y) if len(y) == 4 else 2000 + int(y), int(g["sm"]), int(g["sd"]))
    if name == "phone":
        return _phone(text)
    if name in ("time", "hour_ampm"):
        spoken = _time(int(g["th"]), int(g["tm"]), g["tap"]) if name == "time" else _time(int(g["hh"]), 0, g["hap"])
        # 'a.m.' before a capital or the end also ends the sentence
        ends = text.endswith(".") and re.match(r"\s+[A-Z]|\s*$", m.string[m.end() :]) is not None
        return spoken + ("." if ends else "")
    if name == "month_day":
        return f"{_month(g['mdm'])} {ordinal(int(g['mdd']))}"
    if name == "day_month":
        return f"the {ordinal(int(g['dmd']))} of {_month(g['dmm'])}"
    if name == "ordinal":
        return ordinal(int(g["ord"])) if len(g["ord"]) <= 15 else spell_digits(g["ord"]) + " th"
    if name == "decade":
        return year(int(g["dec"])).removesuffix("y") + ("ies" if year(int(g["dec"])).endswith("y") else "s")
    if name == "year":
        return year(int(g["yr"]))
    if name == "unit":
        one, many = UNITS[g["unit"]]
        if g["usp"] and g["unit"] in _ATTACHED_ONLY_UNITS:
            return f"{cardinal(g['un'])}{g['usp']}{g['unit']}"
        return f"{cardinal(g['un'])} {_plural(g['un'], one, many)}"
    if name == "scaled":
        return f"{cardinal(g['sn'])} {SCALES[g['sscale']]}"
    if name == "number_sign":
        return f"number {cardinal(g['hashn'])}"
    if name == "number_no":
        return f"number {cardinal(g['non'])}"
    if name == "number":
        return cardinal("-" + g["neg"]) if g["neg"] else cardinal(text)
    if name == "digits":
        return " " + (cardinal(text) if len(text) <= 4 else spell_digits(text)) + " "
    if name == "doctor_saint":
        # 'Dr. Smith', 'St. Mary' are titles; 'Elm Dr.', 'Main St.' (after a name) are roads
        after_name = re.search(r"[a-z,]\s+[A-Z][a-z]+\s$", m.string[: m.start()]) is not None
        title, road = ("Doctor", "Drive") if g["ds"] == "Dr" else ("Saint", "Street")
        if g["dsnext"] and not after_name:
            return title
        ends = re.match(r"\s+[A-Z]|\s*$", m.string[m.end() :]) is not None
        return road + ("." if ends else "")
    if name == "etc":
        # the abbreviation's full stop also ends a sentence when a capital or the end follows
        ends = re.match(r"\s+[A-Z]|\s*$", m.string[m.end() :]) is not None
        return "et cetera." if ends else "et cetera"
    if name == "abbr":
        return ABBREVIATIONS[text]
    if name == "symbol":
        return SYMBOL_WORDS[text]
    raise AssertionError(name)  # pragma: no cover - every rule has a branch


def _english(text: str, start: int = 0, end: int | None = None) -> Iterator[Piece]:
    end = len(text) if end is None else end
    at = start
    for m in _PATTERN.finditer(text, start, end):
        name = next(n for n, _ in _RULES if m.group(f"r_{n}") is not None)
        if m.start() > at:
            yield Piece(at, m.start(), text[at : m.start()])
        spoken = _expand(name, m)
        # a unit left attached, the spoken form of a glued number: keep spaces around expansions
        yield Piece(m.start(), m.end(), _pad(text, m.start(), m.end(), spoken), verbatim=False)
        at = m.end()
    if at < end:
        yield Piece(at, end, text[at:end])


def _pad(text: str, start: int, end: int, spoken: str) -> str:
    """An expansion glued to a letter ('A4') gets spaces so its words stay words."""
    before = " " if start > 0 and text[start - 1].isalnum() and not spoken.startswith(" ") else ""
    after = " " if end < len(text) and text[end].isalnum() and not spoken.endswith(" ") else ""
    return before + spoken + after


def _identity(text: str, start: int = 0, end: int | None = None) -> Iterator[Piece]:
    """Speak as written; only piper's raw-phoneme brackets are taken out."""
    end = len(text) if end is None else end
    at = start
    for m in re.finditer(r"\[\[|\]\]", text[start:end]):
        a, b = start + m.start(), start + m.end()
        if a > at:
            yield Piece(at, a, text[at:a])
        yield Piece(a, b, " ", verbatim=False)
        at = b
    if at < end:
        yield Piece(at, end, text[at:end])


NormalizerFn = Callable[[str, int, "int | None"], Iterator[Piece]]
NORMALIZERS: dict[str, NormalizerFn] = {"en": _english}


def language_key(language: str | None) -> str:
    return (language or "en").lower().replace("_", "-").split("-")[0]


def pieces(text: str, start: int = 0, end: int | None = None, language: str | None = None,
           enabled: bool = True) -> list[Piece]:  # fmt: skip
    """The pieces of ``text[start:end]`` (spans index the whole ``text``)."""
    fn = NORMALIZERS.get(language_key(language)) if enabled else None
    if enabled and fn is None:
        logger.info("no text normaliser for language %r; speaking the text as written", language)
    return list((fn or _identity)(text, start, end))


def normalize(text: str, language: str | None = None, enabled: bool = True) -> Normalized:
    """``text`` as pieces to speak; ``enabled=False`` speaks it as written."""
    return Normalized(text, pieces(text, 0, len(text), language, enabled))
