"""`avatar voice lexicon`: a user's pronunciation dictionary (add, list, remove)."""

from __future__ import annotations

import click

from avatar.cli.common import print_json
from avatar.errors import UsageError


def _root(ctx: click.Context):  # type: ignore[no-untyped-def]
    return ctx.ensure_object(dict)["voice_store"].root


@click.group("lexicon")
def lexicon() -> None:
    """Per-user pronunciation dictionaries, applied to every run and request of that user."""


@lexicon.command("add")
@click.argument("user")
@click.argument("word")
@click.option("--alias", default=None, help="Text spoken instead of WORD (every backend).")
@click.option("--ipa", default=None, help="IPA spoken for WORD by backends that take phonemes (piper).")
@click.pass_context
def add(ctx: click.Context, user: str, word: str, alias: str | None, ipa: str | None) -> None:
    """Say WORD as --alias TEXT and/or --ipa PHONEMES for USER (replaces an entry for the same word)."""
    from avatar.backends.capabilities import bundled_ipa_symbols
    from avatar.text import lexicon as lx

    if alias is None and ipa is None:
        raise UsageError("give --alias TEXT, --ipa PHONEMES, or both")
    entry = lx.make_entry(word, alias, ipa, bundled_ipa_symbols())
    lx.update(_root(ctx), user, add=[entry])
    click.echo(f"{user}: {entry.word} -> " + ", ".join(f"{k} {v}" for k, v in (("alias", entry.alias),
                                                                              ("ipa", entry.ipa)) if v))  # fmt: skip


@lexicon.command("list")
@click.argument("user")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON.")
@click.pass_context
def list_(ctx: click.Context, user: str, as_json: bool) -> None:
    """The entries of USER's lexicon."""
    from avatar.text import lexicon as lx

    entries = lx.load(_root(ctx), user).as_list()
    if as_json:
        print_json({"user": user, "entries": entries})
        return
    if not entries:
        click.echo(f"{user} has no lexicon entries; add one with: avatar voice lexicon add {user} WORD --alias TEXT")
    for e in entries:
        click.echo("\t".join([e["word"], e["alias"] or "-", e["ipa"] or "-"]))


@lexicon.command("remove")
@click.argument("user")
@click.argument("word")
@click.pass_context
def remove(ctx: click.Context, user: str, word: str) -> None:
    """Remove WORD from USER's lexicon."""
    from avatar.text import lexicon as lx

    lx.update(_root(ctx), user, remove=[word])
    click.echo(f"{user}: removed {word}")
