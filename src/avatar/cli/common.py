"""Options and helpers shared by commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from avatar.cli.console import out_console


def profile_option(f: Any) -> Any:
    return click.option(
        "--profile",
        "profile",
        metavar="NAME",
        help="Hardware profile name or YAML file (overrides the automatic choice).",
    )(f)


def voices_dir_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """Where the users' voices and lexicons live; ``--profiles-dir`` is its name from before 2026-12."""
    return click.option(
        "--voices-dir",
        "--profiles-dir",
        "voices_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Where the users' voices and lexicons live (default: $AVATAR_VOICES_DIR or ./voices).",
    )(f)


def _set_option(example: str) -> Callable[[Any], Any]:
    def decorate(f: Any) -> Any:
        return click.option(
            "--set", "sets", multiple=True, metavar="KEY=VALUE", help=f"Override a setting, e.g. {example}."
        )(f)

    return decorate


# --set for commands that run a pipeline (settings and stage options), and for those that run none
# (`avatar serve`, `avatar voice test`: settings only)
set_option = _set_option("memory.safety_margin_mb=1024 or stages.speech.backend=xtts")
settings_set_option = _set_option("memory.safety_margin_mb=1024 or memory.budget_mb=6000")


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=str))


def mb(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value / 1024:.1f} GB" if value >= 1024 else f"{value:.0f} MB"


def estimate_source(stage: dict[str, Any]) -> str:
    """'static', or 'ledger (N runs)': where a planned stage's memory estimate came from."""
    if stage.get("estimate_source") == "ledger":
        runs = stage.get("estimate_runs") or 0
        return f"ledger ({runs} run{'s' if runs != 1 else ''})"
    return str(stage.get("estimate_source", "static"))


def yes_no(ok: bool) -> str:
    return "[green]yes[/]" if ok else "[red]no[/]"


def echo_rich(*objects: Any) -> None:
    out_console().print(*objects)
