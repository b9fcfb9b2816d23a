"""Reference audio: the four accepted formats are normalised; every refusal is one line and stores nothing."""

from __future__ import annotations

import functools
import io as pyio
import math
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avatar.errors import InputError
from avatar.voices import reference
from avatar.voices.reference import prepare_reference, resample
from avatar.voices.store import VoiceStore


@functools.cache
def _piper() -> object:
    from avatar.backends.piper import PiperBackend

    backend = PiperBackend("cpu", "float32")
    backend.load()
    return backend


def speak(text: str) -> tuple[np.ndarray, int]:
    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend

    backend = _piper()
    assert isinstance(backend, PiperBackend)
    return backend.synthesize(SynthesisRequest(text)), backend.sample_rate


LONG_TEXT = (
    "Voice profiles keep a short recording of one speaker, cleaned and measured, so that a cloning model can "
    "speak new text in the same voice. The recording is checked before anything is stored. "
)


@functools.cache
def long_speech() -> tuple[np.ndarray, int]:
    """About 75 s of speech: the same paragraph with short pauses, so trimming cannot bring it under 60 s."""
    samples, sr = speak(LONG_TEXT)
    gap = np.zeros(int(0.3 * sr), dtype=np.float32)
    reps = math.ceil(75 * sr / (len(samples) + len(gap)))
    return np.concatenate([np.concatenate([samples, gap]) for _ in range(reps)]), sr


def test_accepted_reference_is_normalised(tmp_path: Path, piper_speech: tuple[np.ndarray, int]) -> None:
    samples, sr = piper_speech
    # Stereo at 44.1 kHz, quiet, with 2 s of silence at each end and a 3 s pause in the middle.
    mono = resample(samples, sr, 44100) * 0.1
    half = len(mono) // 2
    silence = np.zeros(2 * 44100, dtype=np.float32)
    body = np.concatenate([silence, mono[:half], np.zeros(3 * 44100, dtype=np.float32), mono[half:], silence])
    path = tmp_path / "take.flac"
    sf.write(str(path), np.stack([body, body * 0.5], axis=1), 44100)

    ref = prepare_reference(path)

    assert ref.sample_rate == reference.REFERENCE_SAMPLE_RATE == 24000
    assert ref.samples.ndim == 1 and ref.samples.dtype == np.float32
    assert (ref.source_format, ref.source_sample_rate, ref.source_channels) == ("FLAC", 44100, 2)
    speech_s = len(samples) / sr
    # The 7 s of added silence went (the 3 s pause down to at most 0.5 s); the speech itself stayed, less
    # piper's own edge silence and part of the 1 s gap between its two phrases.
    assert speech_s - 1.5 < ref.duration_s < speech_s + 0.6
    assert ref.duration_s < len(body) / 44100 - 6.4
    import pyloudnorm

    lufs = pyloudnorm.Meter(24000).integrated_loudness(ref.samples.astype(np.float64))
    peak_db = 20 * math.log10(float(np.max(np.abs(ref.samples))))
    assert peak_db <= reference.PEAK_CEILING_DBFS + 0.01
    if peak_db < reference.PEAK_CEILING_DBFS - 0.1:  # not peak-limited: exactly on target
        assert lufs == pytest.approx(reference.DEFAULT_REFERENCE_LUFS, abs=0.5)


def _write_as(samples: np.ndarray, sr: int, path: Path) -> Path:
    fmt = {".wav": "WAV", ".flac": "FLAC", ".ogg": "OGG", ".mp3": "MP3"}[path.suffix]
    sf.write(str(path), samples, sr, format=fmt)
    return path


@pytest.mark.parametrize("suffix", [".wav", ".flac", ".ogg", ".mp3"])
def test_each_format_makes_a_profile(tmp_path: Path, piper_speech: tuple[np.ndarray, int], suffix: str) -> None:
    samples, sr = piper_speech
    path = _write_as(samples, sr, tmp_path / f"speech{suffix}")
    store = VoiceStore(tmp_path / "voices")

    profile = store.add("alice", "narrator", path, "The quick brown fox.", "en")

    info = sf.info(str(profile.reference_audio))
    assert (info.format, info.subtype, info.channels, info.samplerate) == ("WAV", "PCM_16", 1, 24000)
    assert 3.0 <= profile.duration_s <= 60.0
    assert profile.verify() == []
    emb = profile.embedding()
    assert emb.shape == (256,) and float(np.linalg.norm(emb)) == pytest.approx(1.0, abs=1e-5)


# Each maker writes a bad reference into a folder and returns its path; beside it, the message expected.
Maker = Callable[[Path], Path]


def _too_short(d: Path) -> Path:
    s, sr = speak("Hi there.")
    return _write_as(s, sr, d / "short.wav")


def _too_long(d: Path) -> Path:
    s, sr = long_speech()
    return _write_as(s, sr, d / "long.wav")


def _silent(d: Path) -> Path:
    return _write_as(np.zeros(5 * 24000, dtype=np.float32), 24000, d / "silent.wav")


def _noise(d: Path) -> Path:
    noise = np.random.default_rng(1).standard_normal(5 * 24000).astype(np.float32) * 0.05
    return _write_as(noise, 24000, d / "noise.wav")


def _clipped(d: Path) -> Path:
    s, sr = speak("This recording was made with the input gain turned up far too high.")
    return _write_as(np.clip(s * 30.0, -1.0, 1.0), sr, d / "clipped.wav")


def _low_rate(d: Path) -> Path:
    s, sr = speak("This recording was made over an old telephone line at eight kilohertz.")
    return _write_as(resample(s, sr, 8000), 8000, d / "phone.wav")


def _text_file(d: Path) -> Path:
    path = d / "notes.wav"
    path.write_text("this is not audio\n")
    return path


def _aiff(d: Path) -> Path:
    s, sr = speak("Apple interchange file format is readable but not accepted.")
    path = d / "take.aiff"
    sf.write(str(path), s, sr, format="AIFF")
    return path


def _m4a(d: Path) -> Path:
    path = d / "take.m4a"
    path.write_bytes(b"\x00\x00\x00\x20ftypM4A " + bytes(range(256)) * 8)
    return path


def _missing(d: Path) -> Path:
    return d / "nowhere.wav"


REFUSALS: list[tuple[Maker, str]] = [
    (_too_short, r"only \d\.\d s of speech after trimming silence; a reference needs 3 to 60 s"),
    (_too_long, r"\d+\.\d s of speech after trimming silence; a reference may have at most 60 s"),
    (_silent, r"the recording is silent"),
    (_noise, r"no speech found in the recording"),
    (_clipped, r"heavily clipped \(\d+\.\d% of samples at full scale"),
    (_low_rate, r"sample rate 8000 Hz is too low; a reference needs 16000 Hz or more"),
    (_text_file, r"is not a supported recording; use WAV, FLAC, OGG/Opus, MP3, M4A/MP4 or WebM"),
    (_aiff, r"is not a supported recording; use WAV, FLAC, OGG/Opus, MP3, M4A/MP4 or WebM"),
    (_m4a, r"is not a supported recording; use WAV, FLAC, OGG/Opus, MP3, M4A/MP4 or WebM"),
    (_missing, r"file not found"),
]


@pytest.mark.parametrize(("maker", "message"), REFUSALS, ids=[m.__name__.strip("_") for m, _ in REFUSALS])
def test_refusals_are_one_line_and_store_nothing(tmp_path: Path, maker: Maker, message: str) -> None:
    path = maker(tmp_path)
    root = tmp_path / "voices"
    store = VoiceStore(root)
    with pytest.raises(InputError, match=message) as info:
        store.add("alice", "narrator", path)
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith(str(path))
    assert not root.exists()  # not even the user folder
    assert store.list() == []


def _wav_bytes(payload: bytes, sr: int) -> bytes:
    buf = pyio.BytesIO()
    pcm = np.frombuffer(payload[: len(payload) // 2 * 2], dtype="<i2")
    sf.write(buf, pcm, sr, format="WAV", subtype="PCM_16")
    return buf.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    payload=st.binary(max_size=4096),
    suffix=st.sampled_from([".wav", ".flac", ".ogg", ".mp3", ".bin", ""]),
    as_wav=st.sampled_from([None, 8000, 16000, 44100]),
)
def test_random_payloads_are_refused_with_a_message(payload: bytes, suffix: str, as_wav: int | None) -> None:
    data = _wav_bytes(payload, as_wav) if as_wav else payload
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        store = VoiceStore(Path(tmp) / "voices")
        with pytest.raises(InputError) as info:
            store.add("alice", "narrator", path)
        assert "\n" not in str(info.value) and str(info.value).startswith(str(path))
        assert not (Path(tmp) / "voices").exists()


@pytest.mark.parametrize(("suffix", "codec", "container"), [(".webm", "libopus", "WEBM"), (".m4a", "aac", "MP4")])
def test_browser_and_phone_recordings_are_decoded_by_ffmpeg(
    tmp_path: Path, speech_wav: Path, suffix: str, codec: str, container: str
) -> None:
    """MediaRecorder's WebM/Opus and a phone's M4A/AAC (its index after the audio, as ffmpeg writes it: the
    decoder must be able to seek in the caller's file): what a studio user records."""
    import subprocess

    import imageio_ffmpeg

    source = tmp_path / f"take{suffix}"
    argv = [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-i", str(speech_wav), "-c:a", codec, str(source)]
    subprocess.run(argv, check=True, timeout=60)
    expected = prepare_reference(speech_wav)
    ref = prepare_reference(source)
    assert ref.source_format == container
    assert ref.sample_rate == 24000 and ref.duration_s == pytest.approx(expected.duration_s, abs=0.15)
