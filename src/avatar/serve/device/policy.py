"""The serve policy over the residency core: the server's speech models, each a lease while it is loaded.

1. a task needs a model that is not loaded: its lease is acquired (``Residency.acquire`` with the ``serve``
   policy: the ledger's or the host's estimate; while it does not fit, the least recently used loaded model
   that is not in use goes, its memory cleaned and verified); then it loads, measured;
2. models stay warm while they fit; a model idle longer than ``serve.idle_unload_s`` (if set) is unloaded;
3. out of memory during a load or a generation: that model is unloaded and memory cleaned.

Each sentence is a use of its model's lease (:meth:`ServePolicy.use`). How a model is hosted (in this process,
or in a worker process) is :mod:`avatar.isolation.models`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from avatar.errors import AvatarError, DeviceBusy, InsufficientMemoryError, UnknownNameError
from avatar.isolation.models import HostSpec, ModelHost
from avatar.memory.residency import SERVE, Lease, Loadable
from avatar.serve.device.figures import ModelState, estimate_figure
from avatar.serve.device.tasks import Call, Task, UnloadModel

if TYPE_CHECKING:
    from avatar.config.schema import Settings
    from avatar.hardware.choice import DeviceChoice
    from avatar.memory.ledger import EstimateKey
    from avatar.memory.residency import Manager, Residency
    from avatar.serve.device.startup import Device
    from avatar.serve.metrics import Metrics

logger = logging.getLogger(__name__)


_WARM_TEXT = (
    "the morning light moved slowly over quiet rivers and green hills while seven travellers walked along "
    "the old stone road toward a small town where bright windows stood open above the market"
)


def warm_lengths(chars: int) -> list[int]:
    """The sentence lengths a model is warmed with: the longest, then two shorter. The longest sizes
    onnxruntime's arena, but its pages become resident only as tensors are written, and the tensors of shorter
    sentences lie elsewhere in it: warmed with the longest alone, piper's RSS rose another 21.5 MB over its
    next 96 sentences of 3-45 words; with these, 7.1 MB (``benchmarks/bench_warm.py``)."""
    return [chars] + [n for n in (chars * 3 // 8, chars // 10) if n >= 20]


def longest_sentence(chars: int) -> str:
    """Plain words, one sentence of at most ``chars`` characters (its full stop included), within a word of
    it."""
    vocabulary = _WARM_TEXT.split()
    words: list[str] = []
    length = 1  # the sentence so far with its full stop
    while True:
        word = vocabulary[len(words) % len(vocabulary)]
        if length + len(word) + (1 if words else 0) > chars:
            break
        length += len(word) + (1 if words else 0)
        words.append(word)
    return " ".join(words) + "."


class ServePolicy:
    def __init__(
        self,
        settings: Settings,
        metrics: Metrics,
        *,
        models: list[str],
        host_factory: Callable[[HostSpec], ModelHost],
        device_lock: threading.RLock,
        on_device_thread: Callable[[], bool],
    ) -> None:
        self.settings = settings
        self.metrics = metrics
        self.host_factory = host_factory
        self.device_lock = device_lock
        self._on_device_thread = on_device_thread
        self.states = {m: ModelState(m) for m in models}
        self.hosts: dict[str, ModelHost] = {}
        self.leases: dict[str, Lease] = {}  # each loaded model's lease on the core
        # The residency core, shared with the pipeline runs the device thread executes (serve/runs.py).
        self.residency: Residency | None = None
        self.choice: DeviceChoice | None = None
        self.device = "?"
        self.dtype = ""
        self.baseline_mb = 0.0
        self._lock = threading.Lock()  # the states, read by the HTTP side

    @property
    def manager(self) -> Manager | None:
        return None if self.residency is None or self.choice is None else self.residency.manager(self.choice)

    def open(self, device: Device) -> None:
        """On the opened device: the core's eviction is this policy's; each model's capabilities, languages,
        voices and next estimate are known; the level with nothing loaded is what a recovery verifies."""
        from avatar.backends.registry import backend_class

        self.dtype, self.device, self.choice = device.dtype, device.name, device.choice
        self.residency = device.residency
        self.residency.evictor = self.evict
        for name in self.states:
            try:
                self.states[name].capabilities = backend_class(name).capabilities()
            except AvatarError:  # a host of something that is not a registered backend
                pass
            host = self.host(name)
            try:
                langs, voices = host.languages(), host.voices()
            except AvatarError as exc:
                langs, voices = [], []
                logger.info("model %s: %s", name, exc)
            with self._lock:
                self.states[name].languages, self.states[name].voices = langs, voices
            self.note_estimate(name, host)
        self.memory()
        self.baseline_mb = self.residency.manager(device.choice).used_mb()  # nothing loaded

    def host(self, name: str) -> ModelHost:
        if name not in self.hosts:
            options = dict(self.settings.serve.backend_options.get(name, {}))
            spec = HostSpec(name, self.device, self.dtype, self.settings.models.get(name), options)
            self.hosts[name] = self.host_factory(spec)
        return self.hosts[name]

    def set(self, name: str, **changes: Any) -> None:
        with self._lock:
            for k, v in changes.items():
                setattr(self.states[name], k, v)

    def ensure_loaded(self, name: str) -> ModelHost:
        """The model's host, loaded (through the lease) if it was not. Only on the thread that holds the
        device (the device thread, or the lane that holds the device lock)."""
        host = self.host(name)
        if not host.loaded:
            self.load(name)
        return host

    @contextmanager
    def use(self, name: str) -> Iterator[None]:
        """One use of loaded model ``name`` (a sentence), through its lease: never evicted meanwhile, its
        recency refreshed, and measured where nothing else runs (beside a run, the process's peak is the
        run's too). Only on the thread that holds the model (see ``ensure_loaded``)."""
        lease = self.leases.get(name)
        if lease is None or self.residency is None:
            yield
            return
        alone = self._on_device_thread() and not self.residency.holds_run()
        with lease.use(measure=alone):
            yield

    # --- what fits beside a pipeline run ----------------------------------------------------------
    def fits_beside(self, task: Task) -> bool:
        """Whether a task can run beside a pipeline run: its model is loaded, or its estimate fits in what
        is free (serve models may be evicted for it; the run's own model is never touched)."""
        if isinstance(task, Call):
            return task.fits_beside_run  # the task's kind says (a voice check's encoder is small, on the CPU)
        if task.model not in self.states or self.manager is None:
            return True  # answered at once (an unknown model is an error, not a load)
        host = self.host(task.model)
        if host.loaded:
            return True
        if isinstance(task, UnloadModel):
            return True
        assert self.residency is not None and self.choice is not None
        return self.residency.fits(self.choice, self._estimate(task.model, host), exclude=task.model)

    def room_for(self, task: Task) -> Lease | None:
        """A run's stage, loaded here and suspendable, whose memory would let ``task`` fit if it went."""
        if self.residency is None or self.choice is None or task.model is None or task.model not in self.states:
            return None  # work that loads what it needs itself: it waits for the run's stage to end
        need = self._estimate(task.model, self.host(task.model))
        return self.residency.suspendable_for(self.choice, need, exclude=task.model)

    # --- estimates --------------------------------------------------------------------------------
    def _estimate_key(self, name: str, host: ModelHost) -> EstimateKey:
        """The backend's key (``backends.base.estimate_key``): a `synthesize` stage in the CLI that loads the
        same backend the same way shares it."""
        from avatar.backends.base import estimate_key

        assert self.choice is not None
        isolated = bool(getattr(host, "isolated", False))
        chunk = self.settings.chunk_chars
        return estimate_key(name, host.model_id(), self.dtype, self.choice.kind, isolated, chunk, host.spec.options)

    def _estimate(self, name: str, host: ModelHost) -> float:
        assert self.residency is not None
        try:
            return float(self.residency.estimate(self._estimate_key(name, host), host.estimate_mb()).mb)
        except AvatarError:
            return host.estimate_mb()

    def note_estimate(self, name: str, host: ModelHost) -> None:
        """What /v1/models shows: the estimate the next load will use, and where it came from."""
        assert self.residency is not None
        try:
            key = self._estimate_key(name, host)
            found = self.residency.estimate(key, host.estimate_mb())
        except AvatarError as exc:
            logger.debug("model %s: no estimate: %s", name, exc)
            return
        self.set(name, estimate=estimate_figure(key, found.mb, found.source, found.runs))

    # --- load, unload, evict ----------------------------------------------------------------------
    def evict(self, victim: Any) -> None:
        """The serve policy's eviction, for the core: the least recently used model goes (from the device
        thread, or from a run's thread that needs the room for its stage)."""
        with self.device_lock:
            self.unload(victim.name, "evicted (least recently used)")

    def load(self, name: str) -> dict[str, Any]:
        assert self.manager is not None and self.residency is not None and self.choice is not None
        manager = self.manager
        host = self.host(name)
        before = manager.used_mb()
        if host.loaded:
            return {
                "model": name,
                "state": "loaded",
                "memory_before_mb": round(before, 1),
                "memory_after_mb": round(before, 1),
                "seconds": 0.0,
                "evicted": [],
            }
        t0 = time.perf_counter()
        stale = self.leases.pop(name, None)
        if stale is not None:  # its host ended under it (a worker process killed): what it held is back
            stale.close("its host ended", unload=False, record=False)
        choice = self.choice
        found: dict[str, list[str]] = {}

        def load() -> None:
            host.load()
            found["languages"], found["voices"] = host.languages(), host.voices()
            self._warm(name, host)

        loadable = Loadable(
            name,
            lambda: choice,
            lambda: self._estimate_key(name, host),
            host.estimate_mb(),
            load,
            host.unload,
            held_mb=host.held_mb,
            unload_after_failed_load=True,
        )
        host.prepare()  # its libraries' imports before the lease's baseline: they are not the model's memory
        lease = self.residency.acquire(loadable, SERVE)
        need = lease.estimate.mb
        previous = self.states[name].state
        self.set(name, state="loading", error=None)
        logger.info("loading model %s (estimate %.0f MB)", name, need)
        try:
            lease.open()
        except InsufficientMemoryError as exc:  # nothing was loaded: evicting every idle model was not enough
            self.set(name, state=previous)
            raise DeviceBusy(f"{exc}; retry later", self.settings.serve.retry_after_s, "insufficient_memory") from None
        except BaseException as exc:
            self.set(name, state="error", error=str(exc))
            raise
        self.leases[name] = lease
        evicted = lease.evicted
        before = lease.resident.baselines.get(manager.device, before)  # after the core's cleanup and evictions
        after = manager.used_mb()
        held = lease.resident.held_mb
        seconds = time.perf_counter() - t0
        with self._lock:
            s = self.states[name]
            s.state, s.languages, s.voices = "loaded", found["languages"], found["voices"]
            s.loaded_at = self.residency.clock()
        self.metrics.loads.labels(name).inc()
        self.metrics.load_seconds.labels(name).observe(seconds)
        self.metrics.model_memory.labels(name).set(held)
        self.memory()
        logger.info("loaded model %s in %.2f s: %.0f -> %.0f MB", name, seconds, before, after)
        return {
            "model": name,
            "state": "loaded",
            "memory_before_mb": round(before, 1),
            "memory_after_mb": round(after, 1),
            "seconds": round(seconds, 3),
            "evicted": evicted,
        }

    def _warm(self, name: str, host: ModelHost) -> None:
        """One sentence of ``serve.warm_chars`` characters (at most ``chunk_chars``, the longest the server gives
        a model), spoken as the model loads where its backend keeps the working memory of its longest input:
        part of the load, so the lease measures it."""
        chars = min(self.settings.serve.warm_chars, self.settings.chunk_chars)
        if chars <= 0 or not host.keeps_working_memory():
            return
        from avatar.backends.base import SynthesisRequest

        t0 = time.perf_counter()
        for n in warm_lengths(chars):
            host.speak(SynthesisRequest(text=longest_sentence(n)))
        logger.info(
            "model %s warmed with a %d-character sentence (and shorter ones) in %.2f s",
            name,
            chars,
            time.perf_counter() - t0,
        )

    def unload(self, name: str, reason: str) -> dict[str, Any]:
        if name not in self.states:
            raise UnknownNameError("model", name, list(self.states))
        assert self.manager is not None and self.residency is not None
        manager = self.manager
        host = self.hosts.get(name)
        lease = self.leases.get(name)
        t0 = time.perf_counter()
        before = manager.used_mb()
        if host is None or not host.loaded:
            if lease is not None:  # its host ended under it: nothing to unload, the lease goes
                self.leases.pop(name, None)
                lease.close("its host ended", unload=False, record=False)
            return {
                "model": name,
                "state": self.states[name].state,
                "memory_before_mb": round(before, 1),
                "memory_after_mb": round(before, 1),
                "seconds": 0.0,
                "returned": True,
            }
        self.set(name, state="unloading")
        if lease is None:  # loaded outside the core (cannot happen through load): a lease only to release it
            lease = self.residency.acquire(
                Loadable(name, lambda: manager.choice, lambda: None, 0.0, host.load, host.unload, unload_always=True),
                SERVE,
            )
        # What it needed over its residency (load and measured uses) goes to the ledger under its key.
        released = lease.close(reason)
        self.leases.pop(name, None)
        self.set(name, state="unloaded", loaded_at=None)
        self.note_estimate(name, host)
        if released.error:
            logger.error("model %s: %s", name, released.error)
        seconds = time.perf_counter() - t0
        self.metrics.unloads.labels(name, reason).inc()
        self.metrics.returned.labels(name).inc(released.returned_mb)
        self.metrics.model_memory.labels(name).set(0.0)
        if not released.returned:
            self.metrics.unreturned.labels(name).inc()
        self.memory()
        logger.info(
            "unloaded model %s (%s) in %.2f s: %.0f -> %.0f MB", name, reason, seconds, before, released.after_mb
        )
        return {
            "model": name,
            "state": "unloaded",
            "memory_before_mb": round(before, 1),
            "memory_after_mb": round(released.after_mb, 1),
            "seconds": round(seconds, 3),
            "returned": released.returned,
            "returned_mb": round(released.returned_mb, 1),
        }

    def unload_all(self, reason: str) -> None:
        for name in list(self.hosts):
            self.unload(name, reason)

    def unload_idle(self) -> None:
        idle = self.settings.serve.idle_unload_s
        if idle <= 0:
            return
        core = self.residency
        if core is None:
            return
        now = core.clock()
        with self._lock:
            loaded = [n for n, s in self.states.items() if s.state == "loaded"]
        stale = [n for n in loaded if (r := core.view(n)) is not None and now - r.last_used >= idle]
        for name in stale:
            try:
                self.unload(name, f"idle for {idle:g} s")
            except Exception as exc:
                logger.error("idle unload of %s failed: %s", name, exc)

    def out_of_memory(self, name: str) -> None:
        """``name`` ran out of memory: it is unloaded (a served model), or memory is cleaned (work that
        loads models of its own: theirs are gone)."""
        self.metrics.oom.labels(name).inc()
        if name in self.states:
            self.unload(name, "out of memory")
        elif self.manager is not None:
            self.manager.clean()

    def recover(self) -> None:
        """After the device thread died: every model unloaded (hosts dropped, whatever state they were left
        in), memory cleaned and verified, before the queue is served again."""
        assert self.manager is not None and self.residency is not None
        for name in list(self.hosts):
            host = self.hosts.pop(name)
            try:
                host.unload()
            except BaseException as exc:
                logger.warning("model %s did not unload cleanly after the worker died: %s", name, exc)
            lease = self.leases.pop(name, None)
            if lease is not None:  # what it held is gone with the host: released without unloading again
                lease.close("the device thread died", unload=False, record=False)
            self.set(name, state="unloaded", loaded_at=None)
            self.metrics.model_memory.labels(name).set(0.0)
        report = self.manager.verify_returned("the recovered device thread", self.baseline_mb)
        logger.info("device thread recovered: %.0f MB in use after unloading every model", report.after_mb)

    # --- what the HTTP side reads -----------------------------------------------------------------
    def snapshot(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            states = dict(self.states)
        core = self.residency
        return {name: s.public(core.view(name) if core is not None else None) for name, s in states.items()}

    def memory(self) -> dict[str, Any]:
        if self.manager is None:
            return {"device": self.device}
        status = self.manager.status().as_dict()
        self.metrics.device_used.labels(self.device).set(float(status["used_by_us_mb"]))
        self.metrics.device_free.labels(self.device).set(float(status["free_mb"]))
        return status
