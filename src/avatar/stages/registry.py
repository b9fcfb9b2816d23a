"""Stage lookup through the `avatar.stages` entry-point group (built-ins and third parties alike)."""

from __future__ import annotations

import logging

from avatar.constants import ENTRY_POINT_GROUP
from avatar.errors import AvatarError
from avatar.plugins import Plugins
from avatar.stages.base import Stage

logger = logging.getLogger(__name__)


PLUGINS = Plugins[Stage](ENTRY_POINT_GROUP, "stage", Stage, "see `avatar status` for installed stages")


def stage_names() -> list[str]:
    return PLUGINS.names()


def get_stage(name: str) -> type[Stage]:
    return PLUGINS.load(name)


def all_stages() -> dict[str, type[Stage] | str]:
    """Every registered stage, or the import error text for one that cannot load."""
    out: dict[str, type[Stage] | str] = {}
    for name in stage_names():
        try:
            out[name] = get_stage(name)
        except AvatarError as exc:
            out[name] = str(exc)
    return out
