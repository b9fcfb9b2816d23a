"""Hardware profiles: YAML files in ``config/hardware/`` (built in) and the user's config folder."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from avatar.config.schema import HardwareProfile
from avatar.config.yamlio import load_model
from avatar.errors import UnknownNameError
from avatar.paths import builtin_config_dir, user_config_dir

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
