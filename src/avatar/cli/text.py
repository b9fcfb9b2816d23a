"""`avatar text check`: how the voice will read a script, before a batch of a thousand is made from it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from avatar.cli.common import print_json, voices_dir_option
from avatar.errors import InputError, UsageError

DEFAULT_MAX_CHARS = 2_000_000  # a script file larger than this is refused (the check reads it in memory)


@click.group("text")
def text() -> None:
    """Text preparation: what the voice is asked to say."""


@text.command("check")
@click.option("--text", "text_", default=None, help="The script as an argument.")
@click.option(
    "--script", type=click.Path(dir_okay=False, path_type=Path), default=None, help="A script file ('-': stdin)."
)
@click.option("--reading", default=None, help="How numbers and dates are read: en-US (default) or en-GB.")
@click.option("--lexicon", "lexicon_user", default=None, help="Apply this user's pronunciation lexicon.")
@voices_dir_option
@click.option("--no-normalize", is_flag=True, help="Speak digits and symbols as written.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(text_: str | None, script: Path | None, reading: str | None, lexicon_user: str | None,
          voices_dir: Path | None, no_normalize: bool, as_json: bool) -> None:  # fmt: skip
    """The normalised reading of a script, every span that changed, and the words the voice likely does
    not know, each with a lexicon entry to start from."""
    from avatar.text.check import check as run_check
    from avatar.text.normalize import check_reading

    body = _read(text_, script)
    if reading:
        reading = check_reading(reading)
    lexicon = None
    if lexicon_user:
        from avatar.paths import voices_dir as default_voices_dir
        from avatar.text import lexicon as lx

        lexicon = lx.load(voices_dir or default_voices_dir(), lexicon_user)
    report = run_check(body, reading, lexicon, not no_normalize, lexicon_user or "USER")
    if as_json:
        print_json(report.as_dict())
        return
    click.echo(f"Reading ({report.reading}):")
    click.echo(report.spoken)
    click.echo(f"\nChanged ({len(report.changes)}):")
    for c in report.changes:
        click.echo(f"  {c.start}-{c.end}\t{c.original!r} -> {c.spoken!r}\t({c.rule})")
    click.echo(f"\nLikely unknown to the voice ({len(report.unknown)}; dictionary: {report.dictionary}):")
    for u in report.unknown:
        times = f" x{u.count}" if u.count > 1 else ""
        click.echo(f"  {u.word}{times}\theard as /{u.espeak_ipa or '?'}/\t{u.command}")


def _read(text_: str | None, script: Path | None) -> str:
    if (text_ is None) == (script is None):
        raise UsageError("give the script with --text TEXT or --script FILE (one of them)")
    if text_ is not None:
        body = text_
    elif str(script) == "-":
        body = sys.stdin.read(DEFAULT_MAX_CHARS + 1)
    else:
        assert script is not None
        try:
            with script.open(encoding="utf-8") as f:
                body = f.read(DEFAULT_MAX_CHARS + 1)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{script}: cannot read the script ({exc})") from None
    if len(body) > DEFAULT_MAX_CHARS:
        raise InputError(f"the script is over {DEFAULT_MAX_CHARS} characters; check it in parts")
    if not body.strip():
        raise InputError("the script is empty")
    return body
