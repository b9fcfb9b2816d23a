"""The residency core: what is resident on which device, and the one path every load takes.

A *loadable* (:class:`Loadable`) is anything that puts weights on a device: a pipeline stage (through its
host, in this process or a worker process), a speech backend the server keeps warm, the backend `avatar
voice test` speaks with. The core does not know which; it knows names, devices, estimate keys and figures.

Its one public path is :meth:`Residency.acquire`, which gives a :class:`Lease` (a context manager):

    entering:     estimate (the ledger's figure for the key, else the static one) > fit (evicting by the
                  policy; a caller's ``on_no_room`` may move the loadable first) > baseline > measured load
                  (a caller's ``on_load_error`` may recover and retry)
    lease.use():  one use, measured (its peak is part of what the loadable needs); refreshes recency; while
                  it lasts the loadable is never evicted
    leaving:      unload > clean > verify that the memory came back > record the peak in the ledger

Nothing outside this module reads or writes the table of residents; callers hold their lease, ask
questions (:meth:`Residency.fits`, :meth:`Residency.headroom_mb`, :meth:`Residency.view`) and read
:meth:`Residency.table`. The ledger is written here and nowhere else, and :func:`open_residency` is the one
factory that opens the core (and its ledger) from settings.

Two policies drive it:

- **run** (:mod:`avatar.pipeline.runner`, :mod:`avatar.voices.sample`): acquire a stage, run every job,
  release it. A run's loadable is *pinned*: never evicted. Where the stage says it can be
  (``Stage.suspendable``), it may be *suspended* at a chunk boundary (unloaded, its figures kept) and
  *resumed* (loaded again), so that interactive work that does not fit beside it gets the room. It records
  its peak when a use finished.
- **serve** (:mod:`avatar.serve.device.policy`): keep models warm while they fit; to fit another, evict the least
  recently used resident of the serve policy that is not in use. It records what its load and uses needed
  when it is released.

In the CLI, each run has a core of its own. In the server, the device worker's core is shared with the
runs it executes, so a run's stage and the server's warm models are seen together: a run's plan asks that
core, a run's stage evicts idle serve models to fit, and interactive work gets room from a suspended run.

Figures are per device: an out-of-memory fallback may move a stage, and figures of different devices are
never compared. Every figure covers the whole process tree (see :mod:`avatar.memory.manager`). The memory
manager and the clock are seams (``managers``, ``clock``): unit tests drive the core with simulated memory.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from avatar.errors import InsufficientMemoryError
from avatar.hardware.choice import DeviceChoice
from avatar.memory.ledger import Estimate, EstimateKey, EstimateLedger
from avatar.memory.manager import CleanupReport, Measurement, MemoryManager, MemoryStatus

if TYPE_CHECKING:
    from avatar.config.schema import MemorySettings

logger = logging.getLogger(__name__)

ESTIMATES_FILE = "estimates.json"  # under the state folder: the one ledger of measured peaks

RUN, SERVE = "run", "serve"


class Manager(Protocol):
    """What the core asks of a device's memory (:class:`~avatar.memory.manager.MemoryManager`; a test may
    give a simulated one)."""

    choice: DeviceChoice

    @property
    def device(self) -> str: ...
    def status(self) -> MemoryStatus: ...
    def free_mb(self) -> float: ...
    def headroom_mb(self) -> float: ...
    def fits(self, required_mb: float) -> bool: ...
    def used_mb(self) -> float: ...
    def clean(self) -> float: ...
    def verify_returned(self, what: str, baseline_mb: float) -> CleanupReport: ...
    def measure(self) -> AbstractContextManager[Measurement]: ...


@dataclass
class Loadable:
    """Anything that occupies device memory, as the core sees it: a name (unique in the table), where it
    runs now (``device``: a fallback may move it), its estimate key and static estimate, how to load and
    unload it, and optionally what it reports holding and whether it may be suspended."""

    name: str
    device: Callable[[], DeviceChoice]
    key: Callable[[], EstimateKey | None]
    static_mb: float
    load: Callable[[], Any]
    unload: Callable[[], Any]
    held_mb: Callable[[], float | None] | None = None
    suspendable: bool = False  # may be unloaded at a boundary and loaded again (run policy)
    unload_always: bool = False  # unload it on release even when it is not loaded (a worker process to end)
    unload_after_failed_load: bool = False  # a failed load may leave something behind (a worker process)


@dataclass(frozen=True)
class Record:
    """A read-only view of one name's residency (what ``/v1/models`` shows, what idle unloading reads)."""

    name: str
    loaded: bool
    held_mb: float
    last_used: float
    loads: int  # every load of this name in this core, over all its residencies
    baseline_mb: float


@dataclass
class Resident:
    """One loadable's residency: where, under which key, and what it was measured taking."""

    name: str  # unique in the table ("stage speech", "piper")
    policy: str  # RUN or SERVE
    choice: DeviceChoice
    key: EstimateKey | None = None
    estimate_mb: float = 0.0
    baselines: dict[str, float] = field(default_factory=dict)  # per device: used before it loaded there
    peaks: dict[str, float] = field(default_factory=dict)  # per device: the highest level while resident
    methods: set[str] = field(default_factory=set)
    held_mb: float = 0.0  # what it holds while loaded and idle
    loaded: bool = False
    suspended: bool = False
    in_use: int = 0
    loads: int = 0
    last_used: float = 0.0
    free_before_mb: float | None = None  # the device's own free figure before a worker process started
    # What other residents held on each device when this one's baseline was taken: models the server
    # loads or evicts meanwhile are theirs, not this one's, when its memory is checked on release.
    others: dict[str, float] = field(default_factory=dict)
    suspensions: int = 0

    @property
    def device(self) -> str:
        return self.choice.device

    @property
    def label(self) -> str:
        """How logs name it."""
        return f"model {self.name}" if self.policy == SERVE else self.name

    def start(self, manager: Manager, level: float | None = None, others_mb: float = 0.0) -> None:
        """The baseline on ``manager``'s device, the first time the resident is there: the level after a
        cleanup, so garbage that earlier work left to the collector, freed while this loads, is not taken
        off what the load measures (a 120 MB load once measured 0 MB in a test process full of it)."""
        if manager.device not in self.baselines:
            self.baselines[manager.device] = manager.clean() if level is None else level
            self.peaks[manager.device] = self.baselines[manager.device]
            self.others[manager.device] = others_mb

    def saw(self, device: str, m: Measurement) -> None:
        self.peaks[device] = max(self.peaks.get(device, 0.0), m.peak_mb)
        self.methods.add(m.method)

    def delta(self, device: str | None = None) -> float:
        """The peak over the baseline: what the loadable needed, on ``device`` (default: where it is)."""
        device = device or self.device
        return max(0.0, self.peaks.get(device, 0.0) - self.baselines.get(device, 0.0))

    @property
    def method(self) -> str:
        return "sampled" if "sampled" in self.methods else "exact"


@dataclass
class Released:
    """What a release found: memory after cleanup per device, whether it all came back, and how long."""

    name: str
    after_mb: float  # on the resident's device
    returned: bool
    seconds: float
    returned_mb: float = 0.0
    error: str | None = None
    unload: Any = None  # what the loadable's unload returned (a worker's UnloadReport)
    free_after_mb: float | None = None


class Residency:
    """See the module docstring. Thread-safe: a lock guards the table; a thread that acquires, uses or
    releases a resident is the only one calling that loadable (the policies see to it)."""

    def __init__(
        self,
        ledger: EstimateLedger | None,
        margin_mb: float,
        tolerance_mb: float,
        use_ledger: bool = True,
        budget_mb: float | None = None,
        *,
        managers: Callable[[DeviceChoice, float, float], Manager] = MemoryManager,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ledger = ledger
        self._new_manager = managers
        self.clock = clock
        self.budget_mb = budget_mb
        self.use_ledger = use_ledger and ledger is not None
        self.margin_mb = margin_mb
        self.tolerance_mb = tolerance_mb
        self.managers: dict[str, Manager] = {}
        self._residents: dict[str, Resident] = {}
        self._leases: dict[str, Lease] = {}
        self._loads: dict[str, int] = {}  # per name, over every residency (what /v1/models counts)
        self.lock = threading.RLock()
        # The serve policy's eviction (unload one serve resident, with its own bookkeeping); None: nothing is
        # ever evicted (the CLI's run policy has nothing to evict).
        self.evictor: Callable[[Resident], None] | None = None

    # --- devices and estimates ----------------------------------------------------------------------
    def manager(self, choice: DeviceChoice) -> Manager:
        with self.lock:
            if choice.device not in self.managers:
                self.managers[choice.device] = self._new_manager(choice, self.margin_mb, self.tolerance_mb)
            return self.managers[choice.device]

    def estimate(self, key: EstimateKey | None, static_mb: float) -> Estimate:
        """The ledger's figure for ``key`` where it has one, else the static one."""
        if self.use_ledger and key is not None and self.ledger is not None:
            try:
                learned = self.ledger.lookup(key)
            except OSError as exc:
                logger.debug("estimate ledger unreadable: %s", exc)
                learned = None
            if learned is not None:
                return learned
        return Estimate(static_mb, "static")

    def held_by(self, choice: DeviceChoice, policy: str | None = None, exclude: str | None = None) -> float:
        """What the loaded residents on ``choice`` hold (of one policy, leaving one out)."""
        with self.lock:
            return sum(
                r.held_mb
                for r in self._residents.values()
                if r.loaded
                and r.device == choice.device
                and r.name != exclude
                and (policy is None or r.policy == policy)
            )

    def _others(self, choice: DeviceChoice, name: str) -> float:
        """What everything but ``name`` holds on ``choice``: the other residents, and the models kept for the
        process (:mod:`avatar.memory.kept`), so that memory one of them took meanwhile is not ``name``'s."""
        from avatar.memory import kept

        return self.held_by(choice, exclude=name) + kept.held_mb(choice.device)

    def evictable(self, choice: DeviceChoice, exclude: str | None = None) -> list[Resident]:
        """Serve residents on ``choice`` that may go now (loaded, not in use), least recently used first."""
        with self.lock:
            found = [
                r
                for r in self._residents.values()
                if r.policy == SERVE and r.loaded and not r.in_use and r.device == choice.device and r.name != exclude
            ]
        return sorted(found, key=lambda r: r.last_used)

    def fits(self, choice: DeviceChoice, need_mb: float, *, evicting: bool = True, exclude: str | None = None) -> bool:
        """Whether ``need_mb`` fits on ``choice`` now (free memory after the margin, and the budget), or
        would once the evictable serve residents went."""
        room = sum(r.held_mb for r in self.evictable(choice, exclude)) if evicting else 0.0
        return self.manager(choice).fits(max(0.0, need_mb - room)) and self._in_budget(choice, need_mb - room, exclude)

    def _in_budget(self, choice: DeviceChoice, need_mb: float, exclude: str | None = None) -> bool:
        if self.budget_mb is None:
            return True
        return self.held_by(choice, exclude=exclude) + need_mb <= self.budget_mb

    def headroom_mb(self, choice: DeviceChoice, exclude: str | None = None) -> float:
        """What a new load may take on ``choice`` now: free memory after the margin, within the budget."""
        free = self.manager(choice).headroom_mb()
        if self.budget_mb is None:
            return free
        return min(free, self.budget_mb - self.held_by(choice, exclude=exclude))

    def _make_room(self, name: str, choice: DeviceChoice, need_mb: float) -> list[str]:
        """Evict serve residents (through ``evictor``), least recently used first, until ``need_mb`` fits;
        the names evicted. InsufficientMemoryError when nothing is left to evict."""
        manager = self.manager(choice)
        evicted: list[str] = []
        evict = self.evictor
        while not (manager.fits(need_mb) and self._in_budget(choice, need_mb, name)):
            victims = self.evictable(choice, exclude=name)
            if not victims or evict is None:
                budget = f" and the {self.budget_mb:g} MB budget" if self.budget_mb is not None else ""
                entry = self._residents.get(name)
                who = entry.label if entry is not None else name
                raise InsufficientMemoryError(
                    f"{who} needs about {need_mb:.0f} MB and {max(0.0, self.headroom_mb(choice, name)):.0f} MB is "
                    f"free on {choice.device} after the {self.margin_mb:g} MB margin{budget}, with nothing left "
                    "to unload"
                )
            victim = victims[0]
            logger.info("evicting %s (least recently used) to make room for %s", victim.name, name)
            evict(victim)
            evicted.append(victim.name)
        return evicted

    # --- the path -----------------------------------------------------------------------------------
    def _start(self, resident: Resident, choice: DeviceChoice, level: float | None = None) -> None:
        """Take ``resident``'s baseline on ``choice`` (once per device), with what the others hold there."""
        resident.start(self.manager(choice), level, self._others(choice, resident.name))

    def _admit(
        self, name: str, policy: str, choice: DeviceChoice, key: EstimateKey | None, estimate_mb: float
    ) -> Resident:
        """Enter ``name`` in the table (not loaded yet), replacing a released entry of the same name."""
        with self.lock:
            current = self._residents.get(name)
            if current is not None and current.loaded:
                raise RuntimeError(f"{name} is already resident")
            resident = Resident(name, policy, choice, key, estimate_mb, last_used=self.clock())
            self._residents[name] = resident
            return resident

    def _load(
        self, resident: Resident, load: Callable[[], Any], held: Callable[[], float | None] | None = None
    ) -> float:
        """A measured load; the seconds it took. The resident's held figure is what the loadable reports
        holding, else the level after the load over the baseline."""
        manager = self.manager(resident.choice)
        self._start(resident, resident.choice)
        with manager.measure() as m:
            load()
        resident.saw(manager.device, m)
        reported = held() if held is not None else None
        after = manager.used_mb()
        resident.held_mb = max(0.0, after - resident.baselines[manager.device]) if reported is None else reported
        with self.lock:
            resident.loaded, resident.suspended = True, False
            resident.loads += 1
            self._loads[resident.name] = self._loads.get(resident.name, 0) + 1
            resident.last_used = self.clock()
        return m.seconds

    @contextmanager
    def _use(self, resident: Resident, measure: bool = True) -> Iterator[Measurement]:
        """One use (a job, a sentence): while it lasts the resident is not evicted; measured, its peak counts
        towards what the loadable needs. (``measure=False``: work beside other work in this process, whose
        peaks cannot be told apart.)"""
        manager = self.manager(resident.choice)
        self._start(resident, resident.choice)
        with self.lock:
            resident.in_use += 1
        try:
            if not measure:
                yield Measurement()
                return
            with manager.measure() as m:
                yield m
            resident.saw(manager.device, m)
        finally:
            with self.lock:
                resident.in_use -= 1
                resident.last_used = self.clock()

    def _moved(self, resident: Resident, choice: DeviceChoice) -> None:
        """The loadable now runs on ``choice`` (an out-of-memory fallback); it keeps one baseline per device."""
        resident.choice = choice
        self.manager(choice).clean()
        self._start(resident, choice)

    def _release(
        self,
        resident: Resident,
        unload: Callable[[], Any] | None,
        reason: str,
        *,
        record: EstimateKey | None = None,
        forget: bool = True,
    ) -> Released:
        """Unload, clean, and verify on every device the resident used that memory came back to its
        baseline; then record its peak under ``record`` (the key of where it ended up). Never raises: a
        failure to unload or clean is in the result, and the table and the ledger are still written."""
        t0 = time.perf_counter()
        error = None
        outcome = None
        before = self.manager(resident.choice).used_mb()
        if unload is not None:
            try:
                outcome = unload()
            except Exception as exc:
                error = f"unload failed: {type(exc).__name__}: {exc}"
                logger.error("%s: %s", resident.label, error)
        reports: dict[str, CleanupReport] = {}
        returned = True
        for device, baseline in resident.baselines.items():
            choice = self._choice(device, resident)
            # What the other residents loaded (or gave back) since the baseline is theirs.
            target = baseline + self._others(choice, resident.name) - resident.others.get(device, 0.0)
            report = self.manager(choice).verify_returned(resident.label, target)
            reports[device] = report
            returned = returned and report.returned
            error = error or report.error
        free_after = None
        if resident.free_before_mb is not None:
            free_after = self.manager(resident.choice).free_mb()
            if free_after < resident.free_before_mb - self.tolerance_mb:
                returned = False
                logger.warning(
                    "%s: %.0f MB free on %s after its worker ended vs %.0f MB before it started",
                    resident.label, free_after, resident.device, resident.free_before_mb,
                )  # fmt: skip
        after = reports[resident.device].after_mb if resident.device in reports else before
        with self.lock:
            resident.loaded = False
            resident.held_mb = 0.0
            if forget and self._residents.get(resident.name) is resident:
                del self._residents[resident.name]
                self._leases.pop(resident.name, None)
        if record is not None and not resident.suspensions:  # a suspended stage's peak mixes in others' work
            # Less what other residents grew by meanwhile on its device (models the server loaded beside it).
            growth = self._others(resident.choice, resident.name) - resident.others.get(resident.device, 0.0)
            self._record(record, max(0.0, resident.delta() - max(0.0, growth)))
        logger.debug("released %s (%s): %.0f -> %.0f MB", resident.label, reason, before, after)
        return Released(
            resident.name,
            after,
            returned and error is None,
            time.perf_counter() - t0,
            max(0.0, before - after),
            error,
            outcome,
            free_after,
        )

    def _suspend(self, resident: Resident, unload: Callable[[], Any]) -> float:
        """Unload a pinned run resident at a boundary to make room (its entry and figures are kept); the MB
        that came back. Not verified against its baseline: the run's job holds buffers of its own meanwhile."""
        manager = self.manager(resident.choice)
        before = manager.used_mb()
        unload()
        after = manager.clean()
        with self.lock:
            resident.loaded, resident.suspended, resident.held_mb = False, True, 0.0
            resident.suspensions += 1
        return max(0.0, before - after)

    def _resume(self, resident: Resident, load: Callable[[], Any]) -> float:
        """Load a suspended resident again, evicting serve residents it needs room from; the seconds it took."""
        self._make_room(resident.name, resident.choice, resident.estimate_mb)
        manager = self.manager(resident.choice)
        before = manager.used_mb()
        with manager.measure() as m:
            load()
        resident.saw(manager.device, m)
        with self.lock:
            resident.loaded, resident.suspended = True, False
            resident.held_mb = max(0.0, manager.used_mb() - before)
            resident.loads += 1
            self._loads[resident.name] = self._loads.get(resident.name, 0) + 1
        return m.seconds

    def _record(self, key: EstimateKey, peak_mb: float) -> None:
        """The one place the ledger is written (``use_ledger`` decides whether its figures are used, not
        whether it learns)."""
        if self.ledger is None:
            return
        try:
            self.ledger.record(key, peak_mb)
        except OSError as exc:
            logger.warning("estimate not recorded in %s: %s", self.ledger.path, exc)

    def _choice(self, device: str, resident: Resident) -> DeviceChoice:
        manager = self.managers.get(device)
        return manager.choice if manager is not None else DeviceChoice(device, resident.choice.reason)

    # --- the one public path ------------------------------------------------------------------------
    def acquire(
        self,
        loadable: Loadable,
        policy: str,
        *,
        on_no_room: Callable[[float], None] | None = None,
        on_load_error: Callable[[Exception], Callable[[], None]] | None = None,
        watch_device_free: bool = False,
    ) -> Lease:
        """A lease on ``loadable`` under ``policy`` (RUN or SERVE), entered in the table with its estimate;
        entering the lease (``with`` or :meth:`Lease.open`) fits and loads it. ``on_no_room(headroom_mb)``:
        called when the estimate does not fit on its device now; it may move the loadable (a CPU fallback) or
        raise its own error. ``on_load_error(exc)``: called in the handler of a failed load; it raises to
        give up, or returns what to do outside the handler (clean, apply a fallback) before the load is tried
        again. ``watch_device_free``: also compare
        the device's own free figure before and after (a worker process's exit must give back its context)."""
        key = loadable.key()
        estimate = self.estimate(key, loadable.static_mb)
        resident = self._admit(loadable.name, policy, loadable.device(), key, estimate.mb)
        lease = Lease(self, loadable, resident, estimate, on_no_room, on_load_error, watch_device_free)
        with self.lock:
            self._leases[loadable.name] = lease
        return lease

    def evict_for(self, choice: DeviceChoice, need_mb: float, what: str) -> list[str]:
        """Make room for work that loads outside this core (a Ray worker process): evict by the serve policy
        until ``need_mb`` fits, as an acquire would; the names evicted. Never raises: what still does not fit
        is the other process's plan to refuse."""
        try:
            return self._make_room(what, choice, need_mb)
        except InsufficientMemoryError as exc:
            logger.info("%s", exc)
            return []

    def view(self, name: str) -> Record | None:
        """What the core knows of ``name`` now (None: never loaded here)."""
        with self.lock:
            r = self._residents.get(name)
            loads = self._loads.get(name, 0)
            if r is None:
                return Record(name, False, 0.0, 0.0, loads, 0.0) if loads else None
            return Record(name, r.loaded, r.held_mb, r.last_used, loads, r.baselines.get(r.device, 0.0))

    def holds_run(self) -> bool:
        """Whether a run's loadable is loaded in this core now (its figures mix with any other work's)."""
        with self.lock:
            return any(r.policy == RUN and r.loaded for r in self._residents.values())

    def suspendable_for(self, choice: DeviceChoice, need_mb: float, exclude: str | None = None) -> Lease | None:
        """A run's lease, loaded on ``choice`` and suspendable, whose memory would let ``need_mb`` fit if it
        were suspended."""
        with self.lock:
            leases = list(self._leases.values())
        for lease in leases:
            r = lease.resident
            here = r.policy == RUN and r.loaded and lease.loadable.suspendable and r.device == choice.device
            if here and self.fits(choice, max(0.0, need_mb - r.held_mb), exclude=exclude):
                return lease
        return None

    def table(self) -> list[dict[str, Any]]:
        """Every resident, and every model kept for the process, for logs, /metrics and tests."""
        from avatar.memory import kept

        with self.lock:
            return [
                {
                    "name": r.name,
                    "policy": r.policy,
                    "device": r.device,
                    "loaded": r.loaded,
                    "suspended": r.suspended,
                    "held_mb": round(r.held_mb, 1),
                    "key": r.key.text if r.key is not None else None,
                }
                for r in self._residents.values()
            ] + [
                {
                    "name": k.name,
                    "policy": kept.KEPT,
                    "device": kept.CPU.device,
                    "loaded": k.loaded,
                    "suspended": False,
                    "held_mb": round(k.held_mb, 1),
                    "key": None,
                }
                for k in kept.kept()
                if k.loaded
            ]


class Lease:
    """One loadable's residency, from :meth:`Residency.acquire` to its release. A context manager:
    entering fits and loads (see the module docstring), leaving releases. Only its holder calls it.

    ``resident`` is the core's record of it, for the holder's figures (baselines, peaks); ``estimate`` the
    figure it was fitted with; ``released`` what the release found, once released."""

    def __init__(
        self,
        core: Residency,
        loadable: Loadable,
        resident: Resident,
        estimate: Estimate,
        on_no_room: Callable[[float], None] | None,
        on_load_error: Callable[[Exception], Callable[[], None]] | None,
        watch_device_free: bool,
    ) -> None:
        self.core, self.loadable, self.resident, self.estimate = core, loadable, resident, estimate
        self._on_no_room, self._on_load_error = on_no_room, on_load_error
        self._watch_free = watch_device_free
        self.evicted: list[str] = []
        self.load_s = 0.0
        self.opened = False  # the load succeeded
        self._load_failed = False
        self.uses = 0  # uses that finished without an error
        self.released: Released | None = None

    @property
    def name(self) -> str:
        return self.loadable.name

    @property
    def loaded(self) -> bool:
        return self.resident.loaded

    def __enter__(self) -> Lease:
        self.open()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close("done" if exc is None else "failed")

    def open(self) -> float:
        """Clean, fit (evicting by the policy), take the baseline, load (measured); the seconds the load
        took. The cleanup comes first, so garbage earlier work left to the collector neither takes the room
        the fit counts (a refused load, an evicted warm model) nor is taken off what the load measures. On
        any failure the lease is released before the error goes on."""
        try:
            choice = self.loadable.device()
            level = self.core.manager(choice).clean()
            self._fit()
            manager = self.core.manager(self.resident.choice)
            unchanged = self.resident.choice == choice and not self.evicted  # else the level moved: clean again
            self.core._start(self.resident, self.resident.choice, level if unchanged else None)
            if self._watch_free:
                self.resident.free_before_mb = manager.free_mb()
            try:
                self.load_s = self._load()
            except BaseException:
                self._load_failed = True
                raise
        except BaseException:
            self.close("its load failed")
            raise
        self.opened = True
        return self.load_s

    def _fit(self) -> None:
        core, choice, need = self.core, self.loadable.device(), self.resident.estimate_mb
        if not core.fits(choice, need) and self._on_no_room is not None:
            self._on_no_room(core.headroom_mb(choice, self.name))
            if self.loadable.device() != choice:
                self.moved()
            choice = self.loadable.device()
        self.evicted = core._make_room(self.name, choice, need)

    def _load(self) -> float:
        while True:
            try:
                return self.core._load(self.resident, self.loadable.load, self.loadable.held_mb)
            except Exception as exc:
                if self._on_load_error is None:
                    raise
                recover = self._on_load_error(exc)
            recover()  # outside the handler: the failed attempt's frames (and tensors) are gone

    @contextmanager
    def use(self, measure: bool = True) -> Iterator[Measurement]:
        """One use (a job, a sentence): never evicted meanwhile, measured (``measure=False``: beside other
        work in this process, whose peaks cannot be told apart), recency refreshed."""
        with self.core._use(self.resident, measure) as m:
            yield m
        self.uses += 1

    def moved(self) -> None:
        """The loadable now runs on another device (``loadable.device()``: an out-of-memory fallback)."""
        self.core._moved(self.resident, self.loadable.device())

    def suspend(self) -> float:
        """Unload at a boundary to make room (figures kept); the MB that came back."""
        return self.core._suspend(self.resident, self.loadable.unload)

    def resume(self) -> float:
        """Load again after :meth:`suspend`, evicting serve residents it needs room from; the seconds."""
        return self.core._resume(self.resident, self.loadable.load)

    def close(self, reason: str = "done", *, unload: bool = True, record: bool | None = None) -> Released:
        """Release (once; later calls return the same result): unload (``unload=False``: it is gone
        already), clean, verify, and record the peak under the loadable's key as it is now (``record``
        None: a run records when a use finished, a served model whenever it loaded)."""
        if self.released is not None:
            return self.released
        r = self.resident
        leftovers = self._load_failed and self.loadable.unload_after_failed_load
        do_unload = unload and (r.loaded or self.loadable.unload_always or leftovers) and not r.suspended
        if record is None:
            record = self.opened and (self.uses > 0 if r.policy == RUN else True)
        key = self.loadable.key() if record else None
        self.released = self.core._release(r, self.loadable.unload if do_unload else None, reason, record=key)
        return self.released


def open_residency(memory: MemorySettings, ledger: EstimateLedger | None = None) -> Residency:
    """The one factory: a residency core with the memory settings' margin, tolerance and budget, over the
    estimates ledger (``$AVATAR_STATE_DIR/estimates.json`` unless one is given)."""
    if ledger is None:
        from avatar.paths import state_dir

        ledger = EstimateLedger(state_dir() / ESTIMATES_FILE)
    return Residency(ledger, memory.safety_margin_mb, memory.cleanup_tolerance_mb, memory.use_ledger, memory.budget_mb)
