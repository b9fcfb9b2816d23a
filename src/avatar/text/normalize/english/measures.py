"""Reading quantities: units ("72°F", "2,480 kg", "12.5 km/h"), temperatures without their degree sign,
fractions and mixed numbers, percentages, scales ("2m people"), ranges and ratios (a range that is a score is
``sports``'), rates ("/yr"), multiplication and powers."""

from __future__ import annotations

import math
import re

from avatar.text.normalize.english.abbreviations import COMPASS
from avatar.text.normalize.english.context import (
    ARTICLE_BEFORE,
    DETERMINER_BEFORE,
    LOOK,
    NOT_A_NOUN,
    Ctx,
    Reader,
    code_number,
    counted,
    in_quotation,
    indefinite,
    names_an_id,
    one_or_many,
    plural_words,
    say,
    spell_groups,
)
from avatar.text.normalize.english.dates import clock_span, minutes, month_day
from avatar.text.normalize.english.sports import not_out, race_distance, record, runs_for_wickets, score
from avatar.text.normalize.english.vocabulary import (
    ATTACHED_ONLY_UNITS,
    CURRENCIES,
    DIRECTION_AFTER,
    ELEMENTS,
    FRACTION_DENOMINATORS,
    LENGTH_UNIT,
    MEASURE_NOUNS,
    PLACE_BEFORE,
    RATIO_BEFORE,
    SCALES,
)
from avatar.text.normalize.numbers import spell_digits

# Units read after a number: (singular, plural), American spelling. Ambiguous short ones only when attached.
UNITS = {"km": ("kilometer", "kilometers"), "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"),
         "kg": ("kilogram", "kilograms"), "mg": ("milligram", "milligrams"), "g": ("gram", "grams"),
         "lb": ("pound", "pounds"), "lbs": ("pounds", "pounds"), "oz": ("ounce", "ounces"),
         "fl oz": ("fluid ounce", "fluid ounces"), "ml": ("milliliter", "milliliters"),
         "mL": ("milliliter", "milliliters"), "cl": ("centiliter", "centiliters"),
         "g/km": ("gram per kilometer", "grams per kilometer"), "l": ("liter", "liters"),
         "L": ("liter", "liters"),
         "ft": ("foot", "feet"), "yd": ("yard", "yards"), "mi": ("mile", "miles"), "gal": ("gallon", "gallons"),
         "mph": ("mile per hour", "miles per hour"), "km/h": ("kilometer per hour", "kilometers per hour"),
         "kph": ("kilometer per hour", "kilometers per hour"), "m/s": ("meter per second", "meters per second"),
         "m/s²": ("meter per second squared", "meters per second squared"),
         "km/s": ("kilometer per second", "kilometers per second"),
         "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
         "℃": ("degree Celsius", "degrees Celsius"), "℉": ("degree Fahrenheit", "degrees Fahrenheit"),
         "°": ("degree", "degrees"), "kWh": ("kilowatt hour", "kilowatt hours"), "kW": ("kilowatt", "kilowatts"),
         "W": ("watt", "watts"), "V": ("volt", "volts"), "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"),
         "MHz": ("megahertz", "megahertz"), "GHz": ("gigahertz", "gigahertz"), "KB": ("kilobyte", "kilobytes"),
         "MB": ("megabyte", "megabytes"), "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"),
         "ms": ("millisecond", "milliseconds"), "µs": ("microsecond", "microseconds"),
         "μs": ("microsecond", "microseconds"), "ns": ("nanosecond", "nanoseconds"),
         "µL": ("microliter", "microliters"), "μL": ("microliter", "microliters"), "min": ("minute", "minutes"),
         "hrs": ("hours", "hours"),
         "hr": ("hour", "hours"), "sec": ("second", "seconds"), "tbsp": ("tablespoon", "tablespoons"),
         "tsp": ("teaspoon", "teaspoons"), "Tbsp": ("tablespoon", "tablespoons"),
         "Tsp": ("teaspoon", "teaspoons"), "TSP": ("teaspoon", "teaspoons"), "tsps": ("teaspoons", "teaspoons"),
         "tbs": ("tablespoon", "tablespoons"), "Tbs": ("tablespoon", "tablespoons"),
         "TBSP": ("tablespoon", "tablespoons"), "TBS": ("tablespoon", "tablespoons"),
         "tbsps": ("tablespoons", "tablespoons"), "Tbsps": ("tablespoons", "tablespoons"),
         "kcal": ("kilocalorie", "kilocalories"), "ha": ("hectare", "hectares"),
         "sq ft": ("square foot", "square feet"), "sq. ft.": ("square foot", "square feet"),
         "sqft": ("square foot", "square feet"), "sq.ft.": ("square foot", "square feet"),
         "sq.ft": ("square foot", "square feet"), "ly": ("light-year", "light-years"),
         "atm": ("atmosphere", "atmospheres"), "br": ("bedroom", "bedrooms"), "Cal": ("Calorie", "Calories"),
         "kgs": ("kilograms", "kilograms"), "mol": ("mole", "moles"), "kJ": ("kilojoule", "kilojoules"),
         "kJ/mol": ("kilojoule per mole", "kilojoules per mole"), "km³": ("cubic kilometer", "cubic kilometers"),
         "m2": ("square meter", "square meters"), "km2": ("square kilometer", "square kilometers"),
         "cm2": ("square centimeter", "square centimeters"), "sqm": ("square meter", "square meters"),
         "sq. km": ("square kilometer", "square kilometers"), "cu. ft.": ("cubic foot", "cubic feet"),
         "cu.ft.": ("cubic foot", "cubic feet"),
         "cu. in.": ("cubic inch", "cubic inches"), "cu. yd.": ("cubic yard", "cubic yards"),
         "ft²": ("square foot", "square feet"), "sq m": ("square meter", "square meters"),
         "m²": ("square meter", "square meters"), "km²": ("square kilometer", "square kilometers"),
         "sq mi": ("square mile", "square miles"), "m³": ("cubic meter", "cubic meters"),
         "cm³": ("cubic centimeter", "cubic centimeters"), "m": ("meter", "meters"), "s": ("second", "seconds"),
         "h": ("hour", "hours"), "in": ("inch", "inches"), "mpg": ("mile per gallon", "miles per gallon"),
         "rpm": ("revolution per minute", "revolutions per minute"), "psi": ("PSI", "PSI"),
         "dB": ("decibel", "decibels"), "fps": ("frame per second", "frames per second"),
         "bpm": ("beat per minute", "beats per minute"), "BPM": ("beat per minute", "beats per minute"),
         "Ω": ("ohm", "ohms"), "kΩ": ("kilohm", "kilohms"),
         "dr": ("door", "doors"), "pk": ("pack", "packs"), "mAh": ("milliamp hour", "milliamp hours"),
         "hp": ("horsepower", "horsepower"), "MP": ("megapixel", "megapixels"),
         "bhp": ("brake horsepower", "brake horsepower"),
         "MPGe": ("mile per gallon equivalent", "miles per gallon equivalent"), "BTC": ("bitcoin", "bitcoin"),
         "ETH": ("ether", "ether"), "BR": ("bedroom", "bedrooms"), "BA": ("bath", "baths"),
         "bd": ("bedroom", "bedrooms"), "ba": ("bath", "baths"), "bdrm": ("bedroom", "bedrooms"),
         "MB/s": ("megabyte per second", "megabytes per second"),
         "GB/s": ("gigabyte per second", "gigabytes per second"),
         "kB/s": ("kilobyte per second", "kilobytes per second"),
         "KB/s": ("kilobyte per second", "kilobytes per second"),
         "Mb/s": ("megabit per second", "megabits per second"), "Gb/s": ("gigabit per second", "gigabits per second"),
         "kbps": ("kilobit per second", "kilobits per second"), "Kbps": ("kilobit per second", "kilobits per second"),
         "Mbps": ("megabit per second", "megabits per second"), "Gbps": ("gigabit per second", "gigabits per second"),
         "kb/s": ("kilobit per second", "kilobits per second"), "µm": ("micrometer", "micrometers"),
         "nm": ("nanometer", "nanometers"), "mi/h": ("mile per hour", "miles per hour"),
         "fl. oz": ("fluid ounce", "fluid ounces"), "ºC": ("degree Celsius", "degrees Celsius"),
         "ºF": ("degree Fahrenheit", "degrees Fahrenheit"),
         "º": ("degree", "degrees"), "qt": ("quart", "quarts"), "pt": ("pint", "pints"),
         "pts": ("point", "points"), "st": ("stone", "stone"), "t": ("tonne", "tonnes"), "px": ("pixel", "pixels"),
         "ppm": ("part per million", "parts per million"),
         "ppb": ("part per billion", "parts per billion"),
         "mmHg": ("millimeter of mercury", "millimeters of mercury"),
         "mm Hg": ("millimeter of mercury", "millimeters of mercury"), "mSv": ("millisievert", "millisieverts"),
         "µSv": ("microsievert", "microsieverts"), "Sv": ("sievert", "sieverts"),
         "mmol/L": ("millimole per liter", "millimoles per liter"),
         "mmol/l": ("millimole per liter", "millimoles per liter"),
         "µmol/L": ("micromole per liter", "micromoles per liter"), "mol/L": ("mole per liter", "moles per liter"),
         "mmol/mol": ("millimole per mole", "millimoles per mole"), "mmol": ("millimole", "millimoles"),
         "Mb": ("megabit", "megabits"), "Gb": ("gigabit", "gigabits"), "cu ft": ("cubic foot", "cubic feet"),
         "cu yd": ("cubic yard", "cubic yards"), "cu in": ("cubic inch", "cubic inches"),
         "sq in": ("square inch", "square inches"), "sq km": ("square kilometer", "square kilometers"),
         "doz": ("dozen", "dozen"), "dz": ("dozen", "dozen"), "ov": ("over", "overs"),
         "pc": ("piece", "pieces"), "pcs": ("pieces", "pieces"), "ac": ("acre", "acres"),
         "bbl": ("barrel", "barrels"),
         "ppg": ("point per game", "points per game"), "rpg": ("rebound per game", "rebounds per game"),
         "apg": ("assist per game", "assists per game"),
         "mins": ("minutes", "minutes"), "secs": ("seconds", "seconds"),
         "yr": ("year", "years"), "yrs": ("years", "years"), "mo": ("month", "months"), "mos": ("months", "months"),
         "mth": ("month", "months"), "mths": ("months", "months"),
         "wk": ("week", "weeks"), "wks": ("weeks", "weeks"), "yds": ("yards", "yards"),
         "reb": ("rebound", "rebounds"), "ast": ("assist", "assists"), "stl": ("steal", "steals"),
         "blk": ("block", "blocks"), "TD": ("touchdown", "touchdowns"), "PTS": ("point", "points"),
         "REB": ("rebound", "rebounds"), "BLK": ("block", "blocks"),
         "TDs": ("touchdowns", "touchdowns"), "mcg": ("microgram", "micrograms"), "★": ("star", "stars"),
         "bps": ("basis point", "basis points"), "bp": ("basis point", "basis points"), "GW": ("gigawatt", "gigawatts"),
         "sq yd": ("square yard", "square yards"), "sq. yd.": ("square yard", "square yards"),
         "yd²": ("square yard", "square yards"), "sq. m": ("square meter", "square meters"),
         "sq. mi.": ("square mile", "square miles"), "MW": ("megawatt", "megawatts"),
         "MWh": ("megawatt hour", "megawatt hours"), "GWh": ("gigawatt hour", "gigawatt hours"),
         "TWh": ("terawatt hour", "terawatt hours"), "Wh": ("watt hour", "watt hours"),
         "mA": ("milliamp", "milliamps"), "kV": ("kilovolt", "kilovolts"), "mV": ("millivolt", "millivolts"),
         "wkts": ("wickets", "wickets"), "wkt": ("wicket", "wickets"),
         "µg": ("microgram", "micrograms"), "ng": ("nanogram", "nanograms"), "cal": ("calorie", "calories"),
         "μm": ("micrometer", "micrometers"), "μg": ("microgram", "micrograms"),
         "lb-ft": ("pound-foot", "pound-feet"), "lb ft": ("pound-foot", "pound-feet"),
         "ft-lb": ("foot-pound", "foot-pounds"), "ft-lbs": ("foot-pounds", "foot-pounds"),
         "Nm": ("newton meter", "newton meters"), "N·m": ("newton meter", "newton meters"),
         "A": ("amp", "amps"), "pax": ("passenger", "passengers"), "mM": ("millimolar", "millimolar"),
         "µM": ("micromolar", "micromolar"), "μM": ("micromolar", "micromolar"), "nM": ("nanomolar", "nanomolar"),
         "dpi": ("DPI", "DPI"), "ppi": ("PPI", "PPI"), "spd": ("speed", "speed"), "kt": ("knot", "knots"),
         "kn": ("knot", "knots"), "kts": ("knot", "knots"), "hPa": ("hectopascal", "hectopascals"),
         "kPa": ("kilopascal", "kilopascals"),
         "MPa": ("megapascal", "megapascals"), "mbar": ("millibar", "millibars"),
         "inHg": ("inch of mercury", "inches of mercury"), "nmi": ("nautical mile", "nautical miles"),
         "eV": ("electronvolt", "electronvolts"), "keV": ("kiloelectronvolt", "kiloelectronvolts"),
         "MeV": ("megaelectronvolt", "megaelectronvolts"), "GeV": ("gigaelectronvolt", "gigaelectronvolts"),
         "TeV": ("teraelectronvolt", "teraelectronvolts"),
         # a laboratory's units ("K 5.8 mEq/L", "ALT 85 U/L", "B12 148 pg/mL", "MCV 72 fL")
         "mEq/L": ("milliequivalent per liter", "milliequivalents per liter"),
         "mEq/l": ("milliequivalent per liter", "milliequivalents per liter"),
         "mEq": ("milliequivalent", "milliequivalents"), "U/L": ("unit per liter", "units per liter"),
         "IU/L": ("international unit per liter", "international units per liter"),
         "mIU/L": ("milli-international unit per liter", "milli-international units per liter"),
         "mIU/mL": ("milli-international unit per milliliter", "milli-international units per milliliter"),
         "IU": ("international unit", "international units"),
         "pmol/L": ("picomole per liter", "picomoles per liter"),
         "nmol/L": ("nanomole per liter", "nanomoles per liter"),
         "pg/mL": ("picogram per milliliter", "picograms per milliliter"),
         "ng/mL": ("nanogram per milliliter", "nanograms per milliliter"),
         "ng/dL": ("nanogram per deciliter", "nanograms per deciliter"), "fL": ("femtoliter", "femtoliters"),
         # electronics, physics and biochemistry ("a 100 Ah battery", "10 µF", "200 GPa", "1.54 Å", "55 kDa")
         "Ah": ("amp hour", "amp hours"), "µF": ("microfarad", "microfarads"), "μF": ("microfarad", "microfarads"),
         "nF": ("nanofarad", "nanofarads"), "pF": ("picofarad", "picofarads"), "µH": ("microhenry", "microhenries"),
         "μH": ("microhenry", "microhenries"), "mH": ("millihenry", "millihenries"), "mW": ("milliwatt", "milliwatts"),
         "MΩ": ("megohm", "megohms"), "GPa": ("gigapascal", "gigapascals"),
         "Å": ("angstrom", "angstroms"), "Gy": ("gray", "grays"), "mGy": ("milligray", "milligrays"),
         "MBq": ("megabecquerel", "megabecquerels"), "Bq": ("becquerel", "becquerels"), "lm": ("lumen", "lumens"),
         "dBm": ("dBm", "dBm"), "THz": ("terahertz", "terahertz"), "kDa": ("kilodalton", "kilodaltons"),
         "Gt": ("gigatonne", "gigatonnes"), "cSt": ("centistoke", "centistokes"),
         "TFLOPS": ("teraflops", "teraflops"), "PFLOPS": ("petaflops", "petaflops"),
         "GFLOPS": ("gigaflops", "gigaflops"), "cm H2O": ("centimeter of water", "centimeters of water"),
         "cmH2O": ("centimeter of water", "centimeters of water"),
         "mOsm/kg": ("milliosmole per kilogram", "milliosmoles per kilogram")}  # fmt: skip
# Of those, the ones also read spaced ("250 g of flour", "a 100 m sprint") when no word follows that makes the
# letter a word or a name ("3 g and", "5 m, then"): never "in" ("2 in 3"), "W" or "V" (compass, names)
_SPACED_WHEN_CLEAR = {"m", "g", "l", "h", "s", "t", "ha", "W", "V"}
_CLEAR_AFTER = {"", "of", "and", "or", "per", "each", "a", "an", "the", "to", "for", "in", "at", "on", "long", "wide",
                "above", "below", "across", "into", "over", "under", "beneath", "underground", "up", "down",
                "through", "along", "behind", "ahead", "inland", "offshore", "upstream", "downstream",
                "high", "deep", "tall", "away", "apart", "bag", "bar", "jar", "can", "pack", "sprint", "race",
                "dash", "run", "swim", "pool", "tank", "bottle", "carton", "drive", "walk", "portion", "relay",
                "hurdles", "freestyle", "butterfly", "backstroke", "breaststroke", "medley", "final", "truck",
                "load", "lorry", "between", "before", "after", "from", "with"}  # fmt: skip
_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅛": (1, 8), "⅜": (3, 8),
           "⅝": (5, 8), "⅞": (7, 8)}  # fmt: skip


# Words a few words before "9/10" that make it a rating: nine out of ten
_RATED_BEFORE = re.compile(
    r"\b(?:rate|rated|rates|rating|score|scored|scores|give|gave|gives|giving|verdict"
    r"|pain|discomfort|severity|nausea|anxiety|fatigue|mood)\b"  # "pain is 7/10": a patient's own rating
    r"\W*(?:\w+\W+){0,2}$"
    # "rated 4.5/5 and 9/10": a second rating after the first
    r"|\b(?:rate|rated|rates|rating|score|scored|scores|give|gave|gives|giving)\s(?:it\s)?[0-9]{1,2}(?:\.[0-9])?/"
    r"(?:5|10)(?:,\s|\s(?:and|or)\s)$",
    re.I,
)


_A_BEFORE = re.compile(r"\b[Aa]n?\s$")


def _fraction(c: Ctx, n: int, d: int, whole: str | None, unit: str | None = None) -> str | None:
    if d == 0:
        return None
    if unit is None and whole is None and (runs := runs_for_wickets(c, str(n), str(d), c.m.end())):
        return runs  # "India 287/6 (50 ov.)": two hundred eighty seven for six
    if n >= d and whole is None:
        if n == d and d in (5, 10):
            out_of = f"{c.num(str(n))} out of {c.num(str(d))}"  # "rate it 5/5", "10/10 stars", "10/10 would buy"
            return out_of + (f" {c.unit(UNITS[unit][1])}" if unit else "")
        if unit:
            one, many = UNITS[unit]
            return f"{c.num(str(n))} over {c.num(str(d))} {c.unit(many)}"
        if (n == 24 and d == 7) or n == d or (n + d == 100 and n % 10 == 0 and d % 10 == 0):  # "24/7", "60/40"
            return f"{c.num(str(n))} {c.num(str(d))}"
        return f"{c.num(str(n))} over {c.num(str(d))}"
    after = c.word_after()
    if unit and whole is None and (d not in FRACTION_DENOMINATORS or math.gcd(n, d) > 1):
        # "28/34 mpg": two figures, city and highway; "8/16 GB": two sizes (a fraction is written in lowest terms)
        one, many = UNITS[unit]
        return f"{c.num(str(n))}, {c.num(str(d))} {c.unit(one if describes(c, one) else many)}"
    hyphened = re.match(r"-([a-z]+)\b", c.m.string[c.m.end() : c.m.end() + 16])
    if whole is None and unit is None and hyphened and hyphened.group(1) in MEASURE_NOUNS:
        return _fraction_adjective(c, n, d)  # "the ¼-mile track", "a 1/2-hour show": quarter-mile, half-hour
    if whole is None and unit is None:
        # a part of a measure or of something ("1/25 of the cost", "15/16 inch", "1/32 in. bit"), not "in the"
        measure = bool({after, after[:-1], after[:-2]} & MEASURE_NOUNS)
        dotted_unit = after in UNITS and c.m.string[c.m.end() : c.m.end() + len(after) + 2].strip().endswith(".")
        part = after.lower() == "of" or measure or dotted_unit
        if after.lower() == "time" and d in (2, 4, 8, 16) and n <= 16:  # "in 3/4 time": three four time
            return f"{c.num(str(n))} {c.num(str(d))}"
        if d == n + 1 and 10 <= n < 99 and not part:  # "FY24/25", "the 19/20 season": a span (99/100 is a count)
            return f"{c.num(str(n))} {c.num(str(d))}"
        # a score or a count: "scored 98/100", "7/20 done", "9/10 dentists", "3/5 people"
        of_people = after.islower() and (after.endswith("s") or after in {"people", "men", "women", "children"})
        rated = d in (5, 10) and _RATED_BEFORE.search(c.before())  # "I rate it 9/10", "gave it 4/5"
        # "Verdict: 8/10", "It got 7/10 from us", "8/10 - a great phone": a score (not "1/10 scale", "9/10ths")
        scored = re.match(r"\s(?:from|for|overall|[-–—]\s)", c.m.string[c.m.end() : c.m.end() + 10])
        tenth = d == 10 and 1 < n <= 10 and c.text[-1].isdigit() and (c.before().endswith(": ") or scored)
        if not part and (d >= 20 or (of_people and d <= 10) or rated or tenth):
            return f"{c.num(str(n))} out of {c.num(str(d))}"
    spoken = _fraction_words(c, n, d, whole)
    if not unit and whole is None and n == 1 and after.lower() not in MEASURE_NOUNS and _A_BEFORE.search(c.before()):
        spoken = spoken.removeprefix("one ")  # "by a 1/4": by a quarter (not "a one quarter")
    if unit:  # "1 1/2 tsp": one and a half teaspoons; "3/4 cup": three quarters of a cup
        one, many = UNITS[unit]
        if whole is not None:  # "a 2-1/2" pipe": a two and a half inch pipe
            adjective = describes(c, one)
            of = of_what_follows(c) if unit in _SPOON_UNITS and not adjective else ""
            return f"{spoken} {c.unit(one if adjective else many)}{of}"
        hyphen = c.m.group("funit") and c.m.string[c.m.start("funit") - 1] == "-"  # "1/4-lb. patties"
        # "a 1/32 in. bit": a one thirty second inch bit; "1/8 inch slices": one eighth inch slices
        if ARTICLE_BEFORE.search(c.before()) or hyphen or describes(c, one):
            if d in (2, 4):  # "a 1/2" pipe", "a 3/4 lb burger": a half inch pipe, a three quarter pound burger
                spoken = _fraction_adjective(c, n, d)
            return f"{spoken} {c.unit(one)}"
        return f"{_of_a(spoken, c.unit(one))} {c.unit(one)}" + (of_what_follows(c) if unit in _SPOON_UNITS else "")
    if whole is None and unit is None and after == "c" and c.m.string[c.m.end() : c.m.end() + 4].startswith(" c."):
        return _of_a(spoken, "cup")  # "1/2 c. onion": half a (cup of onion, the cup's rule)
    if whole is None and after.lower() in MEASURE_NOUNS and not after[0].isupper():
        sized = after.lower() in _LENGTHS and counted(_word_after_next(c))  # "1/8 inch slices": eighth inch
        if ARTICLE_BEFORE.search(c.before()) or sized:  # "a 1/4 share", "a 3/4 cup": a quarter share, ...
            return _fraction_adjective(c, n, d)
        return _of_a(spoken, after)  # the noun stays as written
    if spoken == "one half" and after.islower() and after not in _SUMS and after[:-1] not in MEASURE_NOUNS:
        return "half"  # "1/2 price", "1/2 the time", "1/2 off": half, as said; "1/2 and 1/4" stays one half
    if spoken == "one half" and whole is None and hyphened:
        return "half"  # "½-price", "a 1/2-day trip": half-price
    return spoken


# Spoon measures in a recipe take "of" before what they measure ("2 tsp salt": of salt); weights and volumes
# only where what follows ends a phrase (``of_what_is_held``: "200 g flour,"; "16 oz cans" is an adjective).
_SPOON_UNITS = {"tsp", "tbsp", "Tbsp", "tbs", "Tsp", "TSP", "tsps", "Tbs", "TBSP", "TBS", "tbsps", "Tbsps"}
# Words after a measure that are not what it measures: "1 cup at a time", "2 tsp instead", "5 cups heavier"
_NOT_MEASURED = NOT_A_NOUN | {
    "into", "over", "until", "then", "if", "when", "as", "so", "but", "will", "can", "should", "makes", "make",
    "equals", "total", "divided", "plus", "minus", "only", "instead", "now", "here", "there", "again", "too",
    "also", "max", "min", "maximum", "minimum", "daily", "full", "worth", "or", "per", "heaped", "level", "left",
    "heavier", "lighter", "larger", "smaller", "bigger", "fewer", "greater", "less", "more", "extra",
    "altogether", "overall", "short", "shy", "off", "down", "up", "out", "back", "before", "after", "yesterday",
    "today", "tonight", "tomorrow", "first", "last", "next", "this", "that", "these", "those", "my", "your", "our",
    "bd", "tds", "qds", "od", "po", "prn", "bid", "tid", "qid", "nocte", "mane",  # how often, in a prescription
}  # fmt: skip
_FOODS_IN_LY = {"jelly", "barley", "parsley"}  # "-ly" words after a measure are adverbs ("daily", "slowly") but these


# Weights and volumes take "of" before what they hold where they are not an adjective ("200 g flour", "1 oz
# cheese", "500 ml milk": of flour, of cheese, of milk); "16 oz cans", "a 500 ml bottle" are adjectives
# (``describes``), and lengths, times, speeds and amounts of data hold nothing a reader says "of" before ("10 km
# today", "a 300 MB budget")
_HOLDING_UNITS = {"gram", "kilogram", "milligram", "microgram", "ounce", "pound", "pounds", "fluid ounce",
                  "liter", "milliliter", "microliter", "gallon"}  # fmt: skip
# Words after such a measure that are not what it holds: what holds or doses it ("500 mg dose", "a 5 kg bag"), how
# often ("400 mg twice"), what became of it ("5 kg lost"), and words that go on the sentence ("23 kg cost $75")
_NOT_HELD = {"serving", "servings", "portion", "dose", "bottle", "can", "jar", "bag", "pack", "packet", "box", "tub",
            "carton", "tin", "glass", "piece", "bar", "block", "tablet", "capsule", "pill", "vial", "tube", "sachet",
            "pouch", "limit", "allowance", "weight", "load", "capacity", "batch", "size", "cap", "quota", "bundle",
            "package", "container", "tank", "jug", "keg", "barrel", "sack", "crate", "case", "unit", "increase",
            "decrease", "gain", "loss", "difference", "twice", "once", "thrice", "times", "total", "net", "gross",
            "apiece", "weekly", "monthly", "hourly", "nightly", "yearly", "spoon", "lost", "won", "sold", "spent",
            "shed", "burnt", "gone", "kept", "taken", "given", "cost", "costs", "every", "versus", "overweight",
            "underweight", "heavy", "light", "dry", "wet", "apart", "tops", "flat", "exactly", "precisely"}  # fmt: skip
# foods in "-ing" and "-ed", said with "of" alone after a measure ("250 g shortening")
_FOODS_IN_ING_ED = {"pudding", "icing", "frosting", "filling", "dressing", "seasoning", "stuffing", "shortening",
                    "topping", "herring", "whiting", "seed"}  # fmt: skip
# What a measure holds: one or two lowercase words where a phrase ends ("200 g flour,", "100 g dark chocolate and",
# "400 g chopped tomatoes."), not the start of a clause ("23 kg cost $75", "500 mg b.i.d.")
_HELD = re.compile(
    r"\.?\s+([a-z]{2,}(?:\s[a-z]{2,})?)(?=\s*(?:[,;:!?)]|\.(?!\w)|$)|\s(?:and|or|with|in|into|to|for|from|on)\b)"
)


def of_what_is_held(c: Ctx, one: str) -> str:
    """ " of" after a weight or a volume (``one``, the unit's singular) that holds the words after it ("200 g
    flour": two hundred grams of flour), not after an article ("a 1 oz pouch") or an adjective's measure
    (``describes``)."""
    if one not in _HOLDING_UNITS or ARTICLE_BEFORE.search(c.before()) or describes(c, one):
        return ""
    held = _HELD.match(c.m.string, c.m.end(), c.m.end() + LOOK)
    if not held:
        return ""
    words = held.group(1).split()
    if any(w in _NOT_HELD or w in _NOT_MEASURED for w in words) or not of_what_follows(c):
        return ""
    if len(words) == 1 and words[0].endswith(("ing", "ed")) and words[0] not in _FOODS_IN_ING_ED:
        return ""  # "100 ml remaining.", "2 kg saved" (but "250 g shortening", "200 g chopped nuts")
    return " of"


def of_what_follows(c: Ctx) -> str:
    """ " of" where the word after the match is what a cook's measure measures ("3/4 cup milk": of milk)."""
    after = c.word_after()
    adverb = after.endswith("ly") and after not in _FOODS_IN_LY
    return " of" if after.islower() and after not in _NOT_MEASURED and not adverb else ""


def _read_measure_of(c: Ctx) -> str | None:
    """ "cup" after a number before what it measures: "cup of". A singular after a whole number above one is a
    compound ("2 cup holders"), and after an article the measure describes ("a 12 cup coffee maker")."""
    noun, before = c.g["mo"], c.before()
    if not re.search(r"(?:[0-9]|[½⅓⅔¼¾⅛⅜⅝⅞])\s?$", before) or re.search(r"\b(?:[Aa]n?|[Tt]he)\s\S+\s$", before):
        return None
    if not noun.endswith("s") and not re.search(r"(?:/[0-9]{1,3}|[½⅓⅔¼¾⅛⅜⅝⅞]|(?<![0-9.,])1)\s?$", before):
        return None
    of = of_what_follows(c)
    return f"{noun.replace('btl', 'bottle')}{of}" if of else None


_SUMS = {"and", "or", "to", "plus", "minus", "times", "x", "divided", "over", "is", "equals", "of"}


def _of_a(fraction: str, noun: str) -> str:
    """'three quarters' before 'cup': 'three quarters of a'; 'one half': 'half a'; 'one third': 'a third of a'."""
    article = "an" if noun[:1].lower() in "aeiou" or noun.lower().startswith("hour") else "a"
    if fraction == "one half":
        return f"half {article}"
    if fraction.startswith("one "):
        fraction = f"{indefinite(fraction[4:])} {fraction[4:]}"  # "a third", "an eighth"
    return f"{fraction} of {article}"


def _fraction_words(c: Ctx, n: int, d: int, whole: str | None) -> str:
    if d == 2:
        name = "half" if n == 1 else "halves"
    elif d == 4:
        name = "quarter" if n == 1 else "quarters"
    else:
        name = c.nth(d) + ("" if n == 1 else "s")
    if whole is not None:
        part = f"{indefinite(name)} {name}" if n == 1 else f"{c.num(str(n))} {name}"
        return f"{c.num(whole)} and {part}"
    return f"{'one' if n == 1 else c.num(str(n))} {name}"


def _fraction_adjective(c: Ctx, n: int, d: int) -> str:
    """A fraction that describes: "a 1/4 share" a quarter share, "a 3/4 lb burger" a three quarter pound
    burger; eighths and the rest keep their plural ("3/8 inch bolts": three eighths inch bolts)."""
    name = {2: "half", 4: "quarter"}.get(d)
    return (name or c.nth(d)) if n == 1 else f"{c.num(str(n))} {name or c.nth(d) + 's'}"


# Words after "1-2" that make it first and second ("a 1-2 punch"), not a range
_ONE_TWO = {"punch", "punches", "finish", "finishes", "combo", "combination"}
_NINE_ELEVEN = {"commission", "attack", "attacks", "memorial", "museum", "victims", "families", "responders",
                "hijackers", "anniversary", "era", "report", "terrorists"}  # fmt: skip


# what opening hours follow: a day, or the words that say so ("M-Th 9-9", "open 9-9", "Hours: 9-9")
_HOURS_BEFORE = re.compile(
    r"(?:\b(?:Mo|Tu|We|Th|Fr|Sa|Su|[MWF]|Mon|Tues?|Weds?|Thu|Thurs?|Fri|Sat|Sun)\.?|day|days|daily|[Oo]pens?"
    r"|[Hh]ours:?)\s$"
)


# One section before "12-104" (not "§§" or "sections"): the code's parts, as a statute's number is said
_ONE_SECTION_BEFORE = re.compile(r"(?:\b(?:Sec\.|[Ss]ection)|(?<!§)§)\s?$")


def _range(c: Ctx) -> str:
    g = c.g
    a, b = g["ra"], g["rb"]
    if (a, b) == ("9", "11") and not (g["runit"] or g["rs"]) and c.word_after().lower() in _NINE_ELEVEN:
        return "nine eleven"  # "the 9-11 Commission", "9-11 attacks": the day, not a range
    if (a, b) == ("1", "2") and not (g["runit"] or g["rs"]) and c.word_after().lower() in _ONE_TWO:
        return "one two"  # "a 1-2 punch", "a 1-2 finish": first and second, not a range
    if not g["rs"] and (span := clock_span(c, a, b, g["runit"])):
        return span + (c.stop() if g["runit"] else "")  # "0800-1700 hrs": oh eight hundred to seventeen hundred
    if g["runit"] == "in" and (runs := runs_for_wickets(c, a, b, c.m.start("runit") - 1)):
        return f"{runs} in"  # "246-4 in 47.2 overs": runs for wickets, then the word "in"
    plain = not (g["runit"] or g["rs"] or g["rscale2"] or g["rtl"] or g["rinch"])
    identifier = plain and len(a + b) >= 5 and "." not in a + b and "–" not in c.text and not counted(c.word_after())
    if identifier and names_an_id(c.before()):
        return spell_groups(c, [a, b])  # "Property ID: 45-7781", "Listing #: 42-1189": an identifier's groups
    if plain and _ONE_SECTION_BEFORE.search(c.before()) and (len(b) >= 3 or int(b) < int(a)):
        return f"{c.num(a)} {code_number(c, b)}"  # "Sec. 12-104": a section's number, not a range of sections
    if (
        plain
        and len(a) == len(b) == 3
        and a.isdigit()
        and b.isdigit()
        and 0 < int(b) - int(a) <= 120
        and _life_around(c)
    ):
        return f"{c.year(int(a))} to {c.year(int(b))}"  # "Alfred the Great (849–899)": eight forty nine to ...
    tries = a.isdigit() and b.isdigit() and int(a) <= int(b)
    if plain and tries and _SHOT_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK):
        return f"{c.num(a)} of {c.num(b)}"  # "went 7-22 from 3-pt. range", "5-12 from the field": makes of tries
    as_score = None if g["runit"] or g["rs"] or g["rscale2"] else record(c, a, b) or score(c, a, b)
    if as_score:
        return as_score + (g["rinch"] if g["rinch"] and in_quotation(c) else "")  # '"went 11-2"': its quote
    hours = a == b and int(a) <= 12 and _HOURS_BEFORE.search(c.before())  # "M-Th 9-9": nine to nine
    spoken = f"{c.num(a)} to {c.num(b)}" if a != b or hours else f"{c.num(a)} {c.num(b)}"  # "a 50-50 chance"
    if g["rscale2"]:
        return f"{spoken} {SCALES[g['rscale2']]}"  # "60-70M people": sixty to seventy million
    if g["rs"]:
        one, many, _, _ = CURRENCIES[g["rs"]]
        if g["rscale"]:  # "$2.5-3M": two point five to three million dollars
            return f"{spoken} {SCALES[g['rscale'].strip()]} {many}"  # "$1.2–1.5 billion" too
        return f"{spoken} {one_or_many(b, one, many)}"
    if g["rinch"]:  # '1-3" of rain': inches, where no quotation is open
        if in_quotation(c):
            return f"{spoken}{g['rinch']}"
        after = c.word_after()
        return f"{spoken} {'inch' if after[:1].isupper() or counted(after) else 'inches'}"  # '43-85" TVs'
    if g["rtl"]:  # "3-5C": a range of temperatures where the words around say so, else the letter stays
        if c.word_before() in _TEMP_BEFORE or weather_around(c) or c.word_after().lower() in _TEMP_AFTER - {""}:
            one, many = UNITS["°C" if g["rtl"] == "C" else "°F"]
            return f"{spoken} {one_or_many(b, one, many)}"
        return f"{spoken} {g['rtl']}"
    unit = g["runit"]
    if unit == "%":
        return f"{spoken} percent"
    if unit:
        after = c.word_after()
        clear = unit in _SPACED_WHEN_CLEAR and (after.islower() or not after) and after in _CLEAR_AFTER
        clear = clear or (unit == "in" and c.text.endswith("."))  # "totals of 20–30 in. are possible": inches
        if g["rsp"] and unit in ATTACHED_ONLY_UNITS and not clear:  # "rest 90-120 s between sets": seconds
            # "6-4, 7-6, 6-2 in the final": the last of a run of scores, then the word "in"
            return f"{score(c, a, b) or spoken}{g['rsp']}{unit}"
        one, many = UNITS[unit]
        of = of_what_follows(c) if unit in _SPOON_UNITS else ""  # "2-3 tbsp. oil": tablespoons of oil
        if not of and describes(c, one):  # "a 2-3 hr hike": a two to three hour hike; "5-10 min slots"
            return f"{spoken} {c.unit(one)}"
        return f"{spoken} {c.unit(one_or_many(b, one, many))}{of}"
    return spoken


def _life_around(c: Ctx) -> bool:
    """A span in brackets just after a name: a life's or a reign's years ("Bede (673–735)", "(r. 871–899)")."""
    return (
        c.m.string.startswith(")", c.m.end())
        and re.search(r"[A-Z][A-Za-z.]*\s\((?:r\.\s|c\.\s?)?$", c.before()) is not None
    )


# a count before a measure and the plural noun it describes ("two 3 kW heaters", "both 5 kg bags")
_COUNT_BEFORE = re.compile(r"\b(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven"
                           r"|[Tt]welve|[Ss]everal|[Bb]oth|[Ff]ew)\s$")  # fmt: skip


def _each_of_a_count(c: Ctx) -> bool:
    """A count before the measure and a plural after it: "two 3 kW heaters", each heater three kilowatts."""
    return bool(_COUNT_BEFORE.search(c.before())) and c.word_after().endswith("s")


# What a measure sizes when a plural of it follows with no article or count ("500g tubs", "10 kg plates"): the
# measure is each one's; before anything else it is how much ("400g tomatoes": four hundred grams of them)
_SIZED_PLURALS = {"caps", "tabs", "capsules", "softgels", "sachets", "vials", "ampoules", "lozenges", "patches",
                  "pessaries", "suppositories", "injections", "tubs", "bags", "jars", "bottles", "cans", "packs",
                  "packets", "boxes", "cartons", "tins", "blocks",
                  "bars", "sacks", "pouches", "tubes", "buckets", "drums", "kegs", "barrels", "tanks", "cylinders",
                  "bales", "loaves", "portions", "servings", "weights", "dumbbells", "kettlebells", "plates",
                  "bulbs", "cables", "sprints", "races", "heaters", "panels", "fans", "motors", "speakers",
                  "screens", "monitors", "displays", "pipes", "boards", "planks", "poles", "rolls",
                  "containers", "cups", "mugs", "glasses", "pots", "pans", "trays", "bins", "crates", "tablets",
                  "pills", "pods", "doses", "syringes", "steaks",
                  "fillets", "breasts", "burgers", "patties", "chops", "sausages"}  # fmt: skip


def _sized(word: str) -> bool:
    """What a measure sizes, one or many ("tin", "tins", "box", "boxes")."""
    return word in _SIZED_PLURALS or f"{word}s" in _SIZED_PLURALS or f"{word}es" in _SIZED_PLURALS


_SECOND_MEASURE = re.compile(r"\s+[0-9][0-9.,]{0,8}\s?[A-Za-z]{1,4}\s+([a-z]+)")
# "a 5V 2A charger", "a 4 ft. x 8 ft. sheet", "a 2 x 4 m tarp": an article, then a measure or a size's first sides
_ARTICLE_AND_MEASURE_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s(?:[0-9][0-9.,]{0,8}\s?[A-Za-z]{1,4}\s"
    r"|(?:[0-9][0-9.,]{0,8}(?:\s?[A-Za-z]{1,4}\.?)?\s[x×]\s){1,2}"
    r"|[0-9][0-9.,]{0,8}[½¼¾⅓⅔⅛⅜⅝⅞]?\s?(?:[-–]\s?|to\s))$"  # "a 2-3 hr hike", "a 1½-2 hr hike": a range's end
)


# Units of length: before a plural noun a length sizes each thing ("2 cm slices", "3 in. screws", "6 ft poles"),
# where a weight or a volume is how much of them ("3 lb potatoes")
_LENGTHS = {"millimeter", "centimeter", "meter", "kilometer", "inch", "foot", "yard", "mile", "metre", "kilometre",
            "millimetre", "centimetre"}  # fmt: skip


_SPEEDS = {"mile per hour", "kilometer per hour", "kilometre per hour", "knot", "meter per second",
           "metre per second"}  # fmt: skip
# plurals a speed before them describes
_MOVED_AT = {"winds", "gusts", "breezes", "crosswinds", "headwinds", "tailwinds", "squalls", "currents", "speeds",
             "zones", "limits", "roads", "pitches", "serves", "fastballs"}  # fmt: skip


def _word_after_next(c: Ctx) -> str:
    """The word after the word after the match ("1/8 inch slices": slices)."""
    m = re.match(r"[\s-]*[A-Za-z]+\.?[\s-]+([A-Za-z]+)", c.m.string[c.m.end() : c.m.end() + LOOK])
    return m.group(1) if m else ""


# a measure's "per" unit and the word after it ("mg/dL rise": rise)
_PER_UNIT_AFTER = re.compile(r"/[A-Za-zµμ²³]{1,4}[ \t]+([A-Za-z]+)")

_DIMENSIONS = {"long", "high", "wide", "deep", "tall", "thick"}
# a name after a measure ("Samsung drive", "V8"), not the pronoun I nor a name's initial ("by a 5 m A. Smith")
_NAME_AFTER = re.compile(r"[ \t]+(?!I\b|[A-Z]\.)[A-Z][A-Za-z0-9]*\b")
# what a time before it measures ("10 min walk", "2 hr sessions"; not "10 min later") and the portions a weight sizes
_TIMES = {"second", "minute", "hour", "day", "week", "month", "year"}
_TIMED = {"walk", "drive", "ride", "commute", "break", "wait", "delay", "read", "session", "class", "lesson", "meeting",
          "call", "slot", "window", "trip", "flight", "journey", "workout", "run", "nap", "interval", "rest", "hike",
          "appointment", "shift", "course", "trial", "notice", "period", "stay", "visit", "tour", "video", "podcast",
          "episode", "show", "presentation", "talk", "countdown", "timer", "timeout", "limit", "deadline", "warranty",
          "guarantee", "contract", "lease", "plan", "subscription", "program", "programme", "cycle", "soak", "boil",
          "bake", "layover", "stopover", "sprint", "block", "shower", "lunch", "lecture", "seminar",
          "webinar", "workshop", "tutorial", "exam", "test", "quiz", "fast", "detox", "challenge", "parking",
          "garage", "pharmacy", "service", "support", "helpline", "access", "delivery", "gym", "cover", "opening",
          "store", "shop", "diner", "clinic"}  # fmt: skip
_WEIGHTS = {"gram", "kilogram", "milligram", "ounce", "pound", "milliliter", "millilitre", "liter", "litre"}
_PORTIONS = {"serving", "portion", "scoop", "bar", "pack", "bag", "tub", "jar", "can", "tin", "bottle", "sachet",
             "pouch", "packet", "block", "loaf", "slice", "piece", "carton", "cup", "glass", "dose", "tablet",
             "capsule"}  # fmt: skip
# what a power before it describes with no article ("45W charging", "65W fast charging")
_POWERED = {"charging", "fast", "wireless", "reverse", "heating", "cooling", "lighting"}


# what a distance names before it: a race, an event, a best time over it
_RACED = {"relay", "race", "final", "heat", "freestyle", "butterfly", "backstroke", "breaststroke", "medley",
          "hurdles", "sprint", "dash", "swim", "record", "pb", "PB", "title", "event", "champion", "gold"}  # fmt: skip


def describes(c: Ctx, unit: str | None = None) -> bool:
    """Whether a measure is an adjective of the noun after it, said in the singular: after an article ("a 2.5 kg
    lamp", "a 99c coke"), between a count and a plural ("two 3 kW heaters"), before the plural of a thing
    a measure sizes ("500g tubs"), or a length (``unit``, the singular name) before a plural ("2 cm slices")."""
    after, before = c.word_after(), c.before()
    if rate := _PER_UNIT_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK):
        after = rate.group(1)  # "a 5 mg/mL solution", "a 2 mg/kg dose": the rate describes what follows it
    if unit in _LENGTHS and counted(after) and after not in NOT_A_NOUN:
        return True
    if unit in _LENGTHS and after in _RACED:  # "the 4x100 m relay", "a 400m PB": a race's distance
        return True
    if unit in _SPEEDS and after in _MOVED_AT:  # "60 mph winds", "15 kn gusts": sixty mile per hour winds
        return True
    if unit in ("watt", "kilowatt") and after in _POWERED:  # "45W charging": forty five watt charging
        return True
    if unit == "touchdown" and after in ("passes", "runs", "catches", "receptions", "throws", "drives"):
        return True  # "threw 3 TD passes": three touchdown passes
    if (unit in _TIMES and (after in _TIMED or after[:-1] in _TIMED)) or (unit in _WEIGHTS and after in _PORTIONS):
        return True  # "a 10 min walk", "5-10 min slots", "per 30g serving": what it lasts or weighs, singular
    if after in _DIMENSIONS and ARTICLE_BEFORE.search(before):  # "a 10 m tall tower": a ten meter tall tower
        noun = _word_after_next(c)
        return noun.islower() and noun not in NOT_A_NOUN
    rest = c.m.string[c.m.end() : c.m.end() + LOOK]
    if not after and (second := _SECOND_MEASURE.match(rest)):
        after = second.group(1)  # "a 5V 2A charger": both measures describe the charger
    acronym = 2 <= len(after) <= 5 and after.isalpha() and after.isupper()  # "a 2TB SSD", "a 65 W USB charger"
    if ARTICLE_BEFORE.search(before) and _NAME_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK):
        return True  # "a 2TB Samsung drive", "a 5.0L V8", "a 5 km Fun Run": what it measures, named
    if not (after.islower() or acronym) or after in NOT_A_NOUN:
        return False
    # (or a possessive: "join our 5km run")
    article = (
        ARTICLE_BEFORE.search(before) or DETERMINER_BEFORE.search(before) or _ARTICLE_AND_MEASURE_BEFORE.search(before)
    )
    one_of = re.search(r"\b[1-9][0-9]?\s?[x×]\s?$", before) is not None and _sized(after)  # "1 x 400g tin"
    return bool(article) or one_of or (not acronym and (_each_of_a_count(c) or after in _SIZED_PLURALS))


_TENS_OF = {"10": "tens", "100": "hundreds", "1000": "thousands", "1,000": "thousands", "1000000": "millions"}


# Words before "3080s" that make it the plural of a model ("the 3080s", "two 747s"), not seconds
_MODELS_BEFORE = {"the", "these", "those", "two", "three", "four", "five", "six", "both", "our", "their", "my",
                  "your", "all", "some", "many", "new", "old", "used", "older", "newer", "its", "his", "her",
                  "several", "boeing", "airbus"}  # fmt: skip


# a number glued to the letters of a name before it ("K8s", "B2B", "MP3s"; not "4x100m", where x is times)
_GLUED_TO_LETTERS = re.compile(r"[A-Za-wyz]$")


def after_a_place(c: Ctx) -> bool:
    """Whether the word before names a place that numbers ("Room 12B", "seat 14C", "Unit 5/12", "Exit 42B")."""
    return c.word_before().lower() in PLACE_BEFORE


# after "3-pt." or "2 pt": what makes it a basketball's point, not a pint
_POINT_AFTER = {"line", "shot", "shots", "attempt", "attempts", "play", "plays", "lead", "game", "margin", "swing",
                "conversion", "basket", "baskets", "shooter", "shooting", "range", "deficit", "favorite", "favourite",
                "underdog", "win", "loss", "victory", "spread", "passing", "rushing", "receiving", "scoring",
                "touchdown", "touchdowns", "league", "leagues", "behind", "ahead", "clear", "adrift",
                "bonus"}  # fmt: skip


# "A" is amps only where what it rates is named ("a 13 A fuse", "a 10A charger") or volts stand before it ("5V
# 2A"); elsewhere it is a label's letter ("Flat 13A", "seat 14A", "2 A levels")
_AMPS_AFTER = {"fuse", "fuses", "charger", "chargers", "circuit", "circuits", "breaker", "breakers", "plug", "plugs",
               "socket", "sockets", "supply", "cable", "cables", "outlet", "outlets", "max", "maximum", "current",
               "load", "rating", "output", "input", "adapter", "adaptor", "draw", "continuous", "peak"}  # fmt: skip
_VOLTS_BEFORE = re.compile(r"[0-9]\s?V[\s/,]+$")


def _amps(c: Ctx) -> bool:
    after = c.m.string[c.m.end() : c.m.end() + LOOK]
    return (c.word_after().lower() in _AMPS_AFTER or bool(_VOLTS_BEFORE.search(c.before()))
            or re.match(r"\s(?:AC|DC)\b", after) is not None
            or bool(_CURRENT_BEFORE.search(c.before())))  # fmt: skip


# what a current follows: "Max current 2.5 A", "charging at 3 A", "a 32A MCB" is the amps-after list's
_CURRENT_BEFORE = re.compile(r"\b(?:current|charging\sat|charges\sat|draws|rated\sat|amperage)\s?:?\s$", re.IGNORECASE)


# "bp": basis points, except beside the words of DNA ("a 500 bp fragment": base pairs) where no word of rates comes
# just before it ("the Fed cut by 25 bp")
_GENETIC = re.compile(
    r"\b(?:DNA|RNA|genes?|genomes?|fragments?|sequenc\w*|PCR|plasmids?|primers?|amplicons?"
    r"|reads|chromosomes?|insert|ladder|exons?|introns?|promoter)\b"
)
_FINANCE_BEFORE = re.compile(
    r"\b(?:rates?|cut|cuts|hike[sd]?|raised?|lowered|yields?|spreads?|widened|tightened|bonds?|Fed)\W+(?:\w+\W+)?$"
)


def _unit(c: Ctx) -> str | None:
    g = c.g
    unit, number = g["unit"], g["un"]
    if unit == "A" and not _amps(c):
        return None
    dotted = c.text.endswith(".") or c.m.string.startswith(".", c.m.end())
    if unit == "t" and dotted and _recipe_teaspoon(c):
        return None  # "1 t. salt": a teaspoon ("spoon_letter" reads it), no tonne
    if unit == "pt" and c.word_after().lower() in _POINT_AFTER:
        return f"{c.num(number)} point{c.stop()}"  # "the 3-pt. line": three point
    if re.fullmatch(r"[-−]?[0-9]{1,3},[0-9]{1,2}", number):
        number = number.replace(",", ".")  # "1,5 kg": a decimal comma (a thousands comma has three digits after it)
    if g["usp"] == "-":  # "a 10-ft pole", "the 2.5-kg bag": a measure as an adjective, singular
        rest = c.m.string[c.m.end() : c.m.end() + 2]
        if rest[:1] == "-" and (unit == "in" or rest[1:].isdigit()):
            return None  # "a 2-in-1 laptop" ("a 100-yr-old bridge" is a measure)
        return f"{c.num(number)} {c.unit(UNITS[unit][0])}"
    if not _letter_is_a_unit(c, unit, number):
        return None
    if unit == "s" and not g["usp"]:
        plural = _plural_of_number(c, number)
        if plural is not None:
            return plural
    if unit == "m":
        other = _minutes_or_millions(c, number)
        if other is not None:
            return other
    one, many = UNITS[unit]
    if unit in ("pk", "dr") and ARTICLE_BEFORE.search(c.before()):
        many = one  # "a 6pk of cola", "a 5dr hatch": a six pack, a five door
    if unit in ("g", "G") and _G_FORCE_BEFORE.search(c.before()):
        one, many = "G", "G's"  # "pulled 9g", "withstand 5 G": a force as a multiple of gravity
    if unit == "nm" and _AT_SEA_OR_IN_THE_AIR.search(_clause_around(c)):
        one, many = UNITS["nmi"]  # "3 nm off the coast", "a 7,000 nm range": nautical miles
    if (
        unit == "bp"
        and not _FINANCE_BEFORE.search(c.before())
        and _GENETIC.search(c.before() + c.m.string[c.m.end() : c.m.end() + LOOK])
    ):
        one, many = "base pair", "base pairs"  # "a 500 bp fragment": the length of a piece of DNA
    if unit in _SPOON_UNITS:
        of = "" if ARTICLE_BEFORE.search(c.before()) else of_what_follows(c)
    else:
        of = of_what_is_held(c, one)
    return _measure(c, number, one, many) + of + (c.stop() if unit.endswith(".") else "")


# what a pilot or a body does under a force that makes "9g" nine G's, not grams
_G_FORCE_BEFORE = re.compile(
    r"\b(?:pull|pulls|pulled|pulling|withstand|withstands|withstood|sustain|sustains|sustained|endure|endured|"
    r"experience|experienced|feel|felt|peaked\sat|rated\sto)\s"
    r"(?:about\s|nearly\s|over\s|around\s)?$",
    re.IGNORECASE,
)

# words around "nm" that make it nautical miles, not nanometres
_AT_SEA_OR_IN_THE_AIR = re.compile(
    r"\b(?:coast|offshore|off|sail(?:ed|ing)?|knots?|kts|ship|vessel|boat|yacht|ferry|sea|harbou?r|port|"
    r"flights?|flew|fly|aircraft|plane|jet|range|nautical|runway|airport|radius)\b",
    re.IGNORECASE,
)


def _clause_around(c: Ctx) -> str:
    """The match's clause, as far as the context reaches: from the last stop or semicolon to the next."""
    after = c.m.string[c.m.end() : c.m.end() + LOOK]
    return c.clause_before() + re.split(r"[;.!?](?:\s|$)", after)[0]


_WEIGHED_BEFORE = {"weighs", "weighed", "weigh", "weighing", "lost", "lose", "losing", "gained", "gain", "gaining",
                   "put", "dropped", "shed"}  # fmt: skip


_DIRECTION = re.compile(rf"(?={DIRECTION_AFTER})")


# the words of power a few words before a spaced "W" or "V" ("rated at 65 W.", "Power: 450 W."; not "220 W. Main")
_POWER_BEFORE = re.compile(
    r"\b(?:[Pp]ower|[Rr]ated|[Oo]utput|[Ii]nput|[Cc]harg\w*|TDP|TGP|PSU|[Dd]raws?|[Cc]onsum\w*|[Ww]attage|[Ss]upply"
    r"|[Aa]dapter|[Mm]otor|[Ss]peakers?|[Aa]mplifier|[Ss]olar|[Pp]anels?|[Ii]nverter|[Hh]eater|[Bb]ulbs?|[Vv]oltage"
    r"|[Bb]attery|[Ll]amp)\b\W*(?:\w+\W+){0,2}$"
)


# how and how often a dose is given, after its weight ("2 g IV q8h", "1 g QDS PRN")
_DOSE_ROUTES = {"IV", "IM", "PO", "SC", "SL", "PR", "NG", "OD", "BD", "BID", "TID", "TDS", "QDS", "QID", "QD", "PRN",
                "STAT", "IVI", "IO"}  # fmt: skip


def _letter_is_a_unit(c: Ctx, unit: str, number: str) -> bool:
    """Whether a unit that is also a letter or a word ("s", "m", "in", "W"...) is one after this number."""
    if unit in ATTACHED_ONLY_UNITS and re.match(r"-[A-Za-z]", c.m.string[c.m.end() : c.m.end() + 2]):
        return False  # "2 t-shirts", "3 s-bends": a letter of a word, no unit
    if unit in ATTACHED_ONLY_UNITS and not c.g["usp"] and _GLUED_TO_LETTERS.search(c.before()):
        return False  # "K8s", "MP3s": a name's digit, no seconds
    if not (c.g["usp"] and unit in ATTACHED_ONLY_UNITS) or unit == "A":  # (amps: _amps has decided)
        return True
    after = c.word_after()
    clear = unit in _SPACED_WHEN_CLEAR and (after.islower() or not after)
    clear = clear and (after.lower() in _CLEAR_AFTER or unit == "g")  # "200 g flour"; "2 m away", not "2 m is"
    clear = clear or ("." in number and unit in ("s", "h"))  # "in 3.2 s with": seconds, whatever follows
    clear = clear or (unit in ("V", "W") and after in ("AC", "DC"))  # "240 V AC": volts
    clear = clear or (unit in ("g", "mg", "mcg") and after in _DOSE_ROUTES)  # "Cefazolin 2 g IV": grams
    # "a 1.8 m rug", "two 2 m cables", "three 100 W bulbs": what a measure describes (not "a 1 in 3 chance")
    one_thing = describes(c) and (not counted(after) or _each_of_a_count(c) or after in _SIZED_PLURALS)
    clear = clear or (unit in _SPACED_WHEN_CLEAR and one_thing)
    # "5 ft 4 in", "12 x 9 x 4 in.": inches after feet, or as the last side of a size
    inches = unit == "in" and re.search(r"[0-9]\s?(?:ft|feet|foot|'|(?:in\.?\s)?[x×])\s?$", c.before()) is not None
    # "25.4 mm (1 in)": a measure's other unit in brackets
    inches = inches or (unit == "in" and c.m.string[c.m.end() : c.m.end() + 1] == ")" and "(" in c.before()[-12:])
    inches = inches or (unit == "in" and after in _DIMENSIONS)  # "a 12 in deep shelf", "it is 30 in wide"
    # "3 bd/2 ba", "4 bd, 3 ba": a listing's bedrooms and bathrooms, each beside the other
    rest = c.m.string[c.m.end() : c.m.end() + 10]
    rooms = unit == "bd" and re.match(r"\s?[/,|]\s?[0-9]{1,2}(?:\.5)?\s?ba\b", rest) is not None
    rooms = rooms or (unit in ("ba", "BA") and re.search(r"[0-9]\s?(?:bd|br)\s?[/,|]\s?$", c.before()) is not None)
    clear = clear or rooms
    # "2 m x 3 m", "4 in x 6 in": a size's side
    side = unit in ("m", "in") and re.match(r"\s?[x×]\s?[0-9]", c.m.string[c.m.end() : c.m.end() + 4]) is not None
    # "200 m S of the bridge": metres, a direction after them
    pointed = unit == "m" and _DIRECTION.match(c.m.string, c.m.end()) is not None
    # "13 st 4 lb", "she lost 2 st": stone, before pounds or after what weighs
    stone = unit == "st" and (
        re.match(r"\s?[0-9]{1,2}\s?(?:lbs?|pounds?)\b", c.m.string[c.m.end() : c.m.end() + 12]) is not None
        or c.word_before() in _WEIGHED_BEFORE
    )
    west = unit == "W" and re.match(r"\s[0-9]{1,3}(?:st|nd|rd|th)\b", c.m.string[c.m.end() : c.m.end() + 8])
    # "42 W. Oak Ave.": a compass point or an initial before a name, not watts or volts
    west = west or (unit in ("W", "V") and re.match(r"\.\s+[A-Z0-9]", c.m.string[c.m.end() : c.m.end() + 4]))
    # "rated at 65 W. It", "Power: 450 W.", "100 W max": watts and volts where power is the subject
    powered = unit in ("W", "V") and (after.lower() in _AMPS_AFTER or bool(_POWER_BEFORE.search(c.before())))
    if powered:
        return True
    # else the number alone; the letter stays for the rules after ("42 W. Oak Ave.", "2 in 3", "400 W. 5th St.")
    return bool(clear or inches or side or pointed or stone or c.g["udot"]) and not west


# what follows "under 12s" or "over 18s" where they are ages ("(under 12s)", "over 18s only"; "ran under 10s" is time)
_AGE_GROUP_AFTER = re.compile(
    r"\s(?:only|and|team|teams|football|rugby|hockey|netball|cricket|league|squad|side|menu|welcome|go|free|club"
    r"|section|match|matches|cup|eat|stay|must|need|can|walking|group|groups|event|events|night|nights|discount"
    r"|discounts|swim|social)\b",
    re.IGNORECASE,
)
# "9s and 8s", "4s or 5s": numbers made plural side by side (grades, scores), not seconds
_PLURALS_SIDE_BY_SIDE_AFTER = re.compile(r",?\s(?:and|or|&)\s[0-9]{1,3}s\b")
_PLURALS_SIDE_BY_SIDE_BEFORE = re.compile(r"(?<!between )\b[0-9]{1,3}s,?\s(?:and|or|&)\s$")


def _plural_of_number(c: Ctx, number: str) -> str | None:
    """An "s" attached to a number that makes it plural rather than seconds: "100s of fans" (hundreds of), "the
    low 200s" (a range of values), "the 3080s", "two 747s" (model numbers)."""
    if number in _TENS_OF and c.word_after() == "of":
        return _TENS_OF[number]
    if number in ("1000", "1,000"):
        return "thousands"  # "the 1000s", "1000s turned out" (a thousand seconds is written otherwise)
    if number == "180":
        return "one eighties"  # "hit 14 180s", "Most 180s:": darts' maximums (three minutes is written so)
    if re.search(r"(?<![0-9A-Za-z])[A-Za-z]+-$", c.before()) and number.isdigit():
        return plural_words(c.num(number))  # "omega-3s", "F-35s", "B-52s": threes, thirty fives
    if re.fullmatch(r"[1-9]|10", number) and c.word_before() in _COUNTS_OF_DIGITS:
        return plural_words(c.num(number))  # "two 9s", "rolled three 6s": two nines, three sixes
    if re.fullmatch(r"[1-9][0-9]?", number) and (
        (_PLURALS_SIDE_BY_SIDE_AFTER.match(c.m.string, c.m.end()) and not c.before().endswith("between "))
        or _PLURALS_SIDE_BY_SIDE_BEFORE.search(c.before())
    ):
        return plural_words(c.num(number))  # "got 9s and 8s": nines and eights
    if (
        re.fullmatch(r"[5-9]|1[0-9]|2[01]|[3-8][05]", number)
        and (under := re.search(r"(?:\(|\b)(?:[Uu]nder|[Oo]ver)[\s-]$", c.before()))
        and (
            _AGE_GROUP_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK)
            or (under.group().startswith("(") and c.m.string.startswith(")", c.m.end()))  # "(under 12s)"
        )
    ):
        return plural_words(c.num(number))  # "menu (under 12s)", "over 18s only": ages, not seconds
    if number in ("3", "4", "6", "50", "100") and re.search(r"(?<![0-9.,:])[0-9]{1,2}\s$", c.before()):
        # "hit 6 4s and 3 6s", "3 100s and 2 50s", "made 11 3s": a player's count of them (fours, sixes, threes)
        return plural_words(c.num(number).removeprefix("one "))
    if re.fullmatch(r"[1-9][0-9]{2}", number) and re.search(
        r"\b(?:(?:in|into|to|from)\sthe|low|mid|high|upper|lower)\s$", c.before()
    ):
        return plural_words(c.num(number))
    if (
        re.fullmatch(r"[1-9][0-9]{2,3}", number)
        and not number.endswith("00")
        and (re.search(r"\b[A-Z]{2,5}\s$", c.before()) or c.word_before() in _MODELS_BEFORE)
    ):
        # "two RTX 4090s": forty nineties; "the 707s": seven oh sevens
        tail = f"oh {c.num(number[2])}" if number[1] == "0" else c.num(number[1:])
        return plural_words(c.year(int(number)) if len(number) == 4 else f"{c.num(number[0])} {tail}")
    return None


# counts before "9s" that make it the digit's plural (grades, dice, cards), not seconds
_COUNTS_OF_DIGITS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both", "several",
                     "many", "some", "all", "no", "few", "double", "triple", "straight"}  # fmt: skip


def _minutes_or_millions(c: Ctx, number: str) -> str | None:
    """An "m" that is neither metres nor a spaced letter: minutes after hours or before seconds ("2h 15m",
    "1m 23.4s"), millions before a
    counted noun ("2m people", "1.2m units"; "a 2m wall" is metres)."""
    seconds_after = re.match(r"\s?[0-9]{1,2}(?:\.[0-9]+)?\s?(?:s|sec|secs)\b", c.m.string[c.m.end() : c.m.end() + 16])
    if re.search(r"[0-9]\s?(?:h|hr|hrs)\s$", c.before()) or (seconds_after and "." not in number):
        # "2h 15m", "1m 23.456s", "5m 30s ago": minutes between hours and seconds
        return f"{c.num(number)} {one_or_many(number, 'minute', 'minutes')}"
    if not c.g["usp"] and counted(c.word_after()) and c.word_after() not in _EVENTS_IN_METRES:
        return f"{c.num(number)} million"
    if not c.g["usp"] and _COUNTED_BEFORE.search(c.before()) and c.word_after() not in _LENGTH_AFTER:
        return f"{c.num(number)} million"  # "Population 67.3m", "3.2m viewers" is above; "sales of 1.5m"
    if not c.g["usp"] and (_SPENT_BEFORE.search(c.before()) or c.word_after().lower() in _MONEY_AFTER):
        return f"{c.num(number)} million"  # "spent 3m on ads", "raised 1.2m", "2m yen"
    return None


# money's verbs just before "3m" ("spent 3m on ads", "a budget of 2.5m") and money's names after it ("2m yen")
_SPENT_BEFORE = re.compile(
    r"\b(?:spent|spends|spending|raised|raises|raising|invested|invests|paid|pays|earned|earns|costs?|costing|budget"
    r"|worth|donated|pledged|owed|owes|fined|funding|revenue|turnover|profits?|losses|lost|saved|valued at)"
    r"\s(?:(?:of|at|about|around|over|nearly|almost|some|just|a|an|another|only)\s){0,2}$"
)
_MONEY_AFTER = {many.split()[-1] for _one, many, _sub_one, _sub_many in CURRENCIES.values()}  # yen, euros, kronor


# What follows a length and never a count ("the visitors were 2m tall", "users are 3m away")
_LENGTH_AFTER = {"tall", "long", "high", "wide", "deep", "away", "thick", "across", "apart", "above", "below", "from"}
# Words just before "67.3m" that make it a count, in millions ("Population 67.3m", "sold 1.5m", "viewers: 3m")
# ... and with a verb of how many between: "waiting lists hit 7.6m", "cases rose to 1.2m", "the population is 8.3m"
_COUNTED_BEFORE = re.compile(
    r"\b(?:[Pp]opulation|[Pp]op\.|[Vv]iewers|[Vv]isitors|[Uu]sers|[Ss]ubscribers|[Ss]ales|[Ss]old|[Vv]otes|[Rr]esidents"
    r"|[Cc]ustomers|[Dd]ownloads|[Vv]iews|[Ff]ollowers|[Pp]assengers|[Ll]ists?|[Mm]embers|[Pp]atients|[Cc]ases"
    r"|[Dd]eaths|[Jj]obs|[Hh]ouseholds|[Hh]omes|[Ss]treams|[Ss]tudents|[Ww]orkers|[Ee]mployees|[Aa]pplications"
    r"|[Cc]laims|[Ss]ignatures|[Tt]ickets|[Cc]opies|[Ll]isteners|[Rr]eaders|[Aa]udience)\W{0,3}"
    r"(?:(?:is|was|are|were|hit|hits|reached|reach|topped|tops|passed|totalled|totaled|numbered|rose to|fell to|grew to"
    r"|dropped to|climbed to|stood at|stand at|now)\s)?(?:of\s|at\s|about\s|around\s|over\s|nearly\s|almost\s)?$"
)


# plurals after "400m" that name a race in metres, not what a million counts ("the 400m hurdles", "100m heats")
_EVENTS_IN_METRES = {"hurdles", "heats", "finals", "semis", "semifinals", "splits", "races", "sprints", "repeats",
                     "intervals", "reps", "laps", "lengths", "relays", "runs", "swims"}  # fmt: skip


_TEMP_BEFORE = {"was", "is", "be", "been", "hit", "hits", "hitting", "reach", "reached", "reaches", "to", "of", "at",
                "around", "about", "above", "below", "over", "under", "between", "and", "from", "near", "nearly",
                "almost", "high", "highs", "low", "lows", "temperature", "temperatures", "temp", "temps", "heat",
                "preheat", "oven", "minus", "topped", "tops", "peaked", "peak", "rose", "fell", "dropped", "climbed",
                "soared", "plunged", "average", "averaged", "only", "just", "roughly", "approximately", "max",
                "min", "maximum", "minimum", "a", "in", "feels", "like", "warm", "hot", "cold", "freezing", "or",
                "up", "down", "by", "fever", "water", "air", "stays", "stayed", "remain", "remained"}  # fmt: skip
_TEMP_AFTER = {"outside", "inside", "today", "tonight", "tomorrow", "overnight", "yesterday", "heat", "weather",
               "water", "day", "days", "degrees", "temperatures", "in", "at", "by", "and", "or", "with", "during",
               "this", "on", "for", "the", "but", "while", "as", "to", "when", "until", "all", "again", "last",
               "next", "every", "each", "", "oven", "fan", "cooler", "warmer", "colder", "hotter"}  # fmt: skip
# Words around a lower-case "25c" that make it a temperature (:func:`weather_around`)
_WEATHER_AFTER = {"outside", "today", "tonight", "tomorrow", "overnight", "yesterday", "inside", "weather", "heat",
                  "degrees"}  # fmt: skip
_WEATHER_WORDS_BEFORE = re.compile(
    r"\b(?:highs?|lows?|temps?|temperatures?|feels like)\b(?:\s+[a-z]+){0,2}\s$", re.IGNORECASE
)


def weather_around(c: Ctx) -> bool:
    """Whether the words around a lower-case "25c" say weather ("25c outside", "highs of 31c"): then it is
    degrees Celsius, else cents."""
    return c.word_after().lower() in _WEATHER_AFTER or _WEATHER_WORDS_BEFORE.search(c.before()) is not None


# Words earlier in the sentence that make "180 C" (spaced) a temperature
_COOKING_BEFORE = re.compile(
    r"\b(?:bake|baking|roast|roasting|oven|preheat|heat|heated|temperature|temp|degrees|grill|fry|simmer)\b[^.;!?]*$",
    re.IGNORECASE,
)


# a seat in the sentence before "14C" ("Seat 14A is a window; 14C, an aisle"): a place's or a seat's letter
_SEAT_BEFORE = re.compile(r"\b(?:[Ss]eats?|[Rr]ows?|[Gg]ates?)\s[0-9]{1,3}[A-K]\b|\b[0-9]{1,3}[ABDEGHJK]\b")


def _temperature_letter(c: Ctx) -> str | None:
    """'25C', '-4F' as degrees where the word before is no seat, gate or room and the words around fit a
    temperature; else the number alone, the letter left to the voice ("seat 14C", "a 34C bra")."""
    before, after = c.word_before(), c.word_after().lower()
    if after_a_place(c) or re.search(r"[A-Z]\s?$", c.before()):
        return None
    sentence = c.sentence_before()
    if _SEAT_BEFORE.search(sentence) and not weather_around(c):
        return None  # "Seat 14A is a window; 14C, an aisle": another seat, after one
    rest = c.m.string[c.m.end() : c.m.end() + 2]
    if after and not re.match(r"\s[a-z]", rest) and rest[:1] != ",":
        return None
    if before not in _TEMP_BEFORE and after not in _TEMP_AFTER:
        return None
    if (c.g["tlu"] or "") == "c" and not weather_around(c):
        return None  # "99c" is cents; "25c outside", "highs of 25c" are degrees
    letter = c.g["tlu"] or c.g["tlu2"]
    if c.g["tlsp"] and not _COOKING_BEFORE.search(c.m.string[max(0, c.m.start() - 80) : c.m.start()]):
        return None  # "bake at 180 C": spaced, only where a sentence says cooking or heat
    unit = "°C" if letter in "Cc" else "°F"
    one, many = UNITS[unit]
    return f"{c.num(c.g['tl'])} {one_or_many(c.g['tl'], one, many)}"


def _measure(c: Ctx, number: str, one: str, many: str) -> str:
    """A number and its unit; singular as an adjective ("a 2.5 kg lamp", "a 12" pizza": a twelve inch
    pizza; "two 3 kW heaters": three kilowatt heaters)."""
    return f"{c.num(number)} {c.unit(one if describes(c, one) else one_or_many(number, one, many))}"


# Words before "1/4" that make it one of a series ("Step 1/4": step one of four), not a fraction
_OF_A_SERIES = {"step", "part", "page", "day", "episode", "ep", "ep.", "chapter", "round", "stage", "level", "lesson",
                "week", "question", "slide", "item", "phase", "track", "game", "video", "module", "session",
                "disc", "book", "volume", "vol.", "tip", "reason", "clip", "problem", "exercise"}  # fmt: skip


def _read_scientific(c: Ctx) -> str | None:
    """ "3e8": three times ten to the power of eight; "1.6E-19": ... of minus nineteen."""
    power = c.g["sce"].lstrip("+")
    sign = "minus " if power[0] in "-−" else ""
    spoken = f"{c.num(c.g['scm'] or c.g['scm2'])} times ten to the power of {sign}{c.num(power.lstrip('-−'))}"
    return f"{spoken} {c.unit(UNITS[c.g['scu']][1])}" if c.g["scu"] else spoken  # "3e8 m/s": meters per second


def _read_feet_inches(c: Ctx) -> str | None:
    g = c.g
    inches = g["fii"]
    if (float(inches) >= 12 or re.match(r"0[0-9]", inches)) and not c.text.rstrip(".").endswith("in"):
        # no height has twelve inches or writes them "05": "won by 6'17\"", "in 2'05\"": minutes and seconds
        mins, secs = g["fif"], inches.lstrip("0") or "0"
        said = f"{c.num(mins)} {one_or_many(mins, 'minute', 'minutes')}"
        return f"{said} {c.num(secs)} {one_or_many(secs, 'second', 'seconds')}"
    return f"{c.num(g['fif'])} foot {c.num(inches)}"


def _read_caliber(c: Ctx) -> str | None:
    """ "a .45 caliber", "a .308 cal round": a caliber in hundredths of an inch, said as a whole number."""
    number = code_number(c, c.g["cal"])  # ".308": three oh eight, ".45": forty five
    if c.text == "." + c.g["cal"]:
        return number  # "a .357 Magnum": the cartridge's name says the rest
    return f"{number} {(c.g['calw'] or 'caliber').strip(' -')}"


def _read_rating(c: Ctx) -> str | None:
    g = c.g
    return f"{c.num(g['rtn'])} out of {c.num(g['rtd'])}"


def _read_square_unit(c: Ctx) -> str | None:
    g = c.g
    return f"{g['squa']} {c.unit(UNITS['sq ' + g['squu']][0])}" + c.stop()  # "a sq. ft. Next": a stop


_PER_UNIT_WORDS = {"dL": "deciliter", "dl": "deciliter",
                   "L": "liter", "kg": "kilogram", "m²": "square meter", "cm³": "cubic centimeter",
                   "m³": "cubic meter", "s": "second", "h": "hour", "min": "minute", "mL": "milliliter",
                   "ml": "milliliter", "µL": "microliter", "μL": "microliter", "mmol": "millimole", "mol": "mole",
                   "kWh": "kilowatt hour", "m2": "square meter", "m3": "cubic meter", "mm²": "square millimeter",
                   "mm2": "square millimeter", "mm3": "cubic millimeter", "cc": "cubic centimeter", "g": "gram",
                   "hr": "hour", "day": "day", "d": "day"}  # fmt: skip
# a measure's unit before "/": after its number, or after another unit of the chain ("0.5 mL/kg/h")
_UNIT_OF_A_NUMBER_BEFORE = re.compile(r"(?:[0-9]\s?|/)(?P<u>[A-Za-zµμ²³]{1,5})$")


def _a_measure_before(c: Ctx) -> bool:
    unit = _UNIT_OF_A_NUMBER_BEFORE.search(c.before())
    return unit is not None and (unit.group("u") in UNITS or unit.group("u") in _PER_UNIT_WORDS)


def _read_per_unit(c: Ctx) -> str | None:
    g = c.g
    if g["pu2"]:
        if not _a_measure_before(c):
            return None  # "AC/DC", "km/s" alone: not a measure's rate
        return " per " + c.unit(_PER_UNIT_WORDS[g["pu2"]])
    unit = re.sub(r"^sq\.? ?", "sq ", g["pu"])  # "/sq. ft.", "/sqft", "/sq yd"
    return f" per {c.unit(UNITS[unit][0])}" + c.stop()


def _read_per_word_unit(c: Ctx) -> str | None:
    unit = re.sub(r"^sq\.? ?", "sq ", c.g["pwu"])  # "per sq. ft."
    return c.unit(UNITS[unit][0]) + (c.stop() if c.text.endswith(".") else "")


def _read_per(c: Ctx) -> str | None:
    g = c.g
    if g["per5"]:  # "250 kcal/serving", "$5/person": per serving, after a measure or an amount ("unit/item" is none)
        if not re.search(r"[0-9%](?:\s?[A-Za-zµμ]{1,5})?$", c.before()):
            return None
        return f" per {'square foot' if g['per5'].startswith('sq') else g['per5']}" + c.stop()
    if g["per7"]:
        return " each" + c.stop()
    if g["per6"]:  # "copies/mL": per milliliter
        return " per " + c.unit(_PER_UNIT_WORDS.get(g["per6"]) or UNITS[g["per6"]][0])
    if g["per4"]:  # "7:30/mile": a pace
        distance = {"mile": "mile", "mi": "mile", "km": "kilometer", "k": "kilometer", "lap": "lap"}[g["per4"]]
        return " per " + c.unit(distance) + c.stop()
    return {"yr": " a year", "year": " a year", "mo": " a month", "month": " a month", "qtr": " a quarter",
            "wk": " a week", "fortnight": " a fortnight", "week": " a week", "day": " a day", "hr": " an hour",
            "hour": " an hour", "night": " a night", "nt": " a night",
            "person": " per person", "head": " a head", "min": " per minute", "sec": " per second",
            "s": " per second", "p/h": " per hour",
            "p/w": " per week"}[g["per"] or g["per2"] or g["per3"]] + c.stop()  # fmt: skip


# who has won so many times ("a 2x Olympian", "the 4x champ"): two-time
_TITLE_HOLDERS = {"champion", "champions", "champ", "champs", "winner", "winners", "medalist", "medallist",
                  "medalists", "medallists", "finalist", "finalists", "olympian", "olympians", "all-star", "all-stars",
                  "mvp", "world", "national", "grammy", "emmy", "oscar", "tony", "pro"}  # fmt: skip
# what a multiple is of ("12x EBITDA"), and the words before one ("valued at 12x ARR"): times, not a count
_MULTIPLE_OF = {"EBITDA", "EBIT", "ARR", "MRR", "EPS", "GDP", "XP", "EXP", "DMG", "HP"}  # "2x XP": double
_MULTIPLE_BEFORE = re.compile(r"\b(?:at|of|to|about|around|nearly|over|is|was|be)\s$")


def _read_times(c: Ctx) -> str | None:
    g = c.g
    if g["tn"] and g["tn"].isdigit() and c.word_after().lower() in _TITLE_HOLDERS:
        return f"{c.num(g['tn'])}-time"  # "a 2x Olympian": a two-time Olympian
    if g["tn"] and (re.search(r"=\s?$", c.before()) or re.match(r"\s?[-+=]", c.m.string[c.m.end() : c.m.end() + 3])):
        return f"{c.num(g['tn'])} x"  # "y = 2x + 3": algebra, two x
    if (
        g["tn"]
        and g["tn"].isdigit()
        and _COUNTED_PORTS.match(c.m.string, c.m.end())
        and c.word_after() not in _MULTIPLE_OF
        and not _MULTIPLE_BEFORE.search(c.before())
    ):
        return c.num(g["tn"])  # "2x USB-C", "4x AA batteries", "2x Thunderbolt 4": how many, as spec sheets list
    if g["tx"] in ("86", "64") and not re.search(r"[0-9]\s?$", c.before()):
        return f"x {c.num(g['tx'])}"  # "x86", "x64": the processors' family, said by its letter
    if g["tx"] and _LANES_BEFORE.search(c.before()):
        return f"by {c.num(g['tx'])}"  # "a PCIe Gen5 x16 slot": by sixteen (lanes)
    return f"{c.num(g['tn'])} times" if g["tn"] else f"times {c.num(g['tx'])}"


# what a spec sheet counts with "2x": capitals ("USB-C", "AA") and the ports named in words
_COUNTED_PORTS = re.compile(r" (?:[A-Z]{2,}|(?:Thunderbolt|DisplayPort|Ethernet|Lightning|MagSafe|FireWire)\b)")
_LANES_BEFORE = re.compile(r"\b(?:PCIe|PCI-E|PCI Express|Gen\s?[1-6]|M\.2|NVMe|slot|lanes?)\s$", re.IGNORECASE)


_COMPARED = {"<": "is less than", ">": "is greater than", "≥": "is greater than or equal to",
             "≤": "is less than or equal to"}  # fmt: skip


def _read_approx_sign(c: Ctx) -> str | None:
    text = c.text
    before = c.before()
    if text in _COMPARED and re.search(r"(?:\b[0-9][0-9.,]*|\b[A-Za-z]|\))\s?$", before):
        # "7 > 3", "p < 0.05": two quantities compared ("is 7 > 3?": is seven greater than three)
        asked = re.search(r"\b(?:[Ii]s|[Aa]re|[Ww]as|[Ww]ere)\s+\S+\s?$", before)
        return _COMPARED[text].removeprefix("is ") if asked else _COMPARED[text]
    return {"~": "about", "≈": "about", "<": "less than", ">": "more than", "≥": "at least", "≤": "at most",
            "±": "plus or minus"}[text]  # fmt: skip


# after "a 2:1" where it is a British degree's class: its subject, its university, or the sentence's end
_DEGREE_CLASS_AFTER = re.compile(r"\s(?:in|from)\s[A-Z]|\sor\s(?:above|higher|better)\b|[.;]|$")


def _read_ratio(c: Ctx) -> str | None:
    g = c.g
    a, b = g["ra1"], g["ra2"]
    if "." in a or "," in a:
        return f"{c.num(a)} to {c.num(b)}"  # "a 2.5:1 ratio": two point five to one; "1,000,000:1"
    if (
        a == "2"
        and b in ("1", "2")
        and (
            c.word_after().lower() in ("honours", "honors", "degree", "hons", "degrees")
            or (re.search(r"\b[Aa]\s$", c.before()) and _DEGREE_CLASS_AFTER.match(c.m.string, c.m.end()))
        )
    ):
        return f"two {c.num(b)}"  # "a 2:1 honours degree", "a 2:1 in History": a two-one, as degrees are classed
    if int(a) >= 24 and len(b) == 2 and int(b) < 60 and not g["rak"] and not RATIO_BEFORE.search(c.before()):
        if b == "00":  # "closes at 24:00": twenty four hundred; "in 48:00": forty eight flat
            return f"{c.num(a)} {'hundred' if a == '24' else 'flat'}"
        return f"{c.num(a)} {minutes(c, int(b))}"  # "10k in 48:30", "a 50:50 split": said as a time is
    return f"{c.num(g['ra1'])} to {c.num(g['ra2'])}" + (" thousand" if g["rak"] else "")


def _read_catalogue(c: Ctx) -> str | None:
    g = c.g
    number = g["catn"] or g["catk"]
    if len(number) == 4:  # in pairs, as a clock's minutes: "1007" ten oh seven, "1048" ten forty eight
        low = int(number[2:])
        said = f"{c.num(number[:2])} {minutes(c, low) if low else 'hundred'}"
    else:
        said = code_number(c, number)
    return f"{g['cat'] or 'K'} {said}" + (f" {g['catl']}" if g["catl"] else "")


def _read_scaled_unit(c: Ctx) -> str | None:
    g = c.g
    one, many = UNITS[g["suu"]]
    return f"{c.num(g['sun'])} {SCALES[g['sus']]} {c.unit(one if describes(c, one) else many)}"


def _read_karat(c: Ctx) -> str | None:
    return f"{c.num(c.g['kt'])} {'carat' if c.region.tag == 'en-GB' else 'karat'}"  # "14K gold": fourteen karat


def _read_plus_unit(c: Ctx) -> str | None:
    return f"{c.num(c.g['pun'])} plus {c.unit(UNITS[c.g['puu']][1])}"  # "200+ km": two hundred plus kilometers


def _read_rate_per_power(c: Ctx) -> str | None:
    power = c.num(c.g["rpd"].replace(",", "")).removeprefix("one ")  # "per hundred thousand", "per thousand"
    return f"{c.num(c.g['rpn'])} per {power}"


def _read_millions_of_a_unit(c: Ctx) -> str | None:
    return f"{c.num(c.g['mun'])} million {c.unit(UNITS[c.g['muu']][1])}"  # "flew 6.1m km" (not "a 2m in")


def _read_ratio_parts(c: Ctx) -> str | None:
    parts = c.g["rp"].split(":")
    if all(len(p) == 2 for p in parts[1:]):
        return None  # "1:05:32", "12:30:00": a time
    return " to ".join(c.num(p) for p in parts)


# a score's name before "14/15": fourteen out of fifteen
_SCORED_OUT_OF = {"gcs", "amts", "mmse", "moca", "apgar", "score", "scored", "scores", "rated", "rating", "marks",
                  "mark", "power", "grade"}  # fmt: skip


def _read_fraction(c: Ctx) -> str | None:
    g = c.g
    if g["fv"]:
        n, d = _VULGAR[g["fv"]]
        inch = g["finch"] and not in_quotation(c)  # '3¼" wide': inches (not 'she said "buy ½"')
        return _fraction(c, n, d, g["fw"], "in" if inch else g["funit"])
    n, d = int(g["fn"]), int(g["fd"])
    if not g["fw2"] and not g["funit"] and c.word_before() in _OF_A_SERIES and n <= d:
        return f"{c.num(g['fn'])} of {c.num(g['fd'])}"  # "Step 1/4", "part 2/3": one of four
    if not g["fw2"] and not g["funit"] and c.word_before() in _SCORED_OUT_OF and n <= d:
        return f"{c.num(g['fn'])} out of {c.num(g['fd'])}"  # "GCS 14/15", "AMTS 8/10": a score out of its most
    if not g["fw2"] and not g["funit"] and 0 < n <= d and (d > 4 or math.gcd(n, d) > 1) and _share_after(c, n / d):
        return f"{c.num(g['fn'])} out of {c.num(g['fd'])}"  # "5/9 (55.6%)": a count, as the share after it says
    tries = c.word_after().lower() not in MEASURE_NOUNS | {"of", "a", "an", "the"}  # not "made 3/4 of a cup"
    if (
        not g["fw2"]
        and not g["funit"]
        and n <= d
        and tries
        and (c.word_before() in _SHOT_BEFORE or _SHOT_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK))
    ):
        return f"{c.num(g['fn'])} of {c.num(g['fd'])}"  # "shot 8/14 from three": made eight of fourteen tries
    street = _STREET_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK)  # "3/45 George St": unit three, number 45
    if not g["fw2"] and not g["funit"] and (after_a_place(c) or street) and c.word_after().lower() not in MEASURE_NOUNS:
        return f"{c.num(g['fn'])}, {c.num(g['fd'])}"  # "Unit 5/12 Smith St": unit five, number twelve
    if g["fwj"] == "-" and not (n < d and d in (2, 3, 4, 8, 16, 32, 64)):
        return None  # "2-1/2" is two and a half; "10-3/15" is no mixed number
    unit = "in" if g["finch"] else g["funit"]
    if g["finch"] and in_quotation(c):
        return None
    if not g["fw2"] and not unit:
        as_date = month_day(c, n, d)
        if as_date:
            return as_date
    return _fraction(c, n, d, g["fw2"], unit)


_STREET_AFTER = re.compile(
    r"\s(?:[A-Z][a-z]+\s){1,2}(?:St|Street|Rd|Road|Ave|Avenue|Pde|Parade|Cres|Crescent|Dr|Drive|Pl|Place|Ln|Lane|Hwy"
    r"|Highway|Tce|Terrace|Way|Cct|Circuit|Blvd|Boulevard|Cl|Close|Ct|Court)\b"
)
# what a player does with so many tries ("shot 8/14", "went 5/7 from the line", "3/4 on field goals")
_SHOT_BEFORE = {"shot", "shooting", "shoots", "went", "going", "goes", "made", "hit", "hitting", "converted",
                "completed", "completing", "kicked", "sank", "drained"}  # fmt: skip
_SHOT_AFTER = re.compile(
    r"\s(?:from\s(?:the\sfield|the\sline|three|deep|downtown|beyond|the\sstripe|[0-9]-?(?:PT|pt)\b\.?)"
    r"|(?:FG|3PT|3P|FT|shooting)\b|on\s(?:field\sgoals|free\sthrows|threes|kicks|passes))"
)
_SHARE_AFTER = re.compile(r"\s*\(\s*([0-9]{1,3}(?:\.[0-9]+)?)\s?%")


def _share_after(c: Ctx, share: float) -> bool:
    """A percentage in brackets right after that is the fraction's share: a count of tries ("went 5/9 (55.6%)",
    "passed 18/20 (90%)"), said "out of" (halves, thirds and quarters stay fractions: "1/2 (50%)")."""
    m = _SHARE_AFTER.match(c.m.string, c.m.end(), c.m.end() + 16)
    return m is not None and abs(float(m.group(1)) - 100 * share) < 0.6


def _read_range(c: Ctx) -> str | None:
    return _range(c)


def _read_unit(c: Ctx) -> str | None:
    return _unit(c)


# Verbs of a change whose direction a sign after them repeats ("fell -4.5%", "rose +3%"): said once, by the verb
FALLS = {"fell", "fall", "falls", "dropped", "drop", "drops", "declined", "slipped", "sank", "tumbled", "slid",
          "plunged", "plummeted", "dipped", "down", "lost", "decreased", "shrank"}  # fmt: skip
_RISES = {"rose", "rise", "rises", "gained", "climbed", "jumped", "up", "increased", "grew", "surged", "soared",
          "added", "rallied"}  # fmt: skip


def verb_of_change(c: Ctx) -> str:
    """The word before the match, or before a "by" there: "fell -4.5%", "fell by -0.5%" (fell)."""
    m = re.search(r"\b([A-Za-z]+)\s(?:by\s)?$", c.before())
    return m.group(1).lower() if m else ""


def _read_percent(c: Ctx) -> str | None:
    pct = c.g["pct"]
    if pct[0] in "-−" and verb_of_change(c) in FALLS:
        pct = pct[1:]  # "fell -4.5%": fell four point five percent
    return f"{c.num(pct)} percent"


# what follows a number and "pc" where the letters are pieces ("a 3pc suite", "a 12pc set"), and what says per cent
_PIECES_AFTER = {"set", "sets", "suite", "kit", "bundle", "pack", "dining", "dinner", "cookware", "tool", "tools",
                 "bedding", "luggage", "socket", "drill", "knife", "brush", "makeup", "piece", "puzzle"}  # fmt: skip
_PER_CENT_BEFORE = {"by", "to", "from", "of", "at", "about", "around", "nearly", "almost", "just", "some", "over",
                    "under", "than", "up", "down", "and", "or", "only"}  # fmt: skip
_PER_CENT_AFTER = {"", "rise", "fall", "increase", "decrease", "drop", "cut", "stake", "share", "gain", "jump", "of",
                   "in", "on", "to", "from", "since", "and", "or", "than", "a", "an", "the", "this", "last", "per",
                   "higher", "lower", "more", "less", "above", "below", "year", "yield", "return"}  # fmt: skip


def _read_percent_pc(c: Ctx) -> str | None:
    """ "rose 1.3pc", "a 3pc stake": per cent as British papers write it (not "a 3pc suite", pieces)."""
    pct, before, after = c.g["pcp"], c.word_before().lower(), c.word_after().lower()
    if after in _PIECES_AFTER:
        return None
    if "." in pct or before in FALLS | _RISES | _PER_CENT_BEFORE or after in _PER_CENT_AFTER:
        return f"{c.num(pct.lstrip('-−') if pct[0] in '-−' and verb_of_change(c) in FALLS else pct)} percent"
    return None


def _read_percentage_points(c: Ctx) -> str | None:
    """ "rose 2.5 pp", "(+3.9 pp)": percentage points after a decimal or a sign ("45 pp" may be pages)."""
    before = c.before()
    if re.search(r"[$€£¥][0-9.,]+\s?$", before):
        return None  # "£8.50pp": per person
    verb = re.search(r"\b([A-Za-z]+)\s[0-9]+$", before)  # "up 2pp", "fell by 3pp": a change's points
    change = verb is not None and verb.group(1).lower() in FALLS | _RISES | {"by", "of"}
    signed = re.search(r"(?:[0-9]\.[0-9]+|[+−±][0-9.]+|(?:^|[\s(])-[0-9.]+)\s?$", before)  # "(-7pp)"
    if c.text == "ppts":  # "1.3 ppts": only ever percentage points ("ppt" is also parts per trillion)
        return "percentage points"
    return "percentage points" if change or signed else None


def _read_plus_sign(c: Ctx) -> str | None:
    after = c.m.string[c.m.end() : c.m.end() + 12]
    if verb_of_change(c) in _RISES and re.match(r"[0-9.,]+\s?%", after):
        return ""  # "rose +3%": rose three percent
    return "plus "


_FEET_AFTER = {"tall", "long", "wide", "high", "deep", "by"}
# nouns a length in feet describes ("a 6' fence", "10' ceilings": a six foot fence, ten foot ceilings)
_FEET_NOUNS = {"ceiling", "ceilings", "fence", "ladder", "drop", "walls", "wall", "boat", "sailboat", "yacht",
               "trailer", "tree", "waves", "swell", "clearance"}  # fmt: skip


_SIZE_THEN_NOUN = re.compile(r"(?:\s?[x×]\s?[0-9]{1,3}(?:\.[0-9])?['′’])*\s([a-z]+)\b(?!['’])")


def _read_feet_mark(c: Ctx) -> str | None:
    """12' x 14', "a 6' fence", "a 14' beam": feet, as a side of a size or before what a length describes."""
    after = c.m.string[c.m.end() : c.m.end() + 3]
    side = re.match(r"\s?[x×]", after) or re.search(r"[x×]\s?$", c.before())
    after_word = c.word_after()
    # "a 14' beam": after an article, before a noun, the length describes it (no quotation open)
    sized = bool(ARTICLE_BEFORE.search(c.before())) and after_word.islower() and after_word not in NOT_A_NOUN
    sized = sized and not in_quotation(c)
    if not side and not sized and after_word not in _FEET_AFTER | _FEET_NOUNS:
        return None
    # "a 24' x 16' deck", "10' x 12' shed": every side of a size before the noun it describes
    noun = _SIZE_THEN_NOUN.match(c.m.string, c.m.end())
    sized = sized or (noun is not None and noun.group(1) not in NOT_A_NOUN | _FEET_AFTER | {"x"} and side is not None)
    number = c.g["ftm"]
    return f"{c.num(number)} {'foot' if sized or after_word in _FEET_NOUNS or number == '1' else 'feet'}"


def _read_slash_large(c: Ctx) -> str | None:
    """ "(1450/1600)": a score out of a round number; "the 2023/2024 season": a year to the next ones."""
    n, d = int(c.g["sl1"]), int(c.g["sl2"])
    if 1000 <= n < d <= 2099 and d - n <= 10:
        return f"{c.year(n)} to {c.year(d)}"
    if n < d and d % 100 == 0:
        return f"{c.num(str(n))} out of {c.num(str(d))}"
    if len(c.g["sl1"]) >= 3:  # "ref. 1234/5678": a reference's parts, digit by digit
        zero = c.region.phone_zero
        return f"{spell_digits(c.g['sl1'], zero)} slash {spell_digits(c.g['sl2'], zero)}"
    return None


def _read_dms(c: Ctx) -> str | None:
    """51°30′N, 27°59'17"N: degrees, minutes and seconds, and the hemisphere."""
    parts = [
        f"{c.num(value)} {name if value in ('1', '1.0') else name + 's'}"
        for value, name in ((c.g["dmd"], "degree"), (c.g["dmm"], "minute"), (c.g["dms"], "second"))
        if value
    ]
    if c.g["dmh"]:
        parts.append(COMPASS[c.g["dmh"]].lower())
    return " ".join(parts)


def _read_star_rating(c: Ctx) -> str | None:
    full, empty = len(c.g["stf"]), len(c.g["ste"])
    if empty:
        return f"{c.num(str(full))} out of {c.num(str(full + empty))} stars"
    return f"{c.num(str(full))} {'star' if full == 1 else 'stars'}"


# words that name a group by a number and a letter ("Class 3B", "Set 2M", "Fig. 2B"), which no scale follows (the
# places that do so, "Room 12B", are PLACE_BEFORE's, checked first)
_GROUP_BEFORE = {"class", "classes", "form", "group", "groups", "set", "sets", "year", "band", "tutor", "team",
                 "division", "div", "fig.", "figs.", "figure", "figures", "panel", "step"}  # fmt: skip


def _read_scaled(c: Ctx) -> str | None:
    g = c.g
    if after_a_place(c) or _GLUED_TO_LETTERS.search(c.before()):
        return None  # "Room 12B", "Suite 400B"; "B2B"
    after = c.word_after()
    if len(g["sn"]) <= 2 and (c.word_before().lower() in _GROUP_BEFORE or after.lower() in ("pencil", "pencils")):
        return None  # "Class 3B", "Form 7B", "Group 5M", "a 2B pencil": a name's number and letter
    if g["sscale2"] in ("B", "A") and re.search(r"\b[A-Z]{3,5}\s$", c.before()) and len(g["sn"]) <= 2:
        return None  # "ECON 1B", "PHYS 2B": a course's number and letter
    if g["sscale2"] in ("K", "k") and race_distance(c, g["sn"]):
        return f"{c.num(g['sn'])} K"  # "ran a 5K", "the 10k race": a distance in kilometres, said "K"
    if g["sscale2"] in ("K", "k") and after.lower() in ("modem", "modems", "dial-up", "baud"):
        return f"{c.num(g['sn'])} K"  # "56k modems": a modem's speed, said "K"
    if g["smil"]:  # "1.2 mil.": million
        return f"{c.num(g['sn'])} million{c.stop()}"
    return f"{c.num(g['sn'])} {SCALES[g['sscale'] or g['sscale2']]}"


# "Take 2 x 500mg tablets", "3 x 500 ml bottles": a count of what a weight or a volume sizes, the "x" not said
# ("2 x 2 m panels" is a size)
_COUNT_OF_SIZED = re.compile(r"(?<![0-9.,])[1-9][0-9]?\s?$")
_SIZED_AFTER = re.compile(r"\s?[0-9][0-9.,]{0,8}\s?(?:mg|mcg|µg|μg|g|kg|ml|mL|cl|l|L|oz|lbs?|IU)\.?\s+([a-z]+)")


def _read_multiply(c: Ctx) -> str | None:
    text = c.text
    sized = _SIZED_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK)
    if "x" in text and sized and _sized(sized.group(1)) and _COUNT_OF_SIZED.search(c.before()):
        return " "  # "2 x 500mg tablets", "1 x 400g tin": the count, then what it counts
    if re.match(r"\s?10(?:\^|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻])", c.m.string[c.m.end() : c.m.end() + 5]):
        return " times "  # "9.11 x 10^-31 kg": a number in scientific notation
    if "x" in text or _SIDE_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK):
        return " by "  # '1920x1080', '30 × 40 cm', '12 × 9 × 4 in': a size's sides
    return " times "  # '3 × 4'


# a size's last side and its unit after "×" ("× 40 cm", "× 9 × 4 in"), or a unit of length before it
_SIDE_AFTER = re.compile(rf"(?:[0-9][0-9.,]{{0,8}}\s?[x×]\s?){{0,2}}[0-9][0-9.,]{{0,8}}\s?(?:{LENGTH_UNIT}\b|[\"″”])")
_SIDE_BEFORE = re.compile(rf"[0-9]\s?{LENGTH_UNIT}\.?$|[0-9][\"″”][WDHL]$")  # '24"W x 18"D': wide by deep
_LIFTED_BEFORE = re.compile(r"[0-9]\s?(?:lbs?|kg|kgs|pounds|kilos)\.?$")


_DECADE_OF_HEAT = re.compile(r"\b(?:mid|high|low|upper|lower|in the)[- ](?:[1-9]0|1[0-9]0)s ?$", re.IGNORECASE)


_NAMED_BEFORE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|\b(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)$"
)


def _read_name_range(c: Ctx) -> str | None:
    if not _NAMED_BEFORE.search(c.before()):
        return None  # "anti-May"
    return " to "


def _read_decade_scale(c: Ctx) -> str | None:
    if not _DECADE_OF_HEAT.search(c.before()):
        return None  # "the 1960s C-suite"
    return "Fahrenheit" if c.g["dsc"] == "F" else "Celsius"


def _read_degree_word(c: Ctx) -> str | None:
    number = re.search(r"([0-9][0-9.,]*)\s$", c.before())
    if number is None:
        return None  # "the degrees F and C columns"
    degrees = one_or_many(number.group(1), "degree", "degrees")
    return f"{degrees} {'Fahrenheit' if c.g['dgs'] == 'F' else 'Celsius'}" + c.stop()


def _read_measure_x(c: Ctx) -> str | None:
    before = c.before()
    if _SIDE_BEFORE.search(before):
        return " by "
    return " times " if _LIFTED_BEFORE.search(before) else None


def _read_per_100km(c: Ctx) -> str | None:
    return " per hundred kilometers" if not c.region.metre else " per hundred kilometres"


def _read_root(c: Ctx) -> str | None:
    return "the square root of "


_RECIPE_SIZES = {"lg": "large", "lge": "large", "lrg": "large", "med": "medium", "sm": "small"}


def _read_recipe_size(c: Ctx) -> str | None:
    return _RECIPE_SIZES[c.g["rsz"]]


# what a recipe's spoon measures, after "1 t." (a teaspoon where no other spoon or cup says it is a recipe)
_SEASONINGS = {"salt", "pepper", "sugar", "vanilla", "cinnamon", "baking", "oil", "butter", "soda", "powder",
               "yeast", "paprika", "cumin", "oregano", "nutmeg", "ginger", "honey", "lemon", "mustard", "thyme",
               "extract"}  # fmt: skip
_RECIPE_BEFORE = re.compile(r"[0-9½⅓⅔¼¾⅛]\s?(?:T\.|c\.|cups?|tbsp|Tbsp|tsp)\s")


def _recipe_teaspoon(c: Ctx) -> bool:
    """Whether a "t." after a number is a recipe's teaspoon: a seasoning after it, or a recipe's measure before."""
    after = _WORD_AFTER_DOT.match(c.m.string, c.m.end(), c.m.end() + LOOK)
    return (after is not None and after.group(1) in _SEASONINGS) or _RECIPE_BEFORE.search(
        c.sentence_before(200)
    ) is not None


_WORD_AFTER_DOT = re.compile(r"\.?\s+([a-z]+)")


def _read_spoon_letter(c: Ctx) -> str | None:
    """A recipe's spoons by one letter: "1 T. butter" (tablespoon), "1 t. salt" (teaspoon; a tonne elsewhere)."""
    letter = c.g["spl"]
    if letter == "t" and not _recipe_teaspoon(c):
        return None
    one = re.search(r"(?<![0-9] )(?<![0-9])(?:1|[0-9]/[0-9]+|[½⅓⅔¼¾⅛]) $", c.before())
    spoon = "tablespoon" if letter == "T" else "teaspoon"
    return (spoon if one else spoon + "s") + of_what_follows(c)


def _read_cup_c(c: Ctx) -> str | None:
    one = re.search(r"(?<![0-9] )(?<![0-9])(?:1|[0-9]/[0-9]+|[½⅓⅔¼¾⅛]) $", c.before())
    return ("cup" if one else "cups") + of_what_follows(c)  # "1 1/2 c. flour": cups of flour


def _read_resolution(c: Ctx) -> str | None:
    g = c.g
    w, h = g["rw"], g["rh"]
    if not g["rpx"] and re.match(rf"\s?{LENGTH_UNIT}\b", c.m.string[c.m.end() : c.m.end() + 12]):
        return None  # "210 × 297 mm": a size in millimetres, its sides read by the rules for sizes
    side = [c.year(int(n)) if len(n) == 4 else c.num(n) for n in (w, h)]
    return f"{side[0]} by {side[1]}" + (" pixels" if g["rpx"] else "")


# what names a panel or a part by a number and a letter ("Fig. 4C", "Panel 3F", "Table 2C", "Appendix 1F")
_PANEL_BEFORE = re.compile(
    r"\b(?:Figs?\.|Figures?|Panels?|Tables?|Plates?|Exhibits?|Appendix|Schedule|Annex|Step|Item|Question|Q)\s"
    r"(?:[0-9]{1,3}[A-Za-z]?(?:,|\sand|\s?[-–])\s?)*$",
    re.IGNORECASE,
)


def _read_temp_letter(c: Ctx) -> str | None:
    if _PANEL_BEFORE.search(c.before()):
        return None  # "(Fig. 4C)": figure four C
    return _temperature_letter(c)


# '65" & 75" TVs': a measure joined to the next, which the noun after both follows
_JOINED_INCHES = re.compile(r"\s?(?:&|and|or|,|/)\s?[0-9]{1,4}(?:\.[0-9]{1,2})?[\"″”]\s+([A-Za-z]+)")


def _read_inch_range(c: Ctx) -> str | None:
    """'fits 13"-15.6" laptops', 'a 12"-16" pan': a range of inches, an adjective before what it sizes."""
    if in_quotation(c):
        return None
    after = c.word_after()
    adjective = after[:1].isupper() or counted(after) or ARTICLE_BEFORE.search(c.before())
    return f"{c.num(c.g['ir1'])} to {c.num(c.g['ir2'])} {'inch' if adjective else 'inches'}"


def _read_gas_mark(c: Ctx) -> str | None:
    """ "220°C/gas 7", "180C, gas 4", "190°C (gas 5)": a British oven's gas mark after its temperature."""
    sep, before = c.g["gsep"], c.before()
    after_temperature = r",?$" if sep else r"(?:\s?\(|\s?/\s?)$"  # "190°C (gas 5)", "175°C / Gas 4"
    if not re.search(r"[0-9]\s?°?[CF](?:\sfan)?" + after_temperature, before):
        return None  # (a fan oven's temperature too: "200C fan/gas 7")
    sep = ", " if sep and sep.strip() in "/," and not before.endswith(",") else sep or ""
    return f"{sep}gas mark {c.num(c.g['gas'])}"


# the letters a listing writes after a size's inch mark ('24"W x 18"D x 30"H')
_DIMENSION_LETTERS = {"W": "wide", "D": "deep", "H": "high", "L": "long"}


def _read_inch_mark(c: Ctx) -> str | None:
    g = c.g
    if in_quotation(c):
        return None  # 'she said "buy 12"'
    if g["inmd"]:  # '24"W': twenty four inches wide
        return f"{c.num(g['inm'])} {one_or_many(g['inm'], 'inch', 'inches')} {_DIMENSION_LETTERS[g['inmd']]}"
    joined = _JOINED_INCHES.match(c.m.string, c.m.end(), c.m.end() + LOOK)
    after = joined.group(1) if joined else c.word_after()
    # 'a 27" 1440p monitor': another of the thing's figures follows, after an article
    spec = ARTICLE_BEFORE.search(c.before()) and re.match(r"\s[0-9]", c.m.string[c.m.end() : c.m.end() + 2])
    if after[:1].isupper() or counted(after) or spec:  # 'a 65" TV', 'two 12" pizzas': an adjective, singular
        return f"{c.num(g['inm'])} inch"
    return _measure(c, g["inm"], "inch", "inches")


def _read_decimal_comma(c: Ctx) -> str | None:
    return c.num("0." + c.g["dcf"])


def _read_plural_number(c: Ctx) -> str | None:
    return plural_words(c.num(c.g["pn"]))


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _read_superscript(c: Ctx) -> str | None:
    if re.search(r"[$€£¥][0-9.,]+$", c.before()):
        return None  # "$3.49⁹" (gas): a tenth of a cent, not a power
    power = c.g["sup"].translate(_SUPERSCRIPT)
    if power in ("2", "3"):
        return " squared" if power == "2" else " cubed"
    return f" to the power of {c.num(power)}"


def _read_shutter(c: Ctx) -> str | None:
    return f"one {c.nth(int(c.g['sh']))} of a second"


def _read_molar(c: Ctx) -> str | None:
    """ "0.1 M NaCl", "2M H2SO4", "a 1 M solution": molar where a formula follows (its elements' symbols, with a
    digit or a small letter: "HCl", "NaOH"); "1.4M IOPS", "21M BTC", "5M MAU" are millions."""
    formula = re.match(r"\s+([A-Za-z0-9]+)", c.m.string[c.m.end() : c.m.end() + 24])
    word = formula.group(1) if formula else ""
    if word in ("solution", "buffer", "stock"):
        return f"{c.num(c.g['mol'])} molar"
    if (word[:1].isupper() and not word.isalpha()) or any(ch.islower() for ch in word[1:]):
        symbols = re.findall(r"[A-Z][a-z]?|[0-9]+|[a-z]+", word)
        if all(s.isdigit() or s in ELEMENTS for s in symbols):
            return f"{c.num(c.g['mol'])} molar"
    return None


READERS: dict[str, Reader] = {
    "count_x": lambda c: " " if c.g["cxp"] is None else " times ",  # "2 x AA batteries"; "3 x £4.50": times
    "minus": say("minus"),
    "shutter": _read_shutter,
    "f_stop": say("f "),
    "superscript": _read_superscript,
    "per_span": say(" per "),
    "decimal_comma": _read_decimal_comma,
    "plural_number": _read_plural_number,
    "resolution": _read_resolution,
    "feet_inches": _read_feet_inches,
    "ratio": _read_ratio,
    "ratio_parts": _read_ratio_parts,
    "millions_of_a_unit": _read_millions_of_a_unit,
    "rate_per_power": _read_rate_per_power,
    "plus_unit": _read_plus_unit,
    "karat": _read_karat,
    "scaled_unit": _read_scaled_unit,
    "catalogue": _read_catalogue,
    "times": _read_times,
    "fraction": _read_fraction,
    "range": _read_range,
    "unit": _read_unit,
    "percent": _read_percent,
    "percent_pc": _read_percent_pc,
    "percentage_points": _read_percentage_points,
    "scaled": _read_scaled,
    "molar": _read_molar,
    "multiply": _read_multiply,
    "measure_x": _read_measure_x,
    "degree_word": _read_degree_word,
    "not_out": not_out,
    "range_times": say(" times"),
    "scale_alone": lambda c: "Fahrenheit" if c.g["sa"] == "F" else "Celsius",
    "quarter_range": say(" to "),
    "name_range": _read_name_range,
    "decade_scale": _read_decade_scale,
    "star_rating": _read_star_rating,
    "feet_mark": _read_feet_mark,
    "dms": _read_dms,
    "slash_large": _read_slash_large,
    "match_time": lambda c: "half time" if c.g["mt"] == "HT" else "full time",
    "scaled_miles": lambda c: " miles" + c.stop(),
    "per": _read_per,
    "per_unit": _read_per_unit,
    "per_word_unit": _read_per_word_unit,
    "square_unit": _read_square_unit,
    "measure_of": _read_measure_of,
    "rating": _read_rating,
    "plus_sign": _read_plus_sign,
    "caliber": _read_caliber,
    "temp_letter": _read_temp_letter,
    "inch_mark": _read_inch_mark,
    "gas_mark": _read_gas_mark,
    "inch_range": _read_inch_range,
    "per_100km": _read_per_100km,
    "power": say(" to the power of "),
    "sci": _read_scientific,
    "root": _read_root,
    "for_days": say("for"),
    "cup_c": _read_cup_c,
    "recipe_size": _read_recipe_size,
    "spoon_letter": _read_spoon_letter,
    "approx_sign": _read_approx_sign,
}
