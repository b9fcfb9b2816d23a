"""Before a batch runs: check every plan group builds (a bad per-job override is a one-line error naming
its row), then bring the store in line with the batch file."""

from __future__ import annotations

import logging
from pathlib import Path

from avatar.batch.jobs import clear_run_folder
from avatar.batch.spec import BatchSpec
from avatar.batch.store import BatchStore
from avatar.errors import ConfigError, UsageError
from avatar.pipeline.plan import Plan, build_plan

logger = logging.getLogger(__name__)


def check_plans(spec: BatchSpec, voices_root: Path | None = None) -> dict[str, Plan]:
    """Build the plan of every group of jobs (loads nothing). A failure of the batch-wide plan names the
    batch file; a failure brought by a per-job override names the row and the job."""

    def build(sets: list[str]) -> Plan:
        return build_plan(spec.pipeline, spec.profile, list(spec.sets) + sets, voices_root)

    try:
        base = build([])
    except ConfigError as exc:
        where = "set" if str(exc).startswith("--set") else None
        raise ConfigError(spec.path.name, str(exc).removeprefix("--set: "), where) from None
    plans: dict[str, Plan] = {}
    for job in spec.jobs:
        key = spec.group_key(job)
        if key in plans:
            continue
        try:
            plan = build(list(job.sets)) if job.sets else base
        except UsageError as exc:
            raise ConfigError(
                f"{spec.path.name}: {job.where} (id '{job.id}')", str(exc).removeprefix("--set: "), "set"
            ) from None
        plan.require_fit()
        plans[key] = plan
    if len(plans) > 1:
        logger.info("%d plan groups (per-job overrides differ): each loads every stage once", len(plans))
    return plans


def sync(spec: BatchSpec) -> dict[str, list[str]]:
    """Record the batch's definition in its store; returns the jobs added, changed and removed."""
    meta = {
        "name": spec.name,
        "batch_file": str(spec.path),
        "output_dir": str(spec.output_dir),
        **spec.plan_inputs(),
    }
    rows = [(job, spec.job_hash(job), spec.group_key(job)) for job in spec.jobs]
    with BatchStore(spec.batch_dir) as store:
        report = store.sync(meta, rows, lambda job_id: clear_run_folder(spec.batch_dir, job_id))
    for job_id in report["changed"]:
        logger.warning("job %s changed in %s: it runs again", job_id, spec.path.name)
    return report
