"""The `clone` stage: registered, refuses non-cloning backends, prepares and caches a profile's voice."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest_heavy import write_voice

from avatar.config.schema import ModelRef, Settings
from avatar.errors import InputError, UnknownNameError
from avatar.hardware.choice import DeviceChoice
from avatar.stages.base import Job, StageContext, StageEnv
from avatar.stages.clone import CloneOptions, CloneStage
from avatar.stages.registry import get_stage


def _env(root: Path, models: dict[str, ModelRef] | None = None) -> StageEnv:
    return StageEnv(
        stage_id="clone",
        device=DeviceChoice("cpu", "test"),
        dtype="float32",
        settings=Settings(models=models or {}),
        profile_name="cpu",
        voices_root=root,
    )


def _run(stage: CloneStage, job: Job, run_dir: Path) -> tuple[dict[str, object], dict[str, object]]:
    stage.check(job)
    stage.load()
    try:
        result = stage.run(StageContext(job=job, run_dir=run_dir, artifacts={}, metadata={}))
    finally:
        stage.unload()
    info = json.loads(result.artifacts["conditioning"].read_text())
    return info, result.metrics


def test_clone_is_a_registered_stage() -> None:
    assert get_stage("clone") is CloneStage


@pytest.mark.parametrize(
    ("backend", "error", "message"),
    [
        ("piper", InputError, "piper backend cannot clone voices; use a cloning backend: qwen3-tts, xtts"),
        ("Piper", InputError, "piper backend cannot clone"),
        ("bark", UnknownNameError, "unknown cloning backend 'bark'; choose one of: qwen3-tts, xtts"),
    ],
)
def test_non_cloning_backends_are_refused(tmp_path: Path, backend: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        CloneStage(CloneOptions(backend=backend), _env(tmp_path))


def test_voice_is_required_and_must_exist(tmp_path: Path) -> None:
    stage = CloneStage(CloneOptions(backend="xtts"), _env(tmp_path))
    with pytest.raises(InputError, match="needs a voice"):
        stage.check(Job(text="hi"))
    with pytest.raises(UnknownNameError, match="alice/ghost"):
        stage.check(Job(voice="alice/ghost"))


def test_options_are_strict() -> None:
    with pytest.raises(ValueError, match="extra"):
        CloneOptions.model_validate({"backend": "xtts", "speaker": "x"})


@pytest.mark.heavy
@pytest.mark.parametrize("backend", ["xtts", "qwen3-tts"])
def test_clone_prepares_then_reuses_the_cache(
    backend: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    piper_speech: tuple[np.ndarray, int],
) -> None:
    model_dir = request.getfixturevalue("tiny_xtts_dir" if backend == "xtts" else "tiny_qwen_dir")
    root = tmp_path / "voices"
    samples, sr = piper_speech
    write_voice(root, "alice/narrator", samples, sr)
    env = _env(root, {"tiny": ModelRef(path=str(model_dir))})
    job = Job(voice="alice/narrator")

    first, metrics = _run(CloneStage(CloneOptions(backend=backend, model="tiny"), env), job, tmp_path / "run1")
    assert metrics["cache_hit"] is False
    assert metrics["voice"] == "alice/narrator"
    cache = Path(str(first["cache"]))
    assert cache.is_file() and cache.is_relative_to(root / "alice" / "narrator" / "cache" / backend)
    assert first["fingerprint"] == metrics["fingerprint"] and first["model"] == str(model_dir)

    # A second run (new stage, new backend instance) reads the cache instead of recomputing.
    stage = CloneStage(CloneOptions(backend=backend, voice="alice/narrator", model="tiny"), env)
    second, metrics = _run(stage, Job(), tmp_path / "run2")
    assert metrics["cache_hit"] is True
    assert second["cache"] == first["cache"]
    assert getattr(stage.backend, "conditioning_computed") == 0  # noqa: B009
    assert not stage.backend.loaded  # type: ignore[attr-defined]
