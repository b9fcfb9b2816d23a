"""The pronunciation check's list of words the voice may not know: the script's own words only, never the words
of a reading (a lexicon entry matches the script's words, so only those can be fixed by one)."""

from __future__ import annotations

import pytest

from avatar.text.check import check, known_words


@pytest.mark.skipif(not known_words()[0], reason="the CMU dictionary ships with pocketsphinx")
def test_unknown_words_are_the_scripts_own() -> None:
    text = "Ms. Nwosu paid on Aug. 14 and Nov. 17; follow #TalkingHeads, 18 Elm St."
    report = check(text)
    # 'Miz' (for Ms.) and 'teenth' (of "four-teenth", written so for the voice) are the reading's words
    assert "four-teenth" in report.spoken and "Miz" in report.spoken
    assert [u.word for u in report.unknown] == ["Nwosu", "TalkingHeads"]
    (talking,) = [u for u in report.unknown if u.word == "TalkingHeads"]
    assert text[talking.first[0] : talking.first[1]] == "#TalkingHeads"  # the span of what the script wrote
