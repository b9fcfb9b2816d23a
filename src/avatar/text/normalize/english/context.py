"""What every English reader works with: the match and a bounded window of text around it (``Ctx``), the
region's number words, and the patterns and word sets that rules of several families share."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from avatar.text.normalize.numbers import INDIAN, ordinal, spell_digits, year
from avatar.text.normalize.numbers import cardinal as _cardinal
from avatar.text.normalize.regions import Region

# Words after "a 2.5 kg" that make the measure an adjective ("a 2.5 kilogram lamp") rather than a quantity
NOT_A_NOUN = {"of", "per", "and", "or", "to", "from", "in", "on", "at", "a", "an", "the", "by", "for", "with",
              "is", "was", "are", "were", "has", "had", "have", "more", "less", "each", "away", "long", "high",
              "wide", "deep", "tall", "old", "left", "later", "ago", "behind", "ahead", "between", "until", "till",
              "during", "since", "before", "after", "past", "earlier", "apart"}  # fmt: skip
# A written number: "1,234.5", "12", ".5", "45,00,000" (grouped the Indian way)
NUM = rf"{INDIAN}(?:\.[0-9]+)?|[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+"
# A number starts where no digit (or digit and separator) stands before it: each rule then tries one start
# per digit run, not one per digit (which would make a long run quadratic).
AT_NUM = r"(?<![0-9])(?<![0-9][.,])"
# or at a minus sign before one (not after a full stop: "a.m.-6 p.m." is a range)
# (not after a fraction or a measure's mark: "1½-2 hr", "5'6\"-5'10\"" are ranges)
AT_SIGNED = rf"(?:{AT_NUM}(?![-−])|(?<![0-9A-Za-z.%°½⅓⅔¼¾⅛⅜⅝⅞\"″”'′])(?=[-−]))"  # a number, or its minus sign ("−3")
# What follows a full stop that ends a sentence: a capital, a quotation, a line's end, the end ("Corp. (NYSE:
# ACME)" goes on)
STOP_AFTER = re.compile(r"\s+(?:[A-Z\"]|'(?![0-9]{2}\b))|\s*$|[ \t]*\n")  # a line's end too ("350°F.\n2. Mix")
# time zones after a time: "7:05 p.m. ET on ESPN" goes on
ZONE_AFTER = re.compile(
    r"\s+(?:[ECMP][SD]?T|A[SD]T|GMT|UTC|BST|CES?T|EES?T|WES?T|IST|A[CEW][SD]T|NZ[SD]T|SAST|JST|HST|AKST|AKDT)\b"
)
_WORD_BEFORE = re.compile(r"([A-Za-z.©]+)\W*$")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Nn]o|[Aa]ny|[Ee]very)\s$")
# An article or a possessive just before: what follows is a noun's ("our est.", "the Mar. 15 deadline")
DETERMINER_BEFORE = re.compile(
    r"\b([Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Oo]ur|[Tt]heir|[Hh]is|[Hh]er|[Mm]y|[Yy]our)\s$"
)
LOOK = 40  # characters of context a rule may read either side of its match
_SENTENCE_END = re.compile(r"[.!?]\s")
_CLAUSE_END = re.compile(r"[;.!?]\s")


class _Groups:
    """``m.groupdict()`` without building it: the pattern has dozens of groups and a rule reads a few."""

    def __init__(self, m: re.Match[str]) -> None:
        self.m = m

    def __getitem__(self, name: str) -> Any:  # str or None, as groupdict() gives
        return self.m.group(name)


class Ctx:
    """One match, the text around it (bounded) and the region."""

    def __init__(self, m: re.Match[str], region: Region, rule: str) -> None:
        self.m = m
        self.rule = rule
        self.g = _Groups(m)
        self.text = m.group()
        self.region = region

    def before(self) -> str:
        s = self.m.string
        return s[max(0, self.m.start() - LOOK) : self.m.start()]

    def word_before(self) -> str:
        return last_word(self.before())

    def sentence_before(self, look: int = LOOK) -> str:
        """The text before the match back to its sentence's start (".", "!" or "?" and a space), at most ``look``
        characters of it."""
        return _SENTENCE_END.split(self.m.string[max(0, self.m.start() - look) : self.m.start()])[-1]

    def clause_before(self) -> str:
        """The text before the match back to its clause's start (a sentence's end or a semicolon, and a space)."""
        return _CLAUSE_END.split(self.before())[-1]

    def word_after(self) -> str:
        w = _WORD_AFTER.match(self.m.string, self.m.end(), self.m.end() + LOOK)
        return w.group(1) if w else ""

    def stop(self, goes_on: re.Pattern[str] | None = None) -> str:
        """'.' when the match's own full stop also ends the sentence: a capital or the end follows, and not a
        time zone, nor ``goes_on`` (what the reader knows carries its phrase on: "at 3 p.m. Sunday")."""
        end = self.m.end()
        if not self.text.endswith(".") or any(
            p is not None and p.match(self.m.string, end, end + LOOK) for p in (ZONE_AFTER, goes_on)
        ):
            return ""
        return "." if STOP_AFTER.match(self.m.string, end, end + LOOK) else ""

    # region-aware number words
    def num(self, digits: str) -> str:
        digits = digits.replace("−", "-")
        return _cardinal(digits, self.region.numbers_with_and)

    def nth(self, n: int) -> str:
        return ordinal(n, self.region.numbers_with_and)

    def year(self, n: int) -> str:
        return year(n, self.region.numbers_with_and)

    def unit(self, word: str) -> str:
        if self.region.metre:
            word = word.replace("meter", "metre").replace("liter", "litre")
        return word


Reader = Callable[[Ctx], "str | None"]


def say(words: str) -> Reader:
    """A reader that says the same words for every match (a sign, a joiner, an abbreviation's one reading)."""
    return lambda c: words


def plural_words(word: str) -> str:
    """A number's words as a plural: "fours", "sixes", "forty nineties"."""
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith("x") else "s")


# A number's words that start with a vowel's sound: "eight", "eighth", "eleven", "eighteenth", "eighty"
VOWEL_NUMBER = re.compile(r"\s*(?:eight|eleven)")


def indefinite(words: str) -> str:
    """The indefinite article for ``words`` that start with a number's words: "an eighth", "a third"."""
    return "an" if VOWEL_NUMBER.match(words) else "a"


# What a thing named with a number does after them ("PHYS 101 starts", "Expo 2025 opens", "Wimbledon 2024 ran"):
# a verb, so the number names the thing and counts no plural noun after it
NAMED_THING_DOES = {"adds", "aimed", "aims", "arrives", "attracted", "attracts", "beats", "began", "begins", "boasts",
                    "brings", "brought", "came", "celebrated", "celebrates", "closed", "closes", "comes", "costs",
                    "covers", "delivers", "does", "draws", "drew", "ended", "ends", "explores", "featured",
                    "features", "follows", "gets", "gives", "goes", "has", "hits", "hosted", "hosts", "includes",
                    "keeps", "kicked", "kicks", "lasts", "launches", "leads", "looks", "loses", "makes", "marked",
                    "marks", "measures", "meets", "needs", "offers", "opened", "opens", "packs", "plays", "promised",
                    "promises", "ran", "remains", "requires", "returned", "returns", "runs", "scores", "sells", "set",
                    "sets", "ships", "shows", "sits", "sold", "stars", "started", "starts", "stays", "supports",
                    "takes", "tells", "took", "uses", "weighs", "went", "wins"}  # fmt: skip


def last_word(text: str) -> str:
    """The last word of ``text`` in lower case, its dots kept ("Ave."), the punctuation after it skipped."""
    w = _WORD_BEFORE.search(text)
    return w.group(1).lower() if w else ""


def one_or_many(n_text: str, one: str, many: str) -> str:
    return one if n_text.replace(",", "").lstrip("-−") == "1" else many


def in_quotation(c: Ctx) -> bool:
    """Whether a quotation mark is open before the match (a number's inch marks not counted)."""
    window = c.m.string[max(0, c.m.start() - 400) : c.m.start()]
    return (window.count('"') - len(re.findall(r'[0-9]"', window))) % 2 == 1


def spell_groups(c: Ctx, groups: list[str]) -> str:
    """Identifiers said character by character, digits by the region's zero ("NW1 6XE", "A1234-567")."""
    zero = c.region.phone_zero
    return ", ".join(" ".join(spell_digits(ch, zero) if ch.isdigit() else ch for ch in part) for part in groups)


def code_number(c: Ctx, d: str) -> str:
    """A number that names as people say it in a code or a model: "150" one fifty, "303" three oh three, "400"
    four hundred, "8601" eighty six oh one, "13700" thirteen seven hundred; a leading zero or six digits and
    more, digit by digit ("09" oh nine)."""
    if (d[0] == "0" and len(d) > 1) or len(d) > 5:
        return spell_digits(d, c.region.phone_zero)
    if len(d) <= 2:
        return c.num(d)
    if len(d) == 5:
        return f"{c.num(d[:2])} {code_number(c, d[2:])}"
    if len(d) == 4:
        if d[1:3] == "00" and d[3] != "0":
            return f"{c.num(d[0])} oh oh {c.num(d[3])}"  # "B4009": four oh oh nine
        return c.year(int(d))
    if d[1:] == "00":
        return c.num(d)
    return f"{c.num(d[0])} {'oh ' + c.num(d[2]) if d[1] == '0' else c.num(d[1:])}"


_NOT_COUNTED = {"is", "was", "has", "its", "this", "as", "plus", "less", "thus", "yes", "us", "towards", "sideways",
                "backwards", "forwards", "upwards", "downwards", "afterwards", "lengths", "laps", "metres", "meters",
                "yards", "miles", "deep", "always", "perhaps", "whereas", "besides", "across"}  # fmt: skip


def counted(word: str) -> bool:
    """A plural noun after a number ("units", "people"): what millions count, not what metres measure."""
    if not word.islower() or word in _NOT_COUNTED:
        return False
    return word in {"people", "children", "men", "women", "sheep", "fish"} or (
        word.endswith("s") and not word.endswith(("ss", "us", "is"))
    )


# the words that name an identifier before its number ("order 55012", "Reference number: 4521 7788")
ID_BEFORE = {"order", "ticket", "case", "ref", "ref.", "reference", "invoice", "confirmation", "booking", "item",
             "account", "acct", "acct.", "policy", "claim", "tracking", "receipt", "issue", "pr", "bug", "job",
             "model", "part", "serial", "sku", "id", "customer", "member", "membership", "transaction",
             "reservation", "loyalty", "employee", "student", "passport", "licence", "license", "registration",
             "tax", "vat", "iban", "routing", "card", "nhs", "ssn", "vin", "imei", "abn", "tfn", "pps", "aadhaar",
             "pan", "patient", "hospital", "nino", "utr", "ein", "listing", "property"}  # fmt: skip
_NAMED_ID_BEFORE = re.compile(r"\b(?P<w>[A-Za-z]+\.?)(?P<n>\s(?:[Nn]umber|[Nn]o\.|#|ID))?(?:\s(?:is|was))?:?\s$")


def names_an_id(before: str) -> bool:
    """Whether the words before a number name an identifier: a word of them ("Reference number:", "order #",
    "card"), or a name and its number ("NHS No.", "Patient ID")."""
    named = _NAMED_ID_BEFORE.search(before)
    if named is None:
        return False
    return named["w"].lower() in ID_BEFORE or (named["w"][:1].isupper() and named["n"] is not None)
