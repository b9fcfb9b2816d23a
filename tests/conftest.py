"""Shared fixtures. Every test gets its own state, config, outputs and voices folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from alone_lock import pytest_runtest_protocol  # noqa: F401  (the `alone` marker on xdist workers)
from conftest_heavy import profile, tiny_qwen_dir, tiny_xtts_dir  # noqa: F401  (fixtures for heavy tests)
from hypothesis import HealthCheck, settings

# Generation speed depends on how busy the machine is; what the properties check does not.
settings.register_profile("avatar", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("avatar")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache for the session (the piper voice patched for phoneme timing is made once), never ~/.cache."""
    path = tmp_path_factory.mktemp("cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("AVATAR_CACHE_DIR", str(path))
    yield path
    patch.undo()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("AVATAR_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("AVATAR_CONFIG_DIR", str(tmp_path / "userconfig"))
    monkeypatch.setenv("AVATAR_OUTPUTS_DIR", str(tmp_path / "outputs"))
    monkeypatch.setenv("AVATAR_VOICES_DIR", str(tmp_path / "voices"))
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "numba"))
    monkeypatch.delenv("AVATAR_DEVICE", raising=False)
    yield tmp_path


@pytest.fixture(scope="session")
def piper_speech(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, int]:
    """Real speech from the bundled piper voice: two phrases with a second of silence between them. Without
    piper's sampling noise, so every run measures the same take (its noise is not seedable, and a take drawn
    at random made bounds on the loudness finisher and the mouth's motion fail one run in a few dozen)."""
    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend

    backend = PiperBackend("cpu", "float32", noise_scale=0.0, noise_w_scale=0.0)
    backend.load()
    a = backend.synthesize(SynthesisRequest("The quick brown fox jumps over the lazy dog."))
    b = backend.synthesize(SynthesisRequest("Avatar speaks one stage at a time."))
    sr = backend.sample_rate
    backend.unload()
    return np.concatenate([a, np.zeros(sr, dtype=np.float32), b]), sr


@pytest.fixture
def speech_wav(tmp_path: Path, piper_speech: tuple[np.ndarray, int]) -> Path:
    import soundfile as sf

    path = tmp_path / "speech_in.wav"
    samples, sr = piper_speech
    sf.write(str(path), samples, sr)
    return path
