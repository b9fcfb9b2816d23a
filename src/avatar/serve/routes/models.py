"""``/v1/models``: OpenAI's list, with each model's state and memory; admin load and unload."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter

from avatar.errors import UnknownNameError
from avatar.serve.auth import AdminDep, CallerDep, ContextDep
from avatar.serve.context import ServerContext
from avatar.serve.device.tasks import LoadModel, UnloadModel
from avatar.serve.routes.common import ERRORS, Channel
from avatar.serve.schemas import LoadResult, ModelCard, ModelList

router = APIRouter(tags=["models"])


def _card(ctx: ServerContext, name: str, state: dict[str, Any]) -> ModelCard:
    return ModelCard(id=name, created=int(ctx.started), aliases=ctx.aliases_of(name), **state)


@router.get("/v1/models", response_model=ModelList, responses=ERRORS)
async def list_models(who: CallerDep, ctx: ContextDep) -> ModelList:
    snap = ctx.device_thread.snapshot()
    memory = await asyncio.to_thread(ctx.device_thread.memory)
    return ModelList(data=[_card(ctx, name, snap[name]) for name in ctx.models], memory=memory)


@router.get("/v1/models/{model_id}", response_model=ModelCard, responses=ERRORS)
async def get_model(model_id: str, who: CallerDep, ctx: ContextDep) -> ModelCard:
    name = ctx.resolve_model(model_id)
    return _card(ctx, name, ctx.device_thread.snapshot()[name])


async def _control(ctx: ServerContext, action: str, model_id: str) -> LoadResult:
    name = ctx.resolve_model(model_id)
    if name not in ctx.models:
        raise UnknownNameError("model", model_id, ctx.models)
    channel = Channel()
    ctx.device_thread.submit((LoadModel if action == "load" else UnloadModel)(name, channel.emit))
    result = await channel.next(
        channel.loop.time() + ctx.settings.serve.request_timeout_s, ctx.settings.serve.retry_after_s
    )
    return LoadResult(**result)


@router.post("/v1/models/{model_id}/load", response_model=LoadResult, responses=ERRORS)
async def load_model(model_id: str, who: AdminDep, ctx: ContextDep) -> LoadResult:
    """Load a model now (evicting least recently used ones if it does not fit): memory before and after."""
    return await _control(ctx, "load", model_id)


@router.post("/v1/models/{model_id}/unload", response_model=LoadResult, responses=ERRORS)
async def unload_model(model_id: str, who: AdminDep, ctx: ContextDep) -> LoadResult:
    """Unload a model, clean up and check the memory came back: memory before and after."""
    return await _control(ctx, "unload", model_id)
