"""Response audio: float32 chunks in, bytes of the requested format out, as the chunks arrive.

wav and pcm are written here (16-bit little-endian; pcm at OpenAI's 24 kHz); mp3, flac, opus (in Ogg) and
aac (ADTS) go through the static ffmpeg of imageio-ffmpeg, fed on stdin and read on stdout, so a streamed
response carries encoded audio while later sentences are still being synthesised.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import struct
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    from avatar.audio.loudness import Decoding

FORMATS = ("mp3", "opus", "aac", "flac", "wav", "pcm")
Format = Literal["mp3", "opus", "aac", "flac", "wav", "pcm"]
MEDIA_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
PCM_RATE = 24000  # OpenAI's pcm: 24 kHz, 16-bit signed little-endian, mono
# opus codes with CELT alone (``lowdelay``), and aac with ffmpeg's fast coder and no perceptual noise
# substitution: otherwise a rare answer decodes far over what went in. Opus's SILK/CELT hybrid (its choice for
# speech at 48k) and aac's PNS fill some bands with noise of the band's energy, which can peak far higher;
# aac's default coder (twoloop) moves peaks further still. Streamed answers, piper's takes fixed by seed
# (ebur128, 2026-12-06, benchmarks/bench_lossy_peaks.py and the lossy test's texts): the hybrid put 2 of 816
# at -0.6 and -0.9 dBTP (+1.6 and +1.3 dB over what went in; CI once met -0.5), CELT alone none of 1,848 over
# -1.0 (+1.2 at most, its median +0.5 against the hybrid's +0.3); aac with PNS 1 of 528 at -0.9, twoloop
# without it 1 of 1,440 at -0.7, the fast coder none of 1,440 over -2.2 (+0.1 at most; waveform SNR 39-48 dB
# against twoloop's 36-43, 6 % more bytes). Whisper hears each as it heard the encoder before (WER over 24
# answers: opus 0.124 against 0.122, aac 0.118 against 0.110).
# fmt: off
_FFMPEG_ARGS = {
    "mp3": ["-c:a", "libmp3lame", "-b:a", "96k", "-f", "mp3"],
    "opus": ["-c:a", "libopus", "-b:a", "48k", "-application", "lowdelay", "-ar", "24000", "-f", "ogg",
             "-page_duration", "200000"],
    "aac": ["-c:a", "aac", "-b:a", "96k", "-aac_coder", "fast", "-aac_pns", "0", "-f", "adts"],
    "flac": ["-c:a", "flac", "-f", "flac"],
}
# fmt: on
READ_BYTES = 16384
# Lossy encoders move peaks: their filters and quantisation noise put the decoded audio's true peak up to
# ~1 dB over what went in (ffmpeg's ebur128, true-peak mode, decoded against finished, piper's speech of short
# peaky answers at random rates, 2026-12-03: aac at 96k up to +1.0 dB in 300 answers, 95th percentile +0.2;
# mp3 +0.9 in 200, p95 +0.3; opus +0.7 in 200, p95 +0.4; an aac answer once decoded at -0.6 dBTP in CI with
# a 0.5 dB margin; opus coded by CELT alone reached +1.2 in 1,848, 2026-12-06). The finisher limits these
# formats that much lower and more, so a streamed answer, which cannot be encoded twice, stays under the
# ceiling as decoded; a whole answer is also checked after encoding.
LOSSY_MARGIN_DB = {"mp3": 1.2, "opus": 1.5, "aac": 1.2}
# ...and mp3 comes back quieter: LAME scales its input by 0.95 at every constant bitrate up to 160k (its ABR
# preset table, "ABR seems to have big problems with clipping"), -0.446 dB at every frequency and level (a
# tone at 100-3000 Hz and -40 to -4 dBFS, 22.05-44.1 kHz, decoded 0.439-0.449 dB low; piper's finished speech
# 0.36-0.48 dB K-weighted, 2026-12-04). The finisher aims that much higher, so what is decoded lands on the
# target; opus loses ~0.1 LU (ebur128, decoded against what went in, 12 answers, 2026-12-03), aac nothing.
# The margins above were measured decoded against what went in, so they already count this scale.
MP3_SCALE = 0.95
LOSSY_LOUDNESS_DB = {"mp3": -20 * math.log10(MP3_SCALE), "opus": 0.1, "aac": 0.0}


def decoding(fmt: str | None, sample_rate: int, streaming: bool) -> Decoding | None:
    """Where ffmpeg's decoders put an answer's audio (:class:`avatar.audio.loudness.Decoding`), for the finisher
    to measure on the blocks a listener's meter will: a streamed mp3 has no LAME tag (its first frame cannot be
    rewritten on a pipe), so the decoder plays the encoder's 1105 samples of priming before it; a whole one
    has them trimmed by the tag; both end on a whole frame (576 samples under 32 kHz, 1152 at and over).
    ADTS aac plays its 1024 samples of priming and ends on a whole 1024-sample frame; Ogg opus trims both
    (pre-skip, granule position). Measured on this ffmpeg: ``tests/serve/test_lossy_peaks.py``."""
    from avatar.audio.loudness import Decoding

    if fmt == "mp3":
        return Decoding(lead=1105 if streaming else 0, delay=1105, frame=1152 if sample_rate >= 32000 else 576)
    if fmt == "aac":
        return Decoding(lead=1024, delay=1024, frame=1024)
    return None


def to_int16(samples: np.ndarray) -> bytes:
    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0)
    return (clipped * 32767.0).round().astype("<i2").tobytes()


def wav_header(sample_rate: int, data_bytes: int | None) -> bytes:
    """A 16-bit mono WAV header; ``data_bytes`` None (streaming) writes the 'unknown length' sizes."""
    size = 0xFFFFFFFF if data_bytes is None else data_bytes
    riff = 0xFFFFFFFF if data_bytes is None else 36 + data_bytes
    return (
        b"RIFF"
        + struct.pack("<I", riff)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, sample_rate, sample_rate * 2, 2, 16)
        + b"data"
        + struct.pack("<I", size)
    )


def output_rate(fmt: str, sample_rate: int) -> int:
    return PCM_RATE if fmt == "pcm" else sample_rate


class _Resampler:
    """To 24 kHz for pcm, chunk by chunk (polyphase; chunks are whole sentences, so edges are silence)."""

    def __init__(self, rate: int, target: int) -> None:
        from math import gcd

        g = gcd(rate, target)
        self.up, self.down = target // g, rate // g

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        if self.up == self.down or samples.size == 0:
            return samples
        from scipy.signal import resample_poly

        return np.asarray(resample_poly(samples, self.up, self.down), dtype=np.float32)


async def encode(
    chunks: AsyncIterator[np.ndarray], fmt: str, sample_rate: int, *, streaming: bool,
    ceiling_dbtp: float | None = None,
) -> AsyncIterator[bytes]:  # fmt: skip
    """Bytes of ``fmt`` for the audio of ``chunks``; with ``streaming`` a wav header of unknown length, so
    the first bytes go out before the last chunk is made. A whole lossy file with a ``ceiling_dbtp`` is
    decoded again and, where the encoder pushed its true peak over the ceiling, encoded again quieter by
    that much (:func:`under_ceiling`)."""
    if fmt in ("wav", "pcm"):
        if fmt == "pcm":
            resample = _Resampler(sample_rate, PCM_RATE)
            async for samples in chunks:
                yield to_int16(resample(samples))
            return
        if streaming:
            yield wav_header(sample_rate, None)
            async for samples in chunks:
                yield to_int16(samples)
            return
        parts = [to_int16(s) async for s in chunks]
        data = b"".join(parts)
        yield wav_header(sample_rate, len(data)) + data
        return
    if streaming:
        async for block in _ffmpeg(chunks, fmt, sample_rate):
            yield block
        return
    whole = [s async for s in chunks]
    if ceiling_dbtp is None or fmt not in LOSSY_MARGIN_DB:
        yield await _ffmpeg_file(b"".join(to_int16(s) for s in whole), fmt, sample_rate)
        return
    yield await under_ceiling(np.concatenate(whole) if whole else np.zeros(0, np.float32), fmt, sample_rate,
                              ceiling_dbtp)  # fmt: skip


def decoded_true_peak_dbtp(data: bytes) -> float:
    """The true peak (4x oversampled, as BS.1770-4) of encoded audio decoded by ffmpeg to float, unclipped."""
    import subprocess

    from avatar.audio.loudness import true_peaks

    cmd = [*_input_args(0)[:4], "-i", "pipe:0", "-ac", "1", "-f", "f32le", "pipe:1"]
    decoded = np.frombuffer(subprocess.run(cmd, input=data, capture_output=True, check=True).stdout, dtype="<f4")
    peak = float(true_peaks(decoded.astype(np.float64)).max()) if decoded.size else 0.0
    return 20 * float(np.log10(max(peak, 1e-9)))


async def under_ceiling(samples: np.ndarray, fmt: str, sample_rate: int, ceiling_dbtp: float,
                        tries: int = 3) -> bytes:  # fmt: skip
    """``samples`` encoded as a whole lossy file whose decoded true peak is at or under ``ceiling_dbtp``:
    encoded, decoded and measured; over the ceiling, encoded again with the excess (and 0.1 dB) taken off
    the gain, at most ``tries`` times in all (an encoder's overshoot scales with the level)."""
    gain_db = 0.0
    data = b""
    for _ in range(tries):
        data = await _ffmpeg_file(to_int16(samples * 10 ** (gain_db / 20)), fmt, sample_rate)
        peak = await asyncio.to_thread(decoded_true_peak_dbtp, data)
        if peak <= ceiling_dbtp:
            break
        gain_db -= peak - ceiling_dbtp + 0.1
    return data


def _input_args(sample_rate: int) -> list[str]:
    from avatar.video.ffmpeg import ffmpeg_exe

    return [
        ffmpeg_exe(),
        "-hide_banner",
        "-loglevel",
        "error",
        "-f",
        "s16le",
        "-ar",
        str(sample_rate),
        "-ac",
        "1",
        "-i",
        "pipe:0",
    ]


async def _ffmpeg_file(pcm: bytes, fmt: str, sample_rate: int) -> bytes:
    """A whole file, written where ffmpeg can seek, so its header carries the length (FLAC's STREAMINFO,
    MP3's Xing frame)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="avatar-encode-") as tmp:
        target = Path(tmp) / f"out.{fmt}"
        proc = await asyncio.create_subprocess_exec(
            *_input_args(sample_rate),
            *_FFMPEG_ARGS[fmt],
            str(target),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await proc.communicate(pcm)
        if proc.returncode != 0:
            text = err.decode("utf-8", "replace").strip()
            raise RuntimeError(f"ffmpeg could not encode {fmt} (exit {proc.returncode}): {text[-400:]}")
        return target.read_bytes()


async def _ffmpeg(chunks: AsyncIterator[np.ndarray], fmt: str, sample_rate: int) -> AsyncIterator[bytes]:
    cmd = [*_input_args(sample_rate), *_FFMPEG_ARGS[fmt], "-flush_packets", "1", "pipe:1"]
    proc = await asyncio.create_subprocess_exec(
        *cmd, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    stdin, stdout, stderr = proc.stdin, proc.stdout, proc.stderr
    failure: list[BaseException] = []

    async def feed() -> None:
        try:
            async for samples in chunks:
                stdin.write(to_int16(samples))
                await stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            pass
        except BaseException as exc:  # the synthesis failed: stop ffmpeg and re-raise in the reader
            failure.append(exc)
        finally:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError, RuntimeError):
                stdin.close()

    feeder = asyncio.create_task(feed())
    try:
        while True:
            block = await stdout.read(READ_BYTES)
            if not block:
                break
            if failure:
                break
            yield block
        await feeder
        if failure:
            raise failure[0]
        rc = await proc.wait()
        if rc != 0:
            err = (await stderr.read()).decode("utf-8", "replace").strip()
            raise RuntimeError(f"ffmpeg could not encode {fmt} (exit {rc}): {err[-400:]}")
    finally:
        if not feeder.done():
            feeder.cancel()
            with contextlib.suppress(BaseException):
                await feeder
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()


def finish_levels(serve: Any, options: Any) -> tuple[float, float] | None:
    """(target LUFS, true-peak ceiling dBTP) of one response: the request's ``loudness`` options over the
    operator's ``serve.loudness_lufs`` / ``serve.true_peak_dbtp``; None when either turns finishing off."""
    if options is not None and not options.finish:
        return None
    target = options.target_lufs if options is not None and options.target_lufs is not None else serve.loudness_lufs
    if target is None:
        return None
    ceiling = options.true_peak_dbtp if options is not None and options.true_peak_dbtp is not None else None
    return float(target), float(serve.true_peak_dbtp if ceiling is None else ceiling)


def finisher(
    serve: Any, options: Any, sample_rate: int, fmt: str | None = None, streaming: bool = True
) -> Callable[[np.ndarray], np.ndarray] | None:
    """The loudness finisher for one response (``avatar.audio.loudness.StreamFinisher``) at
    :func:`finish_levels`, limiting a lossy ``fmt`` its :data:`LOSSY_MARGIN_DB` under the ceiling and aiming
    it :data:`LOSSY_LOUDNESS_DB` over the target, measuring on the blocks its decoder gives back
    (:func:`decoding`, which differs for a ``streaming`` answer); every format's phase is rotated (lower peaks
    at the same loudness, so the limiter takes less: answers of one-word sentences, "Stop! Drop it.",
    otherwise needed more than it gives back and landed over 1 LU low even in wav); None when finishing is
    off."""
    from avatar.audio.loudness import StreamFinisher

    levels = finish_levels(serve, options)
    if levels is None:
        return None
    target, ceiling = levels
    return StreamFinisher(
        sample_rate,
        target + LOSSY_LOUDNESS_DB.get(fmt or "", 0.0),
        ceiling - LOSSY_MARGIN_DB.get(fmt or "", 0.0),
        phase_rotate=True,
        decoding=decoding(fmt, sample_rate, streaming),
    )
