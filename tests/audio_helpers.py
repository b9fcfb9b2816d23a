"""Loudness measured from outside: ffmpeg's ebur128 filter, for tests of finished audio."""

from __future__ import annotations

import subprocess

import numpy as np


def ebur128(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) of float samples as 16-bit audio, by ffmpeg's ebur128."""
    import imageio_ffmpeg

    pcm = (np.clip(samples, -1, 1) * 32767).round().astype("<i2").tobytes()
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostats", "-f", "s16le", "-ar", str(rate), "-ac", "1",
           "-i", "pipe:0", "-af", "ebur128=peak=true", "-f", "null", "-"]  # fmt: skip
    err = subprocess.run(cmd, input=pcm, capture_output=True, check=True).stderr.decode()
    summary = err[err.rindex("Summary:") :].split()
    return float(summary[summary.index("I:") + 1]), float(summary[summary.index("Peak:") + 1])
