"""English as people write it, read the way a region reads it (see ``regions``).

``rules`` is the table: every pattern in priority order, matched as one alternation would match them
(see ``scan``). Each match goes to its rule's reader, in the module of its family: ``dates`` (days, months,
dates, times, years), ``money``, ``measures`` (units, temperatures, fractions, ranges, ratios),
``sports`` (scores, road races, odds, cricket scores, lap times, batting averages), ``figures`` (ordinals, codes,
versions, model and other numbers that name rather than count), ``contact`` (phone numbers, ZIP codes, e-mail and
web addresses) and ``abbreviations`` (capitals, Roman numerals, titles, places, symbols). A reader may decline a
match (return None): a later rule may then take the place, or the text stays as written. ``context`` is what
every reader sees; ``vocabulary`` the word lists several families share.

Bounded work: no pattern has nested unbounded repeats, a rule that starts with a number starts only where a
number starts, and every look at the context around a match reads at most a few dozen characters, so the
work is linear in the text.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator

from avatar.text.normalize import scan
from avatar.text.normalize.core import Piece
from avatar.text.normalize.english.abbreviations import LONE_A, letter_a
from avatar.text.normalize.english.context import LOOK, Ctx, indefinite, names_an_id
from avatar.text.normalize.english.rules import RULES
from avatar.text.normalize.english.vocabulary import MONTHS
from avatar.text.normalize.numbers import ordinal
from avatar.text.normalize.regions import Region, region_for

# Rules whose readings a dash between them joins as "to" ("Mon.-Fri.", "10am-2pm", "Jan.–Mar.")
_RANGE_ENDS = {"weekday", "day_two", "time", "time_dot", "time_dot_bare", "hour_ampm", "month", "date", "iso_date",
               "num_date", "dash_date", "mil_time", "percent", "money", "unit", "year", "junction",
               "hm_duration", "feet_inches"}  # fmt: skip
_HOUR = re.compile(r"1[0-9]|2[0-3]|0?[0-9]")  # "6:30-8": a time to an hour
_READ_SYMBOLS = "$€£¥₹₩₽₺₱₦₪#~≈<>"
# "between" and at most one word (a noun or a currency) before a range: "between pages 4-7"
_CLOSED = re.compile(r"\b[Cc]losed\s+(?:on\s+)?$")
_BETWEEN = re.compile(r"\b[Bb]etween\s+(?:[A-Za-z]+\s+)?[$€£¥]?$")


def _pad(text: str, start: int, end: int, spoken: str) -> str:
    """An expansion glued to a letter ('A4') or to a symbol that is read as a word ('~$5') gets spaces so its
    words stay words."""
    glued_before = start > 0 and text[start - 1].isalnum() and not text[start].isspace()
    before = " " if glued_before and not spoken.startswith((" ", ",", ";")) else ""  # "200C/gas 6": Celsius, gas
    decimal_after = text.startswith(".", end) and text[end + 1 : end + 2].isdigit()  # "p<.001": less than point
    glued = end < len(text) and (text[end].isalnum() or text[end] in _READ_SYMBOLS or decimal_after)
    glued = glued and not text[end - 1].isspace()
    after = " " if glued and not spoken.endswith(" ") else ""
    return before + spoken + after


# Digits grouped by spaces, as SI style and much of Europe write them ("1 000 000" with thin or no-break spaces;
# "€1 250", "2 000 m", "1 000 000" with plain ones where a currency, a leading zero or two groups say so), and
# a decimal comma before a per cent sign ("3,5 %"): rewritten one character for one ("1,000,000", "3.5 %")
# before the rules read the text, so every rule reads them as the numbers they are and every span stays. At most
# five groups (a quadrillion): a longer run is a list, and each start looks a bounded way.
_SPACE_GROUPED = re.compile(
    r"(?<![0-9.,])[0-9]{1,3}(?:[\u00a0\u2009\u202f][0-9]{3}){1,5}(?![0-9]|[.,][0-9]|[\u00a0\u2009\u202f][0-9])"
    r"|(?<![0-9.,+])(?<!\+[0-9] )(?<!\+[0-9]{2} )(?<!\+[0-9]{3} )[1-9][0-9]{0,2}(?: [0-9]{3}){2,5}"
    r"(?![0-9]|[.,][0-9]| [0-9])"  # (not "+254 712 345 678", a phone number's groups)
    r"|(?<=[$€£¥])[1-9][0-9]{0,2}(?: [0-9]{3}){1,5}(?![0-9]|[.,][0-9]| [0-9])"
    r"|(?<![0-9.,])[1-9][0-9]{0,2} 0[0-9]{2}(?![0-9]|[.,][0-9]| [0-9])"  # "2 000 m": a group no number starts
)
_COMMA_PER_CENT = re.compile(r"(?<![0-9.,])([0-9]{1,3}),([0-9]{1,2})(?=\s?%)")
# Thousands grouped by full stops beside money whose cents are written with a comma or not at all ("Rp 1.500.000",
# "500.000 VND", "2.400 kr.", "12.500 ₽"): rewritten with commas, one character for one (not "KWD 1.500", whose
# fils have three digits)
_DOT_GROUPED = re.compile(
    r"(?:(?<=Rp)|(?<=Rp )|(?<=IDR )|(?<=VND )|(?<=ARS )|(?<=CLP )|(?<=COP )|(?<=HUF )|(?<=ISK )|(?<=DKK )"
    r"|(?<=NOK )|(?<=kr )|(?<=kr\. )|(?<=₫))[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?![0-9]|[.,][0-9])"
    r"|(?<![0-9.,])[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?![0-9]|[.,][0-9])"
    r"(?=\s?(?:IDR|VND|ARS|CLP|COP|HUF|ISK|RUB|CZK|DKK|NOK|₫|₽|kr\b|Kč|zł))"
)


# full-width digits and signs ("１２３", "５０％", "～"), and the fraction and division slashes ("1⁄2"),
# as the rules read them: one character for one
_ONE_FOR_ONE = str.maketrans("０１２３４５６７８９％＄～⁄∕", "0123456789%$~//")


def _grouped(m: re.Match[str]) -> str:
    if " " in m.group() and names_an_id(m.string[max(0, m.start() - LOOK) : m.start()]):
        return m.group()  # "Ref. 12 345 678", "Policy No. 123 456 789": an identifier's groups, no million
    return re.sub(r"[ \u00a0\u2009\u202f]", ",", m.group())


def _canonical_numbers(text: str) -> str:
    text = text.translate(_ONE_FOR_ONE)
    text = _SPACE_GROUPED.sub(_grouped, text)
    text = _DOT_GROUPED.sub(lambda m: m.group().replace(".", ","), text)
    return _COMMA_PER_CENT.sub(r"\1.\2", text)


def english(text: str, start: int = 0, end: int | None = None, language: str | None = None) -> Iterator[Piece]:
    """The pieces of ``text[start:end]`` read as ``language``'s region reads English."""
    text = _canonical_numbers(text)  # one character for one: the pieces' spans are the text's
    region = region_for(language)
    out = list(_pieces(text, start, end, region))
    for i in range(1, len(out)):  # two readings padded against each other ("3x4", "4567 x89"): one space
        if out[i - 1].spoken.endswith(" ") and out[i].spoken.startswith(" ") and not out[i].verbatim:
            out[i] = dataclasses.replace(out[i], spoken=out[i].spoken[1:])
    for i in range(len(out) - 1):  # a mark not read ("$5.99* today", "102*."): no second space before what follows
        if (
            out[i].spoken == " "
            and not out[i].verbatim
            and out[i + 1].spoken[:1] in (" ", ".", ",", ";", ":", "!", "?")
        ):
            out[i] = dataclasses.replace(out[i], spoken="")
    for i in range(1, len(out) - 1):
        gap, before, after = out[i], out[i - 1], out[i + 1]
        # a dash between two readings joins them ("9am–5pm"); an em dash with spaces is a pause ("$3.2K — 15% up")
        dash = gap.verbatim and (gap.spoken.strip() in ("-", "–") or gap.spoken == "—")
        spaced_apart = gap.spoken != gap.spoken.strip() and _kinds_apart(before, after)
        if dash and not spaced_apart and _joined_by_a_dash(text, before, after):
            out[i] = Piece(gap.start, gap.end, " to ", verbatim=False, rule="range")  # "1/4-1/2 tsp": a quarter to
        elif gap.verbatim and gap.spoken.strip() == "/" and before.rule == after.rule == "weekday":
            # "Fri/Sat nights": either; "closed Sat/Sun": both; "Mon/Wed/Fri": a list of days, all of them
            both = _CLOSED.search(text, max(0, before.start - LOOK), before.start)
            joiner = " and " if both else " or "
            if _day_slash(text, out, i + 2):
                joiner = ", "
            elif _day_slash(text, out, i - 2):
                joiner = " and "
            out[i] = Piece(gap.start, gap.end, joiner, verbatim=False, rule="weekday")
        elif gap.verbatim and gap.spoken.strip() == "/" and before.rule == after.rule == "month":
            out[i] = Piece(gap.start, gap.end, " and ", verbatim=False, rule="month")  # "the Jul/Aug issue"
        elif gap.verbatim and gap.spoken == "/" and before.rule == after.rule == "number":
            # "30/60/90 days": a series (thirty, sixty, ninety); "24/7": two numbers said one after the other
            series = any(0 < j < len(out) and out[j].spoken in ("/", ", ") for j in (i - 2, i + 2))
            out[i] = Piece(gap.start, gap.end, ", " if series else " ", verbatim=False, rule="number")
        elif (
            gap.verbatim
            and gap.spoken == "/"
            and before.rule == "number"
            and after.rule == "unit"
            and (i > 1 and out[i - 2].rule == "number" and out[i - 2].spoken == ", ")
        ):
            out[i] = Piece(gap.start, gap.end, ", ", verbatim=False, rule="number")  # "64/128/256 GB": the last, a size
        elif (
            gap.verbatim
            and gap.spoken.strip() in ("/", "|")
            and before.rule in _SAID_EITHER_SIDE_OF_A_SLASH | {"caps_letters"}
            and after.rule in _SAID_EITHER_SIDE_OF_A_SLASH
        ):
            # "2BR/1BA": two bedrooms, one bath; "100°C/212°F", "$5/£4", "7 p.m. ET/4 p.m. PT": one, then the other;
            # "4 bd | 3.5 ba": a listing's bar between them too
            out[i] = Piece(gap.start, gap.end, ", ", verbatim=False, rule=after.rule)
    for i, piece in enumerate(out):  # "between 9am-5pm", "between 10-15 kg": a range after "between" is "and"
        joined = piece.rule == "range" and piece.spoken == " to " and i > 0  # a dash joining two readings
        dashed = not piece.verbatim and " to " in piece.spoken and any(d in text[piece.start : piece.end] for d in "-–")
        first = out[i - 1].start if joined else piece.start
        if (joined or dashed) and _BETWEEN.search(text, max(0, first - LOOK), first):
            out[i] = dataclasses.replace(piece, spoken=piece.spoken.replace(" to ", " and ", 1))
    _days_sharing_a_month(text, out, region)
    for i in range(2, len(out)):  # "Tues 5th": Tuesday the fifth (a day of the month after its weekday)
        if out[i].rule == "ordinal" and out[i - 2].rule == "weekday" and out[i - 1].spoken in (" ", ", "):
            out[i] = dataclasses.replace(out[i], spoken="the " + out[i].spoken.lstrip())
    yield from _letter_pieces(text, _articles(text, out))


# Readings a slash between them separates as a pause: two measures, prices or times, the one or the other
_SAID_EITHER_SIDE_OF_A_SLASH = {"unit", "temp_letter", "money", "hour_ampm", "time"}

# A reading that starts with a vowel's sound takes "an" where the text wrote "a" before its digits ("a 1/8 inch
# bit": an eighth inch bit; "a 11-year-old", "a 80s hit")
_ARTICLE_A = re.compile(r"(?<![A-Za-z0-9'’])[Aa] $")


def _articles(text: str, out: list[Piece]) -> list[Piece]:
    fixed: list[Piece] = []
    for piece, nxt in itertools.zip_longest(out, out[1:]):
        a = _ARTICLE_A.search(piece.spoken) if piece.verbatim else None
        if a is None or nxt is None or nxt.verbatim or indefinite(nxt.spoken) == "a":
            fixed.append(piece)
            continue
        at = piece.start + a.start()
        if at > piece.start:
            fixed.append(Piece(piece.start, at, text[piece.start : at]))
        fixed.append(Piece(at, at + 1, text[at] + "n", verbatim=False, rule="article"))
        fixed.append(Piece(at + 1, piece.end, text[at + 1 : piece.end]))
    return fixed


def _letter_pieces(text: str, out: list[Piece]) -> Iterator[Piece]:
    """The pieces, with each lone capital A that is the letter ("plan A", "Q&A") its own piece (rule
    "letter", said as written), so a voice that takes phonemes can be given the letter's sound."""
    for piece in out:
        at = piece.start
        if piece.verbatim and "A" in piece.spoken:
            for m in LONE_A.finditer(text, piece.start, piece.end):
                if letter_a(text, m.start()):
                    if m.start() > at:
                        yield Piece(at, m.start(), text[at : m.start()])
                    yield Piece(m.start(), m.end(), "A", verbatim=False, rule="letter")
                    at = m.end()
        if at == piece.start:
            yield piece
        elif at < piece.end:
            yield Piece(at, piece.end, text[at : piece.end])


def _day_slash(text: str, out: list[Piece], j: int) -> bool:
    """Whether piece ``j`` is a slash written between two weekdays ("Mon/Wed")."""
    return (
        0 < j < len(out) - 1
        and text[out[j].start : out[j].end].strip() == "/"
        and out[j - 1].rule == out[j + 1].rule == "weekday"
    )


def _kinds_apart(before: Piece, after: Piece) -> bool:
    """Whether the readings either side of a spaced dash are of two kinds that make no range: a size and a price
    ("Edition – 1TB – £389.99"), a day and a distance ("Tue – 8 km tempo"): items of a list, a pause between."""
    kinds = {before.rule, after.rule}
    return len(kinds) == 2 and "number" not in kinds and bool(kinds & {"money", "unit", "weekday"})


# between two days of one month: "from 2nd to 13th December", "24 & 25 December"
_DAYS_JOINED = re.compile(r"\s?(?:to|-|–|&|and|or)\s?|,\s")
_DAY_WRITTEN = re.compile(r"(?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?")


def _days_sharing_a_month(text: str, out: list[Piece], region: Region) -> None:
    """A day before another day and their month ("from 2nd to 13th December", "24 & 25 December") is a day of
    that month too: the second to the thirteenth of December (British), December second to thirteenth."""
    for i in range(len(out) - 1):
        first = out[i]
        if first.rule not in ("ordinal", "number") or not _DAY_WRITTEN.fullmatch(text[first.start : first.end]):
            continue
        later = range(i + 1, min(i + 5, len(out)))
        k = next((k for k in later if not out[k].verbatim and out[k].rule != "symbol"), None)
        if k is None or out[k].rule != "date" or not _DAYS_JOINED.fullmatch(text[first.end : out[k].start]):
            continue
        written = text[out[k].start : out[k].end + 4]
        if not re.match(r"[0-9]{1,2}(?:st|nd|rd|th)?\s[A-Z]", written) or re.match(r"[0-9]+\sMay\s[a-z]", written):
            continue  # "5 to Dec. 13": the second date is written month first; "pages 4 to 7 May be": no month
        month = next((m for m in MONTHS if m in out[k].spoken), None)
        if month is None:
            continue
        day = ordinal(int(text[first.start : first.end].rstrip("stndrh")), region.numbers_with_and)
        if region.date_day_first:
            out[i] = dataclasses.replace(first, spoken="the " + day, rule="date")
        else:
            out[i] = dataclasses.replace(first, spoken=f"{month} {day}", rule="date")
            out[k] = dataclasses.replace(out[k], spoken=out[k].spoken.replace(f"{month} ", "", 1))


def _joined_by_a_dash(text: str, before: Piece, after: Piece) -> bool:
    """Whether a dash between two readings is "to": both ends of a range ("9am–5pm"), two fractions ("1/4-1/2
    tsp") or ordinals ("1st–3rd row"), or a time and an hour ("6:30-8")."""
    if (_range_end(before) and _range_end(after)) or before.rule == after.rule in ("fraction", "ordinal", "times"):
        return True  # ... and two multiples: "4.5x–5.0x", four point five times to five point zero times
    if "fraction" in (before.rule, after.rule) and {before.rule, after.rule} <= {"number", "fraction", "unit"}:
        return True  # "rise 1-1½ hrs", "1½-2 cups", "1/2-1 tsp": one to one and a half, one half to one
    return (
        before.rule in ("time", "time_dot_bare")  # "6:30-8", "Thurs 7.30-9": a time, then an hour
        and after.rule == "number"
        and _HOUR.fullmatch(text[after.start : after.end]) is not None
    )


def _range_end(piece: Piece) -> bool:
    """A reading a dash after or before it joins as "to": a day, time, month, measure... (a month/day date is
    found by the fraction rule: "10/15-10/17")."""
    if piece.rule == "fraction":
        return any(month in piece.spoken for month in MONTHS)
    return piece.rule in _RANGE_ENDS


def _pieces(text: str, start: int, end: int | None, region: Region) -> Iterator[Piece]:
    end = len(text) if end is None else end
    return scan.read(text, start, end, RULES, lambda rule, m: Ctx(m, region, rule.name), _pad)
