"""Operations: liveness, readiness, Prometheus metrics, and the server's log (admin)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST
from sse_starlette.sse import EventSourceResponse

from avatar.serve.auth import AdminDep, CallerDep, ContextDep
from avatar.serve.routes.common import ERRORS
from avatar.serve.schemas import Health, LogList, Me
from avatar.serve.streams import guarded

router = APIRouter(tags=["operations"])
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


@router.get("/health", response_model=Health)
async def health(ctx: ContextDep) -> Health:
    """Liveness: the process answers."""
    return Health(status="ok", phase=ctx.phase, device=ctx.device_thread.device)


@router.get("/ready", response_model=Health, responses={503: {"model": Health}})
async def ready(ctx: ContextDep) -> Any:
    """Readiness: 200 once the device thread runs; 503 while starting, draining, or while a device thread
    that died is being replaced."""
    ok = ctx.phase == "ready" and ctx.device_thread.alive
    phase = ctx.phase if ctx.phase != "ready" or ok else "recovering"
    body = Health(status="ready" if ok else "unavailable", phase=phase, device=ctx.device_thread.device)
    if not ok:
        return JSONResponse(
            body.model_dump(), status_code=503, headers={"Retry-After": str(ctx.settings.serve.retry_after_s)}
        )
    return body


@router.get("/v1/me", response_model=Me, responses=ERRORS)
async def me(who: CallerDep, ctx: ContextDep) -> Me:
    """The caller: user name, whether the key is an admin's, and the bounds on what it may send."""
    serve = ctx.settings.serve
    limits: dict[str, float | int] = {
        "max_input_chars": serve.max_input_chars,
        "max_run_chars": serve.max_run_chars,
        "max_upload_mb": serve.max_upload_mb,
        "max_portrait_mb": serve.live.max_portrait_mb,
        "max_persona_chars": serve.live.chat.max_persona_chars,  # a live session's persona (the studio's field)
        "request_timeout_s": serve.request_timeout_s,
    }
    return Me(user=who.user, admin=who.admin, limits=limits)


@router.get("/metrics", response_class=Response)
async def metrics(ctx: ContextDep) -> Response:
    """Prometheus text format."""
    await asyncio.to_thread(ctx.device_thread.memory)  # refresh the device gauges
    return Response(ctx.metrics.render(), media_type=CONTENT_TYPE_LATEST)


@router.get("/v1/logs", response_model=LogList, responses=ERRORS)
async def logs(
    who: AdminDep,
    ctx: ContextDep,
    limit: int = Query(100, ge=1, le=10000),
    level: str = Query("info", pattern="^(debug|info|warning|error)$"),
) -> LogList:
    """The most recent log records, oldest first."""
    return LogList(data=ctx.logs.recent(limit, LEVELS[level]))


@router.get("/v1/logs/stream", responses=ERRORS)
async def logs_stream(request: Request, who: AdminDep, ctx: ContextDep) -> EventSourceResponse:
    """New log records as server-sent events (event ``log``, data: the record as JSON)."""
    q = ctx.logs.subscribe()

    async def events() -> AsyncIterator[dict[str, Any] | None]:
        try:
            yield {"event": "ready", "data": json.dumps({"phase": ctx.phase})}
            while ctx.phase != "stopped":
                try:
                    item = await asyncio.wait_for(q.get(), 0.5)
                except TimeoutError:
                    yield None  # nothing to send: lets the guard check the key
                    continue
                yield {"event": "log", "id": str(item["seq"]), "data": json.dumps(item)}
        finally:
            ctx.logs.unsubscribe(q)

    try:
        return guarded(request, ctx, who, events())
    except BaseException:
        ctx.logs.unsubscribe(q)
        raise
