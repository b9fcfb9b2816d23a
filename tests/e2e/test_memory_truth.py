"""Memory truth: estimates keyed by what loads, child processes measured, isolated stages in worker processes,
kills that leave resumable runs, plan-time model checks. A third-party stage package with real torch weights
runs through the real CLI in subprocesses."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import psutil
import pytest
import yaml
from plugin_stages import install_plugin
from processes import run_cli


@pytest.fixture
def plugin_env(tmp_path: Path) -> dict[str, str]:
    root = install_plugin(tmp_path / "plugin")
    return {"PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}


def _pipeline(tmp: Path, stages: list[dict[str, Any]], name: str = "pipe", **settings: Any) -> Path:
    spec: dict[str, Any] = {"name": "memory-truth", "stages": stages}
    if settings:
        spec["settings"] = settings
    path = tmp / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec))
    return path


def _run(
    env: dict[str, str], pipe: Path, out: Path, *extra: str, verbose: bool = False
) -> tuple[int, dict[str, Any] | None, str]:
    first = ["-vv"] if verbose else []
    proc = run_cli(*first, "run", str(pipe), "--text", "x", "--out", str(out), "--json", *extra, env=env)
    manifest = json.loads(proc.stdout) if proc.returncode == 0 and proc.stdout.strip() else None
    return proc.returncode, manifest, proc.stderr


def _plan(env: dict[str, str], pipe: Path, *extra: str) -> dict[str, Any]:
    proc = run_cli("run", str(pipe), "--text", "x", "--dry-run", "--json", *extra, env=env)
    assert proc.returncode == 0, proc.stderr
    return {s["id"]: s for s in json.loads(proc.stdout)["stages"]}


def _ledger(tmp_path: Path) -> dict[str, Any]:
    data = json.loads((tmp_path / "state" / "estimates.json").read_text())
    entries: dict[str, Any] = data["entries"]
    return entries


def _resume_finishes(run_dir: Path, env: dict[str, str]) -> None:
    """`--resume` keeps the intact first stage and finishes the one that was killed."""
    proc = run_cli("run", "--resume", str(run_dir), "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    resumed = {s["id"]: s for s in json.loads(proc.stdout)["stages"]}
    assert resumed["first"]["status"] == "skipped" and resumed["victim"]["status"] == "done"


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error:")]


# --- ledger keys --------------------------------------------------------------------------------------------


def test_two_option_sets_get_two_estimates_and_an_impossible_one_is_refused(
    tmp_path: Path, plugin_env: dict[str, str]
) -> None:
    pipe = _pipeline(tmp_path, [{"id": "model", "uses": "alloc", "with": {"mb": 100}}])
    out = tmp_path / "out"
    for mb in (100, 300):
        code, manifest, err = _run(plugin_env, pipe, out, "--set", f"stages.model.mb={mb}")
        assert code == 0, err
        assert manifest is not None and manifest["stages"][0]["peak_delta_mb"] == pytest.approx(mb, rel=0.2)
    entries = _ledger(tmp_path)
    assert sorted(e["options"]["mb"] for e in entries.values()) == [100, 300]
    assert all(e["stage"] == "alloc" and e["dtype"] == "float32" and e["device"] == "cpu" for e in entries.values())

    plan = _plan(plugin_env, pipe, "--set", "stages.model.mb=300")
    assert plan["model"]["estimate_source"] == "ledger"
    assert plan["model"]["estimate_mb"] == pytest.approx(330, rel=0.2)

    # About 32 TB: the learned 100 MB and 300 MB estimates belong to other options and must not stand in.
    runs_before = sorted(out.iterdir())
    code, _, err = _run(plugin_env, pipe, out, "--set", "stages.model.mb=33554432")
    assert code == 1
    lines = _error_lines(err)
    assert len(lines) == 1 and "stage 'model' needs about 33554432 MB (static estimate)" in lines[0], err
    assert "Traceback" not in err
    assert sorted(out.iterdir()) == runs_before  # refused before anything was written


# --- child processes ----------------------------------------------------------------------------------------


def test_a_command_stage_child_process_is_measured_and_learned(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    code = "import numpy, time; a = numpy.ones(600 * 1024 * 1024 // 8); time.sleep(0.5)"
    pipe = _pipeline(
        tmp_path,
        [{"id": "tool", "uses": "command", "with": {"argv": [sys.executable, "-c", code], "memory_mb": 1000}}],
    )
    assert _plan(plugin_env, pipe)["tool"]["estimate_source"] == "static"
    status, manifest, err = _run(plugin_env, pipe, tmp_path / "out")
    assert status == 0, err
    assert manifest is not None
    assert manifest["stages"][0]["peak_delta_mb"] >= 600
    learned = _plan(plugin_env, pipe)["tool"]
    assert learned["estimate_source"] == "ledger"
    assert learned["estimate_mb"] >= 600


def test_a_plugin_stage_child_process_counts_as_its_memory(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    pipe = _pipeline(tmp_path, [{"id": "model", "uses": "alloc", "with": {"mb": 20, "child_mb": 400}}])
    code, manifest, err = _run(plugin_env, pipe, tmp_path / "out")
    assert code == 0, err
    assert manifest is not None and manifest["stages"][0]["peak_delta_mb"] >= 400
    assert _plan(plugin_env, pipe)["model"]["estimate_mb"] >= 400


# --- isolation ----------------------------------------------------------------------------------------------


def test_an_isolated_stage_that_leaks_returns_its_memory_in_the_parent(
    tmp_path: Path, plugin_env: dict[str, str]
) -> None:
    pipe = _pipeline(
        tmp_path,
        [
            {"id": "leaky", "uses": "alloc", "isolate": True, "with": {"mb": 300, "leak": True}},
            {"id": "after", "uses": "alloc", "with": {"mb": 20}},
        ],
    )
    code, manifest, err = _run(plugin_env, pipe, tmp_path / "out", verbose=True)
    assert code == 0, err
    assert manifest is not None
    leaky = manifest["stages"][0]
    assert leaky["isolated"] is True
    assert leaky["metrics"]["pid"] != leaky["pid"]  # ran in another process
    assert leaky["memory_returned"] is True
    assert leaky["worker_held_after_unload_mb"] >= 250
    assert leaky["peak_delta_mb"] >= 300  # the worker's weights count as the stage's memory
    flat = " ".join(err.split())
    assert "stage leaky held" in flat and "in its worker after unload" in flat
    assert "stage leaky did not return its memory" not in flat
    # The same leak in-process is not returned (the control).
    in_process = _pipeline(tmp_path, [{"id": "leaky", "uses": "alloc", "with": {"mb": 300, "leak": True}}], "inproc")
    code, manifest, err = _run(plugin_env, in_process, tmp_path / "out")
    assert code == 0, err
    assert manifest is not None and manifest["stages"][0]["memory_returned"] is False


def test_the_isolate_setting_puts_model_stages_in_workers(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    pipe = _pipeline(
        tmp_path,
        [
            {"id": "model", "uses": "alloc", "with": {"mb": 20}},
            {"id": "speech", "uses": "synthesize", "with": {"backend": "piper"}},
            {"id": "finish", "uses": "finish_audio", "with": {"input": "speech"}},
        ],
        isolate=True,
    )
    plan = _plan(plugin_env, pipe)
    assert plan["model"]["isolated"] and plan["speech"]["isolated"]
    assert not plan["finish"]["isolated"]  # it holds no model
    code, manifest, err = _run(plugin_env, pipe, tmp_path / "out")
    assert code == 0, err
    assert manifest is not None
    stages = {s["id"]: s for s in manifest["stages"]}
    assert stages["speech"]["isolated"] and stages["speech"]["metrics"]["audio_seconds"] > 0
    assert all(s["memory_returned"] for s in stages.values())


def test_an_isolated_stage_killed_by_the_system_fails_cleanly_and_resumes(
    tmp_path: Path, plugin_env: dict[str, str]
) -> None:
    marker = tmp_path / "kill-me"
    marker.touch()
    pipe = _pipeline(
        tmp_path,
        [
            {"id": "first", "uses": "alloc", "with": {"mb": 10}},
            {
                "id": "victim",
                "uses": "alloc",
                "isolate": True,
                "with": {"mb": 10, "chunk": 2, "kill_if_exists": str(marker)},
            },
        ],
    )  # fmt: skip
    out = tmp_path / "out"
    code, _, err = _run(plugin_env, pipe, out)
    assert code == 1
    lines = _error_lines(err)
    assert len(lines) == 1, err
    assert "stage 'victim'" in lines[0] and "the system killed its worker process (SIGKILL)" in lines[0]
    assert "probably for lack of memory" in lines[0] and "Traceback" not in err
    (run_dir,) = list(out.iterdir())
    manifest = json.loads((run_dir / "manifest.json").read_text())
    stages = {s["id"]: s for s in manifest["stages"]}
    assert manifest["status"] == "failed"
    assert stages["first"]["status"] == "done" and (run_dir / "first.txt").is_file()
    assert stages["victim"]["status"] == "failed" and stages["victim"]["killed"] is True
    assert stages["victim"]["fallbacks"] == ["smaller"]  # the profile's fallbacks were tried first
    assert stages["victim"]["memory_returned"] is True

    marker.unlink()  # the cause is removed
    _resume_finishes(run_dir, plugin_env)


def test_killing_the_main_process_leaves_a_manifest_that_resume_accepts(
    tmp_path: Path, plugin_env: dict[str, str]
) -> None:
    marker = tmp_path / "kill-me"
    marker.touch()
    pipe = _pipeline(
        tmp_path,
        [
            {"id": "first", "uses": "alloc", "with": {"mb": 10}},
            {"id": "victim", "uses": "alloc", "with": {"mb": 10, "kill_if_exists": str(marker)}},
        ],
    )
    out = tmp_path / "out"
    code, _, _ = _run(plugin_env, pipe, out)
    assert code == -signal.SIGKILL
    (run_dir,) = list(out.iterdir())
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["status"] == "running"
    marker.unlink()
    _resume_finishes(run_dir, plugin_env)


def test_a_killed_worker_in_a_batch_fails_its_job_and_the_batch_goes_on(
    tmp_path: Path, plugin_env: dict[str, str]
) -> None:
    marker = tmp_path / "kill-me"
    marker.touch()
    _pipeline(tmp_path, [{"id": "model", "uses": "alloc", "isolate": True, "with": {"mb": 10, "chunk": 2}}])
    batch = tmp_path / "jobs.yaml"
    batch.write_text(
        yaml.safe_dump(
            {
                "pipeline": "pipe.yaml",
                "output_dir": "out",
                "jobs": [
                    {"id": "doomed", "text": "a", "set": [f"stages.model.kill_if_exists={marker}"]},
                    {"id": "fine", "text": "b"},
                ],
            }
        )
    )
    proc = run_cli("batch", "run", str(batch), "--json", "--attempts", "1", env=plugin_env)
    assert proc.returncode == 1, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["counts"]["done"] == 1 and summary["counts"]["failed"] == 1
    assert "the system killed its worker process (SIGKILL)" in summary["errors"]["doomed"]
    doomed = json.loads((tmp_path / "out" / "jobs" / "doomed" / "manifest.json").read_text())
    assert doomed["stages"][0]["fallbacks"] == ["smaller"]


# --- out of memory and cleanup -------------------------------------------------------------------------------


def test_fallbacks_run_after_the_failed_attempt_frames_are_gone(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    options = {"mb": 10, "chunk": 8, "max_ok_chunk": 2, "scratch_mb": 200}
    pipe = _pipeline(tmp_path, [{"id": "big", "uses": "alloc", "with": options}])
    code, manifest, err = _run(plugin_env, pipe, tmp_path / "out")
    assert code == 0, err
    assert manifest is not None
    big = manifest["stages"][0]
    assert big["fallbacks"] == ["smaller", "smaller"]
    # When each fallback was applied, no failed attempt's 200 MB tensor was still alive.
    assert big["metrics"]["stale_at_fallback"] == [0, 0]


def test_a_cleanup_error_is_reported_and_the_manifest_still_written(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    pipe = _pipeline(tmp_path, [{"id": "model", "uses": "alloc", "with": {"mb": 10, "unload_raises": True}}])
    code, manifest, err = _run(plugin_env, pipe, tmp_path / "out")
    assert code == 0, err
    assert manifest is not None
    entry = manifest["stages"][0]
    assert entry["status"] == "done" and entry["memory_returned"] is False
    assert "unload failed: RuntimeError: unload failed (test)" in entry["cleanup_error"]
    assert len(_ledger(tmp_path)) == 1


@pytest.mark.alone  # plans against the machine's free memory: another test's allocations would move it
def test_room_is_checked_again_right_before_each_stage(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    # The second stage fits when the plan is made; the first keeps 2 GB, so by the time the second would
    # load it no longer does.
    available = psutil.virtual_memory().available / 2**20
    later = int(available - 512 - 1024)
    pipe = _pipeline(
        tmp_path,
        [
            {"id": "hog", "uses": "alloc", "with": {"mb": 2048, "leak": True}},
            {"id": "later", "uses": "alloc", "with": {"mb": later, "always_oom": True}},
        ],
    )
    code, _, err = _run(plugin_env, pipe, tmp_path / "out")
    assert code == 1
    lines = _error_lines(err)
    assert len(lines) == 1 and f"stage 'later' needs about {later} MB" in lines[0], err
    assert "free now" in lines[0]


# --- plan-time checks ---------------------------------------------------------------------------------------


def test_a_missing_model_is_a_usage_error_before_anything_is_written(tmp_path: Path, speech_wav: Path) -> None:
    root = tmp_path / "voices"
    added = run_cli(
        *("voice", "--voices-dir", str(root), "add", "alice", "narrator", "--audio", str(speech_wav)),
        *("--text", "The quick brown fox jumps over the lazy dog. Avatar speaks one stage at a time."),
    )
    assert added.returncode == 0, added.stderr
    out = tmp_path / "out"
    empty_hf = {"HF_HOME": str(tmp_path / "hf"), "HF_HUB_OFFLINE": "1"}
    for pipeline in ("examples/xtts_clone", "examples/qwen_clone"):
        proc = run_cli(
            *("run", pipeline, "--voice", "alice/narrator", "--text", "Hello."),
            *("--voices-dir", str(root), "--out", str(out)),
            env=empty_hf,
        )
        assert proc.returncode == 2, proc.stderr
        lines = _error_lines(proc.stderr)
        assert len(lines) == 1 and "not in the local Hugging Face cache" in lines[0], proc.stderr
        assert "hf download" in lines[0]
        assert not out.exists()
