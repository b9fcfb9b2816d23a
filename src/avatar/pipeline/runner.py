"""The runner: stages one at a time, each loaded once for all its jobs (one job for `avatar run`, many
for a batch), then unloaded, cleaned and verified before the next stage.

    for each stage:  check room again > load > run every pending job > unload > clean > verify memory came back

A stage runs in this process or, isolated, in a worker process of its own (``avatar.isolation``); the
runner drives both through the same host interface and measures both from outside, over the process tree.
Out-of-memory errors (and a worker killed by the system) are caught, memory is cleaned once the failed
attempt's frames are gone, and the profile's fallbacks (``on_oom``) are applied in order before the stage
gives up. Every job's manifest is rewritten after each stage.
"""

from __future__ import annotations

import gc
import logging
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from avatar.atomic import DiskBudget, charged_to
from avatar.config.schema import OomAction
from avatar.errors import AvatarError, StageError, StageOutOfMemory, WorkerKilled
from avatar.hardware import device as hw
from avatar.hardware.choice import DeviceChoice
from avatar.isolation.host import StageHost, make_host
from avatar.memory.residency import RUN, Lease, Loadable, Residency
from avatar.pipeline import manifest as mf
from avatar.pipeline.plan import Plan, PlannedStage
from avatar.stages.base import Job, StageContext, StageResult

logger = logging.getLogger(__name__)


@dataclass
class JobRun:
    """One job's state through a run: its folder, manifest, artifacts so far, and failure if any."""

    job: Job
    run_dir: Path
    manifest: dict[str, Any]
    artifacts: dict[str, Path] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    error: AvatarError | None = None
    started: float = field(default_factory=time.perf_counter)

    @property
    def failed(self) -> bool:
        return self.error is not None


class RunObserver:
    """Hooks for progress displays and batch ledgers. Every method is optional."""

    def stage_started(self, ps: PlannedStage, jobs: list[JobRun]) -> None: ...
    def stage_loaded(self, ps: PlannedStage, seconds: float) -> None: ...
    def job_started(self, ps: PlannedStage, jr: JobRun) -> None: ...
    def job_progress(self, ps: PlannedStage, jr: JobRun, done: float, total: float, message: str) -> None: ...
    def job_finished(self, ps: PlannedStage, jr: JobRun, entry: dict[str, Any]) -> None: ...
    def stage_finished(self, ps: PlannedStage, summary: dict[str, Any]) -> None: ...

    def cancelled(self, jr: JobRun) -> AvatarError | None:
        """Asked before each stage: an error here stops the job there (a run cancelled by its owner)."""
        return None

    def disk_budget(self, jr: JobRun) -> DiskBudget | None:
        """Asked before each stage of a job: the disk its writers may fill (a server's per-user quota), or
        None for no limit (the CLI)."""
        return None


def _frameless(exc: AvatarError) -> AvatarError:
    """The error without its traceback and chained exceptions: a stored error must not keep the failed
    attempt's frames (and the tensors in them) alive."""
    exc.__traceback__ = None
    exc.__context__ = None
    exc.__cause__ = None
    return exc


class Runner:
    """The run policy over the residency core: each stage is leased (``Residency.acquire``), runs every job
    as a use of its lease, and is released.

    ``residency`` is the core to load through: the plan's own (the CLI), or the server's device worker's,
    so that a run's stages and the server's warm models are seen together (a stage evicts idle serve
    models to fit; a suspendable stage makes room for interactive work at its chunk boundaries).
    """

    def __init__(self, plan: Plan, observer: RunObserver | None = None, residency: Residency | None = None) -> None:
        hw.tune_allocator()
        self.plan = plan
        self.observer = observer or RunObserver()
        self.residency = residency or plan.residency
        self.model_loads: dict[str, int] = {}

    # --- job preparation ----------------------------------------------------------------------------
    def restore(self, jr: JobRun) -> None:
        """Skip the leading stages whose outputs are present and intact (resume); every stage from the
        first one that is not, onwards, runs again."""
        intact = True
        for ps in self.plan.stages:
            entry = mf.stage_entry(jr.manifest, ps.id)
            outputs = mf.verified_outputs(entry, jr.run_dir) if intact else None
            if outputs is None:
                intact = False
                entry["status"] = "pending"
                continue
            entry["status"] = "skipped"
            entry["resumed"] = True
            jr.artifacts.update(outputs)
            jr.metadata[ps.id] = entry.get("metrics", {})

    # --- execution ----------------------------------------------------------------------------------
    def run(self, jobs: list[JobRun]) -> list[JobRun]:
        t0 = time.perf_counter()
        for ps in self.plan.stages:
            for jr in jobs:
                entry = mf.stage_entry(jr.manifest, ps.id)
                if not jr.failed and entry["status"] == "pending" and (stop := self.observer.cancelled(jr)):
                    self._fail(ps, jr, entry, stop)
            pending = [jr for jr in jobs if not jr.failed and mf.stage_entry(jr.manifest, ps.id)["status"] == "pending"]
            if pending:
                self._run_stage(ps, pending)
        for jr in jobs:
            jr.manifest["status"] = "failed" if jr.failed else "done"
            jr.manifest["finished"] = mf.now()
            jr.manifest["wall_s"] = round(time.perf_counter() - jr.started, 3)
            jr.manifest["model_loads"] = dict(self.model_loads)
            mf.save(jr.run_dir, jr.manifest)
        logger.info("run finished in %.2f s", time.perf_counter() - t0)
        return jobs

    def _acquire(self, ps: PlannedStage, host: StageHost) -> Lease:
        """The stage's lease on the core: its fit falls back to the CPU where the profile allows, and a load
        that runs out of memory applies the profile's fallbacks (``on_oom``) before it gives up."""
        profile = self.plan.profile.profile.name
        loadable = Loadable(
            f"stage {ps.id}",  # one run (or batch group) at a time per core: the stage names it
            lambda: host.device,
            lambda: ps.current_key(profile),  # where it ended up: a CPU fallback records under the CPU's key
            ps.estimate_mb,
            host.load,
            host.unload,
            suspendable=not host.isolated and type(ps.stage).suspendable,
            unload_always=host.isolated,  # its worker process ends on release, loaded or not
        )
        actions = list(self.plan.settings.on_oom)

        def load_error(exc: Exception) -> Callable[[], None]:
            if not hw.is_oom(exc):
                if isinstance(exc, AvatarError):
                    raise exc
                logger.debug("load of %s failed:\n%s", ps.id, traceback.format_exc())
                raise StageError(ps.id, f"could not load: {type(exc).__name__}: {exc}") from None
            failure = _describe(exc)
            return lambda: self._after_oom(ps, host, lease, actions, "loading", failure)

        lease = self.residency.acquire(
            loadable,
            RUN,
            on_no_room=lambda headroom: self._no_room(ps, host, headroom),
            on_load_error=load_error,
            # The device's own free figure too: a worker's exit must give back its CUDA context as well.
            watch_device_free=host.isolated and host.device.kind == "cuda",
        )
        return lease

    def _run_stage(self, ps: PlannedStage, jobs: list[JobRun]) -> None:
        t0 = time.perf_counter()
        host = make_host(ps.stage, ps.isolated)
        self.observer.stage_started(ps, jobs)
        host.prepare()
        # Long-lived objects (modules, config) move to the permanent generation, so the collections
        # around each stage scan only what the stages create.
        gc.freeze()
        lease = self._acquire(ps, host)
        load_s = 0.0
        try:
            load_s = lease.open()
            self.observer.stage_loaded(ps, load_s)
            for jr in jobs:
                entry = mf.stage_entry(jr.manifest, ps.id)
                entry.update(status="running", started=mf.now(), load_s=round(load_s, 3), pid=os.getpid())
                if ps.isolated:
                    entry["isolated"] = True
                mf.save(jr.run_dir, jr.manifest)
                self.observer.job_started(ps, jr)
                try:
                    result, run_s, peak = self._run_job(ps, host, lease, jr)
                except AvatarError as exc:
                    self._fail(ps, jr, entry, exc)
                    continue
                except Exception as exc:  # a bug or library error inside a stage: keep the batch going
                    logger.debug("stage %s failed:\n%s", ps.id, traceback.format_exc())
                    self._fail(ps, jr, entry, StageError(ps.id, f"{type(exc).__name__}: {exc}"))
                    continue
                jr.artifacts.update(result.artifacts)
                jr.metadata[ps.id] = result.metrics
                resident = lease.resident
                entry.update(
                    status="done",
                    device=host.device.device,
                    run_s=round(run_s, 3),
                    peak_mb=round(peak, 1),
                    peak_delta_mb=round(max(0.0, peak - resident.baselines[host.device.device]), 1),
                    outputs=mf.describe_outputs(result.artifacts, jr.run_dir, type(ps.stage).media_types),
                    metrics=result.metrics,
                )
                if resident.suspensions:
                    entry["suspended"] = resident.suspensions
                mf.save(jr.run_dir, jr.manifest)
                self.observer.job_finished(ps, jr, entry)
        except AvatarError as exc:  # no room, or the load failed: every job of this stage fails
            for jr in jobs:
                if not jr.failed:
                    self._fail(ps, jr, mf.stage_entry(jr.manifest, ps.id), exc)
        finally:
            summary = self._finish_stage(ps, host, lease, jobs, load_s, t0)
            self.observer.stage_finished(ps, summary)

    def _finish_stage(
        self, ps: PlannedStage, host: StageHost, lease: Lease, jobs: list[JobRun], load_s: float, started: float
    ) -> dict[str, Any]:
        """Release the stage's lease (unload, clean and verify on every device it used; its peak to the
        ledger when a job finished); write the figures to each job's manifest. Errors here are reported, not
        raised: the manifests and the ledger must be written whatever happened."""
        released = lease.close("stage finished")
        resident = lease.resident
        unload_report = released.unload
        self.model_loads[ps.id] = self.model_loads.get(ps.id, 0) + host.loads
        device = host.device.device
        summary: dict[str, Any] = {
            "load_s": round(load_s, 3),
            "peak_mb": round(resident.peaks.get(device, 0.0), 1),
            "peak_delta_mb": round(resident.delta(device), 1),
            "memory_before_mb": round(resident.baselines.get(device, 0.0), 1),
            "memory_after_cleanup_mb": round(released.after_mb, 1),
            "memory_returned": released.returned,
            "cleanup_s": round(released.seconds, 3),
            "peak_method": resident.method,
            "isolated": host.isolated,
            # imports (or the worker's start), load, every job, unload and cleanup: what the stage cost
            "stage_wall_s": round(time.perf_counter() - started, 3),
        }
        if released.error:
            summary["cleanup_error"] = released.error
        if released.free_after_mb is not None and resident.free_before_mb is not None:
            summary["device_free_before_mb"] = round(resident.free_before_mb, 1)
            summary["device_free_after_mb"] = round(released.free_after_mb, 1)
        if unload_report is not None:
            summary["worker_start_s"] = round(unload_report.start_s, 3)
            summary["worker_exit_s"] = round(unload_report.seconds, 3)
            summary["worker_held_after_unload_mb"] = round(unload_report.held_mb, 1)
            if unload_report.held_mb > self.plan.settings.memory.cleanup_tolerance_mb:
                logger.debug(
                    "stage %s held %.0f MB in its worker after unload (a leak in the stage); the worker's exit "
                    "returned it",
                    ps.id,
                    unload_report.held_mb,
                )
        for jr in jobs:
            entry = mf.stage_entry(jr.manifest, ps.id)
            entry.update(
                memory_after_cleanup_mb=summary["memory_after_cleanup_mb"],
                memory_returned=summary["memory_returned"],
                stage_peak_mb=summary["peak_mb"],
                peak_method=summary["peak_method"],
            )
            for figure in OPTIONAL_FIGURES:
                if figure in summary:
                    entry[figure] = summary[figure]
            mf.save(jr.run_dir, jr.manifest)
        return summary

    def _no_room(self, ps: PlannedStage, host: StageHost, headroom: float) -> None:
        """The stage's estimate does not fit on its device right before it loads (other programs, an earlier
        stage or a long batch took memory since the plan was made, and evicting idle serve models is not
        enough): move to the CPU where the profile allows, else the plan's error."""
        if host.device.kind != "cpu" and self.plan.settings.allow_cpu_fallback:
            cpu = DeviceChoice("cpu", "fallback")
            if self.residency.fits(cpu, ps.estimate_mb) and host.apply_fallback(OomAction.CPU):
                logger.warning(
                    "stage %s: %.0f MB free on %s now, %.0f MB needed; running it on the CPU",
                    ps.id, headroom, host.device.device, ps.estimate_mb,
                )  # fmt: skip
                return
        raise self.plan.insufficient(ps, headroom, " now")

    def _fail(self, ps: PlannedStage, jr: JobRun, entry: dict[str, Any], exc: AvatarError) -> None:
        jr.error = _frameless(exc)
        entry.update(status="failed", error=str(exc), finished=mf.now())
        if isinstance(exc, WorkerKilled) or getattr(exc, "killed", False):
            entry["killed"] = True
        mf.save(jr.run_dir, jr.manifest)
        logger.error("job %s failed in stage %s: %s", jr.job.id, ps.id, exc)
        self.observer.job_finished(ps, jr, entry)

    def _run_job(self, ps: PlannedStage, host: StageHost, lease: Lease, jr: JobRun) -> tuple[StageResult, float, float]:
        actions = list(self.plan.settings.on_oom)
        ctx = StageContext(
            job=jr.job,
            run_dir=jr.run_dir,
            artifacts=dict(jr.artifacts),
            metadata=dict(jr.metadata),
            progress=lambda done, total, msg: self.observer.job_progress(ps, jr, done, total, msg),
        )
        # The stage's writers count what they write against the job's budget (in this thread; an isolated
        # stage's worker process does not see it, so the folder is checked again when the job returns).
        budget = self.observer.disk_budget(jr)
        while True:
            try:
                with charged_to(budget), lease.use() as m:
                    result = host.run(ctx)
                if budget is not None:
                    budget.check()
                return result, m.seconds, m.peak_mb
            except Exception as exc:
                if not hw.is_oom(exc):
                    raise
                failure = _describe(exc)
            device_before = host.device.device
            self._after_oom(ps, host, lease, actions, f"running job '{jr.job.id}'", failure)
            fallbacks = mf.stage_entry(jr.manifest, ps.id).setdefault("fallbacks", [])
            fallbacks.append(host.device.device if device_before != host.device.device else "smaller")

    def _after_oom(
        self, ps: PlannedStage, host: StageHost, lease: Lease, actions: list[Any], when: str, failure: str
    ) -> None:
        """Clean, then apply the first fallback that still applies (an action such as smaller chunks may
        apply several times); give up when none is left."""
        self.residency.manager(host.device).clean()
        while actions:
            action = actions[0]
            if host.apply_fallback(action):
                logger.warning("stage %s: %s while %s; fallback: %s", ps.id, failure, when, action.value)
                lease.moved()
                return
            actions.pop(0)
        device = host.device.device
        hint = (
            "free memory or lower chunk_chars / batch_size"
            if device == "cpu"
            else "free memory, use a smaller profile (--profile low_vram) or --set device=cpu"
        )
        tried = ", ".join(a.value for a in self.plan.settings.on_oom) or "none"
        error = StageOutOfMemory(
            f"stage '{ps.id}': {failure} on {device} while {when}, after every fallback of the profile "
            f"({tried}); {hint}"
        )
        error.killed = failure != OOM_TEXT
        raise error


OOM_TEXT = "ran out of memory"
# Stage figures copied into each job's manifest entry when the stage has them.
OPTIONAL_FIGURES = (
    "cleanup_error",
    "worker_held_after_unload_mb",
    "worker_start_s",
    "worker_exit_s",
    "stage_wall_s",
    "device_free_before_mb",
    "device_free_after_mb",
)


def _describe(exc: BaseException) -> str:
    """A short account of an out-of-memory failure, for logs and the final message."""
    if isinstance(exc, WorkerKilled):
        return str(exc).split(": ", 1)[-1]
    logger.debug("out of memory: %s: %s", type(exc).__name__, exc)
    return OOM_TEXT
