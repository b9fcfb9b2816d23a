"""The residency core's behaviour through its one public path (``Residency.acquire`` and its lease), on
simulated memory and a simulated clock: fit, evict, suspend, verify and record, in milliseconds, with no
server, no model and no device. (The same core over real memory: ``tests/e2e/test_residency.py``.)"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from avatar.errors import InsufficientMemoryError
from avatar.hardware.choice import DeviceChoice
from avatar.memory import arithmetic
from avatar.memory.ledger import EstimateKey, EstimateLedger
from avatar.memory.manager import CleanupReport, Measurement, MemoryStatus
from avatar.memory.residency import RUN, SERVE, Lease, Loadable, Residency

GPU = DeviceChoice("cuda:0", "test")


class Device:
    """Simulated device memory: ``used`` MB held by us out of ``total``; the peak since the last reset."""

    def __init__(self, total: float) -> None:
        self.total, self.used, self.peak = total, 0.0, 0.0
        self.cleans = 0

    def take(self, mb: float) -> None:
        self.used += mb
        self.peak = max(self.peak, self.used)


class Probe:
    """The memory manager seam over a :class:`Device` (what ``MemoryManager`` reads from the driver)."""

    def __init__(self, device: Device, choice: DeviceChoice, margin_mb: float, tolerance_mb: float) -> None:
        self.d, self.choice, self.margin_mb, self.tolerance_mb = device, choice, margin_mb, tolerance_mb

    @property
    def device(self) -> str:
        return self.choice.device

    def status(self) -> MemoryStatus:
        return MemoryStatus(self.device, self.d.total, self.free_mb(), self.d.used, 0.0)

    def free_mb(self) -> float:
        return self.d.total - self.d.used

    def headroom_mb(self) -> float:
        return arithmetic.headroom_mb(self.free_mb(), self.margin_mb)

    def fits(self, required_mb: float) -> bool:
        return arithmetic.fits(self.free_mb(), self.margin_mb, required_mb)

    def used_mb(self) -> float:
        return self.d.used

    def clean(self) -> float:
        self.d.cleans += 1
        return self.d.used

    def verify_returned(self, what: str, baseline_mb: float) -> CleanupReport:
        before = self.d.used
        after = self.clean()
        return CleanupReport(before, after, arithmetic.returned_within(baseline_mb, after, self.tolerance_mb), 0.0)

    @contextmanager
    def measure(self) -> Iterator[Measurement]:
        m = Measurement(before_mb=self.d.used)
        self.d.peak = self.d.used
        yield m
        m.peak_mb = max(self.d.peak, self.d.used)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Model:
    """A loadable's weights on the simulated device; ``leak`` MB stay behind on unload; ``work`` MB of
    activations while it is used."""

    def __init__(self, device: Device, mb: float, leak: float = 0.0, work: float = 0.0) -> None:
        self.d, self.mb, self.leak, self.work = device, mb, leak, work
        self.loaded = False
        self.loads = 0

    def load(self) -> None:
        self.d.take(self.mb)
        self.loaded = True
        self.loads += 1

    def unload(self) -> None:
        self.d.used -= self.mb - self.leak
        self.loaded = False

    def run(self) -> None:
        self.d.take(self.work)
        self.d.used -= self.work


def _key(name: str) -> EstimateKey:
    return EstimateKey.make("speech", name, name, "float16", "-", "cuda", False, {})


@pytest.fixture
def device() -> Device:
    return Device(total=1000.0)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def core(device: Device, clock: Clock, tmp_path: Path) -> Residency:
    ledger = EstimateLedger(tmp_path / "estimates.json")
    return Residency(
        ledger, margin_mb=100, tolerance_mb=8, managers=lambda c, m, t: Probe(device, c, m, t), clock=clock
    )


def _loadable(name: str, model: Model, estimate: float, **kw: bool) -> Loadable:
    return Loadable(name, lambda: GPU, lambda: _key(name), estimate, model.load, model.unload, **kw)


def _residents(core: Residency) -> set[str]:
    """The table's residents (not the models this test process keeps: the VAD, the speaker encoder)."""
    return {r["name"] for r in core.table() if r["policy"] != "kept"}


def _serve(core: Residency) -> dict[str, Lease]:
    """The serve policy's eviction: the victim's lease is released."""
    leases: dict[str, Lease] = {}
    core.evictor = lambda victim: leases.pop(victim.name).close("evicted")
    return leases


def test_entering_fits_loads_measured_and_leaving_verifies_and_records(core: Residency, device: Device) -> None:
    model = Model(device, 300, work=50)
    with core.acquire(_loadable("a", model, 400), RUN) as lease:
        assert model.loaded and lease.resident.held_mb == pytest.approx(300)
        assert lease.estimate.source == "static" and lease.estimate.mb == 400
        with lease.use():
            model.run()
    assert not model.loaded and device.used == 0
    assert lease.released is not None and lease.released.returned and lease.released.returned_mb == 300
    learned = core.estimate(_key("a"), 400)
    assert learned.source == "ledger" and learned.runs == 1
    assert learned.mb == pytest.approx(350 * 1.1, rel=0.01)  # the peak of load and use, times the factor
    assert _residents(core) == set()


def test_a_run_that_never_finished_a_use_records_nothing(core: Residency, device: Device) -> None:
    model = Model(device, 300)
    with pytest.raises(RuntimeError), core.acquire(_loadable("a", model, 400), RUN) as lease, lease.use():
        raise RuntimeError("the job failed")
    assert core.estimate(_key("a"), 400).source == "static" and not model.loaded


def test_memory_that_does_not_come_back_is_reported(core: Residency, device: Device) -> None:
    with core.acquire(_loadable("a", Model(device, 300, leak=40), 400), RUN) as lease, lease.use():
        pass
    assert lease.released is not None and not lease.released.returned
    assert lease.released.after_mb == pytest.approx(40)


def test_the_serve_policy_evicts_the_least_recently_used_idle_model(
    core: Residency, device: Device, clock: Clock
) -> None:
    leases = _serve(core)
    models = {n: Model(device, 350) for n in "abc"}
    for name in "ab":
        leases[name] = core.acquire(_loadable(name, models[name], 350), SERVE)
        leases[name].open()
        clock.now += 1
    with leases["a"].use():  # a is used after b: b is the least recently used now
        clock.now += 1
    assert core.view("a").last_used > core.view("b").last_used  # type: ignore[union-attr]
    leases["c"] = core.acquire(_loadable("c", models["c"], 350), SERVE)
    leases["c"].open()  # 700 used, 100 margin: 350 more does not fit without evicting one
    assert leases["c"].evicted == ["b"] and not models["b"].loaded and models["a"].loaded
    assert core.estimate(_key("b"), 350).source == "ledger"  # a served model records when it goes


def test_a_model_in_use_and_a_run_are_never_evicted(core: Residency, device: Device) -> None:
    leases = _serve(core)
    run = core.acquire(_loadable("stage speech", Model(device, 400), 400), RUN)
    run.open()
    leases["a"] = core.acquire(_loadable("a", Model(device, 300), 300), SERVE)
    leases["a"].open()
    late = core.acquire(_loadable("b", Model(device, 300), 300), SERVE)
    with leases["a"].use(), pytest.raises(InsufficientMemoryError, match="nothing left to unload"):
        late.open()
    assert core.view("a").loaded and run.loaded  # type: ignore[union-attr]
    assert late.released is not None  # a lease whose entry failed is released at once
    assert _residents(core) == {"stage speech", "a"}


def test_the_budget_is_a_limit_of_its_own(device: Device, clock: Clock, tmp_path: Path) -> None:
    core = Residency(
        EstimateLedger(tmp_path / "e.json"), 0, 8, budget_mb=500, managers=lambda c, m, t: Probe(device, c, m, t)
    )
    with core.acquire(_loadable("a", Model(device, 300), 300), RUN):
        with pytest.raises(InsufficientMemoryError, match="500 MB budget"):
            core.acquire(_loadable("b", Model(device, 300), 300), RUN).open()
        assert core.headroom_mb(GPU) == pytest.approx(200)


def test_no_room_may_move_the_loadable_first(core: Residency, device: Device) -> None:
    cpu = Device(total=10_000.0)
    core._new_manager = lambda c, m, t: Probe(cpu if c.kind == "cpu" else device, c, m, t)
    where = [GPU]
    model = Model(device, 2000)

    def no_room(headroom: float) -> None:
        assert headroom == pytest.approx(900)  # 1000 free, 100 margin
        where[0] = DeviceChoice("cpu", "fallback")
        model.d = cpu

    loadable = Loadable("big", lambda: where[0], lambda: _key(f"big-{where[0].kind}"), 2000, model.load, model.unload)
    with core.acquire(loadable, RUN, on_no_room=no_room) as lease, lease.use():
        assert lease.resident.device == "cpu" and cpu.used == 2000 and device.used == 0
    assert core.estimate(_key("big-cpu"), 0).source == "ledger"  # recorded under where it ended up


def test_a_failed_load_recovers_and_is_tried_again(core: Residency, device: Device) -> None:
    model = Model(device, 300)
    attempts: list[str] = []

    def load() -> None:
        attempts.append("load")
        if len(attempts) == 1:
            raise MemoryError("out of memory")
        model.load()

    def load_error(exc: Exception) -> object:
        assert isinstance(exc, MemoryError)
        return lambda: attempts.append("recovered")

    loadable = Loadable("a", lambda: GPU, lambda: _key("a"), 300, load, model.unload)
    with core.acquire(loadable, RUN, on_load_error=load_error) as lease:  # type: ignore[arg-type]
        assert lease.loaded
    assert attempts == ["load", "recovered", "load"]


def test_suspend_gives_the_room_and_resume_takes_it_back_by_evicting(core: Residency, device: Device) -> None:
    leases = _serve(core)
    stage = Model(device, 500)
    run = core.acquire(_loadable("stage speech", stage, 500, suspendable=True), RUN)
    run.open()
    assert core.suspendable_for(GPU, 600, exclude="a") is run  # 400 free, 100 margin: 600 fits if it goes
    assert core.suspendable_for(GPU, 950, exclude="a") is None  # never fits, suspended or not
    assert run.suspend() == pytest.approx(500) and not stage.loaded and run.resident.suspended
    leases["a"] = core.acquire(_loadable("a", Model(device, 600), 600), SERVE)
    leases["a"].open()
    with leases["a"].use():
        pass
    run.resume()  # the served model is idle: evicted for the stage
    assert stage.loaded and "a" not in leases and stage.loads == 2
    with run.use():
        pass
    run.close()
    # a stage that was suspended is not recorded: its peak mixes in the other's work
    assert core.estimate(_key("stage speech"), 500).source == "static"


def test_the_view_counts_every_load_of_a_name(core: Residency, device: Device) -> None:
    model = Model(device, 100)
    for _ in range(3):
        with core.acquire(_loadable("a", model, 100), SERVE):
            assert core.view("a").loaded  # type: ignore[union-attr]
    view = core.view("a")
    assert view is not None and view.loads == 3 and not view.loaded and view.held_mb == 0
    assert core.view("never") is None
