"""The device worker: one thread that owns every model and runs every job, one at a time.

HTTP handlers put jobs on a bounded queue (full: 429) and await what the worker sends back through the
job's ``emit`` callback (thread-safe, set by the handler). The worker's residency policy, with the memory
manager the runner uses:

1. a job needs a model that is not loaded: check capacity (``MemoryManager.fits`` with the ledger's or the
   host's estimate); while it does not fit, unload the least recently used loaded model, clean and verify
   that its memory came back; then load and measure;
2. keep models warm while they fit; unload a model idle longer than ``idle_unload_s`` (if set);
3. out of memory during a load or a generation: unload that model, clean, and answer 503 + Retry-After.

Scheduling, interactive work first: each job has a class, ``interactive`` (speech, voice checks, model
control), ``studio`` (pipeline runs over HTTP) or ``batch``; the queue hands out the best class first, in
arrival order within a class. A pipeline run holds the thread for its whole length, so at each of its job
and chunk boundaries it calls :meth:`DeviceWorker.yield_point`. While a run holds the thread, an
*interactive lane* (a second thread) runs the interactive jobs whose model is loaded or fits beside the
run's, at once: the service's model instances are not the run's, and each is only ever called by the one
thread that holds the residency lock, so no model instance is used by two threads. An interactive job that
does not fit waits for the run's next boundary, where :meth:`yield_point` lets the lane finish first.

No job's exception ends the thread: each job is answered, with an error where it failed. Should the thread
die anyway (an exception outside any job), a supervisor thread logs it, answers the job in hand, and starts a
new worker thread that first unloads every model and verifies the memory came back, then serves the queue;
meanwhile ``alive`` is False (``/ready`` answers 503).

Fair shares: a job carries its caller (``user``); one user holds at most ``serve.limits.queued`` places in
the device queue (queued, running, or parked for a slow reader) and is answered 429 beyond that, before
anything is queued, so one caller's long requests never fill the queue (``serve.queue``) for everyone.

Generation is sentence by sentence; a job whose client went away (``cancelled``) stops before the next
sentence. A streamed job has a :class:`Flow`: once ``serve.limits.stream_ahead_s`` seconds of its audio wait
unread, the job is *parked* (off the device, its place kept) and goes back on the queue when its reader has
taken half of that, so a reader that does not read holds neither the device nor more than that much audio.
As one thread runs every generation, no two generations race on a model and no two requests'
audio can mix. How a model is hosted (in this process, or in a worker process) is :mod:`avatar.isolation.models`.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from avatar.atomic import charged_to
from avatar.errors import AvatarError, InputError, InsufficientMemoryError, UnknownNameError
from avatar.isolation.models import HostSpec, InProcessModelHost, ModelHost
from avatar.memory.residency import SERVE, Lease, Loadable, Record, Residency
from avatar.serve.errors import Busy
from avatar.serve.quotas import QuotaExceeded
from avatar.speaking.service import chunk_request

if TYPE_CHECKING:
    from avatar.config.schema import Settings
    from avatar.hardware.choice import DeviceChoice
    from avatar.memory.ledger import EstimateKey
    from avatar.memory.residency import Manager
    from avatar.serve.metrics import Metrics
    from avatar.voices.profile import VoiceProfile

logger = logging.getLogger(__name__)

STATES = ("unloaded", "loading", "loaded", "unloading", "error")
POLL_S = 0.25


@dataclass
class Started:
    """The first item a speech job emits: the sample rate of the chunks that follow."""

    sample_rate: int


DONE = object()  # the last item of a job (after its chunks), unless an exception is emitted instead


INTERACTIVE, STUDIO, BATCH = "interactive", "studio", "batch"
CLASSES = (INTERACTIVE, STUDIO, BATCH)  # best first


class Flow:
    """Back-pressure between a streamed speech job and its reader (thread-safe: the worker sends, the request's
    loop takes). The worker asks :meth:`park` before each sentence: with ``ahead_s`` seconds or more of audio
    sent and not yet taken, the job is parked and ``resume`` is called once the reader has taken enough (half
    of it), or at once when the job is cancelled (:meth:`close`), so a parked job always comes back to be
    answered and to give its place back."""

    def __init__(self, ahead_s: float) -> None:
        self.ahead_s = float(ahead_s)
        self.buffered_s = 0.0  # audio sent and not yet taken by the reader
        self.peak_s = 0.0
        self.parks = 0
        self._rate = 0
        self._closed = False
        self._resume: Callable[[], None] | None = None
        self._lock = threading.Lock()

    @staticmethod
    def _samples(item: Any) -> int:
        samples = getattr(item, "samples", item)
        return int(getattr(samples, "size", 0) or 0)

    def sent(self, item: Any, sample_rate: int) -> None:
        with self._lock:
            self._rate = sample_rate
            self.buffered_s += self._samples(item) / max(1, sample_rate)
            self.peak_s = max(self.peak_s, self.buffered_s)

    def took(self, item: Any) -> None:
        """The reader took ``item`` off the job's channel."""
        if isinstance(item, Started) or item is DONE or isinstance(item, BaseException):
            return
        resume = None
        with self._lock:
            self.buffered_s = max(0.0, self.buffered_s - self._samples(item) / max(1, self._rate))
            if self._resume is not None and self.buffered_s <= self.ahead_s / 2:
                resume, self._resume = self._resume, None
        if resume is not None:
            resume()

    def park(self, resume: Callable[[], None]) -> bool:
        """True (and ``resume`` kept for later) when the reader is ``ahead_s`` behind; False: go on."""
        with self._lock:
            if self._closed or self.buffered_s < self.ahead_s:
                return False
            self._resume = resume
            self.parks += 1
            return True

    def close(self) -> None:
        """The job was cancelled: a parked job comes back now (to be answered and give its place back)."""
        with self._lock:
            self._closed = True
            resume, self._resume = self._resume, None
        if resume is not None:
            resume()


class _Cancel(threading.Event):
    """A streamed job's ``cancelled``: setting it also wakes the job if it is parked for its reader."""

    def __init__(self, on_set: Callable[[], None]) -> None:
        super().__init__()
        self._on_set = on_set

    def set(self) -> None:
        super().set()
        self._on_set()


@dataclass
class SpeechJob:
    model: str
    chunks: list[str]
    emit: Callable[[Any], None]
    speaker: str | None = None
    language: str | None = None
    instruct: str | None = None
    speed: float = 1.0
    voice: VoiceProfile | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)
    rates: list[float] | None = None  # per chunk, times ``speed`` (SSML <prosody rate>)
    timestamps: bool = False  # emit each chunk's Speech (samples and phonemes), not its samples alone
    klass: str = INTERACTIVE
    user: str | None = None  # whose place in the queue it holds (None: nobody's share, e.g. a live session's)
    flow: Flow | None = None  # a streamed request's back-pressure
    next: int = 0  # chunks generated so far (a parked job resumes here)

    def __post_init__(self) -> None:
        if self.flow is not None and not isinstance(self.cancelled, _Cancel):
            was_set = self.cancelled.is_set()
            self.cancelled = _Cancel(self.flow.close)
            if was_set:
                self.cancelled.set()


@dataclass
class ControlJob:
    action: str  # 'load' | 'unload' | 'call' (run ``fn`` on the worker: work that loads a model of its own)
    model: str
    emit: Callable[[Any], None]
    cancelled: threading.Event = field(default_factory=threading.Event)
    fn: Callable[[], Any] | None = None
    klass: str = INTERACTIVE  # a pipeline run: STUDIO or BATCH
    user: str | None = None  # whose place in the queue it holds (None: nobody's share, e.g. a pipeline run)


@dataclass
class ModelState:
    """What the worker knows of a model beside its residency: its state, what it speaks, its last error.
    Memory held, last use and loads are the residency core's record (``Residency.view``), read, not kept."""

    name: str
    state: str = "unloaded"
    languages: list[str] = field(default_factory=list)
    voices: list[str] = field(default_factory=list)
    error: str | None = None
    loaded_at: float | None = None
    capabilities: dict[str, bool] = field(default_factory=dict)  # the backend class's, where it is one
    estimate: dict[str, Any] = field(default_factory=dict)  # mb, source ('ledger' or 'static'), key

    def public(self, record: Record | None) -> dict[str, Any]:
        held = record.held_mb if record is not None and record.loaded else 0.0
        return {
            "state": self.state,
            "capabilities": dict(self.capabilities),
            "memory_mb": round(held, 1),
            "estimate": dict(self.estimate),
            "languages": list(self.languages),
            "voices": list(self.voices),
            "loads": record.loads if record is not None else 0,
            "error": self.error,
        }


class DeviceWorker:
    def __init__(
        self,
        settings: Settings,
        metrics: Metrics,
        *,
        models: list[str],
        host_factory: Callable[[HostSpec], ModelHost] = InProcessModelHost,
    ) -> None:
        self.settings = settings
        self.metrics = metrics
        self.host_factory = host_factory
        # Unbounded as a container: ``submit`` admits at most ``serve.queue`` waiting jobs, and a parked job
        # (which already holds its place) goes back on it without a second admission.
        self.jobs: queue.PriorityQueue[tuple[int, int, float, SpeechJob | ControlJob]] = queue.PriorityQueue()
        self._seq = 0
        self.places: dict[str, int] = {}  # per user: jobs queued, running or parked
        self._holders: dict[int, str] = {}  # id(job) -> the user whose place it holds
        self.states = {m: ModelState(m) for m in models}
        self.hosts: dict[str, ModelHost] = {}
        self.leases: dict[str, Lease] = {}  # each loaded model's lease on the core
        # The residency core, shared with the pipeline runs this worker executes (serve/runs.py).
        self.residency: Residency | None = None
        self.choice: DeviceChoice | None = None
        self.device = "?"
        self.ready = threading.Event()
        self.start_error: BaseException | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="avatar-device-worker", daemon=True)
        self._supervisor = threading.Thread(target=self._supervise, name="avatar-device-supervisor", daemon=True)
        self.busy = False
        self.alive = False  # a worker thread serves the queue (False while starting, recovering, stopped)
        self.restarts = 0
        self._current: SpeechJob | ControlJob | None = None
        self._answered = False
        self._death: BaseException | None = None
        self.baseline_mb = 0.0
        # Held by whichever thread is changing or calling the service's models: the worker thread, or the
        # interactive lane while a pipeline run holds the worker thread.
        self._residency = threading.RLock()
        self._lane: threading.Thread | None = None
        self._lane_stop = threading.Event()

    @property
    def manager(self) -> Manager | None:
        return None if self.residency is None or self.choice is None else self.residency.manager(self.choice)

    # --- called from the HTTP side -----------------------------------------------------------------
    def start(self) -> None:
        self._supervisor.start()

    def submit(self, job: SpeechJob | ControlJob) -> None:
        """Admit ``job`` (its user's share first, then the queue's room) and queue it; 429 otherwise."""
        serve = self.settings.serve
        with self._lock:
            user = job.user
            held = self.places.get(user, 0) if user is not None else 0
            if user is not None and held >= serve.limits.queued:
                raise QuotaExceeded(
                    "queued",
                    f"user '{user}' holds {held} places in the device queue already (queued or running); "
                    "wait for one to finish",
                    serve.retry_after_s,
                )
            if self.jobs.qsize() >= serve.queue:
                raise Busy(f"the queue is full ({serve.queue} requests waiting); retry later", serve.retry_after_s)
            if user is not None:
                self.places[user] = held + 1
                self._holders[id(job)] = user
            self._seq += 1
            self.jobs.put_nowait((CLASSES.index(job.klass), self._seq, time.monotonic(), job))
        self._depths()

    def _resume(self, job: SpeechJob) -> None:
        """A parked job whose reader caught up (or that was cancelled): back on the queue, behind the jobs
        of its class that wait, with the place it holds (no second admission)."""
        with self._lock:
            self._seq += 1
            self.jobs.put_nowait((CLASSES.index(job.klass), self._seq, time.monotonic(), job))
        self._depths()

    def _release(self, job: SpeechJob | ControlJob) -> None:
        """The job is answered: its user's place is free again (once, however often it is called)."""
        with self._lock:
            user = self._holders.pop(id(job), None)
            if user is not None:
                left = self.places.get(user, 1) - 1
                if left > 0:
                    self.places[user] = left
                else:
                    self.places.pop(user, None)

    def _depths(self) -> None:
        with self.jobs.mutex:
            waiting = [CLASSES[item[0]] for item in self.jobs.queue]
        self.metrics.queue_depth.set(len(waiting))
        for klass in CLASSES:
            self.metrics.class_depth.labels(klass).set(waiting.count(klass))

    def _took(self, item: tuple[int, int, float, SpeechJob | ControlJob]) -> SpeechJob | ControlJob:
        """A job off the queue: its wait is recorded under its class."""
        self.metrics.class_wait.labels(CLASSES[item[0]]).observe(time.monotonic() - item[2])
        self._depths()
        return item[3]

    def _start_lane(self) -> None:
        self._lane_stop.clear()
        self._lane = threading.Thread(target=self._lane_loop, name="avatar-interactive-lane", daemon=True)
        self._lane.start()

    def _stop_lane(self) -> None:
        self._lane_stop.set()
        if self._lane is not None:
            self._lane.join(60)
        self._lane = None

    def _next_interactive(self) -> SpeechJob | ControlJob | None:
        """The interactive job at the head of the queue, if it can run beside the run now."""
        with self.jobs.mutex:
            head = self.jobs.queue[0] if self.jobs.queue else None
        if head is None or head[0] != 0 or not self._fits_now(head[3]):
            return None
        try:
            item = self.jobs.get_nowait()
        except queue.Empty:
            return None
        if item[0] != 0:  # another job overtook the head meanwhile: put it back
            self.jobs.put_nowait(item)
            return None
        return self._took(item)

    def _lane_loop(self) -> None:
        """Beside a pipeline run: interactive jobs that fit run at once, each answered (never raises)."""
        while not self._lane_stop.is_set():
            with self._residency:
                job = self._next_interactive()
                if job is not None:
                    self.metrics.beside.inc()
                    try:
                        self._handle(job)
                    except BaseException as exc:  # _handle answers; this is the lane's own last resort
                        logger.error("interactive lane: %s", exc, exc_info=exc)
                    continue
            self._lane_stop.wait(0.02)

    def yield_point(self) -> None:
        """Called by a pipeline run on this thread at each job or chunk boundary: the interactive jobs
        waiting that fit now run (beside the run, in the lane; or here), then the run goes on. Cheap when
        nothing waits."""
        if threading.current_thread() is not self._thread:
            return  # a run elsewhere (Ray) has no boundary on this thread
        # The lane's job in hand finishes first; then nothing else touches the models. What the interactive work
        # writes (and the core's bookkeeping) is not the run's: none of it counts against its disk budget.
        with self._residency, charged_to(None):
            self._yield_here()

    def _yield_here(self) -> None:
        while True:
            with self.jobs.mutex:
                head = self.jobs.queue[0] if self.jobs.queue else None
            if head is None or head[0] != 0:
                return
            if not self._fits_now(head[3]):
                run = self._suspendable_for(head[3])
                if run is None:
                    return  # the job waits for a boundary where it fits (the run's stage ends)
                self._run_suspended(run)
                continue
            if not self._run_head():
                return

    def _run_head(self) -> bool:
        """Take the interactive job at the head of the queue and run it on this thread, at a run's boundary;
        False when the head is no longer an interactive job (another thread took it)."""
        try:
            item = self.jobs.get_nowait()
        except queue.Empty:
            return False
        if item[0] != 0:  # another thread's job overtook the head meanwhile: put it back
            self.jobs.put_nowait(item)
            return False
        job = self._took(item)
        logger.debug("running a %s job at a pipeline run's boundary", type(job).__name__)
        self.metrics.yields.inc()
        outer = (self._current, self._answered)
        self._current, self._answered = job, False
        try:
            with self._residency, charged_to(None):  # not the run's writes: not its disk budget
                self._handle(job)
        finally:
            self._current, self._answered = outer
        return True

    def _suspendable_for(self, job: SpeechJob | ControlJob) -> Lease | None:
        """A run's stage, loaded here and suspendable, whose memory would let ``job`` fit if it went."""
        if self.residency is None or self.choice is None or job.model not in self.states:
            return None
        need = self._estimate(job.model, self._host(job.model))
        return self.residency.suspendable_for(self.choice, need, exclude=job.model)

    def _run_suspended(self, run: Lease) -> None:
        """Suspend the run's stage (unload it, figures kept), run the interactive job at the head of the
        queue, and resume the stage (load it again, evicting serve models it needs room from)."""
        logger.info("suspending %s: interactive work needs its memory", run.name)
        run.suspend()
        self.metrics.suspensions.inc()
        try:
            self._run_head()
        finally:
            seconds = run.resume()
            logger.info("resumed %s (loaded again in %.2f s)", run.name, seconds)

    def _fits_now(self, job: SpeechJob | ControlJob) -> bool:
        """Whether a job can run beside a pipeline run: its model is loaded, or its estimate fits in what
        is free (serve models may be evicted for it; the run's own model is never touched)."""
        if isinstance(job, ControlJob) and job.action == "call":
            return job.model == "voices"  # the speaker encoder is small and on the CPU; other work waits
        if job.model not in self.states or self.manager is None:
            return True  # answered at once (an unknown model is an error, not a load)
        host = self._host(job.model)
        if host.loaded:
            return True
        if isinstance(job, ControlJob) and job.action == "unload":
            return True
        assert self.residency is not None and self.choice is not None
        return self.residency.fits(self.choice, self._estimate(job.model, host), exclude=job.model)

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

    def stop(self, timeout: float = 60.0) -> None:
        """Finish the job at hand, unload every model, end the thread."""
        self._stop.set()
        if self._supervisor.is_alive():
            self._supervisor.join(timeout)

    # --- the supervisor ----------------------------------------------------------------------------
    def _supervise(self) -> None:
        """Run the worker thread; should it end while the server is not stopping, log why, answer the job
        it held, and start a new one (which recovers before it serves)."""
        self._thread.start()
        while True:
            self._thread.join()
            self.alive = False
            if self._stop.is_set() or self.start_error is not None:
                return
            death = self._death
            logger.error(
                "the device worker thread died (%s); starting a new one with every model unloaded",
                f"{type(death).__name__}: {death}" if death is not None else "no exception",
                exc_info=death,
            )
            self.restarts += 1
            self.metrics.worker_restarts.inc()
            job, self._current = self._current, None
            if job is not None and not self._answered:
                self._answer(job, AvatarError("the device worker failed while running this request; retry"))
            if job is not None:
                self._release(job)
            self._death = None
            self._thread = threading.Thread(target=self._run, args=(True,), name="avatar-device-worker", daemon=True)
            self._thread.start()

    def _answer(self, job: SpeechJob | ControlJob, item: Any) -> None:
        try:
            job.emit(item)
        except Exception as exc:  # the caller's side is gone; nothing else to tell
            logger.debug("could not answer a job: %s", exc)

    # --- the worker thread -------------------------------------------------------------------------
    def _run(self, recovering: bool = False) -> None:
        try:
            self._serve(recovering)
        except BaseException as exc:  # the supervisor logs it and starts a new worker thread
            self._death = exc

    def _serve(self, recovering: bool) -> None:
        if recovering:
            self._recover()
        else:
            try:
                self._start()
            except BaseException as exc:  # the server reports it and exits
                logger.error("the device worker could not start: %s", exc)
                self.start_error = exc
                self.ready.set()
                return
        self.ready.set()
        self.alive = True
        while not self._stop.is_set():
            try:
                job = self._took(self.jobs.get(timeout=POLL_S))
            except queue.Empty:
                self._unload_idle()
                continue
            self.busy = True
            self._current, self._answered = job, False
            try:
                self._handle(job)
            finally:
                self._current = None
                self.busy = False
        self.alive = False
        # Shutdown: what is still queued is answered, then every model goes.
        while True:
            try:
                job = self.jobs.get_nowait()[3]
            except queue.Empty:
                break
            job.emit(
                Busy("the server is shutting down", self.settings.serve.retry_after_s, status=503, code="draining")
            )
            self._release(job)
        for name in list(self.hosts):
            self._unload(name, "shutdown")

    def _recover(self) -> None:
        """After a worker thread died: every model unloaded (hosts dropped, whatever state they were left
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
                lease.close("the device worker died", unload=False, record=False)
            self._set(name, state="unloaded", loaded_at=None)
            self.metrics.model_memory.labels(name).set(0.0)
        report = self.manager.verify_returned("the recovered device worker", self.baseline_mb)
        logger.info("device worker recovered: %.0f MB in use after unloading every model", report.after_mb)

    def _start(self) -> None:
        from avatar.hardware import device as hw
        from avatar.hardware.choice import effective_dtype
        from avatar.memory.residency import open_residency

        hw.tune_allocator()
        import scipy.signal  # noqa: F401  (pcm's resampler: imported here, not in the first pcm request)

        choice = hw.resolve(self.settings.device)
        info = hw.info(choice)
        self.dtype, _ = effective_dtype(choice.kind, self.settings.dtype, info.bf16)
        self.device = choice.device
        self.residency = open_residency(self.settings.memory)
        self.residency.evictor = self._evict
        self.choice = choice
        from avatar.backends.registry import backend_class

        for name in self.states:
            try:
                self.states[name].capabilities = backend_class(name).capabilities()
            except AvatarError:  # a host of something that is not a registered backend
                pass
            host = self._host(name)
            try:
                langs, voices = host.languages(), host.voices()
            except AvatarError as exc:
                langs, voices = [], []
                logger.info("model %s: %s", name, exc)
            with self._lock:
                self.states[name].languages, self.states[name].voices = langs, voices
            self._note_estimate(name, host)
        self.memory()
        self.baseline_mb = self.residency.manager(choice).used_mb()  # nothing loaded: what a recovery verifies against
        logger.info("device worker on %s (%s)", choice.device, choice.reason)

    def _host(self, name: str) -> ModelHost:
        if name not in self.hosts:
            options = dict(self.settings.serve.backend_options.get(name, {}))
            spec = HostSpec(name, self.device, self.dtype, self.settings.models.get(name), options)
            self.hosts[name] = self.host_factory(spec)
        return self.hosts[name]

    def _set(self, name: str, **changes: Any) -> None:
        with self._lock:
            for k, v in changes.items():
                setattr(self.states[name], k, v)

    def _handle(self, job: SpeechJob | ControlJob) -> None:
        parked = False
        try:
            parked = self._answer_job(job)
        finally:
            if not parked:
                self._release(job)

    def _answer_job(self, job: SpeechJob | ControlJob) -> bool:
        """Run the job and answer it; True when it was parked instead (a streamed job's slow reader)."""
        if job.cancelled.is_set():
            if isinstance(job, SpeechJob) and job.next:  # parked for its reader, then cut off or gone
                logger.info("request ended (client gone, cut off or timed out) after %d of %d sentences; "
                            "stopped generating", job.next, len(job.chunks))  # fmt: skip
            job.emit(DONE)
            return False
        try:
            if isinstance(job, ControlJob) and job.action == "call" and job.klass != INTERACTIVE:
                assert job.fn is not None
                self._start_lane()  # interactive work runs beside the run while it fits
                try:
                    result = job.fn()
                finally:
                    self._stop_lane()
                self._mark(job)
                self._answer(job, result)
            elif isinstance(job, ControlJob) and job.action == "call":
                assert job.fn is not None
                result = job.fn()
                self._mark(job)
                self._answer(job, result)
            elif isinstance(job, ControlJob):
                result = self._load(job.model) if job.action == "load" else self._unload(job.model, "request")
                self._mark(job)
                self._answer(job, result)
            else:
                return self._speak(job)
        except BaseException as exc:
            self._mark(job)
            self._answer(job, self._map_error(job.model, exc))
        return False

    def _mark(self, job: SpeechJob | ControlJob) -> None:
        """The job in hand is answered (a job of the lane is not the worker thread's job in hand)."""
        if job is self._current:
            self._answered = True

    def _map_error(self, model: str, exc: BaseException) -> BaseException:
        """What the job's caller is told; never raises (a failure while cleaning up is logged)."""
        from avatar.hardware.device import is_oom

        try:
            oom = is_oom(exc)
        except Exception:
            oom = False
        if oom:
            logger.warning("%s ran out of memory (%s); unloading it", model, exc)
            try:
                if model in self.states:
                    self.metrics.oom.labels(model).inc()
                    self._unload(model, "out of memory")
                else:  # work that loads models of its own ('voices', 'pipeline'): theirs are gone; clean
                    self.metrics.oom.labels(model).inc()
                    if self.manager is not None:
                        self.manager.clean()
            except BaseException as cleanup:
                logger.error("cleaning up after out of memory in %s failed: %s", model, cleanup, exc_info=cleanup)
            return Busy(
                f"out of memory on {self.device} while running {model}; memory was cleaned, retry later",
                self.settings.serve.retry_after_s,
                status=503,
                code="out_of_memory",
            )
        if not isinstance(exc, AvatarError):
            logger.error("model %s failed: %s: %s", model, type(exc).__name__, exc, exc_info=exc)
        return exc

    def _speak(self, job: SpeechJob) -> bool:
        """Generate the job's chunks from ``job.next`` on; True when it parked for its reader (see Flow)."""
        host = self._ensure_loaded(job.model)
        if job.voice is not None:
            host.prepare_voice(job.voice)
        elif job.speaker:  # the model is loaded: its stock voices are known
            stock = self.states[job.model].voices
            if job.speaker not in stock:
                raise UnknownNameError("voice", job.speaker, stock)
        if job.next == 0:
            job.emit(Started(host.sample_rate))
        for done in range(job.next, len(job.chunks)):
            text = job.chunks[done]
            if job.cancelled.is_set():
                logger.info(
                    "request ended (client gone or timed out) after %d of %d sentences; stopped generating",
                    done,
                    len(job.chunks),
                )
                break
            if job.flow is not None and job.flow.park(lambda: self._resume(job)):
                job.next = done
                logger.debug("a slow reader: parked after %d of %d sentences", done, len(job.chunks))
                return True
            request = chunk_request(  # the speaking service's rule: the caller's speed times the chunk's rate
                text,
                job.rates[done] if job.rates else 1.0,
                language=job.language,
                speaker=job.speaker,
                instruct=job.instruct,
                speed=job.speed,
            )
            with self.use(job.model):
                speech = host.speak(request, job.voice)
            job.next = done + 1
            if job.flow is not None:
                job.flow.sent(speech, host.sample_rate)
            job.emit(speech if job.timestamps else speech.samples)
        job.emit(DONE)
        return False

    def ensure_loaded(self, name: str) -> ModelHost:
        """The model's host, loaded (through the residency policy) if it was not. Only for work running on the
        worker's thread: a ``ControlJob("call")``, as live sessions' sentences are."""
        return self._ensure_loaded(name)

    def _ensure_loaded(self, name: str) -> ModelHost:
        host = self._host(name)
        if not host.loaded:
            self._load(name)
        return host

    @contextmanager
    def use(self, name: str) -> Iterator[None]:
        """One use of loaded model ``name`` (a sentence), through its lease: never evicted meanwhile, its
        recency refreshed, and measured where nothing else runs (beside a run, the process's peak is the
        run's too). Only for work on the thread that holds the model (see ``ensure_loaded``)."""
        lease = self.leases.get(name)
        if lease is None or self.residency is None:
            yield
            return
        alone = threading.current_thread() is self._thread and not self.residency.holds_run()
        with lease.use(measure=alone):
            yield

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

    def _note_estimate(self, name: str, host: ModelHost) -> None:
        """What /v1/models shows: the estimate the next load will use, and where it came from."""
        assert self.residency is not None
        try:
            key = self._estimate_key(name, host)
            found = self.residency.estimate(key, host.estimate_mb())
        except AvatarError as exc:
            logger.debug("model %s: no estimate: %s", name, exc)
            return
        digest = hashlib.sha256(key.text.encode()).hexdigest()[:16]
        figure = {"mb": round(found.mb, 1), "source": found.source, "runs": found.runs, "key_id": digest}
        self._set(name, estimate=figure)

    def _evict(self, victim: Any) -> None:
        """The serve policy's eviction, for the core: the least recently used model goes (from this thread,
        or from a run's thread that needs the room for its stage)."""
        with self._residency:
            self._unload(victim.name, "evicted (least recently used)")

    def _load(self, name: str) -> dict[str, Any]:
        assert self.manager is not None and self.residency is not None and self.choice is not None
        manager = self.manager
        host = self._host(name)
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
        lease = self.residency.acquire(loadable, SERVE)
        need = lease.estimate.mb
        previous = self.states[name].state
        self._set(name, state="loading", error=None)
        logger.info("loading model %s (estimate %.0f MB)", name, need)
        try:
            lease.open()
        except InsufficientMemoryError as exc:  # nothing was loaded: evicting every idle model was not enough
            self._set(name, state=previous)
            raise Busy(
                f"{exc}; retry later", self.settings.serve.retry_after_s, status=503, code="insufficient_memory"
            ) from None
        except BaseException as exc:
            self._set(name, state="error", error=str(exc))
            raise
        self.leases[name] = lease
        evicted = lease.evicted
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

    def _unload(self, name: str, reason: str) -> dict[str, Any]:
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
        self._set(name, state="unloading")
        if lease is None:  # loaded outside the core (cannot happen through _load): a lease only to release it
            lease = self.residency.acquire(
                Loadable(name, lambda: manager.choice, lambda: None, 0.0, host.load, host.unload, unload_always=True),
                SERVE,
            )
        # What it needed over its residency (load and measured uses) goes to the ledger under its key.
        released = lease.close(reason)
        self.leases.pop(name, None)
        self._set(name, state="unloaded", loaded_at=None)
        self._note_estimate(name, host)
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

    def _unload_idle(self) -> None:
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
                self._unload(name, f"idle for {idle:g} s")
            except Exception as exc:
                logger.error("idle unload of %s failed: %s", name, exc)


def share_of(who: Any) -> str | None:
    """Whose share of the device queue a caller's job counts against (``serve.limits.queued``): the caller's on
    a server with keys; nobody's on a keyless server, whose one user has the whole queue (``serve.queue``)."""
    return str(who.user) if getattr(who, "key_id", None) is not None else None


def check_instructions(model: str, instruct: str | None) -> None:
    """Instructions only for a backend that declares it takes them (``supports_instructions``)."""
    from avatar.backends.registry import backend_class

    if instruct and not backend_class(model).supports_instructions:
        raise InputError(f"model {model} takes no instructions; it speaks the text as it is")
