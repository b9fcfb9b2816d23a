"""Streaming audio finishing: integrated loudness (ITU-R BS.1770-4), gain to a target, peak limit, fades.

pyloudnorm measures loudness over a whole array in memory. Long scripts give audio of an hour or more, so
this module measures the same quantity block by block: the K-weighting filters are pyloudnorm's own
(their coefficients, run with carried filter state), the 400 ms gating blocks with 75 % overlap are built
from 100 ms sub-block energies, and the absolute (-70 LUFS) and relative (-10 LU) gates are applied at
the end. Memory is bounded by the block size. Tests check the result against pyloudnorm on whole arrays.

Only whole 100 ms sub-blocks count, as in BS.1770 (the last gating block ends at or before the end of the
audio). pyloudnorm rounds the number of blocks, so on audio whose length is not a whole number of
sub-blocks it may add one block that runs past the end, which shifts its figure by up to ~0.1 LU; on
audio cut to whole sub-blocks the two agree exactly.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from avatar.audio import io

logger = logging.getLogger(__name__)

ABS_GATE_LUFS = -70.0
REL_GATE_LU = -10.0


@lru_cache(maxsize=8)
def _k_weighting(sample_rate: int) -> list[tuple[np.ndarray, np.ndarray]]:
    import pyloudnorm

    meter = pyloudnorm.Meter(sample_rate)
    return [(np.asarray(f.b, dtype=np.float64), np.asarray(f.a, dtype=np.float64)) for f in meter._filters.values()]


class LoudnessMeter:
    """Feed mono blocks with :meth:`add`; read :attr:`integrated_lufs` and :attr:`peak` at the end."""

    def __init__(self, sample_rate: int) -> None:
        from scipy.signal import lfilter_zi

        self.sample_rate = sample_rate
        self._filters = _k_weighting(sample_rate)
        self._zi = [lfilter_zi(b, a) * 0.0 for b, a in self._filters]
        self._step = round(0.1 * sample_rate)  # 100 ms sub-blocks
        self._carry = np.zeros(0, dtype=np.float64)
        self._sub_energy: list[float] = []
        self.peak = 0.0
        self.frames = 0

    def add(self, block: np.ndarray) -> np.ndarray:
        """Measure ``block``; returns it K-weighted (the filters run on from the blocks before)."""
        from scipy.signal import lfilter

        x = np.asarray(block, dtype=np.float64)
        if x.size == 0:
            return x
        self.peak = max(self.peak, float(np.max(np.abs(x))))
        self.frames += x.size
        for i, (b, a) in enumerate(self._filters):
            x, self._zi[i] = lfilter(b, a, x, zi=self._zi[i])
        weighted = x
        x = np.concatenate([self._carry, x])
        n = (x.size // self._step) * self._step
        if n:
            sq = (x[:n] ** 2).reshape(-1, self._step).sum(axis=1)
            self._sub_energy.extend(sq.tolist())
        self._carry = x[n:]
        return np.asarray(weighted)

    @property
    def integrated_lufs(self) -> float:
        return gated_lufs(np.asarray(self._sub_energy), self._step)


def gated_lufs(e: np.ndarray, step: int) -> float:
    """Integrated loudness from the energies of consecutive K-weighted sub-blocks of ``step`` samples
    (100 ms): 400 ms blocks, the absolute and the relative gate."""
    if e.size < 4:
        return -math.inf
    block_len = 4 * step
    # 400 ms blocks, hop 100 ms: the sum of 4 consecutive sub-block energies.
    blocks = np.convolve(e, np.ones(4), mode="valid") / block_len
    with np.errstate(divide="ignore"):
        lk = -0.691 + 10 * np.log10(blocks)
    gated = blocks[lk >= ABS_GATE_LUFS]
    if gated.size == 0:
        return -math.inf
    rel = -0.691 + 10 * np.log10(gated.mean()) + REL_GATE_LU
    with np.errstate(divide="ignore"):
        lk_g = -0.691 + 10 * np.log10(gated)
    final = gated[lk_g >= rel]
    if final.size == 0:
        return -math.inf
    return float(-0.691 + 10 * np.log10(final.mean()))


def measure(path: Path) -> tuple[float, float, int, int]:
    """(integrated LUFS, sample peak, sample rate, frames) of a file, streaming."""
    sr, _, _ = io.info(path)
    meter = LoudnessMeter(sr)
    for block in io.blocks(path):
        meter.add(block)
    return meter.integrated_lufs, meter.peak, sr, meter.frames


@dataclass
class FinishReport:
    input_lufs: float
    output_lufs: float
    gain_db: float
    limited_blocks: int
    duration_s: float


def _render(
    src: Path,
    frames: int,
    sr: int,
    gain: float,
    ceiling: float,
    fade_in: int,
    fade_out: int,
    writer: io.StreamWriter | None,
) -> tuple[float, int]:
    """One streaming pass: gain, limiter, fades; returns (output LUFS, limited windows). Writes if asked."""
    limiter = _Limiter(sr, ceiling)
    meter = LoudnessMeter(sr)
    pos = 0
    for block in io.blocks(src):
        y = limiter.process(block.astype(np.float64) * gain)
        idx = np.arange(pos, pos + y.size)
        if fade_in:
            y *= np.clip(idx / fade_in, 0.0, 1.0)
        if fade_out:
            y *= np.clip((frames - 1 - idx) / fade_out, 0.0, 1.0)
        meter.add(y)
        if writer is not None:
            writer.write(y.astype(np.float32))
        pos += y.size
    return meter.integrated_lufs, limiter.limited


def finish(
    src: Path,
    dst: Path,
    target_lufs: float,
    ceiling_dbfs: float,
    fade_in_ms: float,
    fade_out_ms: float,
    tolerance_lu: float = 0.5,
    max_refinements: int = 4,
) -> FinishReport:
    """Streaming passes: measure; if the limiter would pull the result off target, rehearse with a
    corrected gain (at most ``max_refinements`` times); then write atomically to ``dst``."""
    lufs, peak, sr, frames = measure(src)
    if frames == 0:
        from avatar.errors import InputError

        raise InputError(f"{src}: the audio is empty")
    gain_db = 0.0 if not math.isfinite(lufs) else target_lufs - lufs
    ceiling = 10 ** (ceiling_dbfs / 20)
    fade_in = int(sr * fade_in_ms / 1000)
    fade_out = int(sr * fade_out_ms / 1000)
    if math.isfinite(lufs) and peak * 10 ** (gain_db / 20) > ceiling:
        # Limiting lowers loudness, and more so the more it limits: rehearse without writing and correct the
        # gain by the secant through the last two rehearsals (a unit slope for the first correction).
        tried: list[tuple[float, float]] = []
        for _ in range(max_refinements):
            out_lufs, _ = _render(src, frames, sr, 10 ** (gain_db / 20), ceiling, fade_in, fade_out, None)
            if not math.isfinite(out_lufs) or abs(target_lufs - out_lufs) <= tolerance_lu:
                break
            tried.append((gain_db, out_lufs))
            slope = 1.0
            if len(tried) >= 2 and tried[-1][0] != tried[-2][0]:
                slope = (tried[-1][1] - tried[-2][1]) / (tried[-1][0] - tried[-2][0])
                slope = min(1.0, max(0.1, slope))  # louder in, never quieter out; bounded steps
            gain_db += (target_lufs - out_lufs) / slope
    with io.StreamWriter(dst, sr) as writer:
        out_lufs, limited = _render(src, frames, sr, 10 ** (gain_db / 20), ceiling, fade_in, fade_out, writer)
    report = FinishReport(lufs, out_lufs, gain_db, limited, frames / sr)
    logger.info(
        "finished %s: %.1f -> %.1f LUFS (gain %+.1f dB), %d limited windows",
        dst.name,
        report.input_lufs,
        report.output_lufs,
        gain_db,
        limited,
    )
    return report


class _Limiter:
    """A window-wise peak limiter: per 5 ms window, the gain that keeps the window under the ceiling,
    with instant attack and ~50 ms release, interpolated per sample. No sample exceeds the ceiling.

    Only the per-window recursion is a Python loop (200 windows per second of audio); the per-sample work
    is vectorised.
    """

    def __init__(self, sample_rate: int, ceiling: float) -> None:
        self.win = max(1, int(sample_rate * 0.005))
        self.release = math.exp(-1.0 / max(1.0, 0.05 * sample_rate / self.win))
        self.ceiling = ceiling
        self.gain = 1.0
        self.limited = 0

    def process(self, y: np.ndarray) -> np.ndarray:
        n = y.size
        if n == 0:
            return y
        windows = -(-n // self.win)
        padded = np.zeros(windows * self.win)
        padded[:n] = np.abs(y)
        peaks = padded.reshape(windows, self.win).max(axis=1)
        with np.errstate(divide="ignore"):
            need = np.where(peaks > self.ceiling, self.ceiling / np.maximum(peaks, 1e-12), 1.0)
        self.limited += int(np.count_nonzero(need < 1.0))
        gains = np.empty(windows)
        g = self.gain
        rel = self.release
        for i, nd in enumerate(need.tolist()):
            g = nd if nd < g else min(nd, 1.0 - (1.0 - g) * rel)
            gains[i] = g
        starts = np.concatenate([[self.gain], gains[:-1]])
        self.gain = g
        # Ramp down within a window when the gain falls (attack), hold when it rises; never above need.
        frac = (np.arange(self.win) + 1) / self.win
        ramp = np.where(
            (starts > gains)[:, None],
            starts[:, None] + (gains - starts)[:, None] * frac[None, :],
            gains[:, None],
        )
        ramp = np.minimum(ramp, need[:, None]).reshape(-1)[:n]
        return y * ramp


def chunk_lufs(samples: np.ndarray, sample_rate: int) -> float:
    """Gated loudness (BS.1770) of one piece of audio; -inf when shorter than one 400 ms block or silent."""
    meter = LoudnessMeter(sample_rate)
    meter.add(samples)
    return meter.integrated_lufs


def weighted_lufs(weighted: np.ndarray, sample_rate: int) -> float:
    """Gated loudness of audio already K-weighted (as :meth:`LoudnessMeter.add` returns it)."""
    step = round(0.1 * sample_rate)
    n = weighted.size // step * step
    return gated_lufs((weighted[:n] ** 2).reshape(-1, step).sum(axis=1), step)


@lru_cache(maxsize=4)
def _interpolator(oversample: int, taps_per_phase: int = 24) -> np.ndarray:
    """Polyphase low-pass for ``oversample`` times the rate: row p gives the points at p/oversample between
    samples. An odd length centres it on a whole sample, so row 0 is the samples themselves."""
    from scipy.signal import firwin

    n = oversample * taps_per_phase + 1
    h = firwin(n, 1.0 / oversample, window=("kaiser", 5.0)) * oversample
    return np.asarray([h[p::oversample] for p in range(oversample)], dtype=object)


def true_peaks(x: np.ndarray, oversample: int = 4, floor: float = 0.0) -> np.ndarray:
    """Per sample, the largest magnitude at it and at the points between it and the next sample, seen at
    ``oversample`` times the rate (the true peak of BS.1770-4 Annex 2). Points between samples are worked
    out only where one of the two samples reaches ``floor`` (the caller's ceiling less some dB): between
    quieter samples nothing can come near the ceiling, and in speech most samples are quiet."""
    n = x.size
    peaks: np.ndarray = np.abs(x).astype(np.float64)
    if n == 0:
        return peaks
    h = _interpolator(oversample)
    rows = np.asarray([np.asarray(h[p], dtype=np.float64) for p in range(1, oversample)])  # (phases, taps)
    taps = rows.shape[1]
    centre = (len(h[0]) * oversample) // (2 * oversample)  # the point after sample k needs x[k+c-t], t < taps
    loud = peaks >= floor
    loud[:-1] |= loud[1:]
    idx = np.flatnonzero(loud)
    if idx.size == 0:
        return peaks
    padded = np.concatenate([np.zeros(taps), x.astype(np.float64), np.zeros(taps)])
    window = idx[:, None] + centre - np.arange(taps)[None, :] + taps
    # einsum, not a matrix product: BLAS would spread this small product over threads that wait for each other
    between = np.abs(np.einsum("ij,kj->ik", padded[window], rows)).max(axis=1)
    peaks[idx] = np.maximum(peaks[idx], between)
    return peaks


class TruePeakLimiter:
    """A look-ahead limiter on the true peak. Audio comes a whole chunk at a time, so the look-ahead lies
    inside the chunk and adds no delay.

    The gain is worked out per block of 16 samples: the gain each block needs, its minimum over the blocks
    within ``lookahead_ms`` either side, averaged over half that span (so the gain glides down before a
    peak, and every block's gain stays at or under what it needs), then a release of ``release_ms`` back
    up. Per sample the gain glides from one block's to the next, which keeps it under the need too.
    """

    BLOCK = 16

    def __init__(self, sample_rate: int, ceiling_dbtp: float, lookahead_ms: float = 3.0, release_ms: float = 80.0,
                 margin_db: float = 0.2) -> None:  # fmt: skip
        # The margin covers what 4x oversampling cannot see between its own points, and int16 rounding.
        self.ceiling = 10 ** ((ceiling_dbtp - margin_db) / 20)
        block_s = self.BLOCK / sample_rate
        self.reach = max(2, round(lookahead_ms / 1000 / block_s))
        self.release = math.exp(-block_s / (release_ms / 1000))
        self.gain = 1.0
        self.limited_blocks = 0

    def gains(self, peaks: np.ndarray, commit: bool = True) -> np.ndarray | None:
        """Per-sample gains for audio with these true ``peaks``; None when none is needed. ``commit``
        False leaves the limiter's state as it was (a rehearsal)."""
        from scipy.ndimage import minimum_filter1d, uniform_filter1d

        n = peaks.size
        blocks = -(-n // self.BLOCK)
        padded = np.zeros(blocks * self.BLOCK)
        padded[:n] = peaks
        block_peak = padded.reshape(blocks, self.BLOCK).max(axis=1)
        need = np.minimum(1.0, self.ceiling / np.maximum(block_peak, 1e-12))
        if need.min() >= 1.0 and self.gain >= 0.999:
            if commit:
                self.gain = 1.0
            return None
        low = minimum_filter1d(need, size=2 * self.reach + 1, mode="nearest")
        half = self.reach // 2
        smooth = np.minimum(uniform_filter1d(low, size=2 * half + 1, mode="nearest"), low)
        # Release: the reduction d = 1 - gain falls by ``release`` per block unless a block needs more,
        # d[i] = max(need_d[i], d[i-1] * release): a running maximum in the log domain, without a loop.
        log_rel = math.log(self.release)
        with np.errstate(divide="ignore"):
            logs = np.log(np.concatenate([[1.0 - self.gain], 1.0 - smooth]))
        steps = np.arange(blocks + 1) * log_rel
        d = np.exp(np.maximum.accumulate(logs - steps) + steps)[1:]
        out = np.minimum(1.0 - d, smooth)
        before = self.gain
        if commit:
            self.gain = float(out[-1])
            self.limited_blocks += int(np.count_nonzero(need < 1.0))
        # Within block b the gain glides from block b-1's to block b's: both at or under what b needs
        prev = np.concatenate([[min(before, out[0])], out[:-1]])  # no look-ahead into the chunk before
        frac = (np.arange(self.BLOCK) + 1) / self.BLOCK
        return np.asarray((prev[:, None] + (out - prev)[:, None] * frac[None, :]).reshape(-1)[:n])

    def process(self, y: np.ndarray) -> np.ndarray:
        g = self.gains(true_peaks(y))
        return y if g is None else y * g


# Phase rotation: second-order all-pass sections at these centre frequencies (Hz, Q 0.7). Voiced speech is
# lopsided, its glottal pulses standing far higher on one side than the other; turning the phase of its
# harmonics spreads each pulse, so its peaks come down while its spectrum, and so its loudness, stay as they
# were (broadcast processors do the same before their limiters). On piper's speech the peak-to-loudness ratio
# falls by 0.5-2.4 dB (four phrases, 2026-12-03), which is that much less the limiter has to take.
PHASE_ROTATION_HZ = (150.0, 300.0, 600.0, 1200.0)


@lru_cache(maxsize=8)
def _phase_rotator(sample_rate: int) -> np.ndarray:
    sections = []
    for f in PHASE_ROTATION_HZ:
        w0 = 2 * math.pi * min(f, 0.45 * sample_rate) / sample_rate
        alpha, c = math.sin(w0) / (2 * 0.7), math.cos(w0)
        sections.append([(1 - alpha) / (1 + alpha), -2 * c / (1 + alpha), 1.0, 1.0, -2 * c / (1 + alpha),
                         (1 - alpha) / (1 + alpha)])  # fmt: skip
    return np.asarray(sections, dtype=np.float64)


class PhaseRotator:
    """The all-pass chain of :data:`PHASE_ROTATION_HZ`, its state carried from one chunk to the next (a
    sentence's tail rings into the next one's leading silence, as it would in one piece of audio). Its gain
    is 1 at every frequency: only peaks move, never loudness or length."""

    def __init__(self, sample_rate: int) -> None:
        self.sos = _phase_rotator(sample_rate)
        self._zi = np.zeros((self.sos.shape[0], 2))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        from scipy.signal import sosfilt

        y, self._zi = sosfilt(self.sos, np.asarray(x, dtype=np.float64), zi=self._zi)
        return np.asarray(y)


_REHEARSALS = 6  # at most, per sentence; two are usually enough
DROP_S = 0.1  # a gain coming down at a sentence's start glides over this (going up: over ``glide_s``)
LOSS_CAP_DB = 10.0  # the most loudness the limiter is asked to give back (short answers of loud syllables need ~10)


@dataclass(frozen=True)
class Decoding:
    """Where a listener's decoder puts the audio of an encoded answer: ``lead`` samples of silence before it
    (the encoder's priming, where the container does not have it trimmed) and silence after it up to a whole
    ``frame`` of the codec, counted from ``delay`` samples before the audio (the encoder's padding). A
    loudness meter's 100 ms blocks start at the decoder's first sample and run to its last, so on answers of a
    second or two both move which blocks pass the gates (see :func:`avatar.serve.audio.decoding`)."""

    lead: int = 0
    delay: int = 0
    frame: int = 1

    def pad(self, n: int) -> int:
        """Samples of silence the decoder gives back after ``n`` samples of audio."""
        return -(-(n + self.delay) // self.frame) * self.frame - self.delay - n


class StreamFinisher:
    """Loudness to ``target_lufs`` and true peaks under ``ceiling_dbtp`` for speech that arrives a sentence
    at a time (the speech API, streamed or whole).

    The gain is decided from the first sentence, so its audio leaves at once. Each later sentence gets the
    gain that brings the integrated loudness of everything sent so far (as sent: after gain and limiter)
    to the target, solved on the gated sub-block energies (a few rehearsals, the secant method), so a short
    first sentence or a quieter second one no longer leaves the answer a dB or two low. The level may fall
    at once for a louder sentence but rises at most ``max_step_db`` over the last sentence's, and the gain
    moves at a sentence's start (its leading silence and first syllable: up over ``glide_s``, down over
    :data:`DROP_S`), never within a word later on, so nothing pumps. The :class:`TruePeakLimiter` keeps every
    peak under the ceiling; the loudness it takes away is measured on rehearsals and given back by the gain
    (up to ``LOSS_CAP_DB``: a short answer of one loud syllable needs ~10 dB; Whisper tiny.en heard 14 such
    answers word for word the same with 6 and with 10 dB given back, see README, "Speech fidelity"). With
    ``phase_rotate`` each sentence first passes the :class:`PhaseRotator`, which lowers its peaks without
    touching its loudness: under a lossy format's lower ceiling, a short answer of peaky syllables then needs
    less than those 10 dB.

    Everything sent is measured on one grid of 100 ms sub-blocks, as a meter reading the whole answer measures
    it: a sentence's last, partial sub-block is completed by the next sentence's first samples (cutting each
    sentence to whole sub-blocks, as before, put the blocks of short answers up to 99 ms per sentence away from
    where ebur128 puts them, which gates otherwise: one-word sentences landed up to 1 LU off). ``decoding``
    (:class:`Decoding`) tells where the listener's decoder puts the audio: the silence it plays before the
    first sample (an encoder's priming the container does not trim: 1105 samples of a streamed mp3, 1024 of
    ADTS aac) moves that grid by as much, and its padding after the last frame adds blocks that pass the
    absolute gate with the speech before them; each sentence's gain is solved for everything sent as the
    decoder would give it back were the answer to end with that sentence.
    """

    def __init__(self, sample_rate: int, target_lufs: float, ceiling_dbtp: float, max_gain_db: float = 24.0,
                 max_step_db: float = 5.0, glide_s: float = 0.3, phase_rotate: bool = False,
                 decoding: Decoding | None = None) -> None:  # fmt: skip
        self.sample_rate = sample_rate
        # for a low ceiling (a lossy format's): lower peaks at the same loudness, so less limiting
        self.rotator = PhaseRotator(sample_rate) if phase_rotate else None
        self.target = target_lufs
        self.max_gain_db = max_gain_db
        self.max_step_db = max_step_db
        self.glide = max(1, round(glide_s * sample_rate))
        self.limiter = TruePeakLimiter(sample_rate, ceiling_dbtp)
        self._input = LoudnessMeter(sample_rate)
        self._step = round(0.1 * sample_rate)
        # K-weighted sub-block energies of what was sent (the decoder's lead first: silence), and the samples
        # sent after the last whole sub-block, which the next sentence's first samples complete
        self.decoding = decoding or Decoding()
        lead = max(0, self.decoding.lead)
        self._sent = np.zeros(lead // self._step)
        self._tail = np.zeros(lead % self._step)
        self._count = 0  # samples sent
        self.gain_db: float | None = None
        self.loss_db = 0.0  # loudness the limiter took from the last sentence
        self.level_db = 0.0  # the last sentence's gain less that: the level its voice got

    def _ramp(self, start_db: float, end_db: float, n: int) -> np.ndarray:
        a, b = 10 ** (start_db / 20), 10 ** (end_db / 20)
        if a == b:
            return np.full(n, a)
        # Down faster than up: the last sentence's gain, given back for its limiter's loss, is no level for this
        # one's first syllable (gliding down from it over 0.3 s left answers of one-word sentences 1-2 LU loud)
        m = min(n, self.glide if b > a else max(1, round(DROP_S * self.sample_rate)))
        return np.concatenate([np.linspace(a, b, m), np.full(n - m, b)])

    def _level(self, energies: np.ndarray, own: float, ending: int) -> float:
        """The gain (dB) on these sub-block energies that brings the gated loudness of all sent with them to
        the target (secant steps from this sentence's own gain; the relative gate makes it a little curved). The
        first sentence too: the decoder's silence before and after it (``ending``) adds blocks that may pass the
        gates."""

        def miss(e: float) -> float:
            got = gated_lufs(self._with(energies, e, ending), self._step)
            return (got if math.isfinite(got) else self.target) - self.target

        e0, r0 = own, miss(own)
        e1 = own - 2 * r0 if r0 else own
        for _ in range(8):
            if abs(r0) < 0.01:
                return e0
            r1 = miss(e1)
            if abs(r1) < 0.01 or e1 == e0:
                return e1
            slope = (r1 - r0) / (e1 - e0)
            e0, r0 = e1, r1
            e1 = float(np.clip(e1 - r1 / slope if slope > 0.02 else e1 - r1, own - 24.0, own + 24.0))
        return e1

    def _loss(self, before: np.ndarray, after: np.ndarray) -> float:
        """The loudness (dB) the limiter took, gated as the loudness itself is: it takes most from the loud
        blocks, so the relative gate then lets in more quiet ones, and the plain energy ratio (as before)
        came out 0.1-0.5 dB short on short peaky answers, which landed that much low."""
        lb, la = gated_lufs(before, self._step), gated_lufs(after, self._step)
        if math.isfinite(lb) and math.isfinite(la):
            return max(0.0, lb - la)
        b, a = float(before.sum()), float(after.sum())
        return 10 * math.log10(b / a) if a > 0 and b > 0 else 0.0

    def _energies(self, weighted: np.ndarray) -> np.ndarray:
        n = weighted.size // self._step * self._step
        return np.asarray((weighted[:n] ** 2).reshape(-1, self._step).sum(axis=1))

    def _on_grid(self, weighted: np.ndarray) -> np.ndarray:
        """Sub-block energies of a sentence (K-weighted, after its gain) on the grid of all sent: its first
        sub-block completes the one the last sentence left open."""
        return self._energies(np.concatenate([self._tail, weighted]))

    def _with(self, energies: np.ndarray, e: float, ending: int) -> np.ndarray:
        """The sub-block energies of everything sent and of this sentence's (``energies``, its samples alone on
        the grid of all sent) at gain ``e`` dB, then ``ending`` silent ones (the decoder's padding, were the answer
        to end here); the open sub-block keeps what was sent into it unscaled."""
        scaled = energies * 10 ** (e / 10)
        if scaled.size and self._tail.size:
            scaled[0] += float(np.dot(self._tail, self._tail))
        return np.concatenate([self._sent, scaled, np.zeros(ending)])

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        x = np.asarray(samples, dtype=np.float64)
        if x.size == 0:
            return np.asarray(samples, dtype=np.float32)
        if self.rotator is not None:
            x = self.rotator(x)
        weighted = self._input.add(x)  # K-weighted once: gain and limiter are too slow to change its loudness
        energies = self._energies(np.concatenate([np.zeros(self._tail.size), weighted]))  # its own, on the grid
        pad = self.decoding.pad(self._count + x.size)  # the decoder's silence after it, were it the last
        ending = ((self._tail.size + x.size) % self._step + pad) // self._step
        here = gated_lufs(energies, self._step)
        first = self.gain_db is None
        prev = 0.0 if self.gain_db is None else self.gain_db
        # A sentence too short to measure alone (under 400 ms: "Bye.") is measured with what was sent before
        # it; keeping the last gain for it instead left answers of one-word sentences up to 1 LU low
        heard = (
            bool(energies.size)
            and -0.691 + 10 * math.log10(max(float(energies.mean()), 1e-30) / self._step) > ABS_GATE_LUFS
        )
        measured = math.isfinite(here) or (heard and self._count > 0)
        if not measured:  # silent, or too short to measure with nothing before it: keep the gain (0 dB before any)
            wanted = hi = lo = prev
        else:
            # The level: the gain at which this sentence brings everything sent so far to the target (before
            # the limiter, whose loss is given back below), within 6 dB of this sentence's own (or, too short
            # for its own, the last sentence's) and, after the first, max_step_db of the last sentence's level
            own = self.target - here if math.isfinite(here) else self.level_db
            wanted = float(np.clip(self._level(energies, own, ending), own - 6.0, own + 6.0))
            if not first:
                wanted = min(wanted, self.level_db + self.max_step_db)  # down at once, up by at most a step
            wanted = float(np.clip(wanted, -self.max_gain_db, self.max_gain_db))
            hi = min(wanted + LOSS_CAP_DB, self.max_gain_db)
            # under the level only where the glide from a louder last sentence leaves its start louder than that
            lo = max(wanted - 6.0, -self.max_gain_db)
        # Peaks between samples matter only near the ceiling: look where the gain could bring them within 6 dB
        peaks = true_peaks(x, floor=self.limiter.ceiling / 10 ** ((max(prev, hi) + 6.0) / 20))

        def render(e: float, commit: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
            ramp = self._ramp(e if first else prev, e, x.size)
            return ramp, self.limiter.gains(peaks * ramp, commit=commit)

        # What the level brings everything sent to (the target, unless the level was held back by a step)
        goal = gated_lufs(self._with(energies, wanted, ending), self._step)

        def residual(e: float) -> float:
            """How far, at gain e, everything sent with this sentence (after the limiter) is from the goal: the
            loudness the limiter takes is given back as the whole answer measures it, not as this sentence alone
            does (a short sentence's few blocks gate otherwise than in the whole, which then landed 1-2 LU low)"""
            ramp, g = render(e)
            after = self._on_grid(weighted * ramp if g is None else weighted * ramp * g)
            got = gated_lufs(np.concatenate([self._sent, after, np.zeros(ending)]), self._step)
            if not (math.isfinite(got) and math.isfinite(goal)):
                loss = self._loss(self._on_grid(weighted * ramp), after)
                return e - wanted - min(loss, LOSS_CAP_DB)
            return got - goal

        e = wanted
        if measured:
            # Giving the loss back raises the gain, and limiting then takes more (near the ceiling, most of
            # each dB more): a few rehearsals (uncommitted passes of the limiter) solve e = level + loss(e)
            # by the secant method
            e_prev, r_prev = e, residual(e)
            e = float(np.clip(e - r_prev, lo, hi))
            for _ in range(_REHEARSALS - 1):
                if abs(e - e_prev) < 0.02 or abs(r_prev) < 0.02:
                    break
                r = residual(e)
                slope = (r - r_prev) / (e - e_prev)
                e_prev, r_prev = e, r
                if abs(r) < 0.02:
                    break
                e = float(np.clip(e - r / slope if slope > 0.05 else e - r, lo, hi))
        ramp, g = render(e, commit=True)
        y = x * ramp if g is None else x * ramp * g
        out = np.concatenate([self._tail, weighted * ramp if g is None else weighted * ramp * g])
        sent = self._energies(out)
        self.loss_db = self._loss(self._on_grid(weighted * ramp), sent)
        self._sent = np.concatenate([self._sent, sent])
        self._tail = out[sent.size * self._step :]
        self._count += x.size
        self.gain_db = e
        if measured:  # a silent sentence keeps the last level
            self.level_db = wanted
        return np.asarray(y, dtype=np.float32)
