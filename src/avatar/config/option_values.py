"""Checked values of a plugin's free-form options (``serve.live.asr_options``, ``serve.live.chat.options``):
a number out of its bounds, or of the wrong kind, is the plugin group's one-line error naming the option,
when the plugin is made (at ``avatar serve`` start-up), never a traceback at its first use."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from avatar.errors import AvatarError

N = TypeVar("N", int, float, None)


def number_option(
    options: Mapping[str, Any],
    key: str,
    default: N,
    low: float,
    high: float,
    error: type[AvatarError],
    where: str,
    *,
    whole: bool = False,
    note: str = "",
) -> N:
    """``options[key]``, a number from ``low`` to ``high`` (a whole one with ``whole``); ``default`` where it
    is missing or null. ``error`` says what is wrong otherwise, naming the option as ``where.key``, with
    ``note`` (what the option does)."""
    value = options.get(key)
    if value is None:
        return default
    kind = int if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind) or not low <= value <= high:
        what = "a whole number" if whole else "a number"
        raise error(
            f"{where}.{key} is {value!r}; give {what} from {low:g} to {high:g}" + (f" ({note})" if note else "")
        )
    # checked above: an int where ``whole``, else an int or a float
    return value  # type: ignore[return-value]


def choice_option(
    options: Mapping[str, Any],
    key: str,
    default: str | None,
    choices: Collection[str],
    error: type[AvatarError],
    where: str,
) -> str | None:
    """``options[key]``, one of ``choices``; ``default`` where it is missing or null."""
    value = options.get(key)
    if value is None:
        return default
    if not isinstance(value, str) or value not in choices:
        raise error(f"{where}.{key} is {value!r}; use one of {', '.join(sorted(choices))}")
    return value
