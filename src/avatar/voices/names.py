"""User and voice names. A valid name is one plain path component, so no name can leave its folder."""

from __future__ import annotations

import re

from avatar.errors import UsageError

NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
NAME_RULE = "1-64 characters: lowercase letters, digits, '-' and '_', starting with a letter or digit"
# Device names that Windows refuses as file names whatever the extension.
RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)})


def _shown(name: object) -> str:
    """A short one-line rendering of a rejected name (repr escapes newlines and control characters)."""
    text = repr(name)
    return text if len(text) <= 70 else text[:67] + "..."


def validate_name(name: str, kind: str = "voice") -> str:
    """The name lowercased; anything that is not one safe path component is a UsageError.

    Non-ASCII input is refused before lowercasing: some characters (the Kelvin sign) lowercase to
    ASCII letters, and two different spellings should not silently name the same folder.
    """
    if not isinstance(name, str) or not name.isascii():
        raise UsageError(f"{kind} name {_shown(name)} is not allowed; use {NAME_RULE}")
    lowered = name.lower()
    if NAME_RE.fullmatch(lowered) is None or lowered in RESERVED:
        raise UsageError(f"{kind} name {_shown(name)} is not allowed; use {NAME_RULE}")
    return lowered


def validate_user(user: str) -> str:
    return validate_name(user, "user")


def parse_voice_id(voice_id: str) -> tuple[str, str]:
    """``"user/name"`` -> (user, name), both validated and lowercased."""
    parts = voice_id.split("/") if isinstance(voice_id, str) else []
    if len(parts) != 2:
        raise UsageError(f"voice {_shown(voice_id)} is not valid; write it as USER/NAME, e.g. alice/narrator")
    return validate_user(parts[0]), validate_name(parts[1], "voice")


def voice_id(user: str, name: str) -> str:
    return f"{validate_user(user)}/{validate_name(name, 'voice')}"
