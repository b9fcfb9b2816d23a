"""Speaking rate for backends without a rate control of their own: a time stretch that keeps the pitch,
done by ffmpeg's `atempo` filter (WSOLA) with the ffmpeg of imageio-ffmpeg."""

from __future__ import annotations

import subprocess

import numpy as np

from avatar.errors import InputError

MIN_FACTOR, MAX_FACTOR = 0.25, 4.0
ATEMPO_MIN = 0.5  # one atempo instance takes 0.5..100; slower rates chain two


def atempo_chain(factor: float) -> str:
    """The filter for ``factor`` (2.0: twice as fast), split into steps atempo accepts."""
    if not MIN_FACTOR <= factor <= MAX_FACTOR:
        raise InputError(f"speed {factor:g} is out of range; use {MIN_FACTOR:g} to {MAX_FACTOR:g}")
    steps = []
    while factor < ATEMPO_MIN:
        steps.append(ATEMPO_MIN)
        factor /= ATEMPO_MIN
    steps.append(factor)
    return ",".join(f"atempo={s:.6f}" for s in steps)


def change_tempo(samples: np.ndarray, sample_rate: int, factor: float) -> np.ndarray:
    """``samples`` (mono float32) played ``factor`` times as fast, at the same pitch."""
    if factor == 1.0 or samples.size == 0:
        return samples
    import imageio_ffmpeg

    fmt = ["-f", "f32le", "-ar", str(sample_rate), "-ac", "1"]
    argv = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", *fmt, "-i", "pipe:0",
            "-filter:a", atempo_chain(factor), *fmt, "pipe:1"]  # fmt: skip
    out = subprocess.run(
        argv, input=np.ascontiguousarray(samples, dtype="<f4").tobytes(), capture_output=True, check=True
    )
    return np.frombuffer(out.stdout, dtype="<f4").astype(np.float32)
