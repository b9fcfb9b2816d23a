"""CUDA variants of the memory-truth checks (marked `gpu`, deselected by default: `pytest -m gpu`)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from plugin_stages import install_plugin
from processes import run_cli

pytestmark = pytest.mark.gpu


@pytest.fixture
def cuda_env(tmp_path: Path) -> dict[str, str]:
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    root = install_plugin(tmp_path / "plugin")
    return {"PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}


def _nvml_free_mb() -> float:
    import pynvml

    from avatar.hardware.device import _nvml_index

    pynvml.nvmlInit()
    try:
        handle = pynvml.nvmlDeviceGetHandleByIndex(_nvml_index(0) or 0)
        return float(pynvml.nvmlDeviceGetMemoryInfo(handle).free) / 2**20
    finally:
        pynvml.nvmlShutdown()


def _run(tmp_path: Path, env: dict[str, str], stages: list[dict[str, Any]]) -> dict[str, Any]:
    pipe = tmp_path / "pipe.yaml"
    pipe.write_text(yaml.safe_dump({"name": "gpu", "settings": {"device": "cuda:0"}, "stages": stages}))
    proc = run_cli("run", str(pipe), "--text", "x", "--out", str(tmp_path / "out"), "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    return {s["id"]: s for s in json.loads(proc.stdout)["stages"]}


def test_in_process_peaks_come_from_torch_and_memory_comes_back(tmp_path: Path, cuda_env: dict[str, str]) -> None:
    stages = _run(tmp_path, cuda_env, [{"id": "a", "uses": "alloc", "with": {"mb": 512}}])
    assert stages["a"]["device"] == "cuda:0"
    assert stages["a"]["peak_delta_mb"] == pytest.approx(512, rel=0.05)  # torch.cuda.max_memory_allocated
    assert stages["a"]["memory_returned"] is True


def test_an_isolated_stage_returns_its_cuda_context(tmp_path: Path, cuda_env: dict[str, str]) -> None:
    free_before = _nvml_free_mb()
    stages = _run(
        tmp_path, cuda_env, [{"id": "a", "uses": "alloc", "isolate": True, "with": {"mb": 1024, "leak": True}}]
    )
    free_after = _nvml_free_mb()
    # The worker's weights, its leak and its CUDA context (hundreds of MB) all went with the process.
    assert stages["a"]["peak_delta_mb"] >= 1024
    assert stages["a"]["memory_returned"] is True
    assert free_after >= free_before - 128, (free_before, free_after)
    a = stages["a"]
    assert a["device_free_after_mb"] >= a["device_free_before_mb"] - 128  # checked by the runner too


def test_reserved_memory_and_nvml_free_come_back_after_unload(tmp_path: Path, cuda_env: dict[str, str]) -> None:
    import torch

    from avatar.config.schema import Settings
    from avatar.hardware.choice import DeviceChoice
    from avatar.memory.manager import MemoryManager

    mm = MemoryManager(DeviceChoice("cuda:0", "test"), Settings().memory.safety_margin_mb, 128)
    torch.zeros(1, device="cuda:0")  # the context first: it is not the stage's memory
    baseline = mm.clean()
    free_before = _nvml_free_mb()
    with mm.measure() as m:
        weights = torch.ones(512 * 2**20 // 4, device="cuda:0")
    assert m.peak_mb - baseline == pytest.approx(512, rel=0.05)
    del weights
    report = mm.verify_returned("test", baseline)
    assert report.returned
    assert torch.cuda.memory_reserved(0) / 2**20 < 64
    assert _nvml_free_mb() >= free_before - 64
