"""English as people write it, read the way a region reads it (see ``regions``).

The rules are regular expressions in priority order, matched as one alternation would match them (see
``_matches``); each match is expanded by its rule's function. No pattern has nested unbounded repeats, a
rule that starts with a number starts only where a number starts, and every look at the context around
a match reads at most a few dozen characters, so the work is linear in the text. A rule may decline a
match (return None): a later rule may then take the place, or the text stays as written.
"""

from __future__ import annotations

import dataclasses
import heapq
import re
from collections.abc import Callable, Generator, Iterator
from typing import Any

from avatar.text.normalize.core import Piece
from avatar.text.normalize.numbers import cardinal as _cardinal
from avatar.text.normalize.numbers import ordinal, spell_digits, year
from avatar.text.normalize.regions import Region, region_for

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                 "sun": 6}  # fmt: skip
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
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?"
    r"|Sun(?:day)?)\b\.?"
)
# currency sign -> (one, many, sub-unit one, sub-unit many)
CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
              "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "", ""),
              "₹": ("rupee", "rupees", "paisa", "paise"),
              "CHF": ("franc", "francs", "centime", "centimes")}  # fmt: skip
CURRENCY_CODES = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CHF": "CHF", "CAD": "$", "AUD": "$"}
_CODE_NAMES = {"CAD": "Canadian", "AUD": "Australian", "HKD": "Hong Kong", "NZD": "New Zealand",
               "SGD": "Singapore"}  # fmt: skip
SCALES = {"k": "thousand", "K": "thousand", "m": "million", "M": "million", "mn": "million", "b": "billion",
          "B": "billion", "bn": "billion", "tn": "trillion", "T": "trillion", "thousand": "thousand",
          "million": "million", "billion": "billion", "trillion": "trillion"}  # fmt: skip
# Units read after a number: (singular, plural), American spelling. Ambiguous short ones only when attached.
UNITS = {"km": ("kilometer", "kilometers"), "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"),
         "kg": ("kilogram", "kilograms"), "mg": ("milligram", "milligrams"), "g": ("gram", "grams"),
         "lb": ("pound", "pounds"), "lbs": ("pounds", "pounds"), "oz": ("ounce", "ounces"),
         "fl oz": ("fluid ounce", "fluid ounces"), "ml": ("milliliter", "milliliters"),
         "mL": ("milliliter", "milliliters"), "l": ("liter", "liters"), "L": ("liter", "liters"),
         "ft": ("foot", "feet"), "yd": ("yard", "yards"), "mi": ("mile", "miles"), "gal": ("gallon", "gallons"),
         "mph": ("mile per hour", "miles per hour"), "km/h": ("kilometer per hour", "kilometers per hour"),
         "kph": ("kilometer per hour", "kilometers per hour"), "m/s": ("meter per second", "meters per second"),
         "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
         "℃": ("degree Celsius", "degrees Celsius"), "℉": ("degree Fahrenheit", "degrees Fahrenheit"),
         "°": ("degree", "degrees"), "kWh": ("kilowatt hour", "kilowatt hours"), "kW": ("kilowatt", "kilowatts"),
         "W": ("watt", "watts"), "V": ("volt", "volts"), "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"),
         "MHz": ("megahertz", "megahertz"), "GHz": ("gigahertz", "gigahertz"), "KB": ("kilobyte", "kilobytes"),
         "MB": ("megabyte", "megabytes"), "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"),
         "ms": ("millisecond", "milliseconds"), "min": ("minute", "minutes"), "hrs": ("hours", "hours"),
         "hr": ("hour", "hours"), "sec": ("second", "seconds"), "tbsp": ("tablespoon", "tablespoons"),
         "tsp": ("teaspoon", "teaspoons"), "kcal": ("kilocalorie", "kilocalories"), "ha": ("hectare", "hectares"),
         "sq ft": ("square foot", "square feet"), "sq. ft.": ("square foot", "square feet"),
         "ft²": ("square foot", "square feet"), "sq m": ("square meter", "square meters"),
         "m²": ("square meter", "square meters"), "km²": ("square kilometer", "square kilometers"),
         "sq mi": ("square mile", "square miles"), "m³": ("cubic meter", "cubic meters"),
         "cm³": ("cubic centimeter", "cubic centimeters"), "m": ("meter", "meters"), "s": ("second", "seconds"),
         "h": ("hour", "hours"), "in": ("inch", "inches"), "mpg": ("mile per gallon", "miles per gallon"),
         "rpm": ("revolution per minute", "revolutions per minute"), "psi": ("PSI", "PSI"),
         "dB": ("decibel", "decibels"), "fps": ("frame per second", "frames per second"),
         "bpm": ("beat per minute", "beats per minute"), "mAh": ("milliamp hour", "milliamp hours"),
         "Mbps": ("megabit per second", "megabits per second"), "Gbps": ("gigabit per second", "gigabits per second"),
         "kb/s": ("kilobit per second", "kilobits per second"), "µm": ("micrometer", "micrometers"),
         "nm": ("nanometer", "nanometers"), "mi/h": ("mile per hour", "miles per hour"),
         "fl. oz": ("fluid ounce", "fluid ounces"), "ºC": ("degree Celsius", "degrees Celsius"),
         "ºF": ("degree Fahrenheit", "degrees Fahrenheit"),
         "º": ("degree", "degrees"), "qt": ("quart", "quarts"), "pt": ("pint", "pints"),
         "pts": ("point", "points"), "st": ("stone", "stone"), "t": ("tonne", "tonnes"), "px": ("pixel", "pixels"),
         "ppm": ("part per million", "parts per million"),
         "ppb": ("part per billion", "parts per billion"),
         "mmHg": ("millimeter of mercury", "millimeters of mercury"), "cu ft": ("cubic foot", "cubic feet"),
         "sq in": ("square inch", "square inches"), "sq km": ("square kilometer", "square kilometers"),
         "doz": ("dozen", "dozen"), "mins": ("minutes", "minutes"), "secs": ("seconds", "seconds"),
         "yr": ("year", "years"), "yrs": ("years", "years"), "mo": ("month", "months"), "mos": ("months", "months"),
         "wk": ("week", "weeks"), "wks": ("weeks", "weeks"), "yds": ("yards", "yards"),
         "reb": ("rebound", "rebounds"), "ast": ("assist", "assists"), "stl": ("steal", "steals"),
         "blk": ("block", "blocks"), "TD": ("touchdown", "touchdowns"),
         "TDs": ("touchdowns", "touchdowns"), "mcg": ("microgram", "micrograms"), "★": ("star", "stars"),
         "bps": ("basis point", "basis points"), "GW": ("gigawatt", "gigawatts"),
         "sq yd": ("square yard", "square yards"), "sq. yd.": ("square yard", "square yards"),
         "yd²": ("square yard", "square yards"), "sq. m": ("square meter", "square meters"),
         "sq. mi.": ("square mile", "square miles"), "MW": ("megawatt", "megawatts"),
         "MWh": ("megawatt hour", "megawatt hours"), "GWh": ("gigawatt hour", "gigawatt hours"),
         "TWh": ("terawatt hour", "terawatt hours"), "Wh": ("watt hour", "watt hours"),
         "mA": ("milliamp", "milliamps"), "kV": ("kilovolt", "kilovolts"), "mV": ("millivolt", "millivolts"),
         "wkts": ("wickets", "wickets"), "wkt": ("wicket", "wickets"),
         "µg": ("microgram", "micrograms")}  # fmt: skip
_ATTACHED_ONLY_UNITS = {"m", "s", "h", "in", "l", "g", "W", "V", "°", "º", "ha", "st", "t"}
# Of those, the ones also read spaced ("250 g of flour", "a 100 m sprint") when no word follows that makes the
# letter a word or a name ("3 g and", "5 m, then"): never "in" ("2 in 3"), "W" or "V" (compass, names)
_SPACED_WHEN_CLEAR = {"m", "g", "l", "h", "s", "t"}
_CLEAR_AFTER = {"", "of", "and", "or", "per", "each", "a", "an", "the", "to", "for", "in", "at", "on", "long", "wide",
                "high", "deep", "tall", "away", "apart", "bag", "bar", "jar", "can", "pack", "sprint", "race",
                "dash", "run", "swim", "pool", "tank", "bottle", "carton", "drive", "walk", "portion", "relay",
                "hurdles", "freestyle", "butterfly", "backstroke", "breaststroke", "medley", "final", "truck",
                "load", "lorry"}  # fmt: skip
# Nouns of measure a fraction reads "of a" before ("3/4 cup" is "three quarters of a cup", "1/2 mile" "half a
# mile"), as people say it.
_MEASURE_NOUNS = {"cup", "teaspoon", "tablespoon", "spoon", "spoonful", "pint", "quart", "gallon", "liter", "litre",
                  "ounce", "pound", "kilo", "gram", "mile", "inch", "foot", "yard", "meter", "metre", "kilometer",
                  "kilometre", "hour", "minute", "second", "day", "week", "month", "year", "century", "dozen",
                  "glass", "bottle", "can", "slice", "loaf", "lemon", "onion", "page", "point", "share", "percent",
                  "degree", "stick", "bar", "block", "acre", "tank", "mug", "bowl", "box", "bag"}  # fmt: skip
# Words after "a 2.5 kg" that make the measure an adjective ("a 2.5 kilogram lamp") rather than a quantity
_NOT_A_NOUN = {"of", "per", "and", "or", "to", "from", "in", "on", "at", "a", "an", "the", "by", "for", "with",
               "is", "was", "are", "were", "has", "had", "have", "more", "less", "each", "away", "long", "high",
               "wide", "deep", "tall", "old", "left", "later", "ago", "behind", "ahead"}  # fmt: skip
# Rules whose readings a dash between them joins as "to" ("Mon.-Fri.", "10am-2pm", "Jan.–Mar.")
_RANGE_ENDS = {"weekday", "time", "time_dot", "hour_ampm", "month", "date", "iso_date", "num_date", "dash_date",
               "mil_time", "percent", "money", "unit", "year"}  # fmt: skip
_YEAR_EARLY_BEFORE = {"in", "since", "year", "circa", "c.", "ca.", "until", "till", "by", "from", "founded", "born",
                      "died", "before", "after", "around", "of"}  # fmt: skip
TITLES = {"Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Prof.": "Professor", "Jr.": "Junior", "Sr.": "Senior",
          "Rev.": "Reverend", "Hon.": "Honorable", "Capt.": "Captain", "Lt.": "Lieutenant", "Col.": "Colonel",
          "Gen.": "General", "Sgt.": "Sergeant", "Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative",
          "Pres.": "President", "Fr.": "Father", "Mt.": "Mount", "Ft.": "Fort", "Supt.": "Superintendent",
          "Atty.": "Attorney", "Det.": "Detective", "Cmdr.": "Commander", "Adm.": "Admiral", "Maj.": "Major",
          "Cpl.": "Corporal", "Pvt.": "Private", "Insp.": "Inspector", "Drs.": "Doctors", "Mmes.": "Mesdames",
          "Mme.": "Madame", "Messrs.": "Messieurs", "Sen.-elect": "Senator-elect"}  # fmt: skip
ABBREVIATIONS = {"vs.": "versus", "e.g.": "for example", "i.e.": "that is", "approx.": "approximately", "Rm.": "Room",
                 "Approx.": "Approximately", "Bldg.": "Building", "bldg.": "building",
                 "Ave.": "Avenue", "Rd.": "Road", "Blvd.": "Boulevard", "Ln.": "Lane", "Hwy.": "Highway",
                 "Hwy": "Highway",
                 "Dept.": "Department", "Inc.": "Incorporated", "Ltd.": "Limited", "Corp.": "Corporation",
                 "Co.": "Company", "Bros.": "Brothers", "Univ.": "University", "est.": "estimated", "Est.": "Estimated",
                 "Vol.": "Volume", "vol.": "volume", "Ch.": "Chapter", "ch.": "chapter", "pp.": "pages",
                 "p.": "page", "Fig.": "Figure", "fig.": "figure", "No.": "Number", "nos.": "numbers",
                 "Nos.": "Numbers",
                 "a.m.": "AM", "p.m.": "PM", "p.a.": "a year", "thru": "through", "Avg.": "Average",
                 "avg.": "average",
                 "U.S.": "US", "U.K.": "UK", "U.S.A.": "USA", "E.U.": "EU",
                 "ext.": "extension", "Ext.": "extension", "Apt.": "Apartment", "apt.": "apartment",
                 "Ste.": "Suite", "Pl.": "Place", "Ct.": "Court", "Sq.": "Square", "Pkwy.": "Parkway",
                 "Terr.": "Terrace", "Cres.": "Crescent", "Hosp.": "Hospital", "Intl.": "International",
                 "Natl.": "National", "Assn.": "Association", "Mgr.": "Manager", "Dir.": "Director",
                 "min.": "minimum", "max.": "maximum", "incl.": "including", "excl.": "excluding",
                 "dept.": "department", "misc.": "miscellaneous", "tel.": "telephone", "Tel.": "telephone",
                 "vs": "versus", "w/": "with", "w/o": "without", "fl.": "floor", "Fl.": "Floor",
                 "YoY": "year over year", "QoQ": "quarter over quarter", "MoM": "month over month",
                 "y/y": "year over year", "Y/Y": "year over year", "q/q": "quarter over quarter",
                 "Q/Q": "quarter over quarter", "m/m": "month over month", "M/M": "month over month",
                 "Pg.": "Page", "pg.": "page", "pgs.": "pages", "Mtn.": "Mountain", "Jct.": "Junction",
                 "Sts.": "Streets", "Rte.": "Route", "appt.": "appointment", "Appt.": "Appointment",
                 "Ref.": "Reference", "ref.": "reference", "acct.": "account", "Acct.": "Account", "Msg": "Message",
                 "msg": "message", "b/c": "because",
                 "city/hwy": "city, highway", "hwy": "highway", "c/o": "care of", "C/O": "care of",
                 "p&p": "postage and packing",
                 "P&P": "postage and packing",
                 "Attn": "Attention", "attn": "attention", "b/w": "between", "N/A": "not applicable",
                 "MWF": "Monday, Wednesday and Friday",
                 "TTh": "Tuesday and Thursday", "TuTh": "Tuesday and Thursday",
                 "Aves.": "Avenues", "Ph.D.": "PhD", "D.C.": "DC", "U.N.": "UN"}  # fmt: skip
# US states (and DC) by postal code: read after a place name and a comma ("Austin, TX") when a ZIP code,
# punctuation, the end or a lower-case word follows; the codes that are also words ("OK", "HI", "ME", "IN",
# "OH", "OR") only before a ZIP code or punctuation
US_STATES = {"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
             "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
             "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
             "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
             "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
             "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
             "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
             "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
             "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
             "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
             "WY": "Wyoming"}  # fmt: skip
# Canadian provinces and territories the same way ("Ottawa, ON.")
CA_PROVINCES = {"AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
                "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
                "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
                "SK": "Saskatchewan", "YT": "Yukon"}  # fmt: skip
_STATE_WORDS = {"OK", "HI", "ME", "IN", "OH", "OR", "ON"}
# Words just before a five-digit number that make it a ZIP code, read digit by digit
_ZIP_BEFORE = {s.lower() for s in US_STATES} | {w for n in US_STATES.values() for w in n.lower().split()[-1:]} | {
    "zip", "code", "zipcode", "postcode", "dc"}  # fmt: skip
COMPASS = {"N": "North", "S": "South", "E": "East", "W": "West", "NE": "northeast", "NW": "northwest",
           "SE": "southeast", "SW": "southwest", "NNE": "north northeast", "ENE": "east northeast",
           "ESE": "east southeast", "SSE": "south southeast", "SSW": "south southwest", "WSW": "west southwest",
           "WNW": "west northwest", "NNW": "north northwest"}  # fmt: skip
_STREET_AFTER = re.compile(
    r"\s(?:[A-Z][a-z]+|[0-9]{1,3}(?:st|nd|rd|th))\.?\s(?:St|Ave|Rd|Blvd|Dr|Ln|Way|Pl|Ct|Pkwy|Hwy|Ter|Street|Avenue|Road|"
    r"Boulevard|Drive|Lane|Place|Court|Parkway|Highway|Terrace)\b"
)
# Words before "12/3" that make it a date (month/day, or day/month in a day-first region) rather than a fraction
_DATE_BEFORE = {"on", "due", "until", "till", "since", "dated", "through", "thru", "deadline", "expires",
                "expiring", "starting", "effective"} | {w.lower() for w in WEEKDAYS} | set(_WEEKDAY_ABBR)  # fmt: skip
_DATE_BEFORE_LOOSE = {"by", "from", "before", "after", "to", "and"}  # with a denominator no fraction has
_FRACTION_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 32, 50, 64, 100}
# Decades of a life or a century written short ("the 60s", "her 20s"), after these words
_DECADE_BEFORE = {"the", "early", "late", "mid", "his", "her", "their", "my", "your", "our", "its"}
# Abbreviations read without a sentence stop even before a capital ("vs. Spain", "the U.S. Army")
_NO_STOP = {"vs.", "vs", "e.g.", "i.e.", "approx.", "Approx.", "incl.", "excl.", "U.S.", "U.K.", "U.S.A.", "E.U.",
            "U.N.", "No.", "w/", "w/o"}  # fmt: skip
_PHONE_BEFORE = {"call", "phone", "tel", "tel.", "telephone", "fax", "dial", "text", "ring", "number", "line",
                 "cell", "mobile", "hotline", "at", "on", "or"}  # fmt: skip
_MIL_TIME_BEFORE = {"at", "by", "until", "till", "from", "before", "after", "to", "around", "since", "and"}
# Spoken as words (written in title case, so espeak-ng never spells them).
ACRONYMS = {"NASA", "NATO", "UNESCO", "UNICEF", "FIFA", "UEFA", "OPEC", "NASDAQ", "LASER", "RADAR", "SCUBA", "AIDS",
            "COVID", "GIF", "IKEA", "SARS", "MERS", "FEMA", "OSHA", "DARPA", "CERN", "ASAP", "NAFTA", "ASEAN",
            "INTERPOL", "SWAT", "PIN", "SIM", "LAN", "WAN", "RAM", "ROM", "CAPTCHA", "GIS", "BAFTA", "MENSA",
            "NIMBY", "YOLO", "OLED", "LED", "LIDAR", "SONAR", "TESOL", "UNIX", "LINUX", "JSON", "YAML",
            "ZIP"}  # fmt: skip
_ACRONYM_SAY = {"WWI": "World War One", "WWII": "World War Two",
                "JPEG": "jay peg", "COVID": "Covid", "LED": "led", "OLED": "oh led", "OK": "okay",
                "GIF": "gif", "PIN": "pin", "SIM": "sim"}  # fmt: skip
# Initialisms: espeak-ng (which piper speaks through) spells capitals it cannot read as a word ("FBI", "the
# IT team", "the US"), so these stay as written; the few it reads as a word ("the AP." as "app", "WHO" as
# "who", "EV" as "ev") are written as hyphen-joined letters, which it spells.
INITIALISMS = {"FBI", "CIA", "NSA", "USA", "UK", "EU", "UN", "BBC", "CNN", "NBC", "CBS", "ABC", "HBO", "IBM", "HP",
               "AI", "ML", "API", "CPU", "GPU", "HTML", "CSS", "PDF", "URL", "USB", "TV", "DVD", "CD", "ID", "IT",
               "HR", "PR", "CEO", "CFO", "CTO", "COO", "VP", "MP", "DJ", "NYC", "LA", "DC", "UFO", "ATM", "FAQ",
               "IRS", "DOJ", "FDA", "CDC", "GDP", "NHS", "MIT", "UCLA", "NFL", "NBA", "MLB", "NHL", "BMW", "VAT",
               "US", "IQ", "PC", "PhD", "MBA", "SUV", "RV", "IOU", "DNA", "RNA", "HIV", "ICU", "ER", "OS", "IP",
               "VPN", "SMS", "GPS", "RSVP", "DIY", "FYI", "BTW", "SQL"}  # fmt: skip
SPELLED = {"AP", "WHO", "EV", "AM", "PM", "AD", "IST", "AEST", "AEDT"}
SYMBOL_WORDS = {"&": "and", "%": "percent", "@": "at", "+": "plus", "=": "equals", "#": "number", "$": "dollars",
                "€": "euros", "£": "pounds", "¥": "yen", "₹": "rupees", "/": "slash", "_": "underscore",
                "-": "dash", ".": "dot", ":": "colon", "?": "question mark", "~": "tilde", "*": "star",
                "^": "caret", "|": "bar", "\\": "backslash", "<": "less than", ">": "greater than", "×": "times",
                "÷": "divided by", "±": "plus or minus", "≈": "about", "°": "degrees", "¢": "cents"}  # fmt: skip
_PROSE_SYMBOLS = "&@+=#$€£¥₹%×÷±≈"
_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅛": (1, 8), "⅜": (3, 8),
           "⅝": (5, 8), "⅞": (7, 8)}  # fmt: skip
# Words before a Roman numeral that make it a number ("Chapter IV", "World War II", "Super Bowl LVIII").
_ROMAN_KEYWORDS = {"chapter", "part", "volume", "vol.", "book", "act", "scene", "section", "article", "phase",
                   "episode", "appendix", "level", "stage", "type", "class", "grade", "war", "bowl", "title",
                   "tier", "mark", "mk", "rocky", "psalm", "canto", "series", "unit", "round", "year"}  # fmt: skip
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
                 "Suleiman", "Selim", "Murad", "Abdul", "Rama", "Akihito"}  # fmt: skip
_NUMERAL_I_AFTER = re.compile(
    r"\s*(?:[,;:!?)]|\.(?:\s|$)|$|\s(?:of|and|or|died|reigned|"
    r"became|ruled|married|who|whose|'s)\b)|['’]s\b"
)
# Keywords a single-letter numeral follows as a number ("Part I", "World War I"; not "Series X", "Type V")
_ROMAN_LETTER_AFTER = {"chapter", "part", "volume", "vol.", "book", "act", "scene", "section", "article", "appendix",
                       "psalm", "canto", "episode", "phase", "stage", "round", "war", "rocky", "title"}  # fmt: skip
_GIVEN_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s[A-Z][a-z]+\s$")
_NAME_JUST_BEFORE = re.compile(r"\b([A-Z][a-zé]+)\s$")
_YEAR_BEFORE = {"in", "since", "by", "from", "until", "till", "to", "of", "year", "circa", "c.", "ca.", "before",
                "after", "around", "early", "late", "mid", "summer", "winter", "spring", "autumn", "fall", "during",
                "between", "and", "through", "born", "died", "founded", "established", "est.", "vintage",
                "class", "copyright", "©"} | {m.lower() for m in MONTHS}  # fmt: skip
_YEAR_AFTER = {"was", "were", "is", "will", "saw", "had", "has", "and", "or", "to", "when", "as", "in", "at", "on",
               "for", "with", "brought", "began", "ended", "election", "elections", "season", "census", "olympics",
               "model", "edition", "version", "budget", "world", "cup", "campaign", "report", "survey", "film",
               "movie", "album", "tour", "game", "games", "championship", "war", "crisis", "act", "law", "ad",
               "bc", "bce", "ce", "onwards", "onward", "until", "through", "by", "the", "where", "before",
               "after", "then", "that", "which", "would", "could", "vintage", "release"}  # fmt: skip
_SCORE_CONTEXT = re.compile(
    r"\b(?:won|win|wins|lost|lose|loses|beat|beats|drew|draw|draws|score|scored|scores|final|defeat|defeated|"
    r"victory|led|leads|lead|trailed|trailing|ahead|behind|tied|tie)\b\W*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_SCORE_AFTER = re.compile(r"\s*(?:win|victory|defeat|loss|lead|draw|drubbing|thrashing|scoreline)\b", re.IGNORECASE)

_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+"
# A number starts where no digit (or digit and separator) stands before it: each rule then tries one start
# per digit run, not one per digit (which would make a long run quadratic).
_BOOKS = (
    "Genesis|Exodus|Leviticus|Numbers|Deuteronomy|Joshua|Judges|Ruth|Samuel|Kings|Chronicles|Ezra|Nehemiah|Esther"
    "|Job|Psalms?|Proverbs|Ecclesiastes|Songs?|Isaiah|Jeremiah|Lamentations|Ezekiel|Daniel|Hosea|Joel|Amos|Obadiah"
    "|Jonah|Micah|Nahum|Habakkuk|Zephaniah|Haggai|Zechariah|Malachi|Matthew|Mark|Luke|John|Acts|Romans|Corinthians"
    "|Galatians|Ephesians|Philippians|Colossians|Thessalonians|Timothy|Titus|Philemon|Hebrews|James|Peter|Jude"
    "|Revelation"
)
_EXPIRY_BEFORE = re.compile(
    r"\b(?:expires|expiry|expiration|exp\.?|valid (?:thru|through|until|till)|good (?:thru|through))"
    r"\s*(?:date\s*)?:?\s$",
    re.IGNORECASE,
)
_EURO_NUM = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{2})?|[0-9]+,[0-9]{2}"
_AT_NUM = r"(?<![0-9])(?<![0-9][.,])"
# or at a minus sign before one (not after a full stop: "a.m.-6 p.m." is a range)
_AT_SIGNED = rf"(?:{_AT_NUM}(?![-−])|(?<![0-9A-Za-z.%°])(?=[-−]))"  # a number, or its minus sign ("−3", U+2212 too)
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_SPACED_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(UNITS) - _ATTACHED_ONLY_UNITS, key=len, reverse=True))
_SCALE_ALT = "|".join(sorted(SCALES, key=len, reverse=True))
_ABBR_ALT = "|".join(re.escape(a) for a in sorted(ABBREVIATIONS | TITLES, key=len, reverse=True))
_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_STOP_AFTER = re.compile(r"\s+(?:[A-Z\"(]|'(?![0-9]{2}\b))|\s*$")
# time zones after a time: "7:05 p.m. ET on ESPN" goes on
_ZONE_AFTER = re.compile(r"\s+(?:[ECMP][SD]?T|GMT|UTC|BST|CES?T|IST|AE[SD]T|JST|HST|AKST)\b")
_WORD_BEFORE = re.compile(r"([A-Za-z.©]+)\W*$")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
_RATIO_BEFORE = re.compile(
    r"\b(?:ratio|odds|aspect)\b(?:\s+(?:of|is|was|about|around|roughly|nearly)){0,2}\s*$", re.IGNORECASE
)
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s$")
_LOOK = 40  # characters of context a rule may read either side of its match

_RULES: list[tuple[str, str]] = [
    ("brackets", r"\[\[|\]\]"),  # piper reads [[...]] as raw phonemes: never from the text itself
    ("url", r"\b(?:https?://|www\.)[^\s<>\"']{0,2000}[^\s<>\"'.,;:!?)\]]"),
    ("email", r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\b"),
    # "a 401(k)", "403(b)": retirement plans by their section of the tax code, said "four oh one K"
    ("tax_plan", r"\b(?P<tp1>[1-9])0(?P<tp2>[1-9])\((?P<tpl>[a-z])\)"),
    ("boeing", r"(?<=Boeing )(?P<bo1>7)(?P<bo2>[0-9]7)\b"),  # "a Boeing 737": seven thirty seven
    ("card_end", r"(?<=ending in )(?P<ce>[0-9]{4})\b(?![.,][0-9])"),  # "acct. ending in 4321": digit by digit
    ("vanity", r"\b1-(?P<tf>8(?:00|33|44|55|66|77|88))-(?P<vw>[A-Z]{3,10})\b"),  # "1-800-FLOWERS"
    ("phone_x", r"(?<=[0-9]{3}[-. ][0-9]{4}) x(?=[0-9]{1,5}\b)"),  # "(555) 123-4567 x89": extension
    ("video_lines", r"\b(?P<vl>480|576|720|1080|1440|2160|4320)p\b"),  # "1080p": ten eighty p
    # "+44 (0)20 7946 0958": the trunk zero in brackets is not dialled from abroad, and not said
    (
        "phone_intl",
        r"(?<![0-9])\+[0-9]{1,3}(?:\s?\(0\)(?=\s?[0-9]))?(?:[\s.-]?\(?[0-9]{1,5}\)?)(?:[\s.-]\(?[0-9]{1,6}\)?){1,4}"
        r"(?![0-9])|(?<![0-9])\+[0-9]{8,15}(?![0-9])",
    ),
    ("phone", r"(?<![0-9])(?:1[\s.-])?\(?[2-9][0-9]{2}\)?[\s.-][0-9]{3}[\s.-][0-9]{4}(?![0-9])"),
    ("phone_gb", r"(?<![0-9,.])0[0-9]{2,4}\s[0-9]{3,4}\s?[0-9]{3,4}(?![0-9])"),
    # a seven-digit local number ("555-0187"): after "call", "phone" and the like, or with a second part no
    # range has (a leading zero, or smaller than the first)
    ("phone_local", r"(?<![0-9A-Za-z.,-])(?P<pl1>[2-9][0-9]{2})-(?P<pl2>[0-9]{4})(?![0-9]|-[0-9]|[.,][0-9])"),
    # ZIP codes: five digits after a state or "ZIP", or ZIP+4 ("10001-2345"), digit by digit
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
    # 6'2" and 5' 11": feet and inches
    (
        "feet_inches",
        r"(?<![0-9.])(?P<fif>[0-9]{1,2})\s?['′’]\s?(?P<fii>[0-9]{1,2}(?:\.[0-9])?)\s?(?:\"|″|”|''|\s?in\b\.?)",
    ),
    ("always", r"(?<![0-9/])24/7/365(?![0-9/])"),  # "open 24/7/365"
    (
        "num_date",
        r"\b(?P<na>[0-9]{1,2})(?P<nsep>[/.])(?P<nb>[0-9]{1,2})(?P=nsep)(?P<ny>[0-9]{4}|[0-9]{2})\b(?![./][0-9])",
    ),
    (
        "dash_date",
        r"(?<![0-9-])(?P<da>[0-9]{1,2})-(?P<db>[0-9]{1,2})-(?P<dy4>(?:1[89]|20)[0-9]{2})(?![0-9]|[-/.][0-9])",
    ),
    # "€1.299,00", "€12,50", "1.500 €", "12,50 €": euros written the continental way (a full stop between
    # thousands, a comma before cents), or with the sign after the amount
    (
        "money_euro",
        rf"€\s?(?P<eu1>{_EURO_NUM})(?![0-9]|[.,][0-9])|(?<![0-9.,])(?P<eu2>{_EURO_NUM}|[0-9]+(?:\.[0-9]{{2}})?)\s?€",
    ),
    (
        "money",
        rf"(?:\b(?P<mpre>US|AU|A|CA|C|HK|NZ|S)(?=\$))?(?P<cur>[$€£¥₹])\s?(?P<amt>{_NUM})(?:(?P<mscale>[kKmMbBT]|bn|mn|tn)\b|\s?(?P<mword>thousand|million|"
        r"billion|trillion)\b)?",
    ),
    (
        "money_code",
        rf"{_AT_NUM}(?P<amt2>{_NUM})\s?(?P<code>USD|EUR|GBP|JPY|INR|CHF|CAD|AUD)\b|\b(?P<code2>USD|EUR|GBP|JPY|"
        rf"INR|CHF|CAD|AUD)\s?(?P<amt3>{_NUM})(?:\s?(?P<mword2>thousand|million|billion|trillion)\b)?",
    ),
    ("cents", rf"{_AT_NUM}(?P<ct>{_NUM})\s?¢|(?<![0-9A-Za-z.,$€£/])(?P<ct2>[1-9][0-9]?)c\b(?![-'’.&][A-Za-z0-9])"),
    (
        "year_range",
        r"(?<![0-9.,])(?P<ya>1[1-9][0-9]{2}|20[0-9]{2})(?P<ysep>-|–|\s–\s|/(?=[0-9]{2}\b))"
        r"(?P<yb>[0-9]{2}|1[1-9][0-9]{2}|20[0-9]{2})"
        rf"(?![0-9%°]|\s?(?:(?:{_UNIT_ALT})(?![A-Za-z0-9])|%))",  # not "1990-95 kg"; "the 1914-18 war" is years
    ),
    # "John 3:16-18", "Matthew 5:3-12": a chapter and its verses, after a book of the Bible
    (
        "verses",
        rf"\b(?P<vbook>{_BOOKS}) (?P<vch>[0-9]{{1,3}}):(?P<vv1>[0-9]{{1,3}})"
        r"(?:(?:-|–)(?P<vv2>[0-9]{1,3}))?(?![0-9:])",
    ),
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
    # "3-5 pm", "9–11 a.m.": a range of hours
    (
        "hour_range",
        r"(?<![0-9A-Za-z.,:-])(?P<hr1>1[0-2]|0?[1-9])(?:-|–|\s–\s)(?P<hr2>1[0-2]|0?[1-9])\s?(?P<hrap>[AaPp])"
        r"(?:\.\s?[Mm]\b\.?|[Mm]\b)",
    ),
    (
        "ap_range",
        r"\b(?P<ap1>1[0-2]|[1-9])(?P<apa>[ap])\s?[-–]\s?(?P<ap2>1[0-2]|[1-9])(?P<apb>[ap])\b(?![-'’&.])",
    ),  # "10a–6p"
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
    # "3:1", "1:1000", "a 1:50,000 map", "1:24k"
    ("ratio", r"(?<![0-9:])(?P<ra1>[0-9]{1,4}):(?P<ra2>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,4})(?P<rak>k\b)?(?![0-9:])"),
    (
        "date",
        rf"\b(?:(?P<wd>{_WEEKDAY_RE}),?\s)?(?:(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s(?:of\s)?|-)(?P<m1>{_MONTH_RE})"
        rf"|(?P<m2>{_MONTH_RE})\s(?:the\s)?(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\b(?!:|[.,][0-9])"
        r"(?:(?:-|–)(?P<d3>[0-9]{1,2})(?:st|nd|rd|th)?\b(?![0-9:]|[.,][0-9]))?)"
        r"(?:(?:,?\s|-)(?P<dy>[12][0-9]{3})\b(?![.,:][0-9]))?",
    ),
    # Tue, Wed, Thu, Fri are never words; Mon, Sat, Sun only with a dot, a date or another weekday next
    (
        "weekday",
        r"\b(?P<wk>Tues?|Wed|Thu(?:rs?)?|Fri)\b\.?|\b(?P<wk2>Mon|Sat|Sun)\b(?:\.|(?=,?\s[0-9])"
        r"|(?=(?:,|\s(?:and|or|to|&|-|–))\s?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b)|(?=[-–/&](?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)))"
        rf"|(?=Mon|Sat|Sun){_AFTER_WEEKDAY}\b(?P<wk3>Mon|Sat|Sun)\b\.?",
    ),
    (
        "month",
        r"\b(?P<mo>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b(?P<mo2>Feb|Aug|Sept?|Oct|Nov|Dec)\b"
        r"|\b(?P<mo3>Jan|Mar|Apr|Jun|Jul)\b(?=\s(?:1[0-9]{3}\b|20[0-9]{2}\b|['’][0-9]{2}\b))",  # "Mar 2021", "Jan '22"
    ),
    # "the 90th min": a minute of a match ("min." alone is "minimum")
    ("team", r"\b(?P<team>49|76)ers\b"),  # the 49ers, the 76ers
    ("nth_minute", r"\b(?P<omn>[0-9]{1,3})(?:st|nd|rd|th)\s(?:min|mins)\b\.?"),
    ("ordinal", r"\b(?P<ord>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,15})(?:st|nd|rd|th)\b"),  # "3rd", "the 1,000th"
    (
        "decade",
        r"\b(?P<dec>1[1-9][0-9]0|20[0-9]0)'?s\b|(?<![A-Za-z0-9])['’](?P<dec2>[0-9]0)s\b"
        r"|(?<![A-Za-z0-9.,'’-])(?P<dec3>[1-9]0)s\b",
    ),
    # "3x faster", "2x the price" (times); "x2" (times two); "3x4" is the multiply rule
    ("times", rf"{_AT_NUM}(?P<tn>{_NUM})x\b(?![0-9])|(?<![A-Za-z0-9])x(?P<tx>[0-9]{{1,3}})\b(?![.,][0-9])"),
    # "exp. 08/27", "valid thru 12/26": a card's month and year
    ("expiry", r"(?:\b(?P<exw>[Ee]xp)\.\s?)?(?<![0-9/.,])(?P<exm>0[1-9]|1[0-2])/(?P<exy>[0-9]{2})\b(?![/.,][0-9])"),
    ("tv_time", r"(?<![0-9/.,])(?P<tv1>[0-9]{1,2})/(?P<tv2>[0-9]{1,2})c\b"),  # "8/7c": eight, seven central
    (
        "fraction",
        r"(?<![0-9/.,])(?:(?:(?P<fw>[0-9]{1,6})(?:\s|-)?)?(?P<fv>[½⅓⅔¼¾⅕⅛⅜⅝⅞])|(?:(?P<fw2>[0-9]{1,6})(?P<fwj>\s|-))?"
        rf"(?P<fn>[0-9]{{1,3}})/(?P<fd>[0-9]{{1,3}})(?![0-9/]))(?:\s?(?P<funit>{_SPACED_UNIT_ALT}|in(?=\.\s+[a-z0-9(]))(?![A-Za-z0-9²³])(?:\.(?=\s+[a-z0-9(]))?|(?P<finch>[\"″”]))?",
    ),
    # "RTX 4090", "the 3080 Ti": a product's four-digit model number, said in pairs like a year
    ("model_number", r"(?<![0-9.,$€£¥-])(?P<mn>[1-9][0-9]{3})(?![0-9A-Za-z°%]|[.,][0-9]|-[0-9]|\s%)"),
    ("formation", r"(?<![0-9A-Za-z.,-])[1-9](?:-[1-9]){2,8}(?![0-9A-Za-z-])"),  # "a 4-4-2", "the 3-4-3 formation"
    (
        "range",
        rf"(?<![0-9A-Za-z.,-])(?P<rs>[$€£¥])?(?P<ra>{_NUM})(?:-|\s?–\s?)(?P<rb>{_NUM})(?![0-9])"
        rf"(?:(?P<rsp>\s?)(?P<runit>{_UNIT_ALT}|%)(?![A-Za-z0-9]))?",
    ),
    (
        "unit",
        rf"{_AT_SIGNED}(?P<un>[-−]?(?:{_NUM}))(?P<usp>\s?|-(?=[A-Za-z°º]))(?P<unit>{_UNIT_ALT})(?![A-Za-z0-9²³])"
        r"(?P<udot>\.(?=\s+[a-z0-9(]|[;,:)]))?",
    ),
    ("percent", rf"{_AT_SIGNED}(?P<pct>[-−]?(?:{_NUM}))\s?(?:%|percent\b)"),
    ("year", r"(?<![0-9.,])(?P<yr>1[0-9]{3}|20[0-9]{2})(?![0-9]|,[0-9]|\.[0-9])"),
    # "$2bn", "5M views", "8.3M (2020)": a scale (a whole number and a letter only before a counted word)
    (
        "scaled",
        rf"{_AT_NUM}(?P<sn>{_NUM})(?:\s?(?P<sscale>bn|mn|tn)\b|(?P<sscale2>K|k|M|B)(?=\s+[a-z]|(?<=\.[0-9]K|\.[0-9]k|\.[0-9]M|\.[0-9]B)"
        r"(?:[\s,;:)!?]|\.(?![A-Za-z0-9])|$)))",
    ),
    ("multiply", r"(?<=[0-9\"″”'′])\s?[x×]\s?(?=[0-9])"),
    ("number_sign", r"#(?P<hashn>[0-9]{1,15})\b"),
    ("circa", r"\b(?:c|ca|cir)\.\s?(?=[12][0-9]{3}\b)"),  # "c. 1850": circa
    # "$52K/yr", "$90/night", "3/wk": a rate, "a year"
    # ... and after a count's noun: "7 days/wk", "3 times/day"
    (
        "per",
        r"(?:(?<=[0-9KkMB%])|(?<=[0-9] days)|(?<=[0-9] hours)|(?<=[0-9] hrs)|(?<=[0-9] times)|(?<=[0-9] nights))"
        r"/(?P<per>yr|year|mo|month|wk|week|day|hr|hour|night|person|head|min|sec)\b\.?"
        # "mg/day", "steps/week", "req/min": after a word, the times of a rate only
        r"|(?<=[A-Za-z])/(?P<per2>yr|year|mo|month|wk|week|day|night|min|sec)\b\.?",
    ),
    # "11,000/km²", "$5/lb": per a unit; "100 mg/dL", "52 ml/kg/min": a unit per a unit
    (
        "per_unit",
        r"(?<=[0-9])/(?P<pu>km²|m²|sq ft|sq km|kg|km|lb|oz|ft|mi|L|ml|g|m)(?![A-Za-z0-9²])\.?"
        r"|(?:(?<=[0-9] mg)|(?<=[0-9] mL)|(?<=[0-9] ml)|(?<=[0-9] kg)|(?<=[0-9]mg)|(?<=[0-9]mL)|(?<=[0-9]ml)"
        r"|(?<=[0-9]kg))/(?P<pu2>dL|L|kg|m²)(?![A-Za-z0-9²])",
    ),
    # "rated 4.5/5": a rating out of a whole number
    ("rating", rf"{_AT_NUM}(?P<rtn>[0-9]{{1,3}}\.[0-9]{{1,2}})/(?P<rtd>[0-9]{{1,3}})(?![0-9/]|\.[0-9])"),
    ("hashtag", r"(?<![A-Za-z0-9&])#(?P<tag>[A-Za-z][A-Za-z0-9_]{0,60})(?P<tagid>(?:-[0-9A-Za-z]{1,20}){1,4})?"),
    ("number_no", r"\b[Nn]o\.\s?(?P<non>[0-9]{1,15})"),
    # "2.0.1", "v3.10.2": each part a number, joined by "point"; four parts ("192.168.0.1") by "dot"
    ("version", r"(?<![0-9.,])[vV]?(?P<ver>[0-9]{1,4}(?:\.[0-9]{1,4}){2,3})(?![0-9]|\.[0-9])"),
    # three-digit service numbers after call, dial, ring or text are said digit by digit ("call 911")
    ("service_number", r"(?i:(?<=call )|(?<=dial )|(?<=ring )|(?<=text ))(?P<svc>[2-9]11|999|112|000|111)(?![0-9])"),
    # "+5 degrees", "+3.5%": a sign said ("+44 20 ..." is a phone number, an earlier rule)
    # "Jan. '21", "class of '05": a year's last two digits
    ("short_year", r"(?<![A-Za-z0-9])['’](?P<sy>[0-9]{2})\b(?!['’]?s\b|[.,:][0-9])"),
    ("star_code", r"(?<![0-9A-Za-z*])\*(?=[0-9]{2,3}\b)"),  # "dial *67"
    ("under_age", r"\b(?P<ua>[Uu]nder|[Oo]ver)-(?P<uan>[0-9]{1,2})s\b"),  # "under-2s", "over-65s"
    ("plus_sign", r"(?<![0-9A-Za-z+)\]])\+(?=[0-9]|\.[0-9])"),
    # "25C", "-4F": a temperature without its degree sign, where the words around it say so ("seat 14C" stays)
    ("temp_letter", rf"{_AT_SIGNED}(?P<tl>-?[0-9]{{1,3}}(?:\.[0-9])?)(?P<tlu>[CFc])\b(?![-'’.&][A-Za-z0-9])"),
    # 12" x 8": inches, where the mark follows a number and no quotation is open
    ("inch_mark", rf"{_AT_NUM}(?P<inm>{_NUM})(?:\"|″|”)"),
    ("years_old", r"(?<=[0-9])\s?(?:y/o\b|y\.o\.)(?![A-Za-z])"),  # "a 45 y/o male"
    ("section", r"(?:\b[Ss]ec(?P<secs>s)?\.|(?P<sect>§§?))\s?(?=[0-9])"),  # "sec. 4.2", "§ 12"
    ("number", rf"(?<![0-9A-Za-z.%°])[-−](?={_NUM})(?P<neg>{_NUM})|{_AT_NUM}(?:{_NUM})"),
    ("digits", r"[0-9]+"),  # digits glued to letters ('A4', 'mp3'): still never silent
    # "Austin, TX": a state after a place name
    (
        "state",
        r"(?<=[a-z], )(?P<st>[A-Z]{2})\b(?=\s?[0-9]{5}\b|[.,;:!?)]|$|\s+[a-z(])",
    ),
    # "N. Main St.", "100 W. Oak Ave.", "NW winds": compass points
    (
        "compass",
        r"\b(?P<cp>[NSEW])\.(?=\s(?:[A-Z]|[0-9]{1,3}(?:st|nd|rd|th)\b))"
        r"|\b(?P<cp2>[NS][EW]|[NS]{2}[EW]|[EW][NS][EW])\b(?![-.'’][A-Za-z])",
    ),
    # UK postcodes: "NW1 6XE", "SW1A 2AA", letter by letter
    ("postcode", r"\b(?P<pc1>[A-Z]{1,2}[0-9][A-Z0-9]?)\s(?P<pc2>[0-9][A-Z]{2})\b"),
    # "the A303", "an A380": a letter and three or four digits, said as people say road and model numbers
    ("lettered", r"\b(?P<ll>[A-Z])(?P<ld>[1-9][0-9]{2,3})\b(?![.,][0-9])"),
    ("per_person", r"(?<![A-Za-z/])p/p\b\.?"),
    ("per_100km", r"(?<=[0-9] L)/100\s?km\b|(?<=[0-9]L)/100\s?km\b"),  # "6.5 L/100 km"
    # "midnight–6am", "9am-noon": a dash between a time and noon or midnight
    ("noon_dash", r"(?<=noon)[-–](?=[0-9])|(?<=midnight)[-–](?=[0-9])|(?<=[AaPp][Mm])[-–](?=noon\b|midnight\b)"),
    ("ext", r"\b[Ee]xt\b(?=\s?[0-9])"),
    ("hrs_after_time", r"(?<=[0-9]{2}:[0-9]{2} )(?:hrs|hr)\b\.?"),  # "09:00 hrs": hours
    ("power", r"(?<=[0-9a-z)])\^(?=[-−]?[0-9a-z(])"),  # "2^10": two to the power of ten
    ("root", r"√(?=\s?[0-9(a-z])"),  # "√16": the square root of sixteen
    (
        "for_days",
        r"(?<=[a-z] )x(?= [0-9]{1,3} (?:days|weeks|months|doses)\b)",
    ),  # "3x daily x 10 days": for  # "555-0199 ext 12"
    ("pcm", r"(?<=[0-9] )pcm\b|(?<=[0-9])pcm\b"),  # "£1,450 pcm": per calendar month
    # "A1:A10", "B2:D20": a range of spreadsheet cells
    ("cells", r"\b(?P<ce1>[A-Z]{1,2})(?P<cn1>[0-9]{1,5}):(?P<ce2>[A-Z]{1,2})(?P<cn2>[0-9]{1,5})\b"),
    ("street_word", r"\b(?P<sw>Ave|Blvd|Rd|Ln|Pkwy)\b(?![.'’-])"),  # "350 5th Ave, New York"; "Ave Maria" stays
    ("spaced_slash", r"(?<=\S) / (?=\S)"),  # "425°F / 220°C", "Doors 7:30pm / show 8:30pm": a pause
    ("cup_c", r"(?<=[0-9½⅓⅔¼¾⅛] )c\.(?=\s+[a-z])"),  # "2 c. sugar", "1 1/2 c. broth": cups in a recipe
    # "Pop. 8.3M", "Prop. 22", "Dep. 06:40", "Ep. 47": words written short before the number they name
    ("before_number", r"\b(?P<bn>[Pp]op|Prop|[Dd]ep|[Aa]rr|Ep|[Ww]k)\.(?=:?\s?[0-9])|(?<=['’]s )(?P<bn2>pop)\.(?=\s)"),
    ("weekdays", r"(?<![A-Za-z-])M(?:-|–)F\b(?!-)"),  # "9am-5pm M-F": Monday to Friday
    # "a B+", "an A-": grades, after the words that give them
    ("grade", r"(?<=\s)(?P<grl>[A-F])(?P<grs>[+-])(?![A-Za-z0-9+-])"),
    ("caps", r"\b(?P<caps>[A-Z]{1,8}|PhD)(?P<capss>s|'s|’s)?\b(?![-.][A-Za-z])"),
    # with or without its full stop ("St Paul's", "Baker St, London": espeak-ng says "saint" and "doctor" for both)
    ("doctor_saint", r"\b(?P<ds>Dr|St)(?:\.|(?=[ ,;:!?)]|$))(?=\s?(?P<dsnext>[A-Z])?)"),
    ("etc", r"\betc\."),
    ("abbr", rf"(?<![A-Za-z.])(?:{_ABBR_ALT})(?![A-Za-z])"),
    ("approx_sign", r"(?<![^\s(])[~≈<>](?=\s?[0-9$€£¥])"),  # "~5 km": about five kilometers; "<5%": less than
    (
        "symbol",
        rf"(?<!\S)[{re.escape(_PROSE_SYMBOLS)}](?!\S)|(?<=[0-9])[+=](?=[0-9])|(?<=[0-9kKMB%])\+(?![0-9A-Za-z])|[$€£¥₹%]",
    ),
]
_COMPILED = [(name, re.compile(rx)) for name, rx in _RULES]


def _matches(text: str, start: int, end: int) -> Generator[tuple[str, re.Match[str]], str | None, None]:
    """The matches of the rules as one alternation in rule order would give them (leftmost first; at one
    position the earliest rule; the scan goes on after each match), found rule by rule: each rule's own
    pattern keeps the regex engine's fast scanning for its first character, which one alternation of
    forty rules loses (ten times slower on plain prose). Each rule's next match is kept until the scan
    passes it, so every rule reads the text about once. A match the caller declines (``send(rule)``) is
    dropped and the scan stays where it was, so a later rule may take the same place."""
    # (start, rule index, match): each rule's next match; the top is the leftmost, the earliest rule on ties
    heap = [(m.start(), i, m) for i, (_, rx) in enumerate(_COMPILED) if (m := rx.search(text, start, end))]
    heapq.heapify(heap)
    pos = start
    while heap:
        at, i, m = heap[0]
        rx = _COMPILED[i][1]
        if at < pos:  # the scan passed it: that rule's next match from here
            nxt = rx.search(text, pos, end)
            if nxt is None:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (nxt.start(), i, nxt))
            continue
        declined = yield _COMPILED[i][0], m
        if declined is not None:  # the caller declined it: this rule's next match, the others still here
            yield "", m  # the value of send(); the caller's loop goes on with the next match
            pos_from = at + 1
        else:
            pos = max(m.end(), at + 1)
            pos_from = pos
        nxt = rx.search(text, pos_from, end)
        if nxt is None:
            heapq.heappop(heap)
        else:
            heapq.heapreplace(heap, (nxt.start(), i, nxt))


class _Groups:
    """``m.groupdict()`` without building it: the pattern has dozens of groups and a rule reads a few."""

    def __init__(self, m: re.Match[str]) -> None:
        self.m = m

    def __getitem__(self, name: str) -> Any:  # str or None, as groupdict() gives
        return self.m.group(name)


class _Ctx:
    """One match, the text around it (bounded) and the region."""

    def __init__(self, m: re.Match[str], region: Region) -> None:
        self.m = m
        self.g = _Groups(m)
        self.text = m.group()
        self.region = region

    def before(self) -> str:
        s = self.m.string
        return s[max(0, self.m.start() - _LOOK) : self.m.start()]

    def word_before(self) -> str:
        w = _WORD_BEFORE.search(self.before())
        return w.group(1).lower() if w else ""

    def word_after(self) -> str:
        w = _WORD_AFTER.match(self.m.string, self.m.end(), self.m.end() + _LOOK)
        return w.group(1) if w else ""

    def stop(self) -> str:
        """'.' when the match's own full stop also ends the sentence (a capital or the end follows)."""
        if not self.text.endswith(".") or _ZONE_AFTER.match(self.m.string, self.m.end(), self.m.end() + _LOOK):
            return ""
        return "." if _STOP_AFTER.match(self.m.string, self.m.end(), self.m.end() + _LOOK) else ""

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


def _plural(n_text: str, one: str, many: str) -> str:
    return one if n_text.replace(",", "").lstrip("-−") == "1" else many


def _money(c: _Ctx, symbol: str, amount: str, scale: str | None, code: str | None = None) -> str:
    one, many, sub_one, sub_many = CURRENCIES[symbol]
    if code in _CODE_NAMES:
        one, many = f"{_CODE_NAMES[code]} {one}", f"{_CODE_NAMES[code]} {many}"
    raw = amount.replace(",", "")
    after = c.word_after()
    if _ARTICLE_BEFORE.search(c.before()) and after.islower() and after not in _NOT_A_NOUN and "." not in raw:
        many = one  # "the $7,500 credit", "a $2M deal": a seven thousand five hundred dollar credit
    if scale:
        return f"{c.num(amount)} {SCALES[scale]} {many}"
    whole, _, frac = raw.partition(".")
    if frac and len(frac) == 2 and sub_one:
        cents = int(frac)
        if not int(whole or "0") and cents:
            return f"{c.num(str(cents))} {sub_one if cents == 1 else sub_many}"
        spoken = f"{c.num(whole or '0')} {_plural(whole, one, many)}"
        if cents:
            spoken += f" and {c.num(str(cents))} {sub_one if cents == 1 else sub_many}"
        return spoken
    if frac:
        return f"{c.num(raw)} {many}"
    return f"{c.num(whole)} {_plural(whole, one, many)}"


def _euro_amount(written: str) -> str:
    """A continental amount as the English digits ``_money`` reads: "1.299,00" is 1299.00, "1.500" 1500, and
    "12.50" (before a sign after it, written the English way) stays 12.50."""
    if "," in written or re.search(r"\.[0-9]{3}", written):
        return written.replace(".", "").replace(",", ".")
    return written


def _minutes(c: _Ctx, minute: int) -> str:
    return f"oh {c.num(str(minute))}" if minute < 10 else c.num(str(minute))


def _time(c: _Ctx, hour: int, minute: int, ampm: str | None) -> str | None:
    if not ampm and (c.word_after().lower() in ("ratio", "odds") or _RATIO_BEFORE.search(c.before())):
        return None  # "a ratio of 13:12": the ratio rule reads it
    h = c.num(str(hour))
    if hour == 0 and minute and not ampm:  # "00:15": twelve fifteen AM
        h, ampm = c.num("12"), "a"
    if minute == 0:
        if ampm or c.word_after().lower() in ("noon", "midnight"):
            spoken = h
        elif hour == 12:
            spoken = "twelve noon" if c.region.tag == "en-GB" else "twelve o'clock"
        elif hour > 12 or c.text.startswith("0") or hour == 0:
            spoken = "midnight" if hour == 0 else f"{h} hundred"
        else:
            spoken = f"{h} o'clock"
    elif minute < 10:
        spoken = f"{h} oh {c.num(str(minute))}"
    else:
        spoken = f"{h} {c.num(str(minute))}"
    if ampm:
        # 'AM'/'PM' in capitals: espeak-ng spells them after a number (lower case 'a m' is heard as "uh m")
        spoken += " AM" if ampm.lower() == "a" else " PM"
    return spoken + c.stop()


def _month(name: str) -> str:
    key = name.rstrip(".")[:3].lower()
    return next(m for m in MONTHS if m[:3].lower() == key)


def _weekday(name: str) -> str:
    key = name.rstrip(".").lower()
    return WEEKDAYS[_WEEKDAY_ABBR[key[:4] if key[:4] in _WEEKDAY_ABBR else key[:3]]]


def _month_day(c: _Ctx, a: int, b: int) -> str | None:
    """'12/3' after "on", "due", a weekday...: a date (month/day, or day/month where the day comes first)."""
    if (a, b) == (24, 7) or a == b:  # "24/7", "50/50"
        return None
    before = c.word_before().rstrip(".")
    # "shipped 3/14": a day over 12 where no fraction is likely (improper, or a denominator fractions rarely have)
    day_over_12 = (a if c.region.day_first else b) > 12 and (a >= b or b not in _FRACTION_DENOMINATORS)
    if before not in _DATE_BEFORE and not (before in _DATE_BEFORE_LOOSE and b not in _FRACTION_DENOMINATORS) \
            and not day_over_12:  # fmt: skip
        return None
    if c.word_after().lower() in _MEASURE_NOUNS:
        return None
    month, day = (b, a) if c.region.day_first else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _date(c, None, month, day)


_PERSON_BEFORE = re.compile(
    r"(?:[A-Z][a-z]+\s[A-Z][a-z]+|\b(?:Dr|Mr|Mrs|Ms|Prof)\.?\s[A-Z][a-z]+|\b(?:PhD|MBA|RN|DO|JD|DDS|MSc|BSc|BA)),\s$"
)


def _state(c: _Ctx) -> str | None:
    code = c.g["st"]
    if code not in US_STATES and code not in CA_PROVINCES:
        return None
    after = c.m.string[c.m.end() : c.m.end() + 8]
    zip_after = re.match(r"\s?[0-9]{5}\b", after) is not None
    if code in _STATE_WORDS and not (zip_after or (code in ("OR", "ON") and re.match(r"[.,;:!?)]", after))):
        return None  # "Yes, OK." is no Oklahoma
    # "Jane Doe, MD", "Dr. Kim, MD", "Lee, PhD, MD" are degrees; "Baltimore, MD" a state: a place of one
    # capitalised word, or a ZIP code
    if code in ("MD", "PA", "MS", "MA") and not zip_after and _PERSON_BEFORE.search(c.before()):
        return None
    return US_STATES.get(code) or CA_PROVINCES[code]


def _date(c: _Ctx, y: int | None, m: int, d: int, weekday: str | None = None) -> str | None:
    if not 1 <= m <= 12 or not 1 <= d <= 31:
        return None
    if c.region.date_day_first:
        spoken = f"the {c.nth(d)} of {MONTHS[m - 1]}"
    else:
        spoken = f"{MONTHS[m - 1]} {c.nth(d)}"
    if weekday:
        spoken = f"{_weekday(weekday)}, {spoken}"
    return spoken + (f", {c.year(y)}" if y is not None else "")


def _url(text: str, c: _Ctx) -> str:
    body = re.sub(r"^https?://", "", text)
    out: list[str] = []
    for part in re.findall(r"[A-Za-z]+|[0-9]+|[^A-Za-z0-9]", body):
        if part.isascii() and part.isdigit():  # "①".isdigit() too, and int() refuses it
            out.append(c.num(part) if len(part) <= 4 else spell_digits(part))
        elif part.lower() == "www":
            out.append("W W W")
        elif part.isalpha():
            out.append(part)
        elif part in SYMBOL_WORDS:
            out.append(SYMBOL_WORDS[part])
    return " ".join(out)


def _phone(c: _Ctx) -> str:
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


def _fraction(c: _Ctx, n: int, d: int, whole: str | None, unit: str | None = None) -> str | None:
    if d == 0:
        return None
    if n >= d and whole is None:
        if unit:
            one, many = UNITS[unit]
            return f"{c.num(str(n))} over {c.num(str(d))} {c.unit(many)}"
        if (n == 24 and d == 7) or n == d or (n + d == 100 and n % 10 == 0 and d % 10 == 0):  # "24/7", "60/40"
            return f"{c.num(str(n))} {c.num(str(d))}"
        return f"{c.num(str(n))} over {c.num(str(d))}"
    after = c.word_after()
    if unit and whole is None and d not in _FRACTION_DENOMINATORS:  # "28/34 mpg": two figures, city and highway
        return f"{c.num(str(n))}, {c.num(str(d))} {c.unit(UNITS[unit][1])}"
    if whole is None and unit is None:
        # a part of a measure or of something ("1/25 of the cost", "15/16 inch", "1/32 in. bit"), not "in the"
        measure = bool({after, after[:-1], after[:-2]} & _MEASURE_NOUNS)
        dotted_unit = after in UNITS and c.m.string[c.m.end() : c.m.end() + len(after) + 2].strip().endswith(".")
        part = after.lower() == "of" or measure or dotted_unit
        if (n, d) == (9, 11) and not part:  # "the 9/11 attacks"
            return "nine eleven"
        if d == n + 1 and n >= 10 and not part:  # "FY24/25", "the 19/20 season": a span
            return f"{c.num(str(n))} {c.num(str(d))}"
        # a score or a count: "scored 98/100", "7/20 done", "9/10 dentists", "3/5 people"
        counted = after.islower() and (after.endswith("s") or after in {"people", "men", "women", "children"})
        if not part and (d >= 20 or (counted and d <= 10)):
            return f"{c.num(str(n))} out of {c.num(str(d))}"
    spoken = _fraction_words(c, n, d, whole)
    if unit:  # "1 1/2 tsp": one and a half teaspoons; "3/4 cup": three quarters of a cup
        one, many = UNITS[unit]
        if whole is not None:  # "a 2-1/2" pipe": a two and a half inch pipe
            adjective = _ARTICLE_BEFORE.search(c.before()) and after.islower() and after not in _NOT_A_NOUN
            return f"{spoken} {c.unit(one if adjective else many)}"
        if _ARTICLE_BEFORE.search(c.before()):  # "a 1/32 in. bit": a one thirty second inch bit
            return f"{spoken} {c.unit(one)}"
        return f"{_of_a(spoken, c.unit(one))} {c.unit(one)}"
    if whole is None and after.lower() in _MEASURE_NOUNS and not after[0].isupper():
        return _of_a(spoken, after)  # the noun stays as written
    return spoken


def _of_a(fraction: str, noun: str) -> str:
    """'three quarters' before 'cup': 'three quarters of a'; 'one half': 'half a'; 'one third': 'a third of a'."""
    article = "an" if noun[:1].lower() in "aeiou" or noun.lower().startswith("hour") else "a"
    if fraction == "one half":
        return f"half {article}"
    if fraction.startswith("one "):
        fraction = "a " + fraction[4:]
    return f"{fraction} of {article}"


def _fraction_words(c: _Ctx, n: int, d: int, whole: str | None) -> str:
    if d == 2:
        name = "half" if n == 1 else "halves"
    elif d == 4:
        name = "quarter" if n == 1 else "quarters"
    else:
        name = c.nth(d) + ("" if n == 1 else "s")
    if whole is not None:
        part = f"a {name}" if n == 1 else f"{c.num(str(n))} {name}"
        return f"{c.num(whole)} and {part}"
    return f"{'one' if n == 1 else c.num(str(n))} {name}"


def _roman_value(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total


_ROMAN_FULL = re.compile(_ROMAN)
_NAME_BEFORE = re.compile(r"(?:\b([A-Za-z.]+)\s+)?\b[A-Z][a-z]+\s$")


def _caps(c: _Ctx) -> str | None:
    """Roman numerals in names and titles, then acronyms (words) and initialisms (letters)."""
    token: str = c.g["caps"]
    suffix: str = c.g["capss"] or ""
    if not suffix and token and _ROMAN_FULL.fullmatch(token):
        before = c.before()
        kw = c.word_before()
        value = _roman_value(token)
        if kw in _ROMAN_KEYWORDS and before.endswith(" ") and (len(token) > 1 or kw in _ROMAN_LETTER_AFTER):
            return c.num(str(value))
        name = _NAME_BEFORE.search(before)
        if name and set(token) <= set("IVX") and (name.group(1) or "").lower() in _REGNAL:
            return f"the {c.nth(value)}"  # "King Xerxes I", "Pope Leo XIV"
        given = _GIVEN_NAME_BEFORE.search(before)
        if given and given.group(1) in _REGNAL_NAMES and token in ("II", "III", "IV"):
            return f"the {c.nth(value)}"  # "John Smith III"
        ruler = _NAME_JUST_BEFORE.search(before)
        if name and len(token) > 1 and set(token) <= set("IVX") and not (ruler and ruler.group(1) in _REGNAL_NAMES):
            return c.num(str(value))  # "Apollo XIII", "Final Fantasy VII": a title's number
        if ruler and ruler.group(1) in _REGNAL_NAMES and set(token) <= set("IVX"):
            after = c.m.string[c.m.end() : c.m.end() + _LOOK]
            if token != "I" or _NUMERAL_I_AFTER.match(after):
                return f"the {c.nth(value)}"
    if len(token) < 2:
        return None
    if token in _ACRONYM_SAY:
        return _ACRONYM_SAY[token] + suffix
    if token in ACRONYMS:
        return token.title() + suffix
    if token in SPELLED:
        return "-".join(token) + suffix
    if token in INITIALISMS or _shouting(c):
        return None  # spelled by espeak-ng as written; a heading or shouting is left to the voice too
    if len(token) >= 4 and _pronounceable(token):
        return token.title() + suffix
    return None  # capitals espeak-ng cannot pronounce, it spells


def _shouting(c: _Ctx) -> bool:
    before = re.search(r"\b([A-Z]{2,})\W*$", c.before())
    after = re.match(r"\W{0,3}([A-Z]{2,})\b", c.m.string[c.m.end() : c.m.end() + _LOOK])
    return before is not None or after is not None


def _pronounceable(token: str) -> bool:
    """A rough test for capitals read as a word: vowels, and no run of three consonants."""
    t = token.upper()
    if not any(ch in "AEIOUY" for ch in t):
        return False
    return re.search(r"[^AEIOUY]{3}", t) is None and re.match(r"[^AEIOUY]{2}", t) is None


def _score(c: _Ctx, a: str, b: str) -> str | None:
    if not (a.isdigit() and b.isdigit() and len(a) <= 3 and len(b) <= 3):
        return None
    if not (_SCORE_CONTEXT.search(c.before()) or _SCORE_AFTER.match(c.m.string, c.m.end(), c.m.end() + _LOOK)):
        return None
    zero = c.region.score_zero

    def say(n: str) -> str:
        return zero if int(n) == 0 else c.num(n)

    return f"{say(a)}{c.region.score_joiner}{say(b)}"


def _is_year(c: _Ctx) -> bool:
    if re.search(r"\b(?:Q[1-4]|H[12]|FY)\s?$", c.before()):  # "Q2 2024", "FY 2025"
        return True
    before = c.word_before()
    if before in _YEAR_BEFORE:
        return True
    after = c.word_after()
    if not after:
        return True  # punctuation or the end follows
    if after[0].isupper():
        return True
    return after.lower() in _YEAR_AFTER


def _range(c: _Ctx) -> str:
    g = c.g
    a, b = g["ra"], g["rb"]
    score = None if g["runit"] or g["rs"] else _score(c, a, b)
    if score:
        return score
    spoken = f"{c.num(a)} to {c.num(b)}" if a != b else f"{c.num(a)} {c.num(b)}"  # "a 50-50 chance"
    if g["rs"]:
        one, many, _, _ = CURRENCIES[g["rs"]]
        return f"{spoken} {_plural(b, one, many)}"
    unit = g["runit"]
    if unit == "%":
        return f"{spoken} percent"
    if unit:
        if g["rsp"] and unit in _ATTACHED_ONLY_UNITS:
            return f"{spoken}{g['rsp']}{unit}"
        one, many = UNITS[unit]
        return f"{spoken} {c.unit(_plural(b, one, many))}"
    return spoken


def _doctor_saint(c: _Ctx) -> str:
    # 'Dr. Smith', 'St. Mary' are titles; 'Elm Dr.', 'Main St.' (after a name, or a house number and a
    # name) are roads
    before = c.before()
    after_name = re.search(r"(?:[a-z,]|[0-9]+)\s+[A-Z][a-z]+\s$", before) is not None
    title, road = ("Doctor", "Drive") if c.g["ds"] == "Dr" else ("Saint", "Street")
    if c.g["dsnext"] and not after_name:
        return title
    stop = c.text.endswith(".") and _STOP_AFTER.match(c.m.string, c.m.end(), c.m.end() + _LOOK)
    return road + ("." if stop else "")


_RACE_BEFORE = {"ran", "run", "runs", "running", "walked", "walk", "jogged", "finished", "completed", "won", "win",
                "record"}  # fmt: skip
_RACE_AFTER = {"race", "races", "run", "runs", "walk", "fun", "charity", "runner", "runners", "course", "swim",
               "ride", "trail", "loop", "event", "route", "split", "splits", "pace", "record", "pb", "time",
               "times"}  # fmt: skip
_NOT_COUNTED = {"is", "was", "has", "its", "this", "as", "plus", "less", "thus", "yes", "us", "towards", "sideways",
                "backwards", "forwards", "upwards", "downwards", "afterwards", "lengths", "laps", "metres", "meters",
                "yards", "miles", "deep", "always", "perhaps", "whereas", "besides", "across"}  # fmt: skip


def _counted(word: str) -> bool:
    """A plural noun after a number ("units", "people"): what millions count, not what metres measure."""
    if not word.islower() or word in _NOT_COUNTED:
        return False
    return word in {"people", "children", "men", "women", "sheep", "fish"} or (
        word.endswith("s") and not word.endswith(("ss", "us", "is"))
    )


_TENS_OF = {"10": "tens", "100": "hundreds", "1000": "thousands", "1,000": "thousands", "1000000": "millions"}


def _unit(c: _Ctx) -> str | None:
    g = c.g
    unit = g["unit"]
    if g["usp"] == "-":  # "a 10-ft pole", "the 2.5-kg bag": a measure as an adjective, singular
        rest = c.m.string[c.m.end() : c.m.end() + 2]
        if rest[:1] == "-" and (unit == "in" or rest[1:].isdigit()):
            return None  # "a 2-in-1 laptop" ("a 100-yr-old bridge" is a measure)
        return f"{c.num(g['un'])} {c.unit(UNITS[unit][0])}"
    if unit in _ATTACHED_ONLY_UNITS and re.match(r"-[A-Za-z]", c.m.string[c.m.end() : c.m.end() + 2]):
        return None  # "2 t-shirts", "3 s-bends": a letter of a word, no unit
    if g["usp"] and unit in _ATTACHED_ONLY_UNITS:
        after = c.word_after()
        clear = unit in _SPACED_WHEN_CLEAR and (after.islower() or not after)
        clear = clear and (after.lower() in _CLEAR_AFTER or unit == "g")  # "200 g flour"; "2 m away", not "2 m is"
        inches = unit == "in" and re.search(r"[0-9]\s?(?:ft|feet|foot|')\s?$", c.before()) is not None
        west = unit == "W" and re.match(r"\s[0-9]{1,3}(?:st|nd|rd|th)\b", c.m.string[c.m.end() : c.m.end() + 8])
        if not (clear or inches or g["udot"]) or west:
            return None  # the number alone; the letter stays for the rules after ("42 W. Oak Ave.", "2 in 3",
            # "400 W. 5th St.")
    one, many = UNITS[unit]
    after = c.word_after()
    if unit == "s" and not g["usp"] and g["un"] in _TENS_OF and after == "of":
        return _TENS_OF[g["un"]]  # "100s of fans": hundreds of fans
    if (
        unit == "s"
        and not g["usp"]
        and re.fullmatch(r"[1-9][0-9]{3}", g["un"])
        and re.search(r"\b[A-Z]{2,5}\s$", c.before())
    ):
        word = c.year(int(g["un"]))  # "two RTX 4090s": forty nineties (model numbers, not seconds)
        return word.removesuffix("y") + "ies" if word.endswith("y") else word + "s"
    if unit == "m" and re.search(r"[0-9]\s?(?:h|hr|hrs)\s$", c.before()):
        return f"{c.num(g['un'])} {_plural(g['un'], 'minute', 'minutes')}"  # "2h 15m": two hours fifteen minutes
    if unit == "m" and not g["usp"] and _counted(after):
        return f"{c.num(g['un'])} million"  # "2m people", "1.2m units": millions ("a 2m wall" is metres)
    return _measure(c, g["un"], one, many) + (c.stop() if unit.endswith(".") else "")


# Words after which a number with a letter names a seat, a room or a place ("seat 14C", "Room 12B"): no
# temperature, no billions
_PLACE_BEFORE = {"seat", "seats", "gate", "row", "apt", "apt.", "apartment", "flat", "room", "suite", "unit",
                 "platform", "floor", "level", "bay", "pier", "terminal", "bus", "route", "box", "cabin", "locker",
                 "size", "cup", "grade", "no.", "number", "plot", "lot", "stand", "section", "block", "car", "coach",
                 "berth", "deck", "aisle", "zone", "court", "ward", "bed", "desk", "table", "rm", "rm.", "ste.", "hall",
                 "studio", "hangar", "dock", "wing", "pod", "stall", "house", "hut", "shed"}  # fmt: skip
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
               "next", "every", "each", "", "oven", "fan"}  # fmt: skip


# Words around a lower-case "25c" that make it a temperature (:func:`_weather_around`)
_WEATHER_AFTER = {"outside", "today", "tonight", "tomorrow", "overnight", "yesterday", "inside", "weather", "heat",
                  "degrees"}  # fmt: skip
_WEATHER_WORDS_BEFORE = re.compile(
    r"\b(?:highs?|lows?|temps?|temperatures?|feels like)\b(?:\s+[a-z]+){0,2}\s$", re.IGNORECASE
)
_GRADE_BEFORE = {"a", "an", "got", "get", "gets", "getting", "earned", "earn", "earns", "received", "receive",
                 "scored", "score", "grade", "straight", "her", "his", "my", "their", "our", "your", "with",
                 "average", "averaged", "rated", "rating", "given", "gave", "and", "or", "to", "mostly"}  # fmt: skip


def _weather_around(c: _Ctx) -> bool:
    """Whether the words around a lower-case "25c" say weather ("25c outside", "highs of 31c"): then it is
    degrees Celsius, else cents."""
    return c.word_after().lower() in _WEATHER_AFTER or _WEATHER_WORDS_BEFORE.search(c.before()) is not None


def _temperature_letter(c: _Ctx) -> str | None:
    """'25C', '-4F' as degrees where the word before is no seat, gate or room and the words around fit a
    temperature; else the number alone, the letter left to the voice ("seat 14C", "a 34C bra")."""
    before, after = c.word_before(), c.word_after().lower()
    if before in _PLACE_BEFORE or re.search(r"[A-Z]\s?$", c.before()):
        return None
    rest = c.m.string[c.m.end() : c.m.end() + 2]
    if after and not re.match(r"\s[a-z]", rest) and rest[:1] != ",":
        return None
    if before not in _TEMP_BEFORE and after not in _TEMP_AFTER:
        return None
    if c.g["tlu"] == "c" and not _weather_around(c):
        return None  # "99c" is cents; "25c outside", "highs of 25c" are degrees
    unit = "°C" if c.g["tlu"] in "Cc" else "°F"
    one, many = UNITS[unit]
    return f"{c.num(c.g['tl'])} {_plural(c.g['tl'], one, many)}"


def _in_quotation(c: _Ctx) -> bool:
    """Whether a quotation mark is open before the match (a number's inch marks not counted)."""
    window = c.m.string[max(0, c.m.start() - 400) : c.m.start()]
    return (window.count('"') - len(re.findall(r'[0-9]"', window))) % 2 == 1


def _spell_groups(c: _Ctx, groups: list[str]) -> str:
    """Identifiers said character by character, digits by the region's zero ("NW1 6XE", "A1234-567")."""
    zero = c.region.phone_zero
    return ", ".join(" ".join(spell_digits(ch, zero) if ch.isdigit() else ch for ch in part) for part in groups)


def _measure(c: _Ctx, number: str, one: str, many: str) -> str:
    """A number and its unit; singular as an adjective ("a 2.5 kg lamp", "a 12" pizza": a twelve inch
    pizza)."""
    after = c.word_after()
    word = _plural(number, one, many)
    if _ARTICLE_BEFORE.search(c.before()) and after.islower() and after not in _NOT_A_NOUN:
        word = one
    return f"{c.num(number)} {c.unit(word)}"


# Words before "1/4" that make it one of a series ("Step 1/4": step one of four), not a fraction
_OF_A_SERIES = {"step", "part", "page", "day", "episode", "ep", "ep.", "chapter", "round", "stage", "level", "lesson",
                "week", "question", "slide", "item", "phase", "track", "game", "video", "module", "session",
                "disc", "book", "volume", "vol.", "tip", "reason", "clip", "problem", "exercise"}  # fmt: skip
# Nouns after "b/w" that make it "black and white" rather than "between"
_BLACK_AND_WHITE = {"photo", "film", "image", "print", "movie", "picture", "photograph", "photography", "version",
                    "shot", "still", "copy", "scan", "printer", "tv", "television", "footage"}  # fmt: skip
# Words before a lower-case "no." that make it the word no ending a sentence, not "number"
_NO_IS_A_WORD_AFTER = {"said", "say", "says", "saying", "answered", "answer", "answers", "replied", "reply", "shouted",
                       "yelled", "whispered", "just", "simply", "definitely", "absolutely", "probably", "and", "but",
                       "or", "so", "oh", "well", "means", "meant"}  # fmt: skip
_BEFORE_AN_ID = {"Bldg.", "bldg.", "Apt.", "apt.", "Rm.", "Ste.", "No.", "nos.", "Nos.", "Fig.", "fig.", "Vol.", "vol.",
                 "Ch.", "ch.", "p.", "pp.", "ext.", "Ext."}  # fmt: skip
_MODEL_AFTER = {"Ti", "Super", "XT", "XTX", "GRE"}
_ID_BEFORE = {"order", "ticket", "case", "ref", "ref.", "reference", "invoice", "confirmation", "booking", "item",
              "account", "acct", "acct.", "policy", "claim", "tracking", "receipt", "issue", "pr", "bug", "job",
              "model", "part", "serial", "sku", "id"}  # fmt: skip


def _expand(name: str, c: _Ctx) -> str | None:
    g, text = c.g, c.text
    if name == "brackets":
        return " "
    if name == "url":
        return _url(text, c)
    if name == "email":
        local, _, domain = text.partition("@")
        return f"{_url(local, c)} at {_url(domain, c)}"
    if name in ("phone_intl", "phone", "phone_gb"):
        return _phone(c)
    if name == "phone_local":
        a, b = g["pl1"], g["pl2"]
        if not (b.startswith("0") or int(b) < int(a) or c.word_before() in _PHONE_BEFORE):
            return None  # a range: "pages 250-1200"
        return f"{spell_digits(a, c.region.phone_zero)}, {spell_digits(b, c.region.phone_zero)}"
    if name == "zip":
        five, four = g["zip5"], g["zip4"]
        short_code = not four and re.search(r"\b(?:[Tt]ext|SMS)\b[^.;!?]{0,30}\bto\s$", c.before())
        if c.word_before() not in _ZIP_BEFORE and not (four and int(four) < int(five)) and not short_code:
            return None  # "text STOP to 87654": a short code, digit by digit like a ZIP code
        zero = c.region.phone_zero
        return spell_digits(five, zero) + (f", {spell_digits(four, zero)}" if four else "")
    if name == "feet_inches":
        return f"{c.num(g['fif'])} foot {c.num(g['fii'])}"
    if name == "time_dot":
        return _time(c, int(g["dth"]), int(g["dtm"]), g["dtap"])
    if name == "verses":
        book, chapter, a = g["vbook"], c.num(g["vch"]), int(g["vv1"])
        if g["vv2"] is None:
            return f"{book} {chapter}, {c.num(str(a))}"  # "John 3:16", "Psalm 119:105"
        b = int(g["vv2"])
        return f"{book} {chapter}, {c.num(str(a))} to {c.num(str(b))}" if b > a else None
    if name == "hour_to_time":
        return f"{c.num(str(int(g['ht'])))} to "
    if name == "money_euro":
        return _money(c, "€", _euro_amount(g["eu1"] or g["eu2"]), None)
    if name == "hour_range":
        return f"{c.num(g['hr1'])} to {c.num(g['hr2'])} {'AM' if g['hrap'].lower() == 'a' else 'PM'}" + c.stop()
    if name == "mil_time":
        hh, mm = g["mh"], g["mm"]
        if not (hh.startswith("0") or c.word_before() in _MIL_TIME_BEFORE):
            return None  # "1400 hours of work" is a number of hours
        if not g["mw"] and not (hh.startswith("0") and c.word_before() in ("at", "by", "until", "from", "before")):
            return None  # "at 0900" is a time; "0800" alone no more than a number
        hour = ("oh " if hh.startswith("0") else "") + c.num(str(int(hh)))
        minute = "hundred" if mm == "00" else (f"oh {c.num(mm[1])}" if mm.startswith("0") else c.num(mm))
        return f"{hour} {minute}" + (" hours" + c.stop() if g["mw"] else "")
    if name == "state":
        return _state(c)
    if name == "compass":
        if g["cp2"]:
            return COMPASS[g["cp2"]]
        after = c.m.string[c.m.end() : c.m.end() + _LOOK]
        if re.search(r"[0-9]\s$", c.before()) or _STREET_AFTER.match(after):
            return COMPASS[g["cp"]]
        return None  # an initial: "George W. Bush"
    if name == "circa":
        return "circa "
    if name == "rating":
        return f"{c.num(g['rtn'])} out of {c.num(g['rtd'])}"
    if name == "per_unit":
        if g["pu2"]:
            return " per " + c.unit({"dL": "deciliter", "L": "liter", "kg": "kilogram", "m²": "square meter"}[g["pu2"]])
        return f" per {c.unit(UNITS[g['pu']][0])}" + c.stop()
    if name == "per":
        return {"yr": " a year", "year": " a year", "mo": " a month", "month": " a month", "wk": " a week",
                "week": " a week", "day": " a day", "hr": " an hour", "hour": " an hour", "night": " a night",
                "person": " per person", "head": " a head", "min": " per minute",
                "sec": " per second"}[g["per"] or g["per2"]] + c.stop()  # fmt: skip
    if name == "times":
        return f"{c.num(g['tn'])} times" if g["tn"] else f"times {c.num(g['tx'])}"
    if name == "approx_sign":
        return {"~": "about", "≈": "about", "<": "less than", ">": "more than"}[text]
    if name == "iso_datetime":
        on = _date(c, int(g["xy"]), int(g["xm"]), int(g["xd"]))
        clock = _time(c, int(g["xh"]), int(g["xmi"]), None)
        return f"{on} at {clock}" if on and clock else None
    if name == "iso_date":
        return _date(c, int(g["iy"]), int(g["im"]), int(g["id"]))
    if name in ("num_date", "dash_date"):
        a, b, y = (
            (int(g["na"]), int(g["nb"]), g["ny"]) if name == "num_date" else (int(g["da"]), int(g["db"]), g["dy4"])
        )
        month, day = (b, a) if c.region.day_first or a > 12 else (a, b)
        if month > 12:
            month, day = day, month
        return _date(c, int(y) if len(y) == 4 else 2000 + int(y), month, day)
    if name == "money":
        if re.match(r"[-–][0-9]", c.m.string[c.m.end() : c.m.end() + 2]) and not (g["mscale"] or g["mword"]):
            return None  # "$5-10": the range rule reads it, "five to ten dollars"
        code = {"AU": "AUD", "A": "AUD", "CA": "CAD", "C": "CAD", "HK": "HKD", "NZ": "NZD", "S": "SGD"}
        return _money(c, g["cur"], g["amt"], g["mscale"] or g["mword"], code.get(g["mpre"] or ""))
    if name == "money_code":
        code = g["code"] or g["code2"]
        return _money(c, CURRENCY_CODES[code], g["amt2"] or g["amt3"], g["mword2"], code)
    if name == "cents":
        n = g["ct"] or g["ct2"]
        if g["ct2"] and (c.word_before() in _PLACE_BEFORE or _weather_around(c)):
            return None  # "seat 12c"; "it's 25c outside", "highs of 31c" (Celsius, as people write it in a hurry)
        after = c.word_after()
        if _ARTICLE_BEFORE.search(c.before()) and after.islower() and after not in _NOT_A_NOUN:
            return f"{c.num(n)} cent"  # "a 99c coke": a ninety nine cent coke
        return f"{c.num(n)} {_plural(n, 'cent', 'cents')}"
    if name == "year_range":
        a, b = g["ya"], g["yb"]
        if g["ysep"] == "/" and int(b) != (int(a) + 1) % 100:
            return None  # only a season or a financial year ("the 2023/24 season") is a span with a slash
        second = c.num(b.lstrip("0") or "0") if len(b) == 2 else c.year(int(b))
        if len(b) == 2 and b.startswith("0"):
            second = "oh " + second
        return f"{c.year(int(a))} to {second}"
    if name == "time":
        if g["ts"]:  # "1:05:32", a race's time: one oh five thirty two
            sec = int(g["ts"])
            return (f"{c.num(g['th'])} {_minutes(c, int(g['tm']))} {_minutes(c, sec) if sec else 'flat'}"
                    + c.stop())  # fmt: skip
        return _time(c, int(g["th"]), int(g["tm"]), g["tap"] or g["tap2"])
    if name == "ap_range":
        opens = _time(c, int(g["ap1"]), 0, g["apa"])
        closes = _time(c, int(g["ap2"]), 0, g["apb"])
        return f"{opens} to {closes}" if opens and closes else None
    if name == "hour_ampm":
        if g["hap2"] and c.region.tag == "en-GB":
            return None  # "at 7p" is seven pence there
        return _time(c, int(g["hh"] or g["hh2"]), 0, g["hap"] or g["hap2"])
    if name == "ratio":
        a, b = g["ra1"], g["ra2"]
        if int(a) >= 24 and len(b) == 2 and int(b) < 60 and not g["rak"] and not _RATIO_BEFORE.search(c.before()):
            return f"{c.num(a)} {_minutes(c, int(b))}"  # "10k in 48:30", "a 50:50 split": said as a time is
        return f"{c.num(g['ra1'])} to {c.num(g['ra2'])}" + (" thousand" if g["rak"] else "")
    if name == "date":
        mname = _month(g["m1"] or g["m2"])
        y = int(g["dy"]) if g["dy"] else None
        day = int(g["d1"] or g["d2"])
        month = MONTHS.index(mname) + 1
        if g["d3"]:  # "Nov 14-16": November fourteenth to sixteenth
            if not 1 <= int(g["d3"]) <= 31:
                return None
            spoken = _date(c, None, month, day, g["wd"])
            end = f"the {c.nth(int(g['d3']))}" if c.region.date_day_first else c.nth(int(g["d3"]))
            if spoken is None:
                return None
            if c.region.date_day_first:  # "the fourteenth to the sixteenth of November"
                spoken = spoken.replace(f" of {mname}", "") + f" to {end} of {mname}"
            else:
                spoken += f" to {end}"
            return spoken + (f", {c.year(y)}" if y is not None else "") + c.stop()
        spoken = _date(c, y, month, day, g["wd"])
        if spoken is None:
            return None
        if g["d1"] and c.word_before() == "the" and not g["wd"]:  # "the 3rd of March": the third of March
            spoken = f"{c.nth(day)} of {mname}" + (f", {c.year(y)}" if y is not None else "")
        return spoken + c.stop()
    if name == "weekday":
        return _weekday(g["wk"] or g["wk2"] or g["wk3"]) + c.stop()
    if name == "month":
        return _month(g["mo"] or g["mo2"] or g["mo3"]) + c.stop()
    if name == "ordinal":
        n = int(g["ord"].replace(",", ""))
        suffix = text[-2:].lower()
        if suffix != ("th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")):
            return None  # "12st" is no ordinal (twelve stone)
        return c.nth(n)
    if name == "decade":
        if g["dec3"]:  # "the 60s", "her 20s"; else "60s" is sixty seconds
            if c.word_before() not in _DECADE_BEFORE:
                return None
            word = c.num(g["dec3"])
        elif g["dec2"]:
            word = c.num(g["dec2"])
        else:
            word = c.year(int(g["dec"]))
        return word.removesuffix("y") + ("ies" if word.endswith("y") else "s")
    if name == "fraction":
        if g["fv"]:
            n, d = _VULGAR[g["fv"]]
            return _fraction(c, n, d, g["fw"], g["funit"])
        n, d = int(g["fn"]), int(g["fd"])
        if not g["fw2"] and not g["funit"] and c.word_before() in _OF_A_SERIES and n <= d:
            return f"{c.num(g['fn'])} of {c.num(g['fd'])}"  # "Step 1/4", "part 2/3": one of four
        if not g["fw2"] and not g["funit"] and c.word_before() in _PLACE_BEFORE:
            return f"{c.num(g['fn'])}, {c.num(g['fd'])}"  # "Unit 5/12 Smith St": unit five, number twelve
        if g["fwj"] == "-" and not (n < d and d in (2, 3, 4, 8, 16, 32, 64)):
            return None  # "2-1/2" is two and a half; "10-3/15" is no mixed number
        unit = "in" if g["finch"] else g["funit"]
        if g["finch"] and _in_quotation(c):
            return None
        if not g["fw2"] and not unit:
            as_date = _month_day(c, n, d)
            if as_date:
                return as_date
        return _fraction(c, n, d, g["fw2"], unit)
    if name == "range":
        return _range(c)
    if name == "model_number":
        after = c.word_after()
        named = c.word_before() in ("form", "forms", "flight")  # "Form 1040": ten forty
        if after in UNITS or not (re.search(r"\b[A-Z]{2,5}\s$", c.before()) or after in _MODEL_AFTER or named):
            return None
        return c.year(int(g["mn"]))
    if name == "formation":
        return " ".join(c.num(d) for d in text.split("-"))
    if name == "unit":
        return _unit(c)
    if name == "percent":
        return f"{c.num(g['pct'])} percent"
    if name == "year":
        value = int(g["yr"])
        if value < 1100:  # "in 1066", but "1024 bytes", "1050 people"
            return c.year(value) if c.word_before() in _YEAR_EARLY_BEFORE and not c.word_after().islower() else None
        return c.year(value) if _is_year(c) else c.num(g["yr"])
    if name == "scaled":
        if c.word_before() in _PLACE_BEFORE:
            return None  # "Room 12B", "Suite 400B"
        if (
            g["sscale2"] in ("K", "k")
            and g["sn"].isdigit()
            and int(g["sn"]) <= 100
            and (c.word_before() in _RACE_BEFORE or c.word_after().lower() in _RACE_AFTER)
        ):
            return f"{c.num(g['sn'])} K"  # "ran a 5K", "the 10k race": a distance in kilometres, said "K"
        return f"{c.num(g['sn'])} {SCALES[g['sscale'] or g['sscale2']]}"
    if name == "multiply":
        return " by " if "x" in text else " times "  # '1920x1080'; '3 × 4'
    if name == "number_sign":
        return f"number {c.num(g['hashn'])}"
    if name == "hashtag":
        ident = g["tag"] + (g["tagid"] or "")
        if re.search(r"[0-9]", ident) and (g["tagid"] or c.word_before() in _ID_BEFORE):
            # "order #A1234-567": a number, said letter by letter and digit by digit
            return "number " + _spell_groups(c, ident.split("-"))
        tag = re.sub(
            r"[0-9]+", lambda d: f" {c.num(d.group()) if len(d.group()) <= 4 else spell_digits(d.group())} ", g["tag"]
        )
        return " ".join(f"hashtag {tag}".split()) + (g["tagid"] or "")
    if name == "number_no":
        if text[0] == "n" and c.word_before() in _NO_IS_A_WORD_AFTER:
            return None  # "She said no. 5 minutes later...": the word no, then a new sentence
        return f"number {c.num(g['non'])}"
    if name == "version":
        parts = g["ver"].split(".")
        joiner = " dot " if len(parts) == 4 else " point "
        spoken = joiner.join(c.num(p.lstrip("0") or "0") if len(p) <= 2 or p[0] != "0" else spell_digits(p)
                             for p in parts)  # fmt: skip
        return ("version " if text[0] in "vV" else "") + spoken
    if name == "service_number":
        return spell_digits(g["svc"], c.region.phone_zero)
    if name == "postcode":
        return _spell_groups(c, [g["pc1"], g["pc2"]])
    if name == "lettered":
        d = g["ld"]
        if len(d) == 4:
            spoken = c.year(int(d))
        elif d[1:] == "00":
            spoken = c.num(d)
        else:
            spoken = f"{c.num(d[0])} {'oh ' + c.num(d[2]) if d[1] == '0' else c.num(d[1:])}"
        return f"{g['ll']} {spoken}"
    if name == "per_person":
        return "per person"
    if name == "vanity":
        return f"one {c.num(g['tf'][0])} {c.num(g['tf'][1:]) if g['tf'] != '800' else 'hundred'} {g['vw'].title()}"
    if name == "phone_x":
        return " extension"
    if name == "video_lines":
        lines = int(g["vl"])
        return (c.year(lines) if lines >= 1000 else f"{c.num(g['vl'][0])} {c.num(g['vl'][1:])}") + " p"
    if name == "per_100km":
        return " per hundred kilometers" if not c.region.metre else " per hundred kilometres"
    if name == "ext":
        return "extension"
    if name == "hrs_after_time":
        return "hours"
    if name == "power":
        return " to the power of "
    if name == "root":
        return "the square root of "
    if name == "card_end":
        window = re.split(r"[;!?]\s|\.\s(?=[A-Z])", c.m.string[max(0, c.m.start() - 60) : c.m.start()])[
            -1
        ]  # this sentence
        if not re.search(r"(?i)\b(?:card|acct\.?|account|visa|mastercard|amex|phone|number|no\.|ssn)\b", window):
            return None  # "the decade ending in 2029" is a year
        return spell_digits(g["ce"], c.region.phone_zero)
    if name == "tax_plan":
        return f"{c.num(g['tp1'])} oh {c.num(g['tp2'])} {g['tpl'].upper()}"
    if name == "boeing":
        return f"{c.num(g['bo1'])} {c.num(g['bo2'])}"
    if name == "for_days":
        return "for"
    if name == "noon_dash":
        return " to "
    if name == "pcm":
        return "per calendar month"
    if name == "cells":
        return f"{g['ce1']} {c.num(g['cn1'])} to {g['ce2']} {c.num(g['cn2'])}"
    if name == "street_word":
        if not re.search(r"(?:\b[A-Z][a-z]+|[0-9](?:st|nd|rd|th))\s$", c.before()):
            return None
        return {"Ave": "Avenue", "Blvd": "Boulevard", "Rd": "Road", "Ln": "Lane", "Pkwy": "Parkway"}[g["sw"]]
    if name == "spaced_slash":
        s = c.m.string
        if s[c.m.start() - 1].isdigit() and s[c.m.end()].isdigit():
            return None  # "1 / 2"
        return ", "
    if name == "cup_c":
        one = re.search(r"(?<![0-9] )(?<![0-9])(?:1|[0-9]/[0-9]+|[½⅓⅔¼¾⅛]) $", c.before())
        return "cup" if one else "cups"
    if name == "before_number":
        word = {
            "pop": "population",
            "prop": "Proposition",
            "dep": "departs",
            "arr": "arrives",
            "ep": "Episode",
            "wk": "week",
        }[(g["bn"] or g["bn2"]).lower()]
        return word if text[0].islower() else word[0].upper() + word[1:]
    if name == "expiry":
        if not (g["exw"] or _EXPIRY_BEFORE.search(c.before())):
            return None
        month, year2 = g["exm"], g["exy"]
        spoken = "oh " + c.num(month[1]) if month.startswith("0") else c.num(month)
        spoken += ", " + ("oh " + c.num(year2[1]) if year2.startswith("0") and year2 != "00" else c.num(year2))
        return ("expires " if g["exw"] else "") + spoken
    if name == "tv_time":
        a, b = int(g["tv1"]), int(g["tv2"])
        return f"{c.num(str(a))}, {c.num(str(b))} central" if a - b == 1 and 1 <= b <= 11 else None
    if name == "weekdays":
        return "Monday to Friday"
    if name == "grade":
        if c.word_before() not in _GRADE_BEFORE and c.word_after().lower() not in ("grade", "average", "grades"):
            return None
        return f"{g['grl']} {'plus' if g['grs'] == '+' else 'minus'}"
    if name == "short_year":
        return ("oh " + c.num(g["sy"][1])) if g["sy"].startswith("0") else c.num(g["sy"])
    if name == "resolution":
        w, h = g["rw"], g["rh"]
        side = [c.year(int(n)) if len(n) == 4 else c.num(n) for n in (w, h)]
        return f"{side[0]} by {side[1]}" + (" pixels" if g["rpx"] else "")
    if name == "star_code":
        return "star "
    if name == "under_age":
        word = c.num(g["uan"])
        plural = word[:-1] + "ies" if word.endswith("y") else word + ("es" if word.endswith("x") else "s")
        return f"{g['ua']}-{plural}"
    if name == "plus_sign":
        return "plus "
    if name == "temp_letter":
        return _temperature_letter(c)
    if name == "inch_mark":
        if _in_quotation(c):
            return None  # 'she said "buy 12"'
        return _measure(c, g["inm"], "inch", "inches")
    if name == "years_old":
        return " year old"
    if name == "section":
        return "sections " if g["secs"] or g["sect"] == "§§" else "section "
    if name == "always":
        return "twenty four seven three sixty five"
    if name == "team":
        return {"49": "Forty-Niners", "76": "Seventy-Sixers"}[g["team"]]
    if name == "nth_minute":
        return f"{c.nth(int(g['omn']))} minute" + c.stop()
    if name == "number":
        if g["neg"]:
            return c.num("-" + g["neg"])
        if len(text) > 1 and text.startswith("0") and text.isdigit():  # "code 0412", "PIN 0000": digit by digit
            return "double oh seven" if text == "007" else spell_digits(text, c.region.phone_zero)
        return c.num(text)
    if name == "digits":
        return " " + (c.num(text) if len(text) <= 4 else spell_digits(text)) + " "
    if name == "caps":
        return _caps(c)
    if name == "doctor_saint":
        return _doctor_saint(c)
    if name == "etc":
        return "et cetera" + ("." if _STOP_AFTER.match(c.m.string, c.m.end(), c.m.end() + _LOOK) else "")
    if name == "abbr":
        word = ABBREVIATIONS.get(text) or TITLES[text]
        if text == "b/w" and c.word_after().lower().rstrip("s") in _BLACK_AND_WHITE:
            return "black and white"  # "a b/w photo"
        if text in ("No.", "nos.", "Nos.") and not re.match(
            r"\s?(?:[0-9#]|[A-Z]{1,3}-?[0-9])", c.m.string[c.m.end() : c.m.end() + 6]
        ):
            return None  # "No. I said no.": the word no
        if text in ("est.", "Est.") and re.match(r"\s?[0-9]", c.m.string[c.m.end() : c.m.end() + 2]):
            word = text[0] + "stablished"  # "est. 1850"; else "$0.98 est.", "est. cost": estimated
        if text in TITLES:
            return word
        if re.match(r"\s+(?:[NSEW]|[NS][EW])\b", c.m.string[c.m.end() : c.m.end() + 4]) or text in _NO_STOP:
            return word  # "1600 Pennsylvania Ave. NW": the address goes on; "vs. Spain", "the U.S. Army"
        if text in _BEFORE_AN_ID and re.match(r"\s?(?:[A-Z0-9]{1,4}\b)", c.m.string[c.m.end() : c.m.end() + 6]):
            return word  # "Bldg. C", "Apt. 4B": what follows names the building, not a new sentence
        return word + c.stop()
    if name == "symbol":
        glued = c.m.start() > 0 and not c.m.string[c.m.start() - 1].isspace()
        return (" " if glued else "") + SYMBOL_WORDS[text]  # "5%+": five percent plus
    raise AssertionError(name)  # pragma: no cover - every rule has a branch


_READ_SYMBOLS = "$€£¥₹#~≈<>"


def _pad(text: str, start: int, end: int, spoken: str) -> str:
    """An expansion glued to a letter ('A4') or to a symbol that is read as a word ('~$5') gets spaces so its
    words stay words."""
    glued_before = start > 0 and text[start - 1].isalnum() and not text[start].isspace()
    before = " " if glued_before and not spoken.startswith(" ") else ""
    glued = end < len(text) and (text[end].isalnum() or text[end] in _READ_SYMBOLS) and not text[end - 1].isspace()
    after = " " if glued and not spoken.endswith(" ") else ""
    return before + spoken + after


def english(text: str, start: int = 0, end: int | None = None, language: str | None = None) -> Iterator[Piece]:
    """The pieces of ``text[start:end]`` read as ``language``'s region reads English."""
    out = list(_pieces(text, start, end, region_for(language)))
    for i in range(1, len(out)):  # two readings padded against each other ("3x4", "4567 x89"): one space
        if out[i - 1].spoken.endswith(" ") and out[i].spoken.startswith(" ") and not out[i].verbatim:
            out[i] = dataclasses.replace(out[i], spoken=out[i].spoken[1:])
    for i in range(1, len(out) - 1):
        gap, before, after = out[i], out[i - 1], out[i + 1]
        if gap.verbatim and gap.spoken.strip() in ("-", "–", "—") and _range_end(before) and _range_end(after):
            out[i] = Piece(gap.start, gap.end, " to ", verbatim=False, rule="range")
        elif gap.verbatim and gap.spoken.strip() == "/" and before.rule == after.rule == "weekday":
            out[i] = Piece(gap.start, gap.end, " or ", verbatim=False, rule="weekday")  # "Fri/Sat"
    yield from out


def _range_end(piece: Piece) -> bool:
    """A reading a dash after or before it joins as "to": a day, time, month, measure... (a month/day date is
    found by the fraction rule: "10/15-10/17")."""
    if piece.rule == "fraction":
        return any(month in piece.spoken for month in MONTHS)
    return piece.rule in _RANGE_ENDS


def _pieces(text: str, start: int, end: int | None, region: Region) -> Iterator[Piece]:
    end = len(text) if end is None else end
    at = start
    scan = _matches(text, start, end)
    for name, m in scan:
        spoken = _expand(name, _Ctx(m, region))
        if spoken is None or spoken == m.group():
            scan.send(name)  # declined: the rules after it may still take this place
            continue
        if m.start() > at:
            yield Piece(at, m.start(), text[at : m.start()])
        yield Piece(m.start(), m.end(), _pad(text, m.start(), m.end(), spoken), verbatim=False, rule=name)
        at = m.end()
    if at < end:
        yield Piece(at, end, text[at:end])


ENGLISH: Callable[[str, int, int | None, str | None], Iterator[Piece]] = english
