"""Where avatar reads its built-in config and keeps user state."""

from __future__ import annotations

import os
from pathlib import Path

from avatar.constants import (
    DEFAULT_OUTPUTS_DIR,
    DEFAULT_VOICES_DIR,
    ENV_CACHE_DIR,
    ENV_CONFIG_DIR,
    ENV_OUTPUTS_DIR,
    ENV_STATE_DIR,
    ENV_VOICES_DIR,
    LEGACY_ENV_VOICES_DIR,
    LEGACY_VOICES_DIR,
)


def builtin_config_dir() -> Path:
    """The shipped config: ``avatar/_config`` in a wheel, the repository's ``config/`` in a clone."""
    packaged = Path(__file__).resolve().parent / "_config"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "config"


def user_config_dir() -> Path:
    """User-added hardware profiles and pipelines (``$AVATAR_CONFIG_DIR`` or ``~/.config/avatar``)."""
    env = os.environ.get(ENV_CONFIG_DIR)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "avatar"


def state_dir() -> Path:
    """Local state: the memory-estimate ledger, schedules (``$AVATAR_STATE_DIR`` or ``~/.local/state/avatar``)."""
    env = os.environ.get(ENV_STATE_DIR)
    if env:
        return Path(env)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "avatar"


def cache_dir() -> Path:
    """Derived files avatar can rebuild, e.g. piper voices patched for phoneme timing
    (``$AVATAR_CACHE_DIR`` or ``~/.cache/avatar``)."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "avatar"


def outputs_dir() -> Path:
    return Path(os.environ.get(ENV_OUTPUTS_DIR) or DEFAULT_OUTPUTS_DIR)


def voices_dir() -> Path:
    """The users' voices (and lexicons): ``$AVATAR_VOICES_DIR``, else ``$AVATAR_PROFILES_DIR`` (its name before
    2026-12), else ``./voices``; a ``./profiles`` folder from before then is used while there is no ``./voices``."""
    env = os.environ.get(ENV_VOICES_DIR) or os.environ.get(LEGACY_ENV_VOICES_DIR)
    if env:
        return Path(env)
    if not Path(DEFAULT_VOICES_DIR).exists() and Path(LEGACY_VOICES_DIR).is_dir():
        return Path(LEGACY_VOICES_DIR)
    return Path(DEFAULT_VOICES_DIR)


def portraits_dir() -> Path:
    """Stored portraits (``$AVATAR_PORTRAITS_DIR``, or ``portraits/`` beside the voices)."""
    env = os.environ.get("AVATAR_PORTRAITS_DIR")
    return Path(env) if env else voices_dir().parent / "portraits"
