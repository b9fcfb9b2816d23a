"""`avatar bench`: cold and warm figures per stage, real-time factor for speech, memory; a CI gate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from avatar.cli.common import echo_rich, mb, print_json, profile_option, set_option, yes_no
from avatar.errors import RunError, UsageError


def _fmt(spread: dict[str, float] | None, unit: str = "") -> str:
    if not spread:
        return "-"
    return f"{spread['median']:.3f}{unit} ({spread['min']:.3f}-{spread['max']:.3f})"


def show(report: dict[str, Any]) -> None:
    from rich.table import Table

    t = Table(
        title=f"bench {report['pipeline']} on {report['device']} ({report['profile']}), {report['runs']} run(s)",
        title_justify="left",
    )
    for col in ("stage", "backend", "host", "cold load s", "warm load s", "cold run s", "warm run s", "RTF",
                "+peak", "back"):  # fmt: skip
        t.add_column(col)
    for s in report["stages"]:
        peak = s["peak_delta_mb"]
        t.add_row(
            s["id"],
            s["backend"] or s["uses"],
            "worker" if s["isolated"] else "in-process",
            f"{s['cold_load_s']:.3f}",
            _fmt(s["warm_load_s"]),
            f"{s['cold_run_s']:.3f}",
            _fmt(s["warm_run_s"]),
            _fmt(s["rtf"]),
            mb(peak["max"]) if peak else "-",
            yes_no(bool(s["memory_returned"])),
        )
    echo_rich(t)
    echo_rich("median (min-max) over the warm runs; +peak: the largest peak above the level before the stage")


@click.command()
@click.argument("pipeline", required=False, metavar="[PIPELINE]")
@click.option("--runs", default=3, show_default=True, type=click.IntRange(1, 1000),
              help="Runs; the first is cold, the rest warm.")  # fmt: skip
@click.option("--text", help="Text to speak (default: a three-sentence paragraph).")
@click.option("--script", type=click.Path(path_type=Path), help="A UTF-8 text file to speak.")
@click.option("--rtf-threshold", type=float, metavar="X", help="Exit 1 when the median real-time factor is above X.")
@profile_option
@set_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Keep the runs here (default: a temp folder).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench(
    pipeline: str | None,
    runs: int,
    text: str | None,
    script: Path | None,
    rtf_threshold: float | None,
    profile: str | None,
    sets: tuple[str, ...],
    out_dir: Path | None,
    as_json: bool,
) -> None:
    """Benchmark PIPELINE (default: the built-in speech pipeline) stage by stage: cold load and warm run
    seconds, real-time factor for speech, peak memory and whether it came back."""
    from avatar.pipeline import bench as b
    from avatar.pipeline.execute import read_script

    if text is not None and script is not None:
        raise UsageError("give either --text or --script, not both")
    body = read_script(script) if script is not None else (text or b.DEFAULT_BENCH_TEXT)
    if not body.strip():
        raise UsageError("the text is empty")
    report = b.run_bench(pipeline, runs, body, profile, sets, out_dir)
    rtf = b.median_rtf(report)
    report["median_rtf"] = rtf
    if rtf_threshold is not None:
        report["rtf_threshold"] = rtf_threshold
    if as_json:
        print_json(report)
    else:
        show(report)
    if rtf_threshold is not None:
        if rtf is None:
            raise UsageError(f"--rtf-threshold: the pipeline '{report['pipeline']}' has no speech stage")
        if rtf > rtf_threshold:
            raise RunError(f"median real-time factor {rtf:.4f} is above the threshold {rtf_threshold:g}")
