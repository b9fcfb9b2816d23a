"""One `avatar run`: validate, create the run folder, run, and resume a failed run."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from avatar import atomic
from avatar.errors import InputError, RunError
from avatar.pipeline import manifest as mf
from avatar.pipeline.plan import Plan, build_plan
from avatar.pipeline.runner import JobRun, Runner, RunObserver
from avatar.stages.base import Job

logger = logging.getLogger(__name__)
INPUT_TEXT = "input.txt"


def read_script(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"script file {path} not found") from None
    except UnicodeDecodeError:
        raise InputError(f"script file {path} is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"script file {path}: {exc.strerror}") from None


def prepare(plan: Plan, job: Job, out_root: Path, invocation: dict[str, Any]) -> JobRun:
    """Check every input first (nothing is written on bad input), then create ``out_root/<run-id>/``."""
    plan.check_jobs([job])
    plan.require_fit()
    run_id = mf.new_run_id()
    run_dir = Path(out_root) / run_id
    run_dir.mkdir(parents=True, exist_ok=False)
    if job.text is not None:
        atomic.write_text(run_dir / INPUT_TEXT, job.text)
    manifest = mf.new(run_id, invocation, plan.as_dict(), plan.resolved, job.as_dict())
    mf.save(run_dir, manifest)
    return JobRun(job, run_dir, manifest)


def resume(run_dir: Path, voices_root: Path | None = None) -> tuple[Plan, JobRun]:
    """Rebuild the plan a run was made with and skip the stages whose outputs are intact."""
    manifest = mf.load(run_dir)
    inv = manifest.get("invocation", {})
    plan = build_plan(inv.get("pipeline"), inv.get("profile"), inv.get("sets", []), voices_root)
    text_path = Path(run_dir) / INPUT_TEXT
    job_rec = manifest.get("job", {})
    job = Job(
        id=job_rec.get("id", "run"),
        text=text_path.read_text(encoding="utf-8") if text_path.is_file() else None,
        voice=job_rec.get("voice"),
        portrait=Path(job_rec["portrait"]) if job_rec.get("portrait") else None,
        language=job_rec.get("language"),
    )
    plan.check_jobs([job])
    # Stages the new plan has that the old manifest lacked are simply pending.
    known = {e["id"] for e in manifest["stages"]}
    for s in plan.as_dict()["stages"]:
        if s["id"] not in known:
            manifest["stages"].append({"id": s["id"], "uses": s["uses"], "status": "pending"})
    manifest["status"] = "running"
    manifest.setdefault("resumes", 0)
    manifest["resumes"] += 1
    jr = JobRun(job, Path(run_dir), manifest)
    return plan, jr


def execute(plan: Plan, jr: JobRun, observer: RunObserver | None = None) -> JobRun:
    runner = Runner(plan, observer)
    runner.restore(jr)
    runner.run([jr])
    if jr.error is not None:
        err = RunError(f"{jr.error} (run folder: {jr.run_dir}; fix the cause, then --resume {jr.run_dir})")
        err.exit_code = jr.error.exit_code  # bad input found late still exits 2
        raise err
    return jr
