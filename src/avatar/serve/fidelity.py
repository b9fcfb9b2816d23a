"""What a speech request says and when: the caller's text (plain or SSML) with the caller's lexicon and
text normalisation, cut into one chunk per sentence, and the word timings of what the worker spoke."""

from __future__ import annotations

from typing import Any

from avatar.serve.context import Caller, ServerContext
from avatar.text import lexicon
from avatar.text.script import Script, prepare
from avatar.timing.speech import ChunkPlan, plan_chunks


def speech_script(ctx: ServerContext, who: Caller, model: str, text: str, language: str | None,
                  normalize: bool, reading: str | None = None) -> Script:  # fmt: skip
    """The script for a request: the caller's lexicon (never another user's), IPA where the model reads it;
    numbers and dates read as ``reading``, else as the language or the model's one language."""
    from avatar.backends.capabilities import ipa_symbols, takes_ipa
    from avatar.backends.registry import backend_class
    from avatar.text.normalize import check_reading, reading_for

    cls = backend_class(model)
    ipa = takes_ipa(cls)
    backend = cls("cpu", "float32", ctx.settings.models.get(model))
    symbols = ipa_symbols(backend) if ipa else None
    read_as = check_reading(reading) if reading else reading_for(language, backend)
    return prepare(text, read_as, normalize, lexicon.load(ctx.profiles_root, who.user), symbols, ipa)


def sentence_chunks(script: Script, limit: int) -> list[ChunkPlan]:
    """One chunk per sentence (long ones split at ``limit``), so a stream's first audio is its first
    sentence, whatever the length of the text."""
    return plan_chunks(script, limit, per_sentence=True)


def words_payload(words: list[Any]) -> list[dict[str, Any]]:
    return [w.as_dict() for w in words]
