"""`avatar serve`: the OpenAI-compatible speech API; `avatar serve keys`: its API keys."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import click

from avatar.cli.common import print_json, profile_option, settings_set_option, voices_dir_option
from avatar.errors import UsageError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.group(invoke_without_command=True)
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1; others need an API key).")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port (default 8000).")
@click.option(
    "--idle-unload",
    "idle_unload_s",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Unload a model idle this long (default: keep it while it fits).",
)
@click.option(
    "--queue",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Requests that may wait for the device; more get 429 (default 32).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="YAML file of settings (as a pipeline's `settings`).",
)
@voices_dir_option
@click.option(
    "--ready-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    hidden=True,
    help="Write the bound port here once listening (tests, --port 0).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where pipeline runs (POST /v1/runs) execute: here, or on a Ray cluster.",
)
@click.option("--address", metavar="ADDR", help="Ray cluster address for --executor ray (default: start a local one).")
@profile_option
@settings_set_option
@click.pass_context
def serve(
    ctx: click.Context,
    host: str | None,
    port: int | None,
    idle_unload_s: float | None,
    queue: int | None,
    config_file: Path | None,
    voices_dir: Path | None,
    ready_file: Path | None,
    executor: str,
    address: str | None,
    profile: str | None,
    sets: tuple[str, ...],
) -> None:
    """Serve OpenAI-compatible speech (POST /v1/audio/speech) with per-user voices, models kept warm
    while they fit, Prometheus metrics and a live log. `avatar serve keys --help` for API keys."""
    if ctx.invoked_subcommand is not None:
        return
    from avatar.hardware import device as hw

    # glibc's arenas cap (see tune_allocator) holds only for threads that first allocate after it, and a
    # server's threads start with its context: capped later, a long conversation's RSS kept growing
    hw.tune_allocator()
    try:
        from avatar.serve.app import build_context, run
    except ImportError as exc:
        from avatar.errors import MissingDependencyError

        raise MissingDependencyError(exc.name or "fastapi", extra="serve", purpose="avatar serve") from None
    from avatar.serve.config import resolve_settings
    from avatar.serve.keys import KeyStore

    options = {"host": host, "port": port, "idle_unload_s": idle_unload_s, "queue": queue}
    settings, _ = resolve_settings(profile, config_file, sets, options)
    keys = KeyStore()
    bind = settings.serve.host
    if not keys.any() and not is_loopback(bind):
        raise UsageError(
            f"no API key is configured, so the server binds only loopback addresses, not {bind}; "
            "add one with: avatar serve keys add USER --admin"
        )
    # A server logs plain lines with times, one per record (the rich console wraps them).
    avatar_log = logging.getLogger("avatar")
    if avatar_log.getEffectiveLevel() > logging.INFO and avatar_log.level != logging.ERROR:
        avatar_log.setLevel(logging.INFO)
    plain = logging.StreamHandler()
    plain.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(plain)
    context = build_context(
        settings, voices_root=voices_dir, keys=keys, profile=profile, sets=sets, executor=executor, address=address
    )
    avatar_log.addHandler(context.logs)
    auth = f"{len(keys.list())} API key(s)" if keys.any() else "no API keys (loopback only)"
    logging.getLogger("avatar.serve").info("avatar serve on http://%s:%d, %s", bind, settings.serve.port, auth)
    code = run(context, bind, settings.serve.port, ready_file=ready_file)
    if code:
        raise click.exceptions.Exit(code)


@serve.group()
def keys() -> None:
    """API keys: only a hash of each is stored, under the state folder."""


@keys.command("add")
@click.argument("user")
@click.option("--admin", is_flag=True, help="May load and unload models and read the log.")
def keys_add(user: str, admin: bool) -> None:
    """Make a key for USER and print it (alone, on stdout; it is not shown again)."""
    from avatar.serve.keys import KeyStore

    key, record = KeyStore().add(user, admin)
    click.echo(key)
    click.echo(f"key {record.id} for {record.user}{' (admin)' if admin else ''}; store it now", err=True)


@keys.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def keys_list(as_json: bool) -> None:
    """Keys by id, user and role (never the keys themselves)."""
    from avatar.serve.keys import KeyStore

    records = [r.public() for r in KeyStore().list()]
    if as_json:
        print_json(records)
        return
    if not records:
        click.echo("No API keys; add one with: avatar serve keys add USER [--admin]")
        return
    for r in records:
        click.echo(f"{r['id']}  {r['user']:<24} {'admin' if r['admin'] else 'user ':<6} {r['created']}")


@keys.command("revoke")
@click.argument("key_id_or_user")
def keys_revoke(key_id_or_user: str) -> None:
    """Revoke a key by its id, or every key of a user."""
    from avatar.serve.keys import KeyStore

    gone = KeyStore().revoke(key_id_or_user)
    for r in gone:
        click.echo(f"revoked key {r.id} of {r.user}", err=True)
