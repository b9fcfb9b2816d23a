"""``/v1/lexicon``: the caller's own pronunciation dictionary. There is no way to name another user: the
lexicon is always the one of the key's user."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from avatar.serve.auth import CallerDep, ContextDep
from avatar.serve.routes.common import ERRORS
from avatar.text import lexicon as lx

router = APIRouter(tags=["lexicon"])


class LexiconEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    word: str = Field(min_length=1, max_length=lx.MAX_WORD_CHARS)
    alias: str | None = Field(None, max_length=lx.MAX_VALUE_CHARS)
    ipa: str | None = Field(None, max_length=lx.MAX_VALUE_CHARS)


class LexiconBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entries: list[LexiconEntry] = Field(max_length=lx.MAX_ENTRIES)


class LexiconDoc(BaseModel):
    object: str = "lexicon"
    user: str
    entries: list[LexiconEntry]


def _doc(user: str, lexicon: lx.Lexicon) -> LexiconDoc:
    return LexiconDoc(user=user, entries=[LexiconEntry(**e) for e in lexicon.as_list()])


@router.get("/v1/lexicon", response_model=LexiconDoc, responses=ERRORS)
async def get_lexicon(who: CallerDep, ctx: ContextDep) -> Any:
    lexicon = await asyncio.to_thread(lx.load, ctx.voices_root, who.user)
    return _doc(who.user, lexicon)


@router.put("/v1/lexicon", response_model=LexiconDoc, responses=ERRORS)
async def put_lexicon(body: LexiconBody, who: CallerDep, ctx: ContextDep) -> Any:
    """Replace the caller's lexicon with ``entries`` (each checked as ``avatar voice lexicon add`` does)."""
    from avatar.backends.capabilities import bundled_ipa_symbols

    symbols = bundled_ipa_symbols()
    entries = [lx.make_entry(e.word, e.alias, e.ipa, symbols) for e in body.entries]
    lexicon = await asyncio.to_thread(lx.replace, ctx.voices_root, who.user, entries)
    return _doc(who.user, lexicon)
