"""Speech recognisers through the `avatar.asr` entry-point group; the built-in registers there exactly as a
third-party package does. A loaded recogniser is a kept model of the residency core (one per backend, model
folder and device), so its load is measured and the core sees what it holds."""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

from avatar.listening.base import ASRBackend
from avatar.memory.kept import Kept
from avatar.plugins import ASR_GROUP, Plugins

if TYPE_CHECKING:
    from avatar.config.schema import LiveSettings

HINT = "speech recognisers register in the avatar.asr entry-point group"
DEFAULT_ASR = "faster-whisper"

PLUGINS = Plugins[ASRBackend](ASR_GROUP, "speech recogniser", ASRBackend, HINT)

_KEPT: dict[tuple[str, str | None, str, str], Kept[ASRBackend]] = {}
_LOCK = threading.Lock()


def asr_names() -> list[str]:
    return PLUGINS.names()


def asr_class(name: str) -> type[ASRBackend]:
    return PLUGINS.load(name)


def recogniser(
    name: str = DEFAULT_ASR, model: str | None = None, device: str = "cpu", options: dict[str, Any] | None = None
) -> Kept[ASRBackend]:
    """The kept recogniser ``name`` with ``model`` and ``options`` on ``device`` (``.get()`` loads it once,
    measured). Wrong options are an ``AsrError`` here, before anything loads."""
    cls = asr_class(name)
    options = dict(options or {})
    cls(device=device, model=model, **options)  # constructing is cheap and checks the options
    key = (name, model, device, json.dumps(options, sort_keys=True, default=str))
    with _LOCK:
        if key not in _KEPT:

            def load() -> ASRBackend:
                backend = cls(device=device, model=model, **options)
                backend.load()
                return backend

            label = f"speech recogniser {name}" + (f" ({model})" if model else "")
            _KEPT[key] = Kept(label, load, static_mb=cls.default_estimate_mb)
        return _KEPT[key]


def recogniser_for(live: LiveSettings, device: str = "cpu") -> Kept[ASRBackend]:
    """The recogniser the operator chose: ``serve.live.asr_backend`` with the folder ``serve.live.asr`` and
    the options ``serve.live.asr_options``."""
    return recogniser(live.asr_backend, live.asr, device, live.asr_options)


def check_recogniser(live: LiveSettings, device: str = "cpu") -> None:
    """The operator's recogniser checked without loading it (at ``avatar serve`` start-up): its name, its
    options and the model folder it names. An :class:`~avatar.errors.AvatarError` saying which."""
    asr_class(live.asr_backend)(device=device, model=live.asr, **live.asr_options).check()
