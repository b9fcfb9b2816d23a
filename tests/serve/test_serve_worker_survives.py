"""The device thread never dies silently: a job that raises anything (MemoryError from work that is not a
model of the worker's, an interrupt) is answered with an error and the next job runs; a worker thread
killed from outside is replaced by one that first unloads every model and verifies the memory, and the
requests queued meanwhile are answered.

The host allocates real memory (numpy ballast, every page touched) so the memory manager's measurements
and the recovery's verification are of a real process."""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from typing import Any

import numpy as np
import pytest
from ballast_hosts import UNLOAD_GATE, SmallHost

from avatar.config.schema import Settings
from avatar.errors import DeviceBusy
from avatar.serve.device.tasks import DONE, PipelineRun, SpeechTask, Started, VoiceWork
from avatar.serve.device.thread import DeviceThread
from avatar.serve.errors import describe
from avatar.serve.metrics import Metrics


def answer(worker: DeviceThread, job_factory: Any, timeout: float = 30.0) -> list[Any]:
    items: list[Any] = []
    done = threading.Event()

    def emit(item: Any) -> None:
        items.append(item)
        if item is DONE or not isinstance(item, (Started, np.ndarray)):
            done.set()

    worker.submit(job_factory(emit))
    assert done.wait(timeout), f"no answer in {timeout} s"
    return items


@pytest.fixture
def worker() -> Any:
    UNLOAD_GATE.set()
    settings = Settings.model_validate({"device": "cpu", "memory": {"use_ledger": False}})
    w = DeviceThread(settings, Metrics(), models=["a"], host_factory=SmallHost)
    w.start()
    assert w.ready.wait(60) and w.start_error is None
    yield w
    UNLOAD_GATE.set()
    w.stop()


def _oom() -> Any:
    raise MemoryError("out of memory (allocation of 8 GB failed)")


def test_memory_error_in_a_call_job_is_a_503_and_the_worker_goes_on(worker: DeviceThread) -> None:
    # 'voices' is no model of the worker's: the old error path unloaded it by name and died doing so
    err = answer(worker, lambda emit: VoiceWork(emit, _oom))[-1]
    assert isinstance(err, DeviceBusy) and err.reason == "out_of_memory" and describe(err)[0] == 503
    assert worker.alive and worker.restarts == 0
    items = answer(worker, lambda emit: SpeechTask("a", ["hello."], emit, speaker="v"))
    assert items[-1] is DONE and float(items[1][0]) == 6.0


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), SystemExit(3), RuntimeError("boom"), AssertionError()])
def test_any_exception_from_a_job_is_answered(worker: DeviceThread, exc: BaseException) -> None:
    def fail() -> Any:
        raise exc

    assert answer(worker, lambda emit: PipelineRun(emit, fail))[-1] is exc
    assert worker.alive and worker.restarts == 0
    assert answer(worker, lambda emit: SpeechTask("a", ["ok."], emit, speaker="v"))[-1] is DONE


def _kill_thread(thread: threading.Thread) -> None:
    """Raise SystemExit inside ``thread`` between jobs, where no job's handler catches it."""
    assert thread.ident is not None
    hit = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(SystemExit))
    assert hit == 1


def test_a_killed_worker_thread_is_replaced_with_models_unloaded(
    worker: DeviceThread, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="avatar.serve.device")
    assert answer(worker, lambda emit: SpeechTask("a", ["warm."], emit, speaker="v"))[-1] is DONE
    assert worker.snapshot()["a"]["state"] == "loaded" and worker.snapshot()["a"]["loads"] == 1
    dead = worker.supervisor.thread
    UNLOAD_GATE.clear()  # hold the recovery's unload, to see the server unready meanwhile
    _kill_thread(dead)
    dead.join(10)
    assert not dead.is_alive()
    deadline = time.monotonic() + 10
    while worker.alive and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not worker.alive  # /ready answers 503 from this
    # a request queued while the new thread recovers is answered once it has
    items: list[Any] = []
    done = threading.Event()

    def emit(item: Any) -> None:
        items.append(item)
        if item is DONE or isinstance(item, BaseException):
            done.set()

    worker.submit(SpeechTask("a", ["after."], emit, speaker="v"))
    time.sleep(0.3)
    assert not done.is_set() and not worker.alive
    UNLOAD_GATE.set()
    assert done.wait(30) and items[-1] is DONE
    assert worker.alive and worker.restarts == 1 and worker.supervisor.thread is not dead
    snap = worker.snapshot()["a"]
    assert snap["state"] == "loaded" and snap["loads"] == 2  # unloaded in the recovery, loaded again
    assert "the device thread died (SystemExit" in caplog.text
    assert "device thread recovered" in caplog.text
    assert "avatar_worker_restarts_total 1.0" in worker.metrics.render().decode()
