"""`avatar models`: where each backend's weights are, and whether they match their recorded sums."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from avatar.cli.common import echo_rich, print_json, profile_option, set_option
from avatar.errors import InputError, RunError

if TYPE_CHECKING:
    from avatar.config.schema import Settings

F = TypeVar("F", bound=Callable[..., Any])


def _settings(pipeline: str | None, profile: str | None, sets: tuple[str, ...]) -> Settings:
    from avatar.pipeline.plan import build_plan

    return build_plan(pipeline, profile, sets).settings


@click.group()
def models() -> None:
    """Model files: where they are and whether they are intact."""


def _common(f: F) -> F:
    f = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")(f)
    f = click.option("--pipeline", metavar="FILE", help="Pipeline whose settings name the models.")(f)
    return cast(F, set_option(profile_option(f)))


@models.command("list")
@_common
def list_(as_json: bool, pipeline: str | None, profile: str | None, sets: tuple[str, ...]) -> None:
    """Each backend's model: configured location and whether it is on this machine."""
    from avatar.models import locate_all

    results = locate_all(_settings(pipeline, profile, sets))
    if as_json:
        print_json([r.as_dict() for r in results])
        return
    from rich.table import Table

    t = Table()
    for col in ("backend", "configured", "present", "location / how to get it"):
        t.add_column(col)
    for r in results:
        t.add_row(r.backend, r.configured, "[green]yes[/]" if r.present else "[red]no[/]", r.location or r.detail)
    echo_rich(t)


@models.command("verify")
@_common
def verify(as_json: bool, pipeline: str | None, profile: str | None, sets: tuple[str, ...]) -> None:
    """Check model files against the sha256 sums recorded in `models.<backend>.sha256`; exit 1 on a mismatch."""
    from avatar.models import verify as run_verify

    results = run_verify(_settings(pipeline, profile, sets))
    if as_json:
        print_json([r.as_dict() for r in results])
    else:
        for r in results:
            mark = "[red]FAIL[/]" if r.problems else ("[green]ok[/]" if r.present else "[yellow]absent[/]")
            echo_rich(f"{mark:>18}  {r.backend:10s} {r.location or ''}  {r.detail}")
    bad = [r for r in results if r.problems]
    if bad:
        raise RunError(f"{len(bad)} model(s) do not match their recorded sha256 sums: " + "; ".join(bad[0].problems))


@models.command("hash")
@click.argument("path", type=click.Path(path_type=Path))
def hash_(path: Path) -> None:
    """Print the `sha256:` mapping of a model file or folder, to paste under `models.<backend>`."""
    from avatar.models import hash_files

    if not path.exists():
        raise InputError(f"{path} does not exist")
    click.echo("sha256:")
    for rel, digest in hash_files(path).items():
        click.echo(f"  {rel}: {digest}")
