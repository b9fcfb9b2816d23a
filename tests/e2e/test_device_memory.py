"""Device-level pieces of memory truth that run without a GPU: out-of-memory recognition on real library
errors, NVML matched by UUID, piper's execution providers, chatter kept off the terminal."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from avatar.backends.piper import CUDA_PROVIDER, PiperBackend, onnx_providers
from avatar.hardware.device import is_oom, match_nvml_index
from avatar.quiet import output_to_log


def _huge_allocation_model(path: Path) -> Path:
    import onnx
    from onnx import TensorProto, helper

    shape = helper.make_tensor("shape", TensorProto.INT64, [1], [2**42])  # 16 TiB of float32
    node = helper.make_node(
        "ConstantOfShape", ["shape_in"], ["out"], value=helper.make_tensor("v", TensorProto.FLOAT, [1], [1.0])
    )
    graph = helper.make_graph(
        [node],
        "huge",
        [helper.make_tensor_value_info("shape_in", TensorProto.INT64, [1])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)],
        initializer=[],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))
    del shape
    return path


def test_onnxruntime_allocation_failure_is_recognised_as_out_of_memory(tmp_path: Path) -> None:
    import onnxruntime

    session = onnxruntime.InferenceSession(str(_huge_allocation_model(tmp_path / "huge.onnx")))
    with pytest.raises(Exception) as info:
        session.run(None, {"shape_in": np.array([2**42], dtype=np.int64)})
    assert not isinstance(info.value, RuntimeError | MemoryError)  # why a type check alone missed it
    assert is_oom(info.value)


@pytest.mark.parametrize(
    ("exc", "oom"),
    [
        (RuntimeError("CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling `cublasCreate(handle)`"), True),
        (RuntimeError("cuDNN error: CUDNN_STATUS_ALLOC_FAILED"), True),
        (RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB"), True),
        (MemoryError(), True),
        (RuntimeError("shape mismatch"), False),
        (ValueError("bad value"), False),
    ],
)
def test_out_of_memory_messages(exc: BaseException, oom: bool) -> None:
    assert is_oom(exc) is oom


def test_our_own_out_of_memory_message_is_not_a_new_failure() -> None:
    from avatar.errors import StageOutOfMemory, WorkerStageError

    assert not is_oom(StageOutOfMemory("stage 'x': ran out of memory on cpu"))
    assert is_oom(WorkerStageError("stage 'x': CUDA out of memory", out_of_memory=True))


def test_nvml_is_matched_by_uuid_not_by_index() -> None:
    # Ray gave this task the second card: CUDA_VISIBLE_DEVICES=1 makes it cuda:0, NVML still calls it 1.
    nvml = ["GPU-aaaaaaaa-0000-0000-0000-000000000000", "GPU-bbbbbbbb-1111-1111-1111-111111111111"]
    assert match_nvml_index("bbbbbbbb-1111-1111-1111-111111111111", nvml) == 1
    assert match_nvml_index("GPU-aaaaaaaa-0000-0000-0000-000000000000", nvml) == 0
    assert match_nvml_index("cccccccc-2222-2222-2222-222222222222", nvml) is None


def test_piper_providers_name_the_card_and_fall_back_to_the_cpu() -> None:
    with_cuda = [CUDA_PROVIDER, "CPUExecutionProvider"]
    first = onnx_providers("cuda:1", with_cuda)[0]
    assert first[0] == CUDA_PROVIDER and first[1]["device_id"] == 1
    assert onnx_providers("cuda", with_cuda)[0][1]["device_id"] == 0
    assert onnx_providers("cuda:0", ["CPUExecutionProvider"]) == ["CPUExecutionProvider"]
    assert onnx_providers("cpu", with_cuda) == ["CPUExecutionProvider"]


def test_piper_asked_for_cuda_without_a_cuda_onnxruntime_reports_the_cpu(caplog: pytest.LogCaptureFixture) -> None:
    import onnxruntime

    if CUDA_PROVIDER in onnxruntime.get_available_providers():
        pytest.skip("this onnxruntime has CUDA")
    assert not PiperBackend.runs_on("cuda") and PiperBackend.runs_on("cpu")
    backend = PiperBackend("cuda:0", "float32")
    with caplog.at_level(logging.WARNING, logger="avatar"):
        backend.load()
    try:
        assert backend.device == "cpu"  # what it really runs on, not what was asked
        assert "no CUDA provider" in caplog.text and "onnxruntime-gpu" in caplog.text
    finally:
        backend.unload()


def test_the_synthesize_stage_knows_piper_cannot_use_cuda_here() -> None:
    import onnxruntime

    from avatar.config.schema import Settings
    from avatar.hardware.choice import DeviceChoice
    from avatar.stages.base import StageEnv
    from avatar.stages.synthesize import SynthesizeOptions, SynthesizeStage

    env = StageEnv("speech", DeviceChoice("cuda:0", "test"), "float16", Settings(), "rtx3080", Path("."))
    stage = SynthesizeStage(SynthesizeOptions(backend="piper"), env)
    assert stage.supports_device("cuda") is (CUDA_PROVIDER in onnxruntime.get_available_providers())
    assert stage.supports_device("cpu")


def test_chatter_of_child_processes_goes_to_the_debug_log(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="avatar.quiet"), output_to_log("importing noisy"):
        subprocess.run(["sh", "-c", "echo 'sh: sox: not found' >&2; echo hello-from-child"], check=True)
        print("hello-from-python")
        sys.stderr.write("SoX could not be found!\n")
    out, err = capfd.readouterr()
    assert "sox" not in (out + err).lower() and "hello" not in out
    assert "sh: sox: not found" in caplog.text and "hello-from-child" in caplog.text
    assert "hello-from-python" in caplog.text
