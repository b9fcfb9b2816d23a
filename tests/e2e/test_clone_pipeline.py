"""Voice cloning end to end through `avatar run`: a real profile, a real tiny XTTS model, the clone stage's
cache reused by synthesize and by a second run, and the speaker-similarity quality gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile as sf
from processes import run_cli

pytest.importorskip("TTS")


@pytest.fixture
def profile_root(tmp_path: Path, speech_wav: Path) -> Path:
    root = tmp_path / "voices"
    proc = run_cli(
        "voice",
        "--voices-dir",
        str(root),
        "add",
        "alice",
        "narrator",
        "--audio",
        str(speech_wav),
        "--text",
        "The quick brown fox jumps over the lazy dog. Avatar speaks one stage at a time.",
    )
    assert proc.returncode == 0, proc.stderr
    return root


PIPELINES = {"xtts": "examples/xtts_clone", "qwen3-tts": "examples/qwen_clone"}


def _run(
    root: Path, model: Path, out: Path, *extra: str, backend: str = "xtts"
) -> tuple[int, dict[str, object] | None, str]:
    proc = run_cli(
        *("run", PIPELINES[backend], "--voice", "alice/narrator", "--text", "Hello there. How are you?"),
        *("--voices-dir", str(root), "--set", f"models.{backend}.path={model}", "--out", str(out), "--json"),
        *extra,
    )
    return proc.returncode, (json.loads(proc.stdout) if proc.returncode == 0 else None), proc.stderr


@pytest.mark.parametrize("backend", ["xtts", "qwen3-tts"])
def test_clone_then_synthesize_reuses_the_cached_conditioning(
    tmp_path: Path, profile_root: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    if backend == "qwen3-tts":
        pytest.importorskip("qwen_tts")
    model = request.getfixturevalue("tiny_xtts_dir" if backend == "xtts" else "tiny_qwen_dir")
    code, first, err = _run(profile_root, model, tmp_path / "out", backend=backend)
    assert code == 0, err
    assert first is not None
    # Library chatter (qwen-tts: `sh: sox: not found` and a SoX warning; a flash-attn notice) is not output.
    assert "sox" not in err.lower() and "flash-attn" not in err, err
    stages = {s["id"]: s for s in first["stages"]}  # type: ignore[attr-defined]
    assert stages["clone"]["metrics"]["cache_hit"] is False
    speech = stages["speech"]["metrics"]
    assert -1.0 <= speech["speaker_similarity"] <= 1.0
    assert len(speech["chunk_times"]) == speech["chunks"]
    run_dir = tmp_path / "out" / first["run_id"]  # type: ignore[operator]
    assert sf.info(str(run_dir / "audio.wav")).samplerate == 24000

    code, second, err = _run(profile_root, model, tmp_path / "out", backend=backend)
    assert code == 0, err
    assert second is not None
    stages2 = {s["id"]: s for s in second["stages"]}  # type: ignore[attr-defined]
    assert stages2["clone"]["metrics"]["cache_hit"] is True
    assert stages2["clone"]["metrics"]["fingerprint"] == stages["clone"]["metrics"]["fingerprint"]


def test_minimum_similarity_fails_the_stage(tmp_path: Path, profile_root: Path, tiny_xtts_dir: Path) -> None:
    # A random-weight model does not sound like anyone: a high minimum must fail the speech stage.
    code, _, err = _run(profile_root, tiny_xtts_dir, tmp_path / "out", "--set", "stages.speech.min_similarity=0.99")
    assert code == 1
    line = next(x for x in err.splitlines() if x.startswith("Error:"))
    assert "speaker similarity" in line and "below the pipeline's minimum 0.990" in line


def test_piper_cannot_clone_and_names_the_backends(tmp_path: Path, profile_root: Path) -> None:
    proc = run_cli(
        "run",
        "--voice",
        "alice/narrator",
        "--text",
        "Hi.",
        "--voices-dir",
        str(profile_root),
        "--out",
        str(tmp_path / "out"),
    )
    assert proc.returncode == 2
    assert "cannot clone 'alice/narrator'" in proc.stderr and "qwen3-tts, xtts" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_voice_is_a_usage_error(tmp_path: Path, profile_root: Path, tiny_xtts_dir: Path) -> None:
    proc = run_cli(
        "run",
        "examples/xtts_clone",
        "--voice",
        "alice/nobody",
        "--text",
        "Hi.",
        "--voices-dir",
        str(profile_root),
        "--set",
        f"models.xtts.path={tiny_xtts_dir}",
        "--out",
        str(tmp_path / "out"),
    )
    assert proc.returncode == 2
    assert "alice/nobody" in proc.stderr
    assert not (tmp_path / "out").exists()
