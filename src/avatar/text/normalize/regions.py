"""How a region reads what is written: which language tags share a reading, and what differs between them.

A reading is named by a BCP 47 tag ("en-US", "en-GB"). A voice's language picks one by default; a run
(``synthesize`` option ``reading``) or a request (``normalization.reading``) may choose another.
"""

from __future__ import annotations

from dataclasses import dataclass

from avatar.errors import InputError


@dataclass(frozen=True)
class Region:
    tag: str
    numbers_with_and: bool  # "four hundred and twelve" (British) or "four hundred twelve" (American)
    day_first: bool  # 07/08/2024 is the 7th of August
    date_day_first: bool  # "the seventh of August" rather than "August seventh"
    metre: bool  # "metre", "litre" spellings (espeak-ng says them the same; subtitles and checks show them)
    phone_zero: str  # "zero" or "oh", digit by digit
    score_zero: str  # "3-0": "three to zero" or "three nil"
    score_joiner: str  # "3-2": "three to two" (American) or "three two" (British)
    hash_key: str  # a phone's "#" key: "pound" (American) or "hash" (British)
    dot_times: bool = False  # "at 9.30" is a time (British writing); American writing has a colon


EN_US = Region("en-US", False, False, False, False, "zero", "zero", " to ", "pound")
EN_GB = Region("en-GB", True, True, True, True, "oh", "nil", " ", "hash", dot_times=True)
# Regions that read like one of the two, until one needs its own entry.
REGIONS: dict[str, Region] = {
    "en": EN_US,
    "en-us": EN_US,
    "en-ca": EN_US,
    "en-gb": EN_GB,
    "en-uk": EN_GB,
    "en-ie": EN_GB,
    "en-au": EN_GB,
    "en-nz": EN_GB,
    "en-za": EN_GB,
    "en-in": EN_GB,
}
DEFAULT_READING = "en-US"


def tag_key(language: str | None) -> str:
    """'en_GB', 'EN-gb' -> 'en-gb'; None -> the default reading."""
    return (language or DEFAULT_READING).strip().lower().replace("_", "-")


def region_for(language: str | None) -> Region:
    """The region for a language tag; a tag of another English region reads as American English."""
    key = tag_key(language)
    if key in REGIONS:
        return REGIONS[key]
    parts = key.split("-")
    return REGIONS.get("-".join(parts[:2]), EN_US) if parts[0] == "en" else EN_US


def check_reading(reading: str) -> str:
    """A reading named by a caller: one of the known tags, else one clear error listing them."""
    key = tag_key(reading)
    if key not in REGIONS:
        known = ", ".join(sorted({r.tag for r in REGIONS.values()}))
        raise InputError(f"unknown reading '{reading}'; known readings: {known}")
    return REGIONS[key].tag
