"""Number words (num2words underneath), read the way a region reads them.

American English says "four hundred twelve"; British English "four hundred and twelve". Heard back, the
"and" splits a number in two ("$400 and $12.75"), so the American reading leaves it out.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Longer digit runs are read digit by digit: num2words' work grows with the number, and nobody says a
# 10,000-digit number as one.
MAX_WORDED_DIGITS = 15
DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


# A number's last word "eighteen" is heard as "eighty" when the voice runs it on ("three hundred eighteen
# dollars and forty cents" came back as "$1,380.40" in three takes of three); written "eight-teen", espeak-ng
# stresses the "teen" and it is heard right (three of three). Only the last word: that is where "-teen"
# and "-ty" decide the value.
_TEENS = {"thirteen": "thir-teen", "fourteen": "four-teen", "fifteen": "fif-teen", "sixteen": "six-teen",
          "seventeen": "seven-teen", "eighteen": "eight-teen", "nineteen": "nine-teen"}  # fmt: skip
_TEENS |= {w + "th": t + "th" for w, t in _TEENS.items()}


@lru_cache(maxsize=4096)
def _num2words(value: int, to: str, with_and: bool) -> str:
    from num2words import num2words

    words = str(num2words(value, to=to, lang="en")).replace(",", "").replace("-", " ").split()
    if not with_and:
        words = [w for w in words if w != "and"]
    if words and words[-1] in _TEENS:
        words[-1] = _TEENS[words[-1]]
    return " ".join(words)


def spell_digits(digits: str, zero: str = "zero") -> str:
    return " ".join(zero if d == "0" else DIGIT_NAMES[int(d)] for d in digits if d.isascii() and d.isdigit())


def integer(value: int, with_and: bool) -> str:
    if len(str(abs(value))) > MAX_WORDED_DIGITS:
        return ("minus " if value < 0 else "") + spell_digits(str(abs(value)))
    return _num2words(value, "cardinal", with_and)


# Digits grouped the Indian way, in twos above the thousands ("45,00,000", "1,20,000", "2,50,00,000"): said in lakhs
# (a hundred thousand) and crores (ten million), as the people who group them so say them
INDIAN = r"[1-9][0-9]?(?:,[0-9]{2})+,[0-9]{3}"  # the written number's pattern, for the rules that find numbers
_INDIAN_NUMBER = re.compile(rf"[-−]?{INDIAN}(?:\.[0-9]+)?")


def _indian(digits: str, with_and: bool) -> str:
    raw = digits.replace(",", "")
    neg = raw.startswith(("-", "−"))
    whole, _, frac = raw.lstrip("-−").partition(".")
    n = int(whole)
    parts = []
    for size, name in ((10**7, "crore"), (10**5, "lakh")):
        if n >= size:
            parts.append(f"{integer(n // size, with_and)} {name}")  # "one hundred crore" above ten crore digits
            n %= size
    if n:
        parts.append(integer(n, with_and))
    spoken = " ".join(parts) + (" point " + spell_digits(frac) if frac else "")
    return ("minus " if neg else "") + spoken


def cardinal(digits: str, with_and: bool = False) -> str:
    """'1,234.5' as words; very long digit strings are read digit by digit; '45,00,000' in lakhs."""
    if _INDIAN_NUMBER.fullmatch(digits) and len(digits) <= 2 * MAX_WORDED_DIGITS:
        return _indian(digits, with_and)
    raw = digits.replace(",", "")
    neg = raw.startswith(("-", "−"))
    raw = raw.lstrip("-−")
    whole, _, frac = raw.partition(".")
    if len(whole) > MAX_WORDED_DIGITS:
        spoken = spell_digits(whole)
    elif whole or not frac:
        spoken = _num2words(int(whole or "0"), "cardinal", with_and)
    else:
        spoken = ""
    if frac:
        spoken = (spoken + " point " if spoken else "point ") + spell_digits(frac)
    return ("minus " if neg else "") + spoken


def ordinal(number: int, with_and: bool = False) -> str:
    if len(str(number)) > MAX_WORDED_DIGITS:
        return spell_digits(str(number)) + " th"
    return _num2words(number, "ordinal", with_and)


def year(number: int, with_and: bool = False) -> str:
    """1905 'nineteen oh five', 2024 'twenty twenty four', 2005 'two thousand (and) five'."""
    return _num2words(number, "year", with_and)


def plural_ordinal(number: int, with_and: bool) -> str:
    """'thirds', 'fifths', 'twentieths'."""
    return ordinal(number, with_and) + "s"
