"""Pure functions for layering configuration: deep merge and ``--set key.path=value`` parsing."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from avatar.errors import UsageError


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return a new dict: ``override`` wins key by key, nested dicts merge, untouched keys survive."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def parse_set(item: str) -> tuple[list[str], Any]:
    """Parse ``a.b.c=value``; the value is read as a YAML scalar (``1`` -> int, ``true`` -> bool)."""
    if "=" not in item:
        raise UsageError(f"--set '{item}': expected KEY.PATH=VALUE, for example --set memory.safety_margin_mb=1024")
    key, raw = item.split("=", 1)
    parts = key.strip().split(".")
    if not key.strip() or any(not p for p in parts):
        raise UsageError(f"--set '{item}': the key must be dot-separated names, like memory.safety_margin_mb")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return parts, value


def nest(parts: list[str], value: Any) -> dict[str, Any]:
    """``['a','b'], 1`` -> ``{'a': {'b': 1}}``."""
    out: dict[str, Any] = {parts[-1]: value}
    for part in reversed(parts[:-1]):
        out = {part: out}
    return out
