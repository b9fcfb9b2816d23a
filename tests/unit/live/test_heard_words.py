"""What was heard of a sentence when it is cut: each word's end on the session clock, from the phoneme
timing's runs of sounds (one per word) or, where they do not match the words, shared by the words' lengths."""

from __future__ import annotations

from avatar.live.session import RATE, word_ends
from avatar.text.phonemes import WORD_BOUNDARY, PhonemeSpan


def spans(*items: tuple[str, float, float]) -> list[PhonemeSpan]:
    return [PhonemeSpan(a, b, p) for p, a, b in items]


def test_word_ends_follow_the_phoneme_timing() -> None:
    phonemes = spans(("h", 0.0, 0.1), ("aɪ", 0.1, 0.3), (WORD_BOUNDARY, 0.3, 0.35), ("j", 0.35, 0.4),
                     ("uː", 0.4, 0.7), (".", 0.7, 0.8))  # fmt: skip
    said = word_ends("Hi you.", phonemes, start=1000, size=int(0.8 * RATE))
    assert said.words == ("Hi", "you.")
    assert said.ends == (1000 + round(0.3 * RATE), 1000 + round(0.7 * RATE))


def test_without_matching_timing_the_audio_is_shared_by_word_length() -> None:
    said = word_ends("one three", None, start=0, size=800)
    assert said.ends == (300, 800)
    mismatched = word_ends("a b c", spans(("a", 0.0, 0.1)), start=0, size=300)
    assert mismatched.ends == (100, 200, 300)
