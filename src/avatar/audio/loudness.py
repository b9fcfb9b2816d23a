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
from pathlib import Path

import numpy as np

from avatar.audio import io

logger = logging.getLogger(__name__)

ABS_GATE_LUFS = -70.0
REL_GATE_LU = -10.0


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

    def add(self, block: np.ndarray) -> None:
        from scipy.signal import lfilter

        x = np.asarray(block, dtype=np.float64)
        if x.size == 0:
            return
        self.peak = max(self.peak, float(np.max(np.abs(x))))
        self.frames += x.size
        for i, (b, a) in enumerate(self._filters):
            x, self._zi[i] = lfilter(b, a, x, zi=self._zi[i])
        x = np.concatenate([self._carry, x])
        n = (x.size // self._step) * self._step
        if n:
            sq = (x[:n] ** 2).reshape(-1, self._step).sum(axis=1)
            self._sub_energy.extend(sq.tolist())
        self._carry = x[n:]

    @property
    def integrated_lufs(self) -> float:
        e = np.asarray(self._sub_energy)
        if e.size < 4:
            return -math.inf
        block_len = 4 * self._step
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
    max_refinements: int = 2,
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
        # Limiting lowers loudness; rehearse without writing and correct the gain.
        for _ in range(max_refinements):
            out_lufs, _ = _render(src, frames, sr, 10 ** (gain_db / 20), ceiling, fade_in, fade_out, None)
            if not math.isfinite(out_lufs) or abs(target_lufs - out_lufs) <= tolerance_lu:
                break
            gain_db += target_lufs - out_lufs
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
