"""The letter A: espeak-ng (piper's phonemiser) says every lone capital A as the article ("uh": "an uh in
maths", "Q and uh"). The normaliser marks the A that is the letter (rule "letter"), the script gives a voice
that takes phonemes its sound, and real piper says it: judged from piper's own phonemes of a real run."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from processes import run_cli

from avatar.backends.capabilities import bundled_ipa_symbols
from avatar.text.normalize import normalize
from avatar.text.script import LETTER_A_IPA, prepare

LETTERS = [
    "She got an A in maths.",
    "We went with plan A, not plan B.",
    "Take vitamin A every day.",
    "Section A applies to every tenant.",
    "He drove the A1 to Leeds.",
    "We ran an A/B test.",
    "Q: Why? A: Because.",
    "The letter 'A' comes first.",
    "The type A battery lasted.",
    "Options (A) and (B) remain.",
    "Board at gate 42A now.",
]
ARTICLES = [
    "A man walked in.",
    "He left. A dog barked.",
    "We read Portrait of A Lady.",
    "READ A BOOK TODAY",
    '"A spider has legs," she said.',
    "- A bullet in a list",
    "Then (A note follows.)",
    "Note: A fee applies.",
]


@pytest.mark.parametrize("text", LETTERS)
def test_a_lone_capital_a_is_the_letter(text: str) -> None:
    result = normalize(text)
    letters = [p for p in result.pieces if p.rule == "letter"]
    assert len(letters) == 1, result.pieces
    # said as written to a voice without phonemes: the reading is the text's own
    assert text[letters[0].start : letters[0].end] == "A" and letters[0].spoken == "A"


@pytest.mark.parametrize("text", ARTICLES)
def test_a_sentence_title_or_heading_starts_with_the_article(text: str) -> None:
    assert not [p for p in normalize(text).pieces if p.rule == "letter"]


def test_a_voice_that_takes_phonemes_gets_the_letters_sound_and_only_there() -> None:
    text = "She got an A in maths. A man took the A1, the Q&A and an A- grade. READ A BOOK."
    symbols = bundled_ipa_symbols()
    spoken = prepare(text, takes_ipa=True, ipa_symbols=symbols).spoken
    sound = f"[[{LETTER_A_IPA}]]"
    # the letter, the A of "A1" ("A one"), of "Q&A" ("Q and A") and of "A-" ("A minus"); not "A man", "A BOOK"
    assert spoken.count(sound) == 4, spoken
    assert " A man " in spoken and " A Book" in spoken
    plain = prepare(text).spoken  # a voice without phonemes: the text, as before
    assert "[[" not in plain and "an A in" in plain and "Q and A" in plain
    # a voice whose phoneme set lacks the sound keeps the letter as written, and no error
    assert "[[" not in prepare(text, takes_ipa=True, ipa_symbols=frozenset("abc")).spoken


def test_initials_end_no_sentence() -> None:
    spoken = normalize("J. R. R. Tolkien met Michael J. Fox and Dr. A. Okafor. Plan B. Then H.R. 3684.").spoken
    assert spoken.startswith("J R R Tolkien met Michael J Fox and Doctor A Okafor.")
    assert "Plan B. Then H.R. thirty six eighty four." in spoken  # a sentence's end, and a bill


def _phonemes_of_words(run_dir: Path) -> list[tuple[str, str]]:
    words = json.loads((run_dir / "words.json").read_text(encoding="utf-8"))["words"]
    with (run_dir / "phonemes.tsv").open(encoding="utf-8") as f:
        rows = [(float(r["start_s"]), float(r["end_s"]), r["phoneme"]) for r in csv.DictReader(f, delimiter="\t")]
    out = []
    for w in words:
        inside = [p for a, b, p in rows if a >= w["start_s"] - 1e-3 and b <= w["end_s"] + 1e-3 and p not in "_^$,."]
        out.append((w["text"], "".join(inside)))
    return out


def test_piper_says_the_letter_as_a_letter_and_the_article_as_an_article(tmp_path: Path) -> None:
    """A real run of the bundled piper voice: its own phonemes for each word (piper's timing) say "eɪ" for
    the letter and the article's vowel for "A man"."""
    out = tmp_path / "out"
    proc = run_cli("run", "speech", "--text", "She got an A in maths. A man took plan A.", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    (run_dir,) = out.iterdir()
    said = _phonemes_of_words(run_dir)
    a_words = [p for w, p in said if w == "A"]
    assert len(a_words) == 3, said
    letter, article, plan = a_words
    assert "eɪ" in letter.replace("ˈ", "") and "eɪ" in plan.replace("ˈ", ""), said
    assert "eɪ" not in article.replace("ˈ", ""), said


def test_capitals_spelled_as_letters_give_each_a_the_letters_sound() -> None:
    """Capitals no English word begins or ends like ("AAPL", "TSLA") are spelled, and each A among them is the
    letter: espeak-ng reads "TSLA" as "tee-sla" and the A of "A-A-P-L" as "uh"."""
    text = "AAPL rose while TSLA and NVDA's shares fell."
    assert normalize(text).spoken.startswith("A-A-P-L rose while T-S-L-A and N-V-D-A's shares")
    spoken = prepare(text, takes_ipa=True, ipa_symbols=bundled_ipa_symbols()).spoken
    assert spoken.count(f"[[{LETTER_A_IPA}]]") == 3 and f"[[{LETTER_A_IPA}z]]" in spoken, spoken
    assert "P-L rose" in spoken and "T-S-L [[" in spoken and "N-V-D [[" in spoken, spoken
    assert "[[" not in prepare(text).spoken  # a voice without phonemes: the letters as written


def test_piper_spells_a_ticker_with_the_letters_sounds(tmp_path: Path) -> None:
    """A real run: piper's own phonemes for "AAPL" hold the letter A's "eɪ" twice, and "TSLA"'s end in it."""
    out = tmp_path / "out"
    proc = run_cli("run", "speech", "--text", "AAPL rose while TSLA fell.", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    (run_dir,) = out.iterdir()
    said = dict(_phonemes_of_words(run_dir))
    assert said["AAPL"].replace("ˈ", "").count("eɪ") == 2, said
    assert said["TSLA"].replace("ˈ", "").endswith("eɪ"), said
