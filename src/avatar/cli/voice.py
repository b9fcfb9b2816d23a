"""`avatar voice`: add, list, show, remove and test per-user voices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from avatar.cli.common import echo_rich, print_json, profile_option, settings_set_option, voices_dir_option, yes_no
from avatar.voices.store import VoiceStore
from avatar.voices.stored import StoredVoice


def _store(ctx: click.Context) -> VoiceStore:
    store: VoiceStore = ctx.ensure_object(dict)["voice_store"]
    return store


def _as_dict(stored: StoredVoice) -> dict[str, Any]:
    return {
        "id": stored.id,
        "user": stored.user,
        "name": stored.name,
        "dir": str(stored.dir),
        "reference_audio": str(stored.reference_audio),
        "duration_s": stored.duration_s,
        "sample_rate": stored.sample_rate,
        "transcript": stored.transcript,
        "language": stored.language,
        "default_backend": stored.default_backend,
        "reference_sha256": stored.reference_sha256,
        "embedding_model": stored.embedding_model,
        "embedding_sha256": stored.embedding_sha256,
        "created": stored.created.isoformat(),
    }


@click.group()
@voices_dir_option
@click.pass_context
def voice(ctx: click.Context, voices_dir: Path | None) -> None:
    """Per-user voices built from reference audio."""
    from avatar.paths import voices_dir as default_voices_dir

    ctx.ensure_object(dict)["voice_store"] = VoiceStore(voices_dir or default_voices_dir())


@voice.command("add")
@click.argument("user")
@click.argument("name")
@click.option(
    "--audio",
    "audio",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Reference recording: WAV, FLAC, OGG, MP3, M4A or WebM, 3-60 s of speech by one speaker.",
)
@click.option("--text", "transcript", default=None, help="What the recording says (improves cloning).")
@click.option("--language", default=None, help="Language code of the recording, e.g. en or en-US.")
@click.option(
    "--backend",
    "default_backend",
    default="xtts",
    show_default=True,
    help="Backend `avatar voice test` and pipelines use for this voice (one that clones; see `avatar status`).",
)
@click.option("--replace", is_flag=True, help="Replace the voice if it exists.")
@click.pass_context
def add(
    ctx: click.Context,
    user: str,
    name: str,
    audio: Path,
    transcript: str | None,
    language: str | None,
    default_backend: str,
    replace: bool,
) -> None:
    """Create voice USER/NAME from a recording."""
    stored = _store(ctx).add(user, name, audio, transcript, language, default_backend=default_backend, replace=replace)
    echo_rich(
        f"Added voice [bold]{stored.id}[/]: {stored.duration_s:.1f} s of speech at "
        f"{stored.sample_rate} Hz in {stored.dir}"
    )


@voice.command("list")
@click.argument("user", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_(ctx: click.Context, user: str | None, as_json: bool) -> None:
    """List voices (of USER, or of everyone)."""
    voices = _store(ctx).list(user)
    if as_json:
        print_json([_as_dict(p) for p in voices])
        return
    if not voices:
        who = f"user '{user}'" if user else "anyone"
        echo_rich(f"No voices for {who}; add one with: avatar voice add USER NAME --audio FILE")
        return
    from rich.table import Table

    table = Table("voice", "speech", "language", "transcript", "backend", "created")
    for p in voices:
        table.add_row(
            p.id,
            f"{p.duration_s:.1f} s",
            p.language or "-",
            yes_no(p.transcript is not None),
            p.default_backend,
            p.created.strftime("%Y-%m-%d %H:%M"),
        )
    echo_rich(table)


@voice.command("show")
@click.argument("voice_id", metavar="USER/NAME")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def show(ctx: click.Context, voice_id: str, as_json: bool) -> None:
    """Details of one voice, with a check of its files against their checksums."""
    stored = _store(ctx).get(voice_id)
    problems = stored.verify()
    data = _as_dict(stored) | {"intact": not problems, "problems": problems}
    if as_json:
        print_json(data)
        return
    from rich.table import Table

    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key, value in data.items():
        if key == "intact":
            table.add_row(key, yes_no(bool(value)))
        elif key == "problems":
            if value:
                table.add_row(key, "; ".join(value))
        else:
            table.add_row(key, "-" if value is None else str(value))
    echo_rich(table)


@voice.command("remove")
@click.argument("voice_id", metavar="USER/NAME")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def remove(ctx: click.Context, voice_id: str, yes: bool) -> None:
    """Delete a voice and its caches."""
    store = _store(ctx)
    stored = store.get(voice_id)  # unknown voices fail before the question
    if not yes:
        click.confirm(f"Remove voice {stored.id} and its caches?", abort=True)
    store.remove(stored.id)
    echo_rich(f"Removed voice [bold]{stored.id}[/]")


@voice.command("test")
@click.argument("voice_id", metavar="USER/NAME")
@click.option("--text", default=None, help="What to say (default: a short fixed sentence).")
@click.option("--backend", default=None, help="Cloning backend (default: the voice's own).")
@click.option("--device", default=None, help="auto, cpu, mps, cuda or cuda:N.")
@click.option(
    "--model",
    "model_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Local model folder (default: the backend's model from the local Hugging Face cache).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the WAV (default: outputs/voice-test-USER-NAME.wav).",
)
@profile_option
@settings_set_option
@click.pass_context
def test(
    ctx: click.Context,
    voice_id: str,
    text: str | None,
    backend: str | None,
    device: str | None,
    model_path: Path | None,
    out: Path | None,
    profile: str | None,
    sets: tuple[str, ...],
) -> None:
    """Speak a sample with the voice through its cloning backend.

    Memory is checked as a run's stage is: the hardware profile's settings (or --profile), then --set
    (e.g. memory.safety_margin_mb=1024, memory.budget_mb=6000)."""
    from avatar.hardware.profiles import command_settings
    from avatar.paths import outputs_dir
    from avatar.voices.sample import DEFAULT_SAMPLE_TEXT, speak_sample

    store = _store(ctx)
    voice_profile = store.get(voice_id)
    settings, _ = command_settings("avatar voice test", profile, None, sets, device=device)
    target = out or outputs_dir() / f"voice-test-{voice_profile.user}-{voice_profile.name}.wav"
    path, seconds, rate = speak_sample(
        voice_profile,
        target,
        settings,
        text or DEFAULT_SAMPLE_TEXT,
        backend,
        model_path=model_path,
        voices_root=store.root,
    )
    echo_rich(f"Wrote {seconds:.1f} s at {rate} Hz to {path}")


def _add_lexicon() -> None:
    from avatar.cli.lexicon import lexicon

    voice.add_command(lexicon)


_add_lexicon()
