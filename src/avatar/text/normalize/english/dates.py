"""Reading days, months, dates, times of day and years: "Tue. 2 Sept.", "9:30 am", "2024-08-07",
"07/08/2024" (by the region's order), "1990-95", "the 60s", "1400 hrs", "exp. 08/27"."""

from __future__ import annotations

import functools
import math
import re

from avatar.text.normalize.english.context import (
    DETERMINER_BEFORE,
    LOOK,
    NAMED_THING_DOES,
    NOT_A_NOUN,
    ZONE_AFTER,
    Ctx,
    Reader,
    counted,
    last_word,
    plural_words,
    say,
)
from avatar.text.normalize.english.vocabulary import (
    BOOK_ABBREVIATIONS,
    CHAPTER_ALONE_BOOKS,
    DIGIT_BY_DIGIT_AFTER,
    FRACTION_DENOMINATORS,
    MEASURE_NOUNS,
    MONTH_ABBR,
    MONTHS,
    RATIO_BEFORE,
)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_ABBR = {"mon": 0, "tu": 1, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3,
                 "fri": 4, "sat": 5, "sun": 6}  # fmt: skip
_YEAR_EARLY_BEFORE = {"in", "since", "year", "circa", "c.", "ca.", "until", "till", "by", "from", "founded", "born",
                      "died", "before", "after", "around", "of"}  # fmt: skip
# What follows "in 1066" that is no count's noun ("taken in 1066 by the Normans", "By 1066 the kingdom")
_AFTER_AN_EARLY_YEAR = {"by", "the", "a", "an", "and", "when", "as", "with", "his", "her", "its", "their", "he", "she",
                        "it", "they", "was", "were", "had", "after", "before", "until", "under"}  # fmt: skip
# Words before "12/3" that make it a date (month/day, or day/month in a day-first region) rather than a fraction
_DATE_BEFORE = {"on", "due", "until", "till", "since", "dated", "through", "thru", "deadline", "expires",
                "expiring", "starting", "effective", "starts", "begins", "begin", "ends", "opens", "closes", "launches",
                "returns", "resumes", "reopen", "reopens", "released", "posted", "updated", "available",
                "availability"}  # fmt: skip
_DATE_BEFORE |= {w.lower() for w in WEEKDAYS} | set(_WEEKDAY_ABBR)
# with a fraction no one writes ("by 6/2", "arrived 7/4", "left 6/9": improper, not in lowest terms, or with a
# denominator fractions rarely have; after "and" and "to", only the last)
_DATE_BEFORE_LOOSE = {"by", "from", "before", "after", "to", "and"}
# before a day written first in a month-first region ("Christmas Day 25/12", "the collection is 28/11")
_DAY_FIRST_DATE_BEFORE = {"day", "is", "was", "back", "reopen", "reopens", "open", "closed", "collection", "date",
                          "by", "from", "before", "after", "until", "till"}  # fmt: skip
# a time of day just before, its zone too: "ends 11:59 PM PST 12/2", "at 9am 3/14"
_AFTER_A_TIME = re.compile(r"[0-9]\s?(?:[AaPp]\.?[Mm]\.?|[AaPp]M)(?:\s[A-Z]{2,4})?,?\s$")
# Verbs of a deadline before "by": "reply by 5/12", "pay by 4/15" (not "cut by 1/4")
_DEADLINE_BY = re.compile(
    r"\b(?:reply|respond|rsvp|register|apply|submit|return|renew|enrol|enroll|order|book|confirm|cancel|pay|"
    r"sign\s+up|signup|vote|file|finish|complete|arrive|ready|back|done|due|expire|expires)\s+by\s*$",
    re.IGNORECASE,
)
# Words before "16/9" that make it a ratio or a score, never a date
_NO_DATE_BEFORE = {"a", "an", "ratio", "aspect", "odds", "scored", "score", "scoring", "rated", "rating"}
# A day named before it: "her birthday is 12/25", "Anniversary: 6/14", "the due date was 3/15"
_NAMED_DAY_BEFORE = re.compile(
    r"\b(?:birthday|anniversary|deadline|due date|start date|end date|wedding|DOB|date of birth|move-in date"
    r"|closing date|[Dd]ate)"
    r"(?:\s(?:is|was|will be|falls on|fell on)|:)\s$|\b(?:[Ww]eek|[Ww]eekend) of\s$"
    # "Picture day is 9/12", "Sports day will be 6/7": a day named for what happens on it
    r"|\b(?!(?:[Tt]he|[Tt]his|[Tt]hat|[Ee]ach|[Ee]very|[Oo]ne|[Aa])\s)[A-Za-z]+\s[Dd]ay\s(?:is|will be)\s$",
    re.IGNORECASE,
)
# A date just before "to" or "and": "from 12/24 to 1/2", a second date after one with a day over twelve
_DATE_BEFORE_A_JOIN = re.compile(
    r"\b(?P<pa>[0-9]{1,2})/(?P<pb>[0-9]{1,2})\s*(?:to|and|until|till|through|thru|(?P<pdash>[-–]))\s*$"
)
# ... and what happens on a date ("shipped 6/2"), but not before a counted word ("sold 6/10 tickets")
_DATE_EVENTS = {"shipped", "arrived", "delivered", "returned", "left", "departed", "signed", "filed", "paid",
                "received", "sent", "ordered", "placed", "booked", "scheduled", "started", "ended", "opened",
                "closed", "joined", "hired", "married", "born", "died", "moved", "renewed", "submitted", "issued",
                "published", "expired", "created", "modified", "uploaded", "completed", "purchased", "bought", "sold",
                "installed", "registered", "enrolled", "arrives", "ships", "leaves", "departs"}  # fmt: skip
# Decades of a life or a century written short ("the 60s", "her 20s"), after these words
_DECADE_BEFORE = {"the", "early", "late", "mid", "low", "high", "upper", "lower", "his", "her", "their", "my",
                  "your", "our", "its"}  # fmt: skip
# what belongs to a decade: "an 80s hit", "90s music", "a 70s show" (never a length of seconds)
_OF_A_DECADE = {"hit", "hits", "song", "songs", "music", "band", "bands", "movie", "movies", "film", "films", "show",
                "shows", "sitcom", "style", "fashion", "kid", "kids", "vibe", "vibes", "look", "pop", "rock",
                "classic", "classics", "nostalgia", "era", "decor", "hair", "hairstyle", "cartoon", "cartoons",
                "tv", "television", "anthem", "anthems", "icon", "icons", "throwback", "trend", "trends",
                "aesthetic", "synth", "slang", "sci-fi", "horror", "sitcoms"}  # fmt: skip
_MIL_TIME_BEFORE = {"at", "by", "until", "till", "from", "before", "after", "to", "around", "since", "and"}
_SCHEDULE_BEFORE = {"departs", "arrives", "leaves", "lands", "departure", "arrival", "dep.", "arr.", "dep", "arr",
                    "boards", "boarding", "departing", "arriving", "landing", "eta", "etd"}  # fmt: skip
# (never before what a number counts: "between 1500 and 2000 people")
_MIL_SPAN_BEFORE = re.compile(r"\b(?:[Bb]etween|[Ff]rom)\s(?P<other>[0-2][0-9][0-5][0-9])\s(?:and|to|until|till)\s$")
# ... not before a counted noun ("between 1500 and 2000 people"), hours included where they are counted
_MIL_SPAN_AFTER = re.compile(
    r"\s(?:and|to)\s(?P<other>[0-2][0-9][0-5][0-9])\b(?!\s+(?:people|(?!hours\b)[a-z]+s)\b|\s+(?:hours|hrs)\s+(?:of|per|a\s))"
)
_QUARTERS = ("00", "15", "30", "45")
_COUNTED_AFTER = re.compile(r"\s+(?:people|[a-z]+s)\b")
_HOURS_COUNTED = re.compile(r"\s+(?:of|per)\b|\s+a\s(?:day|week|month|year)\b")  # "2000 hours of work"
_YEAR_BEFORE = {"in", "since", "by", "from", "until", "till", "to", "of", "year", "circa", "c.", "ca.", "before",
                "after", "around", "early", "late", "mid", "summer", "winter", "spring", "autumn", "fall", "during",
                "between", "and", "through", "born", "died", "founded", "established", "est.", "vintage",
                "class", "copyright", "©", "fiscal"} | {m.lower() for m in MONTHS}  # fmt: skip
_YEAR_AFTER = {"was", "were", "is", "will", "saw", "had", "has", "and", "or", "to", "when", "as", "in", "at", "on",
               "for", "with", "brought", "began", "ended", "election", "elections", "season", "census", "olympics",
               "model", "edition", "version", "budget", "world", "cup", "campaign", "report", "survey", "film",
               "movie", "album", "tour", "game", "games", "championship", "war", "crisis", "act", "law", "ad",
               "bc", "bce", "ce", "onwards", "onward", "until", "through", "by", "the", "where", "before",
               "after", "then", "that", "which", "would", "could", "vintage", "release", "est", "estimate",
               "estimates", "forecast", "levels"}  # fmt: skip
# what makes "10/27" after "exp." a card's month and year rather than an offer's last day
_CARD_BEFORE = re.compile(
    r"\b(?:cards?|credit|debit|visa|mastercard|amex|cvv|cvc|valid|good)\b[^.;!?]{0,40}$", re.IGNORECASE
)
_EXPIRY_BEFORE = re.compile(
    r"\b(?:expires|expiry|expiration|exp\.?|valid (?:thru|through|until|till)|good (?:thru|through))"
    r"\s*(?:date\s*)?:?\s$",
    re.IGNORECASE,
)


def minutes(c: Ctx, minute: int) -> str:
    return f"oh {c.num(str(minute))}" if minute < 10 else c.num(str(minute))


# A time with am or pm after a dash or "to": "7:00-8:30 pm" is seven to eight thirty PM
_AMPM_TIME_AFTER = re.compile(r"\s?(?:[-–]|to)\s?(?:1[0-2]|0?[1-9])(?::[0-5][0-9])?\s?[AaPp]\.?\s?[Mm]\b")
# A weekday after "3 p.m.": the time's full stop ends no sentence
# A day after a time's "p.m.": its phrase goes on ("at 3 p.m. Sunday", "at 11:59 p.m. Dec. 31")
_DAY_AFTER = re.compile(
    r"\s+(?:(?:Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)(?:day)?\b|" + MONTH_ABBR + r"[a-z]*\.?\s?[0-9]{1,2}\b)"
)
# A morning's clock with its minutes after a dash or "to" ("09:00-09:45")
_MORNING_MINUTES_AFTER = re.compile(r"\s?(?:[-–]|to|until|till)\s?(?:0[0-9]|1[0-2]):(?!00)[0-5][0-9]")
# A 24-hour time after a dash or "to" ("11:00-22:00"): the time before it is read the same way
_TWENTY_FOUR_AFTER = re.compile(r"\s?(?:[-–]|to|until|till)\s?(?:1[3-9]|2[0-3]|0[0-9]):[0-5][0-9]")


def _time(c: Ctx, hour: int, minute: int, ampm: str | None) -> str | None:
    if not ampm and (c.word_after().lower() in ("ratio", "odds") or RATIO_BEFORE.search(c.before())):
        return None  # "a ratio of 13:12": the ratio rule reads it
    h = c.num(str(hour))
    if hour == 0 and minute and not ampm:  # "00:15": twelve fifteen AM
        h, ampm = c.num("12"), "a"
    if minute == 0 and not ampm and (whole := _whole_hour_span(c, hour)):
        return whole + c.stop()
    if minute == 0:
        if ampm or c.word_after().lower() in ("noon", "midnight") or _AMPM_TIME_AFTER.match(c.m.string, c.m.end()):
            spoken = h
        elif hour == 12:
            spoken = "twelve noon" if c.region.tag == "en-GB" else "twelve o'clock"
        elif hour == 0:
            spoken = "midnight"
        elif c.text.startswith("0") and _MORNING_MINUTES_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK):
            spoken = h  # "09:00-09:45", "from 09:00 to 09:30": nine to nine forty five
        elif c.text.startswith("0"):
            spoken = f"oh {h} hundred"  # "02:00": oh two hundred
        elif hour > 12 or (hour >= 10 and _TWENTY_FOUR_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK)):
            spoken = f"{h} hundred"  # "22:00"; "11:00-22:00": eleven hundred to twenty two hundred
            # (but "9:00-17:30" is nine o'clock: "nine hundred" is a number, and 09:00 "oh nine hundred")
        else:
            spoken = f"{h} o'clock"
    elif minute < 10:
        spoken = f"{h} oh {c.num(str(minute))}"
    else:
        spoken = f"{h} {c.num(str(minute))}"
    if not ampm:
        return spoken + c.stop()
    # 'AM'/'PM' in capitals: espeak-ng spells them after a number (lower case 'a m' is heard as "uh m")
    return spoken + (" AM" if ampm.lower() == "a" else " PM") + c.stop(goes_on=_DAY_AFTER)


# the other end of a span of whole hours written on a 24-hour clock ("10:00-18:00", "from 11:00 until 15:00")
_WHOLE_HOUR_AFTER = re.compile(r"\s?(?:[-–]|to|until|till)\s?([0-2]?[0-9]):00(?![0-9:])")
_WHOLE_HOUR_BEFORE = re.compile(r"(?<![0-9:])([0-2]?[0-9]):00\s?(?:[-–]|to|until|till)\s?$")


def _whole_hour_span(c: Ctx, hour: int) -> str | None:
    """An end of a span of whole hours on a 24-hour clock, as people say opening hours: "10:00-18:00" ten AM to
    six PM, "08:00-20:00" eight AM to eight PM (no "ten hundred"); noon and midnight by name. A span that shows
    no 24-hour time ("9:00-5:00") keeps its o'clock."""
    other = _WHOLE_HOUR_AFTER.match(c.m.string, c.m.end(), c.m.end() + 16) or _WHOLE_HOUR_BEFORE.search(c.before())
    if other is None:
        return None
    other_text = other.group(1)
    if not (hour > 12 or int(other_text) > 12 or c.text.startswith("0") or other_text.startswith("0")):
        return None
    if hour in (0, 24):
        return "midnight"
    if hour == 12:
        return "noon"
    return f"{c.num(str(hour - 12 if hour > 12 else hour))} {'PM' if hour > 12 else 'AM'}"


def _month(name: str) -> str:
    key = name.rstrip(".")[:3].lower()
    return next(m for m in MONTHS if m[:3].lower() == key)


def _weekday(name: str) -> str:
    key = name.rstrip(".").lower()
    return WEEKDAYS[_WEEKDAY_ABBR[key[:4] if key[:4] in _WEEKDAY_ABBR else key[:3]]]


_TO_A_DATE = re.compile(r"\s?(?:to|until|till|through|thru|-|–)\s?(?P<ta>[0-9]{1,2})/(?P<tb>[0-9]{1,2})\b(?!/)")


def _same_month_later(c: Ctx, a: int, b: int, following: re.Match[str]) -> bool:
    """'6/10-6/14': the same month and a later day after the dash (not '1/4-1/2', a range of fractions)."""
    if following.group().strip()[0] not in "-–":
        return False  # "scored 3/10 to 5/10": only a dash joins two dates of one month here
    ta, tb = int(following["ta"]), int(following["tb"])
    return (b == tb and ta > a) if day_first(c) else (a == ta and tb > b)


# Dates written with numbers that show their order: a year after them ("11/15/2024", "25/12/24"), or a weekday
# before them ("Fri. 11/15")
_DATE_SHOWING_ORDER = re.compile(
    r"(?<![0-9/.,])(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?:[0-9]{4}|[0-9]{2})(?![0-9/])"
    r"|\b(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s\(?(?P<wa>[0-9]{1,2})/(?P<wb>[0-9]{1,2})(?![0-9/])"
)


@functools.lru_cache(maxsize=8)
def _order_shown(text: str) -> bool | None:
    """Whether ``text``'s own numeric dates put the day first, where those with a day over twelve all agree
    (an American order in a British reading, "shipped Tue. 11/12 ... ETA Fri. 11/15"); else None."""
    orders = set()
    for m in _DATE_SHOWING_ORDER.finditer(text):
        a, b = int(m["a"] or m["wa"]), int(m["b"] or m["wb"])
        if _day_over_12(a, b):
            orders.add(a > 12)
            if len(orders) > 1:
                return None
    return orders.pop() if orders else None


def day_first(c: Ctx) -> bool:
    """Whether a numeric date puts the day first: as the text's own dates show it, else as the region writes."""
    shown = _order_shown(c.m.string)
    return c.region.day_first if shown is None else shown


def _likely_fraction(a: int, b: int) -> bool:
    """'1/4', '2/3': proper, in lowest terms, over a denominator fractions have."""
    return a < b and b in FRACTION_DENOMINATORS and math.gcd(a, b) == 1


def _day_over_12(a: int, b: int) -> bool:
    """'12/24' or '24/12': a month and a day over twelve, in either order (a date in any region's reading)."""
    return (1 <= a <= 12 and 12 < b <= 31) or (1 <= b <= 12 and 12 < a <= 31)


def _order_after_a_date(c: Ctx, a: int, b: int) -> bool | None:
    """After a date with a day over twelve and "to", "and" or a dash ("from 12/24 to 1/2", "11/29-12/2"), where
    either order is a date or a dash joins the two: whether the day comes first, as that date shows; else None."""
    joined = _DATE_BEFORE_A_JOIN.search(c.before())
    if joined and _day_over_12(int(joined["pa"]), int(joined["pb"])) and (joined["pdash"] or max(a, b) <= 12):
        return int(joined["pa"]) > 12
    if joined and joined["pdash"]:  # "week of 5/12–5/16", "12/5–16/5": the same month, a later day
        pa, pb = int(joined["pa"]), int(joined["pb"])
        first_before = c.before()[: joined.start()]
        dated = last_word(first_before) in _DATE_BEFORE or _NAMED_DAY_BEFORE.search(first_before) is not None
        if not dated:
            return None  # "1/2-1/4 tsp": fractions; a date's words decide for both
        if pa == a and pb < b <= 31 and a <= 12:
            return False
        if pb == b and pa < a <= 31 and b <= 12:
            return True
    return None


def month_day(c: Ctx, a: int, b: int) -> str | None:
    """'12/3' after "on", "due", a weekday...: a date (month/day, or day/month where the day comes first)."""
    before = c.word_before().rstrip(".")
    # "reply by 6/6", "her birthday is 5/5": a day that is its month's number (no fraction is written so)
    deadline = before == "by" or _DEADLINE_BY.search(c.before()) or _NAMED_DAY_BEFORE.search(c.before())
    if (a, b) == (24, 7) or (a == b and before not in _DATE_BEFORE and not (a <= 12 and deadline)):
        return None  # "24/7", "50/50" (but "Mon. 7/7", "on 5/5")
    # "shipped 3/14": a day over 12 where no fraction is likely (improper, or a denominator fractions rarely have);
    # after a word of time, any day over 12 ("a fee after 3/20", "not before 3/25")
    if before.lower() in _NO_DATE_BEFORE:
        return None  # "a 16/9 screen", "the ratio 20/3", "scored 25/12"
    day_over_12 = ((a if day_first(c) else b) > 12 and (a >= b or b not in FRACTION_DENOMINATORS)) or (
        before in ("before", "after", "until", "till", "since") and _day_over_12(a, b)
    )
    # "scheduled for 10/15" in a day-first region: no fifteenth month, so it is written month first
    day_over_12 = day_over_12 or (day_first(c) and a <= 12 < b <= 31 and b not in FRACTION_DENOMINATORS)
    # "Christmas Day 25/12", "the next collection is 28/11", "due back 17/3" in a month-first region: no
    # thirteenth month, so it is written day first, where the words say a day is named
    day_over_12 = day_over_12 or (
        not day_first(c) and b <= 12 < a <= 31 and before.lower() in _DAY_FIRST_DATE_BEFORE | _DATE_BEFORE
    )
    # "from 3/4 to 3/11": a date where a date follows (not "from 1/4 to 1/2", fractions both)
    following = _TO_A_DATE.match(c.m.string, c.m.end(), c.m.end() + LOOK)
    to_a_date = following is not None and (
        (
            before == "from"
            and not (_likely_fraction(a, b) and _likely_fraction(int(following["ta"]), int(following["tb"])))
        )
        or _same_month_later(c, a, b, following)
        or (following.group().strip()[0] in "-–" and _day_over_12(a, b))  # "11/29-12/2" in either region
    )
    first = day_first(c)
    if first and following is not None and int(following["ta"]) == a <= 12 < int(following["tb"]) <= 31:
        first = False  # "week of 5/12–5/16" in British reading too: only the month first makes both dates
    if not first and following is not None and int(following["tb"]) == b <= 12 < int(following["ta"]) <= 31:
        first = True  # "week of 10/6–14/6" in American reading too: only the day first makes both dates
    if (order := _order_after_a_date(c, a, b)) is not None:
        before, first = "on", order  # "from 12/24 to 1/2": the end of a span of dates
    elif (
        _DEADLINE_BY.search(c.before())
        or _NAMED_DAY_BEFORE.search(c.before())
        or (_AFTER_A_TIME.search(c.before()) and c.word_after() != "of")
    ):
        # "reply by 5/12": a deadline; "her birthday is 12/25": a day named; "ends 11:59 PM PST 12/2": a day
        # after its time
        before = "on"
    joiner = before in ("and", "to")  # these join anything: only a denominator no fraction has ("and 14/3" stays)
    unlikely_fraction = b not in FRACTION_DENOMINATORS or (not joiner and (a >= b or math.gcd(a, b) > 1))
    event = before.lower() in _DATE_EVENTS
    loose = (before.lower() in _DATE_BEFORE_LOOSE or event) and unlikely_fraction
    if before not in _DATE_BEFORE and not loose and not day_over_12 and not to_a_date:
        return None
    after = c.word_after()
    if loose and event and after.islower() and after.endswith("s"):
        return None  # "sold 6/10 tickets": six out of ten
    if c.word_after().lower() in MEASURE_NOUNS or (c.word_after() == "of" and before not in ("on", "due", "dated")):
        return None  # "3/4 cup"; "posted 2/3 of the videos"
    if _likely_fraction(a, b) and c.word_after().lower() in ("price", "priced", "off", "marathon", "term", "time"):
        return None  # "Tue – 1/2 price wings": half price (but "took 3/18 off": a day)
    month, day = (b, a) if first else (a, b)
    if month > 12 and 1 <= day <= 12 and 1 <= month <= 31:
        month, day = day, month  # "use by 10/31" in British text, "31/10" in American: only one order is a date
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _date(c, None, month, day)


# A time just after a date's year ("10/31/24 11:59 PM"): a pause between them
_TIME_AFTER_A_YEAR = re.compile(r"\s+(?:[0-9]{1,2}:[0-9]{2}|[0-9]{1,2}\s?[AaPp]\.?[Mm]\b)")


def _date(c: Ctx, y: int | None, m: int, d: int, weekday: str | None = None) -> str | None:
    if not 1 <= m <= 12 or not 1 <= d <= 31:
        return None
    determiner = None if weekday else DETERMINER_BEFORE.search(c.before())
    if c.region.date_day_first and determiner and determiner.group(1).lower() == "the":
        spoken = f"{c.nth(d)} of {MONTHS[m - 1]}"  # "the Mar. 15 deadline": the fifteenth of March ("the" is written)
    elif c.region.date_day_first and not (determiner and c.word_after()[:1].islower()):
        spoken = f"the {c.nth(d)} of {MONTHS[m - 1]}"
    else:  # "a Dec. 1 start", "our Jan. 3 call": as written after a determiner, in either region (the date
        # describes what follows; British English has no "the" of its own there)
        spoken = f"{MONTHS[m - 1]} {c.nth(d)}"
    if weekday:
        spoken = f"{_weekday(weekday)}, {spoken}"
    if y is None:
        return spoken
    # a time just after the year is set apart as a person pauses there ("10/31/24 11:59 PM": twenty twenty
    # four, eleven fifty nine PM), or the two numbers run together
    pause = "," if _TIME_AFTER_A_YEAR.match(c.m.string, c.m.end()) else ""
    return f"{spoken}, {c.year(y)}{pause}"


# Words before "2025 outlook" that make a recent year a year before its noun, or before a word that is none
# ("tips for 2025 start now"; but "for 2000 people", "for 1999 days")
_BEFORE_A_YEAR_NOUN = {"its", "their", "his", "her", "our", "my", "your", "the", "this", "that", "last", "next", "a",
                       "for"}  # fmt: skip
_OWNERS = {"my", "our", "their", "your", "his", "her", "its"}
_VERB_AFTER_A_YEAR = {"are", "looks", "look", "looked", "seems", "seem", "remains", "remain", "promises", "means",
                      "includes", "include", "shows", "show", "starts", "start", "begins", "begin"}  # fmt: skip
_POSSESSIVE_BEFORE = re.compile(r"[A-Za-z0-9]['’]s?\s$")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s$")
# what an event named with its year does ("Wimbledon 2024 runs", "Vision 2030 aims"), where a name and a number
# before a noun would be a count ("Boeing 1500 jets")
_PLURAL_WITHOUT_S = {"people", "staff", "personnel", "men", "women", "children", "police", "cattle", "sheep", "fish",
                     "deer", "feet", "teeth", "mice", "geese", "crew", "workforce"}  # fmt: skip


# what comes before a count, not a year, where a plural noun follows ("up to 1500 people", "a total of 2024 units")
_COUNT_BEFORE = re.compile(
    r"\b(?:up to|total of|maximum of|minimum of|number of|crowd of|staff of|team of)\s$", re.IGNORECASE
)


def _is_year(c: Ctx) -> bool:
    if re.search(r"\b(?:Q[1-4]|H[12]|FY)\s?$", c.before()):  # "Q2 2024", "FY 2025"
        return True
    if re.search(r"\b(?:Act|Acts|Regulations)\s$", c.before()):  # "the Reform Act 1832", "Building Regulations 2010"
        return True
    before, after = c.word_before(), c.word_after()
    if counted(after) and _COUNT_BEFORE.search(c.before()):
        return False  # "up to 1500 people", "a total of 2024 units" (not "the class of 2025 graduates")
    if before in _YEAR_BEFORE:
        return True
    if not after:
        return True  # punctuation or the end follows
    if after[0].isupper():
        return True
    if before == "for" and after in _VERB_AFTER_A_YEAR:
        return True  # "the forecast for 2030 looks good", "targets for 2050 are set"
    value = int(c.text[:4])
    singular_after = not (after.endswith("s") or after in _PLURAL_WITHOUT_S)
    if before in _BEFORE_A_YEAR_NOUN and 1100 <= value <= 2039 and singular_after:
        return True  # "its 2025 outlook", "the 1918 flu" (but "the 2024 employees", "the 1999 staff")
    if before in _OWNERS and 2010 <= value <= 2039:
        return True  # "my 2024 goals", "our 2025 plans": this decade's years (not "my 2000 followers")
    if _POSSESSIVE_BEFORE.search(c.before()) and 1100 <= value <= 2039 and singular_after:
        return True  # "Labour's 1997 landslide", "Apple's 2024 revenue" (but "Apple's 1500 employees")
    if _NAME_BEFORE.search(c.before()) and 1800 <= value <= 2039 and (after in NAMED_THING_DOES):
        return True  # "Wimbledon 2024 runs from July", "Expo 2025 opens", "Glastonbury 2025 sold out"
    return after.lower() in _YEAR_AFTER


def _read_time_dot(c: Ctx) -> str | None:
    g = c.g
    return _time(c, int(g["dth"]), int(g["dtm"]), g["dtap"])


_DOT_TIME_BEFORE = {"at", "from", "until", "till", "by", "before", "after", "kick-off", "kickoff", "starts", "begins",
                    "open", "opens", "closes", "doors", "ko"}  # fmt: skip
_DOT_TIME_DOES_BEFORE = re.compile(
    r"\b(?:opens?|opening|doors|starts?|starting|begins?|leaves?|leaving|departs?|departing|arrives?|arriving|comes|due"
    r"|served|talk|class|session|registration|check-in|collection|pickup|pick-up|bus|ferry|train|tea|coffee|see you"
    r"|last entry|entry"
    r"|kick-?off|KO|lunch|dinner|breakfast|service|mass|meet|meets|until|till|closes|closing|hours:"
    r"|boarding|boards|departure|arrival|dep\.|arr\.|sails|sailing|curfew|gates?|flight"  # "Boarding 14.35, Dep. 10.05"
    r"|(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day)?\.?,?)"
    r":?\s(?:(?:is|are|was|will be|starts|begins)\s)?(?:(?:you|us|me|them)\s)?(?:at\s|from\s|by\s)?"
    r"(?:about\s|around\s)?$",
    re.IGNORECASE,
)
_DOT_RANGE_AMPM_AFTER = re.compile(r"\s?(?:to|until|till|-|–)\s?(?:1[0-2]|0?[1-9])[.:][0-5][0-9]\s?[AaPp]\.?[Mm]\b")
_TRAIN_BEFORE = re.compile(r"\b[Tt]he\s$")
_TRAIN_AFTER = re.compile(r"\s(?:from|to|train|service|departure|arrival)\b|\sat\s[A-Z]")  # "the 3.45 at Ascot"
_DOT_TIME_AFTER = re.compile(r"\s(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|tonight\b)")
_DOT_TIME_ON_A_DAY = re.compile(r"\s(?:on|this|next)\s(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)")  # "at 7.45 on Fri"
_HOUR = r"(?:1[0-9]|2[0-3]|0?[1-9])"  # as the rule "time_dot_bare" writes it
_TO = r"\s?(?:to|until|till|-|–)\s?"
_QUARTER_TIME_RANGE_AFTER = re.compile(rf"{_TO}{_HOUR}\.(?:00|15|30|45)\b(?![.,][0-9])")  # "9.30-5.30"
_RANGE_PARTNER = re.compile(rf"{_TO}[0-9]{{1,2}}\.[0-9]")
_TIME_PARTNER = re.compile(rf"{_TO}{_HOUR}\.[0-5][05](?![0-9]|[.,][0-9]|\s?%)")
_DOT_TIME_TO = re.compile(rf"\b{_HOUR}\.[0-5][05]{_TO}$")
# "between 3.15 and 3.30": two clocks on quarter hours (not "between 1.25 and 1.50", two amounts)
_QUARTERS_DOTTED = {"00", "15", "30", "45"}
_DOT_TIME_AND = re.compile(rf"\bbetween\s{_HOUR}\.(?:00|15|30|45)\sand\s$")
_DOT_TIME_AND_AFTER = re.compile(rf"\sand\s{_HOUR}\.(?:00|15|30|45)\b(?![.,][0-9])")
_NOT_A_TIME_AFTER = re.compile(
    r"\s?(?:per\b|percent|points?\b|pts\b|times\b|a\s|an\s|(?:m|km|kg|g|mm|cm|mi|ft|lbs?|s|secs?|mph|kph|l|ml|oz|x)\b)"
)


# Dotted clocks listed before this one ("at 10.00, 11.30, 13.00 and 15.30")
_DOT_TIMES_LISTED = re.compile(r"(?:(?:1[0-9]|2[0-3]|0?[1-9])\.[0-5][05],?\s(?:(?:and|or|&)\s)?)+$")


def _read_time_dot_bare(c: Ctx) -> str | None:
    g = c.g
    text, after = c.m.string, c.m.end()
    before = c.before()
    listed = _DOT_TIMES_LISTED.search(before)
    first = c.m.start() - len(listed.group()) if listed else 0
    if listed and not text[max(0, first - 8) : first].lower().endswith("between "):
        before = text[max(0, first - LOOK) : first]  # "at 10.00, 11.30 and 15.30": the list's first decides for all
    word_before = last_word(before)
    weekday_after = _DOT_TIME_AFTER.match(text, after) is not None
    if _NOT_A_TIME_AFTER.match(text, after) and not weekday_after:
        return None  # "at 1.50 per kilo", "at 3.45 m", "at 12.30 a share"
    if _RANGE_PARTNER.match(text, after) and not _TIME_PARTNER.match(text, after):
        return None  # "from 1.05 to 1.08": the other end is no time, so neither is this one
    timed = (
        word_before in _DOT_TIME_BEFORE
        or _DOT_TIME_TO.search(before) is not None
        or (g["btm"] in ("00", "15", "30", "45") and _QUARTER_TIME_RANGE_AFTER.match(text, after) is not None)
    )
    # what only a clock is in any writing: "doors open at 6.30", "leaves at 9.05", "at 10.00", "the 8.15 from
    # Brighton" (in American writing "closed at 6.30" may be a price, so "at" alone is not enough there)
    # "open 9.30-5.30", "between 3.15 and 3.30": the range's end is a clock where its start is
    to = _DOT_TIME_TO.search(before)
    quarter = g["btm"] in _QUARTERS_DOTTED
    between = quarter and (
        _DOT_TIME_AND.search(before) is not None
        or (word_before == "between" and _DOT_TIME_AND_AFTER.match(text, after) is not None)
    )
    clock = (
        between
        or _DOT_TIME_DOES_BEFORE.search(before if to is None else before[: to.start()]) is not None
        or (timed and (g["btm"] == "00" or _DOT_TIME_ON_A_DAY.match(text, after) is not None))
        or _DOT_RANGE_AMPM_AFTER.match(text, after) is not None  # "5.30-7.30pm": both ends are clocks
        or (_TRAIN_BEFORE.search(before) is not None and _TRAIN_AFTER.match(text, after) is not None)
    )
    clock = clock or g["bth"].startswith("0")  # "sails at 08.30": no decimal is written with a leading zero
    if g["btm"][1] not in "05" and not clock:
        return None  # "at 3.14", "rose to 14.27": off the five-minute marks only where the words make a clock
    if not ((timed and c.region.dot_times) or clock or weekday_after):
        return None  # "it costs 12.30", "version 2.10": numbers; "from 1.25 to 1.50" in American writing
    return _time(c, int(g["bth"]), int(g["btm"]), None)


def _read_book_number(c: Ctx) -> str | None:
    return ("First", "Second", "Third")[int(c.g["bkn"]) - 1] + " "


# books' abbreviations that are also names: without their dot only where no clock can follow ("Phil 4:4-7",
# "2 Tim 3:16"; not "call Dan 2:30")
_NAMES_OF_BOOKS = {"Dan", "Sam", "Tim", "Col", "Pet", "Phil", "Mal", "Gal", "Jas", "Rev", "Mic", "Ex", "Num"}


def _read_verses(c: Ctx) -> str | None:
    g = c.g
    named = g["vbare"] is not None and g["vabbr"] in _NAMES_OF_BOOKS and not re.search(r"\b[123] $", c.before())
    if named and len(g["vv1"] or "") == 2 and not g["vv2"]:
        return None  # "call Dan 2:30": a name and a time
    book, chapter = g["vbook"] or BOOK_ABBREVIATIONS[g["vabbr"]], c.num(g["vch"])
    if g["vv1"] is None:  # a chapter alone only after a book's number: "1 Cor. 13", not "John 3 times"
        alone = g["vabbr"] or g["vbook"] in CHAPTER_ALONE_BOOKS.split("|")
        return f"{book} {chapter}" if alone and re.search(r"\b[123] $", c.before()) else None
    a = int(g["vv1"])
    if g["vv2"] is None:
        return f"{book} {chapter}, {c.num(str(a))}"  # "John 3:16", "Psalm 119:105"
    b = int(g["vv2"])
    return f"{book} {chapter}, {c.num(str(a))} to {c.num(str(b))}" if b > a else None


def _read_hour_to_time(c: Ctx) -> str | None:
    g = c.g
    return f"{c.num(str(int(g['ht'])))} to "


def _read_hour_range(c: Ctx) -> str | None:
    g = c.g

    def clock(hour: str, minute: str | None) -> str:
        return c.num(hour) + (f" {minutes(c, int(minute))}" if minute and minute != "00" else "")

    ampm = "AM" if g["hrap"].lower() == "a" else "PM"
    return f"{clock(g['hr1'], g['hm1'])} to {clock(g['hr2'], g['hm2'])} {ampm}" + c.stop(goes_on=_DAY_AFTER)


_CLOCK_HOURS_BEFORE = {"is", "was", "at", "by", "until", "till", "before", "after", "from", "curfew", "starts",
                       "ends", "begins", "arrives", "departs", "be", "eta", "etd"}  # fmt: skip


_ZULU_OR_LOCAL = re.compile(r"Z\b|\s(?:local|Zulu)\b")


def _read_mil_time(c: Ctx) -> str | None:
    g = c.g
    hh, mm = g["mh"], g["mm"]
    before, after = c.word_before(), c.m.end()
    # "departs 0745, arrives 1120": times in a timetable; "between 0600 and 2300": both ends of a 24-hour span
    span_before = _MIL_SPAN_BEFORE.search(c.before())
    span_after = _MIL_SPAN_AFTER.match(c.m.string, after) if before == "between" else None
    span = span_before if span_before and not _COUNTED_AFTER.match(c.m.string, after) else span_after
    # a span of clock times ends on quarter hours ("between 0600 and 2330"); "between 1939 and 1945" is years
    clock = span is not None and (g["mw"] or (mm in _QUARTERS and span.group("other")[2:] in _QUARTERS))
    scheduled = before in _SCHEDULE_BEFORE or clock
    # "curfew is 2300 hours", "at 2359": a clock after what says when (not "logged 1500 hours": a count)
    scheduled = scheduled or (g["mw"] is not None and (mm != "00" or before in _CLOCK_HOURS_BEFORE))
    scheduled = scheduled or (hh[0] == "2" and before in ("at", "until", "till", "by"))
    if (g["mw"] and _HOURS_COUNTED.match(c.m.string, after)) or not (
        hh.startswith("0") or before in _MIL_TIME_BEFORE or scheduled
    ):
        return None  # "1400 hours of work", "between 1500 and 2000 hours of work" are numbers of hours
    # "(0100 GMT)", "0600Z", "0600 local": a clock in a time zone
    zoned = ZONE_AFTER.match(c.m.string, after) is not None or _ZULU_OR_LOCAL.match(c.m.string, after) is not None
    scheduled = scheduled or zoned or (hh.startswith("0") and before in ("at", "by", "until", "from", "before"))
    if not (g["mw"] or scheduled):
        return None  # "at 0900" is a time; "0800" alone no more than a number
    return clock_24(c, hh + mm) + (" hours" + c.stop() if g["mw"] else "")


_CLOCK_24 = re.compile(r"(?:[01][0-9]|2[0-3])[0-5][0-9]")


def clock_24(c: Ctx, hhmm: str) -> str:
    """'0745': oh seven forty five; '1700': seventeen hundred (a 24-hour time written as four digits)."""
    hh, mm = hhmm[:2], hhmm[2:]
    if hh == "00":  # "0000 hrs": zero hundred; "0030": zero zero thirty; "0005": zero zero zero five
        if mm == "00":
            return "zero hundred"
        return "zero zero " + (f"zero {c.num(mm[1])}" if mm.startswith("0") else c.num(mm))
    hour = ("oh " if hh.startswith("0") else "") + c.num(str(int(hh)))
    return f"{hour} {'hundred' if mm == '00' else (f'oh {c.num(mm[1])}' if mm.startswith('0') else c.num(mm))}"


def clock_span(c: Ctx, a: str, b: str, unit: str | None) -> str | None:
    """'0800-1700 hrs', '0600-1430': a span of 24-hour times (hours after it, or a first time with a leading
    zero), not a range of numbers."""
    if not (_CLOCK_24.fullmatch(a) and _CLOCK_24.fullmatch(b)) or unit not in (None, "hrs", "hr", "h"):
        return None
    if not (unit or (a.startswith("0") and a[2:] in _QUARTERS and b[2:] in _QUARTERS)):
        return None
    if unit and re.match(r"\s+(?:of|per|a|each)\b", c.m.string[c.m.end() : c.m.end() + 8]):
        return None  # "1000-1200 hrs of work": a count of hours
    return f"{clock_24(c, a)} to {clock_24(c, b)}" + (" hours" if unit else "")


def _read_iso_datetime(c: Ctx) -> str | None:
    g = c.g
    on = _date(c, int(g["xy"]), int(g["xm"]), int(g["xd"]))
    clock = _time(c, int(g["xh"]), int(g["xmi"]), None)
    return f"{on} at {clock}" if on and clock else None


def _read_iso_date(c: Ctx) -> str | None:
    g = c.g
    return _date(c, int(g["iy"]), int(g["im"]), int(g["id"]))


# the words of software before a dotted triple, and a version before "to" ("1.2.3 to 1.2.10")
_SOFTWARE_BEFORE = re.compile(
    r"\b(?:[Vv]ersions?|[Rr]eleases?|[Rr]eleased|[Bb]ump(?:ed|s)?|[Uu]pgrade[ds]?|[Uu]pdate[ds]?|[Pp]atch(?:ed)?"
    r"|[Dd]owngrade[ds]?|[Ii]nstall(?:ed|s)?|[Pp]in(?:ned|s)?|[Ff]irmware|SDK|API|npm|pip|[Bb]uild|[Pp]ackage"
    r"|[Dd]ependency|[Ll]ibrary|[Pp]lugin)\b"
)
_A_VERSION_TO = re.compile(r"\b[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\s(?:to|->|→)\s$|@$")


def _read_num_date(c: Ctx) -> str | None:
    g = c.g
    a, b, y = (int(g["na"]), int(g["nb"]), g["ny"]) if c.rule == "num_date" else (int(g["da"]), int(g["db"]), g["dy4"])
    dotted = c.rule == "num_date" and g["nsep"] == "."  # "03.04.2025": day first wherever it is written
    software = _SOFTWARE_BEFORE.search(c.clause_before()) or _A_VERSION_TO.search(c.before())
    if dotted and len(y) == 2 and software and c.word_before() not in _DATE_BEFORE:
        return None  # "bump lodash from 4.17.20 to 4.17.21", "upgrade to 3.10.12": versions, the version rule's
    month, day = (b, a) if day_first(c) or dotted or a > 12 else (a, b)
    if month > 12:
        month, day = day, month
    # '99, '24; '44 is 1944 ("6/6/44", D-Day): a two-digit year forty and over is the last century's
    return _date(c, int(y) if len(y) == 4 else (1900 if int(y) >= 40 else 2000) + int(y), month, day)


def _read_year_range(c: Ctx) -> str | None:
    g = c.g
    a, b = g["ya"], g["yb"]
    if g["ysep"] == "/" and int(b) != (int(a) + 1) % 100:
        return None  # only a season or a financial year ("the 2023/24 season") is a span with a slash
    if len(b) == 2 and 2000 <= int(a) <= 2009 and a[:2] == "20":
        b = "20" + b  # "2001-07": two thousand one to two thousand seven (the first is no "twenty oh one")
    second = c.num(b.lstrip("0") or "0") if len(b) == 2 else c.year(int(b))
    if b == "00":  # "1999-00": to two thousand (the next century's first year)
        second = c.year((int(a) // 100 + 1) * 100)
    elif len(b) == 2 and b.startswith("0"):
        second = "oh " + second
    if len(b) == 2 and int(b) == (int(a) + 1) % 100 and c.word_after().lower() in _SEASONS:
        return f"{c.year(int(a))} {second}"  # "the 2019-20 season": twenty nineteen twenty, one season's name
    return f"{c.year(int(a))} to {second}"


# what one year and the next name as one ("the 2019-20 season", "the 1999-00 campaign")
_SEASONS = {"season", "seasons", "campaign", "term", "school", "academic", "winter", "session", "league", "cup",
            "regular", "nba", "nhl", "premier"}  # fmt: skip


# what follows "1:50" that makes it a ratio ("a 1:50 dilution"), not a time
_RATIO_AFTER = {"dilution", "dilutions", "ratio", "ratios", "mix", "mixture", "solution", "scale", "split"}


def _read_time(c: Ctx) -> str | None:
    g = c.g
    if not (g["tap"] or g["tap2"] or g["ts"]) and c.word_after().lower() in _RATIO_AFTER:
        return None  # "a 1:50 dilution", "a 1:1 mix": a ratio
    if g["ts"]:  # "1:05:32", a race's time: one oh five thirty two
        sec = int(g["ts"])
        if sec == 0 and (g["tap"] or g["tap2"]):  # "6:00:00 a.m.": six AM
            return _time(c, int(g["th"]), int(g["tm"]), g["tap"] or g["tap2"])
        minute = int(g["tm"])  # "1:00:05": one oh oh oh five
        spoken = f"{c.num(g['th'])} {minutes(c, minute) if minute else 'oh oh'} {minutes(c, sec) if sec else 'flat'}"
        ampm = g["tap"] or g["tap2"]  # "11:59:59 PM": a clock's time to the second
        return spoken + (f" {ampm.upper()}M" + c.stop(goes_on=_DAY_AFTER) if ampm else c.stop())
    if c.text.startswith("0:") and not (g["tap"] or g["tap2"]):  # "0:00 intro, 0:45 specs": a video's timestamps
        return f"zero {minutes(c, int(g['tm'])) if g['tm'] != '00' else 'zero'}"
    return _time(c, int(g["th"]), int(g["tm"]), g["tap"] or g["tap2"])


def _read_ap_range(c: Ctx) -> str | None:
    g = c.g
    opens = _time(c, int(g["ap1"]), 0, g["apa"])
    closes = _time(c, int(g["ap2"]), 0, g["apb"])
    return f"{opens} to {closes}" if opens and closes else None


def _read_hour_ampm(c: Ctx) -> str | None:
    g = c.g
    if g["hap2"] and c.region.tag == "en-GB":
        return None  # "at 7p" is seven pence there
    return _time(c, int(g["hh"] or g["hh2"]), 0, g["hap"] or g["hap2"])


# what may follow a date typed in lower case ("till 14 nov. at noon", "3 jan and back"); before another word
# the letters may be something else ("2 dec. places", "the 14 march protest")
_AFTER_LOWER_DATE = NOT_A_NOUN | {"then", "till", "until", "through", "thru", "onwards", "only", "please", "pls"}


def _read_date_lower(c: Ctx) -> str | None:
    after = c.word_after()
    if after.islower() and after not in _AFTER_LOWER_DATE:
        return None
    return _read_date(c)


# a day's ordinal alone just before, joined to this one ("the 22nd and 23rd of May"; not "Jun 22nd and 31 October")
_ORDINAL_JOINED_BEFORE = re.compile(r"\b[0-9]{1,2}(?:st|nd|rd|th)(?:(?:,| and| or| &)\s|/)$")
_MONTH_WORD_BEFORE = re.compile(rf"\b{MONTH_ABBR}[a-z]*\.?\s$")


def _day_joined_before(c: Ctx) -> bool:
    joined = _ORDINAL_JOINED_BEFORE.search(c.before())
    return joined is not None and _MONTH_WORD_BEFORE.search(c.before()[: joined.start()]) is None


_MONTH_WHOLE_STOP = re.compile(rf"(?:{'|'.join(MONTHS)})\.$")


def _date_stop(c: Ctx) -> str:
    """The date's full stop: a sentence's end wherever a month written whole ends it ("on Fri 15 March. 73,000
    racegoers came"), else where a capital or the end follows ("Mar. 5" ends nothing)."""
    if _MONTH_WHOLE_STOP.search(c.text):
        return "."
    return c.stop()


def _read_date(c: Ctx) -> str | None:
    g = c.g
    mname = _month(g["m1"] or g["m2"])
    y = int(g["dy"]) if g["dy"] else None
    day = int(g["d1"] or g["d2"])
    month = MONTHS.index(mname) + 1
    if g["d0"]:  # "5th-7th March", "24-26 Dec": the first day, then the second as the end of a range
        day, last = int(g["d0"]), day
        if not day < last <= 31:
            return None
    else:
        last = int(g["d3"]) if g["d3"] else 0
    if last:  # "Nov 14-16": November fourteenth to sixteenth
        if not 1 <= last <= 31:
            return None
        to = " or " if g["d0j"] else " to "  # "30/31 March", "the 1st/2nd of June": the one day or the other
        spoken = _date(c, None, month, day, g["wd"])
        the = c.region.date_day_first or (g["d0"] and c.word_before() == "the")  # "the 3rd-5th of May"
        end = f"the {c.nth(last)}" if the and not g["d0j"] else c.nth(last)
        if spoken is None:
            return None
        if c.region.date_day_first:  # "the fourteenth to the sixteenth of November"
            spoken = spoken.replace(f" of {mname}", "") + f"{to}{end} of {mname}"
        elif the:  # "The 3rd-5th of May": the third to the fifth of May
            spoken = f"{c.nth(day)}{to}{end} of {mname}"
        else:
            spoken += f"{to}{end}"
        if c.word_before() == "the" and spoken.startswith("the "):
            spoken = spoken[4:]  # "the" is written already
        return spoken + (f", {c.year(y)}" if y is not None else "") + _date_stop(c)
    spoken = _date(c, y, month, day, g["wd"])
    if spoken is None:
        return None
    # "the 3rd of March": the third of March; "the 22nd and 23rd of May": one month for both days, as written
    joined = " of " in c.text and _day_joined_before(c)
    if g["d1"] and (c.word_before() == "the" or joined) and not g["wd"]:
        spoken = f"{c.nth(day)} of {mname}" + (f", {c.year(y)}" if y is not None else "")
    return spoken + _date_stop(c)


def _read_weekday(c: Ctx) -> str | None:
    g = c.g
    if c.text.startswith("Sun") and not c.text.startswith("Sund") and re.search(r"\b(?:[Tt]he|our|Our)\s$", c.before()):
        return None  # "the second planet from the Sun.": the star
    return _weekday(g["wk"] or g["wk2"] or g["wk3"] or g["wk4"] or g["wk5"]) + c.stop(_CAPITALS_AFTER)


_CAPITALS_AFTER = re.compile(r"\s+[A-Z]{2,}\b")  # "Wed. HIIT class", "Mon. NASA talk": what happens that day


_MONTH_BEFORE_JOINER = re.compile(rf"\b{MONTH_ABBR}[-–/]$")
_MONTH_AND_BEFORE = re.compile(rf"\b{MONTH_ABBR}\.?\s(?:and|to|or|thru|through)\s$")


def _read_month(c: Ctx) -> str | None:
    g = c.g
    if g["mo4"] and not _MONTH_BEFORE_JOINER.search(c.before()):
        return None
    if g["mo6"] and not _MONTH_AND_BEFORE.search(c.before()):
        return None  # "Jan and Mar" (not "Tom and Jan", "Ben to Mar")
    return _month(g["mo"] or g["mo2"] or g["mo3"] or g["mo4"] or g["mo5"] or g["mo6"]) + c.stop()


_DAY_LETTERS = {"M": "Monday", "T": "Tuesday", "Tu": "Tuesday", "W": "Wednesday", "Th": "Thursday", "R": "Thursday",
                "F": "Friday", "Sa": "Saturday", "Su": "Sunday"}  # fmt: skip


def _read_day_letters(c: Ctx) -> str | None:
    letters = c.g["dl"].split("/")
    if len(letters) < 3 and not set(letters) & {"Tu", "Th", "Sa", "Su"}:
        return None  # "M/F", "T/F"
    days = [_DAY_LETTERS[x] for x in letters]
    order = [WEEKDAYS.index(day) for day in days]
    if order != sorted(set(order)):
        return None  # "W/R/T" (with regard to) names no days in a week's order
    return ", ".join(days[:-1]) + " and " + days[-1]


_TWO_LETTER_DAYS = dict(zip(("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"), WEEKDAYS, strict=True))
_ONE_LETTER_DAYS = {"M": "Monday", "W": "Wednesday", "F": "Friday"}


def _read_day_two(c: Ctx) -> str | None:
    """A listing's days by two letters ("Mo-Fr", "Sa 10-4"), or by one beside two ("M-Th", "F-Sa", "Tu-F")."""
    g = c.g
    if g["d1"] or g["d1b"]:
        return _ONE_LETTER_DAYS[g["d1"] or g["d1b"]]
    return _TWO_LETTER_DAYS[g["d2"] or g["d2b"] or g["d2c"]]


def _read_utc_offset(c: Ctx) -> str | None:
    g = c.g
    sign = "plus" if g["tzs"] == "+" else "minus"
    return f"{g['tz']} {sign} {c.num(str(int(g['tzh'])))}" + (
        f" {c.num(g['tzm'])}" if g["tzm"] and g["tzm"] != "00" else ""
    )


def _read_decade(c: Ctx) -> str | None:
    g = c.g
    if g["dec3"]:  # "the 60s", "her 20s", "an 80s hit"; else "60s" is sixty seconds ("a 30s clip")
        listed = re.search(r"[1-9]0['’]?s,?\s(?:(?:and|or|to|through|&)\s)?$", c.before())  # "20s and 30s"
        if c.word_before() not in _DECADE_BEFORE and c.word_after().lower() not in _OF_A_DECADE and not listed:
            return None
        word = c.num(g["dec3"])
    elif g["dec2"]:
        word = c.num(g["dec2"]) if g["dec2"] != "00" else c.year(2000)  # "the '00s": the two thousands
    else:
        word = c.year(int(g["dec"]))
    return plural_words(word)


def _read_decade_range(c: Ctx) -> str | None:
    g = c.g
    if not g["drc"] and c.word_before() not in _DECADE_BEFORE:
        return None  # "took 60s-90s each" (seconds)
    first = c.year(int(g["drc"] + g["dr1"])) if g["drc"] else c.num(g["dr1b"])
    if g["dr2"] == "00":  # "the 1990s–2000s", "the '90s–'00s": the two thousands
        second = c.year(2000)
    else:
        second = c.year(int(g["drc2"] + g["dr2"])) if g["drc2"] else c.num(g["dr2"])
    return f"{plural_words(first)} to {plural_words(second)}"


def _read_year(c: Ctx) -> str | None:
    g = c.g
    value = int(g["yr"])
    if DIGIT_BY_DIGIT_AFTER.search(c.before()):
        return None  # "passcode 1234": the identifier rule's, digit by digit
    if value < 1100:  # "in 1066", "the Battle of Hastings (1066)", but "1024 bytes", "1050 people"
        alone = re.search(r"[A-Z][A-Za-z]*\s\($", c.before()) and c.m.string.startswith(")", c.m.end())
        alone = alone and not re.match(r"\)\s[a-z]+s\b", c.m.string[c.m.end() : c.m.end() + LOOK])  # "(1024) rows"
        after = c.word_after()
        sized = re.match(r"\s+(?:by|x|×)\s*[0-9]", c.m.string[c.m.end() : c.m.end() + 8])  # "of 1050 by 800 mm"
        early = c.word_before() in _YEAR_EARLY_BEFORE and (not after.islower() or after in _AFTER_AN_EARLY_YEAR)
        early = early and not sized
        return c.year(value) if early or alone else None
    if c.word_after() == "block":  # "the 1600 block of Main St.": sixteen hundred
        return c.year(value)
    return c.year(value) if _is_year(c) else c.num(g["yr"])


def _read_noon_dash(c: Ctx) -> str | None:
    before = c.before()
    if c.text[0] in "-–" and before[-1:].isdigit() and not re.search(r"(?<![0-9.,])(?:1[0-2]|0?[1-9])$", before):
        return None  # "9–noon" is an hour to noon; "1990-noon" is not
    return " to "


def _read_expiry(c: Ctx) -> str | None:
    g = c.g
    month, year2 = g["exm"], g["exy"]
    whole_year = len(year2) == 4 and c.word_before() not in ("scored", "score", "scores", "rated", "got", "of")
    if not (g["exw"] or _EXPIRY_BEFORE.search(c.before()) or whole_year):
        return None  # "First reg. 03/2016", "MOT 10/2025": a month and a year wherever the year is written whole
    if len(year2) == 4:  # "Exp. 03/2026": March twenty twenty six
        return ("expires " if g["exw"] else "") + f"{MONTHS[int(month) - 1]} {c.year(int(year2))}"
    if not (month.startswith("0") or _CARD_BEFORE.search(c.before())):
        # "code FALL30 (exp. 10/31)": an offer's last day, where the two numbers make one in the region's order;
        # a card's "08/27", or any "valid thru", is a month and a year
        a, b = int(month), int(year2)
        date = _date(c, None, *((b, a) if day_first(c) else (a, b)))
        if date:
            return ("expires " if g["exw"] else "") + date
    spoken = "oh " + c.num(month[1]) if month.startswith("0") else c.num(month)
    spoken += ", " + ("oh " + c.num(year2[1]) if year2.startswith("0") and year2 != "00" else c.num(year2))
    return ("expires " if g["exw"] else "") + spoken


def _read_tv_time(c: Ctx) -> str | None:
    g = c.g
    a, b = int(g["tv1"]), int(g["tv2"])
    return f"{c.num(str(a))}, {c.num(str(b))} central" if a - b == 1 and 1 <= b <= 11 else None


def _read_leading_quarter(c: Ctx) -> str | None:
    """ "in 2Q": in the second quarter; "1H24": first half twenty four."""
    the = "the " if re.search(r"\b(?:in|during|for|from|by|since|over|through)\s$", c.before(), re.IGNORECASE) else ""
    spoken = f"{the}{c.nth(int(c.g['lqn']))} {'quarter' if c.g['lqk'] == 'Q' else 'half'}"
    return spoken + (" " if c.m.string[c.m.end() : c.m.end() + 1].isalnum() else "")


def _read_short_year(c: Ctx) -> str | None:
    g = c.g
    said = [("oh " + c.num(y[1])) if y.startswith("0") else c.num(y) for y in (g["sy"], g["sy2"]) if y]
    return " to ".join(said)


# Words before "9/11" that make it a date ("due 9/11"), not the attacks ("since 9/11")
_NINE_ELEVEN_DATE_BEFORE = (_DATE_BEFORE - {"since"}) | {"by"}


def _read_nine_eleven(c: Ctx) -> str | None:
    return None if c.word_before() in _NINE_ELEVEN_DATE_BEFORE else "nine eleven"


def _read_era_year(c: Ctx) -> str | None:
    return c.year(int(c.g["ey"]))


# "at 14h30", "from 9h15": a time of day written the continental way, said as a 24-hour time
_CLOCK_BEFORE = {"at", "from", "until", "till", "by", "before", "after", "since", "opens", "closes", "starts",
                 "ends", "leaves", "arrives", "departs", "departure", "arrival"}  # fmt: skip
_HM_CLOCK_AFTER = re.compile(r"\s?[-–]\s?[0-9]{1,2}h[0-5][0-9]\b")  # "14h30-16h00": one clock time to another
_HM_CLOCK_BEFORE = re.compile(r"\b[0-9]{1,2}h[0-5][0-9]\s?[-–]\s?$")


def _read_hm_duration(c: Ctx) -> str | None:
    hours = c.g["hmh"]
    if int(hours) <= 23 and (c.word_before() in _CLOCK_BEFORE or _HM_CLOCK_AFTER.match(c.m.string, c.m.end())
                             or _HM_CLOCK_BEFORE.search(c.before())):  # fmt: skip
        return _time(c, int(hours), int(c.g["hmm"]), None)
    return f"{c.num(hours)} {'hour' if int(hours) == 1 else 'hours'} {c.num(str(int(c.g['hmm'])))}"


def _read_glued_duration(c: Ctx) -> str | None:
    g = c.g
    if g["gdh"]:  # "1h20m": one hour twenty minutes
        h, m = g["gdh"], g["gdm"]
        return f"{c.num(h)} {'hour' if h == '1' else 'hours'} {c.num(m)} {'minute' if m == '1' else 'minutes'}"
    m, sec = g["gdm2"], g["gds"]  # "3m30s": three minutes thirty seconds
    return f"{c.num(m)} {'minute' if m == '1' else 'minutes'} {c.num(sec)} {'second' if sec == '1' else 'seconds'}"


READERS: dict[str, Reader] = {
    "glued_duration": _read_glued_duration,
    "to_present": say(" to the "),
    "fourth_of_july": say("Fourth of July"),
    "hm_duration": _read_hm_duration,
    "time_h": say(" hours"),
    "era_year": _read_era_year,
    "nine_eleven": _read_nine_eleven,
    "iso_datetime": _read_iso_datetime,
    "iso_date": _read_iso_date,
    "num_date": _read_num_date,
    "dash_date": _read_num_date,
    "year_range": _read_year_range,
    "book_number": _read_book_number,
    "verses": _read_verses,
    "psalm": say("Psalm"),
    "hour_to_time": _read_hour_to_time,
    "time": _read_time,
    "time_dot": _read_time_dot,
    "hour_range": _read_hour_range,
    "ap_range": _read_ap_range,
    "hour_ampm": _read_hour_ampm,
    "mil_time": _read_mil_time,
    "decade_range": _read_decade_range,
    "born_died": lambda c: "born " if c.g["bd"] == "b" else "died ",
    "date": _read_date,
    "weekday": _read_weekday,
    "time_dot_bare": _read_time_dot_bare,
    "day_two": _read_day_two,
    "period_year_mark": say(" "),
    "leading_quarter": _read_leading_quarter,
    "till_late": say(" till "),
    "times_daily": say("times"),
    "date_caps": _read_date,
    "date_lower": _read_date_lower,
    "month": _read_month,
    "decade": _read_decade,
    "expiry": _read_expiry,
    "tv_time": _read_tv_time,
    "year": _read_year,
    "circa": say("circa "),
    "short_year": _read_short_year,
    "noon_dash": _read_noon_dash,
    "hrs_after_time": lambda c: "hours" + c.stop(),  # "at 08:32 hrs. Then": its full stop ends the sentence
    "weekdays": say("Monday to Friday"),
    "day_letters": _read_day_letters,
    "utc_offset": _read_utc_offset,
}
