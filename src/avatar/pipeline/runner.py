"""The runner: stages one at a time, each loaded once for all its jobs (one job for `avatar run`, many
for a batch), then unloaded, cleaned and verified before the next stage.

    for each stage:  check room > load > run every pending job > unload > clean > verify memory came back

Out-of-memory errors are caught, memory is cleaned, and the profile's fallbacks (``on_oom``) are applied
in order before the stage gives up. Every job's manifest is rewritten after each stage.
"""

from __future__ import annotations

import gc
import logging
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from avatar.errors import AvatarError, StageError, StageOutOfMemory
from avatar.hardware import device as hw
from avatar.memory.manager import MemoryManager
from avatar.pipeline import manifest as mf
from avatar.pipeline.plan import Plan, PlannedStage
from avatar.quiet import stdout_to_log
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


class Runner:
    def __init__(self, plan: Plan, observer: RunObserver | None = None) -> None:
        hw.tune_allocator()
        self.plan = plan
        self.observer = observer or RunObserver()
        self.model_loads: dict[str, int] = {}
        self._clean_since_last_stage = False

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

    def _run_stage(self, ps: PlannedStage, jobs: list[JobRun]) -> None:
        stage = ps.stage
        self.observer.stage_started(ps, jobs)
        with stdout_to_log(f"stage {ps.id}"):
            stage.prepare_imports()
        # Long-lived objects (modules, config) move to the permanent generation, so the collections
        # around each stage scan only what the stages create.
        gc.freeze()
        mm = self.plan.manager(stage.env.device)
        baseline = mm.used_mb() if self._clean_since_last_stage else mm.clean()
        peak_abs = baseline
        load_s = 0.0
        loaded = False
        try:
            load_s, peak = self._load(ps, mm, jobs)
            loaded = True
            peak_abs = max(peak_abs, peak)
            self.observer.stage_loaded(ps, load_s)
            for jr in jobs:
                entry = mf.stage_entry(jr.manifest, ps.id)
                entry.update(status="running", started=mf.now(), load_s=round(load_s, 3))
                self.observer.job_started(ps, jr)
                try:
                    result, run_s, peak = self._run_job(ps, mm, jr)
                except AvatarError as exc:
                    self._fail(ps, jr, entry, exc)
                    continue
                except Exception as exc:  # a bug or library error inside a stage: keep the batch going
                    logger.debug("stage %s failed:\n%s", ps.id, traceback.format_exc())
                    self._fail(ps, jr, entry, StageError(ps.id, f"{type(exc).__name__}: {exc}"))
                    continue
                peak_abs = max(peak_abs, peak)
                jr.artifacts.update(result.artifacts)
                jr.metadata[ps.id] = result.metrics
                entry.update(
                    status="done",
                    device=stage.env.device.device,
                    run_s=round(run_s, 3),
                    peak_mb=round(peak, 1),
                    peak_delta_mb=round(max(0.0, peak - baseline), 1),
                    outputs=mf.describe_outputs(result.artifacts, jr.run_dir),
                    metrics=result.metrics,
                )
                mf.save(jr.run_dir, jr.manifest)
                self.observer.job_finished(ps, jr, entry)
        except AvatarError as exc:  # load failed: every job of this stage fails
            for jr in jobs:
                if not jr.failed:
                    self._fail(ps, jr, mf.stage_entry(jr.manifest, ps.id), exc)
        finally:
            if loaded:
                stage.unload()
            report = mm.verify_returned(ps.id, baseline)
            self._clean_since_last_stage = True
            delta = max(0.0, peak_abs - baseline)
            summary = {
                "load_s": round(load_s, 3),
                "peak_mb": round(peak_abs, 1),
                "peak_delta_mb": round(delta, 1),
                "memory_before_mb": round(baseline, 1),
                "memory_after_cleanup_mb": round(report.after_mb, 1),
                "memory_returned": report.returned,
                "cleanup_s": round(report.seconds, 3),
            }
            for jr in jobs:
                entry = mf.stage_entry(jr.manifest, ps.id)
                entry["memory_after_cleanup_mb"] = summary["memory_after_cleanup_mb"]
                entry["memory_returned"] = report.returned
                entry["stage_peak_mb"] = summary["peak_mb"]
                mf.save(jr.run_dir, jr.manifest)
            if loaded and any(mf.stage_entry(jr.manifest, ps.id)["status"] == "done" for jr in jobs):
                self.plan.ledger.record(ps.ledger_key, delta)
            self.observer.stage_finished(ps, summary)

    def _fail(self, ps: PlannedStage, jr: JobRun, entry: dict[str, Any], exc: AvatarError) -> None:
        jr.error = exc
        entry.update(status="failed", error=str(exc), finished=mf.now())
        mf.save(jr.run_dir, jr.manifest)
        logger.error("job %s failed in stage %s: %s", jr.job.id, ps.id, exc)
        self.observer.job_finished(ps, jr, entry)

    def _load(self, ps: PlannedStage, mm: MemoryManager, jobs: list[JobRun]) -> tuple[float, float]:
        actions = list(self.plan.settings.on_oom)
        while True:
            mm = self.plan.manager(ps.stage.env.device)
            try:
                with mm.measure() as m, stdout_to_log(f"stage {ps.id}"):
                    ps.stage.load()
                self.model_loads[ps.id] = self.model_loads.get(ps.id, 0) + 1
                return m.seconds, m.peak_mb
            except Exception as exc:
                if not hw.is_oom(exc):
                    if isinstance(exc, AvatarError):
                        raise
                    logger.debug("load of %s failed:\n%s", ps.id, traceback.format_exc())
                    raise StageError(ps.id, f"could not load: {type(exc).__name__}: {exc}") from None
                self._after_oom(ps, mm, actions, "loading")

    def _run_job(self, ps: PlannedStage, mm: MemoryManager, jr: JobRun) -> tuple[StageResult, float, float]:
        actions = list(self.plan.settings.on_oom)
        ctx = StageContext(
            job=jr.job,
            run_dir=jr.run_dir,
            artifacts=dict(jr.artifacts),
            metadata=dict(jr.metadata),
            progress=lambda done, total, msg: self.observer.job_progress(ps, jr, done, total, msg),
        )
        while True:
            mm = self.plan.manager(ps.stage.env.device)
            try:
                with mm.measure() as m, stdout_to_log(f"stage {ps.id}"):
                    result = ps.stage.run(ctx)
                return result, m.seconds, m.peak_mb
            except Exception as exc:
                if not hw.is_oom(exc):
                    raise
                device_before = ps.stage.env.device.device
                self._after_oom(ps, mm, actions, f"running job '{jr.job.id}'")
                fallbacks = mf.stage_entry(jr.manifest, ps.id).setdefault("fallbacks", [])
                fallbacks.append(
                    ps.stage.env.device.device if device_before != ps.stage.env.device.device else "smaller"
                )
                if device_before != ps.stage.env.device.device:
                    self._reload(ps)

    def _after_oom(self, ps: PlannedStage, mm: MemoryManager, actions: list[Any], when: str) -> None:
        """Clean, then apply the first fallback that still applies (an action such as smaller chunks may
        apply several times); give up when none is left."""
        mm.clean()
        while actions:
            action = actions[0]
            if ps.stage.apply_fallback(action):
                logger.warning("stage %s ran out of memory while %s; fallback: %s", ps.id, when, action.value)
                mm.clean()
                return
            actions.pop(0)
        device = ps.stage.env.device.device
        hint = (
            "free memory or lower chunk_chars / batch_size"
            if device == "cpu"
            else "free memory, use a smaller profile (--profile low_vram) or --set device=cpu"
        )
        tried = ", ".join(a.value for a in self.plan.settings.on_oom) or "none"
        raise StageOutOfMemory(
            f"stage '{ps.id}' ran out of memory on {device} while {when}, after every fallback of the "
            f"profile ({tried}); {hint}"
        )

    def _reload(self, ps: PlannedStage) -> None:
        ps.stage.unload()
        self.plan.manager(ps.stage.env.device).clean()
        with stdout_to_log(f"stage {ps.id}"):
            ps.stage.load()
        self.model_loads[ps.id] = self.model_loads.get(ps.id, 0) + 1
