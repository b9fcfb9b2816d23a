"""The residency core, shared by the runner and the server.

Unit: real allocations through a real :class:`Residency` (budget, least-recently-used eviction, the
ledger written on release, memory verified per device).

Real servers, with the test suite's third-party backends (real dist-info, real torch weights):
- interactive speech that does not fit beside a run's stage *suspends* it at a chunk boundary: the stage is
  unloaded, the speech runs, the stage loads again (evicting the served model) and the run's files are
  byte-identical to those of an uninterrupted run;
- a backend that refuses concurrency, served while a pipeline run uses the same backend, is never entered by
  two threads: the run's instance and the server's are two, and each has one caller.
"""

from __future__ import annotations

import gc
import json
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from plugin_backends import install_backends
from processes import Server, running_server

from avatar.config.schema import MemorySettings
from avatar.errors import InsufficientMemoryError
from avatar.hardware.choice import DeviceChoice
from avatar.memory.ledger import EstimateKey, EstimateLedger
from avatar.memory.residency import RUN, SERVE, Lease, Loadable, open_residency

CPU = DeviceChoice("cpu", "test")
MB = 2**20


class Block:
    """A loadable that really takes ``mb`` of memory (touched pages)."""

    def __init__(self, mb: int) -> None:
        self.mb = mb
        self.data: np.ndarray | None = None

    def load(self) -> None:
        self.data = np.ones(self.mb * MB // 8)

    def unload(self) -> None:
        self.data = None


def _key(name: str) -> EstimateKey:
    return EstimateKey.make("speech", name, name, "float32", "-", "cpu", False, {})


def test_garbage_freed_during_a_load_is_not_taken_off_what_the_load_holds(tmp_path: Path) -> None:
    """The baseline is taken after a cleanup: 150 MB of garbage in a reference cycle, collected while a
    120 MB model loads (as the collector may run then), does not make the load measure 0 MB."""

    class Cycle:
        pass

    block = Block(120)

    def load() -> None:
        gc.collect()  # the collector runs during the load
        block.load()

    core = open_residency(
        MemorySettings(safety_margin_mb=0, cleanup_tolerance_mb=64), EstimateLedger(tmp_path / "e.json")
    )
    gc.disable()
    try:
        junk = Cycle()
        junk.me, junk.data = junk, np.ones(150 * MB // 8)  # type: ignore[attr-defined]
        del junk  # unreachable, but held until the collector runs
        lease = core.acquire(Loadable("model", lambda: CPU, lambda: _key("model"), 130, load, block.unload), SERVE)
        lease.open()
        assert lease.resident.held_mb == pytest.approx(120, abs=40)
        lease.close("done")
    finally:
        gc.enable()


def test_the_budget_evicts_the_least_recently_used_serve_model_and_never_a_run(tmp_path: Path) -> None:
    ledger = EstimateLedger(tmp_path / "estimates.json")
    core = open_residency(MemorySettings(safety_margin_mb=0, cleanup_tolerance_mb=64, budget_mb=300), ledger)
    blocks: dict[str, Block] = {}
    leases: dict[str, Lease] = {}

    def loadable(name: str, table_name: str | None = None) -> Loadable:
        blocks[name] = Block(120)
        block = blocks[name]
        return Loadable(table_name or name, lambda: CPU, lambda: _key(name), 130, block.load, block.unload)

    core.evictor = lambda victim: leases[victim.name].close("evicted")
    for name in ("a", "b"):
        leases[name] = core.acquire(loadable(name), SERVE)
        leases[name].open()
        assert leases[name].resident.held_mb == pytest.approx(120, abs=40)
    with leases["a"].use():  # a is used after b: b is now the least recently used
        time.sleep(0.01)
    run = core.acquire(loadable("run", "stage speech"), RUN)
    run.open()
    assert run.evicted == ["b"]
    residents = {r["name"] for r in core.table() if r["loaded"] and r["policy"] != "kept"}  # not the VAD's
    assert residents == {"a", "stage speech"}
    assert not blocks["b"].data  # unloaded, and its peak is in the ledger under its own key
    assert ledger.lookup(_key("b")) is not None and ledger.lookup(_key("b")).mb > 100  # type: ignore[union-attr]
    # a run's stage is pinned: a serve model that does not fit beside it finds nothing to evict
    big = Loadable("c", lambda: CPU, lambda: _key("c"), 250, lambda: None, lambda: None)
    with pytest.raises(InsufficientMemoryError, match="300 MB budget"):
        core.acquire(big, SERVE).open()
    with run.use():
        pass
    released = run.close("stage finished")
    assert released.returned and released.returned_mb > 60
    assert "stage speech" not in {r["name"] for r in core.table()}


TONE_MB = 200


@pytest.fixture(scope="module")
def plugin(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    root, weights = install_backends(tmp_path_factory.mktemp("residency-plugin"), TONE_MB)
    return os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]), weights


SCRIPT = " ".join(f"Sentence {i} is short." for i in range(60))


def _pipeline(root: Path, speech: dict[str, Any]) -> Path:
    """The operator's pipeline: the server's runs use the plugin backend through it."""
    path = root / "plugin-speech.yaml"
    stages = [{"id": "speech", "uses": "synthesize", "with": speech}, {"id": "finish", "uses": "finish_audio",
              "with": {"input": "speech"}}]  # fmt: skip
    path.write_text(json.dumps({"name": "plugin-speech", "stages": stages}))
    return path


def _run(c: httpx.Client, text: str = SCRIPT) -> str:
    r = c.post("/v1/runs", data={"text": text, "pipeline": "plugin"})
    assert r.status_code == 202, r.text
    return str(r.json()["id"])


def _loaded(c: httpx.Client, run_id: str, stage: str = "speech") -> None:
    """Wait until the run's ``stage`` has loaded its model and runs (its status in the run's stages): the
    run's state is "running" from before its first stage's imports."""
    deadline = time.monotonic() + 60
    while True:
        run = c.get(f"/v1/runs/{run_id}").json()
        if any(s["id"] == stage and s.get("status") == "running" for s in run["stages"]):
            return
        assert run["state"] in ("queued", "running") and time.monotonic() < deadline, run
        time.sleep(0.05)


def _finished(c: httpx.Client, run_id: str, timeout: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while (run := c.get(f"/v1/runs/{run_id}").json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, run
        time.sleep(0.2)
    assert run["state"] == "done", run
    return dict(run)


def _files(c: httpx.Client, run: dict[str, Any]) -> dict[str, bytes]:
    return {f["name"]: c.get(f["url"]).content for f in run["files"]}


def _metric(c: httpx.Client, name: str) -> float:
    for line in c.get("/metrics").text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    raise AssertionError(f"{name} not in /metrics")


@pytest.fixture(scope="module")
def tight(tmp_path_factory: pytest.TempPathFactory, plugin: tuple[str, Path]) -> Iterator[Server]:
    """A budget that holds one tone model (the run's or the server's), never both."""
    path, weights = plugin
    root = tmp_path_factory.mktemp("tight")
    speech = {"backend": "tone", "speaker": "high", "timing": "estimate", "chunk_chars": 60}
    sets = (
        f"models.tone.path={weights}",
        f"serve.pipelines.plugin={_pipeline(root, speech)}",
        f"memory.budget_mb={int(TONE_MB * 1.6)}",
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", path)
        mp.setenv("AVATAR_TEST_TONE_DELAY_S", "0.15")
        args = [a for s in sets for a in ("--set", s)]
        with running_server(root, *args, keys={"alice": False}) as srv:
            yield srv


def test_speech_that_does_not_fit_beside_a_run_suspends_it_and_the_run_is_unchanged(tight: Server) -> None:
    with tight.client("alice") as c:
        expected = _files(c, _finished(c, _run(c)))
        assert _metric(c, "avatar_run_suspensions_total") == 0
        busy = _run(c)
        _loaded(c, busy)  # inside the speech stage: its model holds the budget
        t0 = time.perf_counter()
        body = {"model": "tone", "voice": "low", "input": "Hello there.", "response_format": "pcm"}
        r = c.post("/v1/audio/speech", json=body, timeout=120)
        waited = time.perf_counter() - t0
        assert r.status_code == 200 and len(r.content) > 0, r.text
        assert c.get(f"/v1/runs/{busy}").json()["state"] == "running", "the speech waited for the whole run"
        run = _finished(c, busy)
        assert _files(c, run) == expected  # suspended, resumed, byte for byte the same
        speech = next(s for s in run["manifest"]["stages"] if s["id"] == "speech")
        assert speech["suspended"] >= 1
        assert _metric(c, "avatar_run_suspensions_total") >= 1
        model = c.get("/v1/models/tone").json()
        assert model["state"] == "unloaded"  # evicted when the run's stage loaded again
    log = tight.log_text()
    assert "suspending stage speech" in log and "resumed stage speech" in log
    assert "did not return its memory" not in log
    print(f"speech beside a run that held the budget: answered in {waited:.2f} s")


@pytest.fixture(scope="module")
def lonely(tmp_path_factory: pytest.TempPathFactory, plugin: tuple[str, Path]) -> Iterator[Server]:
    path, weights = plugin
    root = tmp_path_factory.mktemp("lonely")
    speech = {"backend": "lonely", "chunk_chars": 40, "timing": "estimate"}
    sets = (f"models.tone.path={weights}", f"serve.pipelines.plugin={_pipeline(root, speech)}")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", path)
        args = [a for s in sets for a in ("--set", s)]
        with running_server(root, *args, keys={"alice": False}) as srv:
            yield srv


def test_a_backend_that_refuses_concurrency_is_served_beside_a_run_that_uses_it(lonely: Server) -> None:
    with lonely.client("alice") as c:
        busy = _run(c)
        _loaded(c, busy, "speech")
        body = {"model": "lonely", "voice": "only", "input": "One. Two. Three.", "response_format": "pcm"}

        def speak(_: int) -> int:
            with lonely.client("alice") as own:
                return own.post("/v1/audio/speech", json=body, timeout=120).status_code

        with ThreadPoolExecutor(6) as pool:
            codes = list(pool.map(speak, range(12)))
        assert codes == [200] * 12
        run = _finished(c, busy)
        assert run["manifest"]["stages"][0]["status"] == "done"
        beside = _metric(c, "avatar_run_beside_total") + _metric(c, "avatar_run_yields_total")
        assert beside >= 1  # some of them ran while the run held the device thread
    assert "entered by two threads" not in lonely.log_text()


def test_a_cli_run_records_each_stages_peak_through_its_own_core(tmp_path: Path) -> None:
    """The CLI's core is the run's own: after `avatar run` every stage gave its memory back and its peak is in the
    ledger, the speech stage under its backend's key."""
    from processes import run_cli

    out = tmp_path / "out"
    proc = run_cli("run", "speech", "--text", "Hello there.", "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads(proc.stdout)
    speech = manifest["stages"][0]
    assert speech["memory_returned"] is True
    entries = json.loads((Path(os.environ["AVATAR_STATE_DIR"]) / "estimates.json").read_text())["entries"]
    kinds = {(e["stage"], e["backend"]) for e in entries.values()}
    assert ("speech", "piper") in kinds and ("finish_audio", "") in kinds
