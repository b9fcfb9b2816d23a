"""What the routes share: the error responses they document, the channel a device-worker job answers on,
and how a request's ``voice`` is resolved (the caller's own voice, an OpenAI name, a stock voice)."""

from __future__ import annotations

import asyncio
from typing import Any

from avatar.errors import UsageError
from avatar.serve.context import Caller, ServerContext
from avatar.serve.device.tasks import Flow
from avatar.serve.errors import Busy
from avatar.serve.schemas import OPENAI_VOICES, ErrorResponse, VoiceRef

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 404, 413, 422, 429, 503)
}


class Channel:
    """The worker thread emits into an asyncio queue of the request's loop."""

    def __init__(self, flow: Flow | None = None) -> None:
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[Any] = asyncio.Queue()  # bounded by the flow: the worker parks when it is full
        self.flow = flow

    def emit(self, item: Any) -> None:
        try:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, item)
        except RuntimeError:  # the loop is closed: nobody is listening any more
            pass

    async def next(self, deadline: float, retry_after: int) -> Any:
        remaining = deadline - self.loop.time()
        try:
            item = await asyncio.wait_for(self.queue.get(), max(0.0, remaining))
        except TimeoutError:
            raise Busy("the request timed out; retry later", retry_after, status=503, code="timeout") from None
        if self.flow is not None:
            self.flow.took(item)  # the reader has it: generation may resume
        if isinstance(item, BaseException):
            raise item
        return item


def resolve_voice(ctx: ServerContext, who: Caller, model: str, voice: str | VoiceRef) -> tuple[str | None, Any]:
    """(stock speaker or None, the caller's stored voice or None). ``{"id": ...}`` names one of the caller's
    own voices; a string is the caller's own voice first, then one of OpenAI's names (mapped by ``serve.voice_aliases``,
    else the backend's default voice), then the model's stock voices (checked by the device thread)."""
    from avatar.errors import UnknownNameError
    from avatar.voices.names import validate_name

    if isinstance(voice, VoiceRef):
        name = validate_name(voice.id, "voice")
        vid = f"{who.user}/{name}"
        if not ctx.store().exists(vid):
            raise UnknownNameError("voice", voice.id)
        return None, ctx.store().get(vid)
    try:
        checked: str | None = validate_name(voice, "voice")
    except UsageError:
        checked = None
    if checked is not None:
        store = ctx.store()
        vid = f"{who.user}/{checked}"
        if store.exists(vid):
            return None, store.get(vid)
    aliases = ctx.settings.serve.voice_aliases.get(model, {})
    if voice in aliases:
        return aliases[voice] or None, None
    if voice in OPENAI_VOICES:
        return None, None
    if checked is None:
        raise UnknownNameError("voice", voice)
    return voice, None
