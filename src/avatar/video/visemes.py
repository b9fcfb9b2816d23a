"""Phonemes to mouth shapes: how far each sound opens the mouth, blended over each video frame and its
neighbours.

Loudness alone opens the mouth on every loud sound, including ``m``, ``b`` and ``p``, which are made with
the lips shut. With phoneme timing the mouth closes on those, opens wide on ``a`` and half on ``i``, and
loudness only scales the result. The table is by articulation, so it holds for any language espeak-ng
phonemises; a sound it does not know gets a neutral half-open value.

Coarticulation: lips move towards the next sound before it is heard and keep some of the last one, so each
frame's shape is a blend of the sounds within a short window around it, centred a little ahead of the frame
(a triangular kernel, as in dominance models of visual speech). Lip rounding is anticipated longest: it starts
a syllable or so before a rounded vowel. A lip closure (m, b, p) is never blended away: a frame it covers
enough is shut.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator

from avatar.text.phonemes import LENGTH_MARKS, STRESS_MARKS, UNALIGNED, WORD_BOUNDARY, PhonemeSpan

REST = 0.0
NEUTRAL = 0.45
# Share of a frame the phonemes must cover for their shape to be used (the rest falls back to loudness).
MIN_COVERAGE = 0.5
# A lip sound (m, b, p) shuts the lips in every frame whose middle it covers; one too short to cover any
# frame's middle shuts a frame it covers this share of (a closure is short, two or three frames, and
# averaging it with the vowels around it would leave the lips apart).
CLOSURE_COVERAGE = 0.35
# Blending window (s): half-width of the triangular kernel and how far ahead of the frame it is centred.
BLEND_S, LEAD_S = 0.03, 0.01
CONSONANT_DOMINANCE = 0.5  # weight of a consonant's shape against a vowel's in the blend
ROUND_BLEND_S, ROUND_LEAD_S = 0.1, 0.04  # spread and rounding: wider, and anticipated further

_GROUPS: dict[float, str] = {
    0.0: "pbmɓʙ",  # lips shut
    0.12: "fvɱʋ",  # lower lip on the teeth
    0.25: "wʍɥ",  # rounded, nearly closed
    0.3: "tdnszɾlθðʃʒɹrjçʝxɣʎɲɬɮʂʐɕʑcɟʈɖɳɽɻ",  # tongue against teeth or palate, jaw nearly shut
    0.38: "kgŋhɦqɢɴχʁħʕʔɡ",  # back of the tongue; the jaw drops a little
    0.31: "iyɪʏɨʉ",  # close vowels: the jaw nearly shut, the lips spread
    0.32: "uʊɯ",  # close rounded vowels: a small, rounded opening
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
TUCKS = frozenset("fvɱʋ")  # the lower lip drawn up to the upper teeth
RESTS = frozenset({"^", "$", ".", ",", "!", "?", ";", ":", "…", "—", "-", "(", ")", '"', "'"})


def spread(label: str) -> float:
    """Lip spread in [-1, 1] for one phoneme label: 0 for sounds that leave the corners where they are."""
    for ch in label:
        if ch in STRESS_MARKS or ch in LENGTH_MARKS:
            continue
        return SPREAD.get(ch, 0.0)
    return 0.0


def tuck(label: str) -> float:
    """1 for labiodentals (f, v): the lower lip meets the upper teeth; 0 otherwise."""
    for ch in label:
        if ch in STRESS_MARKS or ch in LENGTH_MARKS:
            continue
        return 1.0 if ch in TUCKS else 0.0
    return 0.0


def _holds_a_mid(span: PhonemeSpan, fps: int) -> bool:
    """Whether some video frame's middle falls inside ``span``."""
    first = math.ceil(span.start_s * fps - 0.5)  # the first frame whose middle is at or after the start
    return (first + 0.5) / fps < span.end_s


def _tri_mass(a: float, b: float, c: float, k: float) -> float:
    """Mass of a unit triangular kernel centred at ``c`` with half-width ``k`` over [a, b]."""

    def cdf(x: float) -> float:
        z = min(1.0, max(-1.0, (x - c) / k))
        return 0.5 * (1.0 + z) ** 2 if z < 0 else 1.0 - 0.5 * (1.0 - z) ** 2

    return max(0.0, cdf(b) - cdf(a))


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
    """Per video frame, the blended mouth opening of the phonemes spoken around it (streamed)."""

    def __init__(self, spans: Iterable[PhonemeSpan], fps: int) -> None:
        self._spans: Iterator[PhonemeSpan] = iter(spans)
        self.fps = fps
        self._window: deque[PhonemeSpan] = deque()
        self._exhausted = False
        self.frames_with_phonemes = 0
        self.spread = 0.0  # lip spread of the last frame that at_frame answered for (0 when it said None)
        self.tuck = 0.0  # lower lip to the upper teeth (f, v), likewise
        self.stress = False  # a stressed syllable starts in the last frame asked for

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
        mid = (t0 + t1) / 2.0
        reach = max(BLEND_S + LEAD_S, ROUND_BLEND_S + ROUND_LEAD_S)
        self._fill(t1 + reach)
        while self._window and self._window[0].end_s <= t0 - reach:
            self._window.popleft()
        covered = closed = 0.0
        shut = False
        mass = weighted = round_mass = spreading = tucked = 0.0
        self.stress = False
        for span in self._window:
            if span.start_s >= t1 + reach:
                break
            value = openness(span.phoneme)
            if value is None:
                continue
            overlap = min(span.end_s, t1) - max(span.start_s, t0)
            if overlap > 0:
                covered += overlap
                if value == 0.0 and span.phoneme not in RESTS:
                    if span.start_s <= mid < span.end_s:
                        shut = True  # the lips are shut at this frame's instant
                    elif not _holds_a_mid(span, self.fps):
                        closed += overlap  # a closure too short to hold any frame's middle
                tucked += overlap * tuck(span.phoneme)
            if t0 <= span.start_s < t1 and span.phoneme.startswith("ˈ"):
                self.stress = True
            # Vowels dominate the blend (as in dominance models): a consonant between two open vowels only
            # narrows the mouth a little, unless it shuts the lips (below).
            dominance = 1.0 if value >= 0.5 else CONSONANT_DOMINANCE
            w = _tri_mass(span.start_s, span.end_s, mid + LEAD_S, BLEND_S) * dominance
            mass += w
            weighted += w * value
            r = _tri_mass(span.start_s, span.end_s, mid + ROUND_LEAD_S, ROUND_BLEND_S)
            round_mass += r
            spreading += r * spread(span.phoneme)
        if covered < MIN_COVERAGE * (t1 - t0) or mass <= 0.0:
            self.spread = self.tuck = 0.0
            return None
        self.frames_with_phonemes += 1
        self.spread = spreading / round_mass if round_mass > 0 else 0.0
        self.tuck = min(1.0, tucked / (CLOSURE_COVERAGE * (t1 - t0)))
        if shut or closed >= CLOSURE_COVERAGE * (t1 - t0):
            return 0.0
        return weighted / mass
