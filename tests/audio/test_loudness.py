from __future__ import annotations

from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf

from avatar.audio import loudness


def whole_sub_blocks(data: np.ndarray, sr: int) -> np.ndarray:
    """``data`` cut to whole 100 ms sub-blocks: there pyloudnorm's block count has no rounding (see loudness.py)."""
    step = round(0.1 * sr)
    return data[: len(data) // step * step]


def test_streaming_meter_matches_pyloudnorm(speech_wav: Path) -> None:
    data, sr = sf.read(str(speech_wav), dtype="float64")
    reference = pyloudnorm.Meter(sr).integrated_loudness(whole_sub_blocks(data, sr))
    lufs, peak, rate, frames = loudness.measure(speech_wav)
    assert rate == sr and frames == len(data)
    assert lufs == pytest.approx(reference, abs=1e-6)
    assert peak == pytest.approx(np.max(np.abs(data)), abs=1e-4)


@pytest.mark.parametrize("block", [1000, 4096, 1 << 16])
def test_meter_independent_of_block_size(speech_wav: Path, block: int) -> None:
    data, sr = sf.read(str(speech_wav), dtype="float64")
    meter = loudness.LoudnessMeter(sr)
    for i in range(0, len(data), block):
        meter.add(data[i : i + block])
    reference = pyloudnorm.Meter(sr).integrated_loudness(whole_sub_blocks(data, sr))
    assert meter.integrated_lufs == pytest.approx(reference, abs=1e-6)


@pytest.mark.parametrize("target", [-14.0, -11.0])
def test_finish_hits_target_respects_ceiling_and_fades(speech_wav: Path, tmp_path: Path, target: float) -> None:
    """Speech at -11 LUFS under a -1 dBFS ceiling is limited hard: each dB of gain adds well under a dB of
    loudness, and a unit-slope correction stopped 2 LU short (the secant reaches it)."""
    out = tmp_path / "out.wav"
    report = loudness.finish(speech_wav, out, target_lufs=target, ceiling_dbfs=-1.0, fade_in_ms=20, fade_out_ms=20)
    data, sr = sf.read(str(out), dtype="float64")
    assert pyloudnorm.Meter(sr).integrated_loudness(data) == pytest.approx(target, abs=0.75)
    assert report.output_lufs == pytest.approx(target, abs=0.75)
    assert np.max(np.abs(data)) <= 10 ** (-1.0 / 20) + 1e-3  # PCM_16 rounding
    assert abs(data[0]) < 1e-3 and abs(data[-1]) < 1e-3
    assert not list(tmp_path.glob(".tmp-*"))


def test_quiet_input_is_raised_and_loud_input_is_limited(tmp_path: Path) -> None:
    sr = 22050
    t = np.arange(sr * 3) / sr
    tone = 0.01 * np.sin(2 * np.pi * 220 * t)
    tone[sr : sr + 200] = 0.9  # a spike that the gain would push far over full scale
    src = tmp_path / "quiet.wav"
    sf.write(str(src), tone, sr, subtype="FLOAT")
    report = loudness.finish(src, tmp_path / "o.wav", -16.0, -1.0, 10, 10)
    data, _ = sf.read(str(tmp_path / "o.wav"))
    assert report.gain_db > 10
    assert report.limited_blocks > 0
    assert np.max(np.abs(data)) <= 10 ** (-1.0 / 20) + 1e-3
