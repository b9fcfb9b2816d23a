"""A rich progress display fed by the runner's observer hooks."""

from __future__ import annotations

from typing import Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from avatar.cli.console import err_console
from avatar.pipeline.plan import PlannedStage
from avatar.pipeline.runner import JobRun, RunObserver


class RichObserver(RunObserver):
    def __init__(self, enabled: bool = True) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.fields[stage]:<14}[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err_console(),
            transient=False,
            disable=not enabled,
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> RichObserver:
        self.progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.stop()

    def stage_started(self, ps: PlannedStage, jobs: list[JobRun]) -> None:
        self.tasks[ps.id] = self.progress.add_task("loading", total=len(jobs), stage=ps.id)

    def stage_loaded(self, ps: PlannedStage, seconds: float) -> None:
        self.progress.update(self.tasks[ps.id], description=f"loaded in {seconds:.1f}s")

    def job_progress(self, ps: PlannedStage, jr: JobRun, done: float, total: float, message: str) -> None:
        if len(self.progress.tasks[self.tasks[ps.id]].fields) and total:
            self.progress.update(self.tasks[ps.id], description=f"{jr.job.id}: {message}")

    def job_finished(self, ps: PlannedStage, jr: JobRun, entry: dict[str, Any]) -> None:
        self.progress.advance(self.tasks[ps.id])

    def stage_finished(self, ps: PlannedStage, summary: dict[str, Any]) -> None:
        note = "" if summary["memory_returned"] else " [yellow]memory not returned[/]"
        self.progress.update(self.tasks[ps.id], description=f"peak +{summary['peak_delta_mb']:.0f} MB{note}")
