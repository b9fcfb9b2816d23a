"""What a batch did and whether its outputs are intact: the ``batch.json`` summary, status, verify."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from avatar import atomic
from avatar.batch.defaults import SUMMARY_NAME
from avatar.batch.local import WorkerReport
from avatar.batch.store import DONE, RUNNING, BatchStore
from avatar.batch.workers import claim_alive
from avatar.pipeline import manifest as mf

logger = logging.getLogger(__name__)


def summarize(
    batch_dir: Path, reports: list[WorkerReport], wall_s: float, executor: str, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Totals of one `avatar batch run` (all its workers), written atomically to ``batch.json``."""
    loads: dict[str, int] = {}
    for r in reports:
        for stage_id, n in r.model_loads.items():
            loads[stage_id] = loads.get(stage_id, 0) + n
    with BatchStore(batch_dir, create=False) as store:
        counts = store.counts()
        meta = store.meta()
        failed = {j["id"]: j["error"] for j in store.jobs() if j["state"] == "failed"}
    done_now = sum(len(r.done) for r in reports)
    summary = {
        "batch": meta.get("name"),
        "batch_file": meta.get("batch_file"),
        "executor": executor,
        "workers": len(reports),
        "wall_s": round(wall_s, 3),
        "jobs": sum(counts.values()),
        "counts": counts,
        "done_this_run": done_now,
        "failed_this_run": sum(len(r.failed) for r in reports),
        "skipped": counts[DONE] - done_now,  # done by an earlier run: never redone
        "retries": sum(r.retries for r in reports),
        "resumed": sorted({j for r in reports for j in r.resumed}),
        "model_loads": loads,
        "plan_groups": max((r.groups for r in reports), default=0),
        "oom_fallbacks": sum(r.fallbacks for r in reports),
        "store_s": round(sum(r.store_s for r in reports), 4),
        "errors": failed,
        "worker_reports": [r.as_dict() for r in reports],
    } | (extra or {})
    target = Path(batch_dir) / SUMMARY_NAME
    with atomic.sole_writer(target):  # every worker of every run writes it; one killed mid-write left a temporary
        atomic.write_json(target, summary)
    return summary


def status(batch_dir: Path) -> dict[str, Any]:
    with BatchStore(batch_dir, create=False) as store:
        jobs = store.jobs()
        stages = store.stages()
        counts = store.counts()
        meta = store.meta()
        workers = store.workers()
    import time

    now = time.time()
    rows = []
    for j in jobs:
        alive = j["state"] == RUNNING and claim_alive(
            j["host"], j["pid"], j["pid_started"], j["heartbeat"], now, float("inf")
        )
        rows.append(
            {
                "id": j["id"],
                "state": j["state"] if j["state"] != RUNNING or alive else "interrupted",
                "attempts": j["attempts"],
                "failures": j["failures"],
                "worker": j["worker"],
                "stages": {s["stage_id"]: s["state"] for s in stages.get(j["id"], [])},
                "error": j["error"],
                "wall_s": j["wall_s"],
                "output": (j["deliverable"] or {}).get("path"),
                "run_dir": j["run_dir"],
            }
        )
    return {
        "batch": meta.get("name"),
        "batch_file": meta.get("batch_file"),
        "counts": counts,
        "jobs": rows,
        "workers": workers,
    }


def verify(batch_dir: Path) -> tuple[int, list[str]]:
    """Check every finished job: its run folder's manifest, every stage output against the store's
    checksum, and its published output. Returns (jobs checked, problems)."""
    batch_dir = Path(batch_dir)
    problems: list[str] = []
    with BatchStore(batch_dir, create=False) as store:
        jobs = store.jobs()
        running = [j["id"] for j in jobs if j["state"] == RUNNING]
    checked = 0
    for j in jobs:
        if j["state"] != DONE:
            continue
        checked += 1
        run_dir = Path(j["run_dir"] or batch_dir / j["id"])
        try:
            manifest = mf.load(run_dir)
        except Exception as exc:
            problems.append(f"{j['id']}: {exc}")
            continue
        for stage_id, outputs in (j["outputs"] or {}).items():
            entry = mf.stage_entry(manifest, stage_id)
            for name, rec in outputs.items():
                p = Path(rec["path"])
                p = p if p.is_absolute() else run_dir / p
                if not p.is_file():
                    problems.append(f"{j['id']}: {stage_id}.{name}: {p} is missing")
                elif atomic.sha256_file(p) != rec["sha256"]:
                    problems.append(f"{j['id']}: {stage_id}.{name}: {p} does not match its checksum")
                elif (entry.get("outputs") or {}).get(name, {}).get("sha256") != rec["sha256"]:
                    problems.append(f"{j['id']}: {stage_id}.{name}: the manifest and the store disagree")
        d = j["deliverable"]
        if d:
            p = batch_dir / d["path"]
            if not p.is_file():
                problems.append(f"{j['id']}: output {p} is missing")
            elif atomic.sha256_file(p) != d["sha256"]:
                problems.append(f"{j['id']}: output {p} does not match its checksum")
    if not running:  # while a worker writes, its temporaries are expected
        problems += [f"leftover temporary file {p}" for p in atomic.leftover_temporaries(batch_dir)]
    return checked, problems
