"""Speaker embeddings with the GE2E voice encoder whose weights (``pretrained.pt``) ship in ``resemblyzer``.

Only the weights file is used. Importing ``resemblyzer`` itself imports ``webrtcvad`` (whose import needs
``pkg_resources``, gone from setuptools 81, and whose only release is an sdist that needs a C compiler) and
librosa (with numba and llvmlite), none of which an embedding needs. The network is small (3-layer LSTM,
40 mel bands in, 256-d out), so it is defined here with the same layer names and fed the same features:
16 kHz audio raised to -30 dBFS if quieter, a power (not log) mel spectrogram of 25 ms Hann windows every
10 ms (librosa's Slaney filterbank, centred frames zero-padded as librosa 0.10+ does), cut into 1.6 s
partials at 1.3 per second whose embeddings are averaged and L2-normalised. Checked against
``VoiceEncoder.embed_utterance`` with librosa 0.11: cosine 1 - 1e-14 (tests pin a golden vector).
Only that file is installed (``python -m avatar.voices.encoder_weights``), not the package.
"""

from __future__ import annotations

import functools
import logging
import math
from pathlib import Path
from typing import Any

import numpy as np

from avatar.errors import MissingDependencyError
from avatar.memory.kept import Kept

logger = logging.getLogger(__name__)

EMBEDDING_SAMPLE_RATE = 16000
EMBEDDING_DIM = 256
MEL_BANDS = 40
N_FFT = 400  # 25 ms at 16 kHz
HOP = 160  # 10 ms
PARTIAL_FRAMES = 160  # 1.6 s
PARTIALS_PER_S = 1.3
MIN_COVERAGE = 0.75
TARGET_DBFS = -30.0
WEIGHTS_FILE = "pretrained.pt"


def weights_path() -> Path:
    """The GE2E weights (see ``encoder_weights``); a one-line error saying how to install them if absent."""
    from avatar.voices.encoder_weights import ENV_WEIGHTS, INSTALL_COMMAND, find

    path = find()
    if path is None:
        err = MissingDependencyError("speaker encoder weights", purpose="speaker embeddings")
        err.args = (
            f"the speaker encoder's weights are not installed; install them with: {INSTALL_COMMAND} "
            f"(or point ${ENV_WEIGHTS} at resemblyzer 0.1.4's pretrained.pt)",
        )
        raise err
    return path


def model_name() -> str:
    """Recorded in voice.yaml so that embeddings from different encoders are never compared."""
    from avatar.voices.encoder_weights import MODEL_NAME

    return MODEL_NAME


def _load_encoder() -> Any:
    import torch
    from torch import nn

    class VoiceEncoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lstm = nn.LSTM(MEL_BANDS, 256, 3, batch_first=True)
            self.linear = nn.Linear(256, EMBEDDING_DIM)
            self.relu = nn.ReLU()

        def forward(self, mels: torch.Tensor) -> torch.Tensor:
            _, (hidden, _) = self.lstm(mels)
            raw = self.relu(self.linear(hidden[-1]))
            out: torch.Tensor = raw / torch.norm(raw, dim=1, keepdim=True)
            return out

    path = weights_path()
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    encoder = VoiceEncoder()
    state = {k: v for k, v in checkpoint["model_state"].items() if k.split(".")[0] in {"lstm", "linear"}}
    encoder.load_state_dict(state, strict=True)
    encoder.eval()
    logger.debug("voice encoder loaded from %s", path)
    return encoder


# Kept for the process once loaded, and seen by the residency core (a 17 MB LSTM).
ENCODER = Kept("speaker encoder", _load_encoder, static_mb=64.0)


@functools.cache
def _mel_filterbank() -> np.ndarray:
    """librosa.filters.mel(sr=16000, n_fft=400, n_mels=40) with its defaults (Slaney scale and norm)."""

    def hz_to_mel(f: np.ndarray) -> np.ndarray:
        f = np.asarray(f, dtype=np.float64)
        lin = f / (200.0 / 3)
        log = 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) / (math.log(6.4) / 27.0)
        return np.where(f >= 1000.0, log, lin)

    def mel_to_hz(m: np.ndarray) -> np.ndarray:
        lin = (200.0 / 3) * m
        log = 1000.0 * np.exp((math.log(6.4) / 27.0) * (m - 15.0))
        return np.where(m >= 15.0, log, lin)

    fft_freqs = np.linspace(0, EMBEDDING_SAMPLE_RATE / 2, 1 + N_FFT // 2)
    mel_f = mel_to_hz(
        np.linspace(hz_to_mel(np.array(0.0)), hz_to_mel(np.array(EMBEDDING_SAMPLE_RATE / 2)), MEL_BANDS + 2)
    )
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fft_freqs)
    weights = np.zeros((MEL_BANDS, len(fft_freqs)))
    for i in range(MEL_BANDS):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_f[2 : MEL_BANDS + 2] - mel_f[:MEL_BANDS]))[:, None]
    return np.asarray(weights, dtype=np.float64)


def mel_spectrogram(wav: np.ndarray) -> np.ndarray:
    """(frames, 40) power mel spectrogram of 16 kHz audio, as resemblyzer computes it with librosa."""
    from scipy.signal import get_window

    x = np.pad(np.asarray(wav, dtype=np.float64), N_FFT // 2, mode="constant")
    n_frames = 1 + (len(x) - N_FFT) // HOP
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(n_frames)[:, None]
    frames = x[idx] * get_window("hann", N_FFT, fftbins=True)[None, :]
    power = np.abs(np.fft.rfft(frames, n=N_FFT, axis=1)) ** 2
    return np.asarray(power @ _mel_filterbank().T, dtype=np.float32)


def _partial_slices(n_samples: int) -> list[slice]:
    n_frames = math.ceil((n_samples + 1) / HOP)
    step = round((EMBEDDING_SAMPLE_RATE / PARTIALS_PER_S) / HOP)
    starts = range(0, max(1, n_frames - PARTIAL_FRAMES + step + 1), step)
    slices = [slice(i, i + PARTIAL_FRAMES) for i in starts]
    last = slices[-1]
    coverage = (n_samples - last.start * HOP) / ((last.stop - last.start) * HOP)
    if coverage < MIN_COVERAGE and len(slices) > 1:
        slices = slices[:-1]
    return slices


def speaker_embedding(samples: np.ndarray, sr: int) -> np.ndarray:
    """L2-normalised 256-d float32 embedding of mono speech ``samples`` at ``sr`` Hz."""
    import torch

    from avatar.voices.reference import resample

    wav = resample(np.asarray(samples, dtype=np.float32), sr, EMBEDDING_SAMPLE_RATE).astype(np.float64)
    if wav.size == 0:
        raise ValueError("speaker_embedding needs at least one sample")
    rms_db = 10 * math.log10(max(float(np.mean(wav**2)), 1e-20))
    if rms_db < TARGET_DBFS:  # raise quiet audio only, as resemblyzer does
        wav = wav * 10 ** ((TARGET_DBFS - rms_db) / 20)
    slices = _partial_slices(len(wav))
    needed = slices[-1].stop * HOP
    if needed >= len(wav):
        wav = np.pad(wav, (0, needed - len(wav)))
    mel = mel_spectrogram(wav)
    batch = np.stack([mel[s] for s in slices])
    with torch.inference_mode():
        partials = ENCODER.get()(torch.from_numpy(batch)).numpy()
    raw = partials.mean(axis=0)
    return np.asarray(raw / np.linalg.norm(raw), dtype=np.float32)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two embeddings (1.0 same direction)."""
    a = np.asarray(a, dtype=np.float64).ravel()
    b = np.asarray(b, dtype=np.float64).ravel()
    if a.shape != b.shape:
        raise ValueError(f"embeddings differ in size: {a.size} and {b.size}")
    denom = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b / denom) if denom else 0.0
