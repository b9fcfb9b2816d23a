"""The live session's clock and motion, as pure logic: speech placed on the video-frame grid and read back
sample-exact, interrupts that silence from where the audio is, memory that stays bounded, silence trimmed
with the phoneme timing moved along, and the one Animator's idle face (blinks, breathing, sway, lips at
rest) going into speech with no jump."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from avatar.live.speech import KEEP_LEAD_S, spans, to_rate, trim
from avatar.live.timeline import RATE, Timeline, Utterance
from avatar.text.phonemes import PhonemeSpan
from avatar.video.animate import Animator


def utt(n: int, value: float = 0.5, seq: int = 0) -> Utterance:
    return Utterance(f"u{seq}", np.full(n, value, np.float32), None, seq)


@given(st.lists(st.tuples(st.integers(1, 5000), st.integers(0, 20000)), min_size=1, max_size=8))
@settings(max_examples=60, deadline=None)
def test_placed_speech_reads_back_exactly_and_in_order(items: list[tuple[int, int]]) -> None:
    tl = Timeline(25)
    placed = []
    for seq, (n, earliest) in enumerate(items):
        u = utt(n, 0.1 + 0.1 * (seq % 5), seq)
        start = tl.place(u, earliest)
        # right after the previous utterance, or at `earliest` when that one is over
        if placed and placed[-1].end >= earliest:
            assert start == placed[-1].end
        else:
            assert start == earliest
        placed.append(u)
    for u in placed:
        assert np.array_equal(tl.read(u.start, u.samples.size), u.samples)
    starts = [u.start for u in placed]
    assert starts == sorted(starts) and all(a.end <= b.start for a, b in itertools.pairwise(placed))


def test_a_cut_silences_from_its_position_and_played_speech_is_forgotten() -> None:
    tl = Timeline(25)
    a, b = utt(4800, 0.5, 1), utt(4800, 0.25, 2)
    tl.place(a, 0)
    tl.place(b, 0)
    assert tl.speaking(100) and tl.covering(0, 1920) is a
    assert tl.cut(2400) == 2  # a is cut short, b is dropped
    assert np.all(tl.read(0, 2400) == 0.5) and np.all(tl.read(2400, 9600) == 0)
    assert not tl.speaking(2400) and tl.tail == 2400
    tl.forget_before(2400)
    assert len(tl.items) == 0  # nothing played stays in memory


def test_trim_cuts_leading_silence_and_moves_the_phonemes_with_it() -> None:
    lead, voiced = int(0.6 * RATE), int(0.5 * RATE)
    samples = np.concatenate([np.zeros(lead, np.float32), 0.3 * np.sin(np.arange(voiced) / 5).astype(np.float32)])
    phonemes = [PhonemeSpan(0.0, 0.6, "^"), PhonemeSpan(0.6, 0.8, "h"), PhonemeSpan(0.8, 1.1, "a")]
    out, moved = trim(samples, phonemes)
    assert moved is not None
    assert abs(out.size / RATE - (0.5 + KEEP_LEAD_S)) < 0.01
    # the vowel still starts where its sound starts
    a = next(p for p in moved if p.phoneme == "a")
    assert abs(a.start_s - (0.2 + KEEP_LEAD_S)) < 0.006
    assert moved[0].start_s == 0.0 and all(p.end_s <= out.size / RATE + 1e-9 for p in moved)


def test_resampling_and_phoneme_spans_keep_time() -> None:
    x = np.sin(2 * np.pi * 440 * np.arange(22050) / 22050).astype(np.float32)
    y = to_rate(x, 22050)
    assert y.size == RATE and y.dtype == np.float32
    s = spans([("a", 11025), ("b", 0), ("c", 11025)], 22050)
    assert s == [PhonemeSpan(0.0, 0.5, "a"), PhonemeSpan(0.5, 1.0, "c")]


def test_the_idle_face_is_alive_and_speech_starts_with_no_jump() -> None:
    fps = 25
    anim = Animator(fps, timed=True, breath=1.0, seed=3)
    idle = [anim.step(0.0, speaking=False) for _ in range(fps * 12)]
    assert all(p.mouth == 0.0 for p in idle)  # lips at rest
    blinks = sum(1 for a, b in itertools.pairwise(idle) if a.blink == 0 and b.blink > 0)
    assert 2 <= blinks <= 8  # every few seconds
    dy = np.array([p.dy for p in idle])
    assert dy.max() - dy.min() > 0.004  # breathing and sway: never a frozen frame
    still = Animator(fps, timed=True, breath=0.0, seed=3)
    assert any(abs(p.dy - q.dy) > 1e-4 for p, q in zip(idle, (still.step(0.0, False) for _ in idle), strict=False))
    # into speech: the head carries on where it was (the motion is continuous in time)
    last = idle[-1]
    first = anim.step(0.2, speaking=True, shape=1.0, spread=0.5)
    assert first.mouth > 0.3
    assert abs(first.dx - last.dx) < 0.002 and abs(first.angle - last.angle) < 0.1
    assert abs(first.dy - last.dy) < 0.01
    assert math.isfinite(first.spread)


def test_a_silent_sentence_is_kept_as_a_short_pause_and_flagged() -> None:
    """A voice that returns silence (or nothing) still gives a sentence the session places and reports;
    dropping it left the app waiting for events that never came."""
    from avatar.live.speech import KEEP_TAIL_S, fit_to_live
    from avatar.speaking.port import Spoken

    for samples in (np.full(24000, 1e-8, np.float32), np.zeros(0, np.float32)):
        sentence = fit_to_live(Spoken(samples, 24000, [("a", samples.size)] if samples.size else None, 0.1))
        assert sentence.silent
        assert sentence.samples.size == int(KEEP_TAIL_S * RATE)
    voiced = (0.3 * np.sin(np.arange(24000) / 5)).astype(np.float32)
    assert not fit_to_live(Spoken(voiced, 24000, None, 0.1)).silent
