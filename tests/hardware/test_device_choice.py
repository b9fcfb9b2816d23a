from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avatar.errors import DeviceError, UsageError
from avatar.hardware.choice import Availability, choose_device, effective_dtype, parse_device

availabilities = st.builds(Availability, cuda_count=st.integers(0, 8), mps=st.booleans())


@given(availabilities)
def test_auto_is_deterministic_and_follows_priority(av: Availability) -> None:
    first = choose_device("auto", av)
    assert first == choose_device("auto", av)
    if av.cuda_count:
        assert first.device == "cuda:0"
    elif av.mps:
        assert first.device == "mps"
    else:
        assert first.device == "cpu"


def test_no_accelerator_falls_back_to_cpu() -> None:
    choice = choose_device("auto", Availability())
    assert choice.device == "cpu"
    assert "no CUDA or MPS" in choice.reason


@given(availabilities, st.integers(0, 12))
def test_explicit_cuda_index_must_exist(av: Availability, index: int) -> None:
    if index < av.cuda_count:
        assert choose_device(f"cuda:{index}", av).device == f"cuda:{index}"
    else:
        with pytest.raises(DeviceError, match=f"cuda:{index}"):
            choose_device(f"cuda:{index}", av)


def test_explicit_mps_missing_is_an_error() -> None:
    with pytest.raises(DeviceError, match="MPS is not available"):
        choose_device("mps", Availability(cuda_count=1))


@given(st.text())
def test_malformed_device_strings_are_rejected(spec: str) -> None:
    valid = spec.strip().lower() in {"auto", "cpu", "mps", "cuda"} or (
        spec.strip().lower().startswith("cuda:")
        and spec.strip()[5:].isdigit()
        and len(spec.strip()[5:]) <= 2
        and spec.strip()[5:].isascii()
    )
    if valid:
        parse_device(spec)
    else:
        with pytest.raises(UsageError):
            parse_device(spec)


@pytest.mark.parametrize("bad", ["gpu", "cuda:", "cuda:x", "cuda:-1", "tpu", "cpu0", "cuda:0:1", ""])
def test_examples_of_bad_devices(bad: str) -> None:
    with pytest.raises(UsageError, match="not valid"):
        parse_device(bad)


def test_cuda_alias_normalises() -> None:
    assert parse_device("CUDA") == "cuda:0"


@pytest.mark.parametrize(
    ("kind", "configured", "bf16", "expected"),
    [
        ("cuda", "bfloat16", True, "bfloat16"),
        ("cuda", "float16", True, "float16"),
        ("cuda", "bfloat16", False, "float16"),
        ("mps", "bfloat16", False, "float32"),
        ("mps", "float16", False, "float16"),
        ("cpu", "float16", False, "float32"),
        ("cpu", "float32", False, "float32"),
    ],
)
def test_effective_dtype(kind: str, configured: str, bf16: bool, expected: str) -> None:
    assert effective_dtype(kind, configured, bf16)[0] == expected


def test_env_variable_selects_device(monkeypatch: pytest.MonkeyPatch) -> None:
    from avatar.hardware import device

    monkeypatch.setenv("AVATAR_DEVICE", "cpu")
    choice = device.resolve(None)
    assert choice.device == "cpu"
    assert "AVATAR_DEVICE" in choice.reason
    monkeypatch.setenv("AVATAR_DEVICE", "cuda:3")
    with pytest.raises(DeviceError, match="cuda:3"):
        device.resolve(None)
