"""Speech to motion, one video frame at a time: mouth opening from loudness (shaped by phonemes where the
synthesis backend gave their timing), blinks (some at the ends of phrases), and head motion that follows the
phrasing: a new direction per phrase, a nod on stressed syllables, stillness in pauses.

Everything here streams: audio is read in blocks, each curve keeps a few numbers of state, so a ten-hour
video costs the same memory as a ten-second one.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from avatar.audio import io as audio_io
from avatar.video.visemes import VisemeTrack

SILENCE_DB = -60.0
MOUTH_RANGE_DB = 30.0  # from (peak - this) to the running peak, the mouth goes from closed to fully open
PEAK_START_DB = -18.0  # the running peak starts here and never drops below (peak - ...) floor of SILENCE_DB
PEAK_DECAY_DB_PER_S = 0.5  # slow: a faster decay rescales the loudness within a sentence
ATTACK = 0.7  # share of a rise taken in one frame (mouths open fast) ...
RELEASE = 0.45  # ... and of a fall (and close a little slower)
# With phoneme timing the shapes are already placed in time, so the mouth follows them with no smoothing, and
# loudness scales them by amplitude (not dB). How closely the lip gap follows the speech's per-frame loudness
# is set here. A floor (the share of a shape kept at the quietest speech) holds quiet and silent frames open,
# and a gain that clips most vowels to one opening hides how loud each is; both cost correlation. The shape
# enters softened (SHAPE_POWER < 1: a close vowel or a consonant opens a little more than its table value, an
# open vowel the same), so phonemes set the form and loudness the size, and m, b, p stay shut (0 to any power
# is 0). The other side of the trade is the m/b/p figure: its open-vowel frames include the quiet ends of
# vowels (piper gives a stop's silent closure to the vowel before it), so every shape keeps a small floor and
# open vowels a little more (OPEN_FLOOR, added for shapes from 0.6 to 1). Measured through the stage with the
# project's own landmarker on 6-12 piper renderings of each text of tests/test_video_face_mesh.py (piper varies):
# loudness correlation on the demo text 0.79-0.83, mean 0.81 (0.75-0.82, mean 0.78, with the earlier floor
# 0.25 for every shape, gain 1.65, the shape as is, the peak decaying 1.5 dB/s), m/b/p 0.28-0.33 (0.28-0.32).
PHONEME_FLOOR = 0.05
OPEN_FLOOR = 0.05
PHONEME_GAIN = 2.6
SHAPE_POWER = 0.7
BLINK_MIN_S, BLINK_MAX_S = 2.0, 6.0  # people blink every few seconds
BLINK_CLOSE_S, BLINK_OPEN_S = 0.07, 0.11
BLINK_REFRACTORY_S = 1.2  # no blink at a phrase end this soon after (or before) another
BOUNDARY_BLINK_P = 0.6  # share of phrase ends that bring a blink
# Head motion with the phrasing (see HeadMotion). Sizes are for head_motion=1: turn and pitch in face widths,
# tilt in degrees. At 256 px the nose tip then moves 2-3 px (standard deviation) while speaking, about 1 px idle.
TURN, TILT_DEG, PITCH = 0.022, 2.2, 0.012
PHRASE_LEVEL = 0.12  # amplitude (relative to the running peak) above which the voice counts as active
PHRASE_PAUSE_S = 0.3  # a silence this long ends a phrase
PHRASE_EASE_S, SETTLE_S = 0.35, 0.45  # time constants: towards a phrase's pose, back to rest in a pause
NOD_HZ, NOD_DAMPING, NOD_KICK, NOD_GAP_S = 2.0, 0.55, 0.25, 0.3
SPREAD_RATE = 0.5  # lip spread and rounding follow the phonemes a little more slowly than the opening


def frame_count(duration_s: float, fps: int) -> int:
    """Frames to cover ``duration_s`` fully: the video ends within one frame after the audio."""
    return max(1, math.ceil(duration_s * fps - 1e-6))


def frame_rms(path: Path, fps: int) -> Iterator[float]:
    """RMS level of each video frame's span of audio, read block by block; a final partial frame is padded."""
    sr, _, _ = audio_io.info(path)
    index = 0
    pending: list[np.ndarray] = []
    have = 0

    def span(i: int) -> int:  # samples in frame i, exact over the whole file (no drift)
        return (i + 1) * sr // fps - i * sr // fps

    for block in audio_io.blocks(path):
        pending.append(block)
        have += block.size
        while have >= span(index):
            buf = np.concatenate(pending) if len(pending) > 1 else pending[0]
            n = span(index)
            seg, rest = buf[:n], buf[n:]
            yield float(np.sqrt(np.mean(np.square(seg, dtype=np.float64)))) if n else 0.0
            index += 1
            pending, have = ([rest] if rest.size else []), rest.size
    if have:
        buf = np.concatenate(pending)
        yield float(np.sqrt(np.sum(np.square(buf, dtype=np.float64)) / span(index)))


class MouthCurve:
    """Mouth opening in [0, 1] from per-frame RMS, relative to a running peak (any recording level works)."""

    def __init__(self, fps: int, gain: float = 1.0, timed: bool = False) -> None:
        self.peak_db = PEAK_START_DB
        self.decay = PEAK_DECAY_DB_PER_S / fps
        self.gain = gain
        self.timed = timed  # phoneme timing exists (frames it does not cover follow amplitude, unsmoothed)
        self.value = 0.0
        self.amplitude = 0.0  # the last frame's loudness relative to the running peak (0..1)

    def step(self, rms: float, speaking: bool = True, shape: float | None = None) -> float:
        """Advance one frame. ``shape`` is the phonemes' mouth opening for the frame, when known: it sets
        the form (lips shut on ``m``, wide on ``a``) and loudness only scales it."""
        db = 20.0 * math.log10(max(rms, 1e-6))
        self.peak_db = max(db, self.peak_db - self.decay, SILENCE_DB + MOUTH_RANGE_DB)
        level = min(1.0, max(0.0, (db - (self.peak_db - MOUTH_RANGE_DB)) / MOUTH_RANGE_DB))
        amplitude = min(1.0, 10.0 ** ((db - self.peak_db) / 20.0))  # relative to the running peak
        self.amplitude = amplitude if speaking else 0.0
        if not speaking:
            target = 0.0
        elif shape is not None:
            floor = PHONEME_FLOOR + OPEN_FLOOR * min(1.0, max(0.0, (shape - 0.6) / 0.4))
            target = shape**SHAPE_POWER * (floor + (1.0 - floor) * amplitude) * PHONEME_GAIN
        elif self.timed:
            target = amplitude
        else:
            target = level
        target = min(1.0, max(0.0, target * self.gain))
        if shape is not None or self.timed:
            rate = 1.0
        else:
            rate = ATTACK if target > self.value else RELEASE
        self.value += rate * (target - self.value)
        return self.value


class BlinkCurve:
    """Eyelid closure in [0, 1]: quick blinks at random (seeded) intervals of a few seconds, and some at the
    end of a phrase, where people tend to blink."""

    def __init__(self, fps: int, seed: int = 0) -> None:
        self.fps = fps
        self.rng = random.Random(seed)
        self.t = 0.0
        self.next_at = self.rng.uniform(1.0, BLINK_MAX_S)
        self.last_at = -BLINK_MIN_S

    def boundary(self) -> None:
        """A phrase just ended: blink soon, some of the time, unless one was recent or is about to come."""
        if self.t - self.last_at < BLINK_REFRACTORY_S or self.next_at - self.t < BLINK_REFRACTORY_S:
            return
        if self.rng.random() < BOUNDARY_BLINK_P:
            self.next_at = self.t + self.rng.uniform(0.05, 0.25)

    def step(self) -> float:
        t, self.t = self.t, self.t + 1.0 / self.fps
        since = t - self.next_at
        if since < 0:
            return 0.0
        if since < BLINK_CLOSE_S:
            return since / BLINK_CLOSE_S
        if since < BLINK_CLOSE_S + BLINK_OPEN_S:
            return 1.0 - (since - BLINK_CLOSE_S) / BLINK_OPEN_S
        self.last_at = self.next_at
        self.next_at = t + self.rng.uniform(BLINK_MIN_S, BLINK_MAX_S)
        return 0.0


def head_pose(t: float, energy: float, amount: float = 1.0, seed: int = 0) -> tuple[float, float, float]:
    """(dx, dy, angle in degrees) of a slow, non-repeating idle sway; dx and dy are fractions of the face width.

    Sums of sines at unrelated frequencies never visibly repeat. ``energy`` adds a small lowering of the head.
    """
    p = seed * 1.618
    dx = 0.006 * math.sin(2 * math.pi * 0.11 * t + p) + 0.003 * math.sin(2 * math.pi * 0.27 * t + 2 * p)
    dy = 0.004 * math.sin(2 * math.pi * 0.07 * t + 3 * p) + 0.004 * energy
    angle = 0.6 * math.sin(2 * math.pi * 0.09 * t + p) + 0.25 * math.sin(2 * math.pi * 0.23 * t + 5 * p)
    return dx * amount, dy * amount, angle * amount


class HeadMotion:
    """Rigid head motion that follows the speech's phrasing: each phrase turns and tilts the head a little
    towards a new (seeded) pose, a stressed syllable nods it (a damped spring kicked down), and in a pause it
    settles back and is still but for the idle sway. Every part is a filter with state, so motion is
    continuous: a live face goes from idle to speaking with no jump."""

    def __init__(self, fps: int, seed: int = 0) -> None:
        self.dt = 1.0 / fps
        self.rng = random.Random(seed * 7919 + 1)
        self.turn = self.tilt = self.pitch = 0.0  # current phrase pose (face widths, degrees, face widths)
        self.target = (0.0, 0.0, 0.0)
        self.eased: tuple[float, float, float] = (0.0, 0.0, 0.0)  # the first easing stage
        self.nod = self.nod_v = 0.0
        self.active = 0.0  # speech activity, smoothed
        self.quiet_s = 10.0  # time since the voice was last active
        self.since_nod = 10.0

    def step(self, speaking: bool, level: float, stress: bool) -> tuple[float, float, float, bool]:
        """(dx, dy, angle) to add to the idle sway, and whether a phrase just ended."""
        dt = self.dt
        voiced = speaking and level > PHRASE_LEVEL
        ended = False
        if voiced:
            if self.quiet_s >= PHRASE_PAUSE_S:  # a new phrase: a new direction to speak towards
                r = self.rng
                self.target = (r.uniform(-1, 1) * TURN, r.uniform(-1, 1) * TILT_DEG, r.uniform(-0.3, 1) * PITCH)
            self.quiet_s = 0.0
        else:
            ended = self.quiet_s < PHRASE_PAUSE_S <= self.quiet_s + dt
            self.quiet_s += dt
        # Two one-pole stages in a row (each with 0.6 of the time constant, so the pose arrives about as
        # soon): the head leaves one pose with no velocity, so a new phrase starts its turn smoothly instead
        # of with a step in speed, and idle goes into speech with no visible jump.
        tau = 0.6 * (PHRASE_EASE_S if self.quiet_s < PHRASE_PAUSE_S else SETTLE_S)
        rate = 1.0 - math.exp(-dt / tau)
        goal = self.target if self.quiet_s < PHRASE_PAUSE_S else (0.0, 0.0, 0.0)
        self.eased = tuple(e + rate * (g - e) for e, g in zip(self.eased, goal, strict=True))  # type: ignore[assignment]
        self.turn += rate * (self.eased[0] - self.turn)
        self.tilt += rate * (self.eased[1] - self.tilt)
        self.pitch += rate * (self.eased[2] - self.pitch)
        # A nod on a stressed syllable (or, without phoneme timing, on a loud onset), at most every 0.3 s.
        self.since_nod += dt
        onset = stress or (level > 0.75 and self.active < 0.45)
        if speaking and onset and self.since_nod > NOD_GAP_S:
            self.nod_v += NOD_KICK * (0.6 + 0.4 * min(1.0, level))
            self.since_nod = 0.0
        self.active += (0.5 if level > self.active else 0.15) * (level * speaking - self.active)
        w = 2.0 * math.pi * NOD_HZ
        self.nod_v += (-w * w * self.nod - 2.0 * NOD_DAMPING * w * self.nod_v) * dt
        self.nod += self.nod_v * dt
        return self.turn, self.pitch + self.nod, self.tilt, ended


@dataclass(frozen=True)
class Pose:
    mouth: float  # 0 closed .. 1 wide open
    blink: float  # 0 open .. 1 closed
    dx: float  # head shift, fractions of the face width
    dy: float
    angle: float  # head tilt in degrees
    spread: float = 0.0  # -1 rounded (oo) .. 1 spread (ee)
    tuck: float = 0.0  # 0 .. 1: the lower lip drawn up under the upper teeth (f, v)


class SpeechGate:
    """Whether a time falls inside a spoken chunk (from the synthesis timings); times arrive in order."""

    def __init__(self, spans: Iterable[tuple[float, float]], pad_s: float = 0.05) -> None:
        self.spans: Sequence[tuple[float, float]] = sorted(spans)
        self.pad = pad_s
        self.i = 0

    def __call__(self, t: float) -> bool:
        while self.i < len(self.spans) and self.spans[self.i][1] + self.pad < t:
            self.i += 1
        return self.i < len(self.spans) and self.spans[self.i][0] - self.pad <= t


BREATH_HZ = 0.23  # a resting breath every four seconds or so
BREATH_DY = 0.004  # in face widths: the head rises and falls a little with it


class Animator:
    """The one animator: a Pose for each successive video frame from that frame's loudness (RMS), whether
    speech covers it, and its phonemes' mouth shape and lip spread when known. Files (:func:`poses`) and
    live sessions (``avatar.live``) both step it frame by frame, so a live face moves exactly as a rendered
    video's does. State is a few numbers (running peak, blink timer, spread), so it runs forever.

    ``breath`` (0 for files, 1 for live sessions) adds a slow rise and fall of the head, so a silent face
    between utterances is never a frozen frame; it is continuous, so speech starts with no jump.
    """

    def __init__(
        self,
        fps: int,
        mouth_gain: float = 1.0,
        head_motion: float = 1.0,
        blinks: bool = True,
        seed: int = 0,
        timed: bool = False,
        breath: float = 0.0,
    ) -> None:
        self.fps = fps
        self.mouth = MouthCurve(fps, mouth_gain, timed=timed)
        self.blink = BlinkCurve(fps, seed)
        self.blinks = blinks
        self.head_motion = head_motion
        self.seed = seed
        self.breath = breath
        self.spread = 0.0
        self.tuck = 0.0
        self.head = HeadMotion(fps, seed)
        self.index = 0

    def step(
        self, rms: float, speaking: bool = True, shape: float | None = None, spread: float = 0.0, tuck: float = 0.0,
        stress: bool = False,
    ) -> Pose:  # fmt: skip
        """Advance one frame. ``spread``, ``tuck`` and ``stress`` are the phonemes' lip spread, lower lip to the
        teeth and whether a stressed syllable starts in the frame (used where ``shape`` is)."""
        t = self.index / self.fps
        self.index += 1
        m = self.mouth.step(rms, speaking, shape)
        timed = shape is not None and speaking
        target = spread if timed else 0.0
        self.spread += SPREAD_RATE * (target - self.spread)
        self.tuck += 0.6 * ((tuck if timed else 0.0) - self.tuck)
        hx, hy, ha, ended = self.head.step(speaking, self.mouth.amplitude, stress and timed)
        if ended and self.blinks:
            self.blink.boundary()
        b = self.blink.step() if self.blinks else 0.0
        dx, dy, angle = head_pose(t, m, self.head_motion, self.seed)
        dx, dy, angle = dx + hx * self.head_motion, dy + hy * self.head_motion, angle + ha * self.head_motion
        if self.breath:
            dy += self.breath * BREATH_DY * self.head_motion * math.sin(2 * math.pi * BREATH_HZ * t)
        return Pose(m, b, dx, dy, angle, self.spread * min(1.0, 2.0 * m), self.tuck)


def poses(
    audio: Path,
    fps: int,
    mouth_gain: float = 1.0,
    head_motion: float = 1.0,
    blinks: bool = True,
    seed: int = 0,
    gate: SpeechGate | None = None,
    visemes: VisemeTrack | None = None,
) -> Iterator[Pose]:
    """One Pose per video frame of ``audio``, streamed."""
    animator = Animator(fps, mouth_gain, head_motion, blinks, seed, timed=visemes is not None)
    for i, rms in enumerate(frame_rms(audio, fps)):
        speaking = gate(i / fps) if gate is not None else True
        if visemes is None:
            yield animator.step(rms, speaking)
            continue
        shape = visemes.at_frame(i)
        yield animator.step(rms, speaking, shape, visemes.spread, visemes.tuck, visemes.stress)
