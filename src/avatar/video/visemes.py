"""Phonemes to mouth shapes: how far each sound opens the mouth, averaged over each video frame.

Loudness alone opens the mouth on every loud sound, including ``m``, ``b`` and ``p``, which are made with
the lips shut. With phoneme timing the mouth closes on those, opens wide on ``a`` and half on ``i``, and
loudness only scales the result. The table is by articulation, so it holds for any language espeak-ng
phonemises; a sound it does not know gets a neutral half-open value.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from avatar.text.phonemes import LENGTH_MARKS, STRESS_MARKS, UNALIGNED, WORD_BOUNDARY, PhonemeSpan

REST = 0.0
NEUTRAL = 0.45
# Share of a frame the phonemes must cover for their shape to be used (the rest falls back to loudness).
MIN_COVERAGE = 0.5
# Share of a frame a lip sound (m, b, p) must cover to shut the lips for the whole frame: a closure is short
# (two or three frames) and averaging it with the vowels around it would leave the lips apart.
CLOSURE_COVERAGE = 0.35

_GROUPS: dict[float, str] = {
    0.0: "pbmɓʙ",  # lips shut
    0.12: "fvɱʋ",  # lower lip on the teeth
    0.25: "wʍɥ",  # rounded, nearly closed
    0.3: "tdnszɾlθðʃʒɹrjçʝxɣʎɲɬɮʂʐɕʑcɟʈɖɳɽɻ",  # tongue against teeth or palate, jaw nearly shut
    0.38: "kgŋhɦqɢɴχʁħʕʔɡ",  # back of the tongue; the jaw drops a little
    0.42: "iyɪʏɨʉ",  # close vowels
    0.45: "uʊɯ",  # close rounded vowels
    0.6: "eøɘɵəɚɤ",  # close-mid
    0.72: "ɛœɜɝɞʌoɔ",  # open-mid
    1.0: "aæɐɑɒɶä",  # open vowels
}
OPENNESS: dict[str, float] = {ch: value for value, chars in _GROUPS.items() for ch in chars}
# Lip spread (+1, corners pulled out: "ee", "s") and rounding (-1, corners pulled in: "oo", "w", "sh").
_SPREAD: dict[float, str] = {
    1.0: "iɪyeɛæ",
    0.5: "szθðtdnlj",
    -0.6: "ʃʒɹrɻ",
    -1.0: "uʊwʍɥoɔøœɒɵ",
}
SPREAD: dict[str, float] = {ch: value for value, chars in _SPREAD.items() for ch in chars}
RESTS = frozenset({"^", "$", ".", ",", "!", "?", ";", ":", "…", "—", "-", "(", ")", '"', "'"})


def spread(label: str) -> float:
    """Lip spread in [-1, 1] for one phoneme label: 0 for sounds that leave the corners where they are."""
    for ch in label:
        if ch in STRESS_MARKS or ch in LENGTH_MARKS:
            continue
        return SPREAD.get(ch, 0.0)
    return 0.0


def openness(label: str) -> float | None:
    """Mouth opening in [0, 1] for one phoneme label; None where loudness should decide: a stretch with no
    alignment, and a word boundary (a pause when alone, a glide between words in connected speech)."""
    if label in (UNALIGNED, WORD_BOUNDARY) or not label:
        return None
    if label in RESTS:
        return REST
    for ch in label:
        if ch in STRESS_MARKS or ch in LENGTH_MARKS:
            continue
        if ch in OPENNESS:
            return OPENNESS[ch]
        if ch in RESTS:
            return REST
    return NEUTRAL


class VisemeTrack:
    """Per video frame, the time-weighted mouth opening of the phonemes spoken in it (streamed)."""

    def __init__(self, spans: Iterable[PhonemeSpan], fps: int) -> None:
        self._spans: Iterator[PhonemeSpan] = iter(spans)
        self.fps = fps
        self._window: deque[PhonemeSpan] = deque()
        self._exhausted = False
        self.frames_with_phonemes = 0
        self.spread = 0.0  # lip spread of the last frame that at_frame answered for (0 when it said None)

    def _fill(self, until: float) -> None:
        while not self._exhausted and (not self._window or self._window[-1].start_s < until):
            span = next(self._spans, None)
            if span is None:
                self._exhausted = True
            else:
                self._window.append(span)

    def at_frame(self, index: int) -> float | None:
        """Opening for frame ``index`` (frames come in order); None where phonemes cover under half of it."""
        t0, t1 = index / self.fps, (index + 1) / self.fps
        self._fill(t1)
        while self._window and self._window[0].end_s <= t0:
            self._window.popleft()
        covered = weighted = spreading = closed = 0.0
        for span in self._window:
            if span.start_s >= t1:
                break
            value = openness(span.phoneme)
            if value is None:
                continue
            overlap = min(span.end_s, t1) - max(span.start_s, t0)
            if overlap > 0:
                covered += overlap
                weighted += overlap * value
                spreading += overlap * spread(span.phoneme)
                closed += overlap * (value == 0.0 and span.phoneme not in RESTS)
        if covered < MIN_COVERAGE * (t1 - t0):
            self.spread = 0.0
            return None
        self.frames_with_phonemes += 1
        self.spread = spreading / covered
        if closed >= CLOSURE_COVERAGE * (t1 - t0):
            return 0.0
        return weighted / covered
