"""``/v1/runs``: pipeline runs over HTTP (see :mod:`avatar.serve.runs`). A caller sees only their own runs:
another user's run, its events and its files are 404s, like a run that never existed."""

from __future__ import annotations

import asyncio
import json
import mimetypes
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse
from sse_starlette.sse import EventSourceResponse

from avatar.errors import InputError
from avatar.serve.auth import CallerDep, ContextDep, caller
from avatar.serve.errors import TooLarge
from avatar.serve.routes.speech import ERRORS
from avatar.serve.runs import FINAL, RunService, read_events

router = APIRouter(tags=["runs"])
POLL_S = 0.25


def _service(ctx: Any) -> RunService:
    service: RunService | None = ctx.runs
    if service is None:
        raise InputError("this server does not run pipelines")
    return service


@router.get("/v1/pipelines", responses=ERRORS)
async def list_pipelines(who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    names = list(_service(ctx).pipelines())
    return {"object": "list", "data": [{"id": n, "object": "pipeline"} for n in names]}


@router.post("/v1/runs", status_code=202, responses=ERRORS)
async def submit_run(
    who: CallerDep,
    ctx: ContextDep,
    text: Annotated[str, Form()],
    pipeline: Annotated[str, Form()] = "pipeline",
    voice: Annotated[str | None, Form()] = None,
    language: Annotated[str | None, Form()] = None,
    set: Annotated[list[str] | None, Form()] = None,
    portrait: Annotated[UploadFile | None, File()] = None,
    portrait_name: Annotated[str | None, Form(max_length=200)] = None,
) -> dict[str, Any]:
    service = _service(ctx)
    image: tuple[str, bytes] | None = None
    if portrait_name:  # one of the caller's stored portraits (/v1/portraits) instead of an upload
        from avatar.serve.routes.portraits import stored_image

        image = await asyncio.to_thread(stored_image, ctx, who.user, portrait_name)
    if portrait is not None and portrait.filename:
        limit = int(ctx.settings.serve.max_portrait_mb * 1024 * 1024)
        data = await portrait.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"the portrait is over the limit of {ctx.settings.serve.max_portrait_mb:g} MB")
        image = (portrait.filename, data)
    return await asyncio.to_thread(
        service.submit, who.user, pipeline, text, voice or None, image, list(set or []), language or None
    )


@router.get("/v1/runs", responses=ERRORS)
async def list_runs(who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    return {"object": "list", "data": await asyncio.to_thread(_service(ctx).list, who.user)}


@router.get("/v1/runs/{run_id}", responses=ERRORS)
async def get_run(run_id: str, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    return await asyncio.to_thread(_service(ctx).get, who.user, run_id)


@router.delete("/v1/runs/{run_id}", responses=ERRORS)
async def delete_run(run_id: str, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    return await asyncio.to_thread(_service(ctx).cancel_or_delete, who.user, run_id)


@router.get("/v1/runs/{run_id}/files/{name}", responses=ERRORS)
async def run_file(
    run_id: str, name: str, request: Request, ctx: ContextDep, expires: int | None = None, sig: str | None = None
) -> FileResponse:
    """The run's artifact ``name``: with the caller's key, or with the signed link from the run's ``files``."""
    service = _service(ctx)
    path = await asyncio.to_thread(service.signed_file, run_id, name, expires, sig) if expires and sig else None
    if path is None:
        who = caller(request, ctx)
        path = await asyncio.to_thread(service.file, who.user, run_id, name)
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    # Starlette answers Range requests with 206 Partial Content, so a browser can seek the video.
    return FileResponse(path, media_type=media, filename=path.name, content_disposition_type="inline")


@router.get("/v1/runs/{run_id}/events", responses=ERRORS)
async def run_events(run_id: str, who: CallerDep, ctx: ContextDep) -> EventSourceResponse:
    """Every event of the run from the start (queued, stage_started, progress, stage_finished, then done,
    failed or cancelled), then live ones until the run ends."""
    run_dir = await asyncio.to_thread(_service(ctx).events_dir, who.user, run_id)

    async def stream() -> AsyncIterator[dict[str, str]]:
        offset = 0
        while True:
            events, offset = await asyncio.to_thread(read_events, run_dir, offset)
            for event in events:
                yield {"event": event["type"], "data": json.dumps(event)}
                if event["type"] in FINAL:
                    return
            if not run_dir.is_dir():  # deleted meanwhile
                return
            await asyncio.sleep(POLL_S)

    return EventSourceResponse(stream(), ping=15)
