"""What a third-party backend's ``synthesize`` may return, through the one path every caller speaks by
(``TTSBackend.speak``): the contract says mono float32 numpy samples, and what plugin authors write instead
(a torch tensor, float64, integer PCM, a channel axis, stereo) becomes that; what cannot be samples is one
``PluginContractError`` line naming the backend and the method."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from avatar.backends.base import SynthesisRequest, TTSBackend
from avatar.errors import PluginContractError

RATE = 16000
WAVE = (0.5 * np.sin(2 * np.pi * 220 * np.arange(RATE // 10) / RATE)).astype(np.float64)


class Returns(TTSBackend):
    """A backend that declares only the abstract methods and returns ``self.out`` as its samples."""

    def __init__(self, out: Any) -> None:
        super().__init__("cpu", "float32")
        self.out = out

    @property
    def sample_rate(self) -> int:
        return RATE

    def load(self) -> None:
        pass

    def unload(self) -> None:
        pass

    def synthesize(self, request: SynthesisRequest) -> Any:
        return self.out


@pytest.mark.parametrize(
    "out",
    [
        WAVE.astype(np.float32),
        WAVE,  # float64
        torch.from_numpy(WAVE).unsqueeze(0),  # a torch tensor with a batch axis, as a model's forward gives
        torch.from_numpy(WAVE.astype(np.float32)).to(torch.bfloat16),
        (WAVE * 32767).round().astype(np.int16),  # 16-bit PCM
        (WAVE * 127).round().astype(np.int16).astype(np.uint8) + 128,  # unsigned 8-bit PCM
        WAVE[:, None],  # (n, 1)
        np.stack([WAVE, WAVE]),  # stereo, channels first
        np.stack([WAVE, WAVE], axis=1),  # stereo, channels last
        list(WAVE),
    ],
    ids=[
        "float32",
        "float64",
        "torch-batch",
        "torch-bf16",
        "int16",
        "uint8",
        "column",
        "stereo-cf",
        "stereo-cl",
        "list",
    ],
)
def test_what_plugins_return_becomes_mono_float32(out: Any) -> None:
    speech = Returns(out).speak(SynthesisRequest("Hello."))
    assert speech.samples.dtype == np.float32 and speech.samples.shape == WAVE.shape
    # the same wave at the same level, within the source's own precision (8-bit PCM: 1/128)
    assert np.abs(speech.samples - WAVE).max() < 0.01


def test_a_slower_rate_is_applied_to_what_was_returned() -> None:
    speech = Returns(torch.from_numpy(WAVE)).speak(SynthesisRequest("Hello.", speed=0.5))
    assert speech.samples.dtype == np.float32 and speech.samples.size > 1.5 * WAVE.size


@pytest.mark.parametrize(
    "out, says",
    [
        (np.zeros((2, 3, RATE), np.float32), "shape (2, 3, 16000), not mono"),
        (np.array(["a", "b"]), "values, not samples"),
        (None, "values, not samples"),
    ],
)
def test_what_cannot_be_samples_is_one_line_naming_backend_and_method(out: Any, says: str) -> None:
    with pytest.raises(PluginContractError) as caught:
        Returns(out).speak(SynthesisRequest("Hello."))
    message = str(caught.value)
    assert "Returns" in message and "synthesize()" in message and says in message and "\n" not in message
