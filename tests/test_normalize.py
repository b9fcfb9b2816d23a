"""Text normalisation for speech: what is said for numbers, dates, money, abbreviations and URLs, and the
spans back into the original text (properties with hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avatar.text.normalize import normalize

CASES = [
    ("It costs $5.", "It costs five dollars."),
    ("It costs $1,234.50 today", "It costs one thousand two hundred and thirty four dollars and fifty cents today"),
    ("A $2.5 million deal", "A two point five million dollars deal"),
    ("Pay 100 USD", "Pay one hundred dollars"),
    ("Up 15% on the year", "Up fifteen percent on the year"),
    ("Meet at 10:30 am", "Meet at ten thirty a m"),
    ("Meet at 9:05", "Meet at nine oh five"),
    ("Meet at 3pm", "Meet at three p m"),
    ("Born 2026-12-01.", "Born December first twenty twenty six."),
    ("Due 12/25/2025", "Due December twenty fifth twenty twenty five"),
    ("On Jan 5th we left", "On January fifth we left"),
    ("On 5 December we left", "On the fifth of December we left"),
    ("In 1905 and the 1990s", "In nineteen oh five and the nineteen nineties"),
    ("The 21st time", "The twenty first time"),
    ("Call 555-123-4567 now", "Call five five five, one two three, four five six seven now"),
    ("It is 5km away", "It is five kilometers away"),
    ("It weighs 3.5 kg", "It weighs three point five kilograms"),
    ("It is 20°C", "It is twenty degrees Celsius"),
    ("Dr. Smith lives on Main St. today", "Doctor Smith lives on Main Street today"),
    ("St. Mary and Mr. Jones, e.g. them", "Saint Mary and Mister Jones, for example them"),
    ("apples, pears, etc. The end", "apples, pears, et cetera. The end"),
    ("Visit https://example.com/docs now", "Visit example dot com slash docs now"),
    ("Mail john.doe@example.org today", "Mail john dot doe at example dot org today"),
    ("Rock & roll", "Rock and roll"),
    ("It fell to -5 today", "It fell to minus five today"),
    ("Room #3 and No. 7", "Room number three and number seven"),
    ("Paper size A4", "Paper size A four"),
    ("Plain prose, as written.", "Plain prose, as written."),
]


@pytest.mark.parametrize(("text", "spoken"), CASES)
def test_spoken_forms(text: str, spoken: str) -> None:
    assert " ".join(normalize(text).spoken.split()) == spoken


def test_off_speaks_as_written_but_never_raw_phonemes() -> None:
    n = normalize("It costs $5 [[hɛloʊ]]", enabled=False)
    assert "$5" in n.spoken
    assert "[[" not in n.spoken and "]]" not in n.spoken  # piper would read [[...]] as phonemes


def test_other_language_is_spoken_as_written() -> None:
    assert normalize("Es kostet 5 Euro", "de").spoken == "Es kostet 5 Euro"


def test_words_keep_the_original_span() -> None:
    text = "Dr. Smith paid $100 on 2026-12-01."
    n = normalize(text)
    groups: dict[int, list[str]] = {}
    for w in n.words():
        groups.setdefault(w.group, []).append(text[w.start : w.end])
    shown = [spans[0] for spans in groups.values()]
    assert shown == ["Dr.", "Smith", "paid", "$100", "on", "2026-12-01"]


PROSE = st.lists(
    st.sampled_from([*list("abcXY 0123456789.,:;/$%-+@&#'!?\n€"), "St.", "Dr.", " am", "km", "°C", "www.", "://"]),
    max_size=60,
).map("".join)


@given(PROSE)
def test_pieces_tile_the_original(text: str) -> None:
    n = normalize(text)
    at = 0
    for p in n.pieces:
        assert p.start == at and p.end >= p.start
        if p.verbatim:
            assert p.spoken == text[p.start : p.end]
        at = p.end
    assert at == len(text)


@given(PROSE)
def test_no_digit_sequence_is_dropped_and_all_is_speakable(text: str) -> None:
    n = normalize(text)
    spoken = n.spoken
    assert not re.search(r"[0-9]", spoken), spoken  # every digit became words
    for m in re.finditer(r"[0-9]", text):  # each digit lies in an expansion that says words
        covering = [p for p in n.pieces if p.start <= m.start() < p.end]
        assert len(covering) == 1 and not covering[0].verbatim
        assert re.search(r"[A-Za-z]", covering[0].spoken), (m.group(), covering[0])
    for symbol in "$€%":
        assert symbol not in spoken


@given(PROSE)
def test_word_spans_lie_inside_the_input(text: str) -> None:
    for w in normalize(text).words():
        assert 0 <= w.start < w.end <= len(text)
        assert text[w.start : w.end].strip() == text[w.start : w.end]
