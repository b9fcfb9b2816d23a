"""Model hosts for the device thread's tests: *ballast* models. Real speech models are too small to crowd
this machine, so a load here really allocates (and touches) ``size_mb`` of memory and an unload frees it; the
memory manager measures the process as it does for any model. A generation that runs out of memory cannot
be provoked on demand, so a request whose text says "oom" raises the MemoryError an allocation would."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import numpy as np

from avatar.backends.base import Speech, SynthesisRequest
from avatar.isolation.models import HostSpec, ModelHost

SIZE_MB = 1000
SMALL_MB = 64


class BallastHost(ModelHost):
    """A model host whose "weights" are ``size_mb`` of real memory; a request whose text says "oom" runs out."""

    size_mb: ClassVar[int] = SIZE_MB

    def __init__(self, spec: HostSpec) -> None:
        super().__init__(spec)
        self.weights: np.ndarray | None = None

    @property
    def loaded(self) -> bool:
        return self.weights is not None

    @property
    def sample_rate(self) -> int:
        return 16000

    def load(self) -> None:
        self.weights = np.ones(self.size_mb * 2**20 // 8, dtype=np.float64)  # ones: every page touched

    def unload(self) -> None:
        self.weights = None

    def speak(self, request: SynthesisRequest, voice: Any = None) -> Speech:
        if "oom" in request.text:
            raise MemoryError("out of memory (allocation of 8 GB failed)")
        assert self.weights is not None
        return Speech(np.full(160, float(len(request.text)), dtype=np.float32))

    def prepare_voice(self, profile: Any) -> None:
        pass

    def languages(self) -> list[str]:
        return ["en"]

    def voices(self) -> list[str]:
        return ["v"]

    def estimate_mb(self) -> float:
        return float(self.size_mb)


UNLOAD_GATE = threading.Event()


class SmallHost(BallastHost):
    """A smaller ballast whose unload waits for ``UNLOAD_GATE`` (to hold the worker in an unload)."""

    size_mb: ClassVar[int] = SMALL_MB

    def unload(self) -> None:
        assert UNLOAD_GATE.wait(30)
        super().unload()
