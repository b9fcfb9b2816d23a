"""Settings for a command that runs no pipeline (``avatar serve``, ``avatar voice test``), through the same
cascade as a run: built-in defaults < hardware profile < ``--config`` file (Settings keys, as in a
pipeline's ``settings``) < ``--set`` < the command's own options. Each layer is validated as it is added, so
an error names the file or option that brought the bad value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from avatar.config.merge import deep_merge, move_renamed_keys
from avatar.config.schema import Settings
from avatar.config.yamlio import read_yaml, validate


def command_settings(
    command: str,
    profile: str | None = None,
    config_file: Path | None = None,
    sets: list[str] | tuple[str, ...] = (),
    options: dict[str, Any] | None = None,
    device: str | None = None,
) -> tuple[Settings, str]:
    """(settings, the hardware profile's name). ``options`` are Settings keys the command's own flags set
    (the caller leaves out flags that were not given); ``device`` (a flag) wins over a device named in the
    file or ``--set``."""
    from avatar.errors import ConfigError
    from avatar.hardware import device as hw
    from avatar.hardware.profiles import choose_profile
    from avatar.pipeline.spec import Overrides

    overrides = Overrides.parse(list(sets))
    if overrides.stages:
        raise ConfigError("--set", f"`{command}` has no stages; set settings such as memory.safety_margin_mb=1024")
    file_data = read_yaml(config_file) if config_file else {}
    file_data = file_data.get("settings", file_data) if isinstance(file_data.get("settings"), dict) else file_data
    file_data = move_renamed_keys(file_data, str(config_file))
    sets_data = move_renamed_keys(overrides.settings, "--set")
    requested = device or sets_data.get("device") or file_data.get("device")
    choice = hw.resolve(requested if isinstance(requested, str) else None)
    info = hw.info(choice)
    prof = choose_profile(choice.kind, info.total_mb, profile)
    profile_data = move_renamed_keys(prof.profile.settings_dict(), prof.profile.name)
    data = deep_merge(Settings().model_dump(mode="json"), profile_data)
    if file_data:
        data = deep_merge(data, file_data)
        validate(Settings, data, str(config_file))
    data = deep_merge(data, sets_data)
    validate(Settings, data, "--set")
    data = deep_merge(data, options or {})
    data["device"] = choice.device
    return validate(Settings, data, "options"), prof.profile.name
