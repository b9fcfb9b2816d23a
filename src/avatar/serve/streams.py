"""Server-sent event streams that respect the caller's rights for as long as they stay open.

Every long-lived stream (a run's events, the server log) goes through :func:`guarded`: it counts against the
caller's ``serve.limits.streams`` when it opens, and every :data:`RECHECK_S` seconds it checks that the key
it was opened with is still valid, so a revoked key's streams close within seconds. The wrapped generator
yields ``None`` while it has nothing to send, so the check runs however quiet the stream is.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request
from sse_starlette.sse import EventSourceResponse
from starlette.background import BackgroundTask

from avatar.serve.auth import bearer_key
from avatar.serve.context import Caller, ServerContext

RECHECK_S = 1.0
PING_S = 15


def still_allowed(ctx: ServerContext, who: Caller, key: str | None) -> bool:
    """Whether the caller may still be served: their key is still on file (keyless: no key was added since)."""
    if who.key_id is None:
        return ctx.keyless()
    if not key:
        return False
    record = ctx.keys.check(key)
    return record is not None and record.id == who.key_id


def guarded(
    request: Request, ctx: ServerContext, who: Caller, events: AsyncIterator[dict[str, Any] | None]
) -> EventSourceResponse:
    """``events`` as an SSE response, closed when the caller's key is revoked or the server stops."""
    limits = ctx.settings.serve.limits
    token = ctx.streams.open(who.user, limits.streams, ctx.settings.serve.retry_after_s)
    key = bearer_key(request)

    async def stream() -> AsyncIterator[dict[str, Any]]:
        checked = time.monotonic()
        try:
            async for event in events:
                now = time.monotonic()
                if now - checked >= RECHECK_S:
                    checked = now
                    if not still_allowed(ctx, who, key) or ctx.phase == "stopped":
                        return
                if event is not None:
                    yield event
        finally:
            token.close()

    return EventSourceResponse(stream(), ping=PING_S, background=BackgroundTask(token.close))
