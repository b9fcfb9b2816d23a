"""Third-party speech backends built by the tests: a module and a real dist-info whose entry points put
them in the `avatar.backends` group, exactly as a pip-installed package would. Nothing in avatar names
them.

- ``tone``: real torch weights loaded from a file (``models.tone.path``); deterministic (a sine whose
  pitch is the speaker's and whose loudness comes from the weights); stock voices ``low`` and ``high``;
  ``AVATAR_TEST_TONE_DELAY_S`` makes each request take that long (a slow model);
  ``AVATAR_TEST_TONE_GATE`` names a file: text that contains the word "later" is not spoken until that file
  exists (at most 60 s, then it fails), so a test can hold a response between two sentences.
- ``lonely``: refuses to be entered by two threads at once (``thread_safe`` False): a second concurrent
  ``speak`` raises, so a caller that shares one instance between threads fails loudly.

``gated_tone_server`` starts a real server with the tone backend and its gate.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

MODULE = """
from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from avatar.backends import Speech, SynthesisRequest, TTSBackend
from avatar.errors import InputError

RATE = 16000


class ToneBackend(TTSBackend):
    name: ClassVar[str] = "tone"
    package: ClassVar[str] = "torch"
    warm_imports: ClassVar[tuple[str, ...]] = ("torch",)
    install: ClassVar[str | None] = "pip install avatar-test-backends"
    stock_voices: ClassVar[bool] = True
    deterministic: ClassVar[bool] = True
    default_estimate_mb: ClassVar[float] = 64.0

    def __init__(self, device: str, dtype: str, model: Any = None, **options: Any) -> None:
        super().__init__(device, dtype, model, **options)
        self.weights: Any = None

    def locate(self) -> Path:
        path = Path(self.model.path) if self.model is not None and self.model.path else None
        if path is None or not path.is_file():
            raise InputError("the tone backend's weights are not there; set models.tone.path to its .pt file")
        return path

    def estimate_mb(self) -> float:
        try:
            return self.locate().stat().st_size / 2**20 * 1.1
        except InputError:
            return self.default_estimate_mb

    @property
    def sample_rate(self) -> int:
        return RATE

    def load(self) -> None:
        import torch

        self.weights = torch.load(self.locate(), weights_only=True).to(self.device)
        self.weights.add_(0.0)  # touch every page

    def unload(self) -> None:
        self.weights = None

    def languages(self) -> list[str]:
        return ["en"]

    def voices(self) -> list[str]:
        return ["high", "low"]

    def synthesize(self, request: SynthesisRequest) -> np.ndarray:
        import torch

        if self.weights is None:
            raise RuntimeError("tone is not loaded")
        time.sleep(float(os.environ.get("AVATAR_TEST_TONE_DELAY_S", "0")))  # a slower model, for scheduling tests
        gate = os.environ.get("AVATAR_TEST_TONE_GATE")
        if gate and "later" in re.findall(r"[a-z]+", request.text.lower()):
            deadline = time.monotonic() + 60
            while not Path(gate).exists():
                if time.monotonic() > deadline:
                    raise RuntimeError("the test never opened the tone gate")
                time.sleep(0.01)
        pitch = 440.0 if request.speaker == "high" else 220.0
        n = int(RATE * 0.25 * max(1, len(request.text.split())))
        t = torch.arange(n, dtype=torch.float64, device=self.weights.device) / RATE
        amp = float(self.weights[:4096].double().mean().item())
        return (amp * torch.sin(2 * torch.pi * pitch * t)).float().cpu().numpy()


class LonelyBackend(TTSBackend):
    name: ClassVar[str] = "lonely"
    package: ClassVar[str] = "numpy"
    stock_voices: ClassVar[bool] = True
    thread_safe: ClassVar[bool] = False
    default_estimate_mb: ClassVar[float] = 8.0

    def __init__(self, device: str, dtype: str, model: Any = None, **options: Any) -> None:
        super().__init__(device, dtype, model, **options)
        self._inside = threading.Lock()
        self.loaded = False

    def locate(self) -> Path:
        return Path(__file__)

    @property
    def sample_rate(self) -> int:
        return RATE

    def load(self) -> None:
        self.loaded = True

    def unload(self) -> None:
        self.loaded = False

    def voices(self) -> list[str]:
        return ["only"]

    def synthesize(self, request: SynthesisRequest) -> np.ndarray:
        if not self._inside.acquire(blocking=False):
            raise RuntimeError("lonely was entered by two threads at once")
        try:
            time.sleep(0.05)
            return np.full(RATE // 4, 0.25, dtype=np.float32)
        finally:
            self._inside.release()
"""


def install_backends(root: Path, weights_mb: int = 64) -> tuple[Path, Path]:
    """Write the module, its dist-info and the tone weights (real torch tensor) under ``root``; return
    (the folder to put on PYTHONPATH, the weights file)."""
    import torch

    root.mkdir(parents=True, exist_ok=True)
    (root / "avatar_test_backends.py").write_text(MODULE)
    info = root / "avatar_test_backends-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: avatar-test-backends\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[avatar.backends]\ntone = avatar_test_backends:ToneBackend\nlonely = avatar_test_backends:LonelyBackend\n"
    )
    weights = root / "tone.pt"
    torch.save(torch.full((weights_mb * 2**20 // 4,), 0.5, dtype=torch.float32), weights)
    return root, weights


@contextmanager
def gated_tone_server(root: Path, *args: str, keys: dict[str, bool]) -> Iterator[tuple[Any, Path]]:
    """A real server whose tone backend (installed under ``root``, ``models.tone.path`` set) holds every
    sentence with the word "later" until the gate file it yields exists: (server, gate)."""
    from processes import running_server

    path, weights = install_backends(root / "plugin", 8)
    gate = root / "gate"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", os.pathsep.join([str(path), os.environ.get("PYTHONPATH", "")]))
        mp.setenv("AVATAR_TEST_TONE_GATE", str(gate))
        with running_server(root, "--set", f"models.tone.path={weights}", *args, keys=keys) as server:
            yield server, gate
