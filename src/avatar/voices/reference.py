"""Reference audio for a voice: checked, then turned into one levelled mono WAV.

Accepted: WAV, FLAC, OGG (Vorbis/Opus) and MP3, read by libsndfile (MP3 needs libsndfile >= 1.1, which the
soundfile wheels bundle), and the containers browsers and phones record (WebM/Opus, M4A/AAC, MP4), decoded by
the ffmpeg of imageio-ffmpeg first. Which of these a file is comes from its first bytes, through the decode
boundary (:mod:`avatar.decoding`), never from its name: ffmpeg gets the demuxer forced, the file on its
standard input and no protocol that could open anything else. Every refusal is an :class:`InputError` of one
line that says what to change.

What is stored: mono (channels averaged), 24 kHz (the rate XTTS and Qwen3-TTS take their references at,
so neither resamples again), leading/trailing silence removed and pauses longer than
:data:`MAX_PAUSE_S` shortened, loudness set to :data:`DEFAULT_REFERENCE_LUFS` with peaks kept under
:data:`PEAK_CEILING_DBFS`. -23 LUFS (EBU R128) rather than the -16 used for finished speech: it leaves
about 20 dB of headroom, so ordinary speech needs no limiting, and a fixed level makes references (and
their embeddings) comparable across recordings.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from avatar import decoding
from avatar.errors import InputError
from avatar.voices import vad

logger = logging.getLogger(__name__)

REFERENCE_SAMPLE_RATE = 24000
DEFAULT_REFERENCE_LUFS = -23.0
PEAK_CEILING_DBFS = -1.0
MIN_SOURCE_SAMPLE_RATE = 16000
MIN_SPEECH_S = 3.0
MAX_SPEECH_S = 60.0
# Longer files are refused from their header, before they are decoded, so a two-hour upload (or a small
# file that claims to be one) never sits in memory.
MAX_SOURCE_S = 300.0
MAX_SOURCE_CHANNELS = 8
MAX_SOURCE_SAMPLE_RATE = 192000
DECODE_BLOCK_FRAMES = 1 << 16  # decoded a block at a time, channels averaged as it goes
# "Heavy clipping": more than 1 % of all samples within 0.01 dB of full scale.
CLIP_LEVEL = 0.999
MAX_CLIPPED_FRACTION = 0.01
# A recording whose loudest sample is under -50 dBFS holds nothing usable.
SILENCE_PEAK_DBFS = -50.0
EDGE_PAD_S = 0.1
MAX_PAUSE_S = 0.5
ACCEPTED_FORMATS = {"WAV": "WAV", "WAVEX": "WAV", "RF64": "WAV", "FLAC": "FLAC", "OGG": "OGG", "MP3": "MP3"}
ACCEPTED_TEXT = decoding.AUDIO_TEXT


def _via_ffmpeg(path: Path, container: decoding.Container, limits: AudioLimits) -> Reference:
    """A container libsndfile cannot read, decoded by the ffmpeg of imageio-ffmpeg to a temporary FLAC
    (lossless, same rate and channels), then checked like any other file; messages name ``path``. ffmpeg
    reads the file from its standard input with the demuxer forced and no other protocol allowed
    (:func:`avatar.decoding.ffmpeg_input`), so nothing the file says can make it open another; it runs with
    a bare environment (:func:`avatar.decoding.decoder_env`)."""
    import subprocess
    import tempfile

    import imageio_ffmpeg

    with tempfile.TemporaryDirectory(prefix="avatar-ref-") as tmp:
        flac = Path(tmp) / "reference.flac"
        argv = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error",
                *decoding.ffmpeg_input(container), "-map", "0:a:0", "-vn", "-sn", "-dn",
                "-t", str(limits.file_s + 1), "-c:a", "flac", "-sample_fmt", "s16", str(flac)]  # fmt: skip
        with open(path, "rb") as source:
            done = subprocess.run(argv, stdin=source, capture_output=True, timeout=120, env=decoding.decoder_env())
        if done.returncode != 0 or not flac.is_file():
            raise InputError(f"{path} is not a supported recording; use {ACCEPTED_TEXT}") from None
        try:
            ref = prepare_reference(flac, limits)
        except InputError as exc:
            raise InputError(str(exc).replace(str(flac), str(path))) from None
    return Reference(
        ref.samples,
        ref.sample_rate,
        container.name,
        ref.source_sample_rate,
        ref.source_channels,
        ref.source_duration_s,
        ref.loudness_lufs,
    )


@dataclass(frozen=True)
class AudioLimits:
    """What a source file may claim in its header; anything beyond is refused before decoding."""

    channels: int = MAX_SOURCE_CHANNELS
    rate_max: int = MAX_SOURCE_SAMPLE_RATE
    file_s: float = MAX_SOURCE_S


DEFAULT_LIMITS = AudioLimits()


def check_header(path: Path, channels: int, sr: int, seconds: float, limits: AudioLimits) -> None:
    """Refuse a file whose header claims too many channels, too high or low a rate, or too long a length."""
    if channels < 1 or channels > limits.channels:
        raise InputError(f"{path}: {channels} audio channels; a reference may have 1 to {limits.channels}")
    if sr > limits.rate_max:
        raise InputError(f"{path}: sample rate {sr} Hz is above the {limits.rate_max} Hz allowed")
    if sr < MIN_SOURCE_SAMPLE_RATE:
        raise InputError(
            f"{path}: sample rate {sr} Hz is too low; a reference needs {MIN_SOURCE_SAMPLE_RATE} Hz or more"
        )
    if not math.isfinite(seconds) or seconds > limits.file_s:
        raise InputError(
            f"{path}: the recording is {seconds:.0f} s long; cut it to under {limits.file_s:.0f} s "
            f"with {MIN_SPEECH_S:.0f}-{MAX_SPEECH_S:.0f} s of speech"
        )


def check_file_header(path: Path, limits: AudioLimits = DEFAULT_LIMITS) -> None:
    """The header checks of :func:`prepare_reference` alone (no decoding): fast enough for a request handler.
    Containers libsndfile cannot read (WebM, M4A) are checked after ffmpeg's bounded decode instead."""
    import soundfile as sf

    container = decoding.identify(Path(path), decoding.Kind.AUDIO, str(path))
    if not container.libsndfile:
        return
    try:
        with _quiet_stderr():
            info = sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError, OSError, TypeError, ValueError):
        if container.demuxer is not None:
            return  # ffmpeg decodes it (an Opus or MP3 stream this libsndfile cannot read), bounded by -t
        raise InputError(f"{path} is not a supported recording; use {ACCEPTED_TEXT}") from None
    if ACCEPTED_FORMATS.get(str(info.format)) != container.name:
        raise InputError(f"{path} is not a supported recording; use {ACCEPTED_TEXT}")
    sr = int(info.samplerate)
    check_header(Path(path), int(info.channels), sr, float(info.frames) / sr if sr > 0 else math.inf, limits)


@dataclass(frozen=True)
class Reference:
    """A reference ready to store: mono float32 ``samples`` at ``sample_rate``."""

    samples: np.ndarray
    sample_rate: int
    source_format: str
    source_sample_rate: int
    source_channels: int
    source_duration_s: float
    loudness_lufs: float

    @property
    def duration_s(self) -> float:
        return len(self.samples) / float(self.sample_rate)


def prepare_reference(path: Path, limits: AudioLimits = DEFAULT_LIMITS) -> Reference:
    """Validate the file at ``path`` and return its levelled reference; refusals are InputErrors.

    The header is checked first (channels, rate, length within ``limits``), then the audio is decoded a
    block at a time into mono, so memory is bounded by the limits, not by what the file claims."""
    import soundfile as sf

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    container = decoding.identify(path, decoding.Kind.AUDIO, str(path))
    if not container.libsndfile:
        # Browsers record WebM/Opus (MediaRecorder), phones M4A/AAC: ffmpeg turns them into FLAC.
        return _via_ffmpeg(path, container, limits)
    try:
        with _quiet_stderr():
            info = sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError, OSError, TypeError, ValueError):
        return _via_ffmpeg(path, container, limits)  # e.g. Opus in OGG for an older libsndfile
    fmt = ACCEPTED_FORMATS.get(str(info.format))
    if fmt != container.name:
        raise InputError(f"{path} is not a supported recording; use {ACCEPTED_TEXT}")
    sr, channels = int(info.samplerate), int(info.channels)
    source_s = float(info.frames) / sr if sr > 0 else math.inf
    check_header(path, channels, sr, source_s, limits)
    decoded = _decode(path, int(limits.file_s * sr) + sr)
    mono = decoded.mono
    if mono.size == 0:
        raise InputError(f"{path}: the file holds no audio samples")
    if not decoded.finite:
        raise InputError(f"{path}: the audio holds invalid (NaN or infinite) samples")
    if decoded.peak < 10 ** (SILENCE_PEAK_DBFS / 20):
        raise InputError(f"{path}: the recording is silent (peak {_dbfs(decoded.peak)}); record speech")
    clipped = decoded.clipped / max(1, decoded.samples)
    if clipped > MAX_CLIPPED_FRACTION:
        raise InputError(
            f"{path}: the recording is heavily clipped ({clipped:.1%} of samples at full scale, at most "
            f"{MAX_CLIPPED_FRACTION:.0%} allowed); record again at a lower input level"
        )

    segments = vad.speech_segments(resample(mono, sr, vad.VAD_SAMPLE_RATE), vad.VAD_SAMPLE_RATE)
    if not segments:
        raise InputError(f"{path}: no speech found in the recording")
    audio = trim(resample(mono, sr, REFERENCE_SAMPLE_RATE), REFERENCE_SAMPLE_RATE, segments)
    speech_s = len(audio) / REFERENCE_SAMPLE_RATE
    if speech_s < MIN_SPEECH_S:
        raise InputError(
            f"{path}: only {speech_s:.1f} s of speech after trimming silence; a reference needs "
            f"{MIN_SPEECH_S:.0f} to {MAX_SPEECH_S:.0f} s"
        )
    if speech_s > MAX_SPEECH_S:
        raise InputError(
            f"{path}: {speech_s:.1f} s of speech after trimming silence; a reference may have at most "
            f"{MAX_SPEECH_S:.0f} s, so cut the recording"
        )
    audio, lufs = level_loudness(audio, REFERENCE_SAMPLE_RATE)
    logger.info(
        "reference %s: %s %d Hz x%d, %.1f s -> %.1f s of speech at %d Hz, %.1f LUFS -> %.1f LUFS",
        path.name,
        fmt,
        sr,
        channels,
        source_s,
        speech_s,
        REFERENCE_SAMPLE_RATE,
        lufs,
        DEFAULT_REFERENCE_LUFS,
    )
    return Reference(audio, REFERENCE_SAMPLE_RATE, fmt, sr, channels, source_s, lufs)


@dataclass
class _Decoded:
    mono: np.ndarray  # float32, channels averaged
    peak: float  # over every channel's samples
    clipped: int  # samples at full scale, every channel
    samples: int  # every channel's samples
    finite: bool


def _decode(path: Path, max_frames: int) -> _Decoded:
    """Decode a block at a time, keeping only the mono mix and the per-sample statistics: at most
    ``max_frames`` frames are read, whatever the header said. A file that passes ``sf.info`` can still be
    corrupt further in."""
    import soundfile as sf

    pieces: list[np.ndarray] = []
    peak, clipped, samples, finite, frames = 0.0, 0, 0, True, 0
    try:
        with _quiet_stderr(), sf.SoundFile(str(path)) as fh:
            while frames < max_frames:
                block = fh.read(min(DECODE_BLOCK_FRAMES, max_frames - frames), dtype="float32", always_2d=True)
                if block.shape[0] == 0:
                    break
                frames += block.shape[0]
                if not np.all(np.isfinite(block)):
                    finite = False
                    break
                magnitude = np.abs(block)
                peak = max(peak, float(magnitude.max()))
                clipped += int(np.count_nonzero(magnitude >= CLIP_LEVEL))
                samples += block.size
                pieces.append(block.mean(axis=1, dtype=np.float32) if block.shape[1] > 1 else block[:, 0].copy())
    except (sf.LibsndfileError, RuntimeError, OSError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: the audio cannot be decoded ({detail})") from None
    mono = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
    return _Decoded(np.ascontiguousarray(mono, dtype=np.float32), peak, clipped, samples, finite)


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2 while libsndfile decodes: its MP3 decoder (mpg123) prints "Note: Illegal
    Audio-MPEG-Header ..." lines straight to it on bad data, which would break one-line error output."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _dbfs(value: float) -> str:
    return "-inf dBFS" if value <= 0 else f"{20 * math.log10(value):.0f} dBFS"


def resample(samples: np.ndarray, sr_in: int, sr_out: int) -> np.ndarray:
    """Polyphase resampling (scipy) between integer rates; float32 out."""
    if sr_in == sr_out:
        return np.asarray(samples, dtype=np.float32)
    from scipy.signal import resample_poly

    g = math.gcd(sr_in, sr_out)
    return np.asarray(resample_poly(samples, sr_out // g, sr_in // g), dtype=np.float32)


def trim(samples: np.ndarray, sr: int, segments: list[tuple[float, float]]) -> np.ndarray:
    """Keep the voiced ``segments`` (seconds) with :data:`EDGE_PAD_S` around them; pauses between them
    longer than :data:`MAX_PAUSE_S` keep only their first and last ``MAX_PAUSE_S / 2``."""
    n = len(samples)
    pad = int(EDGE_PAD_S * sr)
    spans: list[list[int]] = []
    for start_s, end_s in segments:
        start = max(0, int(start_s * sr) - pad)
        end = min(n, math.ceil(end_s * sr) + pad)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        elif end > start:
            spans.append([start, end])
    half = int(MAX_PAUSE_S * sr / 2)
    pieces: list[np.ndarray] = []
    for i, (start, end) in enumerate(spans):
        if i:
            gap_start, gap_end = spans[i - 1][1], start
            if gap_end - gap_start <= 2 * half:
                pieces.append(samples[gap_start:gap_end])
            else:
                pieces.append(samples[gap_start : gap_start + half])
                pieces.append(samples[gap_end - half : gap_end])
        pieces.append(samples[start:end])
    if not pieces:
        return np.zeros(0, dtype=np.float32)
    return np.ascontiguousarray(np.concatenate(pieces), dtype=np.float32)


def level_loudness(samples: np.ndarray, sr: int) -> tuple[np.ndarray, float]:
    """Gain to :data:`DEFAULT_REFERENCE_LUFS`, then down further if a peak would pass the ceiling.
    Returns the new samples and the loudness measured before."""
    import pyloudnorm

    x = np.asarray(samples, dtype=np.float64)
    lufs = float(pyloudnorm.Meter(sr).integrated_loudness(x))
    gain = 1.0 if not math.isfinite(lufs) else 10 ** ((DEFAULT_REFERENCE_LUFS - lufs) / 20)
    y = x * gain
    ceiling = 10 ** (PEAK_CEILING_DBFS / 20)
    peak = float(np.max(np.abs(y))) if y.size else 0.0
    if peak > ceiling:
        y *= ceiling / peak
    return y.astype(np.float32), lufs
