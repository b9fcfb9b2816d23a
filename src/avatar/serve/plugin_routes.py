"""Plugins' HTTP routes: entry points of ``avatar.routes``, each a FastAPI ``APIRouter``.

A plugin's router is mounted under ``/v1/plugins/<entry point name>`` so it cannot take or shadow a built-in
path, and every route in it requires a caller: the same key check as the speech API (a keyless server's
local user), the same request limits, body rules and connection accounting, since those sit in front of
every route. A route learns who is calling by declaring ``who: avatar.serve.auth.CallerDep``. A plugin that
cannot be imported, or whose entry point is not a router, is logged and left out; the server still starts.
"""

from __future__ import annotations

import logging
from importlib.metadata import entry_points

from fastapi import APIRouter, Depends, FastAPI

from avatar.serve.auth import caller
from avatar.voices.names import validate_name

ROUTES_GROUP = "avatar.routes"
PREFIX = "/v1/plugins"
logger = logging.getLogger(__name__)


def mount_plugin_routes(app: FastAPI) -> list[str]:
    """Mount every installed plugin router; returns the prefixes mounted."""
    mounted = []
    for ep in sorted(entry_points(group=ROUTES_GROUP), key=lambda e: e.name):
        try:
            validate_name(ep.name, "plugin route")
            router = ep.load()
        except Exception as exc:  # a third party's import error, whatever it is
            logger.error("plugin routes '%s' (%s) left out: %s", ep.name, ep.value, exc)
            continue
        if not isinstance(router, APIRouter):
            logger.error("plugin routes '%s' left out: %s is not a fastapi APIRouter", ep.name, ep.value)
            continue
        prefix = f"{PREFIX}/{ep.name}"
        if prefix in mounted:
            continue
        app.include_router(router, prefix=prefix, dependencies=[Depends(caller)])
        mounted.append(prefix)
        logger.info("plugin routes '%s' mounted at %s", ep.name, prefix)
    return mounted
