"""Reading how people are reached: web and e-mail addresses, phone numbers (local, toll-free, international,
with extensions), ZIP codes and UK postcodes, service and short codes, a card's last four digits."""

from __future__ import annotations

import re

from avatar.text.normalize.english.abbreviations import SYMBOL_WORDS
from avatar.text.normalize.english.context import Ctx, Reader, code_number, counted, say, spell_groups
from avatar.text.normalize.english.vocabulary import US_STATES
from avatar.text.normalize.numbers import spell_digits

# Words just before a five-digit number that make it a ZIP code, read digit by digit
_ZIP_BEFORE = {s.lower() for s in US_STATES} | {w for n in US_STATES.values() for w in n.lower().split()[-1:]} | {
    "zip", "code", "zipcode", "postcode", "dc", "d.c.", "box"}  # fmt: skip
# "My ZIP is 90210", "zip code: 10001": a ZIP code named a few words before
_ZIP_NAMED_BEFORE = re.compile(r"\b(?:ZIP|[Zz]ip|[Pp]ostal|[Pp]ost)(?:\s?[Cc]ode)?(?:\s(?:is|was|of|number)|:)\s$")
_PHONE_BEFORE = {"call", "phone", "tel", "tel.", "telephone", "fax", "dial", "text", "ring", "number", "line",
                 "cell", "mobile", "hotline", "at", "on", "or"}  # fmt: skip


def _url(text: str, c: Ctx) -> str:
    body = re.sub(r"^(?:https?|s?ftp)://", "", text)
    out: list[str] = []
    for part in re.findall(r"[A-Za-z]+|[0-9]+|[^A-Za-z0-9]", body):
        if part.isascii() and part.isdigit():  # "①".isdigit() too, and int() refuses it
            out.append(code_number(c, part) if len(part) <= 4 else spell_digits(part))  # ":8080": eighty eighty
        elif part.lower() == "www":
            out.append("W W W")
        elif re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+", part):
            out.append(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", part))  # "AcmeWidgets.com": Acme Widgets dot com
        elif part.isalpha():
            out.append(part)
        elif part == "#":
            out.append("hash")  # "/cart#checkout": a fragment, not a number
        elif part in SYMBOL_WORDS:
            out.append(SYMBOL_WORDS[part])
    return " ".join(out)


def _phone(c: Ctx) -> str:
    text = c.text.replace("(0)", " ")
    groups = re.findall(r"[0-9]+", text)
    if len(groups) == 1 and not text.startswith("+"):  # written without separators
        d = groups[0]
        groups = [d[0], d[1:4], d[4:7], d[7:]] if len(d) == 11 else [d[0:3], d[3:6], d[6:]]
    zero = c.region.phone_zero
    # a toll-free "800" (or "0800") area code is said "eight hundred", as its adverts say it
    said = [
        spell_digits(g[:-3], zero) + " eight hundred"
        if g.lstrip("0") == "800" and i <= 1 and len(g) <= 4
        else spell_digits(g, zero)
        for i, g in enumerate(g for g in groups if g)
    ]
    spoken = ", ".join(w.strip() for w in said)
    return ("plus " if text.startswith("+") else "") + spoken


def _read_url(c: Ctx) -> str | None:
    text = c.text
    return _url(text, c)


def _read_doi(c: Ctx) -> str | None:
    zero = c.region.phone_zero
    parts = re.findall(r"[0-9]+|[A-Za-z]+|[^A-Za-z0-9]", c.g["doi"])
    said = [spell_digits(p, zero) if p.isascii() and p.isdigit() else SYMBOL_WORDS.get(p, p) for p in parts]
    return "D O I " + " ".join(w for w in said if w.strip())


def _read_mac(c: Ctx) -> str | None:
    """ "00:1A:2B:3C:4D:5E": zero zero, one A, two B, ... (each pair's characters, digits by name)."""
    zero = c.region.phone_zero
    pairs = re.split(r"[:-]", c.text)
    return ", ".join(" ".join(spell_digits(ch, zero) if ch.isdigit() else ch.upper() for ch in p) for p in pairs)


def _read_size_range(c: Ctx) -> str | None:
    """ "XS-XXL": X-S to X-X-L; "S-3XL": S to three X-L."""
    return " to ".join(_size(c.g[k]) for k in ("sz1", "sz2"))


def _size(size: str) -> str:
    return f"{spell_digits(size[0])} {'-'.join(size[1:])}" if size[0].isdigit() else "-".join(size)


def _read_email(c: Ctx) -> str | None:
    text = c.text
    local, _, domain = text.partition("@")
    return f"{_url(local, c)} at {_url(domain, c)}"


def _read_phone_intl(c: Ctx) -> str | None:
    return _phone(c)


def _read_phone_groups(c: Ctx) -> str | None:
    groups = c.text.split()
    if sum(len(g) for g in groups) not in (10, 11):
        return None  # "0 12 34": no phone number's length
    return spell_groups(c, groups)


# A phone's words a few words before a local number ("her number is 555-1234", "call us today at 555-0187")
_PHONE_WORDS_BEFORE = re.compile(
    r"\b(?:call|calls|phone|tel|telephone|fax|dial|text|ring|number(?! of)|cell|mobile|hotline|reach)\b"
    r"\W*(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)


def _read_phone_local(c: Ctx) -> str | None:
    g = c.g
    a, b = g["pl1"], g["pl2"]
    phone = b.startswith("0") or int(b) < int(a) or c.word_before() in _PHONE_BEFORE or a == "555"
    before = c.before()
    if g["plsp"] == " ":  # "in 2024 1500 people": two numbers, unless a phone's words in its sentence say otherwise
        phone, before = False, c.clause_before()
    if not (phone or _PHONE_WORDS_BEFORE.search(before)):
        return None  # a range: "pages 250-1200"; but "her number is 555-1234"
    return f"{spell_digits(a, c.region.phone_zero)}, {spell_digits(b, c.region.phone_zero)}"


def _read_zip(c: Ctx) -> str | None:
    g = c.g
    five, four = g["zip5"], g["zip4"]
    short_code = not four and re.search(r"\b(?:[Tt]ext|SMS)\b[^.;!?]{0,30}\bto\s$", c.before())
    named = _ZIP_NAMED_BEFORE.search(c.before())
    if c.word_before() not in _ZIP_BEFORE and not (four and int(four) < int(five)) and not short_code and not named:
        return None  # "text STOP to 87654": a short code, digit by digit like a ZIP code
    zero = c.region.phone_zero
    return spell_digits(five, zero) + (f", {spell_digits(four, zero)}" if four else "")


def _read_service_number(c: Ctx) -> str | None:
    g = c.g
    number = g["svc"] or g["svc2"] or g["svc3"] or g["svc4"] or g["svc5"] or g["svc6"]
    return ", ".join(spell_digits(group, c.region.phone_zero) for group in number.split())  # "116 123"


def _read_postcode(c: Ctx) -> str | None:
    g = c.g
    return spell_groups(c, [g["pc1"], g["pc2"]])


def _read_vanity(c: Ctx) -> str | None:
    g = c.g
    return f"one {c.num(g['tf'][0])} {c.num(g['tf'][1:]) if g['tf'] != '800' else 'hundred'} {g['vw'].title()}"


def _read_ext(c: Ctx) -> str | None:
    return "extension"


# the words a phone number written whole follows ("Call 9876543210", "Tel: +91-9876543210")
_PHONE_WORD_BEFORE = re.compile(r"\b(?:[Cc]all|[Tt]el\.?|[Pp]hone|[Mm]obile|WhatsApp|[Ww]hatsapp|[Pp]h|[Mm]ob):?\s$")


def _read_phone_bare(c: Ctx) -> str | None:
    digits, code = c.g["pbn"], c.g["pbcc"]
    if not _PHONE_WORD_BEFORE.search(c.m.string, max(0, c.m.start() - 16), c.m.start()):
        return None  # "a 9876543210-byte file": no phone's words
    if len(digits) == 11 and not digits.startswith("0") and not code:
        return None  # eleven digits that no country writes alone
    if len(digits) == 11:
        groups = [digits[:5], digits[5:]]  # "07700900123": oh seven seven oh oh, nine oh oh one two three
    elif (code is None and not c.region.day_first) or code == "+1":
        groups = [digits[:3], digits[3:6], digits[6:]]  # "2125550187": two one two, five five five, ...
    else:
        groups = [digits[:5], digits[5:]]  # "9876543210": India's mobiles, said in fives
    said = spell_groups(c, groups)
    return f"plus {spell_digits(code[1:])}, {said}" if code else said


# what names an Indian postal code ("PIN code: 560034") or writes one after its city ("Mumbai - 400 001")
_PIN_NAMED = re.compile(r"(?:PIN(?:\scode)?|Pincode):?\s(?:-\s)?$")
_CITY_DASH = re.compile(r"\b[A-Z][a-z]+(?:\s-)?\s$")


def _read_pin_code(c: Ctx) -> str | None:
    g = c.g
    named = _PIN_NAMED.search(c.before())
    city = g["pinsp"] and _CITY_DASH.search(c.before()) and not counted(c.word_after())
    if not (named or city):
        return None  # "Chennai 600 028" (a city, then the code's two halves); "Sales 600 028 units" stays
    return spell_groups(c, [g["pin1"], g["pin2"]])


def _read_phone_au(c: Ctx) -> str | None:
    g, zero = c.g, c.region.phone_zero
    first = "thirteen hundred" if g["au1"] == "1300" else "one eight hundred"  # as Australians say them
    return f"{first}, {spell_digits(g['au2'], zero)}, {spell_digits(g['au3'], zero)}"


_KEYS_PRESSED = re.compile(r"\b(?:press|pressing|presses|dial|dialing|dialling|key|keys|keypad|enter|hit|tap)\b", re.I)


def _read_phone_key(c: Ctx) -> str | None:
    sentence = c.sentence_before(60)
    if not _KEYS_PRESSED.search(sentence):
        return None
    return c.region.hash_key if c.text == "#" else "star"


def _read_ext_number(c: Ctx) -> str | None:
    return spell_digits(c.g["extn"], c.region.phone_zero)  # "ext. 204": two zero four


def _read_card_end(c: Ctx) -> str | None:
    g = c.g
    window = re.split(r"[;!?]\s|\.\s(?=[A-Z])", c.m.string[max(0, c.m.start() - 60) : c.m.start()])[-1]  # this sentence
    if not re.search(r"(?i)\b(?:card|acct\.?|account|visa|mastercard|amex|phone|number|no\.|ssn)\b", window):
        return None  # "the decade ending in 2029" is a year
    return spell_digits(g["ce"], c.region.phone_zero)


def _read_ip_port(c: Ctx) -> str | None:
    g = c.g  # "192.168.1.10:22": an address, its parts joined by "dot", and its port
    return " dot ".join(code_number(c, p) for p in g["hip"].split(".")) + f" colon {_port(c, g['hpt'])}"


def _port(c: Ctx, digits: str) -> str:
    return code_number(c, digits) if len(digits) <= 4 else c.num(digits)  # "8080": eighty eighty; "27017"


# words before "x204" that make three digits an extension, not "times two hundred four" ("zoom x100")
_CALLING = {"at", "call", "dial", "ext", "ext.", "reach", "press", "phone", "tel", "tel.", "line", "or"}


def _read_ext_x(c: Ctx) -> str | None:
    if len(c.g["exd"]) == 3 and c.word_before().lower() not in _CALLING:
        return None
    return "extension " + spell_digits(c.g["exd"], c.region.phone_zero)


def _read_phone_x(c: Ctx) -> str | None:
    return ", extension " + spell_digits(c.g["pxd"], c.region.phone_zero)


def _read_postcode_au(c: Ctx) -> str | None:
    return f"{c.g['aus']} {spell_digits(c.g['apc'], c.region.phone_zero)}"


def _read_domain(c: Ctx) -> str | None:
    return _url(c.text, c)


READERS: dict[str, Reader] = {
    "domain": _read_domain,
    "ip_port": _read_ip_port,
    "port": lambda c: f" colon {_port(c, c.g['ptn'])}",  # "localhost:3000": three thousand
    "ext_x": _read_ext_x,
    "postcode_au": _read_postcode_au,
    "url": _read_url,
    "doi": _read_doi,
    "mac": _read_mac,
    "size_range": _read_size_range,
    "email": _read_email,
    "card_end": _read_card_end,
    "vanity": _read_vanity,
    "phone_x": _read_phone_x,
    "phone_intl": _read_phone_intl,
    "phone": _read_phone_intl,
    "phone_gb": _read_phone_intl,
    "phone_gb_groups": _read_phone_groups,
    "phone_paren": _read_phone_intl,
    "phone_local": _read_phone_local,
    "zip": _read_zip,
    "service_number": _read_service_number,
    "star_code": say("star "),
    "postcode": _read_postcode,
    "ext": _read_ext,
    "phone_au": _read_phone_au,
    "phone_bare": _read_phone_bare,
    "pin_code": _read_pin_code,
    "ext_number": _read_ext_number,
    "phone_key": _read_phone_key,
}
