"""The CLI end to end, in real subprocesses: exit codes, one-line errors, nothing written on bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import soundfile as sf
from processes import run_cli


def _error_line(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def _write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text)
    return p


BAD_PIPELINES = [
    ("malformed.yaml", "name: x\nstages: [\n", "malformed YAML (line"),
    (
        "unknown_stage.yaml",
        "name: x\nstages:\n  - {id: a, uses: teleport}\n",
        "unknown stage 'teleport'; choose one of:",
    ),
    (
        "wrong_type.yaml",
        "name: x\nstages:\n  - {id: a, uses: synthesize, with: {pause_ms: lots}}\n",
        "stages[0].with.pause_ms: Input should be a valid integer",
    ),
    (
        "bad_choice.yaml",
        "name: x\nstages:\n  - {id: a, uses: synthesize, with: {backend: espeak}}\n",
        "backend: unknown speech backend 'espeak'; installed: piper, qwen3-tts, xtts",
    ),
    (
        "unknown_key.yaml",
        "name: x\nstages:\n  - {id: a, uses: synthesize, with: {volume: 3}}\n",
        "unknown key 'volume'; allowed keys:",
    ),
    ("no_stages.yaml", "name: x\nstages: []\n", "stages: List should have at least 1 item"),
    (
        "dup.yaml",
        "name: x\nstages:\n  - {id: a, uses: synthesize}\n  - {id: a, uses: finish_audio}\n",
        "duplicate stage id 'a'",
    ),
    (
        "bad_setting.yaml",
        "name: x\nsettings: {memory: {safety_margin_mb: -5}}\nstages:\n  - {id: a, uses: synthesize}\n",
        "settings.memory.safety_margin_mb",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_PIPELINES, ids=[b[0] for b in BAD_PIPELINES])
def test_bad_pipeline_files(tmp_path: Path, name: str, content: str, message: str) -> None:
    pipe = _write(tmp_path, name, content)
    out = tmp_path / "out"
    proc = run_cli("run", str(pipe), "--text", "hello", "--out", str(out))
    assert proc.returncode == 2
    line = _error_line(proc.stderr)
    assert message in line
    assert name in line or "stage" in message
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--text", ""], "the text is empty"),
        (["--text", "   \n "], "the text is empty"),
        ([], "nothing to say"),
        (["--script", "does-not-exist.txt"], "script file does-not-exist.txt not found"),
        (
            ["--text", "hi", "--profile", "rtx9090"],
            "unknown hardware profile 'rtx9090'; choose one of: cpu, low_vram, mps, rtx3080, rtx4090",
        ),
        (["--text", "hi", "--set", "device=cuda:1"], "device 'cuda:1' was requested"),
        (["--text", "hi", "--set", "device=gpu0"], "device 'gpu0' is not valid"),
        (["--text", "hi", "--set", "memory.margin=3"], "--set: memory.margin: unknown key 'margin'"),
        (["--text", "hi", "--set", "stages.nope.backend=xtts"], "no stage 'nope'"),
        (
            ["--text", "hi", "--set", "stages.speech.pause_ms=soon"],
            "stages.speech.pause_ms: Input should be a valid integer",
        ),
        (["missing-pipeline.yaml", "--text", "hi"], "pipeline file missing-pipeline.yaml not found"),
        (["--text", "hi", "--voice", "alice/main"], "cannot clone 'alice/main'"),
        (["--text", "a", "--script", "x.txt"], "either --text or --script"),
    ],
)
def test_bad_usage_is_one_line_exit_2_nothing_written(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out"
    proc = run_cli("run", *args, "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert message in _error_line(proc.stderr)
    assert not out.exists()


def test_binary_script_file_is_rejected(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_bytes(b"\xff\xfe\x00\x81" * 10)
    proc = run_cli("run", "--script", str(script), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "not UTF-8 text" in _error_line(proc.stderr)


def test_default_run_produces_finished_speech_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    script = _write(tmp_path, "script.txt", "Hello from avatar. " * 6 + "This is the last sentence.")
    proc = run_cli("run", "--script", str(script), "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads(proc.stdout)
    run_dir = out / manifest["run_id"]
    assert json.loads((run_dir / "manifest.json").read_text())["status"] == "done"
    for key in ("resolved_config", "device", "profile", "stages", "wall_s"):
        assert key in manifest
    assert manifest["profile"]["name"] == "cpu"
    for stage in manifest["stages"]:
        for key in ("load_s", "run_s", "peak_mb", "memory_after_cleanup_mb", "status"):
            assert key in stage, (stage["id"], key)
    audio = run_dir / "audio.wav"
    info = sf.info(str(audio))
    assert info.samplerate == 22050 and info.duration > 3
    timings = json.loads((run_dir / "timings.json").read_text())
    assert timings["chunks"][0]["start_s"] == 0
    assert timings["chunks"][-1]["end_s"] == pytest.approx(timings["duration_s"], abs=0.01)
    assert not list(run_dir.glob(".tmp-*"))


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("run", "--text", "hello", "--dry-run", "--json", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)
    assert [s["id"] for s in plan["stages"]][:2] == ["speech", "finish"]
    assert all(s["fits"] for s in plan["stages"])
    assert plan["stages"][0]["estimate_mb"] > 0
    assert not out.exists()


def test_resume_skips_intact_stages_and_redoes_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_cli("run", "--text", "Resume me. Please.", "--out", str(out), "--json")
    assert first.returncode == 0, first.stderr
    run_dir = out / json.loads(first.stdout)["run_id"]
    (run_dir / "audio.wav").write_bytes(b"corrupted")
    second = run_cli("run", "--resume", str(run_dir), "--json")
    assert second.returncode == 0, second.stderr
    m = json.loads(second.stdout)
    status = {s["id"]: s["status"] for s in m["stages"]}
    assert status["speech"] == "skipped"
    assert status["finish"] == "done"
    assert m["resumes"] == 1
    sf.info(str(run_dir / "audio.wav"))  # a real WAV again
    # a changed upstream output invalidates everything after it
    (run_dir / "speech.wav").write_bytes(b"x")
    third_proc = run_cli("run", "--resume", str(run_dir), "--json")
    assert third_proc.returncode == 0, third_proc.stderr
    third = json.loads(third_proc.stdout)
    assert {s["id"]: s["status"] for s in third["stages"]}["speech"] == "done"


def test_resume_of_a_folder_without_manifest(tmp_path: Path) -> None:
    proc = run_cli("run", "--resume", str(tmp_path))
    assert proc.returncode == 2
    assert "is not a run folder" in _error_line(proc.stderr)


def test_status_reports_device_profile_fit_and_checks() -> None:
    proc = run_cli("status", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["device"]["device"] == "cpu"
    assert report["profile"]["name"] == "cpu"
    assert report["profile"]["reason"] == "device is cpu"
    assert {"synthesize", "finish_audio"} <= set(report["stages"])
    assert all(s["fits"] for s in report["pipeline"]["stages"])
    names = {c["name"]: c["ok"] for c in report["checks"]}
    assert names["package piper-tts"] is True
    human = run_cli("status", "--profile", "rtx3080")
    assert human.returncode == 0 and "rtx3080" in human.stdout


def test_status_with_a_broken_pipeline_reports_a_failed_check(tmp_path: Path) -> None:
    pipe = _write(tmp_path, "p.yaml", "name: x\nstages: [{id: a, uses: nope}]\n")
    report = json.loads(run_cli("status", "--json", "--pipeline", str(pipe)).stdout)
    assert any(
        c["name"] == "pipeline" and not c["ok"] and "unknown stage 'nope'" in c["detail"] for c in report["checks"]
    )


def test_help_does_not_import_torch_or_model_libraries() -> None:
    import subprocess

    code = (
        "import sys; from avatar.cli.main import cli; import click; "
        "bad = [m for m in ('torch','numpy','piper','pydantic','rich','scipy') if m in sys.modules]; print(bad)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
    help_ = subprocess.run([sys.executable, "-m", "avatar", "--help"], capture_output=True, text=True)
    assert help_.returncode == 0 and "status" in help_.stdout and "run" in help_.stdout


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    proc = run_cli("--debug", "run", "--text", "hi", "--profile", "nope", "--out", str(tmp_path / "o"))
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.png", "does not exist"),
        (lambda d: (d / "notes.png").write_text("not an image") and d / "notes.png", "is not a supported image"),
    ],
    ids=["missing", "not-an-image"],
)
def test_bad_portraits_fail_before_anything_is_written(tmp_path: Path, make: object, message: str) -> None:
    portrait = make(tmp_path)  # type: ignore[operator]
    out = tmp_path / "out"
    proc = run_cli("run", "--text", "Hello.", "--portrait", str(portrait), "--out", str(out))
    assert proc.returncode == 2
    assert message in _error_line(proc.stderr)
    assert not out.exists()


def test_a_portrait_without_a_face_fails_before_anything_is_written(tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    ramp = np.tile(np.linspace(0, 255, 256, dtype=np.uint8), (256, 1))
    Image.fromarray(np.dstack([ramp, ramp, ramp])).save(tmp_path / "gradient.png")
    out = tmp_path / "out"
    proc = run_cli("run", "--text", "Hello.", "--portrait", str(tmp_path / "gradient.png"), "--out", str(out))
    assert proc.returncode == 2
    assert "no face" in _error_line(proc.stderr)
    assert not out.exists()


def test_measured_peaks_become_the_next_estimate(tmp_path: Path) -> None:
    before = json.loads(run_cli("run", "speech", "--text", "Hi.", "--dry-run", "--json").stdout)
    assert before["stages"][0]["estimate_source"] == "static"
    assert run_cli("run", "speech", "--text", "Hello there.", "--out", str(tmp_path / "o")).returncode == 0
    after = json.loads(run_cli("run", "speech", "--text", "Hi.", "--dry-run", "--json").stdout)
    speech = after["stages"][0]
    assert speech["estimate_source"] == "ledger"
    manifest = json.loads(next((tmp_path / "o").glob("*/manifest.json")).read_text())
    assert speech["estimate_mb"] == pytest.approx(manifest["stages"][0]["peak_delta_mb"] * 1.1, abs=0.2)
