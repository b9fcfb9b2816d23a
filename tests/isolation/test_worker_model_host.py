"""A model's worker process that the system kills between two requests: the next call says so as a killed worker
(the caller replaces it), not as a model that was never loaded. Real piper, real worker process, real SIGKILL."""

from __future__ import annotations

import signal

import numpy as np
import pytest

from avatar.backends.base import SynthesisRequest
from avatar.errors import WorkerKilled
from avatar.isolation.models import HostSpec, WorkerModelHost


def test_a_worker_killed_between_calls_is_a_killed_worker_and_a_new_one_speaks() -> None:
    host = WorkerModelHost(HostSpec("piper", "cpu", "float32"))
    host.load()
    try:
        first = host.speak(SynthesisRequest("One sentence."))
        assert first.samples.size > 0
        proc = host.worker.proc
        assert proc is not None
        proc.send_signal(signal.SIGKILL)  # as the OOM killer would, while no request is in flight
        proc.wait(10)
        assert not host.loaded
        with pytest.raises(WorkerKilled):
            host.speak(SynthesisRequest("One sentence."))
        host.load()  # what the server does with a killed worker: a fresh one
        again = host.speak(SynthesisRequest("One sentence."))
        assert again.samples.size > 0 and np.abs(again.samples).max() > 0.01  # speech, from the new worker
    finally:
        host.unload()
