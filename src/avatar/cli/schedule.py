"""`avatar schedule`: batches started by cron expressions, from a foreground loop (systemd, containers)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from avatar.cli.common import echo_rich, print_json


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else "-"


@click.group()
def schedule() -> None:
    """Run batch files on cron schedules (`avatar schedule run` is the long-running loop)."""


@schedule.command("add")
@click.argument("name")
@click.option("--cron", "cron", required=True, metavar="EXPR", help="Cron expression, e.g. '0 3 * * *' or @daily.")
@click.option("--batch", "batch_file", required=True, type=click.Path(path_type=Path), help="Batch file (YAML or CSV).")
def add_cmd(name: str, cron: str, batch_file: Path) -> None:
    """Add schedule NAME: run the batch file whenever the cron expression matches."""
    from avatar.batch.schedule import ScheduleStore, next_fire

    entry = ScheduleStore().add(name, cron, batch_file)
    upcoming = _when(next_fire(entry.cron, time.time()))
    echo_rich(f"Added schedule {entry.name}: {entry.cron} -> {entry.batch}; next run {upcoming}")


@schedule.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def list_cmd(as_json: bool) -> None:
    """Schedules, their next run and how the last one went."""
    from rich.table import Table

    from avatar.batch.schedule import ScheduleStore, next_fire, schedules_path

    entries = ScheduleStore().list()
    now = time.time()
    if as_json:
        print_json([e.model_dump() | {"next_fire": next_fire(e.cron, max(now, e.last_fire or 0))} for e in entries])
        return
    if not entries:
        echo_rich(f"No schedules ({schedules_path()}); add one with: avatar schedule add NAME --cron EXPR --batch FILE")
        return
    t = Table()
    for col in ("name", "cron", "batch", "next run", "last run", "last status"):
        t.add_column(col)
    for e in entries:
        t.add_row(e.name, e.cron, e.batch, _when(next_fire(e.cron, now)), _when(e.last_started), e.last_status or "-")
    echo_rich(t)


@schedule.command("remove")
@click.argument("name")
def remove_cmd(name: str) -> None:
    """Remove schedule NAME (a batch it started keeps running)."""
    from avatar.batch.schedule import ScheduleStore

    ScheduleStore().remove(name)
    echo_rich(f"Removed schedule {name}")


@schedule.command("run")
@click.option("--once", is_flag=True, help="Check once, start what is due, wait for it, exit (for cron).")
@click.option("--max-iterations", type=click.IntRange(min=1), help="Stop after this many checks.")
@click.option(
    "--poll", "poll_s", type=click.FloatRange(min=0.1), default=20.0, show_default=True, help="Seconds between checks."
)
@click.option(
    "--fire", "fire", multiple=True, metavar="NAME", help="Start this schedule on the first check, due or not."
)
def run_cmd(once: bool, max_iterations: int | None, poll_s: float, fire: tuple[str, ...]) -> None:
    """The scheduler loop, in the foreground. SIGTERM stops it cleanly; a batch whose previous run is
    still going is skipped, never started twice. Exits 1 if a batch it started failed."""
    from avatar.batch.schedule import Scheduler, ScheduleStore
    from avatar.errors import UnknownNameError

    store = ScheduleStore()
    names = [e.name for e in store.list()]
    for name in fire:
        if name not in names:
            raise UnknownNameError("schedule", name, names, "see `avatar schedule list`")
    scheduler = Scheduler(store, poll_s=poll_s)
    failures = scheduler.run(once=once, max_iterations=max_iterations, fire=list(fire))
    echo_rich(f"Scheduler stopped: {scheduler.started} started, {scheduler.skipped} skipped, {failures} failed")
    if failures:
        sys.exit(1)
