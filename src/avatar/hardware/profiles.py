"""Hardware profiles: YAML files in ``config/hardware/`` (built in) and the user's config folder."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avatar.config.schema import HardwareProfile
from avatar.config.yamlio import load_model
from avatar.errors import UnknownNameError
from avatar.paths import builtin_config_dir, user_config_dir

if TYPE_CHECKING:
    from avatar.config.schema import Settings
    from avatar.hardware.choice import DeviceChoice
    from avatar.hardware.device import DeviceInfo

logger = logging.getLogger(__name__)
GB = 1024.0


@dataclass(frozen=True)
class ProfileChoice:
    profile: HardwareProfile
    path: Path
    reason: str


def profile_dirs() -> list[Path]:
    """User profiles first, so a user's file of the same name wins over the built-in one."""
    return [user_config_dir() / "hardware", builtin_config_dir() / "hardware"]


def available_profiles() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in reversed(profile_dirs()):
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found[path.stem] = path
    return found


def load_profile(name_or_path: str) -> tuple[HardwareProfile, Path]:
    """Load a profile by name (``rtx3080``) or by path to a YAML file."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return load_model(HardwareProfile, candidate), candidate
    profiles = available_profiles()
    if name_or_path not in profiles:
        raise UnknownNameError(
            "hardware profile",
            name_or_path,
            list(profiles),
            hint=f"or add {user_config_dir() / 'hardware'}/NAME.yaml",
        )
    path = profiles[name_or_path]
    return load_model(HardwareProfile, path), path


def choose_profile(kind: str, total_mb: float, requested: str | None = None) -> ProfileChoice:
    """``--profile`` wins; otherwise the profile whose rule matches the device with the highest VRAM floor."""
    if requested:
        profile, path = load_profile(requested)
        return ProfileChoice(profile, path, f"--profile {requested}")
    candidates: list[tuple[float, str, HardwareProfile, Path]] = []
    for name, path in available_profiles().items():
        prof = load_model(HardwareProfile, path)
        if prof.match.device != kind:
            continue
        if kind == "cuda" and total_mb < prof.match.min_vram_gb * GB:
            continue
        candidates.append((prof.match.min_vram_gb, name, prof, path))
    if not candidates:
        raise UnknownNameError("hardware profile for device", kind, list(available_profiles()))
    floor, name, prof, path = max(candidates, key=lambda c: (c[0], c[1]))
    if kind == "cuda":
        reason = f"{total_mb / GB:.1f} GB VRAM >= {floor:g} GB" if floor else f"{total_mb / GB:.1f} GB VRAM"
    else:
        reason = f"device is {kind}"
    logger.info("hardware profile %s: %s", name, reason)
    return ProfileChoice(prof, path, reason)


@dataclass
class MachineProfile:
    """The device a command runs on (what was asked for, resolved), its figures and its hardware profile."""

    choice: DeviceChoice
    info: DeviceInfo
    profile: ProfileChoice


def machine_profile(requested_device: str | None, requested_profile: str | None = None) -> MachineProfile:
    """Resolve the device asked for (None: auto) and choose its hardware profile (``--profile`` wins)."""
    from avatar.hardware import device as hw

    choice = hw.resolve(requested_device)
    info = hw.info(choice)
    return MachineProfile(choice, info, choose_profile(choice.kind, info.total_mb, requested_profile))


def command_settings(
    command: str,
    profile: str | None = None,
    config_file: Path | None = None,
    sets: list[str] | tuple[str, ...] = (),
    options: dict[str, Any] | None = None,
    device: str | None = None,
) -> tuple[Settings, str]:
    """(settings, the hardware profile's name) for a command that runs no pipeline, through the one cascade
    (:func:`avatar.config.cascade.cascade`). ``options`` are Settings keys the command's own flags set (the
    caller leaves out flags that were not given); ``device`` (a flag) wins over a device named in the file or
    ``--set``."""
    from avatar.config.cascade import Layer, Overrides, cascade
    from avatar.config.merge import move_renamed_keys
    from avatar.config.yamlio import read_yaml
    from avatar.errors import ConfigError

    overrides = Overrides.parse(list(sets))
    if overrides.stages or overrides.stage_fields:
        raise ConfigError("--set", f"`{command}` has no stages; set settings such as memory.safety_margin_mb=1024")
    file_data = read_yaml(config_file) if config_file else {}
    file_data = file_data.get("settings", file_data) if isinstance(file_data.get("settings"), dict) else file_data
    file_data = move_renamed_keys(file_data, str(config_file))
    below = move_renamed_keys(overrides.settings, "--set").get("device") or file_data.get("device")
    machine = machine_profile(device or overrides.requested_device(below), profile)
    prof = machine.profile.profile
    file_layer = Layer(str(config_file), file_data) if config_file else None
    settings = cascade(Layer(prof.name, prof.settings_dict()), file_layer, overrides, machine.choice.device, options)
    return settings, prof.name
