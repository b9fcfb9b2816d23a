"""Estimate keys follow the stage to where it really runs, and per-device figures are never mixed."""

from __future__ import annotations

from pathlib import Path

from avatar.config.schema import OomAction, Settings
from avatar.hardware.choice import DeviceChoice
from avatar.memory.manager import Measurement
from avatar.memory.residency import RUN, Resident
from avatar.stages.base import StageEnv
from avatar.stages.synthesize import SynthesizeOptions, SynthesizeStage


def _stage(device: str, dtype: str = "float16", **options: object) -> SynthesizeStage:
    env = StageEnv("speech", DeviceChoice(device, "test"), dtype, Settings(), "rtx3080", Path("."))
    return SynthesizeStage(SynthesizeOptions(backend="piper", **options), env)  # type: ignore[arg-type]


def test_a_cpu_fallback_moves_the_key_to_the_cpu_and_its_dtype() -> None:
    stage = _stage("cuda:0")
    before = stage.estimate_key("rtx3080", isolated=False)
    assert (before.device, before.dtype) == ("cuda", "float16")
    assert stage.apply_fallback(OomAction.CPU)
    after = stage.estimate_key("rtx3080", isolated=False)
    assert (after.device, after.dtype) == ("cpu", "float32")
    assert after.text != before.text


def test_memory_options_decide_the_key_and_others_do_not() -> None:
    base = _stage("cpu", "float32").estimate_key("cpu", False)
    assert _stage("cpu", "float32", voice="alice/narrator", pause_ms=10).estimate_key("cpu", False).text == base.text
    assert _stage("cpu", "float32", chunk_chars=120).estimate_key("cpu", False).text != base.text
    assert base.options == {"chunk_chars": Settings().chunk_chars}
    assert (base.stage, base.backend, base.profile) == ("speech", "piper", "-")


def test_the_stage_and_the_server_key_a_backend_alike() -> None:
    """A synthesize stage and the server loading the same backend the same way share one ledger key; the
    profile the CLI runs with is not part of it, the host is."""
    from avatar.backends.base import estimate_key as backend_key

    stage = _stage("cpu", "float32")
    server = backend_key("piper", stage.backend.model_id(), "float32", "cpu", False, Settings().chunk_chars)
    assert stage.estimate_key("rtx3080", False).text == server.text == stage.estimate_key("cpu", False).text
    assert stage.estimate_key("cpu", True).text != server.text  # in a worker process: measured differently


def test_stage_memory_compares_each_device_with_its_own_baseline() -> None:
    memory = Resident(
        "speech", RUN, DeviceChoice("cuda:0", "test"), baselines={"cuda:0": 100.0}, peaks={"cuda:0": 100.0}
    )
    memory.saw("cuda:0", Measurement(peak_mb=900.0))  # CUDA allocated, before the fallback
    memory.baselines["cpu"] = 4000.0  # process RSS when the stage moved to the CPU
    memory.peaks["cpu"] = 4000.0
    memory.saw("cpu", Measurement(peak_mb=4700.0))
    assert memory.delta("cuda:0") == 800.0
    assert memory.delta("cpu") == 700.0  # not 4700 - 100
