"""Reading words written short: capitals (acronyms said as words against initialisms spelled out), Roman
numerals in names and titles, titles and abbreviations ("Dr.", "St.", "approx."), states, provinces and compass
points (and a road's direction after its number: "Hwy. 1 N"), and symbols ("&", "@", "+", "=")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from avatar.text.normalize.english.context import (
    DETERMINER_BEFORE,
    LOOK,
    NOT_A_NOUN,
    STOP_AFTER,
    Ctx,
    Reader,
    code_number,
    say,
)
from avatar.text.normalize.english.vocabulary import (
    ABBREVIATIONS,
    AP_STATES,
    CURRENCIES,
    LENGTH_UNIT,
    MONTH_ABBR,
    SHORT_WORDS,
    TITLES,
    US_STATES,
    WRITTEN_SHORT_BEFORE_A_NUMBER,
)
from avatar.text.normalize.numbers import spell_digits

# Canadian provinces and territories the same way ("Ottawa, ON.")
CA_PROVINCES = {"AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
                "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
                "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
                "SK": "Saskatchewan", "YT": "Yukon"}  # fmt: skip
_STATE_WORDS = {"OK", "HI", "ME", "IN", "OH", "OR", "ON"}
# A place named after a word that places it ("born in Honolulu, HI", "from Dayton, OH"), or after another state in
# a list ("Boise, ID, Portland, ME", "Tulsa, OK and Gary, IN"): a code that is also a word is the state there,
# except "OK" ("let's meet in London, OK.")
_PLACED_BEFORE = re.compile(
    r"(?:\b(?:in|at|from|near|to|of|outside|around|via|towards?)|\b[A-Z]{2}(?:,|,?\s(?:and|or)))"
    r"\s(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+,\s$"
)
COMPASS = {"N": "North", "S": "South", "E": "East", "W": "West", "NE": "northeast", "NW": "northwest",
           "SE": "southeast", "SW": "southwest", "NNE": "north northeast", "ENE": "east northeast",
           "ESE": "east southeast", "SSE": "south southeast", "SSW": "south southwest", "WSW": "west southwest",
           "WNW": "west northwest", "NNW": "north northwest"}  # fmt: skip
_STREET_AFTER = re.compile(
    r"\s(?:[A-Z][a-z]+|[0-9]{1,3}(?:st|nd|rd|th))\.?\s(?:St|Ave|Rd|Blvd|Dr|Ln|Way|Pl|Ct|Pkwy|Hwy|Ter|Street|Avenue|Road|"
    r"Boulevard|Drive|Lane|Place|Court|Parkway|Highway|Terrace)\b"
)
# A country, or a word that names what follows it, has no sentence stop before a capital ("the U.S. Army", "the
# Natl. Guard", "the Mtg. Room"), except where the text ends or a sentence plainly starts after it ("in the U.S.
# We ship...")
_STOPS_ONLY_BEFORE_A_SENTENCE = {"U.S.", "U.K.", "U.S.A.", "E.U.", "U.N.", "Natl.", "Intl.", "Mtg.", "Bros."}
# Abbreviations read without a sentence stop even before a capital ("vs. Spain", "the U.S. Army")
_NO_STOP = {"vs.", "Vs.", "vs", "e.g.", "i.e.", "approx.", "Approx.", "incl.", "excl.", "No.", "w/", "w/o", "Ref.",
            "exc.", "Conf.", "reg.", "inc.", "cf.", "no.", "nos.", "Nos.", "Asst.", "asst.",
            "Cty.", "def.", "Fig.", "Figs.", "fig.", "figs."} | _STOPS_ONLY_BEFORE_A_SENTENCE  # fmt: skip
_SENTENCE_STARTS = re.compile(
    r"\s*$|[ \t]*\n|\s+(?:The|We|It|I(?!\.)|Our|This|They|He|She|You|That|These|Those|There|But|So|Its|Their|His|"
    r"Her|My|Your)\b"
)
# Spoken as words (written in title case, so espeak-ng never spells them).
ACRONYMS = {"NASA", "NATO", "UNESCO", "UNICEF", "FIFA", "UEFA", "OPEC", "NASDAQ", "LASER", "RADAR", "SCUBA", "AIDS",
            "COVID", "GIF", "IKEA", "SARS", "MERS", "FEMA", "OSHA", "DARPA", "CERN", "ASAP", "NAFTA", "ASEAN",
            "INTERPOL", "SWAT", "PIN", "SIM", "LAN", "WAN", "RAM", "ROM", "CAPTCHA", "GIS", "BAFTA", "MENSA",
            "NIMBY", "YOLO", "OLED", "LIDAR", "SONAR", "TESOL", "UNIX", "LINUX", "JSON", "YAML",
            "ZIP", "NVIDIA", "AWOL", "SCOTUS", "POTUS", "FLOTUS", "NORAD", "ASCII", "WYSIWYG", "OPSEC",
            "GIPHY", "FTSE", "NIST", "OFSTED", "OFCOM", "OFGEM", "UCAS", "HIPAA", "PETA", "MERCOSUR", "DAX",
            "NOAA", "FOMO", "IMAX", "VIX", "LOL"}  # fmt: skip
_ACRONYM_SAY = {"WWI": "World War One", "WWII": "World War Two",
                "JPEG": "jay peg", "COVID": "Covid", "OLED": "oh led", "OK": "okay",
                "GIF": "gif", "PIN": "pin", "SIM": "sim", "FTSE": "Footsie", "UCAS": "you cass", "HIPAA": "Hippa",
                "NOAA": "Noah", "IMAX": "eye max", "PETA": "Peeta", "MERCOSUR": "Mercosoor",
                "WAV": "wave", "ISO": "eye so", "SaaS": "sass", "REIT": "reet"}  # fmt: skip
# Initialisms: espeak-ng (which piper speaks through) spells capitals it cannot read as a word ("FBI", "the
# IT team", "the US"), so these stay as written; the few it reads as a word ("the AP." as "app", "WHO" as
# "who", "EV" as "ev") are written as hyphen-joined letters, which it spells.
INITIALISMS = {"FBI", "CIA", "NSA", "USA", "UK", "EU", "UN", "BBC", "CNN", "NBC", "CBS", "ABC", "HBO", "IBM", "HP",
               "AI", "ML", "API", "CPU", "GPU", "HTML", "CSS", "PDF", "URL", "USB", "TV", "DVD", "CD", "ID", "IT",
               "HR", "PR", "CEO", "CFO", "CTO", "COO", "VP", "MP", "DJ", "NYC", "LA", "DC", "UFO", "ATM", "FAQ",
               "IRS", "DOJ", "FDA", "CDC", "GDP", "NHS", "MIT", "UCLA", "NFL", "NBA", "MLB", "NHL", "BMW", "VAT",
               "US", "IQ", "PC", "PhD", "MBA", "SUV", "RV", "IOU", "DNA", "RNA", "HIV", "ICU", "ER", "OS", "IP",
               "VPN", "SMS", "GPS", "RSVP", "DIY", "FYI", "BTW", "SQL"}  # fmt: skip
# ("OKR" as "ocker", "ROI" as "roy", "ETA" as "eater", before some words and at a clause's end; time zones
# such as "EST" and "CEST", read as words otherwise)
SPELLED = {"AP", "WHO", "EV", "FY", "AM", "PM", "AD", "IST", "AEST", "AEDT", "CE", "BCE", "ROI", "ETA", "OKR", "EST",
           "CEST", "EEST", "AST", "ADT", "NZST", "NZDT", "SAST", "ACST", "ACDT", "AWST", "NYSE", "NIC",
           "NICs"}  # fmt: skip
SYMBOL_WORDS = {"&": "and", "%": "percent", "@": "at", "+": "plus", "=": "equals", "#": "number", "$": "dollars",
                "€": "euros", "£": "pounds", "¥": "yen", "₹": "rupees", "/": "slash", "_": "underscore",
                "-": "dash", ".": "dot", ":": "colon", "?": "question mark", "~": "tilde", "*": "star",
                "^": "caret", "|": "bar", "\\": "backslash", "<": "less than", ">": "greater than", "×": "times",
                "÷": "divided by", "±": "plus or minus", "≈": "about", "°": "degrees", "¢": "cents",
                "≥": "greater than or equal to", "≤": "less than or equal to", "≠": "does not equal",
                "π": "pi", "→": "to", "−": "minus", "↑": "up", "↓": "down", "⇒": "to", "⌘": "command"}  # fmt: skip
# Words before a Roman numeral that make it a number ("Chapter IV", "World War II", "Super Bowl LVIII").
_ROMAN_KEYWORDS = {"chapter", "part", "volume", "vol.", "book", "act", "scene", "section", "article", "phase",
                   "episode", "ep.", "appendix", "level", "stage", "type", "class", "grade", "war", "bowl", "title",
                   "tier", "mark", "mk", "rocky", "psalm", "canto", "series", "unit", "round", "year", "ch.", "pt.",
                   "bk.", "art.", "sc.", "schedule"}  # fmt: skip
_REGNAL = {"king", "queen", "pope", "emperor", "empress", "tsar", "czar", "pharaoh", "prince", "princess",
           "duke", "sultan", "saint", "st."}  # fmt: skip
# Names monarchs and popes are numbered by: after one, "V", "X" and (before punctuation, "of", "and" or the
# end) "I" are numerals too ("Henry V", "Charles I of England", "John Paul I."), as a person reads them. Not
# Malcolm: "Malcolm X" is a name
_REGNAL_NAMES = {"Henry", "Edward", "George", "William", "Charles", "Louis", "Richard", "Elizabeth", "James",
                 "John", "Paul", "Mary", "Victoria", "Anne", "Peter", "Pius", "Leo", "Benedict", "Gregory",
                 "Innocent", "Clement", "Urban", "Alexander", "Frederick", "Philip", "Catherine", "Nicholas",
                 "Ivan", "Ferdinand", "Francis", "Joseph", "Constantine", "Napoleon", "Ramesses", "Ptolemy",
                 "Alfonso", "Carlos", "Juan", "Felipe", "Gustav", "Christian", "Olaf", "Harald", "Haakon",
                 "Wilhelm", "Friedrich", "Otto", "Rudolf", "Sigismund", "Casimir", "Stephen", "David",
                 "Robert", "Edmund", "Harold", "Matilda", "Sixtus", "Boniface", "Honorius", "Celestine", "Adrian",
                 "Hadrian", "Julius", "Sylvester", "Eugene", "Martin", "Nero", "Cleopatra", "Amenhotep",
                 "Thutmose", "Darius", "Xerxes", "Cyrus", "Umberto", "Vittorio", "Manuel", "Pedro", "Sancho",
                 "Afonso", "Jaime", "Baldwin", "Béla", "Ladislaus", "Wenceslaus", "Boleslaw", "Mehmed",
                 "Suleiman", "Selim", "Murad", "Abdul", "Rama", "Akihito", "Ramses", "Antiochus", "Seleucus",
                 "Justinian", "Theodosius", "Leopold", "Ludwig", "Maximilian", "Gustavus"}  # fmt: skip
# Given names besides the regnal ones: a man named for his father and grandfather is "the third" after his
# first name and surname ("Thurston Howell III", "Martin Luther King III"), where a title's number is a number
# ("Final Fantasy III"); an initial after one is a middle name's ("Michael J. Fox", see ``_read_initial``)
_GIVEN_NAMES = {"Thurston", "Michael", "Thomas", "Daniel", "Matthew", "Mark", "Andrew", "Kevin", "Brian", "Jason",
                "Ryan", "Gary", "Timothy", "Larry", "Jeffrey", "Frank", "Scott", "Eric", "Raymond", "Samuel",
                "Benjamin", "Patrick", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Douglas", "Adam", "Nathan",
                "Walter", "Kyle", "Carl", "Jeremy", "Keith", "Roger", "Gerald", "Arthur", "Terry", "Sean",
                "Lawrence", "Austin", "Joe", "Jesse", "Albert", "Bryan", "Billy", "Bruce", "Willie", "Alan",
                "Ralph", "Roy", "Wayne", "Randy", "Russell", "Vincent", "Bobby", "Johnny", "Bradley", "Howard",
                "Hunter", "Preston", "Cornelius", "Theodore", "Franklin", "Fred", "Ted", "Jim", "Tom", "Tim",
                "Steve", "Dan", "Mike", "Chris", "Matt", "Hank", "Kenneth", "Donald", "Anthony", "Steven",
                "Ronald", "Jacob", "Jonathan", "Justin", "Brandon", "Harvey", "Chester", "Lloyd", "Clarence",
                "Earl", "Elmer", "Floyd", "Herbert", "Hubert", "Leonard", "Marshall", "Milton", "Nelson", "Oscar",
                "Percy", "Reginald", "Stanley", "Sterling", "Warren", "Winston", "Cecil", "Dwight", "Emmett",
                "Lyndon", "Rutherford", "Ulysses", "Woodrow", "Calvin", "Grover", "Chauncey", "Jefferson",
                "Patricia", "Jennifer", "Linda", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa", "Nancy",
                "Betty", "Sandra", "Margaret", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol",
                "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Laura", "Sharon", "Cynthia", "Kathleen",
                "Amy", "Angela", "Helen", "Anna", "Brenda", "Pamela", "Nicole", "Emma", "Samantha", "Katherine",
                "Christine", "Rachel", "Carolyn", "Janet", "Maria", "Heather", "Diane", "Julie", "Joyce", "Kelly",
                "Joan", "Evelyn", "Lauren", "Judith", "Olivia", "Martha", "Megan", "Hannah", "Jacqueline", "Ann",
                "Jean", "Alice", "Julia", "Marie", "Grace", "Judy", "Theresa", "Diana", "Natalie", "Jane", "Sophia",
                "Louisa", "Harriet", "Eleanor", "Edith", "Dorothy", "Ruth", "Virginia", "Frances", "Lucy",
                "Rosa"}  # fmt: skip
_FIRST_NAMES = _REGNAL_NAMES | _GIVEN_NAMES
_NUMERAL_I_AFTER = re.compile(
    r"\s*(?:[,;:!?)]|\.(?:\s|$)|$|\((?:r\.|b\.|d\.|c\.|[0-9])|\s(?:of|and|or|died|reigned|"
    r"became|ruled|married|who|whose|'s)\b)|['’]s\b"
)
# Keywords a single-letter numeral follows as a number ("Part I", "World War I"; not "Series X", "Type V")
_ROMAN_LETTER_AFTER = {"chapter", "part", "volume", "vol.", "book", "act", "scene", "section", "article", "appendix",
                       "psalm", "canto", "episode", "phase", "stage", "round", "war", "rocky", "title", "mark",
                       "mk", "ch.", "pt.", "bk.", "art.", "sc.", "schedule"}  # fmt: skip
# A class's name in capitals: its single-letter numeral is a number ("Type I diabetes", "Grade V", "Level I
# trauma centre"); written small, "type I" is as likely a pronoun's ("the type I like")
_CLASS_BEFORE = re.compile(r"(?<![A-Za-z])(?:Type|Class|Grade|Level|Tier|Stage|Phase)\s$")
_GIVEN_NAME_BEFORE = (  # "John Smith ", and with a middle name or initial: "John D. Smith ", "Martin Luther King "
    re.compile(r"(?<![A-Za-z])([A-Z][a-z]+)\s[A-Z][a-z]+\s$"),
    re.compile(r"(?<![A-Za-z])([A-Z][a-z]+)\s(?:[A-Z]\.|[A-Z][a-z]+)\s[A-Z][a-z]+\s$"),
)
_TITLE_WORDS_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+\s[A-Z][a-z]+\s$")
_NAME_JUST_BEFORE = re.compile(r"\b([A-Z][a-zé]+)\s$")
# Where a sentence, a clause after a semicolon or a line opens, with an opening word or date perhaps: a ruler's
# name there with "I" after it and no comma is the ruler ("Elizabeth I had none"; "; Elizabeth I never married";
# "Then Charles I lost", "In 1066 William I defeated"; "when I met Elizabeth I was" keeps the pronoun)
_OPENS_BEFORE = re.compile(
    r"(?:^|[.!?;]\s+|\n\s*)(?:(?:Then|Later|Soon|Eventually|Finally|Meanwhile|In|By|After|Under|Thus|So|And|But)"
    r"\s(?:[0-9]{3,4}(?:\s(?:AD|BC|CE))?,?\s)?)?$"
)
# What only the pronoun has after it (a ruler "thinks", "has"): "George I think so", "Anne I am here"
_PRONOUN_I_AFTER = re.compile(
    r"\s*(?:['’]|\s(?:am|think|know|guess|mean|hope|believe|suppose|feel|bet|can|will|would|could|should|must|"
    r"need|want|love|miss|have|do|don['’]t|just|really|see|told|said)\b)"
)
_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_PERSON_BEFORE = re.compile(
    r"(?:[A-Z][a-z]+\s[A-Z][a-z]+|\b(?:Dr|Mr|Mrs|Ms|Prof)\.?\s[A-Z][a-z]+|\b(?:PhD|MBA|RN|DO|JD|DDS|MSc|BSc|BA)),\s$"
)


def _state(c: Ctx) -> str | None:
    code = c.g["st"] or c.g["st2"]
    if code not in US_STATES and code not in CA_PROVINCES:
        return None
    after = c.m.string[c.m.end() : c.m.end() + 8]
    zip_after = re.match(r"\s?[0-9]{5}\b|\s[A-Z][0-9][A-Z]\s?[0-9]", after) is not None  # a ZIP or a postal code
    if code in _STATE_WORDS and not (
        zip_after
        or (code in ("OR", "ON") and re.match(r"[.,;:!?)]", after))
        or (code != "OK" and _PLACED_BEFORE.search(c.before()))
    ):
        return None  # "Yes, OK." is no Oklahoma
    # "Jane Doe, MD", "Dr. Kim, MD", "Lee, PhD, MD" are degrees; "Baltimore, MD" a state: a place of one
    # capitalised word, or a ZIP code
    if code in ("MD", "PA", "MS", "MA") and not zip_after and _PERSON_BEFORE.search(c.before()):
        return None
    beside = _DEGREE_AFTER.match(c.m.string, c.m.end()) or _DEGREE_BEFORE.search(c.before())
    if code in ("MA", "MS", "MD", "BA", "BS") and not zip_after and beside:
        return "-".join(code)  # "BA (Hons) English, MA, PhD": a degree beside degrees, its letters
    return US_STATES.get(code) or CA_PROVINCES[code]


_DEGREES = r"(?:BA|BSc|MSc|PhD|MBA|MPhil|DPhil|BEng|MEng|LLB|LLM|BEd|MEd|FRCP|MRCP|MBBS)"
_DEGREE_AFTER = re.compile(rf",?\s{_DEGREES}\b")
_DEGREE_BEFORE = re.compile(rf"\b{_DEGREES}(?:\s\(Hons\))?(?:\s[A-Z][a-z]+)?,?\s$")


def _roman_value(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total


_ROMAN_FULL = re.compile(_ROMAN)
_CAPS_TITLE_BEFORE = re.compile(r"(?<![A-Za-z.-])([A-Z]{2,5})\s$")
_TITLE_ENDS_AFTER = re.compile(
    r"\s*(?:[,;:!?)]|\.(?:\s|$)|$|\s(?:with|and|or|is|was|for|on|in|at|to|came|comes|has|had|sold|remains)\b)|['’]s\b"
)
_NAME_BEFORE = re.compile(r"(?:\b([A-Za-z.]+)\s+)?\b[A-Z][a-z]+\s$")


def _caps(c: Ctx) -> str | None:
    """Roman numerals in names and titles, then acronyms (words) and initialisms (letters)."""
    token: str = c.g["caps"]
    suffix: str = c.g["capss"] or ""
    if suffix in ("", "'s", "’s") and token and _ROMAN_FULL.fullmatch(token):
        numeral = _roman(c, token)  # "Louis XIV's palace": the fourteenth's
        if numeral is not None:
            return numeral + suffix
    if len(token) < 2:
        return None
    staged = re.fullmatch(r"([IVX]{1,4})([A-C])", token)
    if staged and _ROMAN_FULL.fullmatch(staged.group(1)) and c.word_before() in ("stage", "type", "class", "grade"):
        return f"{c.num(str(_roman_value(staged.group(1))))} {staged.group(2)}"  # "Stage IIIB": stage three B
    if token in _ACRONYM_SAY:
        return _ACRONYM_SAY[token] + suffix
    if token in ACRONYMS:
        return token.title() + suffix
    if token in SPELLED:
        if token + "." in _ONLY_WHERE and c.m.string.startswith(".", c.m.end()):
            return None  # "EST. 1887": the abbreviation's, where it holds
        return _letters(token, suffix)
    if token in INITIALISMS or _shouting(c):
        return None  # spelled by espeak-ng as written but before a clause's end ("caps_letters"); shouting too
    if token in ABBREVIATIONS and not suffix:
        return None  # "OIRO", "OBO": the abbreviation's words
    if len(token) >= 4 and not _ROMAN_FULL.fullmatch(token):
        if _pronounceable(token):
            return token.title() + suffix
        if re.search("[AEIOU]", token):  # letters, which espeak-ng may read as a word ("TSLA" as "tee-sla")
            return _letters(token, suffix)
    return None  # capitals espeak-ng spells ("HTTP"), or a later rule's ("MWF", "OBO"), or "caps_letters"'s


_CLAUSE_ENDS_AFTER = re.compile(r"[.,;:!?)]|\s*$")


def _read_caps_letters(c: Ctx) -> str | None:
    """Capitals no rule before took, as letters written for espeak-ng to spell: an initialism before a clause's
    end, where espeak-ng says some as a word ("in NYC." as "nick", "the ICU." as "eye-coo"), and capitals of
    three letters or fewer that are no word ("the EPA,", "an IPO.", "the APR is"). A stressed word ("NOT"), a
    heading or shouting, and a code's part after a dash ("en-US", "1099-NEC") stay as written."""
    token, suffix = c.g["cl"], c.g["cls"] or ""
    if len(token) < 2 or not token.isupper() or re.fullmatch("I+", token) or _shouting(c):
        return None
    if re.search(r"[A-Za-z0-9]-$", c.before()):
        return None
    if token in INITIALISMS:
        return _letters(token, suffix) if _CLAUSE_ENDS_AFTER.match(c.m.string, c.m.end()) else None
    return _letters(token, suffix) if len(token) <= 3 and token.lower() not in SHORT_WORDS else None


def _read_caps_glued(c: Ctx) -> str | None:
    """Two capitals before a number, as letters: "FY24" (F-Y), "NO2", "AB5", "BA286"; espeak-ng reads "FY",
    "AB" and "NO" as words."""
    token = c.g["cg"]
    if token in ACRONYMS or token in _ACRONYM_SAY:
        return None
    return _letters(token, "")


def _letters(token: str, suffix: str) -> str:
    """Capitals joined so espeak-ng spells them; a plural as a letter's ("E-V's": "EVs", where "E-Vs" ends in
    "ess"). ``text.script`` finds this form in a "caps" reading to give each A the letter's sound."""
    return "-".join(token) + ("'s" if suffix == "s" else suffix)


def _roman(c: Ctx, token: str) -> str | None:
    """A Roman numeral's reading where the words before make it one: a title's number or a ruler's ordinal."""
    before = c.before()
    kw = c.word_before()
    value = _roman_value(token)
    if re.match(r"\s(?:[A-Z][a-z]+\s)?Corps\b", c.m.string[c.m.end() : c.m.end() + 20]) and set(token) <= set("IVXL"):
        return f"{c.nth(value)}"  # "III Corps", "XVIII Airborne Corps": the Third, the Eighteenth
    letter = len(token) == 1 and token not in "IVX"  # "Appendix C", "Part D": a letter (not a hundred, five hundred)
    if kw in _ROMAN_KEYWORDS and before.endswith(" ") and (len(token) > 1 or kw in _ROMAN_LETTER_AFTER) and not letter:
        return c.num(str(value))
    if token in ("I", "V") and _CLASS_BEFORE.search(before):
        return c.num(str(value))  # "Type I diabetes", "a Class V felony" (not "the type I like", "Series X")
    name = _NAME_BEFORE.search(before)
    if name and set(token) <= set("IVX") and (name.group(1) or "").lower() in _REGNAL:
        return f"the {c.nth(value)}"  # "King Xerxes I", "Pope Leo XIV"
    givens = (m.group(1) for m in (p.search(before) for p in _GIVEN_NAME_BEFORE) if m)
    if token in ("II", "III", "IV") and any(g in _FIRST_NAMES for g in givens):
        return f"the {c.nth(value)}"  # "John Smith III"
    ruler = _NAME_JUST_BEFORE.search(before)
    if name and len(token) > 1 and set(token) <= set("IVX") and not (ruler and ruler.group(1) in _REGNAL_NAMES):
        return c.num(str(value))  # "Apollo XIII", "Final Fantasy VII": a title's number
    initial = re.match(r"\.\s+[A-Z]", c.m.string[c.m.end() : c.m.end() + 3])  # "Mary Ann V. Smith"
    regnal = ruler and ruler.group(1) in _REGNAL_NAMES
    if token == "V" and _TITLE_WORDS_BEFORE.search(before) and not regnal and not initial:
        return c.num("5")  # "Grand Theft Auto V": a title of words in capitals, and its number
    if token in ("XI", "XV", "XIII", "VIII") and re.search(
        r"\b(?:[0-9]{1,2}(?:st|nd|rd|th)|[Ff]irst|[Ss]econd)\s$", before
    ):
        return c.num(str(value))  # "the 1st XI", "the 2nd XV": a team by its players, the first eleven
    caps = _CAPS_TITLE_BEFORE.search(before)
    if caps and set(token) <= set("IVX") and token != "I" and not _ROMAN_FULL.fullmatch(caps.group(1)):
        after = c.m.string[c.m.end() : c.m.end() + LOOK]
        # not "GTA V WITH" (shouting); a single letter only before what ends a title ("the USB X button" is a
        # letter)
        if not re.match(r"\s+[A-Z]{2,}\b", after) and (len(token) > 1 or _TITLE_ENDS_AFTER.match(after)):
            return c.num(str(value))  # "GTA V", "FIFA XI": a title in capitals and its number
    if ruler and ruler.group(1) in _REGNAL_NAMES and set(token) <= set("IVX"):
        after = c.m.string[c.m.end() : c.m.end() + LOOK]
        at = c.m.start() - len(before) + ruler.start()  # where the name starts in the whole text
        opens = _OPENS_BEFORE.search(c.m.string, max(0, at - 24), at) is not None  # "Elizabeth I had none."
        opens = opens and not _PRONOUN_I_AFTER.match(after)  # "Henry I think": a name called, then "I"
        if token != "I" or opens or _NUMERAL_I_AFTER.match(after):
            return f"the {c.nth(value)}"
    return None


_EXCHANGE_BEFORE = re.compile(r"\b(?:NYSE|NASDAQ|Nasdaq|AMEX|NYSEARCA|LSE|TSX|TSXV|ASX|HKEX|OTC|OTCQX)\s?:\s?$")


def _shouting(c: Ctx) -> bool:
    """Capitals beside other capitals in one phrase: a heading or shouting ("BREAKING: FIRE IN NYC"); a list's
    commas part them ("OMG, LOL", "CNN, NBC and CBS" are initialisms)."""
    if _EXCHANGE_BEFORE.search(c.before()):
        return False  # "(NYSE: AAPL)": a ticker after its exchange
    before = re.search(r"\b(?!AM\b|PM\b)([A-Z]{2,})[^\w,;]*$", c.before())  # not "4 PM ET": a time's zone
    after = re.match(r"[^\w,;]{0,3}([A-Z]{2,})\b", c.m.string[c.m.end() : c.m.end() + LOOK])
    return before is not None or after is not None


# The consonants an English word may begin and end with: the clusters that begin at least 8, and end at least 3,
# of the 115,000 words of four letters or more in the CMU pronouncing dictionary (the one in pocketsphinx's wheel),
# with the ordinals' endings ("fifth", "twelfth", "eighths") and "phr". Capitals outside them are letters to a
# reader ("TSLA", "AMZN", "ESPN"), though espeak-ng reads some of them as a word ("tee-sla").
_ONSETS = {"BH", "BJ", "BL", "BR", "BRY", "BY", "CH", "CHL", "CHR", "CL", "CR", "CRY", "CZ", "DH", "DR", "DW",
           "DY", "DZ", "FL", "FR", "GH", "GL", "GN", "GR", "GW", "HR", "HY", "KH", "KL", "KN", "KR", "KV", "KW",
           "KY", "LL", "LY", "MR", "MY", "PF", "PFL", "PH", "PHR", "PL", "PR", "PS", "RH", "RY", "SC", "SCH",
           "SCHL", "SCHM", "SCHN", "SCHR", "SCHW", "SCR", "SH", "SHR", "SK", "SL", "SM", "SN", "SP", "SPH", "SPL",
           "SPR", "SQ", "SR", "ST", "STR", "SV", "SW", "SZ", "TH", "THR", "TR", "TW", "VL", "VR", "WH", "WR", "WY",
           "ZH", "ZL", "ZW"}  # fmt: skip
_CODAS = {"BB", "BBS", "BL", "BS", "BST", "BT", "BTS", "CH", "CHL", "CHS", "CHT", "CK", "CKS", "CQ", "CS", "CT",
          "CTS", "CZ", "DD", "DDS", "DL", "DS", "DT", "DTH", "DTHS", "DZ", "FF", "FFS", "FFT", "FS", "FT", "FTH",
          "FTHS", "FTS", "GG", "GGS", "GH", "GHN", "GHS", "GHT", "GHTH", "GHTHS", "GHTS", "GL", "GM", "GN", "GNS",
          "GS", "GT", "HL", "HLS", "HM", "HMS", "HN", "HNS", "HR", "HRS", "HRT", "HS", "KH", "KS", "KST", "LB",
          "LBS", "LC", "LCH", "LCK", "LD", "LDS", "LDT", "LF", "LFF", "LFS", "LFTH", "LFTHS", "LK", "LKS", "LL",
          "LLS", "LM", "LMS", "LN", "LP", "LPH", "LPS", "LS", "LSCH", "LSH", "LST", "LT", "LTH", "LTS", "LTZ",
          "LZ", "MB", "MBS", "MM", "MMS", "MN", "MNS", "MP", "MPF", "MPH", "MPP", "MPS", "MPT", "MPTS", "MS", "NC",
          "NCH", "NCK", "NCKS", "NCS", "NCT", "NCTS", "NCZ", "ND", "NDL", "NDS", "NDT", "NDTH", "NDTHS", "NFT",
          "NG", "NGH", "NGS", "NGST", "NGTH", "NGTHS", "NH", "NK", "NKS", "NN", "NNS", "NS", "NSCH", "NSK", "NST",
          "NT", "NTH", "NTHS", "NTS", "NTSCH", "NTZ", "NX", "NZ", "PF", "PH", "PHS", "PP", "PPS", "PS", "PT",
          "PTH", "PTHS", "PTS", "RB", "RBS", "RC", "RCH", "RCHS", "RCK", "RCKS", "RCQ", "RD", "RDS", "RDT", "RF",
          "RFF", "RFS", "RG", "RGH", "RGS", "RK", "RKS", "RL", "RLD", "RLDS", "RLS", "RM", "RMS", "RN", "RNDT",
          "RNS", "RNT", "RP", "RPH", "RPS", "RR", "RRS", "RS", "RSCH", "RSH", "RSK", "RST", "RSTS", "RT", "RTCH",
          "RTH", "RTHS", "RTL", "RTS", "RTSCH", "RTT", "RTZ", "RV", "RX", "RZ", "SC", "SCH", "SH", "SK", "SKS",
          "SM", "SMS", "SP", "SPS", "SS", "ST", "STS", "SZ", "TCH", "TH", "THM", "THMS", "THS", "TL", "TS", "TSCH",
          "TT", "TTL", "TTS", "TZ", "VS", "VSK", "WD", "WDS", "WK", "WKS", "WL", "WLS", "WN", "WNS", "WS", "WTH",
          "XT", "XTH", "XTHS", "XTS", "XX", "ZZ"}  # fmt: skip


def _pronounceable(token: str) -> bool:
    """Capitals a reader says as a word: a vowel, consonants at each end that English words begin and end with,
    at most four together inside, no vowel three times over, and none doubled at the start ("AAPL", "AARP" are
    letters)."""
    t = token.upper()
    # the letters as vowels (V) and consonants (C); a Y is a vowel after the first letter, but not before a vowel
    # ("ENVY", "GYM"; "PLAYER", "BEYOND")
    shape = "".join(
        "V" if ch in "AEIOU" or (ch == "Y" and i > 0 and t[i + 1 : i + 2] not in tuple("AEIOU")) else "C"
        for i, ch in enumerate(t)
    )
    if "V" not in shape or re.search(r"([AEIOU])\1\1", t) or re.match(r"(AA|EE|II|OO|UU)", t):
        return False
    first = len(shape) - len(shape.lstrip("C"))
    last = len(shape) - len(shape.rstrip("C"))
    if (first > 1 and t[:first] not in _ONSETS) or (last > 1 and t[-last:] not in _CODAS):
        return False
    return "CCCCC" not in shape[first : len(shape) - last]  # inside: at most four together


def _doctor_saint(c: Ctx) -> str:
    # 'Dr. Smith', 'St. Mary' are titles; 'Elm Dr.', 'Main St.' (after a name, or a house number and a
    # name) are roads
    before = c.before()
    # ... and after a compass point's initial or an ordinal ("220 W. Main St. Tickets", "E. 28th St. Stolen")
    after_name = re.search(r"(?:(?:[a-z,]|[0-9]+|\b[NSEW]\.)\s+[A-Z][a-z]+|[0-9](?:st|nd|rd|th))\s$", before)
    title, road = ("Doctor", "Drive") if c.g["ds"] == "Dr" else ("Saint", "Street")
    if c.g["dsnext"] and after_name is None:
        return title
    stop = c.text.endswith(".") and STOP_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK)
    return road + ("." if stop else "")


# Nouns after "b/w" that make it "black and white" rather than "between"
_BLACK_AND_WHITE = {"photo", "film", "image", "print", "movie", "picture", "photograph", "photography", "version",
                    "shot", "still", "copy", "scan", "printer", "tv", "television", "footage"}  # fmt: skip
_BEFORE_AN_ID = {"Ave.", "Bldg.", "bldg.", "Apt.", "apt.", "Rm.", "Ste.", "No.", "nos.", "Nos.", "Fig.", "fig.",
                 "Vol.", "vol.", "Ch.", "ch.", "p.", "pp.", "ext.", "Ext.", "qty.", "Qty."}  # fmt: skip


def _read_state(c: Ctx) -> str | None:
    return _state(c)


# a distance before a compass point: "2.5 mi. E", "3 km NW", "40 miles south" is written out already
_DISTANCE_BEFORE = re.compile(rf"[0-9]\s?(?:{LENGTH_UNIT}|miles|kms|kilomet(?:er|re)s?|yds|nmi|blocks?)\.?\s$")


# a product's name just before two compass letters: a trim or a model ("Camry SE", "iPhone SE", "Golf TDI SE")
_A_MODEL_BEFORE = re.compile(
    r"(?:\b(?!(?:The|A|An|From|To|In|At|On|And|Or|Of|Heading|Winds?|Facing|Blowing|Moving|Towards?|Lake|Mount|Mt"
    r"|Port|Fort|Greater|Central|Downtown|Upper|Lower|North|South|East|West|New|San|Santa|Los|Las|St)\s)"
    r"(?:[A-Z][A-Za-z0-9]*|[0-9][0-9.]*)\s(?:[A-Z][a-z]+|[A-Z]{2,5}[0-9]*)|(?<![A-Za-z])[a-z]+[A-Z][A-Za-z]*)\s$"
)
_A_STREET_BEFORE = re.compile(
    r"\b(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Way|Ln|Lane|Pl|Place|Ct|Court|Ter|Terrace|Pkwy"
    r"|Parkway|Hwy|Highway|Cir|Circle|Sq|Square|Row|Loop|Trail|Pike|Quadrant)\.?\s$"
)


# a person's title just before ("Dr. S. Khan", "Mr N. Patel"): the titles of names, with or without their dot
_PERSON_TITLES = sorted(
    {
        t.rstrip(".")
        for t in TITLES
        if re.fullmatch(r"[A-Z][a-z]+\.", t) and t not in ("Mt.", "Ft.", "Pt.", "Jr.", "Sr.")
    }
    | {"Dr", "Mx", "Judge", "Dame", "Sir", "Lady", "Lord", "Doctor", "Professor", "Justice"}
)
_TITLE_JUST_BEFORE = re.compile(rf"\b(?:{'|'.join(_PERSON_TITLES)})\.?\s$")


# after "SE" where it is a standard error: "SE = 0.08", "mean (SE)", "the SE was 0.4"
_STANDARD_ERROR_AFTER = re.compile(r"\s?=|\)|\s(?:was|is|of\s(?:the\s)?(?:mean|estimate))\b")


def _read_compass(c: Ctx) -> str | None:
    g = c.g
    if g["cp4"]:
        return COMPASS[g["cp4"]].lower() if _DISTANCE_BEFORE.search(c.before()) else None
    model = _A_MODEL_BEFORE.search(c.before()) and not _A_STREET_BEFORE.search(c.before())
    if g["cp2"] and model and not re.match(r"\s(?:(?:of|to|from|at|winds?)\b|[0-9])", c.m.string[c.m.end() :]):
        return None  # "the iPhone SE", "a Camry SE": a model's letters (not "Main St SE", "from the SE")
    if g["cp2"] == "SE" and _STANDARD_ERROR_AFTER.match(c.m.string, c.m.end()):
        return None  # "SE = 0.08", "mean (SE)", "the SE was 0.4": a standard error's letters
    if g["cp2"] or g["cp3"] or g["cp5"]:
        return COMPASS[g["cp2"] or g["cp3"] or g["cp5"]]
    after = c.m.string[c.m.end() : c.m.end() + LOOK]
    if _TITLE_JUST_BEFORE.search(c.before()) and re.match(r"\s[A-Z][a-z]", after):
        return None  # "Dr. S. Khan", "Mr. N. Patel": an initial after a title (not "Park Dr. S., Apt 2")
    if re.search(r"[0-9]\s$", c.before()) or _STREET_AFTER.match(after) or _A_STREET_BEFORE.search(c.before()):
        return COMPASS[g["cp"]]  # "220 W. Main", "W. 5th St.", "Park Ave. S., Fl. 12"
    if _DISTANCE_BEFORE.search(c.before()):  # "It lies 2.5 mi. S. Then": the point, and its sentence's end
        return COMPASS[g["cp"]].lower() + "."
    return None  # an initial: "George W. Bush"


def _read_street_word(c: Ctx) -> str | None:
    g = c.g
    if not re.search(r"(?:\b[A-Z][a-z]+(?:['’]s)?|[0-9](?:st|nd|rd|th))\s$", c.before()):  # "Queen's Rd"
        return None
    return {"Ave": "Avenue", "Blvd": "Boulevard", "Rd": "Road", "Ln": "Lane", "Pkwy": "Parkway"}[g["sw"]]


def _read_spaced_slash(c: Ctx) -> str | None:
    s = c.m.string
    if s[c.m.start() - 1] == ")" and re.match(r"[0-9(]", s[c.m.end()]):
        return " divided by "  # "(a + b) / 2"
    if s[c.m.start() - 1].isdigit() and s[c.m.end()].isdigit():
        if re.match(r"[0-9.]{1,12}\s?=", s[c.m.end() : c.m.end() + 16]):
            return " divided by "  # "10 / 2 = 5": arithmetic
        return None  # "1 / 2"
    return ", "


def _read_caps(c: Ctx) -> str | None:
    return _caps(c)


def _read_doctor_saint(c: Ctx) -> str | None:
    return _doctor_saint(c)


def _read_etc(c: Ctx) -> str | None:
    return "et cetera" + ("." if STOP_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK) else "")


_DIGIT_AFTER = re.compile(r"\s?[0-9]")
_DATE_NEXT = re.compile(rf"\s?(?:[0-9]|{MONTH_ABBR})")
# Abbreviations read only where the words around say what they are: (what must follow, what must come before);
# either is enough
_NUMBER_NEXT = re.compile(r"\s?(?:[0-9#]|[A-Z]{1,3}-?[0-9])")  # "No. 5", "No. #3", "No. A-12" (not "No. I said")
# what a patient does in a clinical note, after "Pt." or "pt."
_A_PATIENT_DOES = (
    r"\s(?:is|was|has|had|c/o|C/O|reports?|reported|denies|denied|states?|stated|presents?|presented|complains?"
    r"|admits|tolerated|remains|seen|w/|with)\b"
)
# what "reg." is before where it means registered ("reg. charity no.", "Reg. office"), not regularly
_REGISTERED_AFTER = re.compile(r"\s(?:charity|office|address|company|trade\s?mark|no\.|number|user)")
_ONLY_WHERE: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {
    **dict.fromkeys(("No.", "nos.", "Nos."), (_NUMBER_NEXT, None)),
    # "Room temp. is 21", "Temp. 38.5", "body temp. rose" (not "a temp. job")
    **dict.fromkeys(("temp.", "Temp."), (
        re.compile(r"\s?(?:[-:]?\s?[0-9]|is\b|was\b|of\b|reading|range|rose|fell|hit|at\b)"),
        re.compile(r"\b(?:[Rr]oom|[Bb]ody|[Ww]ater|[Aa]ir|[Oo]ven|[Cc]ore|[Mm]ax|[Mm]in|[Aa]vg|[Ss]urface)\.?\s$"),
    )),
    "gen.": (None, re.compile(r"(?:[0-9](?:st|nd|rd|th)|[Nn]ext|[Nn]ew|[Ll]ast)[- ]$")),  # "2nd-gen.", not "gen. ed."
    "bus.": (re.compile(r"\s(?:days?|hours?|hrs|class)\b"), None),  # "3-5 bus. days" (not "took the bus.")
    "adv.": (None, re.compile(r"[$€£¥][0-9.,]{1,12}\s$")),  # "$25 adv., $30 door": in advance (not "adv. degree")
    # "Tel: 555-0123", "Hrs: 9-5" without their full stops only where a colon and a number say so ("Tel Aviv")
    **dict.fromkeys(("Tel", "Ph", "Ph."), (re.compile(r"\s?:?\s?[+(0-9]"), None)),
    "Hrs": (re.compile(r"\s?:\s?[0-9]"), None),
    # a prescription's capitals: "1 tab PO BID", "500 mg TID" (not "a BID for", "PO Box")
    # ... and the British ones: "400mg tds", "500 mg bd", "75 mcg OD" (three times, twice, once a day)
    **dict.fromkeys(("BID", "TID", "QID", "QHS", "PO", "QD", "bd", "BD", "tds", "TDS", "qds", "QDS", "od", "OD"), (
        None, re.compile(r"(?:\b(?:tabs?|caps?|tablets?|capsules?|mg|mcg|mL|ml|g|units?|drops?|puffs?|PO|IV|IM|SC)\.?"
                         r"|\b[0-9]+(?:mg|ml|mL))\s$"),
    )),
    **dict.fromkeys(("Plat.", "plat."), (_NUMBER_NEXT, None)),  # "Plat. 9": a station's platform
    **dict.fromkeys(("pkg.", "pkgs."), (None, re.compile(r"(?<![0-9.,])[0-9]{1,2}\s?$"))),  # "1 pkg. cream cheese"
    "Exp.": (re.compile(r"\s(?:date|Date)\b"), None),  # "Exp. date: 08/2026": expiration
    # "w/c 3rd March": week commencing, before a date only; "£6,250 ono": or nearest offer, after a price only;
    # "exc. Bank Holidays": except (not "exc. cond.", excellent)
    **dict.fromkeys(("w/c", "w/b"), (_DATE_NEXT, None)),
    "ll.": (_DIGIT_AFTER, None),  # "ll. 56-88": lines (a text's, as "pp." its pages)
    "KO": (re.compile(r"\s?:?\s?[0-9]"), None),  # "KO 4.30pm": kick-off (not "a KO in round 3")
    "ono": (None, re.compile(r"[0-9][kK]?,?\s$")),
    "exc.": (re.compile(r"\s(?!cond)[A-Za-z]"), None),
    "Res.": (_NUMBER_NEXT, None),  # "UNSC Res. 242": Resolution (not "Res. Evil", "Dept. of Res.")
    # "Min. order", "Max. speed: 25", "Max. 4 guests" (not "I met Max. He said")
    **dict.fromkeys(("Min.", "Max."), (re.compile(r"\s?(?:[a-z]|[0-9]|:)"), None)),
    # titles without their full stops before a name or an initial: "Prof Brian Cox", "Mt Everest", "Lt Gen Smith"
    # (not "Gen Z", "the Col de la Croix", "Sen" alone)
    **dict.fromkeys(
        ("Prof", "Mt", "Gov", "Sen", "Capt", "Lt", "Gen", "Sgt", "Col", "Rev", "Rep", "Cllr", "Fr", "Maj", "Supt",
         "Insp", "Cpl", "Pte", "Brig", "Cmdr", "Adm", "Det"),
        (re.compile(r"\s(?!Alpha\b|Beta\b|[A-Z][a-z]?\b)(?:[A-Z][a-z]+|[A-Z]\.)"), None),
    ),
    "Jct": (_NUMBER_NEXT, None),  # "M25 Jct 15": junction
    # "Msgr. Rossi", "Bro. Tom" (not "hey Bro. He left")
    **dict.fromkeys(
        ("Msgr.", "Bro."), (re.compile(r"\s(?!(?:The|He|She|It|We|They|You|I|This|That|But|So)\b)[A-Z][a-z]"), None)
    ),
    "Cnr": (re.compile(r"\s[A-Z][a-z]"), None),  # "Cnr King & Queen Sts": corner
    "Sts": (None, re.compile(r"\b[A-Z][a-z]+\s$")),  # "King & Queen Sts": streets
    "Dept": (re.compile(r"\s(?:for|of)\s[A-Z]"), None),  # "Dept for Education", "Dept of Health"
    "Ste": (_NUMBER_NEXT, None),  # "Ste 3300": a suite (not "Ste-Foy", "Ste Marie")
    # "tracking no. 1Z999AA1...", "case no. 2024-CV-01234": before an identifier
    # (and "Model no. XR-500", "Tracking no.: 1Z999...": before an identifier's letters and digits)
    "no.": (
        re.compile(r"\s?[0-9]{1,4}(?:[A-Za-z]+[0-9]|-[0-9A-Z]{0,12}[A-Z])|\s?:\s?[0-9A-Z]|\s[A-Z]{1,4}-?[0-9]"),
        None,
    ),
    # "Q3 rev. was up", "rev. $4.5B": revenue; "rev. 2" a revision (``_SENSES``); not "the rev. counter"
    "rev.": (
        re.compile(r"\s(?:was|is|were|rose|fell|grew|jumped|dropped|up|down|of|growth|and|hit|for)\b|\s?[$€£0-9]"),
        None,
    ),
    # "won 112-104 in OT", "3-2 (OT)", "won in double OT", "lost it in OT": overtime
    "OT": (
        None,
        re.compile(
            r"(?:[0-9]\s(?:in\s|\()|\b(?:won|lost|win|wins|loss|losses|beat|tied|scored|winner|goal)\s(?:it\s)?"
            r"in\s)(?:double\s|triple\s)?$",
            re.IGNORECASE,
        ),
    ),
    "p.c.": (None, re.compile(r"[0-9]\s?$")),  # "10 p.c. cheaper": per cent (not "a p.c. in the village")
    # "his 50th HR", "hit 3 HRs": home runs; "HR 72 bpm" a heart rate (not "the HR team": letters)
    **dict.fromkeys(("HR", "HRs"), (
        re.compile(r"\s?:?\s?[0-9]{2,3}\s?(?:bpm|/min)\b"), re.compile(r"[0-9](?:st|nd|rd|th)?\s?$"),
    )),
    "EST.": (_DIGIT_AFTER, None),  # a sign's "EST. 1887": established (not the time zone)
    # "500 mg caps. daily", "250 mg tabs.": a dose's capsules and tablets (not "caps. lock")
    **dict.fromkeys(("caps.", "tabs."), (None, re.compile(r"[0-9]\s?(?:mg|mcg|µg|g|mL|ml|IU)\s$"))),
    # "Alcaraz def. Sinner", "Sabalenka [1] def. Pegula": defeated, between two players (not "def. of a word")
    "def.": (
        None,
        re.compile(r"(?:\b(?!(?:The|A|An|This|That|My|Its|Our|Your|Their|His|Her)\s)[A-Z][A-Za-z'’-]+|[)\]])\s$"),
    ),
    "aet": (None, re.compile(r"[0-9]\s?[-–]\s?[0-9]{1,2}\s\($")),  # "won 2-1 (aet)": after extra time
    "prev.": (re.compile(r"\s?[$€£¥₹]?[0-9]"), None),  # "(prev. €130)": previously (a price it had)
    "ea.": (None, re.compile(r"[0-9]\s?$")),  # "$19.99 ea.": each
    "pk.": (None, re.compile(r"[0-9]\s?$")),  # "2 pk. rolls", "a 6 pk.": pack
    **dict.fromkeys(("nts", "nts."), (None, re.compile(r"\b(?:[2-9]|[1-9][0-9])\s?$"))),  # "min. 2 nts": nights
    "ret.": (re.compile(r"\)"), re.compile(r"\($")),  # "Sgt. Brown (ret.)": retired
    "r.": (re.compile(r"\s?(?:c\.\s?)?[0-9]{3,4}\b"), re.compile(r"\($")),  # "Elizabeth I (r. 1558–1603)": reigned
    # "$49.99 (reg. $79.99)": a price it usually has (not "Reg. D", "the reg. fee")
    **dict.fromkeys(
        ("reg.", "Reg."),
        (re.compile(r"\s?[$€£¥₹][0-9]|" + _REGISTERED_AFTER.pattern), None),
    ),
    "Pt.": (re.compile(r"\s[A-Z][a-z]|" + _A_PATIENT_DOES), None),  # "Pt. Reyes" (not "1 pt." of milk, "Pt. 2")
    # a clinical note's patient: "the pt. c/o chest pain", "Pt. denies fever", "45 y/o pt." (not "2 pt." of milk)
    **dict.fromkeys(("pt.", "pts."), (
        re.compile(_A_PATIENT_DOES),
        re.compile(r"(?:\b(?:[Tt]he|[Aa]|[Tt]his|[Oo]ur|y/o|yo|old|[MF]|male|female|[0-9]+|dew)|\))\s$"),
    )),
    # "your ins. card", "health ins." (not "ins and outs")
    "ins.": (
        re.compile(r"\s(?:card|co\.?|company|plan|policy|premiums?|claims?|provider|info|details|number)\b"),
        re.compile(r"\b(?:[Hh]ealth|[Cc]ar|[Hh]ome|[Ll]ife|[Dd]ental|[Aa]uto|[Tt]ravel|[Yy]our|[Mm]y)\s$"),
    ),
    "exp.": (None, re.compile(r"\b(?:yrs?|years?)\.?\s$")),  # "5 yrs exp." (not "exp. 10/27": expires)
    "Sta.": (re.compile(r"\s*(?:$|[,;:)!?]|\s[a-z0-9])"), None),  # "Penn Sta. at 7" (not "Sta. Maria": Santa)
    # "the 3rd ed.", "2nd eds." (not "ed. by", "Smith (ed.)": an editor)
    **dict.fromkeys(("ed.", "eds."), (
        None, re.compile(r"(?:[0-9](?:st|nd|rd|th)|[Ff]irst|[Ss]econd|[Tt]hird|[Nn]ew)\s$"),
    )),
}  # fmt: skip


def _read_where(c: Ctx, after: re.Pattern[str] | None, before: re.Pattern[str] | None) -> bool:
    return bool(
        (after and after.match(c.m.string, c.m.end(), c.m.end() + LOOK)) or (before and before.search(c.before()))
    )


# What follows "Jr." or "Sr." when the sentence ends there: the end, a line's end, or a word that starts one
_AFTER_A_NAME_ENDS = re.compile(
    r"\s*$|[ \t]*\n|\s+(?:The|He|She|It|They|We|I|A|An|This|That|His|Her|Their|In|On|At|But|And|After|When)\b"
)


@dataclass(frozen=True)
class _Sense:
    """Another reading of a word written short, where the words around it say so: ``after`` matches at its
    end, ``word_after`` holds the next word (in lower case), ``before`` is found at the end of the text before
    it and ``not_before`` is not (each one given must hold). ``ends`` says what follows the words: "bare"
    nothing, "stop" the sentence's stop where the word's full stop is one, "word" whatever the word itself
    would end with (a title going on into a name, an address going on, a sentence's stop)."""

    said: str
    after: re.Pattern[str] | None = None
    word_after: frozenset[str] | None = None
    before: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None
    ends: Literal["bare", "stop", "word"] = "bare"

    def holds(self, c: Ctx) -> bool:
        end = c.m.end()
        return (
            (self.after is None or self.after.match(c.m.string, end, end + LOOK) is not None)
            and (self.word_after is None or c.word_after().lower() in self.word_after)
            and (self.before is None or self.before.search(c.before()) is not None)
            and (self.not_before is None or self.not_before.search(c.before()) is None)
        )


_A_COUNTY = re.compile(
    r"\s(?:Cork|Kerry|Dublin|Galway|Mayo|Clare|Limerick|Wexford|Wicklow|Donegal|Kildare|Meath|Louth|Tipperary"
    r"|Waterford|Kilkenny|Sligo|Roscommon|Leitrim|Cavan|Monaghan|Offaly|Laois|Westmeath|Longford|Carlow|Antrim|Down"
    r"|Armagh|Tyrone|Fermanagh|Derry|Londonderry|Durham)\b"
)
# "Sr. Mary Agnes", "Sr. Anne taught" (not "Sr. Software Engineer", "Sr. Recruiters": senior, before a job's words)
_A_NUNS_NAME = re.compile(
    r"\s(?!(?:Software|Vice|Product|Project|Program|Programme|Data|Staff|Account|Sales|Marketing|Research|Business"
    r"|Financial|Finance|Systems|Network|Design|Art|Technical|Executive|Director|Manager|Engineer|Engineering"
    r"|Developer|Analyst|Consultant|Associate|Editor|Counsel|Partner|Specialist|Accountant|Scientist|Lecturer"
    r"|Officer|Advisor|Adviser|Architect|Designer|Producer|Writer|Operations|Customer|Security|Quality"
    r"|Front|Back|Full|Machine|Cloud|Platform|Site|Mobile|Web|Game|Content|Brand|Legal|Tax|Audit|Credit"
    r"|Recruiter|Paralegal|Administrator|Admin|Coordinator|Planner|Buyer|Representative|Rep|Technician|Programmer"
    r"|Mgr|Dir|Eng|Dev|Tech|Principal|Lead|Clinical|Medical|Graphic|Copywriter|Investment|Portfolio|Loan|Mortgage"
    r"|Insurance|Claims|Risk|Compliance|People|Talent|Solutions|Support|Service|Services|Field|Store|Retail"
    r"|Warehouse|Logistics|Supply|Procurement|Construction|Estimator|Surveyor|Chemist|Pharmacist|Economist"
    r"|Statistician|Auditor|Underwriter|Trader|Strategist|Researcher|Fellow|Instructor|Tutor|Teacher|Buyers"
    r"|Level|Grade|Team|Tier|Unit|Class|Division|Vice-President|Management|Leadership|Care|Health|Human|Social"
    r"|Digital|Creative|Communications|Events|Event|Public|Policy|Program|Clerk|Secretary|Assistant|Attorney)s?\b)"
    r"[A-Z][a-z]+\b(?![-'’.])"
)


# The words written short that read otherwise where the words around them say so; the first that holds is read
_SENSES: dict[str, tuple[_Sense, ...]] = {
    # "a b/w photo": black and white
    "b/w": (_Sense("black and white", word_after=frozenset(_BLACK_AND_WHITE | {w + "s" for w in _BLACK_AND_WHITE})),),
    # "VAT is inc.", "fees incl.": included ("inc. VAT": including)
    **dict.fromkeys(
        ("inc.", "incl."), (_Sense("included", after=re.compile(r"\s*(?:$|[)\];:,!?]|\s[A-Z][a-z])"), ends="stop"),)
    ),
    "est.": (
        # the noun: "our est.", "the est. of $2,800", "beat est. of $1.98" (else "$0.98 est.", "est. cost": estimated)
        _Sense("estimate", before=DETERMINER_BEFORE, word_after=frozenset(NOT_A_NOUN | {""}), ends="word"),
        _Sense("estimate", after=re.compile(r"\s(?:of|for)\s"), ends="word"),
        _Sense("established", after=_DIGIT_AFTER, ends="word"),  # "est. 1850"
    ),
    "Est.": (_Sense("Established", after=_DIGIT_AFTER, ends="word"),),
    # "the approx. cost", "an approx. figure": approximate, before the noun it describes
    **dict.fromkeys(
        ("approx.", "Approx."),
        (_Sense("approximate", before=DETERMINER_BEFORE, after=re.compile(r"\s(?!of\b|to\b|in\b)[a-z]"), ends="word"),),
    ),
    # "Ave. price", "the ave. speed": average (not "Fifth Ave. was", "Park Ave. NW")
    **dict.fromkeys(
        ("Ave.", "ave."),
        (
            _Sense(
                "average",
                after=re.compile(r"\s(?!of\b)[a-z]"),
                not_before=re.compile(r"(?:[A-Z][a-z]+|[0-9](?:st|nd|rd|th))\s$"),
                ends="word",
            ),
        ),
    ),
    # "fl. in the 1530s", "fl. c. 1200": flourished (not "the 3rd fl. 12 rooms": floor)
    "fl.": (
        _Sense(
            "flourished",
            after=re.compile(r"\s(?:in\s)?(?:the\s)?(?:c\.\s?|ca\.\s?)?[0-9]"),
            not_before=re.compile(r"(?:[0-9](?:st|nd|rd|th)|[Gg]round|[Tt]op|[Uu]pper|[Ll]ower|[0-9])\s?$"),
        ),
    ),
    # "Min. of Finance": a ministry (else "minimum", "minute")
    "Min.": (_Sense("Ministry", after=re.compile(r"\sof\s(?:the\s)?[A-Z]")),),
    # "Co. Cork", "Co. Durham": a county (else a company)
    "Co.": (_Sense("County", after=_A_COUNTY),),
    # "Residents' Assoc.", "the Housing Assoc. will": an association (not "Assoc. Prof. Lee": associate)
    "Assoc.": (
        _Sense(
            "Association",
            after=re.compile(r"(?!\s(?:Prof|Professor|Dean|Director|Editor|Vice|Librarian|Lecturer|Justice)\b)"),
            before=re.compile(r"[A-Za-z]['’s]*\s$"),
            ends="word",
        ),
    ),
    # "reg. charity no.", "reg. office": registered (else "reg." as it was)
    **dict.fromkeys(
        ("reg.", "Reg."),
        (_Sense("registered", after=_REGISTERED_AFTER),),
    ),
    "w/e": (_Sense("week ending", after=_DATE_NEXT),),  # "Rota for w/e 12th Jan" (else "whatever")
    "HR": (_Sense("heart rate", after=re.compile(r"\s?:?\s?[0-9]")),),  # "HR 72 bpm", "HR: 88/min"
    # "Sr. Mary Agnes": a nun before her name ("John Smith Sr." is the elder)
    "Sr.": (_Sense("Sister", after=_A_NUNS_NAME, not_before=re.compile(r"\b[A-Z][a-z]+\s[A-Z][a-z]+,?\s$")),),
    "pt.": (_Sense("point", before=re.compile(r"dew $")),),  # "dew pt. 58°F"
    "Pt.": (_Sense("Patient", after=re.compile(_A_PATIENT_DOES)),),  # "Pt. denies fever" (not "Pt. Reyes": Point)
    # a clinical note's "pt. c/o chest pain": complains of (not "c/o Jane Smith", care of)
    **dict.fromkeys(("c/o", "C/O"), (_Sense("complains of", after=re.compile(r"\s[a-z]")),)),
    # "Rev. 2", "rev. 3.1": a document's revision, no reverend and no revenue; "Rev. was $3.2B": revenue
    **dict.fromkeys(
        ("Rev.", "rev."),
        (
            # "Form W-4 (Rev. Dec. 2024)", "(Rev. 03/2023)": the form's revision date, "revised"
            _Sense(
                "revised",
                after=re.compile(
                    r"\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s[0-9]|\s[0-9]{1,2}[/-][0-9]{2,4}\b"
                ),
            ),
            _Sense("revision", after=_DIGIT_AFTER),
            _Sense(
                "revenue",
                after=re.compile(r"\s(?:was|is|were|rose|fell|grew|jumped|dropped|hit|of|up|down)\b|\s?[$€£]"),
            ),
        ),
    ),
    # "£45 p.m.", "$1,200 p.m.": a price per month (a time's p.m. follows a clock)
    "p.m.": (_Sense("per month", before=re.compile(r"[$€£¥₹][0-9][0-9.,]{0,12}[kK]?\s$"), ends="stop"),),
}


def _read_abbr(c: Ctx) -> str | None:
    text = c.text
    word = ABBREVIATIONS.get(text) or TITLES[text]
    if text in _ONLY_WHERE and not _read_where(c, *_ONLY_WHERE[text]):
        return None  # "No. I said no.", "a temp. job", "gen. ed.": the word, or the letters, as written
    sense = next((s for s in _SENSES.get(text, ()) if s.holds(c)), None)
    if sense is not None:
        if sense.ends == "bare":
            return sense.said
        if sense.ends == "stop":
            return sense.said + c.stop()
        word = sense.said
    if text == "HR" and re.search(r"(?<![0-9.,])(?:[02-9]|[1-9][0-9]{1,2})\s?$", c.before()):
        word = "home runs"  # "hit 54 HR": fifty four home runs
    if text in ("Jr.", "Sr.") and _AFTER_A_NAME_ENDS.match(c.m.string, c.m.end(), c.m.end() + LOOK):
        return word + "."  # "... Smith Jr. He left", "... Smith, Jr." at the end (not "King Jr. Day", "Jr. High")
    if text in TITLES:
        return word  # a title goes on into the name ("the Rt. Hon. Rishi Sunak")
    if text in _STOPS_ONLY_BEFORE_A_SENTENCE and _SENTENCE_STARTS.match(c.m.string, c.m.end(), c.m.end() + LOOK):
        return word + "."
    if re.match(r"\s+(?:[NSEW]|[NS][EW])\b", c.m.string[c.m.end() : c.m.end() + 4]) or text in _NO_STOP:
        return word  # "1600 Pennsylvania Ave. NW": the address goes on; "vs. Spain", "the U.S. Army"
    if re.match(
        r"\s(?:Ltd|Limited|Inc|LLC|LLP|plc|PLC)\b|\s(?:Rd|St|Ave|Blvd|Ln|Sq|Pl|Ct)\.",
        c.m.string[c.m.end() : c.m.end() + 9],
    ):
        return word  # "Bloggs & Co. Ltd", "Stn. Rd.": the name goes on
    if text in _BEFORE_AN_ID and re.match(r"\s?(?:[A-Z0-9]{1,4}\b)", c.m.string[c.m.end() : c.m.end() + 6]):
        return word  # "Bldg. C", "Apt. 4B": what follows names the building, not a new sentence
    if re.match(r"\s[A-Z]\.\s?[A-Z][a-z]", c.m.string[c.m.end() : c.m.end() + 6]):
        return word  # "Contact Mgr. J. Ruiz": a name's initial goes on (no sentence starts with one)
    end, start = c.m.end(), c.m.start()
    if _CAPITAL_AFTER.match(c.m.string, end, end + LOOK) and _OPENS_HERE.search(
        c.m.string, max(0, start - LOOK), start
    ):
        return word  # "Est. Completion Date:", "Dept. Head approval", "See Acct. Statement"
    return word + c.stop()


# Where no sentence ends at an abbreviation before a capital: it opens its sentence, line or field ("Dept. Head
# approval", "Avg. Daily Volume:") or follows the opening word ("See Acct. Statement"), and a sentence of the one
# abbreviation is no sentence. Not before a word that opens sentences ("Est. The", "See Fig. Then")
_SENTENCE_OPENERS = (
    r"(?:The|A|An|We|It|I|Our|This|They|He|She|You|That|These|Those|There|But|So|Its|Their|His|Her|My|Your|Then|"
    r"And|Or|If|When|While|After|Before|Also|However|In|On|At|For|To|With|From|As|All|Each|Every|No|Not|Yes|Now|"
    r"Please|Thanks|What|Who|Why|How|Where|Some|Many|Most|Today|Tomorrow|Yesterday|Meanwhile|One|Let|Here|Is|"
    r"Are|Was|Were|Do|Does|Did|Can|Will|Should|Call|Contact|See|Visit|Email|Ask)\b(?!\.)"
)
_CAPITAL_AFTER = re.compile(rf" (?!{_SENTENCE_OPENERS})[A-Z][a-z]+\b")
_OPENS_HERE = re.compile(r"(?:^|[.!?:;(]\s+|\n[\s*•-]*)(?:[A-Z][a-z]+\s)?$")


_PARTIES = {"D": "Democrat", "R": "Republican", "I": "Independent"}
_STATE_NAMES = set(US_STATES.values())


def _read_state_ap(c: Ctx) -> str | None:
    if not re.search(r"\b[A-Z][A-Za-z'’-]+,\s$", c.before()):
        return None  # "I said, Mo. is fine": no place before it
    return AP_STATES[c.g["ap"]] + c.stop()


# A legislator's title and name before a bare party letter ("Sen. Jane Smith (D)", "Governor Lee (R)"); elsewhere
# "(D)" is an option, a grade or a footnote
_LEGISLATOR_BEFORE = re.compile(
    r"\b(?:Sen|Rep|Gov|Del|Senator|Representative|Governor|Congressman|Congresswoman|Delegate|Assemblyman|"
    r"Assemblywoman|Councilman|Councilwoman|Mayor)\.?\s(?:[A-Z][A-Za-z.'’-]*\s){0,3}$"
)


def _read_party_state(c: Ctx) -> str | None:
    state = c.g["pst"]
    if state is None:
        return f"({_PARTIES[c.g['pty']]})" if _LEGISLATOR_BEFORE.search(c.before()) else None
    name = AP_STATES.get(state) or US_STATES.get(state) or (state if state in _STATE_NAMES else None)
    return f"({_PARTIES[c.g['pty']]} of {name})" if name else None


def _read_symbol(c: Ctx) -> str | None:
    text = c.text
    glued = c.m.start() > 0 and not c.m.string[c.m.start() - 1].isspace()
    if text in CURRENCIES and not glued and c.word_before() in ("the", "a", "strong", "weak", "weaker", "stronger"):
        return CURRENCIES[text][0]  # "the $ has strengthened": the dollar, the currency itself
    return (" " if glued else "") + SYMBOL_WORDS[text]  # "5%+": five percent plus


def _read_price_level(c: Ctx) -> str | None:
    signs = c.g["lvl"]
    if len(signs) == 1 and _MONEY_NAMED_BEFORE.search(c.before()):
        return None  # "the euro (€)", "US dollar ($)": the money's sign, shown beside its name
    return f"{c.num(str(len(signs)))} {CURRENCIES[signs[0]][0]} sign{'s' if len(signs) > 1 else ''}"


_MONEY_NAMED_BEFORE = re.compile(
    r"\b(?:[Dd]ollars?|[Ee]uros?|[Pp]ounds?|[Ss]terling|[Yy]en|[Rr]upees?|[Cc]urrency|[Ss]ign|[Ss]ymbol|[A-Z]{3})\s?\($"
)


def _read_degrees_glued_direction(c: Ctx) -> str | None:
    one = re.search(r"(?<![0-9.,])1$", c.before()) is not None  # "1°E": one degree east
    return f" {'degree' if one else 'degrees'} {COMPASS[c.g['ddg']].lower()}"


_DRIVEN_WHEELS = {"2": "two-wheel", "4": "four-wheel", "A": "all-wheel", "F": "front-wheel", "R": "rear-wheel"}


def _read_drive(c: Ctx) -> str | None:
    return f"{_DRIVEN_WHEELS[c.g['dw']]} drive"


def _read_dose_every(c: Ctx) -> str | None:
    g = c.g  # "q4h", "q4-6h" in a prescription: every four (to six) hours
    unit = {"h": "hour", "hr": "hour", "d": "day", "wk": "week", "mo": "month"}[g["qu"]]
    if g["qh"] == "1" and not g["qh2"]:
        return f"every {unit}"  # "q1d": every day
    return f"every {c.num(g['qh'])}" + (f" to {c.num(g['qh2'])}" if g["qh2"] else "") + f" {unit}s"


_PAGES = {"p": "page", "pp": "pages"}
# a page's number before "f." ("p. 12f.", "page 12 f."), which is no letter there
_PAGE_BEFORE = re.compile(r"(?:\b[Pp]p?\.|\b[Pp]ages?|§§?)\s?[0-9]{1,4}$")


def _read_roman_lower(c: Ctx) -> str | None:
    numeral, keyword, last = c.g["lr"].upper(), c.g["lrk"], (c.g["lr2"] or "").upper()
    if not _ROMAN_FULL.fullmatch(numeral) or (last and not _ROMAN_FULL.fullmatch(last)):
        return None
    if keyword.lower().startswith("page") and len(numeral) == 1 and not last:
        return None  # "on that page i saw": a pronoun in a chat, where "p. i" is the preface's first page
    if keyword.endswith("."):  # "Act I, Sc. ii": Scene two; "Vol. iv": Volume four; "pp. iv": pages four
        short = keyword[:-1].lower()
        keyword = _PAGES.get(short) or WRITTEN_SHORT_BEFORE_A_NUMBER.get(short, keyword)
    span = f" to {c.num(str(_roman_value(last)))}" if last else ""
    return f"{keyword}{'' if keyword.endswith('(') else ' '}{c.num(str(_roman_value(numeral)))}{span}"


_SPAN_WORDS = {"-": " to ", "–": " to ", "thru": " through ", "&": " and "}


def _read_roman_list(c: Ctx) -> str | None:
    """ "Chapters IV-VI": Chapters four to six; "Parts II and III"; "Vols. II, III and IV"; "Sec. IV"."""
    keyword, parts = c.g["rlk"], re.split(r"([IVXLCDM]+)", c.g["rl"])[1:-1]
    numerals = parts[::2]
    if any(not _ROMAN_FULL.fullmatch(n) or (len(n) == 1 and n not in "IVX") for n in numerals):
        return None  # "Appendices C and D", "Classes C, D": letters
    if keyword.endswith("."):  # "Vols. II-IV": Volumes; "Sec. IV": section
        short = keyword[:-1].lower()
        said = WRITTEN_SHORT_BEFORE_A_NUMBER.get(short, keyword)
        keyword = said if keyword[0].isupper() else said[0].lower() + said[1:]
    elif len(numerals) == 1:
        return None  # "Chapter IV": the "caps" rule reads one numeral after a word
    words = [keyword, " "]
    for i, part in enumerate(parts):
        words.append(c.num(str(_roman_value(part))) if i % 2 == 0 else _SPAN_WORDS.get(part.strip(), part))
    return "".join(words)


def _read_following_pages(c: Ctx) -> str | None:
    """ "33ff.", "pp. 33ff", "p. 12f.": and following; "ff" without its stop or a page before it is not ("the
    value 1ff", a hex number), nor "f" without a page."""
    dotted = c.m.group(0).endswith(".") or c.m.string.startswith(".", c.m.end())
    if not _PAGE_BEFORE.search(c.before()) and (c.g["ff"].strip() == "f" or not dotted):
        return None
    return " and following"


# Keys as people say them; the rest ("Alt", "Shift", "Tab") as written
_KEYS = {"Ctrl": "Control", "Cmd": "Command", "Opt": "Option", "Esc": "Escape", "Del": "Delete", "Win": "Windows",
         "Ins": "Insert", "PgUp": "Page Up", "PgDn": "Page Down"}  # fmt: skip
_KEYS_ALONE = {"Ctrl", "Cmd", "Esc"}  # never words, so named without a "+" too ("press Esc")


def _read_key(c: Ctx) -> str | None:
    g = c.g
    if g["key2"]:  # the last key of a combination ("Ctrl+Alt+Del")
        return str(_KEYS.get(g["key2"], g["key2"]))
    if not g["kplus"]:
        return _KEYS[g["key"]] if g["key"] in _KEYS_ALONE else None
    key = g["key"].capitalize() if g["key"].islower() else g["key"]  # "ctrl+C" as "Ctrl+C"
    return str(_KEYS.get(key, key)) + " "  # "Ctrl+C": Control C


def _read_music_key(c: Ctx) -> str | None:
    g = c.g
    return f"{g['note']} {'sharp' if g['sharp'] else 'flat'}"


def _read_handle(c: Ctx) -> str | None:
    words = re.sub(r"[0-9]+", lambda d: f" {spell_digits(d.group(), c.region.phone_zero)} ", c.g["handle"])
    return "at " + " ".join(words.replace("_", " underscore ").split())  # "@jo_99": at jo underscore nine nine


def _read_interstate(c: Ctx) -> str | None:
    g = c.g
    road = f"{g['ihw']} {code_number(c, g['ist'])}"  # "I-405": I four oh five
    return road + (f" {COMPASS[g['idir']]}" if g["idir"] else "")


# "Hwy. 1 N", "US 101 S", "Route 9 NB": a road's number, then its direction (or its lanes: "northbound")
_ROAD_BEFORE = re.compile(
    r"\b(?:Hwy\.?|Highway|Route|Rte\.?|US|SR|Interstate|State Road|Road|Rd\.?) ?[0-9]{1,4}[A-Z]? $"
)


def _read_road_direction(c: Ctx) -> str | None:
    if not _ROAD_BEFORE.search(c.before()):
        return None
    g = c.g
    return COMPASS[g["rdir"]].lower() + "bound" if g["rbound"] else COMPASS[g["rdir"]]


_MOTORWAY = re.compile(r"\b[MA][1-9][0-9]{0,2}\b")


def _read_junction(c: Ctx) -> str | None:
    # a motorway before in the same clause ("M6 J10 to J11", "the A303 between J8 and J9", "M25 (J10)") or a few
    # words after ("J10 and J11 of the M25")
    before = c.before().replace("(M)", "")  # "the A1(M) between J4 and J6": that bracket is the road's
    before = re.split(r"[;.!?(]", before.rstrip().removesuffix("("))[-1]  # "M25 (J10)": that bracket is J's
    after = re.split(r"[;.!?()]", c.m.string[c.m.end() : c.m.end() + 24])[0]
    if not (_MOTORWAY.search(before) or _MOTORWAY.search(after)):
        return None  # a J and a number, with no motorway next to it
    return f"junction {c.num(c.g['jn'])}" + (f" {c.g['jnl']}" if c.g["jnl"] else "")


# A capital A standing alone is the letter ("plan A", "vitamin A", "an A in maths", "Q&A", "A1"), not the
# article, except where a sentence or a title starts with it ("A man", "Portrait of A Lady") or the words on
# both sides are in capitals ("READ A BOOK"). espeak-ng says the article's "uh" for every lone A; the
# speaking layer gives the letter's sound to a voice that takes phonemes (``text.script``).
LONE_A = re.compile(r"(?<![A-Za-z.&-])A(?![A-Za-z]|['’.-][A-Za-z0-9])")  # "Q&A": rule "letters_and"
_LETTER_GLUE = ("&", "/", "+", ":", ")", ",")  # "A&E", "A/B", "A+", "Q: ... A: ...", "(A)", "A, B and C"
_AN_BEFORE = re.compile(r"\b[Aa]n\s$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:…]|\n)[\s\"'“‘(\[*_#>`-]*$")  # "A man", "(A man", "- **A man"
_QUOTE_OPENS = re.compile(r"(?:^|[\s(\[])[\"“‘'`(\[]+$")  # '"A spider has 8 legs"', "(A note.)"; not "'A'"
_TITLE_WORD_AFTER = re.compile(r"\s+[\"“‘']?[A-Z][a-z]")
_CAPS_WORD_BEFORE = re.compile(r"\b[A-Z]{2,}\s$")
_CAPS_WORD_AFTER = re.compile(r"\s[A-Z]{2,}\b")


def letter_a(text: str, at: int) -> bool:
    """Whether the lone capital A at ``text[at]`` (a ``LONE_A`` match) is the letter rather than the article."""
    before = text[max(0, at - LOOK) : at]
    after = text[at + 1 : at + 1 + LOOK]
    if after[:1] in _LETTER_GLUE or after[:1].isdigit() or before[-1:].isdigit() or _AN_BEFORE.search(before):
        return True  # ... "Gate 42A", "seat 12A": a number's letter
    starts = _SENTENCE_START.search(before) is not None and (at <= LOOK or bool(before.strip()))
    starts = starts or (_QUOTE_OPENS.search(before) is not None and after[:1] not in "\"”’'`")
    shouted = _CAPS_WORD_BEFORE.search(before) is not None and _CAPS_WORD_AFTER.match(after) is not None
    return not (starts or shouted or _TITLE_WORD_AFTER.match(after))


# "J. R. R. Tolkien", "Michael J. Fox", "Dr. A. Okafor": an initial's full stop is no sentence's end (piper
# would end a sentence there, with its pause and falling voice); the letter is said alone
_INITIAL_BEFORE = re.compile(r"(?:\b[A-Z]\.\s?|\b([A-Z][a-z]+\.?|[a-z]+)\s)$")
_INITIALS_THEN_NAME = re.compile(r"(\s?[A-Z]\.)*\s?[A-Z][a-z]")  # more initials, then a name ("R. Tolkien")
_INITIAL_AFTER_WORDS = {"by", "By", "Dr.", "Dr", "Mr", "Mrs", "Ms", "Prof"}
# words a sentence opens with, which no surname is
_OPENS_A_SENTENCE = {"The", "Then", "This", "That", "These", "Those", "There", "It", "Its", "We", "He", "She", "They",
                     "You", "Your", "Our", "My", "His", "Her", "Their", "But", "And", "So", "Or", "In", "On", "At",
                     "As", "If", "When", "Where", "What", "Why", "How", "After", "Before", "Now", "Next", "Finally",
                     "Also", "Yes", "No", "Not", "All", "Some", "One", "Each", "For", "To", "From", "With", "Please",
                     "Thanks", "Today", "Later", "Still", "Meanwhile", "However"}  # fmt: skip
# small words a name's initial follows ("Smith and J. Doe", "call K. Patel"), for letters that are no words
_INITIAL_AFTER_SMALL_WORDS = {"and", "with", "from", "to", "call", "ask", "email", "contact", "cc", "dear", "thanks",
                              "or", "by"}  # fmt: skip


def _read_initial(c: Ctx) -> str | None:
    letter = c.text[0]
    after = _INITIALS_THEN_NAME.match(c.m.string, c.m.end(), c.m.end() + LOOK)
    if after is None:
        return None  # "H.R. 3684": a bill; "Plan B. 4 of us": a sentence ends
    if after.group(1) is not None:
        return letter  # "J. R. R. Tolkien": another initial follows
    before = _INITIAL_BEFORE.search(c.before())
    if before is None:
        return None
    word = before.group(1)
    if word is None:
        return letter  # the last of several ("R. Tolkien")
    if letter == "I" or (letter in "VX" and word in _REGNAL_NAMES):
        return None  # "Charles I. Then", "George V. He": a numeral, or the pronoun
    if word.lower() in _INITIAL_AFTER_SMALL_WORDS and letter not in "AI":
        # "Smith and J. Doe", "Call K. Patel" (not "from A to B. Then", "got an A. Then", "and I. Then")
        name = re.match(r"\s?([A-Z][a-z]+)", c.m.string[c.m.end() : c.m.end() + LOOK])
        return letter if name and name.group(1) not in _OPENS_A_SENTENCE else None
    if word.islower():
        return None
    return letter if word in _FIRST_NAMES or word in TITLES or word in _INITIAL_AFTER_WORDS else None


_HEARTS = set("❤♥💙💜🧡💚💛🖤🤍💗💕💖")
_WORD_NEXT = re.compile(r"\s\w")


def _read_emoji(c: Ctx) -> str:
    """Emoji are not read ("Sure! 😊"), but a heart between words is the verb ("I ❤️ NY": I love NY), and an
    emoji a determiner makes a noun is its name ("Drop a 🔥 below", "hit the 🔔!": a fire, the bell)."""
    if c.text[0] in _HEARTS and re.search(r"\w\s$", c.before()) and _WORD_NEXT.match(c.m.string, c.m.end()):
        return "love"
    if c.text[0] in _EMOJI_NOUNS and _DETERMINER_JUST_BEFORE.search(c.before()):
        return _EMOJI_NOUNS[c.text[0]]
    return " "


# emoji that scripts use as nouns after "a", "the", "your" ("Drop a 🔥", "Smash that 👍", "hit the 🔔")
_EMOJI_NOUNS = {"🔥": "fire", "🔔": "bell", "👍": "thumbs up", "❤": "heart", "💯": "hundred", "🚀": "rocket",
                "⭐": "star", "🌟": "star", "💬": "comment", "👏": "clap", "😂": "laugh", "🙏": "thank you",
                "🏆": "trophy", "🎁": "gift"}  # fmt: skip
_DETERMINER_JUST_BEFORE = re.compile(r"\b(?:a|an|the|that|this|your|my|our|some)\s$", re.IGNORECASE)


_COMPARED = {"<": " is less than ", ">": " is greater than ", "<=": " is at most ", ">=": " is at least ",
             "≤": " is at most ", "≥": " is at least "}  # fmt: skip


# what a span of letters marks ("rows A–F", "surnames A-K"), and a span of them before it ("A–F $85; G–M $65")
_LETTERED_BEFORE = re.compile(
    r"\b(?:rows?|seats?|sections?|columns?|grades?|levels?|blocks?|aisles?|gates?|zones?|bays?|units?|parts?|"
    r"sizes?|categories|category|classes|groups?|options|items|letters|surnames|names|volumes|vols?\.|"
    r"appendi(?:x|ces)|tiers?|bands?|wings?|halls?|floors?)\s$"
    r"|\b[A-Z]\s?[–-]\s?[A-Z]\b[^.!?]{0,30}[;,]\s$",
    re.IGNORECASE,
)


def _read_letter_range(c: Ctx) -> str | None:
    first, last = c.g["lt1"], c.g["lt2"]
    if first >= last or not ((first, last) == ("A", "Z") or _LETTERED_BEFORE.search(c.before())):
        return None  # "an X-Y plot", "a T-V show" stay as written
    return f"{first} to {last}"


def _read_case_v(c: Ctx) -> str | None:
    # a name before it, or a bracket that opens a fixture ("(v Storm, Sat 27/4)")
    return "versus" if re.search(r"(?:\b[A-Z][A-Za-z'’.&-]*\s|\()$", c.before()) else None


# a span of time after a count's slash: "8 caps/24 h", "3 doses/7 days" (per; "24 cores/32 threads": and)
_SPAN_AFTER = re.compile(r"[0-9]{1,4}\s(?:h|hrs?|hours?|days?|wks?|weeks?|mo|months?|yrs?|years?)\b")


def _read_count_slash(c: Ctx) -> str | None:
    if _DOSE_PER.search(c.before()) and _VOLUME_AFTER.match(c.m.string, c.m.end()):
        return " per "  # "250 mg/5 mL", "250mg/5ml": a strength, so much in so much
    if not re.search(r"\b[0-9]{1,4}\s[a-z]+$", c.before()) or not re.match(r"[0-9]{1,4}\s", c.m.string[c.m.end() :]):
        return None
    return " per " if _SPAN_AFTER.match(c.m.string, c.m.end()) else " and "


_DOSE_PER = re.compile(r"\b[0-9.,]+\s?(?:mg|mcg|µg|g|units|IU|mmol|mEq)$")
_VOLUME_AFTER = re.compile(r"[0-9.]+\s?(?:mL|ml|L|l|dL|tsp|tab|tablets?|capsules?)\b")


def _read_mail_mark(c: Ctx) -> str | None:
    """ "Re: your order": regarding your order; "FW: notes": forwarded, with the colon's pause."""
    mark = c.g["mm"]
    if mark.lower() == "re":
        return "regarding" if mark == "re" else "Regarding"
    return "Forwarded:"


def _read_copyright(c: Ctx) -> str | None:
    return "" if re.search(r"\b[Cc]opyright\s$", c.before()) else "copyright"  # "Copyright © 2024": said once


READERS: dict[str, Reader] = {
    "new_york_new_york": say("New York, New York"),
    "pi": say(" pi "),
    "copyright": _read_copyright,
    "case_v": _read_case_v,
    "letter_range": _read_letter_range,
    "school_year": lambda c: "Years" if c.text.startswith("Yrs") else "Year",
    "near": say("near"),
    "listed_star": say(" star"),
    "initial": _read_initial,
    "requests": say("requests"),
    "pages_pp": say("pages"),
    "letters_and": lambda c: f"{' '.join(c.g['la1'])} and {' '.join(c.g['la2'])}" + ("'s" if c.g["las"] else ""),
    "junction": _read_junction,
    "music_key": _read_music_key,
    "plus_plus": say(" plus plus"),
    "typed_arrow": say("to"),
    "typed_plus_minus": say("plus or minus"),
    "name_plus": say(" plus"),
    "handle": _read_handle,
    "interstate": _read_interstate,
    "road_direction": _read_road_direction,
    "degrees_direction": lambda c: " " + COMPASS[c.g["ddir"]].lower(),
    "degrees_glued_direction": _read_degrees_glued_direction,
    "high_low": lambda c: {"H": "high", "L": "low"}[c.g["hl"]],
    "drive": _read_drive,
    "dose_every": _read_dose_every,
    "roman_lower": _read_roman_lower,
    "roman_list": _read_roman_list,
    "following_pages": _read_following_pages,
    "key": _read_key,
    "brackets": say(" "),
    "emphasis": say(" "),
    "a_star": lambda c: "A stars" if c.g["ast"] else "A star",
    "line_mark": say(" "),
    "link_open": say(" "),
    "link_target": say(" "),
    "emoji": _read_emoji,
    "money_signs": say("money"),
    "trademark": say(""),
    "heart": say("love"),
    "letter_compare": lambda c: _COMPARED[c.g["lcs"] or c.g["lcs2"]],
    "count_slash": _read_count_slash,
    "caps_slash": lambda c: " " if re.search(r"(?<![A-Za-z0-9/])[A-Z]{1,5}$", c.before()) else None,
    "footnote": lambda c: None if re.search(r"[._]\w+$", c.before()) else " ",  # "sys.argv[1]" is code
    "state": _read_state,
    "compass": _read_compass,
    "street_word": _read_street_word,
    "apt": lambda c: "Apartment" if c.g["apt"] == "Apt" else "apartment",
    "spaced_slash": _read_spaced_slash,
    "pi_over": say(" over "),
    "ordinal_or": say(" or "),
    "mail_mark": _read_mail_mark,
    "hex": lambda c: "hex " + " ".join(c.num(ch) if ch.isdigit() else ch.upper() for ch in c.g["hex"]),
    "caps": _read_caps,
    "caps_letters": _read_caps_letters,
    "caps_glued": _read_caps_glued,
    "tldr": say("T-L-D-R"),
    "doctor_saint": _read_doctor_saint,
    "etc": _read_etc,
    "abbr": _read_abbr,
    "party_state": _read_party_state,
    "state_ap": _read_state_ap,
    "symbol": _read_symbol,
    "price_level": _read_price_level,
}
