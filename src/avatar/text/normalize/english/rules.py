"""The rules of English reading, in priority order: each a name and a pattern, read by the reader its family
module registers under that name (``READERS``).

The order is the table's meaning. At one start the earlier rule wins, so a specific shape comes before the
general one that would also match it ("2024-08-07T14:30" before "2024-08-07", "$2.5M" before "2.5", "1990-95"
before "90-95", a phone number before a range); a reader that declines hands the place to the next rule. One
table for every family keeps that order in one place to read.
"""

from __future__ import annotations

import re

from avatar.text.normalize.english import abbreviations, contact, dates, figures, measures, money, sports
from avatar.text.normalize.english.context import AT_NUM, AT_SIGNED, NUM, Ctx, Reader
from avatar.text.normalize.english.measures import UNITS
from avatar.text.normalize.english.vocabulary import (
    ABBREVIATIONS,
    ATTACHED_ONLY_UNITS,
    BOOK_ABBREVIATIONS,
    CHAPTER_ALONE_BOOKS,
    DIRECTION_AFTER,
    ELEMENTS,
    MONTH_ABBR,
    TITLES,
)
from avatar.text.normalize.numbers import INDIAN
from avatar.text.normalize.scan import Rule

_CURRENCY_CODES = "|".join(money.CURRENCY_CODES)
# the elements' symbols a formula is written with, two letters first ("Na" before "N"); the reader checks the first
_ELEMENTS = "|".join(sorted(ELEMENTS, key=lambda e: (-len(e), e)))
# phone numbers of services, said digit by digit after call or dial: emergencies (911, 999, 112, 000), the
# NHS's 111, police 101, the US crisis line 988, the N11 codes (211, 311, 411, ...), and Britain's 105 (a power
# cut), 119 (vaccines), 141 (a number withheld), 116 and 118 numbers ("116 123", "118 118"); three digits each, so
# that a lookbehind may name them
_SERVICE = "(?:[2-9]11|999|112|000|111|101|988|105|119|141|116|118)"

# Mon, Sat and Sun right after another weekday and a joiner ("Sat & Sun", "Fri/Sat", "Thu and Sun")
_AFTER_WEEKDAY = (
    "(?:"
    + "|".join(
        f"(?<={day}{dot}{joiner})"
        for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        for dot in ("", ".")
        for joiner in (" & ", " and ", " or ", " to ", ", ", "-", "–", "/", "&", " - ", " – ")
    )
    + ")"
)
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_WEEKDAY_RE = (
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Tu(?=\.\s)|Wed(?:nesday|s)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?"
    r"|Sun(?:day)?)\b\.?"
)
_MONTH_CAPS = (
    r"(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?"
    r"|NOV(?:EMBER)?|DEC(?:EMBER)?)\b\.?"
)
# in lower case ("thu 14 nov", "sat. 7 december 2024"), as people type: a day before its month only (not
# "may", a word; "mar" and "march" only after a day's number)
_MONTH_LOWER = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_WEEKDAY_LOWER = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b\.?"
)
_WEEKDAY_CAPS = (
    r"(?:MON(?:DAY)?|TUE(?:S(?:DAY)?)?|WED(?:NESDAY)?|THU(?:RS?(?:DAY)?)?|FRI(?:DAY)?|SAT(?:URDAY)?|SUN(?:DAY)?)\b\.?"
)
_PROSE_SYMBOLS = "&@+=#$€£¥₹%×÷±≈≥≤≠π→−↑↓⇒⌘"
# pictographs, emoticons, flags' letters, skin tones, dingbats and the few emoji elsewhere (⌚ ⏰ ⭐ ⭕ 〰 ⬇)
_EMOJI = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u231a\u231b\u23e9-\u23fa\u2934\u2935"
    "\u3030\u303d"
)
_BOOKS = (
    "Genesis|Exodus|Leviticus|Numbers|Deuteronomy|Joshua|Judges|Ruth|Samuel|Kings|Chronicles|Ezra|Nehemiah|Esther"
    "|Job|Psalms?|Proverbs|Ecclesiastes|Songs?|Isaiah|Jeremiah|Lamentations|Ezekiel|Daniel|Hosea|Joel|Amos|Obadiah"
    "|Jonah|Micah|Nahum|Habakkuk|Zephaniah|Haggai|Zechariah|Malachi|Matthew|Mark|Luke|John|Acts|Romans|Corinthians"
    "|Galatians|Ephesians|Philippians|Colossians|Thessalonians|Timothy|Titus|Philemon|Hebrews|James|Peter|Jude"
    "|Revelation"
)
_BOOK_ABBREVIATIONS = "|".join(BOOK_ABBREVIATIONS)
_NUMBERED_BOOKS = "Samuel|Kings|Chronicles|Corinthians|Thessalonians|Timothy|Peter|John"
_NUMBERED_BOOK_ABBREVIATIONS = "|".join(k for k, v in BOOK_ABBREVIATIONS.items() if v in _NUMBERED_BOOKS.split("|"))
_EURO_NUM = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{2})?|[0-9]+,[0-9]{2}"
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_SPACED_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(UNITS) - ATTACHED_ONLY_UNITS, key=len, reverse=True))
_FX = "|".join(figures.FX_NAMES)
_ABBR_ALT = "|".join(re.escape(a) for a in sorted(ABBREVIATIONS | TITLES, key=len, reverse=True))
_RULES: list[tuple[str, str]] = [
    # "PIN code: 560034", "Mumbai - 400 001", "Chennai 600 028": an Indian postal code, digit by digit
    (
        "pin_code",
        r"(?:(?<=PIN code: )|(?<=PIN code )|(?<=Pincode: )|(?<=Pincode )|(?<=PIN: )|(?<=PIN - )|(?<=[a-z] - )"
        r"|(?<=[a-z] ))(?P<pin1>[1-8][0-9]{2})(?P<pinsp>[ ,]?)(?P<pin2>[0-9]{3})(?![0-9]|[.,][0-9])",
    ),
    # "Regulation (EU) 2016/679", "Directive 2014/65/EU", "Regulation (EU) No 575/2013": a European act's number
    (
        "eu_act",
        r"(?:(?<=\(EU\) )|(?<=\(EC\) )|(?<=Regulation )|(?<=Directive )|(?<=Decision )|(?<=EU\) No )|(?<=EU\) No\. ))"
        r"(?P<eua>(?:19|20)[0-9]{2}|[0-9]{1,4})/(?P<eub>[0-9]{1,4})(?:/(?P<euc>EU|EC|EEC|CE|JHA))?(?![0-9/])",
    ),
    # "# # #" or "###" on a line of its own: a press release's end mark, not read
    ("end_mark", r"(?m)^[ \t]*#(?:[ \t]?#){2}[ \t]*$"),
    ("brackets", r"\[\[|\]\]"),  # piper reads [[...]] as raw phonemes: never from the text itself
    # "1h20m", "3m30s": hours and minutes, minutes and seconds, glued ("2h30" and "14h30" are the time rules')
    (
        "glued_duration",
        r"(?P<gdh>[1-9](?<![0-9.,][1-9])[0-9]?)h(?P<gdm>[0-5][0-9]|[1-9])m(?![A-Za-z0-9])"
        r"|(?P<gdm2>[1-9](?<![0-9.,][1-9])[0-9]{0,2})m(?P<gds>[0-5][0-9]|[1-9])s(?![A-Za-z0-9])",
    ),
    # "over 2m 4f", "1m 2f 110y", "over 7½f": a horse race's miles, furlongs and yards
    (
        "furlongs",
        r"(?:(?P<flm>[1-4])(?<![0-9.,][1-4])m\s?(?P<flf>[1-7])(?P<flh>½)?f(?:\s?(?P<fly>[0-9]{2,3})y)?"
        r"|(?P<flf2>[5-9])(?<=\bover [5-9])(?P<flh2>½)?f)\b",
    ),
    # a mail's subject marks: "Re: your order" (regarding), "Fwd: notes", "FW: notes" (forwarded)
    ("mail_mark", r"(?<![^\s(\[\"'“‘>])(?P<mm>Re|RE|re|Fwd|FWD|Fw|FW):(?=\s)"),
    # Markup a reader does not say (espeak-ng would: "asterisk", "hash", "one"): emphasis in asterisks
    # ("**Note:**", "*really*"), a footnote's asterisk ("40%*", "apply*."), a heading's hashes or a list's
    # bullet at a line's start ("# Intro", "* item"), a footnote's number glued to a word ("docs[1]"); not
    # "2 * 3", "*67", "The ** operator", nor code ("sys.argv[1]", "cells[0].text")
    ("listed_star", r"\*(?<=[Gg]rade II\*)(?![*A-Za-z0-9])"),  # "a Grade II* listed building": two star
    ("a_star", r"\bA\*(?P<ast>s)?(?![A-Za-z0-9*])"),  # "an A*", "3 A*s": A star, a grade
    (
        "emphasis",
        r"(?<=[^\s*0-9])\*{1,3}(?![*0-9A-Za-z])|(?<![^\s(\[\"'“‘])\*{1,3}(?=[A-Za-z\"“‘(])"
        r"|(?<![^\s(\[\"'“‘])\*\*(?=[0-9$€£][^*\n]{0,60}[0-9%A-Za-z]\*\*)|(?<=[0-9%])\*\*(?![*0-9A-Za-z])",  # "**42**"
    ),
    (
        "line_mark",
        r"(?:^|(?<=\n))[ \t]{0,3}(?:#{1,6}|[*•]|\+(?![ \t]+[0-9]))(?=[ \t])",
    ),  # "# Intro", "* item", "+ item"
    # a link written in Markdown, "[the docs](https://example.com/docs)": its words, not its address
    ("link_open", r"\[(?=[^\[\]\n]{1,200}\]\((?:https?://|www\.|/)[^\s()]{0,2000}\))"),
    ("link_target", r"(?<=[^\[\]\n])\]\((?:https?://|www\.|/)[^\s()]{0,2000}\)"),
    ("footnote", r"(?<=[A-Za-z.,;:!?\"'’”])\[[1-9][0-9]{0,2}\](?![.(\[=][^\s]|\s?[-+*/=<>%])"),
    ("url", r"\b(?:https?://|s?ftp://|www\.)[^\s<>\"']{0,2000}[^\s<>\"'.,;:!?)\]]"),
    # "example.com", "bit.ly/3xYz9", "jane-doe.dev", "Amazon.com": a web address without its scheme, by its
    # top-level domain (in small letters)
    (
        "domain",
        r"(?<![A-Za-z0-9@._%+-])[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,62}){0,4}"
        r"(?:\.(?:com|org|net|io|dev|co|uk|ly|ai|app|edu|gov|me|tv|us|info|biz|gg|xyz|de|fr|ca|au|be|fm|gl|ie|nz|eu|nl"
        r"|jp)\b(?![.@-]?[A-Za-z0-9])(?::[0-9]{2,5}\b)?(?:/[^\s<>\"']{0,2000}[^\s<>\"'.,;:!?)\]])?"
        # ... and a domain that is also a word or a file's ending, only with a path: "amzn.to/3Kp", "x.deals/tech"
        r"|\.(?:to|deals|shop|store|tech|online|site|club|link|page|live|news|blog|studio|pro|art|cloud|sh)"
        r"(?=/[A-Za-z0-9])/[^\s<>\"']{0,2000}[^\s<>\"'.,;:!?)\]])",
    ),
    # "doi:10.1038/s41586-020-2649-2": a paper's identifier, character by character
    ("doi", r"\b(?:doi|DOI):\s?(?P<doi>10\.[0-9]{4,9}/[^\s<>\"']{0,200}[^\s<>\"'.,;:!?)\]])"),
    ("hex", r"\b0x(?P<hex>[0-9A-Fa-f]{1,16})\b"),  # "0x1F": hex one F
    # a chemical formula with subscript digits: "H₂O" H two O, "CO₂" C-O two, "C₆H₁₂O₆"
    ("formula", r"(?<![A-Za-z₀-₉])(?=[A-Za-z]{1,12}[₀-₉])(?:[A-Z][a-z]?[₀-₉]{0,3}){1,12}(?![A-Za-z₀-₉])"),
    # "H2SO4", "NaHCO3", "C2H5OH", "NaCl", "HCl": elements' symbols and their counts written in plain digits, two
    # elements or more with a digit or a small letter among them (the reader spells them as the formula rule does)
    (
        "formula_plain",
        rf"[A-Z](?<![A-Za-z0-9][A-Z])[a-z]?[0-9]{{0,3}}(?:(?:{_ELEMENTS})[0-9]{{0,3}}){{1,7}}(?![A-Za-z0-9])",
    ),
    # "3e8", "6.022e23", "1.6E-19": a number in scientific (E) notation, three times ten to the power of eight
    # (a capital E only with a sign or a decimal point: "Room 4E3" is a name), and its unit ("3e8 m/s")
    (
        "sci",
        r"(?<![0-9A-Za-z.])(?:(?P<scm>[0-9]\.[0-9]{1,8})[eE]|(?P<scm2>[0-9])(?:e|E(?=[-−+])))"
        rf"(?P<sce>[-−+]?[0-9]{{1,3}})\b(?![.,][0-9])(?:\s(?P<scu>{_SPACED_UNIT_ALT})(?![A-Za-z0-9²³]))?",
    ),
    # "XS-XXL", "S–3XL", "sizes M-XL": a range of clothing sizes, letter by letter (one end has an X)
    (
        "size_range",
        r"\b(?=[2-5]?X|[SML][-–][2-5]?X)(?P<sz1>[2-5]X{1,3}L|X{1,3}[SL]|XS|[SML])[-–]"
        r"(?P<sz2>[2-5]X{1,3}L|X{1,3}[SL]|[SML])\b(?![-–'’][A-Za-z0-9])",
    ),
    # "00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e": a network card's (MAC) address, pair by pair
    ("mac", r"\b[0-9A-Fa-f]{2}(?P<macs>[:-])[0-9A-Fa-f]{2}(?:(?P=macs)[0-9A-Fa-f]{2}){4}\b(?![:-][0-9A-Fa-f])"),
    ("email", r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\b"),
    # "runway 27L", "RWY 09R": a runway's heading and which of the parallel ones (left, right, centre)
    ("runway", r"\b(?P<rww>[Rr]unways?|RWY) (?P<rwn>[0-3]?[0-9])(?P<rws>[LRC])\b"),
    # "a 401(k)", "403(b)": retirement plans by their section of the tax code, said "four oh one K"
    # "localhost:3000", "example.com:8080", "192.168.1.10:22": a host and its port, "colon", as people say ports
    # (eighty eighty, three thousand, twenty two)
    ("ip_port", r"\b(?P<hip>[0-9]{1,3}(?:\.[0-9]{1,3}){3}):(?P<hpt>[0-9]{2,5})\b(?![.:][0-9])"),
    # (the lookbehinds after the colon: a pattern that starts with a character is found by a fast scan)
    (
        "port",
        r":(?:(?<=\blocalhost:)|(?<=[a-z]\.[a-z]{2}:)|(?<=[a-z]\.[a-z]{3}:)|(?<=[a-z]\.[a-z]{4}:))(?P<ptn>[0-9]{2,5})\b"
        r"(?![.:][0-9])",
    ),
    # "a 4WD", "AWD", "2WD": the wheels a car drives
    ("drive", r"\b(?P<dw>[24AFR])WD\b(?![-'’][A-Za-z])"),
    # "q4h", "q4-6h", "q3mo", "q2wk" in a prescription: every four hours, every three months
    ("dose_every", r"\bq(?P<qh>[1-9][0-9]?)(?:-(?P<qh2>[1-9][0-9]?))?(?P<qu>h|hr|d|wk|mo)\b"),
    # ... and "401k", "my 401ks" without the brackets (the US plans' numbers only: 401, 403, 457)
    (
        "tax_plan",
        r"\b(?:(?P<tp>[1-9]0[1-9])\((?P<tpl>[a-z])\)(?:\((?P<tpn>[0-9]{1,2})\))?|(?P<tp2>401|403|457)(?P<tpl2>[kb])(?P<tps>s)?\b"
        # "a 1031 exchange", "a 529 plan": the tax code's section a plan or an exchange is named for
        r"|(?P<tp3>1031|529|457|403|401)(?=\s(?:plans?|exchanges?|accounts?|savings)\b))",
    ),
    # "a Boeing 737", "the 787 Dreamliner", "two 747 jets": seven thirty seven
    (
        "boeing",
        r"(?:(?<=Boeing )|(?<![0-9A-Za-z.,$€£¥-])(?=7[0-9]7\s(?:Dreamliners?|MAX|Max|jumbo|jets?|jetliners?|airliners?"
        r"|aircraft|planes?|freighters?|fleet)\b|7[0-9]7-(?:[1-9]00|[89]|10)\b))(?P<bo1>7)(?P<bo2>[0-9]7)"
        r"(?:-(?P<bo3>[1-9]00|[89]|10))?(?P<box>X)?\b",  # "737-800", "787-9", "777X": a variant
    ),
    # "acct. ending in 4321", "Card ending 4421": digit by digit
    (
        "card_end",
        r"(?P<ce>[0-9](?:(?<=ending in [0-9])|(?<=ending [0-9])|(?<=ending with [0-9])|(?<=ends in [0-9])"
        r"|(?<=ends with [0-9]))[0-9]{3})\b(?![.,][0-9])",
    ),
    ("vanity", r"\b1-(?P<tf>8(?:00|33|44|55|66|77|88))-(?P<vw>[A-Z]{3,10})\b"),  # "1-800-FLOWERS"
    # "call x3301": extension three three oh one; three digits only after what one does with a number ("at x204")
    ("ext_x", r"(?<![A-Za-z0-9])x(?P<exd>[0-9]{3,5})\b(?![.,][0-9])"),
    # "(555) 123-4567 x89", "... x 204": extension eight nine
    ("phone_x", r"(?<=[0-9]{3}[-. ][0-9]{4}) x ?(?P<pxd>[0-9]{1,5})\b(?!\s?[-+=*/x×])"),
    ("video_lines", r"\b(?P<vl>480|576|720|1080|1440|2160|4320)p\b"),  # "1080p": ten eighty p
    # "+44 (0)20 7946 0958": the trunk zero in brackets is not dialled from abroad, and not said
    (
        "phone_intl",
        r"(?<![0-9])\+[0-9]{1,3}(?:\s?\(0\)(?=\s?[0-9]))?(?:[\s.-]?\(?[0-9]{1,5}\)?)(?:[\s.-]\(?[0-9]{1,6}\)?){1,4}"
        r"(?![0-9]|\s?%)|(?<![0-9])\+[0-9]{8,15}(?![0-9])",  # (not "+13.6%", a change)
    ),
    ("phone", r"(?<![0-9])(?:1[\s.-])?\(?[2-9][0-9]{2}(?:\)[\s.-]?|[\s.-])[0-9]{3}[\s.-][0-9]{4}(?![0-9])"),
    ("phone_gb", r"(?<![0-9,.])0[0-9]{1,4}\s[0-9]{3,4}\s?[0-9]{3,4}(?![0-9])"),  # and Dublin's "01 477 1234"
    # "0800 00 1066", "01632 96 0123": a British number grouped otherwise, ten or eleven digits in all
    ("phone_gb_groups", r"(?<![0-9,.])0[0-9]{2,4}(?:\s[0-9]{2,4}){2,3}(?![0-9]|\s[0-9])"),
    # "1300 655 506", "1800 123 456": an Australian business number (thirteen hundred, six five five, ...)
    ("phone_au", r"(?<![0-9,.])(?P<au1>1[38]00)[\s-](?P<au2>[0-9]{3})[\s-]?(?P<au3>[0-9]{3})(?![0-9])"),
    # "Call 9876543210", "Tel: 07700900123", "WhatsApp +91-9876543210": a phone number written without its spaces
    # after the words that say it is one, digit by digit in the groups it is said in
    (
        "phone_bare",
        r"(?:(?P<pbcc>\+[0-9]{1,3})[\s-]?)?(?<![0-9+])(?P<pbn>[0-9]{10,11})(?![0-9]|[.,][0-9])",
    ),
    # "ext. 204", "Extension 4421": an extension's digits
    (
        "ext_number",
        r"(?P<extn>[0-9](?:(?<=\bext\. [0-9])|(?<=\bExt\. [0-9])|(?<=\bext [0-9])|(?<=\bExt [0-9])"
        r"|(?<=[Ee]xtension [0-9])|(?<=\bext\.[0-9])|(?<=\bExt\.[0-9]))[0-9]{2,5})\b(?![.,][0-9])",
    ),
    # a code or an identifier after what names it, in groups or five digits and more ("Your code is 482 913")
    ("id_groups", r"(?<![0-9A-Za-z.,$€£¥#-])(?P<idg>[0-9]{2,8}(?: [0-9]{2,8}){0,5})(?![0-9]|[.,][0-9]|-[0-9]|/)"),
    ("phone_paren", r"\(0[0-9]{1,4}\)\s?[0-9]{3,4}[\s-]?[0-9]{3,4}(?![0-9])"),  # "(02) 9374 4000": an area code
    # a seven-digit local number ("555-0187"): after "call", "phone" and the like, or with a second part no
    # range has (a leading zero, or smaller than the first)
    # ("her number: 555 0123" spaced only after a phone's words)
    (
        "phone_local",
        r"(?<![0-9A-Za-z.,-])(?P<pl1>[2-9][0-9]{2})(?P<plsp>-| )(?P<pl2>[0-9]{4})(?![0-9]|[- ][0-9]|[.,][0-9])",
    ),
    # ZIP codes: five digits after a state or "ZIP", or ZIP+4 ("10001-2345"), digit by digit
    # an Australian postcode after its state ("Richmond VIC 3121"), digit by digit
    ("postcode_au", r"\b(?P<aus>NSW|VIC|Vic|QLD|Qld|SA|WA|TAS|Tas|NT|ACT) (?P<apc>[0-9]{4})\b(?![.,:][0-9])"),
    ("zip", r"(?<![0-9A-Za-z.,$€£-])(?P<zip5>[0-9]{5})(?:-(?P<zip4>[0-9]{4}))?(?![0-9]|[.,][0-9]|-[0-9])"),
    # "1920 × 1080", "3840x2160 px": a resolution, each side said as people say it, joined by "by"
    (
        "resolution",
        r"(?<![0-9.,])(?P<rw>[1-9][0-9]{2,3})\s?[x×]\s?(?P<rh>[1-9][0-9]{2,3})(?![0-9]|[.,][0-9])(?P<rpx>\s?px\b)?",
    ),
    # "2024-08-07T14:30", "2024-08-07 14:30:05Z": a date and a 24-hour time (the zone not said)
    (
        "iso_datetime",
        r"\b(?P<xy>[12][0-9]{3})-(?P<xm>0[1-9]|1[0-2])-(?P<xd>0[1-9]|[12][0-9]|3[01])[T ](?P<xh>[01][0-9]|2[0-3])"
        r":(?P<xmi>[0-5][0-9])(?::[0-5][0-9](?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?(?![0-9:])",
    ),
    (
        "iso_date",
        r"\b(?P<iy>[12][0-9]{3})(?P<isep>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=isep)(?P<id>0?[1-9]|[12][0-9]|3[01])\b"
        r"(?![./-][0-9])",
    ),
    # 51°30′N, 27°59'17"N, 33° 52.5' S: a latitude or a longitude in degrees, minutes (and seconds)
    (
        "dms",
        r"(?P<dmd>[0-9](?<![0-9.][0-9])[0-9]{0,2})\s?[°º]\s?(?P<dmm>[0-9]{1,2}(?:\.[0-9]+)?)\s?['′’]"
        r"(?:\s?(?P<dms>[0-9]{1,2}(?:\.[0-9]+)?)\s?(?:\"|″|”|''))?(?:\s?(?P<dmh>[NSEW])\b(?![.'’&-][A-Za-z0-9]))?",
    ),
    # 6'2" and 5' 11": feet and inches
    (
        "feet_inches",
        r"(?<![0-9.])(?P<fif>[0-9]{1,2})\s?['′’]\s?(?P<fii>[0-9]{1,2}(?:\.[0-9])?)\s?(?:\"|″|”|''|\s?in\b\.?)",
    ),
    # 12' x 14', "a 6' fence": feet alone, as a size's side or before what it measures
    ("feet_mark", r"(?<![0-9.,'’])(?P<ftm>[0-9]{1,3}(?:\.[0-9])?)['′’](?![0-9A-Za-z'’\"″])"),
    ("always", r"(?<![0-9/])24/7/365(?![0-9/])"),  # "open 24/7/365"
    ("star_rating", r"(?P<stf>★{1,10})(?P<ste>☆{0,10})(?![★☆])"),  # "★★★★☆": four out of five stars
    ("all_week", r"(?<![0-9/.,-])24-7(?![0-9/-])"),  # "the 24-7 shop": twenty four seven
    # "11/12/13/14", "10/9.5/9s", "8/16/32 GB", "18/21/24%": a series of values, the last read with its unit by
    # the rules that follow (a date only where three whole numbers stand alone: "on 8/12/10")
    (
        "slash_series",
        r"(?<![0-9./,])(?P<ssr>(?:[0-9]{1,4}(?:\.[0-9]{1,3})?/){2,})"
        r"(?=(?P<sslast>[0-9]{1,4}(?:\.[0-9]{1,3})?)(?P<ssafter>[^0-9/.]|\.(?![0-9])|$))",
    ),
    # "won at 9/2", "the 5/1 favourite": a bookmaker's odds, nine to two (the reader looks for a bet's words)
    ("odds", r"(?<![0-9./])(?P<od1>[1-9][0-9]{0,3})/(?P<od2>[1-9][0-9]?)\b(?![/.][0-9])"),
    # "reached 401/7 dec.", "245/6 at lunch": a cricket score, runs for wickets (the reader looks for its words)
    (
        "cricket_score",
        r"(?<![0-9./])(?P<ck1>[1-9][0-9]{0,2})/(?P<ck2>10|[0-9])(?P<ckd>\s?dec(?:lared)?\b\.?|d\b)?(?![/.][0-9])",
    ),
    # "bowled 4/23", "figures of 5-41": a bowler's wickets for runs (the reader looks for a bowler's words)
    ("bowling", r"(?<![0-9./-])(?P<bw1>10|[0-9])[/-](?P<bw2>[0-9]{1,3})\b(?![/.-][0-9])"),
    # "153* off 210 balls", "made 102* (87 balls)": a batter not out; "$5.99*", "102* not out": a mark, not read
    ("not_out", r"\*(?<=[0-9]\*)(?![*0-9A-Za-z])"),
    # "won 6-3, 6-4, 7-6(5)", "1-6 7-6(6) 6-1": a tennis match's sets, two or more (the reader checks each)
    (
        "tennis_sets",
        r"(?<![0-9.:/-])(?:[0-7]-[0-7](?:\([0-9]{1,2}\))?(?:,\s|\s)){1,4}[0-7]-[0-7](?:\([0-9]{1,2}\))?(?![0-9-]|\.[0-9])",
    ),
    # "UST 10Y", "the 10y Bund", "5y5y", "the 3m EURIBOR", "1m, 3m and 6m SOFR": a rate's tenor (ten-year,
    # three-month; no metres, no millions)
    (
        "tenor",
        r"(?<![0-9A-XZa-xz.,$€£])(?P<tnn>[1-9][0-9]?)(?:(?P<tny>[Yy])(?![A-Za-z'’]|-[A-Za-z]|[0-9]+[^0-9Yy])"
        r"|(?P<tnm>m)(?=(?:,\s[0-9]{1,2}m)*(?:,?\s(?:and|or)\s[0-9]{1,2}m)?\s(?:EURIBOR|Euribor|SOFR|LIBOR|Libor|SONIA"
        r"|T-bills?|Treasury|OIS|deposit|CD|fixing|tenor|rates?)\b))",
    ),
    # "28W-12L", "Record: 12W 3L": wins and losses (no watts, no litres)
    ("wins_losses", r"\b(?P<wl1>[0-9]{1,3})W(?:-|\s|,\s)(?P<wl2>[0-9]{1,3})L\b(?![-.][0-9])"),
    # "5W-30", "0W-20", "10W40": a motor oil's grade (five W thirty; no watts)
    ("oil_grade", r"\b(?P<og1>0|5|10|15|20|25)W-?(?P<og2>[0-9]{1,2})\b(?![-.][0-9])"),
    # "ISO 9001:2015", "ISO 27001": a standard's number as a code is said, and its year
    ("iso_standard", r"(?<=\bISO )(?P<iso1>[1-9][0-9]{2,4})(?::(?P<iso2>(?:19|20)[0-9]{2}))?\b(?![.,][0-9])"),
    # "R^2", "x^3": squared, cubed
    ("letter_power", r"\b(?P<lpv>[A-Za-z])\^(?P<lpp>[23])\b(?![.,]?[0-9])"),
    # "6.674×10−11", "5 × 10−8": a power of ten written with the minus sign and no caret
    ("ten_to_minus", r"(?<=[×x]10)−(?=[0-9]{1,3}\b)"),
    # "Q4/24", "H1/2025": a quarter or a half and its year, as finance writes it
    ("period_year", r"\b(?P<pyk>[QH])(?P<pyn>[1-4])/(?P<pyy>[0-9]{2}|20[0-9]{2})\b(?![/.][0-9])"),
    # "A*AA", "A*A*A", "D*D*D*": grades with stars (A star A A)
    ("starred_grades", r"(?<![A-Za-z*])(?=[A-E*]*\*)(?P<grd>(?:[A-E]\*?){2,5})(?![A-Za-z0-9*])"),
    # "1:42:37.891", "2:03:44.12": hours, minutes, seconds and their fraction (a speedrun's or a race's time)
    (
        "race_time",
        r"(?<![0-9:.])(?P<rch>[0-9]{1,2}):(?P<rcm>[0-5][0-9]):(?P<rcs>[0-5][0-9])\.(?P<rcf>[0-9]{1,3})(?![0-9]|\.[0-9])",
    ),
    # "a 1'29.708", "1m29.708s": a lap's minutes, seconds and their fraction written with a mark or letters
    (
        "lap_marked",
        r"(?<![0-9.:'])(?P<lmm>[0-9]{1,2})(?:'|m)(?P<lms>[0-5][0-9])\.(?P<lmf>[0-9]{1,3})(?:s\b)?(?![0-9]|\.[0-9])",
    ),
    # "a 1:32.608 lap", "in 0:58.41": minutes, seconds and their fraction
    ("lap_time", r"(?<![0-9:.])(?P<lpm>[0-9]{1,2}):(?P<lps>[0-5][0-9])\.(?P<lpf>[0-9]{1,3})(?![0-9]|\.[0-9])"),
    (
        "num_date",
        r"\b(?P<na>[0-9]{1,2})(?P<nsep>[/.])(?P<nb>[0-9]{1,2})(?P=nsep)(?P<ny>[0-9]{4}|[0-9]{2})\b(?![./][0-9])",
    ),
    (
        "dash_date",
        r"(?<![0-9-])(?P<da>[0-9]{1,2})-(?P<db>[0-9]{1,2})-(?P<dy4>(?:1[89]|20)[0-9]{2}|(?<=[0-9]{2}-[0-9]{2}-)[0-9]{2})"
        r"(?![0-9]|[-/.][0-9])",  # "12-25-2024", and "12-25-24" with both its first parts written in two digits
    ),
    # "5.50 dollars", "12.99 euros": an amount in cents before its currency's name, read as "$5.50" is ("pounds"
    # stays a decimal: "2.25 pounds" is a weight as often)
    ("money_words", rf"{AT_NUM}(?P<wamt>[0-9]{{1,3}}(?:,[0-9]{{3}})*\.[0-9]{{2}})\s(?P<wcur>dollars|euros)\b"),
    # "2/$5", "3/£10": a count for a price, as shops write it ("two for five dollars")
    ("count_for_price", r"(?<![0-9A-Za-z.,/$€£])(?P<nfor>[1-9][0-9]?)/(?=[$€£][0-9])"),
    # "€1.299,00", "€12,50", "1.500 €", "12,50 €": euros written the continental way (a full stop between
    # thousands, a comma before cents), or with the sign after the amount
    (
        "money_euro",
        rf"€\s?(?P<eu1>{_EURO_NUM})(?![0-9]|[.,][0-9])|(?<![0-9.,])(?P<eu2>{_EURO_NUM}|[0-9]+(?:\.[0-9]{{2}})?)\s?€",
    ),
    (
        "money",
        rf"(?P<mneg>(?<![0-9A-Za-z])[-−])?(?:\b(?P<mpre>US|AU|A|CA|C|HK|NZ|MX|NT|S|R)(?=\$)|\bUS\s(?=\$))?(?P<cur>[$€£¥₹₩₽₺₱₦₪₫฿₴₸৳])(?P<mneg2>[-−])?\s?(?P<amt>{NUM})"
        r"(?:(?P<mscale>[kKmMbBT])\b|\s?(?P<mword>thousand|million|billion|trillion|bn|mn|mm|MM|tn|crore|lakh|LPA|mil(?=\.))\b(?:(?<=mil)\.)?"
        r"|(?P<mplural>s)\b(?![-'’][A-Za-z]))?"  # "-$50": minus; "two $20s": twenties
        # "$750mm", "$12.5 MM": millions, as finance writes them; "$750 MXN", "$20 AUD": a dollar sign's amount, and
        # the code of the money it is
        r"(?:\s(?P<mcode>USD|CAD|AUD|NZD|HKD|SGD|TWD|MXN|ARS|CLP|COP|BRL)\b)?",
    ),
    # "R350", "R18.75 to the dollar", "R1.5bn": South African rand where the amount or the sentence says so (not
    # Ireland's roads, "the R350")
    ("rand", rf"R(?<![A-Za-z0-9_]R)(?P<rnd>{NUM})(?:(?P<rsc>m|bn|tn|k)\b)?(?![0-9A-Za-z]|[.,][0-9]|-[A-Za-z0-9])"),
    (
        "money_code",
        rf"\bEUR\s?(?P<amt4>{_EURO_NUM})(?![0-9]|[.,][0-9])"  # "EUR 1.199,00": written the continental way
        # "20 USD", "2.5M GBP" (a scale, then the code: million pounds, not molar)
        rf"|{AT_NUM}(?P<amt2>{NUM})(?:\s?(?:(?P<mword3>thousand|million|billion|trillion|bn|mn)\b|(?P<mscale3>[kKmMbB])))?"
        rf"\s?(?P<code>(?:{_CURRENCY_CODES}|zł|Kč|kr)\b(?:(?<=kr)\.)?|[₽₫](?![0-9]))|\b(?P<code2>{_CURRENCY_CODES}|"
        rf"Rs\.|Rs(?=\s?[0-9])|kr\.?(?=\s?[0-9])|S?Fr\.(?=\s?[0-9])|KSh|TSh|USh|Rp|GH₵)\s?(?P<amt3>{NUM})"
        # "CHF 2.5M", "EUR 300m"
        r"(?:\s?(?P<mword2>thousand|million|billion|trillion|lakh|crore|LPA)\b|(?P<mscale2>[kKmMbB]|bn|mn)\b)?",
    ),
    ("cents", rf"{AT_NUM}(?P<ct>{NUM})\s?¢|(?<![0-9A-Za-z.,$€£/])(?P<ct2>[1-9][0-9]?)c\b(?![-'’.&][A-Za-z0-9])"),
    # "QQ123456C", "1Z999AA10123456784": an identifier of two capitals or more and five digits or more, character by
    # character ("14900K" is a model's number)
    ("alnum_id", r"[A-Z0-9](?<![-/A-Za-z0-9_][A-Z0-9])[A-Z0-9]{5,23}\b(?![-'’.][A-Za-z0-9])"),
    # "Highway 101", "Route 128": a road's number, said as people say it
    (
        "road_number",
        r"(?P<rdn>[1-9](?:(?<=Highway [1-9])|(?<=Hwy\. [1-9])|(?<=Hwy [1-9])|(?<=Route [1-9])|(?<=Rte\. [1-9])"
        r"|(?<=Rte [1-9])|(?<=US [1-9])|(?<=SR [1-9])|(?<=Interstate [1-9])|(?<=State Route [1-9]))[0-9]{2})"
        r"\b(?![.,][0-9]|\s?%)",
    ),
    # "Room 2141", "Suite 101", "train 171": a room's, a gate's or a service's number, said as people say it
    (
        "room_number",
        r"(?P<rmn>[1-9](?:(?<=[Rr]oom [1-9])|(?<=Rm\. [1-9])|(?<=Rm [1-9])|(?<=[Ss]uite [1-9])"
        r"|(?<=Ste\. [1-9])|(?<=Ste [1-9])|(?<=[Pp]ort [1-9])"
        r"|(?<=Office [1-9])|(?<=[Gg]ate [1-9])|(?<=Unit [1-9])|(?<=[Tt]rain [1-9])|(?<=[Bb]us [1-9])"
        r"|(?<=Studio [1-9])|(?<=Ward [1-9])|(?<=Hangar [1-9]))[0-9]{2,3})"
        r"(?:\b|(?=[A-Z]\b))(?![.,][0-9]|\s?%|[-–][0-9])",  # "Rm 101A": one oh one A
    ),
    # "H.R. 3684", "S.B. 1047": a bill's number, said as people say it (thirty six eighty four)
    (
        "bill_number",
        r"(?P<bill>[1-9](?:(?<=H\.R\. [1-9])|(?<=H\.B\. [1-9])|(?<=S\.B\. [1-9])|(?<=A\.B\. [1-9])|(?<=H\.R\.[1-9]))"
        r"[0-9]{2,3})\b(?![.,][0-9])",
    ),
    # "§ 230", "Section 1983", "§§ 101-103": a law's section of three or four digits, as lawyers say it (two thirty)
    (
        "section_number",
        r"(?P<scn>[1-9](?:(?<=§ [1-9])|(?<=§[1-9])|(?<=Section [1-9])|(?<=section [1-9])|(?<=Sec\. [1-9])"
        r"|(?<=sec\. [1-9]))[0-9]{2,3})"
        r"(?:[-–](?P<scn2>[1-9][0-9]{2,3}))?\b(?![.,:][0-9]|[-–][0-9])",
    ),
    # "2:23-cv-01234", "1:19-cr-00045": a federal court's docket number (office, year, kind of case, number)
    (
        "docket",
        r"(?<![0-9:])(?P<dko>[0-9]):(?P<dky>[0-9]{2})-(?P<dkk>cv|cr|mj|md|bk|ap|mc|po)-(?P<dkn>[0-9]{3,6})\b",
    ),
    # "542 U.S. 296", "123 F.3d 456", "45 F. Supp. 2d 789": a court reporter's volume, name and page
    (
        "law_report",
        r"(?<![0-9.,])(?P<lrv>[1-9][0-9]{0,3}) (?P<lrn>U\.\s?S\.|F\.\s?(?:2d|3d|4th)|F\.\s?Supp\.(?:\s?(?:2d|3d))?"
        r"|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?) (?P<lrp>[1-9][0-9]{0,4})\b(?![.,][0-9])",
    ),
    # "4400 W. Main St.", "221 Baker St.", "221B Baker Street": a house number, said as people say it (forty four
    # hundred, two twenty one B)
    (
        "house_number",
        r"(?<![0-9.,$€£¥#/-])(?P<hn>[1-9][0-9]{2,4})(?P<hnl>[A-H]\b)?(?=\s(?:[NSEW]\.?\s)?(?:[A-Z][a-z]+\s|[0-9]{1,3}(?:st|nd|rd|th)\s)"
        r"{1,3}(?:St|Street|Ave|Avenue|Rd"
        r"|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Way|Ct|Court|Pl|Place|Pkwy|Parkway|Ter|Terrace|Cir|Circle)\b)",
    ),
    # "Fig. 3-2", "Table 4-1", "Eq. 2-7": a label's chapter and number, not a range
    (
        "label_number",
        r"(?P<lb1>[0-9](?:(?<=Fig\. [0-9])|(?<=Figure [0-9])|(?<=Table [0-9])|(?<=Eq\. [0-9])|(?<=Exhibit [0-9])"
        r"|(?<=Plate [0-9])|(?<=Chart [0-9])|(?<=Listing [0-9]))[0-9]?)-(?P<lb2>[0-9]{1,3})\b(?![.,-][0-9])",
    ),
    # "CVE-2023-1234", "SKU 12-345-678", "i7-13700H", "F-150": a code's numbers, never a range or a year range
    (
        "code",
        r"[0-9](?:(?<=[A-Z]-[0-9])|(?<=[0-9]-[0-9])|(?<![0-9A-Za-z.,$€£¥/-][0-9])(?<=[0-9])"
        r"(?=[0-9]{0,4}[A-Z]{0,3}(?:-[0-9]{1,6}[A-Z]{0,3}){2}))"
        r"[0-9]{0,5}[A-Z]{0,3}(?:-[0-9]{1,6}[A-Z]{0,3}){0,5}(?![0-9A-Za-z]|-[0-9A-Za-z]|[.,][0-9])",
    ),
    # "SKU-4471-B", "2024-CV-01234", "123-4567890-1234567": an identifier of three groups or more joined by
    # dashes, capitals and digits, group by group (the reader takes digits alone only with a group of five or more)
    (
        "code_groups",
        r"(?<![A-Za-z0-9.,/-])(?=[0-9A-Z-]{0,60}[0-9])[0-9A-Z]{1,12}(?:-[0-9A-Z]{1,12}){2,5}"
        r"(?![A-Za-z0-9]|[-.,/][A-Za-z0-9])",
    ),
    # "ABC123XYZ", "Ref: QX4471", "booking ZK3819": a reference, said character by character
    ("reference", r"\b(?P<ref>[A-Z]{2,4}[0-9]{2,8}[A-Z]{1,4}|[A-Z]{2,4}[0-9]{3,8})\b(?![-'’.][A-Za-z0-9])"),
    # "Ryzen 9 7950X", "a 14900K", "5800X3D": a model number and its letters (never a scale: fourteen thousand...)
    (
        "model_suffix",
        r"(?<![0-9A-Za-z.,$€£¥-])(?P<msn>[1-9][0-9]{3,4})(?P<mss>X3D|XTX|XT|X|KF|KS|K|HX|HS|H|G)\b(?![-'’.][A-Za-z0-9])",
    ),
    (
        "year_range",
        r"(?<![0-9.,])(?P<ya>1[1-9][0-9]{2}|20[0-9]{2})(?P<ysep>-|–|\s–\s|/(?=[0-9]{2}\b))"
        r"(?P<yb>[0-9]{2}|1[1-9][0-9]{2}|20[0-9]{2})"
        rf"(?![0-9%°]|\s?(?:(?:{_UNIT_ALT})(?<!A)(?![A-Za-z0-9])|%))",  # not "1990-95 kg"; "the 1914-18 war" is years
    ),
    # "1 Cor. 13", "2 Tim. 3:16": the number of a numbered book of the Bible is an ordinal, First Corinthians;
    # a chapter alone follows only an abbreviation or a book that is no one's name ("2 Kings 5 cards" is not)
    (
        "book_number",
        rf"\b(?P<bkn>[123]) (?=(?:{_NUMBERED_BOOKS}|{_NUMBERED_BOOK_ABBREVIATIONS}) [0-9]{{1,3}}:[0-9]|(?:"
        rf"{CHAPTER_ALONE_BOOKS}|(?:{_NUMBERED_BOOK_ABBREVIATIONS})\.) [0-9]{{1,3}}(?![0-9]))",
    ),
    # "John 3:16-18", "Matthew 5:3-12": a chapter and its verses, after a book of the Bible; after a book's
    # number ("1 Cor. 13") the chapter alone
    (
        "verses",
        rf"\b(?:(?P<vbook>{_BOOKS})|(?P<vabbr>{_BOOK_ABBREVIATIONS})(?:\.|(?P<vbare>)(?= [0-9]{{1,3}}:[0-9])))"
        rf" (?P<vch>[0-9]{{1,3}})(?::(?P<vv1>[0-9]{{1,3}})"
        r"(?:(?:-|–)(?P<vv2>[0-9]{1,3}))?)?(?![0-9:])",
    ),
    ("psalm", r"\bPs\.(?= [0-9]{1,3}\b(?!:))"),  # "Ps. 23": the number after is read as a number
    ("hm_duration", r"\b(?P<hmh>[0-9]{1,2})h(?P<hmm>[0-5][0-9])\b"),  # "the flight takes 2h30": two hours thirty
    ("time_h", r"h(?<=[0-9]:[0-5][0-9]h)\b(?![-'’.][A-Za-z0-9])"),  # "at 21:00h": hours
    # "9-9:50 a.m.", "12-1:30": an hour, then a time with minutes (the time rule reads the second)
    (
        "hour_to_time",
        r"(?<![0-9A-Za-z.,:$€£-])(?P<ht>1[0-9]|2[0-3]|0?[0-9])(?:-|–|\s–\s)(?=(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?![0-9:]))",
    ),
    (
        "time",
        r"\b(?P<th>[01]?[0-9]|2[0-3]):(?P<tm>[0-5][0-9])(?::(?P<ts>[0-5][0-9]))?(?![0-9:]|,[0-9]{3}\b|k\b)"
        r"(?:\s?(?P<tap>[AaPp])(?:\.\s?[Mm]\b\.?|[Mm]\b)|(?P<tap2>[ap])\b(?![-'’&]))?",
    ),
    # "5.30 pm", "10.30am": a time with a full stop, as British English writes it (only with am or pm)
    (
        "time_dot",
        r"(?<![0-9.,])(?P<dth>1[0-2]|0?[1-9])\.(?P<dtm>[0-5][0-9])\s?(?P<dtap>[AaPp])(?:\.\s?[Mm]\b\.?|[Mm]\b)",
    ),
    # "at 12.30", "from 9.30 to 5.30", "12.30 Sun", "the 07.52 from Reading": a time written with a full stop and
    # no am or pm, as British English writes it, where the words around it make it one
    ("time_dot_bare", r"(?<![0-9.,£$€])(?P<bth>1[0-9]|2[0-3]|0?[1-9])\.(?P<btm>[0-5][0-9])(?![0-9]|[.,][0-9]|\s?%)"),
    # "3-5 pm", "9–11 a.m.", "7.30–9pm", "12–2.30pm": a range of hours (and minutes, by a dot or a colon)
    (
        "hour_range",
        r"(?<![0-9A-Za-z.,:-])(?P<hr1>1[0-2]|0?[1-9])(?:[.:](?P<hm1>[0-5][0-9]))?(?:-|–|\s–\s)(?P<hr2>1[0-2]|0?[1-9])"
        r"(?:[.:](?P<hm2>[0-5][0-9]))?\s?(?P<hrap>[AaPp])"
        r"(?:\.\s?[Mm]\b\.?|[Mm]\b)",
    ),
    (
        "ap_range",
        r"\b(?P<ap1>1[0-2]|[1-9])(?P<apa>[ap])\s?[-–]\s?(?P<ap2>1[0-2]|[1-9])(?P<apb>[ap])\b(?![-'’&]|\.[A-Za-z0-9])",
    ),  # "10a–6p", "Sat 10a-1p." (a sentence's stop after it)
    (
        "hour_ampm",
        r"\b(?P<hh>1[0-2]|0?[1-9])\s?(?P<hap>[AaPp])(?:\.\s?[Mm]\b\.?|[Mm]\b)"
        r"|(?<=\bat )(?P<hh2>1[0-2]|[1-9])(?P<hap2>[ap])\b(?![-'’&.])",
    ),  # "at 7p" (TV listings)
    # "1400 hours", "0800 hrs": 24-hour time written without a colon
    (
        "mil_time",
        r"(?<![0-9.,])(?P<mh>[01][0-9]|2[0-3])(?P<mm>[0-5][0-9])(?:\s?(?P<mw>hours|hrs|h)\b\.?|(?![0-9]|[.,:][0-9]))",
    ),
    # "BWV 1007", "K. 525", "RV 269": a composer's catalogue number, as musicians say it (ten oh seven; "K." before
    # three digits only: "grade K. 5 of them" ends a sentence)
    (
        "catalogue",
        r"(?:\b(?P<cat>BWV|HWV|RV|KV)\s?(?P<catn>[0-9]{1,4})|\bK\.\s?(?P<catk>[1-6][0-9]{2}))(?P<catl>[a-z])?\b(?![.,][0-9])",
    ),
    # "3:2:1", "1:1:1:1": a ratio of three parts or four (a part of one digit: "1:05:32" is a race's time)
    ("ratio_parts", r"(?<![0-9:])(?P<rp>[0-9]{1,3}(?::[0-9]{1,3}){2,3})(?![0-9:])"),
    # "3:1", "1:1000", "a 1:50,000 map", "1:24k", "1:0.95"
    (
        "ratio",
        r"(?<![0-9:.,])(?P<ra1>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,4}(?:\.[0-9]{1,2}(?=:[0-9]{1,3}\b(?![:.][0-9])))?):(?P<ra2>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]\.[0-9]{1,3}(?![A-Za-z])|[0-9]{1,4})(?P<rak>k\b)?(?![0-9:]|\.[0-9])",
    ),
    ("fourth_of_july", r"\b(?:4th|Fourth) of July\b"),  # "Happy 4th of July": the holiday's name
    (
        "date",
        rf"\b(?:(?P<wd>{_WEEKDAY_RE}),?\s)?(?:(?:(?P<d0>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s?(?:-|–)\s?|(?P<d0j>/)))?"
        rf"(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s(?:of\s)?|-)(?P<m1>{_MONTH_RE})"
        rf"|(?P<m2>{_MONTH_RE})\s(?:the\s)?(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\b(?!:[0-9]|[.,][0-9])"
        r"(?:(?:-|–)(?P<d3>[0-9]{1,2})(?:st|nd|rd|th)?\b(?![0-9:]|[.,][0-9]))?)"
        r"(?:(?:,?\s|-)(?P<dy>[12][0-9]{3})\b(?![.,:][0-9]))?",
    ),
    # "THU 14 NOV", "NOV 14, 2024": a date in capitals, as tickets and forms print it
    (
        "date_caps",
        rf"\b(?:(?P<wd>{_WEEKDAY_CAPS}),?\s)?(?:(?P<d1>[0-9]{{1,2}})(?:ST|ND|RD|TH|st|nd|rd|th)?\s(?P<m1>{_MONTH_CAPS})"
        rf"|(?P<m2>{_MONTH_CAPS})\s(?P<d2>[0-9]{{1,2}})(?:ST|ND|RD|TH|st|nd|rd|th)?\b(?!:|[.,][0-9]))"
        r"(?:(?:,?\s|-)(?P<dy>[12][0-9]{3})\b(?![.,:][0-9]))?(?P<d0>)(?P<d3>)",
    ),
    (
        "date_lower",
        rf"\b(?:(?P<wd>{_WEEKDAY_LOWER}),?\s)?(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\s(?P<m1>{_MONTH_LOWER})"
        r"(?:(?:,?\s|-)(?P<dy>[12][0-9]{3})\b(?![.,:][0-9]))?(?P<m2>)(?P<d2>)(?P<d0>)(?P<d3>)",
    ),
    # Tue, Wed, Thu, Fri (and tue, thu and fri in small letters) are never words; Mon, Sat, Sun only with a dot, a
    # date or another weekday next, or after what opening hours say
    (
        "weekday",
        r"\b(?P<wk>Tues?|Tu(?=\.\s)|Weds?|Thu(?:rs?)?|Fri)\b\.?|\b(?P<wk2>Mon|Sat|Sun)\b(?:\.|(?=,?\s[0-9])"
        r"|(?=:\s(?:[A-Z][a-z]|[0-9]|closed\b|open\b))"  # "Mon: Sunny, H 72°", "Sat: 10-4": a listing's day
        # ... or after a comma in a list of hours, before what hours say ("daily 9-5, Sat till 6", "Sun closed")
        r"|(?<=[,;] (?:Mon|Sat|Sun))(?=\s(?:till|until|only|from)\b|\s(?:closed|open)\b(?!\s+[a-z]))"
        r"|(?=(?:,|\s(?:and|or|to|thru|through|till|until|&|-|–))\s?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b)"
        r"|(?=[-–/&](?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)))"
        rf"|(?=Mon|Sat|Sun){_AFTER_WEEKDAY}\b(?P<wk3>Mon|Sat|Sun)\b\.?"
        # "closed Sun", "open Sat", "until Mon": what opening hours say of a day; "3pm Sat": a time's day
        r"|(?=Mon|Sat|Sun)(?:(?<=[Cc]losed )|(?<=[Oo]pen )|(?<=[Oo]pens )|(?<=until )|(?<=till )|(?<=except )"
        r"|(?<=[Oo]n )|(?<=every )|(?<=[Nn]ext )|(?<=[Ll]ast )|(?<=[Tt]his )|(?<=[0-9][ap]m )|(?<=[0-9][AP]M )"
        r"|(?<=ends )|(?<=[Ss]tarts )|(?<=begins )|(?<=thru )|(?<=through )"
        r"|(?<=[0-9]:[0-5][0-9] )|(?<=[0-9]\.[0-5][0-9] ))(?!\w+\s+[A-Z][a-z])"
        r"(?P<wk4>Mon|Sat|Sun)\b\.?"
        r"|\b(?P<wk5>tues?|thu(?:rs?)?|fri)\b(?![-'’])\.?",  # "tues. at 9", "thu at noon": never words either
    ),
    (
        "month",
        r"\b(?P<mo>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b(?P<mo2>Feb|Aug|Sept?|Oct|Nov|Dec)\b"
        r"|\b(?P<mo3>Jan|Mar|Apr|Jun|Jul)\b(?=\s(?:1[0-9]{3}\b|20[0-9]{2}\b|['’][0-9]{2}\b)"  # "Mar 2021", "Jan '22"
        rf"|[-–/]{MONTH_ABBR}\b|\s(?:and|to|or|thru|through)\s{MONTH_ABBR}\b)"  # "Jan–Mar", "Jun to Jul"
        rf"|(?<=[A-Z][a-z]{{2}}[-–/])(?P<mo4>{MONTH_ABBR})\b(?![-'’][A-Za-z])"  # ... and the one after it
        # "fell in Jan and rose in Feb": after a word of time, where no name follows
        r"|(?i:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\bfrom )|(?<=\bthrough )|(?<=\bbetween ))"
        r"(?P<mo5>Jan|Mar|Apr|Jun|Jul)\b(?![-'’]|\s[A-Z])"
        # "Jan and Mar", "from Jan to Apr": the second of two months written short
        r"|(?:(?<=\b[A-Z][a-z]{2} and )|(?<=\b[A-Z][a-z]{2} to )|(?<=\b[A-Z][a-z]{2} or )|(?<=\b[A-Z][a-z]{2} thru )"
        r"|(?<=\b[A-Z][a-z]{2} through ))(?P<mo6>Jan|Mar|Apr|Jun|Jul)\b(?![-'’]|\s[A-Z])",
    ),
    ("team", r"\b(?P<team>49|76)ers\b"),  # the 49ers, the 76ers
    # "the 90th min": a minute of a match ("min." alone is "minimum")
    ("nth_minute", r"\b(?P<omn>[0-9]{1,3})(?:st|nd|rd|th)\s(?:min|mins)\b\.?"),
    # "3rd", "the 1,000th", "the 1,00,000th" (never from inside a run of groups: "123,123,...")
    (
        "ordinal",
        rf"\b(?<![0-9][,.])(?P<ord>{INDIAN}|[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]{{1,15}})"
        r"(?:st|nd|rd|th)\b",
    ),
    # "the 19th c.", "5th cent.": a century after its ordinal
    ("century", r"(?:(?<=[0-9]st)|(?<=[0-9]nd)|(?<=[0-9]rd)|(?<=[0-9]th))[\s-]c(?:ent)?\.(?![A-Za-z])"),
    # "the 1950s–60s", "the 80s-90s": one decade to another
    (
        "decade_range",
        r"(?:\b(?P<drc>1[1-9]|20)(?P<dr1>[0-9]0)|(?<![A-Za-z0-9.,'’-])['’]?(?P<dr1b>[1-9]0))s(?:-|–|\s–\s)"
        r"(?:(?P<drc2>1[1-9]|20)|['’])?(?P<dr2>[0-9]0)s\b",
    ),
    (
        "decade",
        r"\b(?P<dec>1[1-9][0-9]0|20[0-9]0)['’]?s\b|(?<![A-Za-z0-9])['’](?P<dec2>[0-9]0)['’]?s\b"
        # "her mid-30s", "the 90's"
        r"|(?:(?<![A-Za-z0-9.,'’-])|(?<=[Mm]id-)|(?<=[Ee]arly-)|(?<=[Ll]ate-))(?P<dec3>[1-9]0)['’]?s\b",
    ),
    # "11:30-late", "9am–close": open until late, as listings write it
    ("three_point", r"\b3PT\b"),  # "from 3PT range": three-point
    ("overtimes", r"\b(?P<ots>[2-4])OT\b"),  # "won in 2OT": double overtime
    ("circa_money", r"\bc\.(?=\s?[$€£¥][0-9])"),  # "c.£200m": circa
    ("pi", r"π(?=[A-Za-z(²]|\s?[0-9])|(?<=[0-9])π"),  # "πr²", "2πr", "π 3.14": pi
    ("copyright", r"©"),  # "© 2024 Acme": copyright (not said twice after "Copyright")
    ("indian_suffix", r"(?<=[0-9])/-(?![0-9A-Za-z])"),  # "Rs.500/-": the amount's end, not said
    ("lpa", r"(?<=[0-9] )LPA\b|(?<=[0-9])LPA\b"),  # "₹12 LPA": lakh per annum (a salary)
    ("new_york_new_york", r"\bNY, NY\b"),  # "New York, NY 10118" is a state's; "NY, NY" is the city's, twice
    ("to_present", r"(?<=[0-9])\s?[-–]\s?(?=present\b)"),  # "(1930-present)": nineteen thirty to the present
    ("till_late", r"(?<=[0-9])[-–](?=(?:late|close)\b)|(?<=[0-9][ap]m)[-–](?=(?:late|close)\b)"),
    # "3-4 x daily", "2 x a day": so many times in a period
    ("times_daily", r"(?<=[0-9] )x(?=\s(?:daily|weekly|monthly|a day|a week|a month|per day|per week)\b)"),
    # "2Q", "1Q24", "3QFY25", "1H 2025": a quarter or a half with its number first, as finance writes it
    ("leading_quarter", r"\b(?P<lqn>[1-4](?=Q)|[12](?=H))(?P<lqk>[QH])(?=[0-9]{2}\b|FY|\s|[.,;:!?)'’]|$)"),
    # "Q4'24", "H1'25", "FY'25": a quarter's, a half's or a fiscal year's year after its mark
    ("period_year_mark", r"(?:(?<=\b[QH][1-4])|(?<=\b[1-4]Q)|(?<=\b[12]H)|(?<=\bFY))['’](?=[0-9]{2}\b)"),
    # "3x faster", "2x the price" (times); "x2" (times two); "3x4" is the multiply rule
    (
        "times",
        rf"{AT_NUM}(?P<tn>{NUM})(?:x\b|×(?=\s[a-z]))(?![0-9])|(?<![A-Za-z0-9])x(?P<tx>[0-9]{{1,3}})\b(?![.,][0-9])",
    ),
    # "exp. 08/27", "valid thru 12/26": a card's month and year
    ("shutter", r"\b1/(?P<sh>[0-9]{1,5})\s?s\b(?![-'’][A-Za-z])"),  # "1/200s": one two hundredth of a second
    # "since 9/11": the attacks, said "nine eleven" (but "due 9/11" is a date)
    ("nine_eleven", r"(?<![0-9/.,-])9/11(?![0-9/]|[.,][0-9])"),
    (
        "expiry",
        r"(?:\b(?P<exw>[Ee]xp)\.\s?)?(?<![0-9/.,])(?P<exm>0[1-9]|1[0-2])/(?P<exy>[0-9]{2}|20[0-9]{2})\b(?![/.,][0-9])",
    ),
    ("tv_time", r"(?<![0-9/.,])(?P<tv1>[0-9]{1,2})/(?P<tv2>[0-9]{1,2})c\b"),  # "8/7c": eight, seven central
    # "15.6/100,000", "20/1,000 births", "3.2/1000": a rate per a power of ten, "per hundred thousand"
    ("rate_per_power", rf"{AT_NUM}(?P<rpn>{NUM})/(?P<rpd>1(?:,000){{1,3}}|1000{{1,7}}|10,000|100,000)(?![0-9]|,[0-9])"),
    # "(1450/1600)": a score out of a round four-digit number; "2023/2024", "1914/1918": years, one to the other
    ("slash_large", r"(?P<sl1>[0-9](?<![0-9/.,][0-9])[0-9]{1,3})/(?P<sl2>[1-9][0-9]{3})(?![0-9/]|[.,][0-9])"),
    (
        "fraction",
        r"(?<![0-9/.,])(?:(?:(?P<fw>[0-9]{1,6})(?:\s|-)?)?(?P<fv>[½⅓⅔¼¾⅕⅛⅜⅝⅞])|(?:(?P<fw2>[0-9]{1,6})(?P<fwj>\s|-))?"
        rf"(?P<fn>[0-9]{{1,3}})/(?P<fd>[0-9]{{1,3}})(?![0-9/])(?:(?:st|nd|rd|th)s?\b)?)(?:(?:\s?|-)(?P<funit>{_SPACED_UNIT_ALT}|in(?=\.(?:\s|$)))(?![A-Za-z0-9²³])(?:\.(?=\s+[a-z0-9(]))?|(?P<finch>[\"″”]))?",
    ),
    # "Flight BA 117", "flight UA921", "Flight 92": a flight's number as people say a code (one seventeen)
    ("flight", r"\b(?P<flw>[Ff]light)\s(?:(?P<fla>[A-Z][A-Z0-9]|[0-9][A-Z])\s?)?(?P<fln>[0-9]{1,4})\b(?![.,][0-9])"),
    # "BA 117 departs", "UA901 to SFO": an airline's code and a flight's number before where it goes or what it does
    (
        "airline_flight",
        r"\b(?P<afa>AA|AC|AF|AI|AM|AS|AY|AZ|BA|B6|CX|DL|DY|EI|EK|ET|EY|F9|FR|G4|HA|IB|JL|KE|KL|LA|LH|LX|NH|NK|NZ|OS"
        r"|QF|QR|SK|SQ|TK|TP|U2|UA|VA|VS|WN|WS)\s?(?P<afn>[0-9]{1,4})\b(?=\s(?:departs|departed|departing|leaves|left"
        r"|arrives|arrived|arriving|lands|landed|from|to|is|was|will|takes off|took off)\b)",
    ),
    # "RTX 4090", "the 3080 Ti": a product's four-digit model number, said in pairs like a year
    ("model_number", r"(?<![0-9.,$€£¥-])(?P<mn>[1-9][0-9]{3})(?![0-9A-Za-z°%]|[.,][0-9]|-[0-9]|\s%)"),
    ("formation", r"(?<![0-9A-Za-z.,-])[1-9](?:-[1-9]){2,8}(?![0-9A-Za-z-])"),  # "a 4-4-2", "the 3-4-3 formation"
    # "a 12–3–1 record": wins, losses and ties, where a record is named
    ("record", r"(?<![0-9A-Za-z.,–-])(?P<rec>[0-9]{1,3}[–-][0-9]{1,3}[–-][0-9]{1,3})(?![0-9A-Za-z–-])"),
    # "802.11ax", "802.11 a/b/g/n": Wi-Fi's standard, as engineers say it (eight oh two dot eleven A-X)
    ("wifi_standard", r"8(?<![0-9.]8)02\.11(?P<wfs>[a-z]{1,2})?(?![0-9A-Za-z]|\.[0-9])"),
    (
        "range",
        # (not "1-1½ hrs", "1-1 1/2 hrs": a number, then a mixed number, which the dash between them joins)
        rf"(?<![0-9A-Za-z.,-])(?P<rs>[$€£¥])?(?P<ra>{NUM})(?:-|\s?–\s?)(?P<rb>{NUM})"
        r"(?![0-9]|[½⅓⅔¼¾⅛⅜⅝⅞]|\s[0-9]{1,2}/[0-9]{1,2}\b)"
        # "$2.5-3M": a scale; "60-70M people", before a word, without the currency
        r"(?:(?(rs)(?P<rscale>[KMB]|bn|mn|m|k|\s(?:thousand|million|billion|trillion))\b|(?P<rscale2>[KMB]|bn|k)(?=\s+[a-z])))?"
        rf"(?:(?(rscale)(?!))(?P<rsp>\s?)(?P<runit>{_UNIT_ALT}|%)(?![A-Za-z0-9])(?:\.(?=\s+[a-z0-9(]|[;,:)]))?|(?P<rinch>[\"″”])"
        r"|(?P<rtl>[CF])(?![A-Za-z0-9'’&-]|\.[A-Za-z]))?",  # "highs of 3-5C": degrees, where the words say so
    ),
    # "3/4 cup milk", "2 cups flour": a cook's measure takes "of" before what it measures
    # ("1 btl. wine": one bottle of wine)
    (
        "measure_of",
        r"\b(?P<mo>cups?|teaspoons?|tablespoons?|cans|sticks?|bottles?|btls?)(?:(?<=btl)\.|(?<=btls)\.)?(?=\s[a-z])",
    ),
    # "2x4s": fours, the plural of a number (after "x", never seconds)
    ("plural_number", r"(?<=[0-9][x×])(?P<pn>[1-9][0-9]{0,2})s\b(?![-'’][A-Za-z])"),
    # "a .45 caliber", "the .22-cal. rifle": a caliber in hundredths of an inch, a whole number and its word
    (
        "caliber",
        r"(?<![0-9A-Za-z.,])\.(?P<cal>[0-9]{2,3})(?:(?P<calw>[- ]?(?:caliber|calibre))\b|-?cal\b\.?"
        r"|\scal\b\.?(?=\s(?:rifles?|pistols?|rounds?|ammo|bullets?|guns?|handguns?|revolvers?|shells?)\b)"
        r"|(?=\s(?:Magnum|Special|ACP|Winchester|Win|Remington|Rem|Auto|LR|Long Rifle)\b))",  # "a .357 Magnum"
    ),
    # "200+ km of trails", "50+ lbs": a number and more of a unit
    ("plus_unit", rf"{AT_NUM}(?P<pun>{NUM})\+\s?(?P<puu>{_SPACED_UNIT_ALT})(?![A-Za-z0-9²³/])"),
    # "flew 6.1m km", "2m t of grain": a lower-case m before a unit is millions of it (not metres)
    ("millions_of_a_unit", rf"{AT_NUM}(?P<mun>{NUM})m\s(?P<muu>{_SPACED_UNIT_ALT})(?![A-Za-z0-9²³/])"),
    # "145.9p a litre", "24.50p/kWh": pence with a decimal, as fuel and energy prices are written ("99p" stays "p")
    ("pence_decimal", rf"{AT_NUM}(?P<pnd>[0-9]{{1,4}}\.[0-9]{{1,2}})p\b(?![-'’.][A-Za-z0-9])"),
    ("percent_pc", rf"{AT_SIGNED}(?P<pcp>[-−]?(?:{NUM}))pc\b(?![-'’.][A-Za-z0-9])"),  # "rose 1.3pc": British papers
    (
        "unit",
        rf"{AT_SIGNED}(?P<un>[-−]?(?:[0-9]{{1,3}},[0-9]{{1,2}}(?![0-9])|{NUM}))(?P<usp>\s?|-(?=[A-Za-z°º]))(?P<unit>{_UNIT_ALT})(?![A-Za-z0-9²³])"
        # "5 lbs. total" (a full stop before a line's end ends it); "2.5 mi. E on Rd. 12": a direction goes on;
        # "a 4-yr.-old", "a 6-wk. Bible study": a hyphen's measure is an adjective, its noun follows
        rf"(?P<udot>\.(?=[ \t]+[a-z0-9(=]|[;,:)]|-[a-z]|{DIRECTION_AFTER}"
        r"|(?:(?<=-[A-Za-z]{2}\.)|(?<=-[A-Za-z]{3}\.))[ \t]+[A-Z][a-z]))?",
    ),
    # "0,5 l" with no unit after it: a decimal comma, since a thousands comma has three digits after it
    ("decimal_comma", r"(?<![0-9.,])0,(?P<dcf>[0-9]{1,3})(?![0-9]|,[0-9])"),
    ("percent", rf"{AT_SIGNED}(?P<pct>[-−]?(?:{NUM}))\s?(?:%|percent\b)"),
    # "476 CE", "AD 79" is the name rule's: a year before its era, read as a year
    ("era_year", r"(?<![0-9.,])(?P<ey>[1-9][0-9]{0,3})(?=\s?(?:BCE?|AD|CE|B\.C\.|A\.D\.)(?![A-Za-z]))"),
    ("year", r"(?<![0-9,])(?<![0-9]\.)(?P<yr>1[0-9]{3}|20[0-9]{2})(?![0-9]|,[0-9]|\.[0-9])"),  # "c.1780" too
    # "a 4K display", "4K HDR", "runs in 4K on PS5": a video resolution, not four thousand ("4K TV" is the
    # number and a letter; "4K views", "grew to 4K" are thousands)
    (
        "resolution_k",
        r"\b(?P<kres>[2458]|[1-9]\.[0-9])K(?=\s+(?:display|displays|resolution|videos?|footage|streaming|monitors?|screens?|"
        r"content|gaming|cameras?|projectors?|televisions?|recording|upscaling|HDR|UHD|OLED|Blu-ray|HDMI)\b"
        r"|\s?@\s?[0-9]|\s(?:(?:at|@)\s)?[0-9]{2,3}\s?(?:fps|FPS|Hz)\b)"
        r"|(?:(?<=\bin )|(?<=\bnative )|(?<=\btrue )|(?<=[Uu]pscaled to )|(?<=[Uu]pscales to )"
        r"|(?<=[a-z] at )(?<!riced at )(?<!alued at )(?<!apped at )(?<!tarts at )(?<!old at )(?<!elling at ))"
        r"(?P<kres2>[48])K\b(?![-'’][A-Za-z]|\s+(?:views|followers|"
        r"subs|subscribers|likes|fans|people|users|downloads|steps|words|sales|orders|miles|readers)\b)",
    ),
    # "0.1 M NaCl", "2M HCl", "a 1 M solution": a concentration, molar (not "5M views", a scale)
    (
        "molar",
        rf"{AT_NUM}(?P<mol>{NUM})\s?M(?=\s+(?:(?!(?:HP|PS|TV|PC|EV|VP|SP|CP|CPU|GPU|USD|EUR|GBP)\b)"
        r"(?:[A-Z][a-z]?[0-9]*){2,}(?![a-z])|solution|buffer|stock)\b)",
    ),
    # "3 million km²", "2.5M km", "1.2 billion m³": a scaled number of a unit
    (
        "scaled_unit",
        rf"{AT_NUM}(?P<sun>{NUM})\s?(?P<sus>thousand|million|billion|trillion|bn|mn|M|B)\s"
        rf"(?P<suu>{_SPACED_UNIT_ALT})(?![A-Za-z0-9²³/])",
    ),
    # "14K gold", "22ct gold", "18k white gold": a gold's purity in carats (not fourteen thousand)
    ("karat", r"\b(?P<kt>[0-9]{1,2})\s?(?:[Kk]|ct|kt)\b(?=\s(?:(?:white|yellow|rose|solid|pure)\s)?gold\b)"),
    # "$2bn", "5M views", "8.3M (2020)": a scale (a whole number and a letter only before a counted word)
    (
        "scaled",
        rf"{AT_NUM}(?P<sn>{NUM})(?:\s?(?P<sscale>bn|mn|tn)\b|\s(?P<smil>mil)\.(?=[\s,;:)]|$)|(?P<sscale2>K|k|M|B|T)(?=\+?\s+(?:[0-9]{{1,3}}-)?[a-z]"
        r"|(?<=[0-9][kMB])\s+[A-Z]{2,5}s?\b|(?<=\.[0-9]K|\.[0-9]k|\.[0-9]M|\.[0-9]B|[0-9][0-9]k|[0-9][0-9]M|[0-9][0-9]K)"
        r"(?:[\s,;:)!?]|\.(?![A-Za-z0-9])|$)"
        # "until I hit 1M 💪", "1M!": a million, before a clause's end or a sign
        r"|(?<=[0-9]M)(?:[,;:)!?]|\.(?![A-Za-z0-9])|$|\s+[^\w\s])))",
    ),
    # "3x4", "3 x 4", "3 ×4" (but "20/10 x8" is the times rule's: times eight)
    ("minus", r"(?<=[0-9A-Za-z] )-(?= [0-9A-Za-z.]{1,12}\s?=)"),  # "10 - 4 = 6", "x - y = 4": minus
    ("multiply", r"(?<=[0-9\"″”'′])(?:x|\s?×\s?|\sx\s)(?=[0-9])|(?<=[0-9])\s?\*\s?(?=[0-9])"),  # "5 * 3": times
    # "in both °C and °F", "convert °F to °C": a scale named alone
    ("scale_alone", r"[°º](?<![0-9][°º])(?<![0-9] [°º])(?P<sa>[CF])\b"),
    # "Monday–Friday", "June - August": from one day or month named in full to another
    (
        "name_range",
        r"(?:\s[-–]|[-–])\s?(?=(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
        r"|April|May|June|July|August|September|October|November|December)\b)",
    ),
    # "Q1-Q3", "H1–H2": from one quarter or half to another
    ("quarter_range", r"[-–](?<=\b[QH][1-4][-–])(?=[QH][1-4]\b)"),
    # "3-4x more": a range of times
    ("range_times", r"x(?:(?<=[0-9][-–][0-9]x)|(?<=[0-9][-–][0-9]{2}x))\b(?![-'’.][A-Za-z0-9])"),
    # "180 deg C", "15 degrees C", "68 deg. F": a temperature with its scale's letter after the word
    ("degree_word", r"\b(?:deg|degs|degrees?)\.?\s?(?P<dgs>C|F)\b(?![-'’.&][A-Za-z0-9])"),
    # "the mid-70s F", "in the high 80s °F": a temperature's decade, then its scale
    ("decade_scale", r"°?(?P<dsc>F|C)\b(?![-'’.][A-Za-z0-9])"),  # (the reader looks for the decade before)
    # "12 ft x 14 ft", "30 cm x 20 cm": a size's sides (by); "225 lb x 5": a weight lifted so many times
    ("measure_x", r"\s[x×]\s(?<=[A-Za-z.]\s[x×]\s)(?=[0-9])"),
    # "2 x AA batteries", "3 x Widget Pro", "10 x burpees", "2 x tickets": a count of them
    # ... "1 x phone", "1 x USB-C cable" (one of a singular); "3 x £4.50 = £13.50": times a price
    (
        "count_x",
        r"\s[x×]\s(?<=[0-9]\s[x×]\s)(?<![.,][0-9]\s[x×]\s)(?=[A-Z]{1,5}(?:-[A-Z0-9]{1,3})?\s[a-z]|[A-Z][a-z]{2,}\b|[a-z]{3,}s\b"
        r"|(?<![0-9.,]1\s[x×]\s)(?<=\b1\s[x×]\s)[a-z]{3,}\b|(?P<cxp>(?=[$€£][0-9])))",
    ),
    # "#12", "Apt. #4B", "Case #2024-00173"
    ("number_sign", r"#(?P<hashn>[0-9]{1,15})(?P<hashx>(?:-[0-9]{1,10}){1,3}(?![0-9A-Za-z]))?(?P<hashl>[A-Z])?\b"),
    # "MLS# 23-456789", "Order# 1234": a number sign after a word, then the number it names
    ("id_sign", r"(?<=[A-Za-z]{2})#\s?(?P<idn>[0-9]{1,10}(?:-[0-9]{1,10}){0,3})\b(?![.,][0-9])"),
    # "EUR/USD", "USD/JPY": a pair of currencies as traders name it
    ("fx_pair", rf"\b(?P<fx1>{_FX})/(?P<fx2>{_FX})\b"),
    ("letter_equals", r"(?<=[(\s][A-Za-z])=(?=[0-9.-])"),  # "(n=1,204)", "p=0.03": n equals
    # "c. 1850", "c. 69–30 BC": circa
    # ... and "ca." before any number ("ca. 20% of kids"), "c." before a quantity ("delayed by c. 20 mins")
    # "(b. 1901, d. 1971)", "was b. 3 March 1930", "b. 14/6/2010": born, died, at a clause's start before a year
    # or a date
    (
        "born_died",
        r"(?P<bd>[bd])(?:(?<=\([bd])|(?<=[;,] [bd])|(?<=^[bd])|(?<=\n[bd])|(?<=\band [bd])|(?<=\bwas [bd]))\.\s?"
        rf"(?=[12][0-9]{{3}}\b|(?:(?<=\([bd]\. )|(?<=[,;] [bd]\. ))[1-9][0-9]{{2}}[),]"
        rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH_RE}"
        rf"|{_MONTH_RE}\s[0-9]|[0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{2,4}}\b)",
    ),
    (
        "circa",
        r"\b(?:c|ca|cir)\.\s?(?=[12][0-9]{3}\b|[0-9]{1,4}(?:\s?[-–]\s?[0-9]{1,4})?\s?(?:BCE?|AD|CE)\b|AD\s?[0-9])"
        r"|\bca\.\s?(?=[0-9$€£])"
        r"|\bc\.\s?(?=[0-9][0-9,.]*\s?(?:[a-z]|%))",
    ),
    # "$52K/yr", "$90/night", "3/wk": a rate, "a year"
    # ... and after a count's noun: "7 days/wk", "3 times/day"
    (
        "per",
        r"(?:(?<=[0-9KkMB%])|(?<=[0-9] days)|(?<=[0-9] hours)|(?<=[0-9] hrs)|(?<=[0-9] times)|(?<=[0-9] nights))"
        r"/(?P<per>yr|year|mo|month|qtr|wk|week|fortnight|day|hr|hour|night|nt|person|head|min|sec)\b\.?"
        # "mg/day", "steps/week", "req/min": after a word, the times of a rate only
        r"|(?<=[A-Za-z])/(?P<per2>yr|year|mo|month|wk|week|day|hr|hour|night|min|sec|s(?<=[a-z]s/s)|s(?<=\breq/s))\b\.?"
        # "250 kcal/serving", "$5/person", "2 tabs/dose": per one of what is counted
        r"|(?<=[0-9A-Za-z%])/(?P<per5>serving|dose|portion|item|unit|piece|pack|bottle|slice|page|user|seat|ticket"
        r"|guest|adult|child|couple|room|copy|meal|game|match|semester|term|quarter|session|class|lesson|visit"
        r"|student|household|family|order|box|bag|license|licence|pint|glass|cup|mug|jar|can|tin|pair|set|roll|sheet"
        r"|bunch|loaf|card|vehicle|car|pet|dog|bed|device|plant|bundle|case|crate|word|dozen|kid|book|course|share"
        r"|litre|liter|gallon|trade|season|employee|member|participant|player|team|hole|round|flight|trip|sq\sft|gram"
        r"|ounce|tola)\b\.?"
        r"|(?<=[0-9])/(?P<per7>ea)\b\.?"  # "$1.99/ea.": each
        # "£12.50 p/h": per hour, as job adverts write it
        r"|(?:(?<=[0-9])|(?<=[0-9] hrs)|(?<=[0-9] hours)) ?(?P<per3>p/h|p/w)\b"
        # "7:30/mile", "4:50/km": a pace, per a distance
        r"|(?<=[0-9]:[0-5][0-9])/(?P<per4>mile|mi|km|k|lap)\b\.?"
        # "10^6 cells/mL", "copies/mL", "trees/ha": a count per a unit of volume, mass or area
        r"|(?<=[a-z]s)/(?P<per6>mL|ml|µL|μL|L|dL|kg|g|m²|m³|km²|ha)(?![A-Za-z0-9²³])",
    ),
    # "$4.25 a sq ft", "per sq m": one square unit after a or per
    ("square_unit", r"\b(?P<squa>a|per|each) sq\.? ?(?P<squu>ft|m|mi|km|yd|in)\b\.?"),
    # "11,000/km²", "$5/lb", "$82.40/bbl": per a unit; "100 mg/dL", "52 ml/kg/min": a unit per a unit
    (
        "per_unit",
        r"(?:(?<=[0-9])|(?<=[0-9]p))/(?P<pu>gal|bbl|kWh|MWh|doz|qt|pt|ac|ha|km²|m²|sq\.? ?(?:ft|yd|m)|sq km|sq mi"
        r"|kg|km|lb|oz|ft|yd|mi"
        r"|L|l|ml|g|m)"  # "€1.89/l": per litre
        r"(?![A-Za-z0-9²])\.?"
        # ... and after a unit (the reader looks for its number): "100 mg/dL", "1.2 g/cm³", "5 m³/s", "10 µg/m³"
        r"|/(?<=[a-zA-Zµμ³²]/)(?P<pu2>mmol|mol|kWh|dL|dl|mL|ml|µL|μL|L|kg|mm²|mm2|mm3|m²|m2|m3|cm³|m³|cc|s|hr|h|min"
        r"|day|d|g)(?![A-Za-z0-9²³])",
    ),
    # "€22 per m²", "30 kg per m³", "$5 per kg": a unit's symbol after "per", one of it
    (
        "per_word_unit",
        r"(?<=\bper )(?P<pwu>kg|km|km²|m²|m³|cm³|lb|oz|ft|ft²|yd|mi|ml|mL|L|g|m|kWh|MWh|ha|ac|gal|sq\.? ?(?:ft|yd|m))"
        r"(?![A-Za-z0-9²³])\.?",
    ),
    # "rated 4.5/5", "GPA 3.9/4.0": a rating out of a whole number (or one with ".0")
    ("rating", rf"{AT_NUM}(?P<rtn>[0-9]{{1,3}}\.[0-9]{{1,2}})/(?P<rtd>[0-9]{{1,3}}(?:\.0)?)(?![0-9/]|\.[0-9])"),
    # "Midnight (feat. Doja Cat)", "Drake ft. 21 Savage": a song's guest, featuring (not "6 ft. 2 in.")
    (
        "featuring",
        r"(?:(?<=\()|(?<=\[)|(?<=[A-Za-z\"”)] )(?<!\b[Aa] )(?<!\b[Tt]he )(?<!\bthis ))(?:[Ff]eat|ft)\.(?= [A-Z0-9])",
    ),
    # "Bet365": the bookmaker's name, its digits as it says them
    ("bet365", r"\bBet365\b"),
    # "Chevron U.S.A. Inc. v. NRDC": versus after a company's abbreviation
    (
        "case_v_after_abbr",
        r"v\.(?:(?<=Inc\. v\.)|(?<=Corp\. v\.)|(?<=Co\. v\.)|(?<=Ltd\. v\.)|(?<=Enters\. v\.))(?= [A-Z])",
    ),
    # "(2d Cir. 2021)", "F.3d", "A.2d", "F. Supp. 2d": a law report's series, second, third
    ("report_series", r"(?:(?<=\.)|(?<=\. )|(?<=\())(?P<rsn>[234])d\b(?=\s(?:Cir|Dist|Dept)\.|\s[0-9]|,|\)|$)"),
    # "3️⃣", "1️⃣": a keycap emoji, its digit
    ("keycap", r"(?P<kcd>[0-9])\ufe0f?\u20e3"),
    # "Settings > General > About", "tap Profile > Privacy": a path through menus, "then" between its names
    ("menu_path", r" (?<=[A-Za-z)] )>(?= [A-Z][A-Za-z]+)"),
    # "7 v 2", "9.784 v 9.789", "1st v 2nd", "(22-0, 14 KOs) v Fury": versus between numbers and results
    ("score_v", r"v(?:(?<=[0-9] v)|(?<=\) v)|(?<=[0-9](?:st|nd|rd|th) v))(?= (?:[0-9]|[A-Z][a-z]))"),
    # "u/techguy42", "r/buildapc": a Reddit user's or community's name, its letter and "slash"
    ("reddit", r"(?<![A-Za-z0-9/.])(?P<rdk>[ur])/(?=[A-Za-z0-9_]{3,21}\b(?!/))"),
    # "#TalkingHeads", "#100DaysOfCode" (digits before a capitalised word)
    (
        "hashtag",
        r"(?<![A-Za-z0-9&])#(?P<tag>(?:[0-9]{1,4}(?=[A-Z][a-z]))?[A-Za-z][A-Za-z0-9_]{0,60})"
        r"(?P<tagid>(?:-[0-9A-Za-z]{1,20}){1,4})?",
    ),
    # ... and "at No 10", "the No 1 seed": "No" without its stop in a sentence's middle, before a number
    (
        "number_no",
        r"\b(?:[Nn]o\.\s?(?P<non>[0-9]{1,15})(?P<nonx>(?:-[0-9]{1,10}){1,3}(?![0-9A-Za-z]))?"  # "no. 4471-22" too
        # (not "no. 1Z999AA1...", "no. 2024-CV-1", "NHS No. 943 476 5919": identifiers, their groups the id rule's)
        r"(?![0-9]|:[0-9]|[A-Za-z]+[0-9]|-[0-9A-Z]{0,12}[A-Z]| [0-9]{2,8}\b(?![.,][0-9]))"
        r"|No (?<=[a-z,;:(] No )(?P<non2>[0-9]{1,15})\b(?![.,:][0-9]))",
    ),
    # "2.0.1", "v3.10.2": each part a number, joined by "point"; four parts ("192.168.0.1") by "dot"
    ("version", r"(?<![0-9.,])[vV]?(?P<ver>[0-9]{1,4}(?:\.[0-9]{1,4}){2,3})(?![0-9]|\.[0-9])"),
    # "v20.x": version twenty point x; "the last 1.x release": one point x
    (
        "version_x",
        r"(?:\b(?P<vxv>[vV])|(?<![0-9.,]))(?P<vx>[0-9]{1,4}(?:\.[0-9]{1,4}){0,2})\.[xX]\b(?![-'’.][A-Za-z0-9])",
    ),
    # "Python 3.12", "iOS 17.10": a release after its software's name, its parts each a number ("three point
    # twelve"); a decimal elsewhere is read digit by digit after the point
    (
        "release",
        r"(?:(?<![0-9A-Za-z.,])(?P<rlv>[vV])(?P<rva>[0-9]{1,3})\.(?P<rvb>[0-9]{1,3})"
        r"|(?<![0-9.,])(?P<rla>[0-9]{1,3})\.(?P<rlb>[1-9][0-9]{1,2}))(?![0-9]|\.[0-9]|\s?%)",
    ),
    # three-digit service numbers after call, dial, ring or text are said digit by digit ("call 911"), and the
    # ones listed after them ("call 911, 999 or 112", "dial 988 or 311")
    (
        "service_number",
        rf"(?i:(?<=call )|(?<=dial )|(?<=ring )|(?<=text )|(?<={_SERVICE}, )|(?<={_SERVICE} or )|(?<={_SERVICE}, or ))"
        rf"(?P<svc>{_SERVICE}(?:(?<=11[68])\s[0-9]{{3}})?)(?![0-9])"
        # "call 0345 600 1234 or 999"; "999 in an emergency"
        r"|(?<=[0-9] or )(?P<svc5>999|911)(?![0-9])"
        r"|\b(?P<svc6>[2-9]11|999|112|000)(?=\s(?:in an emergency|in emergencies|for emergencies"
        r"|in (?:the )?(?:UK|U\.K\.|US|U\.S\.|USA|EU|Britain|America|Canada|Australia|Europe|India|New Zealand))\b)"
        r"|(?<=NHS )(?P<svc2>[2-9]11|999|112|000|111)(?![0-9])"
        # before what names the service ("a 999 call", "911 dispatchers")
        r"|\b(?P<svc4>[2-9]11|999|112|111)(?=\s(?:calls?|callers?|operators?|dispatchers?|dispatch|lines?|services?)\b)"
        # a short code to text ("text HOME to 741741", "text 85258"): its digits
        r"|(?i:(?<=text )|(?<=txt )|(?<=text \w{4} to )|(?<=text \w{5} to ))(?P<svc3>[0-9]{5,6})(?![0-9])",
    ),
    # "Jan. '21", "class of '05": a year's last two digits; "'98-'03": a range of them
    ("short_year", r"(?<![A-Za-z0-9])['’](?P<sy>[0-9]{2})(?:[-–]['’]?(?P<sy2>[0-9]{2}))?\b(?!['’]?s\b|[.,:][0-9])"),
    # "batted .312", "a .300 hitter": a batting average, three twelve
    ("average", r"(?<![0-9A-Za-z.,])\.(?P<avg>[0-9]{3})\b(?![.,][0-9])"),
    # "press # then *", "dial *67 #": a phone's keys, where the sentence presses or dials them
    ("phone_key", r"(?<![^\s(])[#*](?=$|[\s.,;:)])"),
    ("star_code", r"(?<![0-9A-Za-z*])\*(?=[0-9]{2,3}\b)"),  # "dial *67"
    # "under-2s", "over-65s"; "the U12s", "U-16s" (youth teams)
    (
        "under_age",
        r"\b(?P<ua>[Uu]nder|[Oo]ver)-(?P<uan>[0-9]{1,2})s\b|\bU-?(?P<uan2>[0-9]{1,2})s\b(?![-'’][A-Za-z])"
        # "under 5s free", "over 65s get in free": the age groups, before what they get
        r"|\b(?P<ua3>[Uu]nder|[Oo]ver) (?P<uan3>[0-9]{1,2})s\b(?=\s(?:free|go|eat|stay|travel|get|pay|are|must|need"
        r"|welcome|half)\b|\s?[;,)]\s?(?:free|half)\b)"
        # "(U18)", "the U-17 World Cup": one age group, in brackets or before the side it names
        r"|\bU-?(?P<uan4>[7-9]|1[0-9]|2[0-3])\b(?:(?<=\(U[0-9])|(?<=\(U[0-9]{2})|(?<=\(U-[0-9])|(?<=\(U-[0-9]{2}))(?=\))"
        r"|\bU-?(?P<uan5>[7-9]|1[0-9]|2[0-3])\b(?=\s(?:team|side|squad|World Cup|league|level|final|match|championship"
        r"|tournament|boys|girls|players?|coach|international)\b)",
    ),
    # "+5 degrees", "+3.5%": a sign said ("+44 20 ..." is a phone number, an earlier rule)
    ("plus_sign", r"(?<![0-9A-Za-z+)\]])\+(?=[0-9]|\.[0-9]|[$€£¥][0-9])"),
    # "25C", "-4F": a temperature without its degree sign, where the words around it say so ("seat 14C" stays)
    (
        "temp_letter",
        rf"{AT_SIGNED}(?P<tl>-?[0-9]{{1,3}}(?:\.[0-9])?)(?:(?P<tlu>[CFc])|(?P<tlsp> )(?P<tlu2>[CF]))\b"
        r"(?![-'’.&][A-Za-z0-9])",
    ),
    # 12" x 8": inches, where the mark follows a number and no quotation is open
    ("inch_range", rf"{AT_NUM}(?P<ir1>{NUM})[\"″”]\s?[-–]\s?(?P<ir2>{NUM})[\"″”]"),  # 'fits 13"-15.6" laptops'
    # "220°C/gas 7", "(200C, gas 6)": a British oven's gas mark after the temperature
    ("gas_mark", r"(?P<gsep>/\s?|,\s|\s)?\b[Gg]as\s(?P<gas>[1-9])(?![0-9]|[.,][0-9])"),
    # ... and 'a 24"W x 18"D x 30"H cabinet': inches wide by deep by high
    ("inch_mark", rf"{AT_NUM}(?P<inm>{NUM})(?:\"|″|”)(?P<inmd>[WDHL](?![A-Za-z0-9'’]))?"),
    # "a 45 y/o male", "a 67 y/o M", "a 67-yo F": year old, and the sex a clinical note writes by its letter
    (
        "years_old",
        r"(?<=[0-9])(?:[-\s]?(?:y/o\b|y\.o\.)|[-\s]?yo\b(?!-))(?![A-Za-z])(?:\s(?P<yos>[MF])\b(?![-'’.&][A-Za-z0-9]))?",
    ),
    # "sec. 4.2", "§ 12", "¶ 3", "s. 12(3)" and "ss. 4-6" (an Act's sections)
    ("section", r"(?:\b[Ss]ec(?P<secs>s)?\.|\bs(?P<ss>s)?\.|(?P<sect>§§?)|(?P<para>¶¶?))\s?(?=[0-9])"),
    # "§4.2(b)(iii)", "Figure 3(a)": lettered and numbered subdivisions after a number
    # ... and a range of them: "3(a)–(c)", three A to C
    (
        "subdivision",
        r"(?<=[0-9])(?P<subs>(?:\((?:[a-z]{1,2}|[ivx]{1,5}|[0-9]{1,2})\)){1,4})"
        r"(?:\s?[-–]\s?\((?P<subto>[a-z]{1,2}|[ivx]{1,5}|[0-9]{1,2})\))?(?![A-Za-z0-9(])",
    ),
    # "HTTP 429", "a 404 error": a status code, as people say it (four twenty nine, four oh four)
    ("status_code", r"(?<![0-9.,$€£¥-])(?P<hsc>[1-5][0-9]{2})(?![0-9]|[.,][0-9])"),
    # "uranium-235", "iodine-131": an isotope's mass number, as a code is said (two thirty five)
    (
        "isotope",
        r"\b(?P<isoe>(?i:uranium|iodine|cobalt|caesium|cesium|radium|radon|xenon|thorium|krypton|iridium|polonium"
        r"|americium|technetium|strontium|plutonium))-(?P<iso>[1-9][0-9]{2})\b",
    ),
    # "Fahrenheit 451", "PHYS 101", "the Samsung 990 Pro", "Blink-182", "a Tu-154": a name's number of three
    # digits, as a code is said (not "Root 102*")
    (
        "named_number",
        r"(?P<nmn>[1-9](?:(?<=[A-Za-z] [1-9])|(?<=[A-Z][a-z]-[1-9])|(?<=[A-Z][a-z]{2}-[1-9])|(?<=[A-Z][a-z]{3}-[1-9])"
        r"|(?<=[A-Z][a-z]{4}-[1-9]))[0-9]{2})(?![0-9*]|[.,:/-]?[0-9A-Za-z%°])",
    ),
    # "Is the 4090 worth it?", "my 3070", "the 7900 XTX", "Ryzen 5 5600": a graphics card's or a processor's
    # model number where the text is about hardware (the reader looks), as a code is said (forty ninety)
    ("chip_number", r"(?<![0-9.,$€£¥#/:A-Za-z-])(?P<chip>[1-9]0[5-9]0|[2-9][0-9]00)(?![0-9]|[.,:][0-9]|%)"),
    # "SKU 48213", "account 12345678": an identifier, digit by digit
    ("id_number", r"(?<![0-9.,$€£¥-])(?P<idd>[0-9]{3,15})(?![0-9]|[.,][0-9]|-[0-9])"),
    ("number", rf"(?<![0-9A-Za-z.%°½⅓⅔¼¾⅛⅜⅝⅞\"″”'′])[-−](?={NUM})(?P<neg>{NUM})|{AT_NUM}(?:{NUM})"),
    ("digits", r"[0-9]+"),  # digits glued to letters ('A4', 'mp3'): still never silent
    # "Austin, TX": a state after a place name
    (
        "state",
        r"(?<=[a-z], )(?P<st>[A-Z]{2})\b(?=\s?[0-9]{5}\b|[.,;:!?)]|$|\s+[a-z(]|\s[A-Z][0-9][A-Z]\s?[0-9][A-Z][0-9]\b)"
        r"|(?<=[a-z] )(?P<st2>[A-Z]{2})(?=\s[0-9]{5}(?:-[0-9]{4})?\b)",  # "Austin TX 78701": before its ZIP code
    ),
    # "Boston, Mass., voted", "Sacramento, Calif.": a state as AP style writes it, after a place and a comma
    (
        "state_ap",
        r"(?<=[a-z], )(?P<ap>(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo"
        r"|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo)\.|(?:N\.[HJMYCD]|R\.I|S\.[CD]|W\.Va)\.)"
        r"(?=[,;:!?)]|\s|$)",
    ),
    # "N. Main St.", "100 W. Oak Ave.", "NW winds": compass points
    (
        "compass",
        r"\b(?P<cp>[NSEW])\.(?=\s(?:[A-Z]|[0-9]{1,3}(?:st|nd|rd|th)\b)|[,;)])"
        r"|\b(?P<cp2>NN[EW]|SS[EW]|E[NS]E|W[NS]W|[NS][EW])\b(?![-.'’][A-Za-z])"
        r"|\b(?P<cp3>[NSEW])(?=\s[0-9]{1,3}(?:st|nd|rd|th)\s(?:St|Ave|Street|Avenue|Rd|Road|Blvd)\b)"  # "E 14th St"
        r"|(?:(?<=\b[Ww]inds )|(?<=\b[Ww]ind ))(?P<cp5>[NSEW])(?=\s(?:at\s)?[0-9])"  # "Winds W 10 kt"
        # "go 2.5 mi. E on Rd. 12", "3 km NW of the town": a direction after a distance
        r"|(?:(?<=[a-z]\.\s)|(?<=[a-z]\s))(?P<cp4>[NS][EW]|[NSEW])\b(?![-.'’&][A-Za-z0-9])"
        # "5 mi. N. of town": the point's stop goes with it ("10 m E. coli" is no point)
        r"(?:\.(?=[ \t]+(?:of|on|to|along|towards?|from|via|at)\b))?(?!\.[ \t]+[a-z])",
    ),
    # UK postcodes: "NW1 6XE", "SW1A 2AA", letter by letter; and a Canadian postal code, "K1A 0B1": character by
    # character, a pause between the halves
    (
        "postcode",
        r"\b(?P<pc1>[A-Z]{1,2}[0-9][A-Z0-9]?)\s(?P<pc2>[0-9][A-Z]{2}|(?<=[A-Z][0-9][A-Z]\s)[0-9][A-Z][0-9])\b",
    ),
    # "the A303", "an A380": a letter and three or four digits, said as people say road and model numbers
    # "J10 of the M25": a motorway junction, where a motorway is named nearby
    ("flight_level", r"\bFL\s?(?P<fl>[0-9]{3})\b"),  # "at FL350": flight level three five zero
    ("motorway_a", r"\bA(?P<amn>[1-9][0-9]{0,3})\(M\)"),  # "the A1(M)": A one M, a road built to motorway standard
    ("junction", r"\bJ(?P<jn>[1-9][0-9]?)(?P<jnl>[a-zA-Z])?\b"),
    ("lettered", r"\b(?P<ll>[A-Z])(?P<ld>[1-9][0-9]{2,3})(?P<lls>s)?\b(?![.,][0-9])"),  # "two A320s"
    # "MP3s", "PS5s": plurals of a name of capitals and a digit or two (MP threes)
    ("lettered_plural", r"\b(?P<lpl>[A-Z]{2,4})(?P<lpd>[0-9]{1,2})s\b(?![-'’.][A-Za-z0-9])"),
    # "rose 2.5 pp", "+3 pp", "cut by 0.25pp"
    ("percentage_points", r"(?:(?<=[0-9] )|(?<=[0-9]))pp(?:ts)?\b(?!['’-]|\.[A-Za-z0-9])"),
    (
        "per_person",
        r"(?<![A-Za-z/])p/p\b\.?|(?:(?<=[0-9] )|(?<=[0-9]))(?:pp\b(?!['’-]|\.[A-Za-z0-9])|p\.p\.)"
        r"|(?<=[0-9])/pp\b(?![./-][A-Za-z0-9])|(?<=[0-9] )pppn\b|(?<=[0-9])pppn\b",
    ),  # "£25 p/p", "$85 pp", "€15 p.p.", "$12/pp" (never "45 pp.", pages)
    ("pages_pp", r"\bpp(?=\s[0-9])"),  # "pp 12-19": pages, written without its full stop (British style)
    ("price_per_count", r"(?<=[0-9])/(?=(?:1|10|100)[KkMB]?\s[a-z]|1,?000\s[a-z])"),  # "$0.002/1K tokens"
    ("per_100km", r"(?<=[0-9] L)/100\s?km\b|(?<=[0-9]L)/100\s?km\b"),  # "6.5 L/100 km"
    # "midnight–6am", "9am-noon": a dash between a time and noon or midnight
    (
        "noon_dash",
        r"(?<=noon)[-–](?=[0-9])|(?<=midnight)[-–](?=[0-9])|(?<=[AaPp][Mm])[-–](?=(?:12\s?)?(?:noon|midnight)\b)"
        r"|(?<=[0-9])[-–](?=noon\b|midnight\b)",  # "9–noon": after an hour (the reader checks)
    ),
    ("ext", r"\b[Ee]xt\b(?=\s?[0-9])"),  # "555-0199 ext 12"
    ("hrs_after_time", r"(?<=[0-9]{2}:[0-9]{2} )(?:hrs|hr)\b\.?"),  # "09:00 hrs": hours
    # "10²³", "E = mc²": a power written in superscript (after a unit, "m²", the unit rule reads it)
    # "x²", "R²", "χ²": squared after a number, a small letter, one capital or a Greek letter
    ("superscript", r"(?:(?<=[0-9a-z)])|(?<=\b[A-Z])|(?<=[α-ωΑ-Ω]))(?P<sup>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])"),
    ("f_stop", r"\bf/(?=[0-9])"),  # "f/1.8": f one point eight (an aperture)
    ("power", r"(?<=[0-9a-z)])\^(?=[-−]?[0-9a-z(])"),  # "2^10": two to the power of ten
    ("root", r"√(?=\s?[0-9(a-z])"),  # "√16": the square root of sixteen
    (
        "for_days",
        r"(?<=[A-Za-z.] )x(?= [0-9]{1,3} (?:days|weeks|months|doses)\b)",
    ),  # "3x daily x 10 days": for
    (
        "per_span",
        r"(?<=[a-z])/(?=[0-9]{1,3}\s?(?:h|hrs?|hours?|days?|wks?|weeks?|months?|yrs?|years?)\b)",
    ),  # "doses/24 hrs"
    # "£1,450 pcm", "£277pw", "£1.2k pcm": per calendar month, per week; "£45k pa", "£200 p/w", "£800 p/m"
    (
        "pcm",
        r"p(?:cm|w|a|/w|/m|m|sf)\b(?![./-][A-Za-z0-9])",  # after a number (the reader looks)
    ),
    # "A1:A10", "B2:D20": a range of spreadsheet cells
    ("cells", r"\b(?P<ce1>[A-Z]{1,2})(?P<cn1>[0-9]{1,5}):(?P<ce2>[A-Z]{1,2})(?P<cn2>[0-9]{1,5})\b"),
    ("street_word", r"\b(?P<sw>Ave|Blvd|Rd|Ln|Pkwy)\b(?![.'’-])"),  # "350 5th Ave, New York"; "Ave Maria" stays
    ("apt", r"\b(?P<apt>Apt|apt)\b(?=\s?#?[0-9])"),  # "Apt 2B": Apartment
    ("pi_over", r"(?<=π)/(?=[0-9])"),  # "π/4": pi over four
    # "rows A–F", "an A-Z guide": a span of letters, where a word before names what they mark
    ("letter_range", r"\b(?P<lt1>[A-Z])\s?[–-]\s?(?P<lt2>[A-Z])\b(?![-'’.&][A-Za-z0-9])"),
    ("ordinal_or", r"(?<=[0-9](?:st|nd|rd|th))/(?=[0-9]{1,2}(?:st|nd|rd|th)\b)"),  # "the 1st/2nd of June": or
    ("spaced_slash", r"(?<=\S) / (?=\S)"),  # "425°F / 220°C", "Doors 7:30pm / show 8:30pm": a pause
    # "in Yr 10", "Y6 lead the assembly", "Y10 and Y11": a school's year (before a word in small letters)
    ("near", r"\bNr\.?(?=\s[A-Z][a-z])"),  # "Nr Oxford": near (a place after it)
    ("school_year", r"\bYrs?\.?(?=\s?[0-9]{1,2}\b)|\bY(?=(?:[1-9]|1[0-3])\s(?!axis)(?:[a-z]|[A-Z]{2,}|and\sY|&\sY))"),
    ("scaled_miles", r"(?<=[0-9][kK] )mi\b\.?"),  # "45k mi.": forty five thousand miles
    # a recipe's sizes between a small count and what it counts: "2 lg eggs", "1 med. onion", "3 sm potatoes"
    (
        "recipe_size",
        r"(?:(?<=(?<![0-9.,/])[0-9] )|(?<=(?<![0-9.,/])[0-9]{2} ))(?P<rsz>lg|lge|lrg|med|sm)\.?(?=\s[a-z])",
    ),
    ("spoon_letter", r"(?<=[0-9½⅓⅔¼¾⅛] )(?P<spl>[Tt])\.(?=\s+[a-z])"),  # "1 T. butter", "1 t. salt": spoons
    ("cup_c", r"(?<=[0-9½⅓⅔¼¾⅛] )c\.(?=\s+[a-z])"),  # "2 c. sugar", "1 1/2 c. broth": cups in a recipe
    # "Pop. 8.3M", "Prop. 22", "Dep. 06:40", "Ep. 47", "Sect. 4", "Cl. 7": words written short before the number
    # they name
    (
        "before_number",
        r"(?<!\+)(?<![0-9] )(?<!dew )\b(?P<bn>[Pp]op|Prop|[Dd]ep|[Aa]rr|[Ee]p|[Ww]k|Op|Arts?|[Aa]lt|[Pp]aras?|Eqs?"
        r"|[Ss]ect|[Ss]ubsec|Cl|Sch|Sched|[Pp]ts?|Bks?|Eps|Chs|Sc|[Ii]ss|[Rr]m|Div)\.(?=:?\s?#?[0-9]"
        # "Ep. VIII", "Pt. II", "Bk. V", "Art. III", "Sc. ii": before a Roman numeral too
        r"|(?:(?<=Ep\.)|(?<=Pt\.)|(?<=Bk\.)|(?<=Sc\.)|(?<=Art\.))\s[IVX]{1,5}\b"
        r"|(?<=ep\.)\s[A-Z]{3}\s[0-9]|(?<=rr\.)\s[A-Z]{3}\s[0-9]"  # "dep. FRA 13:05, arr. JFK 15:50"
        r"|(?<=ara\.)\s?\(|(?<=aras\.)\s?\(|(?<=Eq\.)\s?\(|(?<=Eqs\.)\s?\()|(?<=['’]s )(?P<bn2>pop)\.(?=\s)",
    ),
    # "HT 1-1, FT 3-1", "FT: Spurs 2-2 Villa": half time, full time
    ("match_time", r"\b(?P<mt>HT|FT)(?=:?\s(?:[A-Z][A-Za-z.'’]+\s){0,3}[0-9]{1,2}\s?[-–]\s?[0-9]{1,2}\b)"),
    ("weekdays", r"(?<![A-Za-z-])M(?:-|–)F\b(?!-)"),  # "9am-5pm M-F": Monday to Friday
    # "M/W/F", "T/Th", "Tu/Th": days by their letters, as timetables write them (two single letters are not:
    # "M/F" is male or female, "T/F" true or false)
    (
        "day_letters",
        r"(?<![A-Za-z0-9/])(?P<dl>(?:M|Tu?|W|Th|R|F|Sa|Su)(?:/(?:M|Tu?|W|Th|R|F|Sa|Su)){1,6})\b(?![/-][A-Za-z0-9])",
    ),
    # "Mo-Fr 9-17, Sa 10-4, Su closed": a listing's two-letter days, before another, a span of hours or "closed"
    (
        "day_two",
        r"(?<![A-Za-z0-9/-])(?P<d2>Mo|Tu|We|Th|Fr|Sa|Su)\b(?=[-–](?:Mo|Tu|We|Th|Fr|Sa|Su)\b"
        r"|(?<!We)(?<!Mo)(?<!Fr)[-–][MWF]\b(?![-'’][A-Za-z])"
        r"|\s?[0-9]{1,2}(?::[0-9]{2})?(?:\s?[ap]m)?\s?[-–]\s?[0-9]|\s(?<!We\s)[Cc]losed\b)"
        r"|(?<=(?:Mo|Tu|We|Th|Fr|Sa|Su)[-–])(?P<d2b>Mo|Tu|We|Th|Fr|Sa|Su)\b(?![-'’][A-Za-z])"
        # ... and "M-Th 9-9, F-Sa 9-10", "Tu-F": one letter for Monday, Wednesday or Friday in a span with two
        r"|(?<![A-Za-z0-9/-])(?P<d1>[MWF])(?=[-–](?:Tu|Th|Sa|Su)\b(?![-'’][A-Za-z]))"
        r"|(?<=(?<![A-Za-z0-9/-])[MWF][-–])(?P<d2c>Tu|Th|Sa|Su)\b(?![-'’][A-Za-z])"
        r"|(?<=(?<![A-Za-z0-9/-])(?:Tu|Th|Sa|Su)[-–])(?P<d1b>[MWF])\b(?![-'’][A-Za-z])",
    ),
    # "GMT+9", "UTC-5", "UTC+5:30": a time zone's offset
    ("utc_offset", r"\b(?P<tz>GMT|UTC)(?P<tzs>[+−-])(?P<tzh>1[0-4]|0?[0-9])(?::?(?P<tzm>[0-5][0-9]))?\b"),
    # "a B+", "an A-": grades, after the words that give them
    ("grade", r"(?<=\s)(?P<grl>[A-F])(?P<grs>[+-])(?![A-Za-z0-9+-])"),
    # "Chapters IV-VI", "Parts II and III", "World Wars I and II", "Vols. II, III and IV", "Sec. IV": numerals
    # listed or spanned after the words that number parts of a work (one numeral after a whole word is the
    # "caps" rule's); an "I" after the first is no numeral ("Chapter IV and I left")
    (
        "roman_list",
        r"\b(?P<rlk>(?:[Cc]hapter|[Pp]art|[Vv]olume|[Bb]ook|[Aa]ct|[Ss]cene|[Ss]ection|[Aa]rticle|[Pp]hase|[Ee]pisode"
        r"|[Ll]evel|[Ss]tage|[Tt]ype|[Gg]rade|[Ww]ar|[Bb]owl|[Tt]itle|[Tt]ier|[Rr]ound|[Pp]salm|[Cc]anto|[Ss]chedule)s?"
        r"|[Cc]lass(?:es)?|[Aa]ppendi(?:x|ces)|(?:[Vv]ol|[Cc]h|[Pp]t|[Bb]k|[Ee]p|[Ss]ec|[Ss]ch)s?\.)"
        r" (?P<rl>[IVXLCDM]{1,8}(?:(?:[-–]| to | through | thru |, and |, or |, | and | or | & )(?!I\b)"
        r"[IVXLCDM]{1,8})*)"
        r"\b(?![-'’.][A-Za-z0-9])",
    ),
    # "Chapter iv", "Act III, Scene ii": a lower-case numeral after the words that number parts of a work
    (
        "roman_lower",
        r"\b(?P<lrk>[Ss]cene|Sc\.|[Aa]ct|[Cc]hapter|[Pp]art|[Bb]ook|[Cc]anto|[Aa]ppendix|[Aa]rticle|[Vv]ol\.|[Vv]olume"
        r"|[Pp]p?\.|[Pp]ages?|item \(|clause \(|paragraph \() ?(?P<lr>[ivxl]{1,7})"
        r"(?:[-–](?P<lr2>[ivxl]{1,7}))?\b(?![-'’][A-Za-z])",  # "pp. iv-xii": a span of a preface's pages
    ),
    # "pp. 33ff.", "p. 12f.": and the following pages ("ff." after any number; "f." after a page's)
    (
        "following_pages",
        r"(?<=[0-9])(?P<ff>\s?ff?)(?:\.(?=[ \t]+[a-z0-9(]|[;,:)]))?(?![A-Za-z0-9]|\.[A-Za-z0-9])",
    ),
    # "Ctrl+C", "Cmd+Shift+4", "Ctrl+Alt+Del", "press Esc": keys as people name them
    (
        "key",
        r"(?<=\+)(?P<key2>Del|Esc|Tab|Enter|Space|Ins|Home|End|PgUp|PgDn)\b(?!\+)"
        r"|\b(?P<key>Ctrl|ctrl(?=\+)|Cmd|cmd(?=\+)|Opt|Esc|Alt|Shift|Option|Command|Control|Win|Fn|Tab|Enter|Return|Del|Super|Meta)"
        r"(?:(?P<kplus>\+(?=[A-Za-z0-9]))|\b)",  # not inside a word ("Cmdr.", "Escort")
    ),
    # "C++", "Notepad++": plus plus; "$159++", "S$38++": a price before service and tax, the same
    ("plus_plus", r"\+\+(?<=[A-Za-z0-9]\+\+)(?![+A-Za-z0-9])"),
    # "Disney+", "Apple TV+", "LGBTQ+": plus (not a pattern's "\S+")
    ("name_plus", r"\+(?<=[A-Za-z]\+)(?<!\\[A-Za-z]\+)(?![+A-Za-z0-9])"),
    # "C# minor", "F♯", "B♭ major", "Eb major": a note and its sharp or flat ("b" only before major or minor)
    ("music_key", r"\b(?P<note>[A-G])(?:(?P<sharp>#|♯)|(?P<flat>♭|b(?=\s(?:major|minor)\b)))(?![A-Za-z0-9#])"),
    # "@avatar_app": a handle, "at" and its name
    ("handle", r"(?<![A-Za-z0-9.@])@(?P<handle>[A-Za-z0-9_]{1,30})\b(?!\.[A-Za-z0-9]|@)"),
    # "I-95 N": an interstate, and the direction after it
    # "I-405 N", "US-101 S", "SR-99": a highway's letters, its number as a code, its direction
    ("interstate", r"\b(?P<ihw>I|US|SR)-(?P<ist>[0-9]{1,3})\b(?:\s(?P<idir>[NSEW])\b(?![.'’&-]))?"),
    # "H 72°, L 55°", "H: 68°F": a forecast's high and low
    ("high_low", r"\b(?P<hl>[HL])(?=:?\s?-?[0-9]{1,3}(?:\.[0-9])?\s?°)"),
    ("degrees_glued_direction", r"°(?<=[0-9]°)(?P<ddg>[NSEW])\b(?![.'’&-][A-Za-z0-9])"),  # "27.47°S": degrees south
    ("degrees_direction", r"(?<=[0-9]°)\s?(?P<ddir>[NSEW])\b(?![.'’&-][A-Za-z0-9])"),  # "40.7128° N": north
    ("road_direction", r"(?<=[0-9] )(?P<rdir>[NSEW])(?P<rbound>B)?\b(?![.'’&-][A-Za-z0-9])"),
    ("episode", r"\bS(?P<sea>[0-9]{1,2})\s?E(?P<epi>[0-9]{1,3})\b"),  # "S3E7": season three, episode seven
    # "(D-Mass.)", "(R-Ohio)", "(I-VT)": a legislator's party and state; "Sen. Smith (D)": the party alone
    ("party_state", r"\((?P<pty>[DRI])(?:-(?P<pst>[A-Z][A-Za-z.]{1,12}(?: [A-Z][a-z]+)?))?\)"),
    # (a numeral may take "-era", "-style" and the like: "World War II-era bombers")
    (
        "caps",
        r"\b(?P<caps>[A-Z]{1,8}|PhD)(?P<capss>s|'s|’s)?\b"
        r"(?!\.[A-Za-z]|-(?!(?:era|style|like|type|class|level|themed|inspired|vintage|vet|veteran)\b)[A-Za-z])",
    ),
    # with or without its full stop ("St Paul's", "Baker St, London": espeak-ng says "saint" and "doctor" for both)
    ("doctor_saint", r"\b(?P<ds>Dr|St)(?:\.|(?=[ ,;:!?)]|$))(?=\s?(?P<dsnext>[A-Z])?)"),
    ("etc", r"\betc\."),
    # "Roe v. Wade", "England v Wales", "Jones v. the State", "R. v. Jordan"
    ("case_v", r"(?:(?<=[A-Za-z] )|(?<=\b[A-Z]\. )|(?<=\())v\.?(?= (?:the )?[A-Z])"),
    ("abbr", rf"(?<![A-Za-z0-9./])(?:{_ABBR_ALT})(?![A-Za-z/])"),  # not inside "W/R/T"
    # "Q&A", "AT&T", "R&D": Q and A; "M&Ms": M and M's
    ("tldr", r"\bTL;\s?DR\b"),  # "TL;DR": T-L-D-R, one run of letters (not "T-L", then a clause)
    ("letters_and", r"\b(?P<la1>[A-Z]{1,2})&(?P<la2>[A-Z]{1,2})(?P<las>['’]?s)?\b(?!&)"),
    ("numbers_and", r"&(?<=[^0-9A-Za-z][1-9]&)(?=[1-9](?![0-9A-Za-z&]))"),  # "won 3&2" (match play): three and two
    ("requests", r"\breq(?=/(?:s|sec|min|hr|day)\b)"),  # "10k req/s": requests per second
    ("initial", r"\b[A-Z]\.(?=\s?[A-Z])"),  # "J. R. R. Tolkien", "Michael J. Fox": no sentence ends there
    ("heart", r"(?<=\bI )<3(?![0-9])|(?<=\b[Ww]e )<3(?![0-9])"),  # "I <3 NY": I love NY
    # ... and between a word and a number ("p<0.001", as "p < 0.001")
    (
        "approx_sign",
        r"(?:(?<![^\s(])|(?<=[A-Za-z0-9]))[~≈<>≥≤±](?=\s?(?:[0-9$€£¥]|\.[0-9]|(?:US|AU|A|CA|C|HK|NZ|S)\$))",
    ),  # "~5 km": about five kilometers; "<5%": less than; "eGFR<30", "23±2°C"
    # emoji, with their modifiers, joiners and variation selectors: a reader does not say "party popper" for 🎉
    ("emoji", rf"[{_EMOJI}][{_EMOJI}\ufe0f\u200d\u20e3]{{0,40}}"),
    # "$AAPL up 5%", "$GME": a cashtag, the ticker's letters (no dollars)
    ("cashtag", r"\$(?<![\w$]\$)(?=[A-Z]{1,5}\b(?![.,]?[0-9]))"),
    # "EPS was $(0.12)", "a net loss of $(1.2) million": an amount in brackets, as accounts show a negative
    ("money_negative", rf"(?P<mnc>[$€£])\((?P<mna>{NUM})\)(?:\s(?P<mns>million|billion|thousand|bn|m)\b)?"),
    # "six (6) months", "thirty (30) days": the figure restates the words before it, and is not said again
    ("restated_number", r" \((?<=[a-z] \()(?P<rsn>[0-9]{1,3})\)"),
    # "Node v18", "Python v3": a version's number after "v" (a name's "V8" stays)
    ("version_v", r"v(?<![^\s(]v)(?=[1-9][0-9]{0,2}\b(?![.,/][0-9]))"),
    # "Price: $$", "Sushi Ko ($$$)": a guide's price level after a label's colon or in brackets, its signs counted
    (
        "price_level",
        r"(?P<lvl>(?P<lvs>[$£€])(?:(?<=\([$£€])|(?<=: [$£€])|(?<=:[$£€]))(?P=lvs){0,3})"
        r"(?=\)|[ \t]*(?:$|[,;|·\n])|[ \t]+\()",
    ),
    # "save $$$", "£££": money, not the sign's name again and again (a price's sign is the money rules')
    ("money_signs", r"(?<![$€£¥0-9])(?P<ms>[$€£¥])(?P=ms){2,4}(?![$€£¥0-9])"),
    # "A > B", "x < y": a comparison between letters (with numbers it is the comparison rule's)
    (
        "letter_compare",
        r"\s(?:(?P<lcs>[<>≤≥])\s(?<=[A-Za-z]\s[<>≤≥]\s)|(?P<lcs2>[<>]=)\s(?<=[A-Za-z]\s[<>]=\s))(?=[A-Za-z]\b)",
    ),
    # "24 cores/32 threads": two counts side by side, "and"
    ("count_slash", r"/(?<=[a-z]/)(?=[0-9]{1,4}\s?[a-z])"),
    ("trademark", r"[™®℠]"),  # "Avatar™", "Coca-Cola®": marks on a name, not said
    # "TCP/IP", "I/O", "CI/CD", "AC/DC", "A/B": capitals joined by a slash, said side by side (not "slash")
    ("caps_slash", r"/(?<=[A-Z]/)(?=[A-Z]{1,5}\b(?!/))"),
    # "damage 45 -> 40", "(2.5s -> 2.0s)": an arrow typed as two characters, "to"; "+/- 3.5 pts": plus or minus
    ("typed_arrow", r"[-=]>(?<=[\s0-9][-=]>)(?=\s?[0-9$€£.])"),
    ("typed_plus_minus", r"\+(?<![^\s(]\+)/-(?=\s?[0-9.])"),
    (
        "symbol",
        rf"(?<!\S)[{re.escape(_PROSE_SYMBOLS)}](?!\S)|(?<=[0-9])[+=](?=[0-9])|(?<=[0-9kKMB%])\+(?![0-9A-Za-z])"
        r"|(?<=[0-9°º][CF])\+(?![0-9A-Za-z])|[$€£¥₹%]"  # "30C+", "40°C+": plus
        r"|(?<=[0-9A-Za-z])@(?=[0-9$€£])"  # "4K@60fps", "2@$5": at
        r"|(?<=[A-Z]{2})\+(?=[0-9])|(?<=\b[TSL])\+(?=[0-9])"  # "CPI+1%", "RPI+2", "T+120" (a spread), "T+02:30": plus
        r"|(?<=[A-Za-z0-9])→(?=[A-Za-z0-9])"  # "SFO→FRA": to
        # "E=mc²", "x=5", "a²+b²=c²": equals and plus between letters (a URL's "?b=1" is the URL's)
        r"|(?<=\b[A-Za-z])=(?=[A-Za-z0-9])|(?<=[²³])[+=](?=[A-Za-z0-9])",
    ),
    # two capitals glued to a number ("FY24", "NO2", "AB5"): letters, which espeak-ng may read as a word
    ("caps_glued", r"\b(?P<cg>[A-Z]{2})(?=[0-9])"),
    # capitals no rule above took, as letters where espeak-ng would say them as a word (the reader says where)
    ("caps_letters", r"\b(?P<cl>[A-Z]{2,8})(?P<cls>s|'s|’s)?\b(?![-.][A-Za-z])"),
]
READERS: dict[str, Reader] = {
    **abbreviations.READERS, **contact.READERS, **dates.READERS, **figures.READERS, **measures.READERS,
    **money.READERS, **sports.READERS,
}  # fmt: skip
if len({name for name, _ in _RULES}) != len(_RULES):  # pragma: no cover - caught by any import in the tests
    raise AssertionError("two rules with one name: a reader would read both")
if set(READERS) != {name for name, _ in _RULES}:  # pragma: no cover - caught by any import in the tests
    raise AssertionError(f"rules without a reader or readers without a rule: {set(READERS) ^ {n for n, _ in _RULES}}")
RULES: list[Rule[Ctx]] = [Rule(name, re.compile(rx), READERS[name]) for name, rx in _RULES]
