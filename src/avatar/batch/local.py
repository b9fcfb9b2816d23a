"""A batch worker: claim jobs from the store, run them stage-major through the pipeline Runner (each
stage loaded once for every claimed job of a plan group), record every outcome, retry with backoff.

The same function runs in-process for ``--executor local``, in each process of ``--workers N`` and in
each Ray task: the store is the only shared state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from avatar.atomic import DiskBudget
from avatar.batch import jobs as batch_jobs
from avatar.batch.defaults import DEFAULT_BACKOFF_S, DEFAULT_HEARTBEAT_S, DEFAULT_LEASE_S, DEFAULT_MAX_ATTEMPTS
from avatar.batch.store import DONE, BatchStore, Claim
from avatar.batch.workers import Heartbeat, WorkerInfo
from avatar.errors import AvatarError, RunError
from avatar.memory.residency import Residency
from avatar.pipeline import manifest as mf
from avatar.pipeline.plan import Plan, PlannedStage, build_plan
from avatar.pipeline.runner import JobRun, Runner, RunObserver

logger = logging.getLogger(__name__)


@dataclass
class WorkerOptions:
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    backoff_s: float = DEFAULT_BACKOFF_S
    lease_s: float = DEFAULT_LEASE_S
    heartbeat_s: float = DEFAULT_HEARTBEAT_S
    claim_limit: int | None = None  # None: every claimable job at once (fewest model loads)
    job_ids: list[str] | None = None  # a shard: only these jobs
    executor: str = "local"
    voices_root: str | None = None


@dataclass
class WorkerReport:
    worker: str
    done: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    retries: int = 0
    resumed: list[str] = field(default_factory=list)  # jobs whose earlier stages were kept from a killed attempt
    model_loads: dict[str, int] = field(default_factory=dict)
    groups: int = 0
    fallbacks: int = 0
    wall_s: float = 0.0
    store_s: float = 0.0  # time spent in store transactions (the batch's bookkeeping overhead)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class BatchObserver(RunObserver):
    """Runner hooks plus batch-level events, for progress displays."""

    def batch_started(self, total: int, already_done: int) -> None: ...
    def job_outcome(self, job_id: str, state: str, error: str | None) -> None: ...


class _Tee(BatchObserver):
    def __init__(self, *observers: RunObserver) -> None:
        self.observers = observers

    def stage_started(self, ps: PlannedStage, jobs: list[JobRun]) -> None:
        for o in self.observers:
            o.stage_started(ps, jobs)

    def stage_loaded(self, ps: PlannedStage, seconds: float) -> None:
        for o in self.observers:
            o.stage_loaded(ps, seconds)

    def job_started(self, ps: PlannedStage, jr: JobRun) -> None:
        for o in self.observers:
            o.job_started(ps, jr)

    def job_progress(self, ps: PlannedStage, jr: JobRun, done: float, total: float, message: str) -> None:
        for o in self.observers:
            o.job_progress(ps, jr, done, total, message)

    def job_finished(self, ps: PlannedStage, jr: JobRun, entry: dict[str, Any]) -> None:
        for o in self.observers:
            o.job_finished(ps, jr, entry)

    def stage_finished(self, ps: PlannedStage, summary: dict[str, Any]) -> None:
        for o in self.observers:
            o.stage_finished(ps, summary)

    def cancelled(self, jr: JobRun) -> AvatarError | None:
        for o in self.observers:
            if (stop := o.cancelled(jr)) is not None:
                return stop
        return None

    def disk_budget(self, jr: JobRun) -> DiskBudget | None:
        for o in self.observers:
            if (budget := o.disk_budget(jr)) is not None:
                return budget
        return None


class _StoreObserver(RunObserver):
    """Mirrors each job x stage state into the store as the runner moves on."""

    def __init__(self, worker: _Worker) -> None:
        self.w = worker

    def job_finished(self, ps: PlannedStage, jr: JobRun, entry: dict[str, Any]) -> None:
        self.w.stage_update(jr, ps.id, entry)
        if entry.get("fallbacks"):
            self.w.report.fallbacks += len(entry["fallbacks"])
            logger.warning("job %s, stage %s: out-of-memory fallbacks %s", jr.job.id, ps.id, entry["fallbacks"])


class _Worker:
    def __init__(
        self,
        batch_dir: Path,
        options: WorkerOptions,
        observer: BatchObserver | None,
        residency: Residency | None = None,
    ) -> None:
        self.batch_dir = Path(batch_dir)
        self.residency = residency
        self.options = options
        self.ui = observer or BatchObserver()
        self.info = WorkerInfo.current()
        self.store = BatchStore(self.batch_dir, create=False)
        self.report = WorkerReport(self.info.id)
        self.observer = _Tee(_StoreObserver(self), self.ui)
        self.plans: dict[str, Plan] = {}
        self.runners: dict[str, Runner] = {}
        self.attempts: dict[str, int] = {}

    @contextmanager
    def _timed(self) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            self.report.store_s += time.perf_counter() - t

    def stage_update(self, jr: JobRun, stage_id: str, entry: dict[str, Any]) -> None:
        with self._timed():
            self.store.stage_update(jr.job.id, stage_id, self.attempts.get(jr.job.id, 0), self.info, entry)

    def _plan(self, group: str, claim: Claim) -> Plan:
        if group not in self.plans:
            meta = self.store.meta()
            sets = list(meta["sets"]) + list(claim.job.sets)
            # Planned against the core it loads through: the server's (its idle models are room), else its own.
            plan = build_plan(meta["pipeline"], meta["profile"], sets, _root(self.options), self.residency)
            plan.require_fit()
            self.plans[group] = plan
            self.runners[group] = Runner(plan, self.observer, self.residency)
        return self.plans[group]

    def _fail(self, job_id: str, exc: AvatarError) -> None:
        retryable = exc.exit_code != 2  # bad input stays bad; a stage error or out-of-memory may pass
        with self._timed():
            state, delay = self.store.finish_failed(
                job_id, self.info, str(exc), retryable, self.options.max_attempts, self.options.backoff_s
            )
        if state == "pending":
            self.report.retries += 1
            logger.warning("job %s failed (%s); retrying in %.1f s", job_id, exc, delay)
        else:
            self.report.failed.append(job_id)
            logger.error("job %s failed: %s", job_id, exc)
        self.ui.job_outcome(job_id, state, str(exc))

    def _run_group(self, group: str, claims: list[Claim]) -> None:
        try:
            plan = self._plan(group, claims[0])
        except AvatarError as exc:
            for c in claims:
                self._fail(c.job.id, exc)
            return
        runner = self.runners[group]
        meta = self.store.meta()
        invocation = {
            "batch": meta.get("batch_file"),
            "pipeline": str(plan.pipeline_path),
            "profile": meta["profile"],
            "sets": list(meta["sets"]),
        }
        runs: list[tuple[Claim, JobRun]] = []
        for c in claims:
            self.attempts[c.job.id] = c.attempt
            try:
                jr = batch_jobs.prepare(plan, c, self.batch_dir, invocation)
            except AvatarError as exc:
                self._fail(c.job.id, exc)
                continue
            runner.restore(jr)
            kept = [e["id"] for e in jr.manifest["stages"] if e.get("status") == "skipped"]
            for stage_id in kept:
                self.stage_update(jr, stage_id, mf.stage_entry(jr.manifest, stage_id))
            if kept:
                self.report.resumed.append(c.job.id)
                logger.info("job %s resumes after %s (outputs intact)", c.job.id, ", ".join(kept))
            runs.append((c, jr))
        if not runs:
            return
        runner.run([jr for _, jr in runs])
        for c, jr in runs:
            if jr.error is not None:
                self._fail(c.job.id, jr.error)
                continue
            try:
                deliverable = batch_jobs.publish(jr, self.batch_dir, c.job.output)
            except OSError as exc:
                self._fail(c.job.id, RunError(f"could not publish the output: {exc}"))
                continue
            with self._timed():
                ok = self.store.finish_done(
                    c.job.id,
                    self.info,
                    c.spec_hash,
                    jr.run_dir,
                    batch_jobs.stage_outputs(jr.manifest),
                    deliverable,
                    float(jr.manifest.get("wall_s") or 0.0),
                )
            if ok:
                self.report.done.append(c.job.id)
                self.ui.job_outcome(c.job.id, DONE, None)
            else:
                logger.warning("job %s: another worker took it over meanwhile; its record wins", c.job.id)

    def run(self) -> WorkerReport:
        t0 = time.perf_counter()
        counts = self.store.counts()
        self.ui.batch_started(sum(counts.values()), counts[DONE])
        with self._timed():
            self.store.worker_started(self.info, self.options.executor)
        try:
            with Heartbeat(self._beat, self.options.heartbeat_s):
                while True:
                    with self._timed():
                        claims = self.store.claim(
                            self.info, self.options.claim_limit, self.options.job_ids, self.options.lease_s
                        )
                    if not claims:
                        wait = self.store.next_due_in(self.options.job_ids)
                        if wait is None:
                            break
                        logger.info("waiting %.1f s for the next retry", wait)
                        time.sleep(wait + 0.05)
                        continue
                    groups: dict[str, list[Claim]] = {}
                    for c in claims:
                        groups.setdefault(c.group_key, []).append(c)
                    for group, members in groups.items():
                        self._run_group(group, members)
        finally:
            released = self.store.release(self.info)
            if released:
                logger.warning("released %d unfinished job(s): %s", len(released), ", ".join(released))
            for runner in self.runners.values():
                for stage_id, n in runner.model_loads.items():
                    self.report.model_loads[stage_id] = self.report.model_loads.get(stage_id, 0) + n
            self.report.groups = len(self.plans)
            self.report.wall_s = round(time.perf_counter() - t0, 3)
            self.report.store_s = round(self.report.store_s, 4)
            self.store.worker_finished(
                self.info,
                self.report.model_loads,
                len(self.report.done),
                len(self.report.failed),
                self.report.fallbacks,
            )
            self.store.close()
        return self.report

    def _beat(self) -> None:
        # The heartbeat thread needs its own connection: sqlite3 connections stay in their thread.
        with BatchStore(self.batch_dir, create=False) as store:
            store.heartbeat(self.info)


def _root(options: WorkerOptions) -> Path | None:
    return Path(options.voices_root) if options.voices_root else None


def run_worker(
    batch_dir: Path,
    options: WorkerOptions | None = None,
    observer: BatchObserver | None = None,
    residency: Residency | None = None,
) -> WorkerReport:
    """Run claimable jobs of the batch at ``batch_dir`` until none is left; returns what this worker did.

    A job's failure is recorded and the others go on. Interrupting the worker (Ctrl-C, SIGTERM turned
    into an exception, or a crash) gives its unfinished jobs back; after SIGKILL another worker reclaims
    them because the pid is gone.

    ``residency``: the core to load through (the server's device worker's); by default each plan's own.
    """
    return _Worker(batch_dir, options or WorkerOptions(), observer, residency).run()
