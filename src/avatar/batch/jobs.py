"""A batch job's run folder ``<batch dir>/<job id>/``: prepared like an `avatar run` folder (input.txt,
manifest.json), resumed from its manifest, and its final artifact published as ``<batch dir>/<output>``."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from avatar import atomic
from avatar.batch.defaults import INPUT_TEXT, SUMMARY_NAME
from avatar.batch.spec import JobDef
from avatar.batch.store import Claim
from avatar.constants import MANIFEST_NAME
from avatar.errors import InputError
from avatar.pipeline import manifest as mf
from avatar.pipeline.execute import read_script
from avatar.pipeline.plan import Plan
from avatar.pipeline.runner import JobRun
from avatar.stages.base import Job

logger = logging.getLogger(__name__)


def run_dir_of(batch_dir: Path, job_id: str) -> Path:
    return Path(batch_dir) / job_id


def clear_run_folder(batch_dir: Path, job_id: str) -> None:
    """Forget a job's earlier run (its definition changed): without a manifest nothing is resumed."""
    folder = run_dir_of(batch_dir, job_id)
    for name in (MANIFEST_NAME, INPUT_TEXT):
        (folder / name).unlink(missing_ok=True)


def remove_temporaries(batch_dir: Path, job: JobDef) -> list[Path]:
    """Delete what a killed attempt of this job left half-written (only its claim holder may do this)."""
    found = atomic.leftover_temporaries(run_dir_of(batch_dir, job.id)) if run_dir_of(batch_dir, job.id).is_dir() else []
    stem = Path(job.output).stem if Path(job.output).suffix else job.output
    summary = Path(SUMMARY_NAME)  # (a job whose output is "batch.wav" leaves the summary's temporaries to its lock)
    found += [
        p
        for p in atomic.temporaries_of(Path(batch_dir), stem)
        if not (p.suffix == summary.suffix and stem == summary.stem)
    ]
    for p in found:
        logger.info("removing %s, left by an interrupted attempt", p)
        p.unlink(missing_ok=True)
    return found


def _job_text(job: JobDef) -> str:
    if job.text is not None:
        return job.text
    assert job.script is not None
    text = read_script(job.script)
    if not text.strip():
        raise InputError(f"script file {job.script} is empty")
    return text


def prepare(plan: Plan, claim: Claim, batch_dir: Path, invocation: dict[str, Any]) -> JobRun:
    """Check the job's input, then create or resume its run folder. Bad input raises before any write."""
    jd = claim.job
    run_dir = run_dir_of(batch_dir, jd.id)
    remove_temporaries(batch_dir, jd)
    manifest: dict[str, Any] | None = None
    if mf.path_in(run_dir).is_file():
        try:
            manifest = mf.load(run_dir)
        except InputError as exc:
            logger.warning("job %s: starting over, the manifest is unusable: %s", jd.id, exc)
        if manifest is not None and manifest.get("batch", {}).get("spec_hash") != claim.spec_hash:
            manifest = None
    saved_text = run_dir / INPUT_TEXT
    text = saved_text.read_text(encoding="utf-8") if manifest is not None and saved_text.is_file() else _job_text(jd)
    job = Job(id=jd.id, text=text, voice=jd.voice, portrait=jd.portrait, language=jd.language,
              extra={"user": jd.user} if jd.user else {})  # fmt: skip
    plan.check_jobs([job])
    if manifest is None:
        run_dir.mkdir(parents=True, exist_ok=True)
        atomic.write_text(saved_text, text)
        manifest = mf.new(
            jd.id,
            invocation | {"sets": invocation.get("sets", []) + list(jd.sets)},
            plan.as_dict(),
            plan.resolved,
            job.as_dict(),
        )
        manifest["batch"] = {"name": Path(batch_dir).name, "job": jd.id, "spec_hash": claim.spec_hash}
    else:
        known = {e["id"] for e in manifest["stages"]}
        for s in plan.as_dict()["stages"]:
            if s["id"] not in known:
                manifest["stages"].append({"id": s["id"], "uses": s["uses"], "status": "pending"})
        manifest["status"] = "running"
        manifest["resumes"] = manifest.get("resumes", 0) + 1
    manifest["batch"]["attempt"] = claim.attempt
    mf.save(run_dir, manifest)
    return JobRun(job, run_dir, manifest)


def stage_outputs(manifest: dict[str, Any]) -> dict[str, Any]:
    """Every stage's recorded outputs with their checksums, by stage id."""
    return {e["id"]: e["outputs"] for e in manifest["stages"] if e.get("outputs")}


def final_artifact(manifest: dict[str, Any], run_dir: Path) -> tuple[Path, dict[str, Any]] | None:
    """The first output of the last stage that wrote one: the job's deliverable, whatever the pipeline."""
    for entry in reversed(manifest["stages"]):
        outputs = entry.get("outputs") or {}
        for rec in outputs.values():
            p = Path(rec["path"])
            return (p if p.is_absolute() else Path(run_dir) / p), rec
    return None


def deliverable_name(output: str, artifact: Path) -> str:
    return output if Path(output).suffix.lower() == artifact.suffix.lower() else output + artifact.suffix


def publish(jr: JobRun, batch_dir: Path, output: str) -> dict[str, Any] | None:
    """Hard-link (or copy) the final artifact to ``<batch dir>/<output><suffix>``, atomically."""
    found = final_artifact(jr.manifest, jr.run_dir)
    if found is None:
        return None
    src, rec = found
    name = deliverable_name(output, src)
    with atomic.atomic_path(Path(batch_dir) / name) as tmp:
        tmp.unlink()
        try:
            os.link(src, tmp)
        except OSError:  # another file system, or no hard links: copy
            shutil.copyfile(src, tmp)
    return {"path": name, "sha256": rec["sha256"], "bytes": rec["bytes"], "source": os.path.relpath(src, batch_dir)}
