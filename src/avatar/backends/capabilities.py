"""What a speech backend can do for text fidelity, read in one place.

Backends declare these as class attributes (``phoneme_timing``, ``takes_ipa``, see
:class:`avatar.backends.base.TTSBackend`); nothing here looks at a backend's name.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def _declared(backend: Any, attribute: str) -> bool:
    cls = backend if isinstance(backend, type) else type(backend)
    return bool(getattr(cls, attribute, False))


def gives_phoneme_timing(backend: Any) -> bool:
    """Whether the backend reports when each phoneme is spoken (``Speech.phonemes``)."""
    return _declared(backend, "phoneme_timing")


def takes_ipa(backend: Any) -> bool:
    """Whether the backend speaks IPA given as ``[[...]]`` in its text."""
    return _declared(backend, "takes_ipa")


@lru_cache(maxsize=16)
def _phoneme_config(config_path: Path) -> dict[str, Any] | None:
    """A piper-style voice config whose phonemes are espeak-ng's, or None (unreadable, or other phonemes)."""
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        logger.warning("cannot read the phoneme set of %s: %s", config_path, exc)
        return None
    if not isinstance(config, dict) or config.get("phoneme_type", "espeak") != "espeak":
        return None
    return config


def _symbols_of(config_path: Path) -> frozenset[str] | None:
    config = _phoneme_config(config_path)
    return None if config is None else frozenset(str(k) for k in config.get("phoneme_id_map", {}))


def _config_path(backend: Any) -> Path | None:
    if not takes_ipa(backend) or isinstance(backend, type):
        return None
    try:
        located = backend.locate()
    except Exception:  # no voice file yet: check() reports that on its own
        return None
    return None if located is None else Path(f"{Path(located)}.json")


def ipa_symbols(backend: Any) -> frozenset[str] | None:
    """The phonemes the backend's voice has ids for (IPA outside it cannot be spoken), or None when unknown."""
    path = _config_path(backend)
    return None if path is None else _symbols_of(path)


def phoneme_dialect(backend: Any) -> str | None:
    """The espeak-ng voice the backend's phonemes are made in (``en-us`` for the bundled piper voice): which
    sounds its words have, for IPA given in place of a word. None when unknown."""
    path = _config_path(backend)
    config = None if path is None else _phoneme_config(path)
    espeak = (config or {}).get("espeak") or {}
    voice = espeak.get("voice") if isinstance(espeak, dict) else None
    return str(voice).lower() if voice else None


def bundled_ipa_symbols() -> frozenset[str] | None:
    """The phoneme set of the bundled piper voice (for checking lexicon IPA before any run)."""
    try:
        from avatar.backends.piper import bundled_voice_path

        return _symbols_of(Path(f"{bundled_voice_path()}.json"))
    except Exception:  # the voice package is not installed: IPA is checked at run time instead
        return None
