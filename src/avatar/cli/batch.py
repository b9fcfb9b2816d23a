"""`avatar batch`: many jobs through one pipeline, stage-major, resumable, locally or on Ray."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import click

from avatar.batch.defaults import DEFAULT_BACKOFF_S, DEFAULT_MAX_ATTEMPTS
from avatar.batch.local import BatchObserver
from avatar.cli.common import echo_rich, print_json, profile_option, voices_dir_option
from avatar.cli.console import err_console
from avatar.cli.progress import RichObserver


class BatchProgress(RichObserver, BatchObserver):
    """The whole batch as one bar, the current stage as another (stderr)."""

    def __init__(self, enabled: bool) -> None:
        super().__init__(enabled)
        self.batch_task = self.progress.add_task("starting", total=None, stage="batch")
        self.failed = 0

    def __enter__(self) -> BatchProgress:
        self.progress.start()
        return self

    def batch_started(self, total: int, already_done: int) -> None:
        self.progress.update(
            self.batch_task, total=total, completed=already_done, description=f"{already_done} done before"
        )

    def job_outcome(self, job_id: str, state: str, error: str | None) -> None:
        if state == "done":
            self.progress.advance(self.batch_task)
        elif state == "failed":
            self.failed += 1
            self.progress.advance(self.batch_task)
        note = f"{job_id}: {state}" + (f", {self.failed} failed" if self.failed else "")
        self.progress.update(self.batch_task, description=note)

    def poll(self, counts: dict[str, int]) -> None:
        """For several worker processes: the store's counts are the progress."""
        total = sum(counts.values())
        finished = counts["done"] + counts["failed"]
        self.progress.update(
            self.batch_task,
            total=total,
            completed=finished,
            description=f"{counts['running']} running, {counts['failed']} failed",
        )


def _executor_options(f: Callable[..., Any]) -> Callable[..., Any]:
    options: list[Callable[[Any], Any]] = [
        click.option(
            "--executor",
            type=click.Choice(["local", "ray"]),
            default="local",
            show_default=True,
            help="Where workers run.",
        ),
        click.option("--address", metavar="ADDR", help="Ray cluster address (default: start a local Ray instance)."),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            help="Worker processes (local: default 1; ray: one per GPU or CPU).",
        ),
        click.option(
            "--attempts",
            type=click.IntRange(min=1),
            default=DEFAULT_MAX_ATTEMPTS,
            show_default=True,
            help="Attempts per job before it stays failed (bad input fails at once).",
        ),
        click.option(
            "--backoff",
            type=click.FloatRange(min=0),
            default=DEFAULT_BACKOFF_S,
            show_default=True,
            help="Seconds before the first retry; doubles each time.",
        ),
        voices_dir_option,
        click.option(
            "--claim",
            "claim_limit",
            type=click.IntRange(min=1),
            help="Jobs a worker takes at a time (default: all it can; fewest model loads).",
        ),
        click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON."),
    ]
    for opt in reversed(options):
        f = opt(f)
    return f


def _load(file: Path, pipeline: str | None = None, profile: str | None = None) -> Any:
    """The batch file, with --pipeline/--profile applied. Where neither the command line nor the file
    names them, the ones the batch last ran with (its store) are kept: re-running a killed batch
    without repeating --pipeline must not re-queue every job under a different pipeline."""
    from avatar.batch.spec import load_batch
    from avatar.batch.store import BatchStore, store_path

    spec = load_batch(file)
    if pipeline is not None:
        spec.pipeline = str(Path(pipeline).resolve()) if Path(pipeline).is_file() else pipeline
    if profile is not None:
        spec.profile = profile
    if (spec.pipeline is None or spec.profile is None) and store_path(spec.batch_dir).is_file():
        with BatchStore(spec.batch_dir, create=False) as store:
            meta = store.meta()
        spec.pipeline = spec.pipeline or meta.get("pipeline")
        spec.profile = spec.profile or meta.get("profile")
    return spec


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (systemd stop, `kill`) stops the batch like Ctrl-C: claims are given back, nothing half-written."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _execute(
    spec: Any,
    executor: str,
    address: str | None,
    workers: int | None,
    attempts: int,
    backoff: float,
    voices_dir: Path | None,
    claim_limit: int | None,
    as_json: bool,
    requeue: list[str] | None = None,
    requeue_failed: bool = False,
) -> None:
    from avatar.batch.execute import Executor, run_batch
    from avatar.batch.local import WorkerOptions

    options = WorkerOptions(
        max_attempts=attempts,
        backoff_s=backoff,
        claim_limit=claim_limit,
        voices_root=str(voices_dir) if voices_dir else None,
    )
    show = not as_json and sys.stderr.isatty()
    try:
        with _sigterm_interrupts(), BatchProgress(enabled=show) as progress:
            summary = run_batch(
                spec,
                Executor(executor),
                workers,
                options,
                address,
                observer=progress,
                on_poll=progress.poll,
                requeue=requeue,
                requeue_failed=requeue_failed,
            )
    except KeyboardInterrupt:
        err_console().print("Interrupted: unfinished jobs were given back; run the same command to go on.")
        sys.exit(130)
    if as_json:
        print_json(summary)
    else:
        print_summary(summary, spec.batch_dir)
    if summary["counts"]["failed"]:
        sys.exit(1)


def print_summary(summary: dict[str, Any], batch_dir: Path) -> None:
    from rich.table import Table

    c = summary["counts"]
    t = Table(title=f"Batch {summary['batch']}: {summary['jobs']} jobs", title_justify="left")
    for col in ("done", "failed", "skipped (done before)", "retries", "time", "model loads", "workers"):
        t.add_column(col)
    loads = ", ".join(f"{k} {v}" for k, v in summary["model_loads"].items()) or "none"
    t.add_row(
        str(summary["done_this_run"]),
        str(c["failed"]),
        str(summary["skipped"]),
        str(summary["retries"]),
        f"{summary['wall_s']:.1f}s",
        f"{loads} (target {summary['target_model_loads']})",
        str(summary["workers"]),
    )
    echo_rich(t)
    for job_id, error in summary["errors"].items():
        echo_rich(f"[red]failed[/] {job_id}: {error}")
    if c["pending"] or c["running"]:
        echo_rich(f"{c['pending']} pending, {c['running']} running (held by other workers)")
    echo_rich(f"Outputs: {batch_dir}")


@click.group()
def batch() -> None:
    """Many jobs (YAML or CSV file) through one pipeline, each model loaded once, resumable after a kill."""


@batch.command("run")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--pipeline", metavar="FILE", help="Pipeline file or name (overrides the batch file's).")
@profile_option
@_executor_options
def run_cmd(
    file: Path,
    pipeline: str | None,
    profile: str | None,
    executor: str,
    address: str | None,
    workers: int | None,
    attempts: int,
    backoff: float,
    voices_dir: Path | None,
    claim_limit: int | None,
    as_json: bool,
) -> None:
    """Run every job of FILE not yet done; a killed or interrupted batch goes on where it stopped."""
    spec = _load(file, pipeline, profile)
    _execute(spec, executor, address, workers, attempts, backoff, voices_dir, claim_limit, as_json)


@batch.command("retry")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--pipeline", metavar="FILE", help="Pipeline file or name (default: the batch's).")
@profile_option
@click.option("--failed", "failed_only", is_flag=True, help="Re-queue every failed job (the default).")
@click.option("--job", "job_ids", multiple=True, metavar="ID", help="Re-queue this job (done ones are done again).")
@_executor_options
def retry_cmd(
    file: Path,
    pipeline: str | None,
    profile: str | None,
    failed_only: bool,
    job_ids: tuple[str, ...],
    executor: str,
    address: str | None,
    workers: int | None,
    attempts: int,
    backoff: float,
    voices_dir: Path | None,
    claim_limit: int | None,
    as_json: bool,
) -> None:
    """Re-queue failed jobs of FILE (after fixing their cause) and run them."""
    spec = _load(file, pipeline, profile)
    _execute(
        spec,
        executor,
        address,
        workers,
        attempts,
        backoff,
        voices_dir,
        claim_limit,
        as_json,
        requeue=list(job_ids) if job_ids else None,
        requeue_failed=failed_only or not job_ids,
    )


@batch.command("status")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def status_cmd(file: Path, as_json: bool) -> None:
    """Each job's state, attempts, stages and error, from the batch's store."""
    from rich.table import Table

    from avatar.batch.report import status

    spec = _load(file)
    data = status(spec.batch_dir)
    if as_json:
        print_json(data)
        return
    c = data["counts"]
    title = (
        f"Batch {data['batch']}: {c['done']} done, {c['failed']} failed, {c['running']} running, {c['pending']} pending"
    )
    t = Table(title=title, title_justify="left")
    for col in ("job", "state", "attempts", "stages", "time", "output", "error"):
        t.add_column(col)
    colour = {"done": "green", "failed": "red", "running": "cyan", "interrupted": "yellow"}
    for j in data["jobs"]:
        state = j["state"]
        t.add_row(
            j["id"],
            f"[{colour.get(state, 'white')}]{state}[/]",
            str(j["attempts"]),
            " ".join(f"{k}:{v}" for k, v in j["stages"].items()) or "-",
            f"{j['wall_s']:.1f}s" if j["wall_s"] else "-",
            j["output"] or "-",
            j["error"] or "",
        )
    echo_rich(t)


@batch.command("verify")
@click.argument("file", type=click.Path(path_type=Path))
def verify_cmd(file: Path) -> None:
    """Check that every finished job's outputs are present and match their checksums (exit 1 if not)."""
    from avatar.batch.report import verify

    spec = _load(file)
    t0 = time.perf_counter()
    checked, problems = verify(spec.batch_dir)
    for problem in problems:
        echo_rich(f"[red]problem[/] {problem}")
    if problems:
        echo_rich(f"{len(problems)} problem(s) in {checked} finished job(s)")
        sys.exit(1)
    echo_rich(f"[green]ok[/] {checked} finished job(s) verified in {time.perf_counter() - t0:.2f}s")
