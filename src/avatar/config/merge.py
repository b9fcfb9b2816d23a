"""Pure functions for layering configuration: deep merge and ``--set key.path=value`` parsing."""

from __future__ import annotations

import copy
import functools
import logging
from typing import Any

import yaml

from avatar.errors import ConfigError, UsageError

logger = logging.getLogger(__name__)

# Settings keys that moved (old dotted path -> new). A layer that still uses an old one keeps working.
MOVED_KEYS = {"serve.max_portrait_mb": "serve.live.max_portrait_mb"}


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return a new dict: ``override`` wins key by key, nested dicts merge, untouched keys survive."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


@functools.cache
def _warn_moved(old: str, new: str) -> None:
    logger.warning("%s is now %s; please rename it in your settings", old, new)


_MISSING = object()


def _lookup(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for name in dotted.split("."):
        node = node.get(name, _MISSING) if isinstance(node, dict) else _MISSING
    return node


def move_renamed_keys(layer: dict[str, Any], source: str) -> dict[str, Any]:
    """One layer of settings (a profile, a file, ``--set``) with every key of MOVED_KEYS in its new place.
    Done to each layer before it is merged over the ones below, so the higher layer wins whichever name each
    used. Both names in one layer is an error: which was meant cannot be told."""
    for old, new in MOVED_KEYS.items():
        value = _lookup(layer, old)
        if value is _MISSING:
            continue
        if _lookup(layer, new) is not _MISSING:
            raise ConfigError(source, f"{old} and {new} are one setting; keep only {new}", old)
        *parents, leaf = old.split(".")
        layer = copy.deepcopy(layer)
        holder = layer
        for name in parents:
            holder = holder[name]
        del holder[leaf]
        layer = deep_merge(layer, nest(new.split("."), value))
        _warn_moved(old, new)
    return layer


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
