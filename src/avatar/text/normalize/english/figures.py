"""Reading numbers that name rather than count: ordinals, model and form numbers ("RTX 4090", "Form 1040",
"7950X"), codes ("CVE-2023-1234", "SKU 12-345-678"), road and bill numbers ("Highway 101", "H.R. 3684"), versions,
lettered roads and aircraft, spreadsheet cells, grades, numbered items ("No. 5", "#3"), and every other number (the
last rules of the table)."""

from __future__ import annotations

import re

from avatar.text.normalize.english.context import (
    DETERMINER_BEFORE,
    ID_BEFORE,
    LOOK,
    NAMED_THING_DOES,
    ZONE_AFTER,
    Ctx,
    Reader,
    code_number,
    counted,
    names_an_id,
    plural_words,
    say,
    spell_groups,
)
from avatar.text.normalize.english.measures import UNITS
from avatar.text.normalize.english.vocabulary import DIGIT_BY_DIGIT_AFTER, ELEMENTS, WRITTEN_SHORT_BEFORE_A_NUMBER
from avatar.text.normalize.numbers import spell_digits

_GRADE_BEFORE = {"a", "an", "got", "get", "gets", "getting", "earned", "earn", "earns", "received", "receive",
                 "scored", "score", "grade", "straight", "her", "his", "my", "their", "our", "your", "with",
                 "average", "averaged", "rated", "rating", "given", "gave", "and", "or", "to", "mostly", "grades",
                 "marks", "mark", "results"}  # fmt: skip
# Another grade beside it, in a list or a choice: "A+, B-, C", "B+ or A-", "A-, B+ and C"
_GRADE_JUST_BEFORE = re.compile(r"\b[A-F][+-]?(?:,|\sor|\sand|\sto)?\s$")
_GRADE_JUST_AFTER = re.compile(r"(?:,|\sor|\sand|\sto)\s[A-F][+-]?(?:[,.;)]|\s(?:or|and|to)\b|$)")
# Words before a lower-case "no." that make it the word no ending a sentence, not "number"
_NO_IS_A_WORD_AFTER = {"said", "say", "says", "saying", "answered", "answer", "answers", "replied", "reply", "shouted",
                       "yelled", "whispered", "just", "simply", "definitely", "absolutely", "probably", "and", "but",
                       "or", "so", "oh", "well", "means", "meant"}  # fmt: skip
_MODEL_AFTER = {"Ti", "Super", "XT", "XTX", "GRE"}
_DAY_NAMED_BEFORE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s$")


def _read_ordinal(c: Ctx) -> str | None:
    g, text = c.g, c.text
    n = int(g["ord"].replace(",", ""))
    suffix = text[-2:].lower()
    if suffix != ("th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")):
        return None  # "12st" is no ordinal (twelve stone)
    if _DAY_NAMED_BEFORE.search(c.before()) and n <= 31:
        return "the " + c.nth(n)  # "Sale ends Sunday 30th": Sunday the thirtieth
    return c.nth(n)


def _read_model_number(c: Ctx) -> str | None:
    g = c.g
    after = c.word_after()
    named = c.word_before() in ("form", "forms", "flight")  # "Form 1040": ten forty
    # "1099-NEC", "1040-SR": a form's number before the capitals of its kind
    named = named or re.match(r"-[A-Z]{1,4}\b(?![-'’])", c.m.string[c.m.end() : c.m.end() + 7]) is not None
    # after a model's capitals, spaced or glued: "RTX 4090", "GTX1080", "ISO9001"
    if after in UNITS or not (re.search(r"\b[A-Z]{2,5}\s?$", c.before()) or after in _MODEL_AFTER or named):
        return None
    return c.year(int(g["mn"]))


def _read_flight(c: Ctx) -> str | None:
    g = c.g
    airline = "".join(f"{c.num(ch) if ch.isdigit() else ch} " for ch in g["fla"] or "")  # "BA": B A; "3K"
    return f"{g['flw']} {airline}{code_number(c, g['fln'])}"


def _read_airline_flight(c: Ctx) -> str | None:
    g = c.g
    airline = " ".join(c.num(ch) if ch.isdigit() else ch for ch in g["afa"])  # "BA": B A; "U2": U two
    return f"{airline} {code_number(c, g['afn'])}"


def _read_formation(c: Ctx) -> str | None:
    text = c.text
    return " ".join(c.num(d) for d in text.split("-"))


_RECORD_BEFORE = re.compile(r"\b[Rr]ecords?\b\W*(?:\w+\W+){0,3}$")
_RECORD_AFTER = re.compile(r"\s(?:record\b|\(W[-–]L)")


def _read_record(c: Ctx) -> str | None:
    if not (_RECORD_BEFORE.search(c.before()) or _RECORD_AFTER.match(c.m.string, c.m.end())):
        return None
    return " ".join(c.num(n) for n in re.split(r"[–-]", c.g["rec"]))


_REFERENCE_BEFORE = ID_BEFORE | {"code", "pnr", "voucher", "coupon", "reservation", "ref:", "no.", "number"}


def _read_reference(c: Ctx) -> str | None:
    ref = c.g["ref"]
    if not ref[-1].isalpha() and c.word_before().rstrip(":") not in _REFERENCE_BEFORE:
        return None  # "MP3", "FY2024", "ISO 9001" are read as their own rules read them
    return spell_groups(c, [ref])


def _read_code_groups(c: Ctx) -> str | None:
    groups = c.text.split("-")
    if all(g.isdigit() for g in groups):
        # "123-4567890-1234567": digit by digit ("1-2-3", "555-123-4567", "978-3-16-148410-0" are other rules')
        return spell_groups(c, groups) if max(len(g) for g in groups) >= 5 else None
    return ", ".join(_code_group(c, g) for g in groups)


def _code_group(c: Ctx, group: str) -> str:
    """One group of an identifier: "4471" forty four seventy one, "01234" digit by digit, "INV" letters joined
    as the capitals of a word are (espeak-ng spells them as one; apart, "I N V" was heard "i and b"), "1Z" one Z."""
    if group.isdigit():
        return code_number(c, group) if len(group) <= 4 else spell_digits(group, c.region.phone_zero)
    if group.isalpha():
        return "-".join(group)
    return spell_groups(c, [group])


def _read_id_sign(c: Ctx) -> str | None:
    n = c.g["idn"]
    if "-" in n or len(n) > 4:
        return " number " + spell_groups(c, n.split("-"))  # "MLS# 23-456789": two three, four five six ...
    return f" number {c.num(n)}"  # "Order# 1234"


FX_NAMES = {"USD": "dollar", "EUR": "euro", "GBP": "pound", "JPY": "yen", "CHF": "Swiss franc",
             "CAD": "Canadian dollar", "AUD": "Australian dollar", "NZD": "New Zealand dollar",
             "CNY": "yuan"}  # fmt: skip


def _numbered(c: Ctx, n: str, tail: str | None = None) -> str:
    """A number after "#" or "no.": five digits or more are an identifier, said digit by digit ("#48213");
    parts joined by hyphens are a code, each part said as :func:`_read_code` says it ("policy no. 4471-22":
    forty four seventy one, twenty two), where there are three parts or one of three digits ("no. 3-2" stays)."""
    if tail:
        parts = [n, *tail[1:].split("-")]
        if len(parts) >= 3 or _longest(parts) >= 3:
            return ", ".join(_code_part(c, p) for p in parts)
        return "-".join(c.num(p) for p in parts)
    if len(n) == 4 and n.isdigit() and n[0] != "0":
        return code_number(c, n)  # "Walgreens #7731", "badge #4471": seventy seven thirty one, as a name's number
    return spell_groups(c, [n]) if len(n) >= 5 and n.isdigit() else c.num(n)


def _read_number_sign(c: Ctx) -> str | None:
    letter = c.g["hashl"]
    return f"number {_numbered(c, c.g['hashn'], c.g['hashx'])}" + (f" {letter}" if letter else "")  # "Apt. #4B"


_STATUS_BEFORE = {"http", "https", "status", "error"}
_STATUS_AFTER = {"error", "errors", "response", "responses", "Not", "Forbidden", "Unauthorized", "Internal", "Bad",
                 "Service", "Too", "OK", "Created", "Gateway", "Moved", "Found"}  # fmt: skip


def _read_status_code(c: Ctx) -> str | None:
    """'HTTP 429', 'a 404 error', '503 Service Unavailable': four twenty nine, four oh four, five oh three."""
    code, after = c.g["hsc"], c.word_after()
    if c.word_before().lower() in _STATUS_BEFORE or after in _STATUS_AFTER or (code == "404" and after == "page"):
        return code_number(c, code)
    return None


def _read_id_groups(c: Ctx) -> str | None:
    """A secret or an identifier in groups, or one of five digits and more, after what names it: "Your code is
    482 913", "Enter PIN 1234", "Customer number: 330129", "Reference number: 4521 7788 9900": digit by digit,
    a pause between groups. A number that no such word names is the other rules' ("the 2024 budget")."""
    groups = c.g["idg"].split()
    if DIGIT_BY_DIGIT_AFTER.search(c.before()) or (
        names_an_id(c.before()) and (len(groups) > 1 or len(groups[0]) >= 5)
    ):
        return spell_groups(c, groups)
    return None


def _read_id_number(c: Ctx) -> str | None:
    """'SKU 48213', 'account 12345678': an identifier after the word that names it; 'area code 212', 'your PIN
    is 4821', 'verification code: 093': digit by digit."""
    if len(c.g["idd"]) < 5:
        return spell_groups(c, [c.g["idd"]]) if DIGIT_BY_DIGIT_AFTER.search(c.before()) else None
    named = re.search(r"\b(?P<w>[A-Za-z]+\.?)(?:\s(?:[Nn]umber|[Nn]o\.|#))?:?\s$", c.before())
    if not named or named["w"].lower() not in ID_BEFORE:  # "order number 55012" (not "the number 10000")
        return None
    return spell_groups(c, [c.g["idd"]])


def _read_hashtag(c: Ctx) -> str | None:
    g = c.g
    ident = g["tag"] + (g["tagid"] or "")
    # "order #A1234-567", "Booth #B12": a number (a letter or two, then digits: no hashtag)
    if re.search(r"[0-9]", ident) and (
        g["tagid"] or c.word_before() in ID_BEFORE or re.fullmatch(r"[A-Z][0-9]{1,8}", ident)
    ):
        # "order #A1234-567": a number, said letter by letter and digit by digit
        return "number " + spell_groups(c, ident.split("-"))
    # "#TalkingHeads": its words apart; "#AI2024", "#Euro2024": a year as a year
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_", " ", g["tag"])
    tag = re.sub(r"[0-9]+", lambda d: f" {_tag_number(c, d.group())} ", words)
    said = "" if c.word_before().lower() in ("hashtag", "hashtags") else "hashtag "  # "use the hashtag #MyStory"
    return " ".join(f"{said}{tag}".split()) + (g["tagid"] or "")


def _tag_number(c: Ctx, digits: str) -> str:
    if len(digits) == 4 and 1900 <= int(digits) <= 2099:
        return c.year(int(digits))
    return c.num(digits) if len(digits) <= 4 else spell_digits(digits)


def _read_years_old(c: Ctx) -> str | None:
    """ "a 45 y/o male", "a 67 y/o M": year old, before what it describes; "she's 35 y/o.": years old."""
    sex = {"M": " male", "F": " female", None: ""}[c.g["yos"]]
    ends = not sex and re.match(r"\s*(?:[.,;:!?)]|$)", c.m.string[c.m.end() : c.m.end() + 2])
    one = re.search(r"(?<![0-9.])1$", c.before())  # "he is 1 y/o": one year old
    return (" years old" if ends and not one else " year old") + sex + c.stop()  # "I'm 32 y.o.": its stop too


def _read_number_no(c: Ctx) -> str | None:
    g, text = c.g, c.text
    if (text[0] == "n" or g["non2"]) and c.word_before() in _NO_IS_A_WORD_AFTER:
        return None  # "She said no. 5 minutes later...": the word no, then a new sentence
    return f"number {_numbered(c, g['non'] or g['non2'], g['nonx'])}"


def _read_version(c: Ctx) -> str | None:
    g, text = c.g, c.text
    parts = g["ver"].split(".")
    if len(parts) == 4:  # "192.168.1.10": an address, each part as network people say it (one ninety two)
        spoken = " dot ".join(code_number(c, p) for p in parts)
    else:
        spoken = " point ".join(c.num(p.lstrip("0") or "0") if len(p) <= 2 or p[0] != "0" else spell_digits(p)
                                for p in parts)  # fmt: skip
    return ("version " if text[0] in "vV" else "") + spoken


def _read_version_x(c: Ctx) -> str | None:
    """ "v20.x", "v1.4.x": a release line, its last part any."""
    spoken = " point ".join(c.num(p) for p in c.g["vx"].split(".")) + " point x"
    return f"version {spoken}" if c.g["vxv"] else spoken


# Software whose name comes before its release number ("Python 3.12"); "version" and "v" too
RELEASED = {"python", "ios", "ipados", "macos", "android", "node", "node.js", "ruby", "php", "java", "perl", "swift",
            "kotlin", "django", "rails", "ubuntu", "debian", "fedora", "bluetooth", "usb", "http", "tls", "opengl",
            "vulkan", "directx", "cuda", "pytorch", "torch", "kubernetes", "rust", "go", "typescript", "react",
            "angular", "vue", "firefox", "chrome", "version", "ver", "ver.", "release", "v", "gradle", "numpy",
            "pandas", "tensorflow", "unity", "blender", "postgres", "postgresql", "mysql", "redis", "nginx",
            "openssl", "wordpress", "drupal", "jdk", "gcc", "clang", "llvm", "xcode"}  # fmt: skip


def _read_release(c: Ctx) -> str | None:
    g = c.g
    if g["rlv"]:  # "v2.0", "v2.15": version two point zero, two point fifteen
        minor = spell_digits(g["rvb"]) if len(g["rvb"]) > 1 and g["rvb"][0] == "0" else c.num(g["rvb"])
        return f"version {c.num(g['rva'])} point {minor}"
    if c.word_before() not in RELEASED or _VERSUS_BEFORE.search(c.before()):
        return None  # "9.784 v 9.789": versus, not a release
    return f"{c.num(g['rla'])} point {c.num(g['rlb'])}"


# "v" between two numbers, a result and a name, or two places: versus ("7 v 2", "1st v 2nd", "(22-0) v Fury")
_VERSUS_BEFORE = re.compile(r"(?:[0-9]|[0-9](?:st|nd|rd|th)|\))\sv\s$")


_ERA_AFTER = re.compile(r"\s+(?:BCE?|AD|CE|B\.C\.|A\.D\.)(?![A-Za-z])")


def _read_century(c: Ctx) -> str | None:
    return " century" + c.stop(goes_on=_ERA_AFTER)  # "the 5th cent. BC": no new sentence


def _read_lettered(c: Ctx) -> str | None:
    g = c.g
    number = code_number(c, g["ld"])
    return f"{g['ll']} {plural_words(number) if g['lls'] else number}"


def _read_lettered_plural(c: Ctx) -> str | None:
    return f"{c.g['lpl']} {plural_words(c.num(c.g['lpd']))}"


# "CVE-2023-1234", "F-150", "i7-13700H": after capitals, or a letter and a digit, and a hyphen
_CODE_PREFIX = re.compile(r"(?<![A-Za-z0-9-])(?:[A-Z]{1,6}|[A-Za-z]{1,3}[0-9]{1,2})-$")
_CODE_FIRST_PART = re.compile(r"(?<![0-9A-Za-z.,-])([0-9]{1,5})-$")


def _code_part(c: Ctx, part: str) -> str:
    digits = part.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    letters = part[len(digits) :]
    return " ".join([code_number(c, digits), *letters]) if digits else " ".join(letters)


def _read_code(c: Ctx) -> str | None:
    """An identifier of numbers joined by hyphens, each part said as a code ("CVE-2023-1234": twenty twenty three,
    twelve thirty four; "SKU 12-345-678"; "ISO-8601"), never a range. Two short parts after capitals ("B-52",
    "COVID-19") and chains of one-digit parts (formations: "4-4-2") are the other rules'."""
    parts = c.text.split("-")
    before = c.before()
    if [len(p) for p in parts] == [3, 2, 4] and c.text.replace("-", "").isdigit():
        return spell_groups(c, parts)  # "SSN 123-45-6789": digit by digit, as people read a social security number
    counted = parts
    if _CODE_PREFIX.search(before):
        if len(parts) < 2 and _longest(parts) < 3:
            return None
    else:
        first = _CODE_FIRST_PART.search(before)  # "part no. 4-1123-09": its first part read already, by "No."
        if before.endswith("-") and first is None:
            return None
        counted = [*parts, first.group(1)] if first else parts
        if len(counted) < 3 or _longest(counted) < 2:
            return None  # "4-4-2": a formation ("12-25-24", a date, is an earlier rule's)
    return ", ".join(_code_part(c, p) for p in parts)


def _longest(parts: list[str]) -> int:
    return max(len(p.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for p in parts)


def _read_alnum_id(c: Ctx) -> str | None:
    text = c.text  # five digits in a row and two capitals or more ("14900K" is a model's number, "WASHINGTON" a word)
    if not re.search(r"[0-9]{5}", text) or sum(ch.isalpha() for ch in text) < 2:
        return None
    return spell_groups(c, [text])


def _read_model_suffix(c: Ctx) -> str | None:
    """ "7950X", "14900K", "5800X3D": a processor's or a card's model number and its letters."""
    letters = " ".join(c.num(ch) if ch.isdigit() else ch for ch in c.g["mss"])  # "X3D": X three D
    return f"{code_number(c, c.g['msn'])} {letters}"


# after "US 101", the words a road's number goes on with (not "US 500 troops")
_ROAD_AFTER = {"", "to", "and", "or", "in", "at", "near", "from", "through", "north", "south", "east", "west", "exit"}


def _read_road_number(c: Ctx) -> str | None:
    """ "Highway 101", "Route 128", "US 395": a road's number said as people say it (one oh one, one twenty eight)."""
    if c.before().endswith("US ") and c.word_after().islower() and c.word_after() not in _ROAD_AFTER:
        return None  # "US 500 troops"
    return code_number(c, c.g["rdn"])


# a share price in pence beside it ("rose 3p to 480p", "shares fell 12p"): "480p" is money, not a video's lines
_PENCE_AROUND = re.compile(
    r"\b(?:shares?|stock|pence|price|rose|fell|gained|lost|added|shed|dropped|climbed|slipped)\b"
)


def _read_video_lines(c: Ctx) -> str | None:
    g = c.g
    if _PENCE_AROUND.search(c.clause_before()):
        return None
    lines = int(g["vl"])
    return (c.year(lines) if lines >= 1000 else f"{c.num(g['vl'][0])} {c.num(g['vl'][1:])}") + " p"


def _read_boeing(c: Ctx) -> str | None:
    g = c.g
    variant = (f" {c.num(g['bo3'])}" if g["bo3"] else "") + (" X" if g["box"] else "")  # "737-800", "777X"
    return f"{c.num(g['bo1'])} {c.num(g['bo2'])}{variant}"


def _read_cells(c: Ctx) -> str | None:
    g = c.g
    return f"{g['ce1']} {c.num(g['cn1'])} to {g['ce2']} {c.num(g['cn2'])}"


def _read_before_number(c: Ctx) -> str | None:
    g, text = c.g, c.text
    word = WRITTEN_SHORT_BEFORE_A_NUMBER[(g["bn"] or g["bn2"]).lower()]
    return (word[0].lower() if text[0].islower() else word[0].upper()) + word[1:]  # "ep. 42": episode


def _read_grade(c: Ctx) -> str | None:
    g = c.g
    if (
        c.word_before() not in _GRADE_BEFORE
        and c.word_after().lower() not in ("grade", "average", "grades")
        and not _GRADE_JUST_BEFORE.search(c.before())
        and not _GRADE_JUST_AFTER.match(c.m.string, c.m.end(), c.m.end() + 12)
    ):
        return None
    return f"{g['grl']} {'plus' if g['grs'] == '+' else 'minus'}"


def _read_under_age(c: Ctx) -> str | None:
    g = c.g
    if g["ua3"]:
        return f"{g['ua3']} {plural_words(c.num(g['uan3']))}"  # "under 5s free": under fives
    if g["uan4"] or g["uan5"]:
        return f"under-{c.num(g['uan4'] or g['uan5'])}"  # "(U18)", "the U-17 World Cup": under-eighteen
    return f"{g['ua'] or 'under'}-{plural_words(c.num(g['uan'] or g['uan2']))}"  # "U12s": under-twelves


def _read_section(c: Ctx) -> str | None:
    g = c.g
    if g["para"]:
        return "paragraphs " if g["para"] == "¶¶" else "paragraph "
    return "sections " if g["secs"] or g["ss"] or g["sect"] == "§§" else "section "


def _section(c: Ctx, d: str) -> str:
    """A statute's section as lawyers say it: in pairs ("§ 1983" nineteen eighty three; "§ 1001" ten oh one,
    where a code's number would be "one oh oh one")."""
    if len(d) == 4 and d[1:3] == "00" and d[3] != "0":
        return f"{c.num(d[:2])} oh {c.num(d[3])}"
    return code_number(c, d)


def _read_section_number(c: Ctx) -> str | None:
    g = c.g
    return _section(c, g["scn"]) + (f" to {_section(c, g['scn2'])}" if g["scn2"] else "")


def _read_docket(c: Ctx) -> str | None:
    g = c.g
    kind = " ".join(g["dkk"].upper())
    number = spell_digits(g["dkn"].lstrip("0") or "0", c.region.phone_zero)
    return f"{c.num(g['dko'])} {c.num(g['dky'])} {kind} {number}"


_REPORT_EDITIONS = {"2d": "second", "3d": "third", "4th": "fourth"}


def _read_law_report(c: Ctx) -> str | None:
    g = c.g
    name = re.sub(r"\s", "", g["lrn"])
    words = {"U.S.": "U S", "S.Ct.": "S C T"}.get(name)
    if words is None:
        series, _, edition = name.partition(".")  # "F.3d", "F.Supp.2d", "L.Ed.2d"
        head = {"F": "F", "L": "L Ed"}[series] + (" Supp" if edition.startswith("Supp") else "")
        tail = re.sub(r"^(?:Supp|Ed)\.", "", edition)
        words = f"{head} {_REPORT_EDITIONS[tail]}" if tail else head
    return f"{code_number(c, g['lrv'])} {words} {code_number(c, g['lrp'])}"


def _read_team(c: Ctx) -> str | None:
    g = c.g
    return {"49": "Forty-Niners", "76": "Seventy-Sixers"}[g["team"]]


def _read_nth_minute(c: Ctx) -> str | None:
    g = c.g
    plural = c.text.rstrip(".").endswith("s")  # "the 23rd and 67th mins": minutes
    return f"{c.nth(int(g['omn']))} {'minutes' if plural else 'minute'}" + c.stop()


def _read_number(c: Ctx) -> str | None:
    g, text = c.g, c.text
    if g["neg"]:
        return c.num("-" + g["neg"])
    if len(text) > 1 and text.startswith("0") and text.isdigit():  # "code 0412", "PIN 0000": digit by digit
        return "double oh seven" if text == "007" else spell_digits(text, c.region.phone_zero)
    if len(text) == 3 and text.isdigit() and _BORN_OR_DIED_BEFORE.search(c.before()):
        return c.year(int(text))  # "Bede (b. 673)": born six seventy three, a year
    if (
        re.fullmatch(r"7[0-9]7", text)
        and DETERMINER_BEFORE.search(c.before())
        and _AN_AIRLINER_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK)
    ):
        return code_number(c, text)  # "The 747 took off", "our 787": an airliner by its number (not "the 747 seats")
    return c.num(text)


# what follows an airliner's number: a verb, a clause's end, a variant or a word of flying
_AN_AIRLINER_AFTER = re.compile(
    r"\s*(?:[.,;:!?)]|$)|-[0-9]|\s(?:MAX|Max|Dreamliner|jumbo|jet|jets|freighter|fleet|cockpit|crew|pilot|flight"
    r"|[a-z]+ed|took|flew|was|is|had|has|made|landed|lands|carries|carried)\b"
)
# born or died in brackets before an early year ("Bede (b. 673)", "(b. 673, d. 735)")
_BORN_OR_DIED_BEFORE = re.compile(r"[(;,]\s?[bd]\.\s?$")


def _read_digits(c: Ctx) -> str | None:
    text = c.text
    return " " + (c.num(text) if len(text) <= 4 else spell_digits(text)) + " "


def _read_episode(c: Ctx) -> str | None:
    return f"season {c.num(str(int(c.g['sea'])))}, episode {c.num(str(int(c.g['epi'])))}"


_ROMAN_SMALL = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def _read_subdivision(c: Ctx) -> str | None:
    words = []  # "(b)(iii)": b, three; "(a)": a; "(2)": two (a lone "(i)" or "(v)" is a letter: "3(i)" is three i)
    parts = re.findall(r"\(([a-z0-9]+)\)", c.g["subs"])
    for n, part in enumerate(parts):
        if part.isdigit():
            words.append(c.num(part))
        elif part in _ROMAN_SMALL and (n > 0 or len(part) > 1):
            words.append(c.num(str(_ROMAN_SMALL[part])))
        else:
            words.append(part.upper() if len(part) == 1 else " ".join(part.upper()))
    if c.g["subto"]:  # "3(a)–(c)": the last part's range, read as the last part is
        last = parts[-1]
        to = c.g["subto"]
        if to.isdigit():
            words.append("to " + c.num(to))
        elif to in _ROMAN_SMALL and last in _ROMAN_SMALL and (len(parts) > 1 or len(last) > 1 or len(to) > 1):
            words.append("to " + c.num(str(_ROMAN_SMALL[to])))
        else:
            words.append("to " + (to.upper() if len(to) == 1 else " ".join(to.upper())))
    return " " + " ".join(words)  # "rule 12(b)(6)": twelve B six


def _read_resolution_k(c: Ctx) -> str | None:
    return f"{c.num(c.g['kres'] or c.g['kres2'])} K"


_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def _read_formula(c: Ctx) -> str | None:
    """A chemical formula as a chemist says it: its elements' letters, each count after its element ("H₂O":
    H two O; "CO₂": C-O two; "NaHCO₃": N-A-H-C-O three), the letters of elements side by side joined to be spelled."""
    words: list[str] = []
    letters = ""
    for element, count in re.findall(r"([A-Z][a-z]?)([₀-₉0-9]*)", c.text):
        letters += element.upper()
        if count:
            words += ["-".join(letters), c.num(count.translate(_SUBSCRIPTS))]
            letters = ""
    if letters:
        words.append("-".join(letters))
    return " ".join(words)


# words before a number of three digits that count or order it as a number ("Chapter 123", "Psalm 119", "Page 101")
_COUNTED_BEFORE = {"chapter", "chapters", "psalm", "psalms", "page", "pages", "section", "article", "verse",
                   "volume", "part", "book", "level", "floor", "year", "day", "week", "episode", "step", "stage",
                   "phase", "grade", "exit", "gate", "platform", "no", "number", "unit", "lot", "box", "suite",
                   "apartment", "apt", "ward", "bed", "seat", "row", "pier", "dock", "bay", "lane", "track", "mile",
                   "km", "kilometre", "kilometer", "kilometres", "kilometers", "miles", "under", "over", "top",
                   "best", "than", "about", "around", "only", "nearly", "almost", "some", "all", "just", "hit",
                   "scored", "sold", "ranked", "rank", "size", "width", "height", "weight", "team", "roster",
                   "class", "group", "league", "division", "district", "zone", "region", "area", "block"}  # fmt: skip
_PLAIN_AFTER = {"of", "to", "percent", "times", "million", "billion", "thousand", "per", "more", "less",
                "people", "years", "days", "a", "an", "the", "in", "on", "at", "for", "from", "by", "with"}  # fmt: skip


# capitalised at a sentence's start, words that are no name ("Only 450 remain")
_FUNCTION_WORDS = {"only", "about", "over", "under", "nearly", "almost", "around", "roughly", "approximately", "some",
                   "all", "just", "another", "those", "these", "the", "a", "an", "of", "in", "on", "at", "by", "for",
                   "with", "from", "to", "and", "but", "so", "we", "they", "i", "he", "she", "it", "you", "there",
                   "here", "total", "now", "then", "today", "yesterday", "tomorrow", "since", "until", "after",
                   "before", "between", "within", "up", "down", "than", "more", "less", "fewer", "least", "most",
                   "exactly", "precisely", "circa", "page", "pages", "call", "dial", "text", "room", "flight",
                   "route", "highway", "interstate", "ext", "extension", "bus", "train", "gate", "chapter", "see",
                   "or", "nor", "if", "when", "while", "as", "is", "was", "are", "were", "be", "been", "has", "have",
                   "had", "do", "did", "does", "will", "would", "can", "could", "may", "might", "must", "should",
                   "got", "get", "gets", "made", "make", "makes", "took", "take", "takes", "our", "my", "your",
                   "his", "her", "their", "its", "this", "that", "every", "each", "no", "any", "which", "what",
                   "whose", "one", "both", "either", "neither", "many", "few", "several", "other"}  # fmt: skip
_NO_NAME = _COUNTED_BEFORE | _FUNCTION_WORDS | {"ayes", "noes", "yeas", "nays"}  # "Ayes 320, Noes 200": votes
# a label's words before its amount ("Calories 250;", "Sodium 480 mg"): a count, not a name's number
_NO_NAME |= {"calories", "kcal", "energy", "sodium", "protein", "fat", "carbs", "carbohydrate", "sugar", "sugars",
             "fibre", "fiber", "cholesterol", "potassium", "calcium", "steps", "weight", "height", "total",
             "score", "points", "goals", "runs", "wins", "losses", "seats", "votes", "balance", "price", "cost",
             "budget"}  # fmt: skip
# what follows a side's score or a party's seats ("Australia 298 all out", "England 325 and 4 for 12", "Con 365,
# Lab 202"): a count
_A_SCORE_AFTER = re.compile(r"\s(?:all\sout|runs?\b|(?:and|for|to)\s[0-9])|,\s[A-Z][A-Za-z]*\s[0-9]{2,3}\b")


def _read_named_number(c: Ctx) -> str | None:
    """A product's, a title's or a course's number after its name: "Fahrenheit 451" (four fifty one), "PHYS 101"
    (one oh one), "the Samsung 990 Pro", "Peugeot 208"; a count or a place in a series stays a number ("Chapter
    123", "Boeing 300 jets", "Only 450 remain")."""
    name = re.search(r"(?:^|(?<=[\s(\[\"“]))([A-Z][A-Za-z]*)[\s-]$", c.before())
    if name is None or name.group(1).lower() in _NO_NAME:
        return None  # "Chapter 123", "Only 450 remain", "About 300 came": a count's word, or no name
    after = c.word_after()
    if _A_SCORE_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK) or re.search(
        r"\b[A-Z][A-Za-z]*\s[0-9]{2,3},\s$", c.before()
    ):
        return None
    plural = counted(after) and after not in NAMED_THING_DOES  # "Boeing 300 jets" (not "PHYS 101 starts")
    if after.islower() and (plural or after in _PLAIN_AFTER or after in UNITS):
        return None
    if after in UNITS or _MEASURED_AFTER.match(c.m.string, c.m.end()):
        return None  # "BNP 450 pg/mL", "ALP 140 U/L", "Platelets 450 x10^9/L": a measured value
    return code_number(c, c.g["nmn"])


# a unit of a measured value after a number ("450 pg/mL", "140 U/L", "120 x10^9/L")
_MEASURED_AFTER = re.compile(r"\s?(?:[A-Za-zµμ]{1,5}/[A-Za-z0-9µμ.]{1,6}\b|[x×]\s?10\^)")


# words of computer hardware, which make a bare "4090" or "5600" a model's number nearby
_HARDWARE = re.compile(
    r"\b(?:GPUs?|graphics|RTX|GTX|Ti|Super|VRAM|DLSS|FSR|Nvidia|NVIDIA|GeForce|AMD|Radeon|RX|Ryzen|Intel"
    r"|CPUs?|Threadripper|Xeon|Snapdragon|Exynos|Dimensity|chipset|XTX|XT)\b"
)


def _read_chip_number(c: Ctx) -> str | None:
    after = c.word_after()
    if (after in UNITS and after != "in") or (counted(after) and after != "vs"):
        return None  # "5600 rpm", "3000 people": a measure, a count
    if not _HARDWARE.search(c.m.string, max(0, c.m.start() - 160), c.m.end() + 160):
        return None  # "the 2000 election": no hardware
    return code_number(c, c.g["chip"])


def _read_eu_act(c: Ctx) -> str | None:
    """ "2016/679": twenty sixteen slash six seven nine; "65/EU": sixty five slash E-U."""

    def part(n: str) -> str:
        if len(n) == 4 and n[:2] in ("19", "20"):
            return c.year(int(n))
        return spell_digits(n) if len(n) >= 3 else c.num(n)

    said = f"{part(c.g['eua'])} slash {part(c.g['eub'])}"
    return said + (f" slash {'-'.join(c.g['euc'])}" if c.g["euc"] else "")


def _read_iso_standard(c: Ctx) -> str | None:
    year = c.g["iso2"]
    if not year and c.g["iso1"].endswith("0"):
        return None  # "ISO 3200", "ISO 100": a camera's sensitivity (a standard is "ISO 9001", "ISO 22000:2018")
    return c.num(c.g["iso1"]) + (f", {c.year(int(year))}" if year else "")  # nine thousand one, twenty fifteen


def _read_period_year(c: Ctx) -> str | None:
    year = c.g["pyy"]
    said = c.year(int(year)) if len(year) == 4 else c.num(year) if year[0] != "0" else f"oh {c.num(year[1])}"
    return f"{c.g['pyk']} {c.num(c.g['pyn'])} {said}"  # "Q4/24": Q four twenty four


# what a menu path's ">" follows: an instruction to go through the app's menus
_MENU_BEFORE = re.compile(
    r"(?i:\b(?:go|tap|click|open|select|choose|navigate|head|press|hit|find)\b[^.!?\n()]{0,60}$)"
    r"|>\s[A-Z][A-Za-z ]{0,30}$"
)


def _read_menu_path(c: Ctx) -> str | None:
    text, end = c.m.string, c.m.end()
    listed = re.match(r" [A-Z][A-Za-z ]{0,30} > ", text[end : end + 40]) is not None
    if listed or _MENU_BEFORE.search(text, max(0, c.m.start() - 80), c.m.start()):
        return ", then"  # "Settings > General > About": Settings, then General, then About
    return None  # "Quality > Quantity": greater than, or over, as the writer meant


def _read_isotope(c: Ctx) -> str | None:
    return f"{c.g['isoe']} {code_number(c, c.g['iso'])}"  # "uranium-235": uranium two thirty five


def _read_runway(c: Ctx) -> str | None:
    side = {"L": "left", "R": "right", "C": "centre" if c.region.tag == "en-GB" else "center"}[c.g["rws"]]
    runway = "runway" if c.g["rww"] == "RWY" else c.g["rww"]  # "runway 27L": runway twenty seven left
    return f"{runway} {c.num(c.g['rwn'].lstrip('0') or '0')} {side}"


def _read_restated_number(c: Ctx) -> str | None:
    """ "six (6) months": the figure in brackets restates the words before it, as contracts write; it is not said
    twice (nothing is said for it, else it is read)."""
    words = c.num(c.g["rsn"]).replace("-", " ").split()
    before = re.sub(r"[-\s]+", " ", c.before()).lower().split()
    return "" if before[-len(words) :] == words else None


def _read_wifi_standard(c: Ctx) -> str | None:
    letters = c.g["wfs"]
    return "eight oh two dot eleven" + (" " + "-".join(letters.upper()) if letters else "")


def _read_formula_plain(c: Ctx) -> str | None:
    text = c.text
    if not re.search(r"[0-9a-z]", text) or re.fullmatch(r"[A-Z]{2}[0-9]{1,3}", text):
        return None  # "CO", "NO": words or letters; "PS5", "AB5": two capitals and a number (caps_glued's)
    if re.fullmatch(r"[A-Z]{2,}s", text):
        return None  # "NICs", "PICs": capitals made plural, not caesium
    if text in ("NaN", "HeLa", "CoCo") or not all(symbol in ELEMENTS for symbol in re.findall(r"[A-Z][a-z]?", text)):
        return None  # "HiFi", "MyCo2", "NaN": no formula
    return _read_formula(c)


# After a series' last value: its unit or label ("8/16/32 GB", "8/12/10 KDA", "18/21/24%", "12/11/10s"), where
# three whole numbers are a series and not a date
_SERIES_LABEL_AFTER = re.compile(
    r"(?:%|s\b|x\b|\s?[A-Z]{2,}\b|\s?(?:"
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True) if u[0].isalpha())
    + r")(?![A-Za-z]))"
)


def _read_slash_series(c: Ctx) -> str | None:
    values = [*c.g["ssr"].split("/")[:-1], c.g["sslast"]]
    after = c.m.end() + len(c.g["sslast"])
    labelled = _SERIES_LABEL_AFTER.match(c.m.string, after) is not None and not ZONE_AFTER.match(c.m.string, after)
    if len(values) == 3 and not labelled and not any("." in v for v in values):
        return None  # "on 8/12/10": a date
    return "".join(c.num(v) + ", " for v in values[:-1])


READERS: dict[str, Reader] = {
    "reddit": lambda c: f"{c.g['rdk']} slash ",
    "score_v": say("versus"),
    "chip_number": _read_chip_number,
    "oil_grade": lambda c: f"{c.num(c.g['og1'])} W {c.num(c.g['og2'])}",
    "tenor": lambda c: f"{c.num(c.g['tnn'])}-{'year' if c.g['tny'] else 'month'}",
    "iso_standard": _read_iso_standard,
    "letter_power": lambda c: f"{c.g['lpv']} {'squared' if c.g['lpp'] == '2' else 'cubed'}",
    "ten_to_minus": say(" to the power of minus "),
    "period_year": _read_period_year,
    "starred_grades": lambda c: " ".join(f"{g[0]} star" if g[1:] else g for g in re.findall(r"[A-E]\*?", c.g["grd"])),
    "menu_path": _read_menu_path,
    "end_mark": say(""),
    "bet365": say("Bet three six five"),
    "eu_act": _read_eu_act,
    "case_v_after_abbr": say("versus"),
    "report_series": lambda c: {"2": "second", "3": "third", "4": "fourth"}[c.g["rsn"]],
    "numbers_and": say(" and "),
    "featuring": say("featuring"),
    "keycap": lambda c: c.num(c.g["kcd"]),
    "slash_series": _read_slash_series,
    "formula_plain": _read_formula_plain,
    "wifi_standard": _read_wifi_standard,
    "restated_number": _read_restated_number,
    "version_v": lambda c: "version " if re.search(r"(?:\b[A-Z][A-Za-z0-9+#.-]*\s|\()$", c.before()) else None,
    "formula": _read_formula,
    "named_number": _read_named_number,
    "runway": _read_runway,
    "isotope": _read_isotope,
    "id_groups": _read_id_groups,
    "status_code": _read_status_code,
    "id_number": _read_id_number,
    "resolution_k": _read_resolution_k,
    "subdivision": _read_subdivision,
    "episode": _read_episode,
    "boeing": _read_boeing,
    "video_lines": _read_video_lines,
    "always": say("twenty four seven three sixty five"),
    "team": _read_team,
    "nth_minute": _read_nth_minute,
    "ordinal": _read_ordinal,
    "century": _read_century,
    "model_number": _read_model_number,
    "formation": _read_formation,
    "record": _read_record,
    "number_sign": _read_number_sign,
    "hashtag": _read_hashtag,
    "code_groups": _read_code_groups,
    "number_no": _read_number_no,
    "version": _read_version,
    "flight": _read_flight,
    "version_x": _read_version_x,
    "release": _read_release,
    "under_age": _read_under_age,
    "years_old": _read_years_old,
    "section": _read_section,
    "number": _read_number,
    "digits": _read_digits,
    "lettered": _read_lettered,
    "motorway_a": lambda c: f"A {code_number(c, c.g['amn'])} M",
    "letter_equals": say(" equals "),
    "flight_level": lambda c: "flight level " + spell_digits(c.g["fl"], "zero"),
    "code": _read_code,
    "alnum_id": _read_alnum_id,
    "label_number": lambda c: f"{c.num(c.g['lb1'])} {c.num(c.g['lb2'])}",  # "Fig. 3-2": three two
    "all_week": say("twenty four seven"),
    "reference": _read_reference,
    "house_number": lambda c: code_number(c, c.g["hn"]) + (f" {c.g['hnl']}" if c.g["hnl"] else ""),
    "road_number": _read_road_number,
    "room_number": lambda c: code_number(c, c.g["rmn"]),
    "id_sign": _read_id_sign,
    "section_number": _read_section_number,
    "law_report": _read_law_report,
    "docket": _read_docket,
    "lettered_plural": _read_lettered_plural,
    "airline_flight": _read_airline_flight,
    "fx_pair": lambda c: f"{FX_NAMES[c.g['fx1']]} {FX_NAMES[c.g['fx2']]}",
    "bill_number": lambda c: code_number(c, c.g["bill"]),
    "model_suffix": _read_model_suffix,
    "cells": _read_cells,
    "before_number": _read_before_number,
    "grade": _read_grade,
}
