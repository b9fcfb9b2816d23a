"""Word lists that rules of several families share: currencies and scales, titles and abbreviations, US
states, and the words before a number that say what it is."""

from __future__ import annotations

import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
# "Jan", "Feb" ... "Dec": the months written short, as a pattern
MONTH_ABBR = "(?:" + "|".join(m[:3] for m in MONTHS) + ")"
# currency sign -> (one, many, sub-unit one, sub-unit many)
CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
              "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "", ""),
              "₹": ("rupee", "rupees", "paisa", "paise"),
              "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
              "R$": ("real", "reais", "centavo", "centavos"), "₩": ("won", "won", "", ""),
              "₽": ("ruble", "rubles", "kopeck", "kopecks"), "₺": ("lira", "lira", "kurus", "kurus"),
              "₱": ("peso", "pesos", "centavo", "centavos"), "₦": ("naira", "naira", "kobo", "kobo"),
              "₪": ("shekel", "shekels", "agora", "agorot"),
              "SEK": ("krona", "kronor", "ore", "ore"), "NOK": ("krone", "kroner", "ore", "ore"),
              "DKK": ("krone", "kroner", "ore", "ore"), "CNY": ("yuan", "yuan", "fen", "fen"),
              "ZAR": ("rand", "rand", "cent", "cents"), "₫": ("dong", "dong", "", ""),
              "฿": ("baht", "baht", "satang", "satang"), "₴": ("hryvnia", "hryvnias", "kopiyka", "kopiyky"),
              "₸": ("tenge", "tenge", "", ""), "৳": ("taka", "taka", "poisha", "poisha"),
              "PLN": ("zloty", "zlotys", "grosz", "groszy"), "CZK": ("koruna", "korunas", "haler", "halers"),
              "HUF": ("forint", "forints", "", ""), "AED": ("dirham", "dirhams", "fils", "fils"),
              "SAR": ("riyal", "riyals", "halala", "halalas"), "QAR": ("riyal", "riyals", "dirham", "dirhams"),
              "IDR": ("rupiah", "rupiah", "", ""), "MYR": ("ringgit", "ringgit", "sen", "sen"),
              "ISK": ("krona", "kronur", "", ""), "KES": ("shilling", "shillings", "cent", "cents"),
              "EGP": ("pound", "pounds", "piastre", "piastres"), "GHS": ("cedi", "cedis", "pesewa", "pesewas"),
              "UGX": ("shilling", "shillings", "", ""), "TZS": ("shilling", "shillings", "", ""),
              "XOF": ("CFA franc", "CFA francs", "", ""), "XAF": ("CFA franc", "CFA francs", "", ""),
              "MAD": ("dirham", "dirhams", "centime", "centimes"), "OMR": ("rial", "rials", "baisa", "baisa"),
              "KWD": ("dinar", "dinars", "fils", "fils"), "BHD": ("dinar", "dinars", "fils", "fils"),
              "JOD": ("dinar", "dinars", "piastre", "piastres")}  # fmt: skip
SCALES = {"k": "thousand", "K": "thousand", "m": "million", "M": "million", "mn": "million", "mm": "million",
          "MM": "million", "mil": "million",
          "b": "billion", "B": "billion", "bn": "billion", "tn": "trillion", "T": "trillion", "thousand": "thousand",
          "million": "million", "billion": "billion", "trillion": "trillion", "crore": "crore",
          "lakh": "lakh"}  # fmt: skip
ATTACHED_ONLY_UNITS = {"m", "s", "h", "in", "l", "g", "W", "V", "°", "º", "ha", "st", "t", "bd", "ba", "BA", "A", "dr",
                       "pk"}  # fmt: skip
# A unit of length as written after a number ("12 ft", "30 cm", "6 feet")
LENGTH_UNIT = r"(?:mm|cm|m|km|in|ft|yd|mi|inch(?:es)?|feet|foot|yards?|met(?:er|re)s?)"
# A compass point after a distance, as the text goes on after it: "2.5 mi. E on Rd. 12", "5 mi. N. of town",
# "It lies 2.5 mi. S.", "200 m S of the bridge" (a lookahead from the end of the distance)
DIRECTION_AFTER = r"\s(?:[NS][EW]|[NSEW])\.?(?:\s(?:of|on|to|along|towards?|from|via|at)\b|[;,)]|\s*$|\s+[A-Z])"
# Nouns of measure a fraction reads "of a" before ("3/4 cup" is "three quarters of a cup", "1/2 mile" "half a
# mile"), as people say it.
MEASURE_NOUNS = {"cup", "teaspoon", "tablespoon", "spoon", "spoonful", "pint", "quart", "gallon", "liter", "litre",
                 "ounce", "pound", "kilo", "gram", "mile", "inch", "foot", "yard", "meter", "metre", "kilometer",
                 "kilometre", "hour", "minute", "second", "day", "week", "month", "year", "century", "dozen",
                 "glass", "bottle", "can", "slice", "loaf", "lemon", "onion", "page", "point", "share", "percent",
                 "degree", "stick", "bar", "block", "acre", "tank", "mug", "bowl", "box", "bag", "avocado", "apple",
                 "banana", "lime", "orange", "cucumber", "pepper", "tomato", "potato", "carrot", "tablet", "capsule",
                 "pill", "egg", "peach", "pear", "mango", "melon", "grapefruit", "zucchini", "courgette",
                 "aubergine", "eggplant", "chilli", "chili", "shallot"}  # fmt: skip
TITLES = {"Mlle.": "Mademoiselle", "Assoc.": "Associate",
          "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Prof.": "Professor", "Jr.": "Junior", "Sr.": "Senior",
          "Rev.": "Reverend", "Hon.": "Honorable", "Capt.": "Captain", "Lt.": "Lieutenant", "Col.": "Colonel",
          "Gen.": "General", "Sgt.": "Sergeant", "Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative",
          "Pres.": "President", "Fr.": "Father", "Mt.": "Mount", "Ft.": "Fort", "Pt.": "Point",
          "a.k.a.": "also known as", "A.K.A.": "also known as", "Supt.": "Superintendent",
          "Atty.": "Attorney", "Det.": "Detective", "Cmdr.": "Commander", "Adm.": "Admiral", "Maj.": "Major",
          "Cpl.": "Corporal", "Pvt.": "Private", "Insp.": "Inspector", "Drs.": "Doctors", "Mmes.": "Mesdames",
          "Mme.": "Madame", "Messrs.": "Messieurs", "Sen.-elect": "Senator-elect", "Rt Hon": "Right Honourable",
          "Rt. Hon.": "Right Honourable", "Msgr.": "Monsignor", "Bro.": "Brother", "Cllr.": "Councillor",
          "Pte.": "Private", "Rt. Rev.": "Right Reverend", "Rt Rev": "Right Reverend"}  # fmt: skip
# Degrees written with dots and small letters, which espeak-ng reads with "dot" ("B dot S C dot")
_DEGREES = {"B.Sc.": "B S C", "M.Sc.": "M S C", "D.Sc.": "D S C", "LL.B.": "L L B", "LL.M.": "L L M",
            "LL.D.": "L L D", "D.Phil.": "D Phil", "M.Phil.": "M Phil", "B.Ed.": "B Ed", "M.Ed.": "M Ed",
            "Ed.D.": "Ed D", "B.Eng.": "B Eng", "M.Eng.": "M Eng", "B.Com.": "B Com", "M.Com.": "M Com",
            "Pharm.D.": "Pharm D", "Psy.D.": "Psy D", "B.Arch.": "B Arch", "M.Arch.": "M Arch", "B.Mus.": "B Mus",
            "M.Mus.": "M Mus", "D.Litt.": "D Litt", "Th.D.": "T H D", "M.Div.": "M Div", "B.Tech.": "B Tech",
            "M.Tech.": "M Tech", "D.Min.": "D Min"}  # fmt: skip
ABBREVIATIONS = _DEGREES | {"Esq.": "Esquire", "vs.": "versus", "e.g.": "for example", "i.e.": "that is",
                 "approx.": "approximately", "Figs.": "Figures", "figs.": "figures", "Incl.": "Including",
                 "Cir.": "Circuit", "e/w": "each-way", "Amt.": "Amount", "amt.": "amount", "Dkt.": "Docket",
                 "OIRO": "offers in the region of", "OIEO": "offers in excess of", "Smt.": "Shrimati",
                 "hols": "holidays",
                 "(Hons)": "(Honours)",
                 "Rm.": "Room",
                 "Approx.": "Approximately", "Bldg.": "Building", "bldg.": "building",
                 "Ave.": "Avenue", "Rd.": "Road", "Blvd.": "Boulevard", "Ln.": "Lane", "Hwy.": "Highway",
                 "Hwy": "Highway", "Xmas": "Christmas", "rev.": "revenue", "OT": "overtime",
                 "HR": "home run", "HRs": "home runs", "EST.": "Established", "def.": "defeated",
                 "caps.": "capsules", "tabs.": "tablets", "aet": "after extra time", "prev.": "previously",
                 "Cnr": "Corner", "Sts": "Streets", "Asst.": "Assistant", "asst.": "assistant", "Cty.": "County",
                 "w.e.f.": "with effect from", "agg.": "aggregate",
                 "Res.": "Resolution", "Min.": "Minimum", "Max.": "Maximum", "pkg.": "package", "pkgs.": "packages",
                 "Exp.": "Expiration",
                 # titles written without their full stops, as British style writes them (read before a name)
                 "Prof": "Professor", "Mt": "Mount", "Gov": "Governor", "Sen": "Senator", "Capt": "Captain",
                 "Lt": "Lieutenant", "Gen": "General", "Sgt": "Sergeant", "Col": "Colonel", "Rev": "Reverend",
                 "Rep": "Representative", "Cllr": "Councillor", "Fr": "Father", "Maj": "Major",
                 "Supt": "Superintendent", "Insp": "Inspector", "Cpl": "Corporal", "Pte": "Private",
                 "Brig": "Brigadier", "Cmdr": "Commander", "Adm": "Admiral", "Det": "Detective", "Jct": "Junction",
                 "Dept": "Department",
                 "Dept.": "Department", "Inc.": "Incorporated", "Ltd.": "Limited", "Ltd": "Limited",
                 "Corp.": "Corporation", "Co.": "Company", "co.": "company", "YTD": "year to date", "Bros.": "Brothers",
                 "Univ.": "University", "est.": "estimated", "Est.": "Estimated",
                 "Vol.": "Volume", "vol.": "volume", "Ch.": "Chapter", "ch.": "chapter", "pp.": "pages",
                 "p.": "page", "Fig.": "Figure", "fig.": "figure", "No.": "Number", "no.": "number", "nos.": "numbers",
                 "Nos.": "Numbers",
                 "a.m.": "AM", "p.m.": "PM", "p.a.": "a year", "p.c.": "percent", "thru": "through", "Avg.": "Average",
                 "avg.": "average", "ea.": "each", "pk.": "pack", "nts": "nights", "nts.": "nights", "r.": "reigned",
                 "ret.": "retired", "wt.": "weight", "Wt.": "Weight",
                 "Int'l": "International", "int'l": "international", "Nat'l": "National",
                 "nat'l": "national", "Gov't": "Government", "gov't": "government", "Ass'n": "Association",
                 "Dep't": "Department",
                 "Int’l": "International", "int’l": "international", "Nat’l": "National", "nat’l": "national",
                 "Gov’t": "Government", "gov’t": "government", "Ass’n": "Association", "Dep’t": "Department",
                 "U.S.": "US", "U.K.": "UK", "U.S.A.": "USA", "E.U.": "EU",
                 "ext.": "extension", "Ext.": "extension", "Apt.": "Apartment", "apt.": "apartment",
                 "Ste.": "Suite", "Ste": "Suite", "Pl.": "Place", "Ct.": "Court", "Sq.": "Square", "Pkwy.": "Parkway",
                 "Terr.": "Terrace", "Cres.": "Crescent", "Hosp.": "Hospital", "Intl.": "International",
                 "Natl.": "National", "Assn.": "Association", "Mgr.": "Manager", "mgr.": "manager", "Dir.": "Director",
                 "Mtg.": "Meeting", "mtg.": "meeting", "Utd": "United", "Utd.": "United", "wk": "week",
                 "wk.": "week", "wks": "weeks", "wks.": "weeks", "wk/wk": "week over week",
                 "min.": "minimum", "max.": "maximum", "incl.": "including", "excl.": "excluding",
                 "dept.": "department", "misc.": "miscellaneous", "tel.": "telephone", "Tel.": "telephone",
                 "vs": "versus", "w/": "with", "w/o": "without", "w/in": "within", "fn.": "footnote",
                 "WW1": "World War One", "WW2": "World War Two", "Cat.": "Category",
                 "Lv.": "Level", "Lvl.": "Level", "lvl.": "level", "lvl": "level", "conc.": "concessions",
                 "yr.": "year", "yrs.": "years",
                 "stn.": "station", "Stn.": "Station", "p.w.": "per week", "p.c.m.": "per calendar month",
                 "o.n.o.": "or nearest offer", "OBO": "or best offer", "o.b.o.": "or best offer",
                 "fl.": "floor", "Fl.": "Floor", "Cttee": "Committee", "Cttee.": "Committee",
                 "YoY": "year over year", "QoQ": "quarter over quarter", "MoM": "month over month",
                 "y/y": "year over year", "Y/Y": "year over year", "y-o-y": "year over year",
                 "Y-o-Y": "year over year", "q/q": "quarter over quarter",
                 "Q/Q": "quarter over quarter", "m/m": "month over month", "M/M": "month over month",
                 "Pg.": "Page", "pg.": "page", "pgs.": "pages", "Mtn.": "Mountain", "Jct.": "Junction",
                 "Sts.": "Streets", "Rte.": "Route", "appt.": "appointment", "Appt.": "Appointment",
                 "Ref.": "Reference", "ref.": "reference", "acct.": "account", "Acct.": "Account", "Msg": "Message",
                 "msg": "message", "b/c": "because",
                 "city/hwy": "city, highway", "hwy": "highway", "c/o": "care of", "C/O": "care of",
                 "p&p": "postage and packing",
                 "P&P": "postage and packing",
                 "Attn": "Attention", "attn": "attention", "b/w": "between", "and/or": "and or",
                 "either/or": "either or", "he/she": "he or she", "o/n": "overnight",
                 "his/her": "his or her", "him/her": "him or her", "his/hers": "his or hers", "s/he": "she or he",
                 "He/she": "He or she", "His/her": "His or her", "S/he": "She or he",
                 "w/e": "whatever", "w/c": "week commencing", "ono": "or nearest offer",
                 "exc.": "except", "yes/no": "yes or no", "true/false": "true or false", "N/A": "not applicable",
                 "n/a": "not applicable",
                 "MWF": "Monday, Wednesday and Friday",
                 "TTh": "Tuesday and Thursday", "TuTh": "Tuesday and Thursday",
                 "Aves.": "Avenues", "P/E": "P-E", "K/D": "K-D", "O/U": "over under",
                 "T&Cs": "Ts and Cs", "flr": "floor", "pct": "percent", "pct.": "percent", "qtr": "quarter",
                 "qtr.": "quarter", "qtrs": "quarters", "qtrs.": "quarters", "temp.": "temperature",
                 "Temp.": "Temperature", "Bldg": "Building", "Rm": "Room", "prn": "as needed", "PRN": "as needed",
                 "hrs": "hours", "hrs.": "hours", "mins": "minutes", "mins.": "minutes", "wknd": "weekend",
                 "wknds": "weekends", "anniv.": "anniversary", "Anniv.": "Anniversary", "Lv": "Level",
                 "r/t": "round trip", "Ms": "Miz", "Ret.": "Retired", "req'd": "required", "gen.": "generation",
                 "bus.": "business", "adv.": "advance", "Lvl": "Level", "ppl": "people", "Approx": "Approximately",
                 "approx": "approximately", "Tel": "Telephone",
                 "Ph": "Phone", "Ph.": "Phone", "Hrs": "Hours", "Tix": "Tickets", "tix": "tickets",
                 "inc.": "including", "cf.": "compare",
                 "Qty": "Quantity", "qty": "quantity", "Qty.": "Quantity", "qty.": "quantity",
                 "Vs.": "Versus", "corp.": "corporation",
                 "vols.": "volumes", "Vols.": "Volumes", "chs.": "chapters", "Chs.": "Chapters",
                 "avg": "average", "Govt": "Government", "govt": "government",
                 "w/b": "week beginning", "cyl.": "cylinder", "Conf.": "Conference", "ll.": "lines", "fav": "favourite",
                 "favs": "favourites", "Qld": "Queensland", "plc": "P-L-C", "PLC": "P-L-C", "KO": "kick-off",
                 "q.d.": "once a day", "QD": "once a day", "BID": "twice a day",
                 "bd": "twice a day", "BD": "twice a day", "tds": "three times a day",
                 "TDS": "three times a day", "qds": "four times a day", "QDS": "four times a day", "od": "once a day",
                 "OD": "once a day", "TID": "three times a day",
                 "QID": "four times a day",
                 "QHS": "at bedtime", "PO": "by mouth", "b.i.d.": "twice a day",
                 "t.i.d.": "three times a day", "q.i.d.": "four times a day", "p.r.n.": "as needed",
                 "pls": "please", "plz": "please", "Pls": "Please", "Plz": "Please", "tmrw": "tomorrow",
                 "Tmrw": "Tomorrow", "mtg": "meeting", "mtgs": "meetings", "Mtg": "Meeting", "thx": "thanks",
                 "Thx": "Thanks", "ed.": "edition", "eds.": "editions", "Sta.": "Station", "K8s": "Kubernetes",
                 "Plat.": "Platform", "plat.": "platform",
                 "concs.": "concessions", "Concs.": "Concessions",
                 "BoE": "B-O-E", "BoJ": "B-O-J",
                 "btl": "bottle", "btl.": "bottle", "btls": "bottles",
                 "lg.": "large", "reg.": "regularly", "Reg.": "Regularly",
                 "Educ.": "Education", "educ.": "education", "Misc.": "Miscellaneous", "Govt.": "Government",
                 "govt.": "government",
                 "exp.": "experience",
                 "q.h.s.": "at bedtime", "p.o.": "by mouth", "Ph.D.": "PhD", "Ph.D.s": "PhDs", "D.C.": "DC",
                 "U.N.": "UN", "ins.": "insurance", "pt.": "patient", "pts.": "patients"}  # fmt: skip
# US states (and DC) by postal code: read after a place name and a comma ("Austin, TX") when a ZIP code,
# punctuation, the end or a lower-case word follows; the codes that are also words ("OK", "HI", "ME", "IN",
# "OH", "OR", "ON") only before a ZIP code, "OR" and "ON" before punctuation too, and all but "OK" where a word
# places the place before them ("born in Honolulu, HI") or another state does ("Boise, ID, Portland, ME")
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
FRACTION_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 32, 50, 64, 100}
RATIO_BEFORE = re.compile(
    r"\b(?:ratio|odds|aspect|dilute|diluted|dilution|mix|mixed|scale|slope|gradient|gearing|leverage)\b"
    r"(?:\s+(?:of|is|was|about|around|roughly|nearly|at)){0,2}"
    r"\s*$",
    re.IGNORECASE,
)
# Words after which a number with a letter names a seat, a room or a place ("seat 14C", "Room 12B"): no
# temperature, no billions
PLACE_BEFORE = {"seat", "seats", "gate", "row", "apt", "apt.", "apartment", "flat", "room", "suite", "unit",
                "platform", "floor", "level", "bay", "pier", "terminal", "bus", "route", "box", "cabin", "locker",
                "size", "cup", "grade", "no.", "number", "plot", "lot", "stand", "section", "block", "car", "coach",
                "berth", "deck", "aisle", "zone", "court", "ward", "bed", "desk", "table", "rm", "rm.", "ste.", "hall",
                "studio", "hangar", "dock", "wing", "pod", "stall", "house", "hut", "shed", "exit", "track", "lane",
                "door", "tower", "building", "bldg.", "hole", "stop"}  # fmt: skip
# Books of the Bible as citations shorten them, before a chapter and verse ("Gen. 1:1-3", "Matt. 5:3")
BOOK_ABBREVIATIONS = {"Gen": "Genesis", "Exod": "Exodus", "Ex": "Exodus", "Lev": "Leviticus", "Num": "Numbers",
                      "Deut": "Deuteronomy", "Josh": "Joshua", "Judg": "Judges", "Sam": "Samuel", "Kgs": "Kings",
                      "Chron": "Chronicles", "Chr": "Chronicles", "Neh": "Nehemiah", "Ps": "Psalm",
                      "Prov": "Proverbs", "Eccl": "Ecclesiastes", "Isa": "Isaiah", "Jer": "Jeremiah",
                      "Lam": "Lamentations", "Ezek": "Ezekiel", "Dan": "Daniel", "Hos": "Hosea", "Mic": "Micah",
                      "Zech": "Zechariah", "Mal": "Malachi", "Matt": "Matthew", "Mt": "Matthew", "Mk": "Mark",
                      "Lk": "Luke",
                      "Jn": "John", "Rom": "Romans", "Cor": "Corinthians", "Gal": "Galatians", "Eph": "Ephesians",
                      "Phil": "Philippians", "Col": "Colossians", "Thess": "Thessalonians", "Tim": "Timothy",
                      "Heb": "Hebrews", "Jas": "James", "Pet": "Peter", "Rev": "Revelation"}  # fmt: skip
# numbered books whose chapter may follow alone ("1 Cor. 13"): no one's name, unlike "2 Kings 5 cards"
CHAPTER_ALONE_BOOKS = "Corinthians|Thessalonians|Chronicles"
# The Associated Press's abbreviations of the states ("Sen. Warren (D-Mass.)"); the others are written whole
AP_STATES = {"Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
             "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
             "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
             "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
             "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
             "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
             "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
             "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
             "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
             "Wis.": "Wisconsin", "Wyo.": "Wyoming"}  # fmt: skip


# Words written short before the number they name ("Pop. 8.3M", "Ep. 47", "Sc. 3", "Act I, Sc. ii"), by their
# letters in small ones: what they say
WRITTEN_SHORT_BEFORE_A_NUMBER = {
    "rm": "Room",
    "div": "Division",
    "pop": "population",
    "prop": "Proposition",
    "dep": "departs",
    "arr": "arrives",
    "ep": "Episode",
    "wk": "week",
    "op": "Opus",
    "art": "Article",
    "arts": "Articles",
    "alt": "altitude",
    "para": "paragraph",
    "paras": "paragraphs",
    "eq": "Equation",
    "eqs": "Equations",
    "sect": "section",
    "subsec": "subsection",
    "cl": "Clause",
    "sch": "Schedule",
    "sched": "Schedule",
    "pt": "Part",
    "pts": "Parts",
    "ch": "Chapter",
    "chs": "Chapters",
    "bks": "Books",
    "eps": "Episodes",
    "sec": "section",
    "bk": "Book",
    "sc": "Scene",
    "vol": "Volume",
    "vols": "Volumes",
    "iss": "Issue",
}


# the words before a secret or a code that people say digit by digit, however short ("Your PIN is 4821")
DIGIT_BY_DIGIT_AFTER = re.compile(
    r"\b(?:[Aa]rea [Cc]ode|PIN|[Pp]asscode|OTP|CVV|CVC|(?:[Vv]erification|[Ss]ecurity|[Aa]ccess|[Dd]oor|[Gg]ate"
    r"|[Oo]ne-time|[Cc]onfirmation|[Ll]ogin|[Ss]ign-in|[Pp]romo|[Dd]iscount|[Cc]oupon|[Vv]oucher|[Gg]ift)\s[Cc]ode"
    # "Your code is 482 913", "Use code 2468", "enter the code 0042": a code the reader types
    r"|[Yy]our\s(?:[a-z-]+\s)?code|(?:[Uu]se|[Ee]nter|[Tt]ype|[Ii]nput)\s(?:the\s|this\s)?(?:[a-z-]+\s)?code"
    r"|[Ss]quawk(?:s|ing|ed)?(?:\scode)?)"  # a transponder's code: "squawking 7700"
    r"(?:\s(?:is|was|number))?:?\s$"
)


# Words of two and three letters that people write in capitals to stress them ("it is NOT fair", "ALL new",
# "the BIG day"): capitals of three letters or fewer that are none of these are letters ("the EPA", "an IPO")
SHORT_WORDS = frozenset({"ah", "am", "an", "as", "at", "aw", "ax", "ay", "be", "by", "do", "eh", "go", "ha", "he",
                         "hi", "ho", "if", "in", "is", "it", "lo", "ma", "me", "my", "no", "of", "oh", "ok", "on",
                         "or", "ow", "ox", "pa", "so", "to", "uh", "um", "up", "we", "ya", "ye", "yo", "ace", "act",
                         "add", "age", "ago", "aid", "aim", "air", "all", "and", "ant", "any", "ape", "are", "ark",
                         "arm", "art", "ask", "ate", "awe", "axe", "bad", "bag", "ban", "bar", "bat", "bay", "bed",
                         "bee", "beg", "bet", "bid", "big", "bit", "bow", "box", "boy", "bud", "bug", "bun", "bus",
                         "but", "buy", "bye", "can", "cap", "car", "cat", "cow", "cry", "cup", "cut", "dad", "day",
                         "den", "dew", "did", "die", "dig", "dim", "dip", "doe", "dog", "dot", "dry", "due", "dug",
                         "ear", "eat", "eel", "egg", "ego", "elf", "elk", "elm", "end", "era", "eve", "eye", "fan",
                         "far", "fat", "fax", "fed", "fee", "few", "fig", "fin", "fit", "fix", "flu", "fly", "foe",
                         "fog", "for", "fox", "fry", "fun", "fur", "gap", "gas", "gel", "gem", "get", "god", "got",
                         "gum", "gun", "gut", "guy", "gym", "had", "ham", "has", "hat", "hay", "hen", "her", "hey",
                         "hid", "him", "hip", "his", "hit", "hog", "hop", "hot", "how", "hub", "hug", "hum", "hut",
                         "ice", "icy", "ill", "ink", "inn", "ion", "its", "ivy", "jam", "jar", "jaw", "jet", "job",
                         "jog", "joy", "jug", "key", "kid", "kin", "kit", "lab", "lad", "lag", "lap", "law", "lay",
                         "led", "leg", "let", "lid", "lie", "lip", "lit", "log", "lot", "low", "mad", "man", "map",
                         "mat", "max", "may", "men", "met", "mix", "mob", "mom", "mop", "mud", "mug", "nap", "net",
                         "new", "nil", "nod", "nor", "not", "now", "nun", "nut", "oak", "oar", "oat", "odd", "off",
                         "oft", "oil", "old", "one", "opt", "our", "out", "owe", "owl", "own", "pad", "pal", "pan",
                         "pat", "paw", "pay", "pea", "peg", "pen", "per", "pet", "pie", "pig", "pin", "pit", "ply",
                         "pod", "pop", "pot", "pro", "pub", "pun", "pup", "put", "rag", "ram", "ran", "rap", "rat",
                         "raw", "ray", "red", "rib", "rid", "rig", "rim", "rip", "rob", "rod", "rot", "row", "rub",
                         "rug", "run", "rye", "sad", "sag", "sat", "saw", "say", "sea", "see", "set", "sew", "she",
                         "shy", "sin", "sip", "sir", "sit", "six", "ski", "sky", "sly", "sob", "son", "sow", "soy",
                         "spa", "spy", "sue", "sum", "sun", "tab", "tag", "tan", "tap", "tar", "tax", "tea", "ten",
                         "the", "tie", "tin", "tip", "toe", "ton", "too", "top", "tow", "toy", "try", "tub", "tug",
                         "two", "use", "van", "vat", "vet", "via", "vow", "war", "was", "wax", "way", "web", "wed",
                         "wet", "who", "why", "wig", "win", "wit", "woe", "wok", "won", "woo", "wow", "yak", "yam",
                         "yap", "yea", "yes", "yet", "you", "zap", "zen", "zip", "zoo"})  # fmt: skip


# the chemical elements' symbols a formula is written with ("H2SO4", "NaCl")
ELEMENTS = {"H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K",
            "Ca", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr",
            "Y", "Mo", "Pd", "Ag", "Cd", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "W", "Pt", "Au", "Hg", "Pb", "Bi",
            "Rn", "Ra", "U", "Pu"}  # fmt: skip
