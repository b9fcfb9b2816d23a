"""Finding the device imports torch only where a GPU can be (``avatar.hardware.device.may_have_gpu``): a
server that stops at start on a wrong setting, or serves piper on a CPU machine, never pays torch's import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from avatar.hardware import device

PROBE = (
    "import sys; from avatar.hardware import device; choice = device.resolve('auto'); "
    "print(choice.device, 'torch' in sys.modules)"
)


@pytest.mark.skipif(device.may_have_gpu(), reason="a GPU driver's device node is here: torch is asked")
def test_auto_is_the_cpu_without_importing_torch_where_no_gpu_driver_is() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["cpu", "False"], out.stdout + out.stderr


def test_a_gpu_driver_node_makes_torch_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(device, "GPU_DEVICE_NODES", ("/dev/null",))  # a node that exists: torch is asked
    monkeypatch.setattr(sys, "platform", "linux")
    assert device.may_have_gpu()
    monkeypatch.setattr(device, "GPU_DEVICE_NODES", ("/dev/no-such-gpu*",))
    assert not device.may_have_gpu()
    monkeypatch.setattr(sys, "platform", "darwin")  # MPS: only torch can say
    assert device.may_have_gpu()
