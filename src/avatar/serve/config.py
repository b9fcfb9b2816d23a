"""The service's settings: the shared command cascade (``avatar.hardware.profiles.command_settings``) with
the ``avatar serve`` flags as ``serve.*`` keys on top."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from avatar.config.schema import Settings
from avatar.hardware.profiles import command_settings


def resolve_settings(
    profile: str | None = None,
    config_file: Path | None = None,
    sets: list[str] | tuple[str, ...] = (),
    options: dict[str, Any] | None = None,
) -> tuple[Settings, str]:
    """(settings, the hardware profile's name)."""
    serve = {k: v for k, v in (options or {}).items() if v is not None}
    return command_settings("avatar serve", profile, config_file, sets, {"serve": serve})
