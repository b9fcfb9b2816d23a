"""The word "and": espeak-ng (piper's phonemiser) gives it no stress, and the bundled voice says it so weakly that
a listener hears "in" ("three chairs in a lamp"). A voice that takes phonemes in the American dialect is given
it with a light stress, the writer's "and" and a reading's alike; an "and" inside a number's words stays weak;
other dialects, other backends, lexicon entries and SSML phonemes are left as they are. Judged on the script
and on a real piper run's own phonemes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from processes import run_cli

from avatar.backends.capabilities import bundled_ipa_symbols
from avatar.text.lexicon import Lexicon, make_entry
from avatar.text.script import STRESSED_AND, prepare

TEXT = "Three chairs and a lamp, rock-and-roll and Andy. And then 205 Q&A and, at last, bread and butter."
SOUND = f"[[{STRESSED_AND['en-us']}]]"


def _american(text: str, language: str | None = None, lexicon: Lexicon | None = None) -> str:
    return prepare(text, language, True, lexicon, bundled_ipa_symbols(), True, "en-us").spoken


def test_an_american_voice_gets_a_stressed_and_where_it_is_a_word() -> None:
    spoken = _american(TEXT)
    # "chairs and", "roll and Andy", "Q and A", "and, at last", "bread and": not "rock-and-roll", "Andy", "And then"
    assert spoken.count(SOUND) == 5, spoken
    assert "rock-and-roll" in spoken and " Andy." in spoken and "And then" in spoken
    assert "Q [[ˌænd]] [[ˈeɪ]]" in spoken  # a reading's "and", beside the letter's sound


def test_the_and_of_a_number_stays_weak() -> None:
    spoken = _american("It cost 205 pounds and 3,001 pence.", "en-GB")  # read the British way, "and" inside
    assert "two hundred and five" in spoken and "three thousand and one" in spoken, spoken
    assert spoken.count(SOUND) == 1, spoken


def test_each_word_keeps_its_span_in_what_was_written() -> None:
    script = prepare(TEXT, None, True, None, bundled_ipa_symbols(), True, "en-us")
    words = [w for seg in script.segments for w in seg.text.words()]
    stressed = [w for w in words if w.text == SOUND]
    assert stressed and all(TEXT[w.start : w.end] in ("and", "Q&A") for w in stressed), stressed
    plain = [w for seg in prepare(TEXT).segments for w in seg.text.words()]
    assert len(words) == len(plain)  # one word for one word: timings and captions count the same


def test_other_dialects_and_backends_say_it_as_written() -> None:
    symbols = bundled_ipa_symbols()
    for dialect in (None, "en-gb", "fr-fr"):
        assert SOUND not in prepare(TEXT, None, True, None, symbols, True, dialect).spoken, dialect
    assert "[[" not in prepare(TEXT, dialect="en-us").spoken  # a backend without phonemes
    # normalisation off: the text as written, to every voice
    assert SOUND not in prepare(TEXT, None, False, None, symbols, True, "en-us").spoken
    # a voice whose phoneme set lacks the sounds says the text, and no error
    assert "[[" not in prepare(TEXT, None, True, None, frozenset("abc"), True, "en-us").spoken


def test_a_lexicon_entry_or_an_ssml_phoneme_for_and_wins() -> None:
    lexicon = Lexicon({"and": make_entry("and", "an'", None)})
    spoken = _american("bread and butter", lexicon=lexicon)
    assert SOUND not in spoken and "an'" in spoken, spoken
    spoken = _american("<speak>bread <phoneme alphabet='ipa' ph='ənd'>and</phoneme> butter and jam</speak>")
    assert "[[ənd]]" in spoken and spoken.count(SOUND) == 1, spoken


def test_piper_says_and_with_its_stress(tmp_path: Path) -> None:
    """A real run of the bundled voice: its own phonemes for each "and" carry a stress mark; the word's span
    and text in words.json are the writer's."""
    out = tmp_path / "out"
    proc = run_cli("run", "speech", "--text", "Three chairs and a lamp, and bread.", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    (run_dir,) = out.iterdir()
    words = json.loads((run_dir / "words.json").read_text(encoding="utf-8"))["words"]
    with (run_dir / "phonemes.tsv").open(encoding="utf-8") as f:
        rows = [(float(r["start_s"]), float(r["end_s"]), r["phoneme"]) for r in csv.DictReader(f, delimiter="\t")]
    ands = [w for w in words if w["text"] == "and"]
    assert len(ands) == 2, words
    for w in ands:
        inside = "".join(p for a, b, p in rows if a >= w["start_s"] - 1e-3 and b <= w["end_s"] + 1e-3)
        assert "ænd" in inside.replace("ˌ", "").replace("ˈ", "") and ("ˌ" in inside or "ˈ" in inside), (w, inside)
