"""What a speech request says: the caller's text (plain or SSML) with the caller's lexicon and text
normalisation, cut into one chunk per sentence, through the speaking service (:mod:`avatar.speaking.service`)."""

from __future__ import annotations

from typing import Any

from avatar.serve.context import ServerContext
from avatar.speaking.service import plan_chunks, prepare_script
from avatar.text.script import ChunkPlan, Script


def speech_script(ctx: ServerContext, user: str, model: str, text: str, language: str | None,
                  normalize: bool, reading: str | None = None) -> Script:  # fmt: skip
    """The script for a request: the caller's lexicon (never another user's), IPA where the model reads it;
    numbers and dates read as ``reading``, else as the language or the model's one language."""
    from avatar.backends.registry import backend_class

    backend = backend_class(model)("cpu", "float32", ctx.settings.models.get(model))  # read, never loaded
    return prepare_script(text, backend, voices_root=ctx.voices_root, user=user, language=language,
                          reading=reading, normalize=normalize)  # fmt: skip


def sentence_chunks(script: Script, limit: int) -> list[ChunkPlan]:
    """One chunk per sentence (long ones split at ``limit``), so a stream's first audio is its first
    sentence, whatever the length of the text."""
    return plan_chunks(script, limit, per_sentence=True)


def words_payload(words: list[Any]) -> list[dict[str, Any]]:
    return [w.as_dict() for w in words]
