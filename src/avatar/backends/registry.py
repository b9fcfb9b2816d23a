"""Speech backends through the `avatar.backends` entry-point group: the built-ins register there exactly
as a third-party package does (``[project.entry-points."avatar.backends"]``). Classes are imported when a
name is asked for, so the CLI never loads a model library it does not use; what a backend can do is read
from its class (``supports_cloning``, ``stock_voices``, ``supports_instructions``, ...), never its name."""

from __future__ import annotations

import logging

from avatar.backends.base import TTSBackend
from avatar.plugins import BACKENDS_GROUP, Plugins

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = BACKENDS_GROUP
HINT = "see `avatar status` for the installed backends"


PLUGINS = Plugins[TTSBackend](ENTRY_POINT_GROUP, "speech backend", TTSBackend, HINT)


def backend_names() -> list[str]:
    """Every registered backend's name, sorted."""
    return PLUGINS.names()


def backend_class(name: str) -> type[TTSBackend]:
    """The class registered as ``name``. A plugin that declares only the abstract methods gets its
    entry point's name as ``name`` and its own module as ``package``."""
    return PLUGINS.load(name)


def cloning_backends() -> list[str]:
    """The registered backends that clone voices (``supports_cloning``); one that cannot import is left out."""
    return PLUGINS.declaring("supports_cloning")


def check_backend_name(name: str) -> str:
    """``name`` if it is a registered backend; else a ValueError (for option validators) that lists them."""
    names = backend_names()
    if name not in names:
        raise ValueError(f"unknown speech backend '{name}'; installed: {', '.join(names)} ({HINT})")
    return name
