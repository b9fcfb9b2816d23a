"""``POST /v1/text/check``: how the voice will read a text (the same report as ``avatar text check``), with
the caller's own lexicon applied."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from avatar.serve.auth import CallerDep, ContextDep
from avatar.serve.errors import HTTPFacingError
from avatar.serve.routes.common import ERRORS

router = APIRouter(tags=["text"])


class TextCheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input: str = Field(min_length=1)
    reading: str | None = Field(None, max_length=35)  # "en-US" (default), "en-GB"
    normalize: bool = True


class Change(BaseModel):
    start: int
    end: int
    original: str
    spoken: str
    rule: str


class Unknown(BaseModel):
    word: str
    count: int
    first: tuple[int, int]
    espeak_ipa: str | None
    suggestion: dict[str, str | None]
    command: str


class TextCheckReport(BaseModel):
    object: str = "text.check"
    reading: str
    spoken: str
    changes: list[Change]
    unknown: list[Unknown]
    dictionary: str


@router.post("/v1/text/check", response_model=TextCheckReport, responses=ERRORS)
async def text_check(body: TextCheckRequest, who: CallerDep, ctx: ContextDep) -> Any:
    """The normalised reading of ``input``, every span that changed, and the words the voice likely does
    not know, each with a lexicon entry to start from (``PUT /v1/lexicon`` adds it)."""
    limit = ctx.settings.serve.max_input_chars
    if len(body.input) > limit:
        message = f"input is {len(body.input)} characters; the limit is {limit}"
        raise HTTPFacingError(message, param="input", code="string_above_max_length")

    def work() -> dict[str, Any]:
        from avatar.text import lexicon as lx
        from avatar.text.check import check
        from avatar.text.normalize import check_reading

        reading = check_reading(body.reading) if body.reading else None
        lexicon = lx.load(ctx.voices_root, who.user)
        return check(body.input, reading, lexicon, body.normalize, who.user).as_dict()

    # CPU-bound text preparation: in the text pool, under the CPU budget, never on the event loop
    report = await ctx.text_work.run(who.user, work)
    return TextCheckReport(**report)
