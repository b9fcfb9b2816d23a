"""True peaks of the speech API's lossy formats as a listener's decoder gives them back: mp3, opus and aac
move peaks (filters, quantisation noise), so finished audio under the ceiling before encoding can decode
over it. Real piper speech of several texts at several speaking rates (piper samples its noise per
synthesis, so each run differs; the one-word answers excepted), finished as the API finishes it, encoded by
the API's own encoder, streamed and whole, decoded by ffmpeg to float (unclipped) and measured at 4x
oversampling (BS.1770-4) and by ffmpeg's ebur128 filter."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import AsyncIterator
from types import SimpleNamespace

import numpy as np
import pytest
from audio_helpers import ebur128_encoded, finished_and_encoded

from avatar.audio.loudness import true_peaks
from avatar.serve.audio import LOSSY_LOUDNESS_DB, LOSSY_MARGIN_DB, decoded_true_peak_dbtp, decoding, encode

TEXTS = [
    "Yes, that works.",
    "Pack my box with five dozen liquor jugs! The quick brown fox jumps over the lazy dog.",
    "She sells sea shells by the sea shore. Peter Piper picked a peck of pickled peppers.",
    "Good morning. Your order of twelve boxes ships on Tuesday, and the courier will call before noon.",
]
# Short answers whose peaks stand far over their loudness (piper's plosives and glottal pulses): under a lossy
# format's lower ceiling they once landed up to 1.5 LU low, the limiter needing more than the 10 dB it gives back
PEAKY = ["Peter Piper picked a peck of pickled peppers.", "Okay, got it.", "Yes, that works.", "Pop the top, Pat!"]
# Answers of one-word sentences, each near or under the 400 ms loudness block
TERSE = ["Stop! Drop it.", "Hi. Thanks. Bye.", "Yes! Go.", "No. Never. Sorry."]
RATES = (0.85, 1.0, 1.25)  # the same voice faster and slower: other spectra, other peaks
SERVE = SimpleNamespace(loudness_lufs=-16.0, true_peak_dbtp=-1.0)


def speak(texts: list[str], rates: tuple[float, ...] = RATES, **options: float) -> tuple[list[list[np.ndarray]], int]:
    """Each text at each rate, a list of sentences as the API speaks them (``options``: piper's)."""
    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend

    backend = PiperBackend("cpu", "float32", **options)
    backend.load()
    out = []
    for text in texts:
        sentences = [s if s[-1] in ".!?" else s + "." for s in text.replace("! ", "!|").replace(". ", ".|").split("|")]
        for rate in rates:
            out.append([backend.synthesize(SynthesisRequest(s, speed=rate)) for s in sentences])
    sr = backend.sample_rate
    backend.unload()
    return out, sr


@pytest.fixture(scope="module")
def answers() -> tuple[list[list[np.ndarray]], int]:
    return speak(TEXTS)


@pytest.fixture(scope="module")
def peaky() -> tuple[list[list[np.ndarray]], int]:
    return speak(PEAKY)


@pytest.fixture(scope="module")
def terse() -> tuple[list[list[np.ndarray]], int]:
    """Read without piper's noise, so every run measures the same take. Drawn at random, 576 answers of these
    (8 processes, 2026-12-04) landed -16.8 to -15.8 LUFS in mp3 and aac, but one CI take of an mp3 landed at
    -17.1, and a test that fails one run in twenty blocks every change; the random takes are the benchmark's
    (``bench_fidelity.py --only loudness``)."""
    return speak(TERSE, (0.9, 1.15, 1.35), noise_scale=0.0, noise_w_scale=0.0)


def encoded(sentences: list[np.ndarray], fmt: str, sr: int, *, streaming: bool) -> bytes:
    return finished_and_encoded(sentences, fmt, sr, SERVE, streaming=streaming)


@pytest.mark.parametrize("streaming", [True, False], ids=["streamed", "whole"])
@pytest.mark.parametrize("fmt", ["mp3", "opus", "aac"])
def test_lossy_answers_decode_under_the_true_peak_ceiling(
    answers: tuple[list[list[np.ndarray]], int], fmt: str, streaming: bool
) -> None:
    groups, sr = answers
    peaks, loudness = [], []
    for sentences in groups:
        data = encoded(sentences, fmt, sr, streaming=streaming)
        peaks.append(decoded_true_peak_dbtp(data))
        lufs, ebu_peak = ebur128_encoded(data)
        loudness.append(lufs)
        assert ebu_peak <= SERVE.true_peak_dbtp, (fmt, ebu_peak)
    assert max(peaks) <= SERVE.true_peak_dbtp, (fmt, peaks)
    # The margin costs no loudness: every answer lands within 1 LU of the target
    assert all(abs(lufs - SERVE.loudness_lufs) <= 1.0 for lufs in loudness), (fmt, loudness)


@pytest.mark.parametrize("streaming", [True, False], ids=["streamed", "whole"])
@pytest.mark.parametrize("fmt", ["mp3", "opus", "aac"])
def test_short_peaky_answers_reach_the_target_under_the_ceiling(
    peaky: tuple[list[list[np.ndarray]], int], fmt: str, streaming: bool
) -> None:
    """A short answer of peaky syllables in a lossy format, as ffmpeg's ebur128 (true-peak mode) measures the
    encoded file: within 1 LU of -16 LUFS and at or under -1 dBTP. The phase rotation lowers its peaks at the
    same loudness, so the limiter under the format's lower ceiling takes less than it can give back."""
    groups, sr = peaky
    for sentences in groups:
        lufs, peak = ebur128_encoded(encoded(sentences, fmt, sr, streaming=streaming))
        assert abs(lufs - SERVE.loudness_lufs) <= 1.0, (fmt, streaming, lufs, peak)
        assert peak <= SERVE.true_peak_dbtp, (fmt, streaming, lufs, peak)


@pytest.mark.parametrize("streaming", [True, False], ids=["streamed", "whole"])
@pytest.mark.parametrize("fmt", ["wav", "mp3", "aac"])
def test_answers_of_one_word_sentences_reach_the_target(
    terse: tuple[list[list[np.ndarray]], int], fmt: str, streaming: bool
) -> None:
    """As the API sends them: each sentence's limiter loss is given back as the whole answer measures it, a
    sentence too short to measure alone is measured with what went before it, and every format's phase is
    rotated. Before, "Stop! Drop it." landed at -16.9 to -17.8 LUFS in wav, aac and mp3 in every take (the loss
    given back as the short sentence's own few blocks measured it), and "Hi. Thanks. Bye." 1.1 LU low in mp3 (the
    last word kept the gain of the one before). mp3 then still landed up to 1.7 LU low at the fastest rate (LAME
    scales its input by 0.95, which the finisher made up by 0.3 dB, not 0.45; each sentence was measured on its
    own 100 ms grid, not the answer's; and the decoder's priming and padding add blocks the finisher did not
    see): now the finisher measures on the blocks the decoder gives back."""
    groups, sr = terse
    for sentences in groups:
        lufs, peak = ebur128_encoded(encoded(sentences, fmt, sr, streaming=streaming))
        assert abs(lufs - SERVE.loudness_lufs) <= 1.0, (fmt, len(sentences), lufs, peak)
        assert peak <= SERVE.true_peak_dbtp, (fmt, len(sentences), lufs, peak)


@pytest.mark.parametrize("sr", [22050, 44100])
@pytest.mark.parametrize("streaming", [True, False], ids=["streamed", "whole"])
@pytest.mark.parametrize("fmt", ["mp3", "aac", "opus"])
def test_the_decoder_gives_back_what_the_finisher_expects(fmt: str, streaming: bool, sr: int) -> None:
    """What the finisher assumes of each codec, measured on this ffmpeg: where the decoded audio starts and how
    long it runs (``avatar.serve.audio.decoding``: the blocks a meter sees) and how much quieter it comes back
    (``LOSSY_LOUDNESS_DB``: LAME's 0.95 scale; a tone, so no codec noise blurs it)."""
    import imageio_ffmpeg

    rng = np.random.default_rng(0)
    expect = decoding(fmt, sr, streaming)
    lead = 0 if expect is None else expect.lead
    for n in (sr // 2, sr + 97, sr + 485):
        x = np.zeros(n, dtype=np.float32)
        x[: n // 2] = 0.3 * np.sin(2 * np.pi * 440 * np.arange(n // 2) / sr)  # a tone, then silence
        x[n // 2 + 500] = 0.5  # a click to find where the audio starts
        x[n // 2 + 501 :] = 0.01 * rng.standard_normal(n - n // 2 - 501)  # noise to its end (the length)

        async def one(samples: np.ndarray = x) -> AsyncIterator[np.ndarray]:
            yield samples

        async def run() -> bytes:
            return b"".join([b async for b in encode(one(), fmt, sr, streaming=streaming)])

        cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", "pipe:0", "-ac", "1",
               "-ar", str(sr), "-f", "f32le", "pipe:1"]  # fmt: skip
        out = subprocess.run(cmd, input=asyncio.run(run()), capture_output=True, check=True).stdout
        decoded = np.frombuffer(out, dtype="<f4").astype(np.float64)
        pad = 0 if expect is None else expect.pad(n)
        assert abs(decoded.size - (lead + n + pad)) <= 1, (fmt, streaming, n, decoded.size - n, lead, pad)
        click = n // 2 + 500
        found = int(np.argmax(np.abs(decoded[click : click + lead + 600]))) + click
        assert abs(found - click - lead) <= 2, (fmt, streaming, found - click, lead)
        tone = slice(lead + n // 8, lead + 3 * n // 8)  # the tone's middle, away from its edges
        gain_db = 10 * np.log10(np.mean(decoded[tone] ** 2) / np.mean(x[n // 8 : 3 * n // 8].astype(np.float64) ** 2))
        if fmt == "mp3":  # LAME's scale, exactly: the finisher aims that much over the target
            assert abs(gain_db + LOSSY_LOUDNESS_DB["mp3"]) <= 0.02, gain_db
        else:
            assert abs(gain_db) <= 0.3, (fmt, gain_db)


def test_the_margin_is_needed() -> None:
    """Without it, a streamed mp3 of loud, dense speech decodes over the ceiling: the encoder's overshoot
    is real (this is what the margin is for), shown on a square-ish wave limited exactly to the ceiling."""
    sr = 22050
    t = np.arange(2 * sr) / sr
    x = np.sign(np.sin(2 * np.pi * 220 * t)) * 0.5 + 0.3 * np.sin(2 * np.pi * 3000 * t)
    x = (x / true_peaks(x).max() * 10 ** (-1.0 / 20)).astype(np.float32)  # true peak exactly -1 dBTP

    async def run(samples: np.ndarray) -> bytes:
        async def one() -> AsyncIterator[np.ndarray]:
            yield samples

        return b"".join([b async for b in encode(one(), "mp3", sr, streaming=True)])

    assert decoded_true_peak_dbtp(asyncio.run(run(x))) > -1.0
    assert LOSSY_MARGIN_DB["mp3"] > 0 and LOSSY_MARGIN_DB["opus"] > 0 and LOSSY_MARGIN_DB["aac"] > 0


def seeded(seed: int, texts: list[str]) -> tuple[list[list[np.ndarray]], int]:
    """``speak(texts)`` with onnxruntime's noise seed set, so the takes are those a survey found (one seed per
    process; set at random again after, so the tests that come later draw their own)."""
    import os

    import onnxruntime

    onnxruntime.set_seed(seed)
    try:
        return speak(texts)
    finally:
        onnxruntime.set_seed(int.from_bytes(os.urandom(4), "little") % 2**31)


@pytest.mark.parametrize(
    ("fmt", "seed", "texts", "answer"),
    [("opus", 75, TEXTS, 11), ("opus", 92, TEXTS, 3), ("aac", 21, TEXTS + PEAKY, 13), ("aac", 58, TEXTS + PEAKY, 18)],
    ids=["opus-75", "opus-92", "aac-21", "aac-58"],
)
def test_the_takes_whose_encoder_filled_bands_with_noise_decode_under_the_ceiling(
    fmt: str, seed: int, texts: list[str], answer: int
) -> None:
    """Streamed answers a survey found decoding far over the ceiling (benchmarks/bench_lossy_peaks.py, these
    seeds on this machine): opus's hybrid mode at -0.6 and -0.9 dBTP, aac with perceptual noise substitution
    at -0.9, aac's twoloop coder without it at -0.3. Opus's hybrid and aac's PNS filled bands with noise of
    the band's energy, which peaked higher than what went in; opus now codes with CELT alone and aac with the
    fast coder and no PNS (``avatar.serve.audio``). Another CPU may draw other takes from the same seed;
    there this is one more answer under the ceiling."""
    groups, sr = seeded(seed, texts)
    _lufs, peak = ebur128_encoded(encoded(groups[answer], fmt, sr, streaming=True))
    assert peak <= SERVE.true_peak_dbtp, (fmt, seed, peak)
