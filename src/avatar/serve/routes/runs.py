"""``/v1/runs``: pipeline runs over HTTP (see :mod:`avatar.serve.runs`). A caller sees only their own runs:
another user's run, its events and its files are 404s, like a run that never existed."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse
from sse_starlette.sse import EventSourceResponse

from avatar.errors import AvatarError, InputError
from avatar.serve.auth import CallerDep, ContextDep, bearer_key, caller
from avatar.serve.errors import PermissionDenied, TooLarge
from avatar.serve.routes.common import ERRORS
from avatar.serve.runs import FINAL, RunService, read_events
from avatar.serve.streams import guarded

logger = logging.getLogger(__name__)
router = APIRouter(tags=["runs"])
POLL_S = 0.25
INLINE_TYPES = frozenset(
    {"audio/wav", "audio/mpeg", "audio/ogg", "audio/flac", "audio/aac", "video/mp4", "video/webm",
     "image/png", "image/jpeg", "image/webp"}
)  # fmt: skip


def _service(ctx: Any) -> RunService:
    service: RunService | None = ctx.runs
    if service is None:
        raise InputError("this server does not run pipelines")
    return service


@router.get("/v1/pipelines", responses=ERRORS)
async def list_pipelines(who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    """The pipelines a run may name, each with the options a caller may set per stage (kind, default and
    bounds, already tightened by ``serve.limits``): what the studio's form is built from."""
    return {"object": "list", "data": await asyncio.to_thread(_pipelines, ctx)}


def _pipelines(ctx: Any) -> list[dict[str, Any]]:
    from avatar.serve.boundary import caller_options

    out = []
    for name, path in _service(ctx).pipelines().items():
        try:
            stages = [s.as_dict(ctx.settings.serve.limits) for s in caller_options(path)]
        except AvatarError as exc:  # a configured pipeline that does not load: listed, with nothing to set
            logger.warning("pipeline %s: %s", name, exc)
            stages = []
        out.append({"id": name, "object": "pipeline", "stages": stages})
    return out


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
        limit_mb = ctx.settings.serve.live.max_portrait_mb
        limit = int(limit_mb * 1024 * 1024)
        data = await portrait.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"the portrait is over the limit of {limit_mb:g} MB")
        image = (portrait.filename, data)
    # The run's checks prepare its text (SSML, lexicon, normalisation): in the text pool, under the CPU budget
    return await ctx.text_work.run(  # type: ignore[no-any-return]
        who.user, service.submit, who.user, pipeline, text, voice or None, image, list(set or []), language or None,
        who.key_id,
    )  # fmt: skip


@router.get("/v1/runs", responses=ERRORS)
async def list_runs(who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    return {"object": "list", "data": await asyncio.to_thread(_service(ctx).list, who.user, who.key_id)}


@router.get("/v1/runs/{run_id}", responses=ERRORS)
async def get_run(run_id: str, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    return await asyncio.to_thread(_service(ctx).get, who.user, run_id, who.key_id)


@router.delete("/v1/runs/{run_id}", responses=ERRORS)
async def delete_run(run_id: str, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    return await asyncio.to_thread(_service(ctx).cancel_or_delete, who.user, run_id, who.admin, who.key_id)


@router.get("/v1/runs/{run_id}/files/{name}", responses=ERRORS)
async def run_file(
    run_id: str,
    name: str,
    request: Request,
    ctx: ContextDep,
    expires: int | None = None,
    sig: str | None = None,
    kid: str | None = None,
) -> FileResponse:
    """The run's artifact ``name``: with the caller's key, or with the signed link from the run's ``files``
    (valid while it has not expired and the key that asked for it, ``kid``, is still on file)."""
    service = _service(ctx)
    found = None
    if expires is not None or sig is not None or kid is not None:  # a signed link
        if expires is not None and sig is not None:
            found = await asyncio.to_thread(service.signed_file, run_id, name, expires, sig, kid)
        if found is not None and not _key_on_file(ctx, kid):
            found = None
        if found is None and bearer_key(request) is None and not ctx.keyless():
            raise PermissionDenied(
                "this link is not valid: it expired, the key it was made with was revoked, or it was altered; "
                "open the run again for a new link"
            )
        if found is not None:  # the link stands in for a key: a long download is not pushed out
            from avatar.serve.connections import prove_request

            prove_request(request.scope, ctx.connections)
    if found is None:
        who = caller(request, ctx)
        found = await asyncio.to_thread(service.file, who.user, run_id, name)
    # The media type is the one the artifact's stage declared (recorded in the manifest), never guessed from
    # the name. Only audio, video and images are shown inline; anything else is a download, and sandboxed
    # with no resources at all should a browser render it anyway.
    inline = found.media_type in INLINE_TYPES
    headers = {} if inline else {"Content-Security-Policy": "default-src 'none'; sandbox"}
    # Starlette answers Range requests with 206 Partial Content, so a browser can seek the video.
    return FileResponse(
        found.path,
        media_type=found.media_type,
        filename=found.path.name,
        content_disposition_type="inline" if inline else "attachment",
        headers=headers,
    )


def _key_on_file(ctx: Any, key_id: str | None) -> bool:
    """Whether the key a link was made with may still be used: it is on file (a link made on a keyless
    server: the server is still keyless). Read from the key file as it is now, so a revoke counts at once."""
    if key_id is None:
        return bool(ctx.keyless())
    return any(record.id == key_id for record in ctx.keys.list())


@router.get("/v1/runs/{run_id}/events", responses=ERRORS)
async def run_events(run_id: str, request: Request, who: CallerDep, ctx: ContextDep) -> EventSourceResponse:
    """Every event of the run from the start (queued, stage_started, progress, stage_finished, then done,
    failed or cancelled), then live ones until the run ends."""
    run_dir = await asyncio.to_thread(_service(ctx).events_dir, who.user, run_id)

    async def stream() -> AsyncIterator[dict[str, str] | None]:
        offset = 0
        while True:
            events, offset = await asyncio.to_thread(read_events, run_dir, offset)
            for event in events:
                yield {"event": event["type"], "data": json.dumps(event)}
                if event["type"] in FINAL:
                    return
            if not run_dir.is_dir():  # deleted meanwhile
                return
            yield None
            await asyncio.sleep(POLL_S)

    return guarded(request, ctx, who, stream())
