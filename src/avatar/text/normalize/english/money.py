"""Reading money: "$412.75", "€1.299,00", "£9.99 p/p", "$2.5M", "USD 40", "99c", "401(k)"."""

from __future__ import annotations

import re

from avatar.text.normalize.english.context import (
    ARTICLE_BEFORE,
    NOT_A_NOUN,
    Ctx,
    Reader,
    code_number,
    one_or_many,
    plural_words,
    say,
)
from avatar.text.normalize.english.measures import FALLS, after_a_place, describes, verb_of_change, weather_around
from avatar.text.normalize.english.vocabulary import CURRENCIES, SCALES

# ISO codes written beside an amount ("20 USD", "SEK 300"), and the sign whose words they take
CURRENCY_CODES = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CHF": "CHF", "CAD": "$", "AUD": "$",
                  "NZD": "$", "HKD": "$", "SGD": "$", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "CNY": "CNY",
                  "ZAR": "ZAR", "MXN": "₱", "BRL": "R$", "KRW": "₩", "RUB": "₽", "PLN": "PLN", "CZK": "CZK",
                  "HUF": "HUF", "AED": "AED", "SAR": "SAR", "QAR": "QAR", "THB": "฿", "IDR": "IDR", "MYR": "MYR",
                  "VND": "₫", "UAH": "₴", "KZT": "₸", "BDT": "৳", "ISK": "ISK", "KES": "KES", "EGP": "EGP",
                  "NGN": "₦", "ILS": "₪", "PKR": "₹", "LKR": "₹", "NPR": "₹", "TWD": "$", "ARS": "₱", "CLP": "₱",
                  "COP": "₱", "GHS": "GHS", "UGX": "UGX", "TZS": "TZS", "XOF": "XOF", "XAF": "XAF", "MAD": "MAD",
                  "OMR": "OMR", "KWD": "KWD", "BHD": "BHD", "JOD": "JOD"}  # fmt: skip
# (not PHP, the language before its version, nor TRY, a word in capitals)
_CODE_NAMES = {"CAD": "Canadian", "AUD": "Australian", "HKD": "Hong Kong", "NZD": "New Zealand",
               "SGD": "Singapore", "SEK": "Swedish", "NOK": "Norwegian", "DKK": "Danish", "MXN": "Mexican",
               "BRL": "Brazilian", "CZK": "Czech", "ISK": "Icelandic", "KES": "Kenyan", "EGP": "Egyptian",
               "PKR": "Pakistani", "LKR": "Sri Lankan", "NPR": "Nepalese", "TWD": "New Taiwan", "ARS": "Argentine",
               "CLP": "Chilean", "COP": "Colombian", "SAR": "Saudi", "QAR": "Qatari", "UGX": "Ugandan",
               "TZS": "Tanzanian", "MAD": "Moroccan", "OMR": "Omani", "KWD": "Kuwaiti", "BHD": "Bahraini",
               "JOD": "Jordanian", "GHS": "Ghanaian"}  # fmt: skip
# the signs written after an amount in their own countries ("50 zł", "300 Kč", "12.500 ₽"), and their money
# ("200 kr." is the crown of four countries: _crown says which)
_SIGNS_AFTER = {"zł": "PLN", "Kč": "CZK", "₽": "₽", "₫": "₫"}
# the signs written before an amount ("KSh 108", "Rp20,000"), and their codes
_PREFIXES = {"KSh": "KES", "TSh": "TZS", "USh": "UGX", "Rp": "IDR", "GH₵": "GHS"}
_CROWNS = (
    ("SEK", re.compile(r"Swed|Stockholm|Gothenburg|Göteborg|Malmö|Uppsala|SEK")),
    ("ISK", re.compile(r"Iceland|Reykjav|ISK")),
    ("NOK", re.compile(r"Norw|Oslo|Bergen|Denmark|Danish|Copenhagen|Aarhus|NOK|DKK")),
)


def _crown(c: Ctx) -> str:
    """Which crown "kr" is: the country named nearest before it (in its phrase, then its sentence), else the
    Danish and Norwegian krone."""
    sentence = c.sentence_before(200)
    phrase = re.split(r"[,;]\s", sentence)[-1]
    for text in (phrase, sentence + c.m.string[c.m.end() : c.m.end() + 120]):
        for code, named in _CROWNS:
            if named.search(text):
                return code
    return "NOK"


# a possessive, or an adjective and a comma, before an amount that describes what follows it
_DETERMINER_LIKE = re.compile(
    r"(?:\b(?!(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hat|[Tt]here|[Ww]hat|[Ww]ho|[Hh]ere|[Ww]here|[Hh]ow|[Ll]et)['’]s)[A-Za-z]+['’]s"
    r"|\b[a-z0-9]+-[a-z]+,)\s$"
)  # not "he's $20 short" (he is)


# What an amount before it prices, with or without an article: "$1,400 checks", "$300 deposit", "$5 bills"
_PRICED_NOUNS = {
    w + s
    for w in ("check", "cheque", "bill", "note", "coin", "ticket", "fee", "fine", "payment", "credit", "rebate",
              "voucher", "deposit", "donation", "raise", "surcharge", "discount", "coupon", "loan", "deductible",
              "copay", "subscription", "gift", "grant", "stipend", "allowance", "reward", "jackpot", "prize", "bond")
    for s in ("", "s")
} | {"bonus", "bonuses", "penalty", "penalties", "minimum"}  # fmt: skip


# nouns that end as a past participle does ("a $300 bed"); any other "-ed" word after an amount says what was done
# with it ("the $200 collected", "the £5m pledged"): the amount is no adjective
_ED_NOUNS = {"bed", "shed", "sled", "seed", "feed", "reed", "steed", "creed", "speed", "deed", "need", "breed", "tweed",
             "red", "bred"}  # fmt: skip


def _done_to(word: str) -> bool:
    return word.endswith("ed") and word not in _ED_NOUNS


def _money(c: Ctx, symbol: str, amount: str, scale: str | None, code: str | None = None) -> str:
    one, many, sub_one, sub_many = CURRENCIES[symbol]
    if code in _CODE_NAMES:
        one, many = f"{_CODE_NAMES[code]} {one}", f"{_CODE_NAMES[code]} {many}"
    raw = amount.replace(",", "")
    after, before = c.word_after(), c.before()
    # an amount that describes what follows it: "the $7,500 credit", "a $2M deal", "the EU's €750bn fund", "a 3-yr,
    # $45M contract", "a $0.50 fee", "a £2.50 coffee"
    described = after.islower() and after not in NOT_A_NOUN and not _done_to(after)
    described = described and bool(ARTICLE_BEFORE.search(before) or _DETERMINER_LIKE.search(before))
    # ... and a name after an article ("a $15M Series A", "a $5 Starbucks card"; "the $5 I owe" is no name)
    described = described or (after[:1].isupper() and after != "I" and bool(ARTICLE_BEFORE.search(before)))
    # ... and what money is paid in or for, with no article ("sent $1,400 checks", "w/ $300 deposit")
    described = described or after in _PRICED_NOUNS
    if described and ("." not in raw or scale):
        many = one
    if scale in ("k", "K") and "." in raw and len(raw.partition(".")[2]) <= 3 and float(raw) < 100:
        return f"{c.num(str(round(float(raw) * 1000)))} {many}"  # "$1.5K": one thousand five hundred dollars
    if scale == "LPA":  # "₹12 LPA", "Rs 12 LPA": twelve lakh rupees per annum (a salary)
        return f"{c.num(amount)} lakh {many} per annum"
    if scale:
        return f"{c.num(amount)} {SCALES[scale]} {many}"
    whole, _, frac = raw.partition(".")
    written = amount.partition(".")[0]  # its commas kept: "₹45,00,000" is said in lakhs
    if frac and len(frac) == 2 and sub_one:
        cents = int(frac)
        if not int(whole or "0") and cents:  # "$0.50": fifty cents; "a $0.50 fee": a fifty cent fee
            return f"{c.num(str(cents))} {sub_one if cents == 1 or described else sub_many}"
        spoken = f"{c.num(written or '0')} {one_or_many(whole, one, many)}"
        if cents >= 10 and symbol == "£":  # "£24.99": twenty four pounds ninety nine, as a price is said
            pounds = f"{c.num(written or '0')} {one}" if described else spoken  # "a £2.50 coffee": two pound fifty
            return f"{pounds} {c.num(str(cents))}"
        if cents >= 10 and described:  # "a $5.50 coffee": a five dollar fifty coffee
            return f"{c.num(written or '0')} {one} {c.num(str(cents))}"
        if cents:
            spoken += f" and {c.num(str(cents))} {sub_one if cents == 1 else sub_many}"
        return spoken
    if frac:
        return f"{c.num(amount)} {many}"
    return f"{c.num(written)} {one_or_many(whole, one, many)}"


def _euro_amount(written: str) -> str:
    """A continental amount as the English digits ``_money`` reads: "1.299,00" is 1299.00, "1.500" 1500, and
    "12.50" (before a sign after it, written the English way) stays 12.50."""
    if "," in written or re.search(r"\.[0-9]{3}", written):
        return written.replace(".", "").replace(",", ".")
    return written


def _read_money_euro(c: Ctx) -> str | None:
    g = c.g
    return _money(c, "€", _euro_amount(g["eu1"] or g["eu2"]), None)


def _read_money(c: Ctx) -> str | None:
    g = c.g
    if re.match(r"[-–][0-9]", c.m.string[c.m.end() : c.m.end() + 2]) and not (g["mscale"] or g["mword"]):
        return None  # "$5-10": the range rule reads it, "five to ten dollars"
    code = {"AU": "AUD", "A": "AUD", "CA": "CAD", "C": "CAD", "HK": "HKD", "NZ": "NZD", "S": "SGD", "MX": "MXN",
            "NT": "TWD"}  # fmt: skip
    symbol = "R$" if g["mpre"] == "R" else g["cur"]  # "R$ 50": Brazilian reais
    if g["mpre"] == "MX":
        symbol = CURRENCY_CODES["MXN"]  # "MX$1,200": Mexican pesos
    if g["mplural"]:  # "two $20s", "a stack of $100s": twenties, hundreds
        if not g["amt"].isdigit():
            return None
        words = c.num(g["amt"])
        return plural_words(words.removeprefix("one ") if words.startswith("one ") and " " in words else words)
    named = code.get(g["mpre"] or "")
    if g["mcode"] and symbol == "$":
        symbol, named = CURRENCY_CODES[g["mcode"]], g["mcode"]  # "$750 MXN": seven hundred fifty Mexican pesos
    spoken = _money(c, symbol, g["amt"], g["mscale"] or g["mword"], named)
    stop = c.stop() if g["mword"] == "mil" else ""  # "$2 mil. Then": the abbreviation's dot ends the sentence too
    # "-$50", as a statement shows a debit ("lost -$5m": the verb says it once)
    signed = (g["mneg"] or g["mneg2"]) and verb_of_change(c) not in FALLS  # "$-3,000" too
    return ("minus " if signed else "") + spoken + stop


def _read_per_person(c: Ctx) -> str | None:
    if c.text != "p/p" and not re.search(r"[$€£¥][0-9.,]{1,12}[kK]?\s?$", c.before()):
        return None  # "pp" after a price only ("$85 pp"); "45 pp" alone may be pages
    if c.text == "/pp":
        return " per person"
    if c.text == "pppn":
        return "per person per night"  # "$120 pppn", as a hotel's rates write it
    return "per person" + (c.stop() if c.text == "p.p." else "")


def _read_price_per_count(c: Ctx) -> str | None:
    return " per " if re.search(r"[$€£¥][0-9.,]{1,12}$", c.before()) else None  # "$15/1M tokens"


def _read_money_code(c: Ctx) -> str | None:
    g = c.g
    if g["amt4"]:
        return _money(c, "€", _euro_amount(g["amt4"]), None)
    code = g["code"] or g["code2"]
    if code.startswith("Rs"):  # "Rs. 500": rupees
        code = "INR"
    if code.endswith("Fr."):  # "Fr. 56.80", "SFr. 12": Swiss francs
        code = "CHF"
    code = _PREFIXES.get(code, code)
    scale = g["mword2"] or g["mscale2"] or g["mword3"] or g["mscale3"]
    amount = g["amt2"] or g["amt3"]
    if g["code2"] == "INR" and re.fullmatch(r"[0-9]\.[0-9]", amount):
        return None  # "target INR 2.0-3.0", "INR 2.5": a blood test's ratio, no rupees
    if code.startswith("kr"):
        return _money(c, _crown(c), amount, scale) + c.stop()
    if code in _SIGNS_AFTER:
        return _money(c, _SIGNS_AFTER[code], amount, scale)
    return _money(c, CURRENCY_CODES[code], amount, scale, code)


_SOUTH_AFRICA = re.compile(
    r"South Africa|\bSA\b|Cape Town|Johannesburg|Joburg|Durban|Pretoria|Soweto|\brand\b|ZAR|Eskom"
)


def _read_rand(c: Ctx) -> str | None:
    g = c.g
    amount, scale = g["rnd"], g["rsc"]
    near = c.sentence_before(200) + c.m.string[c.m.end() : c.m.end() + 120]
    if not ("," in amount or "." in amount or scale or _SOUTH_AFRICA.search(near)):
        return None  # "the R350", "R2": a road's or a name's number
    return _money(c, "ZAR", amount, scale)


def _read_money_negative(c: Ctx) -> str | None:
    g = c.g
    said = _LOSS_BEFORE.search(c.before()) is not None  # "a net loss of $(1.2) million": the words say it
    return ("" if said else "minus ") + _money(c, g["mnc"], g["mna"], g["mns"])  # "$(0.12)": minus twelve cents


_LOSS_BEFORE = re.compile(r"\b(?:loss|losses|deficit|lost|lose|down|fell|negative|shortfall)\b\W*(?:\w+\W+){0,2}$")


def _read_money_words(c: Ctx) -> str | None:
    return _money(c, "$" if c.g["wcur"] == "dollars" else "€", c.g["wamt"], None)


def _read_count_for_price(c: Ctx) -> str | None:
    return f"{c.num(c.g['nfor'])} for"


def _read_cents(c: Ctx) -> str | None:
    g = c.g
    n = g["ct"] or g["ct2"]
    if g["ct2"] and (after_a_place(c) or weather_around(c)):
        return None  # "seat 12c"; "it's 25c outside", "highs of 31c" (Celsius, as people write it in a hurry)
    if describes(c):
        return f"{c.num(n)} cent"  # "a 99c coke": a ninety nine cent coke
    return f"{c.num(n)} {one_or_many(n, 'cent', 'cents')}"


def _read_tax_plan(c: Ctx) -> str | None:
    g = c.g  # "a 401(k)", "401ks": four oh one K, four oh one K's; "501(c)(3)": five oh one C three
    if g["tp3"]:
        return code_number(c, g["tp3"])  # "a 1031 exchange": ten thirty one; "a 529 plan": five twenty nine
    letter = (g["tpl"] or g["tpl2"]).upper() + ("'s" if g["tps"] else "")
    return f"{code_number(c, g['tp'] or g['tp2'])} {letter}" + (f" {c.num(g['tpn'])}" if g["tpn"] else "")


def _read_pcm(c: Ctx) -> str | None:
    before = c.before()
    if not (re.search(r"[0-9][kK]? $", before) or (c.text in ("pcm", "pw") and before[-1:].isdigit())):
        return None  # after a number, spaced ("£800 p/m") or glued ("£277pw")
    if c.text in ("pa", "pm", "psf") and not re.search(r"[$£€][0-9][0-9.,]*[kK]?\s$", before):
        return None  # "100 pa": no salary (pascals are "Pa"); "3 pm" is a clock's; "$3,200 pm": a month's rent
    said = {"pcm": "per calendar month", "pa": "a year", "p/m": "a month", "pm": "a month", "psf": "per square foot"}
    return said.get(c.text, "per week")


def _read_pence_decimal(c: Ctx) -> str | None:
    return f"{c.num(c.g['pnd'])} pence"  # "145.9p a litre": a hundred and forty five point nine pence


READERS: dict[str, Reader] = {
    "pence_decimal": _read_pence_decimal,
    "circa_money": say("circa "),
    "indian_suffix": say(""),
    "lpa": say("lakh per annum"),
    "tax_plan": _read_tax_plan,
    "money_euro": _read_money_euro,
    "money": _read_money,
    "money_code": _read_money_code,
    "rand": _read_rand,
    "money_negative": _read_money_negative,
    "cashtag": lambda c: "",
    "cents": _read_cents,
    "count_for_price": _read_count_for_price,
    "money_words": _read_money_words,
    "per_person": _read_per_person,
    "price_per_count": _read_price_per_count,
    "pcm": _read_pcm,
}
