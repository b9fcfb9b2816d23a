"""The pronunciation check's list of words the voice may not know: the script's own words only, never the words
of a reading (a lexicon entry matches the script's words, so only those can be fixed by one)."""

from __future__ import annotations

import pytest

from avatar.text.check import check, known_words


@pytest.mark.skipif(not known_words()[0], reason="the CMU dictionary ships with pocketsphinx")
def test_unknown_words_are_the_scripts_own() -> None:
    text = "Ms. Nwosu paid on Aug. 14 and Nov. 17; follow #TalkingHeads and #OkaforWins, 18 Elm St."
    report = check(text)
    # 'Miz' (for Ms.) and 'teenth' (of "four-teenth", written so for the voice) are the reading's words; a
    # hashtag is read as its words ("Talking Heads", both known), and where one of them is unknown the word
    # flagged is the script's, which a lexicon entry can match ("OkaforWins", not "Okafor")
    assert "four-teenth" in report.spoken and "Miz" in report.spoken and "Talking Heads" in report.spoken
    assert [u.word for u in report.unknown] == ["Nwosu", "OkaforWins"]
    (okafor,) = [u for u in report.unknown if u.word == "OkaforWins"]
    assert text[okafor.first[0] : okafor.first[1]] == "#OkaforWins"  # the span of what the script wrote
