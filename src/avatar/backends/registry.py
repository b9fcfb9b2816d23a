"""Backend names to classes, imported lazily so the CLI never loads a model library it does not use."""

from __future__ import annotations

import importlib

from avatar.backends.base import TTSBackend
from avatar.errors import UnknownNameError

BACKENDS: dict[str, str] = {
    "piper": "avatar.backends.piper:PiperBackend",
    "qwen3-tts": "avatar.backends.qwen:QwenBackend",
    "xtts": "avatar.backends.xtts:XttsBackend",
}
CLONING_BACKENDS = ("qwen3-tts", "xtts")


def backend_class(name: str) -> type[TTSBackend]:
    if name not in BACKENDS:
        raise UnknownNameError("speech backend", name, list(BACKENDS))
    module, attr = BACKENDS[name].split(":")
    cls: type[TTSBackend] = getattr(importlib.import_module(module), attr)
    return cls
