"""One `avatar batch run` / `retry`: validate, sync the store, run the chosen executor, summarise."""

from __future__ import annotations

import logging
import time
from enum import Enum
from pathlib import Path
from typing import Any

from avatar.batch import report
from avatar.batch.jobs import clear_run_folder
from avatar.batch.local import BatchObserver, WorkerOptions, run_worker
from avatar.batch.pool import PollFn, run_pool
from avatar.batch.spec import BatchSpec
from avatar.batch.store import BatchStore
from avatar.batch.sync import check_plans, sync
from avatar.errors import UsageError

logger = logging.getLogger(__name__)


class Executor(str, Enum):
    LOCAL = "local"
    RAY = "ray"


def run_batch(
    spec: BatchSpec,
    executor: Executor = Executor.LOCAL,
    workers: int | None = None,
    options: WorkerOptions | None = None,
    address: str | None = None,
    observer: BatchObserver | None = None,
    on_poll: PollFn | None = None,
    requeue: list[str] | None = None,
    requeue_failed: bool = False,
) -> dict[str, Any]:
    """Run every claimable job of the batch; returns the summary also written to ``batch.json``.

    ``requeue_failed`` / ``requeue`` make failed (or the named) jobs pending again first (`batch retry`).
    """
    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    options = options or WorkerOptions()
    plans = check_plans(spec, Path(options.voices_root) if options.voices_root else None)
    changes = sync(spec)
    if requeue_failed or requeue is not None:
        with BatchStore(spec.batch_dir) as store:
            again = store.requeue(requeue, lambda job_id: clear_run_folder(spec.batch_dir, job_id))
        logger.info("re-queued %d job(s): %s", len(again), ", ".join(again) or "none")
    logger.info(
        "batch %s: %d job(s), %d new, %d changed",
        spec.name,
        len(spec.jobs),
        len(changes["added"]),
        len(changes["changed"]),
    )
    t0 = time.perf_counter()
    if executor is Executor.RAY:
        from avatar.batch.ray_executor import run_ray

        reports = run_ray(spec.batch_dir, workers, options, address, on_poll)
    elif workers and workers > 1:
        reports = run_pool(spec.batch_dir, workers, options, on_poll)
    else:
        reports = [run_worker(spec.batch_dir, options, observer)]
    stages = [ps.id for ps in next(iter(plans.values())).stages]
    extra = {
        "stages": stages,
        # one load per stage for every plan group of every worker that ran something
        "target_model_loads": len(stages) * len(plans) * max(1, sum(1 for r in reports if r.done or r.failed)),
    }
    return report.summarize(spec.batch_dir, reports, time.perf_counter() - t0, executor.value, extra)
