"""Stage lookup through the `avatar.stages` entry-point group (built-ins and third parties alike)."""

from __future__ import annotations

import functools
import logging
from importlib.metadata import EntryPoint, entry_points

from avatar.constants import ENTRY_POINT_GROUP
from avatar.errors import AvatarError, UnknownNameError
from avatar.stages.base import Stage

logger = logging.getLogger(__name__)


@functools.cache
def _entry_points() -> dict[str, EntryPoint]:
    """The group's entry points, read once per process (reading them scans every installed package)."""
    found: dict[str, EntryPoint] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(ep.name, ep)
    return found


def stage_names() -> list[str]:
    return sorted(_entry_points())


def get_stage(name: str) -> type[Stage]:
    eps = _entry_points()
    if name not in eps:
        raise UnknownNameError("stage", name, list(eps), hint="see `avatar status` for installed stages")
    try:
        cls = eps[name].load()
    except ImportError as exc:
        raise AvatarError(f"stage '{name}' is registered but cannot be imported: {exc}") from None
    if not (isinstance(cls, type) and issubclass(cls, Stage)):
        raise AvatarError(f"entry point '{name}' in {ENTRY_POINT_GROUP} is not an avatar Stage subclass")
    return cls


def all_stages() -> dict[str, type[Stage] | str]:
    """Every registered stage, or the import error text for one that cannot load."""
    out: dict[str, type[Stage] | str] = {}
    for name in stage_names():
        try:
            out[name] = get_stage(name)
        except AvatarError as exc:
            out[name] = str(exc)
    return out
