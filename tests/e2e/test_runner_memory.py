"""The staged runner on real torch allocations: peak near the largest stage, memory back after each."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from plugin_stages import install_plugin
from processes import run_cli

SIZES = {"small": 200, "large": 600, "medium": 300}


def _pipeline(tmp: Path, stages: dict[str, dict[str, Any]], device: str | None = None) -> Path:
    import yaml

    spec: dict[str, Any] = {
        "name": "alloc-test",
        "stages": [{"id": k, "uses": "alloc", "with": v} for k, v in stages.items()],
    }
    if device:
        spec["settings"] = {"device": device}
    path = tmp / "pipe.yaml"
    path.write_text(yaml.safe_dump(spec))
    return path


@pytest.fixture
def plugin_env(tmp_path: Path) -> dict[str, str]:
    root = install_plugin(tmp_path / "plugin")
    return {"PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}


def _run(tmp_path: Path, env: dict[str, str], pipe: Path, *extra: str) -> tuple[int, dict[str, Any] | None, str]:
    out = tmp_path / "out"
    proc = run_cli("run", str(pipe), "--text", "x", "--out", str(out), "--json", *extra, env=env)
    manifest = json.loads(proc.stdout) if proc.returncode == 0 else None
    return proc.returncode, manifest, proc.stderr


def _check_staged(manifest: dict[str, Any]) -> None:
    stages = {s["id"]: s for s in manifest["stages"]}
    for sid, mb in SIZES.items():
        s = stages[sid]
        assert s["status"] == "done"
        assert s["peak_delta_mb"] == pytest.approx(mb, rel=0.15), s
        assert s["memory_returned"] is True
    baseline = min(
        s["memory_before_mb"] if "memory_before_mb" in s else s["stage_peak_mb"] - s["peak_delta_mb"]
        for s in stages.values()
    )
    overall_peak = max(s["stage_peak_mb"] for s in stages.values())
    # peak near the largest stage, far from the sum of all stages
    assert overall_peak - baseline <= 1.1 * max(SIZES.values()) + 64, (overall_peak, baseline)
    assert overall_peak - baseline < sum(SIZES.values()) * 0.7


def test_peak_is_the_largest_stage_not_the_sum(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    pipe = _pipeline(tmp_path, {k: {"mb": v} for k, v in SIZES.items()})
    code, manifest, err = _run(tmp_path, plugin_env, pipe)
    assert code == 0, err
    assert manifest is not None
    _check_staged(manifest)
    # the third-party stage is listed by `avatar status` through the same entry-point group
    status = run_cli("status", "--json", env=plugin_env)
    assert "alloc" in json.loads(status.stdout)["stages"]


@pytest.mark.gpu
def test_peak_is_the_largest_stage_on_cuda(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    pipe = _pipeline(tmp_path, {k: {"mb": v} for k, v in SIZES.items()}, device="cuda:0")
    code, manifest, err = _run(tmp_path, plugin_env, pipe)
    assert code == 0, err
    assert manifest is not None
    _check_staged(manifest)


def test_a_stage_that_keeps_its_memory_is_named_in_a_warning(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    pipe = _pipeline(tmp_path, {"leaky": {"mb": 300, "leak": True}, "after": {"mb": 50}})
    code, manifest, err = _run(tmp_path, plugin_env, pipe)
    assert code == 0, err
    assert manifest is not None
    leaky = manifest["stages"][0]
    assert leaky["memory_returned"] is False
    assert "stage leaky did not return its memory" in " ".join(err.split())


def test_out_of_memory_applies_the_profile_fallback(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    pipe = _pipeline(tmp_path, {"big": {"mb": 20, "chunk": 8, "max_ok_chunk": 2}})
    code, manifest, err = _run(tmp_path, plugin_env, pipe)
    assert code == 0, err
    assert manifest is not None
    big = manifest["stages"][0]
    assert big["metrics"]["chunk"] == 2
    assert big["fallbacks"] == ["smaller", "smaller"]


def test_out_of_memory_gives_up_with_a_clear_message(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    pipe = _pipeline(tmp_path, {"big": {"mb": 20, "always_oom": True}})
    code, _, err = _run(tmp_path, plugin_env, pipe)
    assert code == 1
    lines = [line for line in err.strip().splitlines() if line.startswith("Error:")]
    assert len(lines) == 1
    assert "ran out of memory" in lines[0] and "smaller_chunks" in lines[0]
    assert "Traceback" not in err
