"""`avatar serve` with the `isolate` setting: every model in a worker process of its own. The same audio
as in-process, the worker is a child of the server while the model is loaded and gone after unload, and a
worker the system kills is replaced on the next request, or within the request when it dies while the server
waits for the request's first sentence."""

from __future__ import annotations

import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import psutil
import pytest
from processes import DETERMINISTIC, decode, running_server

pytestmark = pytest.mark.alone  # run by itself on xdist workers: a killed model worker replaced by the next request

TEXT = "Isolated models give back everything. Even the CUDA context."


def _workers(pid: int) -> list[psutil.Process]:
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if "avatar.isolation.worker" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def _speak(server: object, text: str = TEXT) -> np.ndarray:
    with server.client() as c:  # type: ignore[attr-defined]
        r = c.post(
            "/v1/audio/speech", json={"model": "piper", "voice": "alloy", "input": text, "response_format": "wav"}
        )
        assert r.status_code == 200, r.text
    samples, _ = decode(r.content, "wav")
    return samples


def test_isolated_models_live_in_a_worker_process_and_unloading_ends_it(tmp_path: Path) -> None:
    sets = [a for s in DETERMINISTIC for a in ("--set", s)]
    with running_server(tmp_path / "inproc", *sets) as plain:
        expected = _speak(plain)
    with running_server(tmp_path / "iso", *sets, "--set", "isolate=true") as server:
        assert _workers(server.proc.pid) == []  # nothing loaded yet
        got = _speak(server)
        np.testing.assert_array_equal(got, expected)  # the same model, the same audio
        (worker,) = _workers(server.proc.pid)
        with server.client() as c:
            card = c.get("/v1/models/piper").json()
            assert card["state"] == "loaded" and card["memory_mb"] > 10
            body = c.post("/v1/models/piper/unload").json()
        assert body["state"] == "unloaded" and body["returned"] is True
        assert body["memory_after_mb"] < body["memory_before_mb"] - 10
        worker.wait(10)  # the process is gone: its memory went with it
        assert _workers(server.proc.pid) == []

        _speak(server)
        (worker,) = _workers(server.proc.pid)
        worker.send_signal(signal.SIGKILL)  # as the OOM killer would
        deadline = time.monotonic() + 10
        while worker.is_running() and worker.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
            time.sleep(0.05)  # dead; the server reaps it when it next needs the model
        np.testing.assert_array_equal(_speak(server), expected)  # a fresh worker answers
        with server.client() as c:
            assert c.get("/v1/models/piper").json()["state"] == "loaded"

        # Killed while the server waits on it for a request's first sentence: stopped first, so it looks alive
        # and the sentence goes to it, then killed. The request still gets all its audio (before, a streamed
        # request got a 200 with none), from a fresh worker
        (worker,) = _workers(server.proc.pid)
        worker.send_signal(signal.SIGSTOP)
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(_speak, server)
            time.sleep(2.0)
            worker.send_signal(signal.SIGKILL)
            np.testing.assert_array_equal(pending.result(timeout=120), expected)
        assert "its worker was killed before the request's first sentence" in server.log_text()
        (fresh,) = _workers(server.proc.pid)
        assert fresh.pid != worker.pid
