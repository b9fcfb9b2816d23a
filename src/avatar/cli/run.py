"""`avatar run`: one pipeline run, ending in files under outputs/<run-id>/ and a manifest."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from avatar.cli.common import (
    echo_rich,
    estimate_source,
    mb,
    print_json,
    profile_option,
    set_option,
    voices_dir_option,
    yes_no,
)
from avatar.errors import UsageError


def print_plan(plan_dict: dict[str, Any]) -> None:
    from rich.table import Table

    d, p = plan_dict["device"], plan_dict["profile"]
    echo_rich(
        f"[bold]Plan[/] {plan_dict['pipeline']['name']} on {d['device']} ({d['name']}), "
        f"profile {p['name']} ({p['reason']})"
    )
    t = Table()
    for col in ("#", "stage", "uses", "device", "host", "dtype", "estimate", "source", "headroom", "fits", "note"):
        t.add_column(col)
    for i, s in enumerate(plan_dict["stages"], 1):
        t.add_row(
            str(i),
            s["id"],
            s["uses"],
            s["device"],
            "worker" if s.get("isolated") else "in-process",
            s["dtype"],
            mb(s["estimate_mb"]),
            estimate_source(s),
            mb(s["headroom_mb"]),
            yes_no(s["fits"]),
            s["note"],
        )
    echo_rich(t)
    echo_rich("Fits: " + yes_no(plan_dict["fits"]) + " (nothing was loaded)")


def print_summary(manifest: dict[str, Any], run_dir: Path) -> None:
    from rich.table import Table

    t = Table(
        title=f"Run {manifest['run_id']}: {manifest['status']} in {manifest['wall_s']:.2f}s",
        title_justify="left",
    )
    # peak: the process's (or device's) peak during the stage; +peak: above the level before it loaded;
    # after: memory held after cleanup; back: whether it came back within the tolerance.
    for col in ("stage", "status", "device", "load s", "run s", "peak", "+peak", "after", "back"):
        t.add_column(col)
    for s in manifest["stages"]:
        t.add_row(
            s["id"],
            s.get("status", ""),
            s.get("device", ""),
            f"{s['load_s']:.2f}" if "load_s" in s else "-",
            f"{s['run_s']:.2f}" if "run_s" in s else "-",
            mb(s.get("peak_mb")),
            mb(s.get("peak_delta_mb")),
            mb(s.get("memory_after_cleanup_mb")),
            yes_no(s["memory_returned"]) if "memory_returned" in s else "-",
        )
    echo_rich(t)
    outputs = [o["path"] for s in manifest["stages"] for o in s.get("outputs", {}).values()]
    for path in outputs:
        echo_rich(f"  {run_dir / path}")
    echo_rich(f"Manifest: {run_dir / 'manifest.json'}")


@click.command()
@click.argument("pipeline", required=False, metavar="[PIPELINE]")
@click.option("--text", help="The text to speak.")
@click.option("--script", type=click.Path(path_type=Path), help="A UTF-8 text file to speak.")
@click.option("--voice", metavar="USER/NAME", help="Voice profile to speak with (needs a cloning backend).")
@click.option("--portrait", type=click.Path(path_type=Path), help="Portrait image for the talking head.")
@click.option("--language", help="Language code, e.g. en.")
@click.option(
    "--lexicon",
    "lexicon_user",
    metavar="USER",
    help="Whose pronunciation lexicon to apply (default: the voice's user).",
)
@profile_option
@set_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Output root (default: outputs/).")
@voices_dir_option
@click.option("--dry-run", is_flag=True, help="Print the plan (devices, estimates, fit) and load nothing.")
@click.option("--resume", "resume_dir", type=click.Path(path_type=Path), help="Resume a failed run from its folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest (or the plan) as JSON.")
def run(
    pipeline: str | None,
    text: str | None,
    script: Path | None,
    voice: str | None,
    portrait: Path | None,
    language: str | None,
    lexicon_user: str | None,
    profile: str | None,
    sets: tuple[str, ...],
    out_dir: Path | None,
    voices_dir: Path | None,
    dry_run: bool,
    resume_dir: Path | None,
    as_json: bool,
) -> None:
    """Run PIPELINE (a YAML file or a built-in name; default: the built-in text -> speech pipeline)."""
    from avatar.cli.progress import RichObserver
    from avatar.paths import outputs_dir
    from avatar.pipeline import execute
    from avatar.pipeline.plan import build_plan
    from avatar.stages.base import Job

    t0 = time.perf_counter()
    if resume_dir is not None:
        if text or script or pipeline:
            raise UsageError("--resume takes the run's recorded pipeline and text; drop PIPELINE/--text/--script")
        plan, jr = execute.resume(resume_dir, voices_dir)
    else:
        if text is not None and script is not None:
            raise UsageError("give either --text or --script, not both")
        body = execute.read_script(script) if script is not None else text
        if body is None:
            raise UsageError("nothing to say: pass --text TEXT or --script FILE")
        if not body.strip():
            raise UsageError("the text is empty; pass --text TEXT or --script FILE with some words in it")
        job = Job(text=body, voice=voice, portrait=portrait, language=language)
        if lexicon_user:
            job.extra["user"] = lexicon_user
        plan = build_plan(pipeline, profile, sets, voices_dir)
        if dry_run:
            plan.check_jobs([job])
            if as_json:
                print_json(plan.as_dict())
            else:
                print_plan(plan.as_dict())
            return
        invocation = {
            "pipeline": str(plan.pipeline_path),
            "profile": profile,
            "sets": list(sets),
            "argv": sys.argv[1:],
        }
        jr = execute.prepare(plan, job, out_dir or outputs_dir(), invocation)
    with RichObserver(enabled=not as_json and sys.stderr.isatty()) as observer:
        try:
            execute.execute(plan, jr, observer)
        finally:
            jr.manifest.setdefault("cli_wall_s", round(time.perf_counter() - t0, 3))
    if as_json:
        print_json(jr.manifest)
    else:
        print_summary(jr.manifest, jr.run_dir)
