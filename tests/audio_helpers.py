"""Loudness measured from outside (ffmpeg's ebur128 filter), and answers finished and encoded as the speech API
sends them, for tests and benchmarks of finished audio."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import AsyncIterator
from typing import Any

import numpy as np


def ebur128(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) of float samples as 16-bit audio, by ffmpeg's ebur128."""
    pcm = (np.clip(samples, -1, 1) * 32767).round().astype("<i2").tobytes()
    return _ebur128(["-f", "s16le", "-ar", str(rate), "-ac", "1"], pcm)


def ebur128_encoded(data: bytes) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) of encoded audio (mp3, opus, aac...) as ffmpeg decodes it."""
    return _ebur128([], data)


def _ebur128(input_args: list[str], data: bytes) -> tuple[float, float]:
    import imageio_ffmpeg

    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostats", *input_args, "-i", "pipe:0",
           "-af", "ebur128=peak=true", "-f", "null", "-"]  # fmt: skip
    err = subprocess.run(cmd, input=data, capture_output=True, check=True).stderr.decode()
    summary = err[err.rindex("Summary:") :].split()
    return float(summary[summary.index("I:") + 1]), float(summary[summary.index("Peak:") + 1])


def finished_and_encoded(sentences: list[np.ndarray], fmt: str, rate: int, serve: Any, *, streaming: bool) -> bytes:
    """An answer's sentences as the speech API sends them: finished at ``serve``'s loudness and ceiling
    (``avatar.serve.audio.finisher``), then encoded, streamed or whole (a whole lossy file checked against the
    ceiling after encoding)."""
    from avatar.serve.audio import encode, finisher

    finish = finisher(serve, None, rate, fmt, streaming)
    assert finish is not None

    async def chunks() -> AsyncIterator[np.ndarray]:
        for s in sentences:
            yield finish(s)

    async def run() -> bytes:
        ceiling = None if streaming else serve.true_peak_dbtp
        return b"".join([b async for b in encode(chunks(), fmt, rate, streaming=streaming, ceiling_dbtp=ceiling)])

    return asyncio.run(run())
