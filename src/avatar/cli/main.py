"""`avatar`: the entry point. Subcommands are imported only when used, so `avatar --help` stays fast."""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import click

from avatar import __version__

# name -> (module:attribute, one-line help). The help text lives here so `--help` imports nothing else.
COMMANDS: dict[str, tuple[str, str]] = {
    "status": ("avatar.cli.status:status", "Device, memory, hardware profile, installed stages and checks."),
    "run": ("avatar.cli.run:run", "Run a pipeline once: text in, files under outputs/<run-id>/ out."),
    "voice": ("avatar.cli.voice:voice", "Per-user voices built from reference audio."),
    "models": ("avatar.cli.models:models", "Model files: where they are and whether they are intact."),
    "bench": ("avatar.cli.bench:bench", "Per-stage load/run seconds, real-time factor and memory (a CI gate)."),
    "batch": ("avatar.cli.batch:batch", "Many jobs, stage-major, resumable (local or Ray)."),
    "schedule": ("avatar.cli.schedule:schedule", "Scheduled batches (cron expressions)."),
    "serve": ("avatar.cli.serve:serve", "OpenAI-compatible speech API with per-user voices, metrics and keys."),
    "text": ("avatar.cli.text:text", "How the voice reads a script: normalised text, changes, unknown words."),
}


COMMANDS_GROUP = "avatar.commands"  # plugins' CLI commands: name -> a click.Command


def plugin_commands() -> dict[str, Any]:
    """Installed plugins' commands (entry points of ``avatar.commands``), read without importing them; a
    plugin cannot take a built-in command's name."""
    from importlib.metadata import entry_points

    found: dict[str, Any] = {}
    for ep in entry_points(group=COMMANDS_GROUP):
        if ep.name in COMMANDS:
            logging.getLogger(__name__).debug("plugin command '%s' (%s) ignored: a built-in has that name",
                                              ep.name, ep.value)  # fmt: skip
        else:
            found.setdefault(ep.name, ep)
    return found


def _plugin_command(name: str, ep: Any) -> click.Command:
    """A plugin's command, or one that says in one line why it cannot run."""
    try:
        cmd = ep.load()
    except Exception as exc:  # a third party's import error, whatever it is
        reason = f"it cannot be imported ({type(exc).__name__}: {exc})"
    else:
        if isinstance(cmd, click.Command):
            return cmd
        reason = f"{ep.value} is not a click command"

    @click.command(name=name, help=f"Plugin command ({ep.value}), unavailable.")
    def unavailable() -> None:
        raise click.ClickException(f"plugin command '{name}' is broken: {reason}")

    return unavailable


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*COMMANDS, *plugin_commands()])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            plugins = plugin_commands()
            return _plugin_command(name, plugins[name]) if name in plugins else None
        module, attr = COMMANDS[name][0].split(":")
        try:
            cmd: click.Command = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:
            reason = str(exc)

            @click.command(name=name, help=COMMANDS[name][1])
            def unavailable() -> None:
                raise click.ClickException(f"'avatar {name}' is not available in this install: {reason}")

            return unavailable
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        plugins = plugin_commands()
        rows = [(name, COMMANDS[name][1] if name in COMMANDS else f"(plugin: {plugins[name].value})")
                for name in self.list_commands(ctx)]  # fmt: skip
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def setup_logging(verbose: int, quiet: bool) -> None:
    """avatar's own log at WARNING (INFO with -v, DEBUG with -vv); other libraries' at ERROR (WARNING
    with -v), so model packages' import-time chatter stays out of the way unless asked for."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    others = logging.ERROR if quiet or verbose == 0 else (logging.WARNING if verbose == 1 else logging.DEBUG)
    from rich.logging import RichHandler

    from avatar.cli.console import err_console

    handler = RichHandler(console=err_console(), show_time=False, show_path=verbose >= 2, markup=False)
    logging.basicConfig(level=others, format="%(message)s", handlers=[handler], force=True)
    logging.getLogger("avatar").setLevel(level)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="avatar")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool, debug: bool) -> None:
    """avatar: cloned voice, speech and talking-head video on the hardware you own, one model at a time."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    setup_logging(2 if debug else verbose, quiet)


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; AvatarError becomes one line on stderr and its exit code (2 usage/input, 1 failure)."""
    from avatar.errors import AvatarError

    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        return cli.main(args=argv, prog_name="avatar", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except AvatarError as exc:
        if debug:
            raise
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted; finished stages are kept (use --resume).", err=True)
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        click.echo(f"Error: unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)", err=True)
        sys.exit(1)
