"""Reading sport as it is written: scores ("won 3-1": three nil in the British reading, between two sides' names,
in a run of sets), road races ("ran a 5K"), bookmakers' odds ("won at 9/2"), cricket scores ("401/7 dec."),
lap times ("1:32.608") and batting averages (".312")."""

from __future__ import annotations

import re

from avatar.text.normalize.english.context import LOOK, Ctx, Reader, code_number, counted
from avatar.text.normalize.english.dates import WEEKDAYS, minutes
from avatar.text.normalize.english.vocabulary import MONTHS
from avatar.text.normalize.numbers import spell_digits

_SCORE_CONTEXT = re.compile(
    r"\b(?:won|win|wins|lost|lose|loses|beat|beats|drew|draw|draws|score|scored|scores|final|defeat|defeated|"
    r"finished|ended|match|game|"
    r"victory|led|leads|lead|trailed|trailing|ahead|behind|tied|tie|(?-i:HT|FT)|half[- ]time|full[- ]time)\b\W*"
    r"(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_SCORE_AFTER = re.compile(
    r"\s*(?:win|victory|defeat|loss|lead|draw|drubbing|thrashing|scoreline)\b"
    r"|\s(?:up|down)(?=\s(?:at|after|with|in|against|to|but)\b|[,.;:!?)]|$)"  # "England are 2-0 up at the break"
    r"|\s(?:at|after)\s(?:(?-i:HT|FT)|half[- ]time|full[- ]time|the break|the half)\b",  # "5-0 at HT"
    re.IGNORECASE,
)


# A score just before, joined by a comma or a bracket: "won 6-4, 3-6, 7-6 (7-5)" (sets, a tie-break)
_SCORE_JUST_BEFORE = re.compile(r"\b[0-9]{1,3}[-–][0-9]{1,3}(?:,\s|\s\()$")


def _after_scores(text: str, at: int) -> bool:
    """Whether the number at ``text[at]`` follows a run of scores (at most five) that a score's words open."""
    start = at
    for _ in range(5):
        prev = _SCORE_JUST_BEFORE.search(text, max(0, at - 12), at)
        if prev is None:
            break
        at = prev.start()
    return at != start and _SCORE_CONTEXT.search(text, max(0, at - LOOK), at) is not None


_TEAM_BEFORE = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+)\s$")
_TEAM_AFTER = re.compile(r"\s([A-Z][a-z]+)\b(?![.'’-][A-Za-z])")
# Capitalised words a range sits between that are no sides of a match ("May 3-5 Paris", "Pages 12-19 Then")
_NO_TEAMS = (
    set(MONTHS) | {m[:3] for m in MONTHS} | {"Sept"} | set(WEEKDAYS) | {w[:3] for w in WEEKDAYS}
    | {"Tues", "Thur", "Thurs", "Weds", "Page", "Pages", "Chapter", "Chapters", "Room", "Rooms", "Age", "Ages",
       "Grade", "Grades", "Level", "Levels", "Year", "Years", "Gate", "Gates", "Aisle", "Aisles", "Platform",
       "Platforms", "Section", "Sections", "Verse", "Verses", "Floor", "Floors", "Suite", "Unit", "Units", "Step",
       "Steps", "Episode", "Episodes", "Season", "Seasons", "Week", "Weeks", "Day", "Days", "Line", "Lines",
       "Item", "Items", "Question", "Questions", "Size", "Sizes", "Table", "Tables", "Figure", "Figures", "The",
       "Then", "Open", "Hours", "From", "Between", "Call", "Text", "Zone", "Zones", "House", "Houses", "Stage",
       "Stages", "Key", "Phase", "Phases", "Block", "Blocks", "Bay", "Bays", "Ward", "Wards", "Class", "Classes",
       "Group", "Groups", "Round", "Rounds", "Part", "Parts", "Band", "Bands", "Tier", "Tiers", "Stop", "Stops",
       "Terminal", "Terminals", "Exit", "Exits", "Junction", "Junctions", "Lane", "Lanes", "Seat", "Seats"}
)  # fmt: skip


def _between_teams(c: Ctx) -> bool:
    """A score between two sides' names ("Chelsea 2-0 Spurs", "Lakers 112-104 Celtics")."""
    before = _TEAM_BEFORE.search(c.before())
    after = _TEAM_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK)
    return before is not None and after is not None and not {before.group(1), after.group(1)} & _NO_TEAMS


# overs after "245-6": a cricket score, runs for wickets ("245-6 (50 overs)", "246-4 in 47.2 overs")
_OVERS_AFTER = re.compile(r"\s?(?:\(|in\s|off\s)?[0-9]{1,2}(?:\.[0-5])?\s?(?:overs|ov)\b")


def runs_for_wickets(c: Ctx, a: str, b: str, at: int) -> str | None:
    """'245-6 (50 overs)': runs for wickets, where overs follow (from ``at``)."""
    if not (a.isdigit() and b.isdigit() and int(b) <= 10 and _OVERS_AFTER.match(c.m.string, at, at + LOOK)):
        return None
    return f"{c.num(a)} for {c.num(b)}"


# A side's record of wins and losses: "an 11-2 record", "went 11-2", "(11-2)" after a side's name, "the 11-2
# Chiefs", "8-5 on the season": said "eleven and two", not as a score
_RECORD_AFTER = re.compile(
    r"\s(?:record|mark|start|overall|on\sthe\s(?:season|year|road)|this\s(?:season|year)|at\shome|"
    r"in\s(?:the\s)?(?:conference|league|division|group|regular\sseason))\b"
)
_RECORD_BEFORE = re.compile(
    r"\b(?:went|improved\sto|fell\sto|dropped\sto|moved\sto|slipped\sto|record\sof|record\sto|retired\sat|stands\sat"
    r"|(?-i:[A-Z][a-z]+s|[0-9]{2}ers)\s(?:are|were)|(?:he|she)['’]s|(?:he|she)\sis)\s$",
    re.IGNORECASE,
)
_SIDE_BEFORE = re.compile(r"\b([A-Z][A-Za-z]+)\s\($")  # "The Chiefs (11-2)"
_ERA_AFTER = re.compile(r",\s[0-9]{0,2}\.[0-9]{2}\sERA\b")  # a pitcher's record, then his earned run average
_SIDE_AFTER = re.compile(r"\s([A-Z][a-z]+)\b")  # "the 11-2 Chiefs"


# after a record that the words before announce: its clause's end, or the clause going on ("and lead the East")
_RECORD_GOES_ON = re.compile(r"\s*(?:[,.;:!?)]|$)|\s(?:and|but|with|after|since|in|\()\b")


def record(c: Ctx, a: str, b: str) -> str | None:
    """A side's wins and losses ("went 11-2", "an 11-2 record", "the Chiefs (11-2)"): eleven and two."""
    if not (a.isdigit() and b.isdigit() and len(a) <= 3 and len(b) <= 3) or int(a) + int(b) > 180:
        return None  # (a season has at most 162 games: "Alfred (849-899)" is a life)
    text, before, end = c.m.string, c.before(), c.m.end()
    bracket_ends = text[end : end + 1] == ")" or _ERA_AFTER.match(text, end, end + LOOK) is not None
    named = _SIDE_BEFORE.search(before) if bracket_ends else None  # "The Chiefs (11-2)", "Skenes (10-3, 1.96 ERA)"
    if named is None and re.search(r"\bthe\s$", before):
        named = _SIDE_AFTER.match(text, end, end + LOOK)  # "the 11-2 Chiefs"
    told = _RECORD_AFTER.match(text, end, end + LOOK)
    if told and _SCORE_CONTEXT.search(before) and told.group(0).strip() not in ("record", "mark"):
        told = None  # "won 3-2 at home": a match's score
    # "went 11-2.", "are 64-18 and lead the East", "improved to 22-0 (14 KOs)"
    ends = _RECORD_BEFORE.search(before) and _RECORD_GOES_ON.match(text[end : end + 8])
    if (named and named.group(1) not in _NO_TEAMS) or told or ends:
        return " and ".join("oh" if n == "0" else c.num(n) for n in (a, b))  # "22-0": twenty two and oh
    return None


# what tells a star after a batter's runs ("102*") is cricket's "not out": the balls faced after it, or a verb
_NOT_OUT_AFTER = re.compile(r"\s(?:off|from)\s[0-9]|\s?\([0-9]{1,3}(?:\s?(?:balls|b|bls))?\)")
_NOT_OUT_BEFORE = re.compile(
    r"\b(?:made|scored|scoring|unbeaten\son|reached|finished\son|ended\son|was\son|batting\son|top[- ]scored\swith)"
    r"\s[0-9]{1,3}$",
    re.IGNORECASE,
)


def not_out(c: Ctx) -> str | None:
    """A star after a number: "153* off 210 balls", "made 102* (87 balls)": not out; elsewhere ("$5.99*", "102* not
    out", a footnote's mark) nothing is said for it."""
    end = c.m.end()
    if re.match(r"\s+not\s+out\b", c.m.string[end : end + LOOK]):
        return ""
    if _NOT_OUT_AFTER.match(c.m.string, end, end + LOOK) or _NOT_OUT_BEFORE.search(c.before()):
        return " not out"
    return ""


def score(c: Ctx, a: str, b: str) -> str | None:
    if not (a.isdigit() and b.isdigit() and len(a) <= 3 and len(b) <= 3):
        return None
    if runs := runs_for_wickets(c, a, b, c.m.end()):
        return runs
    if not (
        _SCORE_CONTEXT.search(c.before())
        or _SCORE_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK)
        or _after_scores(c.m.string, c.m.start())
        or _between_teams(c)
    ):
        return None
    zero = c.region.score_zero

    def points(n: str) -> str:
        return zero if int(n) == 0 else c.num(n)

    joiner = " to " if max(len(a), len(b)) == 3 else c.region.score_joiner  # "108-102": a hundred and eight to
    return f"{points(a)}{joiner}{points(b)}"


_RACE_BEFORE = {"ran", "run", "runs", "running", "walked", "walk", "jogged", "finished", "completed", "won", "win",
                "record"}  # fmt: skip
_RACE_AFTER = {"race", "races", "run", "runs", "walk", "fun", "charity", "runner", "runners", "course", "swim",
               "ride", "trail", "loop", "event", "route", "split", "splits", "pace", "record", "pb", "time",
               "times", "ultra", "ultras", "ultramarathon", "relay", "walkers", "entrants"}  # fmt: skip
_RACE_TIME_AFTER = re.compile(r"\s+in\s+[0-9]{1,2}:[0-5][0-9]\b")  # "and 10k in 51:02": a distance run in a time
# what a race does after "the 5K" ("the 5K starts at 7"): words in -s that are no plural a thousand would count
_RACE_VERBS = {"starts", "begins", "ends", "finishes", "takes", "goes", "follows", "is", "was"}
# "10K and 5K races": another race's distance and the race after it; "a sub-50 10K": a time the race was run under
_ANOTHER_RACE_AFTER = re.compile(r"(?:,| and| or| &)\s[0-9]{1,3}[Kk]\s(?:[a-z]+\s)?(?:races?|runs?|events?|walks?)\b")
_RACE_TIME_BEFORE = re.compile(r"\bsub-?[0-9]{1,3}(?::[0-5][0-9])?\s$")
# "the 5K", "a 10K": the two road races named after an article
_RACE_ARTICLE = {"the", "a", "this", "our", "their", "his", "her", "my"}


def race_distance(c: Ctx, number: str) -> bool:
    """A number of kilometres before "K" that names a road race ("ran a 5K", "the 10k race", "the 5K starts at
    7"), not a count ("walk 10k steps")."""
    after = c.word_after()
    if not number.isdigit() or int(number) > 100:
        return False
    if after.lower() in _RACE_AFTER or _ANOTHER_RACE_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK):
        return True  # "the 10k race", "5K races", "hosts 10K and 5K races"
    return (
        c.word_before() in _RACE_BEFORE
        or _RACE_TIME_AFTER.match(c.m.string, c.m.end()) is not None
        or _RACE_TIME_BEFORE.search(c.before()) is not None
        or (number in ("5", "10") and c.word_before().lower() in _RACE_ARTICLE)
    ) and (after in _RACE_VERBS or not counted(after))  # "walk 10k steps": ten thousand


def _read_average(c: Ctx) -> str | None:
    """ ".312": a batting average, said "three twelve" (".300" three hundred) after the words that give one."""
    if not _AVERAGE_BEFORE.search(c.before()) and c.word_after().lower() not in ("hitter", "average", "avg", "avg."):
        return None
    return code_number(c, c.g["avg"])


_AVERAGE_BEFORE = re.compile(
    r"\b(?:bat|bats|batted|batting|hit|hits|hitting|average|averaged|averages|avg\.?)\s(?:of\s|just\s|over\s|to\s)?$",
    re.I,
)


# A bet's words before "at 9/2" ("the horse won at 9/2", "odds of 100/1"), or after the odds ("the 5/1 favourite")
_BET_BEFORE = re.compile(
    r"\b(?:fav|favourite|favorite|odds|bookies|bookmakers|backed|punters|horse|each-way|outsider|bet|won|price|SP)\b",
    re.IGNORECASE,
)
_BET_AFTER = re.compile(
    r"\s(?:favs?|favourites?|favorites?|shot|outsider|joint-favourites?|to win|on favourites?|on\b(?=[,.;]|$)"
    r"|with\s(?:Bet365|Sky Bet|Paddy Power|William Hill|Ladbrokes|Coral|Betfair))\b",
    re.IGNORECASE,
)
# a side, the draw or a bookmaker's "@" before a price ("Arsenal 9/4", "the draw 3/1", "BTTS @ 8/11")
_PRICED_BEFORE = re.compile(r"(?:\b[A-Z][A-Za-z]+(?:\s(?:are|is))?|\bdraw(?:\sis)?|@)\s$")
# what makes a text a card of prices: the draw, a bookmaker, a market
_BETTING_NEAR = re.compile(
    r"\b(?:the\sdraw|odds|bookies|bookmakers?|Bet365|Sky\sBet|Paddy\sPower|William\sHill|Ladbrokes|Coral|Betfair"
    r"|BTTS|each[- ]way|e/w|favourites?|favorites?|evens|odds-on|punters?)\b"
    r"|\bdraw(?:\sis)?\s[0-9]{1,3}/[0-9]",
    re.IGNORECASE,
)
_CRICKET_BEFORE = re.compile(
    r"(?:\b(?:were|are|was|is|reached|finished on|closed on|declared on|to|on|at|for|posted|made|scored|totalled"
    r"|totaled)|\b[A-Z][a-z]{2,})\s$"
)
_CRICKET_AFTER = re.compile(
    r"\s(?:at\s(?:lunch|tea|stumps|the close)|in\s(?:their\s|its\s|the\s)?[0-9]{1,3}(?:\.[0-9])?\sovers"
    r"|after\s[0-9]{1,3}(?:\.[0-9])?\sovers"
    r"|overnight|at\sstumps)\b"
    # "Australia 211/4, lead by 98", "India 245/8, needing 40 more": a side's innings and where it stands
    r"|,?\s(?:(?:lead|leading|trail|trailing)\sby|need|needing|(?:a\s)?(?:lead|deficit)\sof)\s[0-9]"
)


def _sentence_around(c: Ctx, look: int = 160) -> str:
    """The sentence the match is in (at most ``look`` characters either side)."""
    after = re.split(r"[.!?](?:\s|$)", c.m.string[c.m.end() : c.m.end() + look])[0]
    return c.sentence_before(look) + c.text + after


def _read_odds(c: Ctx) -> str | None:
    g = c.g
    before = re.split(r"[.;:!?()]\s*", c.before())[-1]  # its own clause: "won; meet at 9/2" is no bet
    at = re.search(
        r"\b(?:at|from|odds of|price of|priced at|backed at|SP|odds(?:\s(?:are|were|is|was|now|stand at))?)\s$",
        before,
        re.IGNORECASE,
    )  # "won at 9/2", "odds of 100/1", "the odds are 5/1"
    priced = (_PRICED_BEFORE.search(before) or _BET_AFTER.match(c.m.string, c.m.end(), c.m.end() + 20)) and (
        _BETTING_NEAR.search(_sentence_around(c))
    )  # "Liverpool 8/15, the draw 3/1, Bournemouth 5/1", "Man City are 4/6 on": a card of prices
    if not ((at and _BET_BEFORE.search(before)) or _BET_AFTER.match(c.m.string, c.m.end(), c.m.end() + 20) or priced):
        return None  # "at 9/2" with no bet's words: a date or a fraction, as their rules read it
    return f"{c.num(g['od1'])} to {c.num(g['od2'])}"


def _read_cricket_score(c: Ctx) -> str | None:
    g = c.g
    declared = g["ckd"] is not None
    after = _CRICKET_AFTER.match(c.m.string, c.m.end(), c.m.end() + 24)
    if not (declared or (after and _CRICKET_BEFORE.search(c.before()))):
        return None
    return f"{c.num(g['ck1'])} for {c.num(g['ck2'])}" + (" declared" + c.stop() if declared else "")


# what a bowler's figures, wickets for runs, come after or before: "bowled 4/23", "figures of 5-41", "took 3/18
# in 4 overs" (not "due 4/23", a date, "3/4 cup", nor "took 3-4 days")
_BOWLED_BEFORE = re.compile(
    r"\b(?:bowled|bowling|figures\sof|claimed|claims|best\sof|career[- ]best)\s$",
    re.IGNORECASE,
)
_BOWLED_AFTER = re.compile(
    r"\s(?:in|off|from)\s[0-9]{1,2}(?:\.[0-5])?\s?(?:overs|ov)\b|\s\([0-9]{1,2}(?:\.[0-5])?\s?(?:overs|ov)\)"
)


def _read_bowling(c: Ctx) -> str | None:
    """ "bowled 4/23", "figures of 5-41", "3/18 in 4 overs": wickets for runs, four for twenty three."""
    if not (_BOWLED_BEFORE.search(c.before()) or _BOWLED_AFTER.match(c.m.string, c.m.end(), c.m.end() + LOOK)):
        return None
    return f"{c.num(c.g['bw1'])} for {c.num(c.g['bw2'])}"


def _read_lap_time(c: Ctx) -> str | None:
    g = c.g
    fraction = spell_digits(g["lpf"], "oh")
    if int(g["lpm"]) == 0:
        return f"{c.num(g['lps'])} point {fraction}"  # "0:58.41": fifty eight point four one
    return f"{c.num(g['lpm'])} {minutes(c, int(g['lps']))} point {fraction}"


_SET = re.compile(r"([0-7])-([0-7])(?:\(([0-9]{1,2})\))?")


def _read_tennis_sets(c: Ctx) -> str | None:
    """ "6-3, 6-4, 7-6(5)": six three, six four, seven six, five (the tie-break's points); a zero is love."""
    said = []
    for m in _SET.finditer(c.text):
        a, b, tiebreak = int(m.group(1)), int(m.group(2)), m.group(3)
        high, low = max(a, b), min(a, b)
        if not ((high == 6 and low <= 4) or (high == 7 and low in (5, 6))) or (tiebreak and low != 6):
            return None  # "3-2, 1-0": no set of tennis
        games = " ".join("love" if n == 0 else c.num(str(n)) for n in (a, b))
        said.append(games + (f", {c.num(tiebreak)}" if tiebreak else ""))
    return ", ".join(said)


def _read_wins_losses(c: Ctx) -> str | None:
    wins, losses = c.g["wl1"], c.g["wl2"]
    return f"{c.num(wins)} {'win' if wins == '1' else 'wins'}, {c.num(losses)} {'loss' if losses == '1' else 'losses'}"


def _read_lap_marked(c: Ctx) -> str | None:
    g = c.g
    mins = int(g["lmm"])
    if "m" not in c.text and not (c.text.count("'") == 1 and len(g["lmf"]) == 3):
        return None  # "6'10.5": a height; a lap's mark has thousandths ("1'29.708")
    if "m" in c.text:  # "1m29.708s": one minute twenty nine point seven oh eight seconds, as its letters say
        unit = "minute" if mins == 1 else "minutes"
        return f"{c.num(str(mins))} {unit} {c.num(str(int(g['lms'])))} point {spell_digits(g['lmf'])} seconds"
    return f"{c.num(str(mins))} {minutes(c, int(g['lms']))} point {spell_digits(g['lmf'], 'oh')}"  # "1'29.708"


def _read_race_time(c: Ctx) -> str | None:
    g = c.g
    hours, fraction = int(g["rch"]), spell_digits(g["rcf"], "oh")
    mins, secs = int(g["rcm"]), int(g["rcs"])
    if not hours and not mins:
        return f"{c.num(str(secs))} point {fraction}"  # "00:00:01.500": one point five oh oh
    said = f"{c.num(str(hours))} {minutes(c, mins)}" if hours else c.num(str(mins))
    return f"{said} {minutes(c, secs)} point {fraction}"  # "1:42:37.891": one forty two thirty seven point ...


def _read_furlongs(c: Ctx) -> str | None:
    g = c.g
    parts = []
    if g["flm"]:
        parts.append(f"{c.num(g['flm'])} {'mile' if g['flm'] == '1' else 'miles'}")
    furlongs, half = g["flf"] or g["flf2"], g["flh"] or g["flh2"]
    parts.append(
        f"{c.num(furlongs)}{' and a half' if half else ''} {'furlong' if furlongs == '1' and not half else 'furlongs'}"
    )
    if g["fly"]:
        parts.append(f"{c.num(g['fly'])} yards")
    return " ".join(parts)


READERS: dict[str, Reader] = {
    "furlongs": _read_furlongs,
    "three_point": lambda c: "three-point",
    "overtimes": lambda c: {"2": "double", "3": "triple", "4": "quadruple"}[c.g["ots"]] + " overtime",
    "odds": _read_odds,
    "cricket_score": _read_cricket_score,
    "bowling": _read_bowling,
    "lap_time": _read_lap_time,
    "race_time": _read_race_time,
    "lap_marked": _read_lap_marked,
    "wins_losses": _read_wins_losses,
    "tennis_sets": _read_tennis_sets,
    "average": _read_average,
}
