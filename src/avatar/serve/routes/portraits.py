"""``/v1/portraits``: the caller's own portraits. A portrait is checked and analysed once, when it is added
(on the device thread, like a voice: face detection and the face mesh are models); studio runs and live
sessions then name it. Another user's portrait is a 404, like one that does not exist."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile

from avatar.errors import UnknownNameError
from avatar.serve.auth import CallerDep, ContextDep
from avatar.serve.device.tasks import PortraitWork, share_of
from avatar.serve.routes.common import ERRORS, Channel
from avatar.serve.uploads import save_upload
from avatar.video.portraits import PortraitStore
from avatar.voices.names import validate_name

router = APIRouter(tags=["portraits"])
SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp"}


def store(ctx: Any) -> PortraitStore:
    from avatar.paths import portraits_dir

    return PortraitStore(portraits_dir())


@router.get("/v1/portraits", responses=ERRORS)
async def list_portraits(who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    items = await asyncio.to_thread(store(ctx).list, who.user)
    return {"object": "list", "data": [p.public() for p in items]}


@router.get("/v1/portraits/{name}", responses=ERRORS)
async def get_portrait(name: str, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    name = validate_name(name, "portrait")
    return (await asyncio.to_thread(store(ctx).get, who.user, name)).public()


@router.delete("/v1/portraits/{name}", responses=ERRORS)
async def delete_portrait(name: str, who: CallerDep, ctx: ContextDep) -> dict[str, Any]:
    name = validate_name(name, "portrait")
    s = store(ctx)
    if not s.exists(who.user, name):
        raise UnknownNameError("portrait", name)
    await asyncio.to_thread(s.remove, who.user, name)
    return {"id": name, "object": "portrait", "deleted": True}


@router.post("/v1/portraits", status_code=201, responses=ERRORS)
async def add_portrait(
    who: CallerDep,
    ctx: ContextDep,
    name: Annotated[str, Form(max_length=200)],
    image: Annotated[UploadFile, File()],
) -> dict[str, Any]:
    """A new portrait from a photo (PNG or JPEG, one front-facing face)."""
    name = validate_name(name, "portrait")
    live = ctx.settings.serve.live
    tmp, size = await save_upload(image, live.max_portrait_mb, SUFFIXES, "image")
    try:
        s, user, shown = store(ctx), who.user, image.filename or "image"
        await asyncio.to_thread(_precheck, ctx, s, user, name, tmp, shown, size)

        def add() -> Any:
            return s.add(user, name, tmp, shown, max_count=live.max_portraits, max_px=live.max_portrait_px)

        channel = Channel()
        ctx.device_thread.submit(PortraitWork(channel.emit, add, user=share_of(who)))
        stored = await channel.next(
            channel.loop.time() + ctx.settings.serve.request_timeout_s, ctx.settings.serve.retry_after_s
        )
    finally:
        tmp.unlink(missing_ok=True)
    return dict(stored.public())


def _precheck(ctx: Any, s: Any, user: str, name: str, path: Path, shown: str, size: int) -> None:
    """Before the queue: the caller's quotas (portraits, disk) and the image's header (format, pixels)."""
    from avatar.serve.quotas import QuotaExceeded
    from avatar.video.portrait import image_header

    live, limits = ctx.settings.serve.live, ctx.settings.serve.limits
    have = s.list(user)
    if not any(p.name == name for p in have) and len(have) >= live.max_portraits:
        raise QuotaExceeded("portraits", f"user '{user}' has {len(have)} portraits; delete one first",
                            setting="serve.live.max_portraits")  # fmt: skip
    if ctx.runs is not None and ctx.runs.disk_bytes(user) + size > limits.disk_mb * 1024 * 1024:
        raise QuotaExceeded("disk_mb", f"user '{user}' would use more than the {limits.disk_mb:g} MB allowed; "
                            "delete runs, voices or portraits")  # fmt: skip
    image_header(path, limits.image_pixels, shown=shown)


def stored_image(ctx: Any, user: str, name: str) -> tuple[str, bytes]:
    """(file name, bytes) of ``user``'s stored portrait ``name``, for a run that names it."""
    stored = store(ctx).get(user, validate_name(name, "portrait"))
    return f"{stored.name}.png", stored.image_path.read_bytes()
