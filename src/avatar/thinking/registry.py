"""Chat models through the `avatar.chat` entry-point group; the built-ins register there exactly as a
third-party package does. A loaded chat model is a kept model of the residency core (one per backend,
options and device), so its load is measured and the core sees what it holds."""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

from avatar.memory.kept import Kept
from avatar.plugins import CHAT_GROUP, Plugins
from avatar.thinking.base import ChatBackend

if TYPE_CHECKING:
    from avatar.config.schema import ChatSettings

HINT = "chat models register in the avatar.chat entry-point group"
DEFAULT_CHAT = "embedded"

PLUGINS = Plugins[ChatBackend](CHAT_GROUP, "chat model", ChatBackend, HINT)

_KEPT: dict[str, Kept[ChatBackend]] = {}
_LOCK = threading.Lock()


def chat_names() -> list[str]:
    return PLUGINS.names()


def chat_class(name: str) -> type[ChatBackend]:
    return PLUGINS.load(name)


def chat_model(
    name: str = DEFAULT_CHAT, device: str = "cpu", own_process: bool = False, **options: Any
) -> Kept[ChatBackend]:
    """The kept chat model ``name`` with ``options`` on ``device`` (``.get()`` loads it once, measured); with
    ``own_process`` it runs in a child process (:mod:`avatar.thinking.process`; a remote model never does)."""
    cls = chat_class(name)
    own_process = own_process and not cls.remote
    key = json.dumps([name, device, own_process, options], sort_keys=True, default=str)
    with _LOCK:
        if key not in _KEPT:

            def load() -> ChatBackend:
                if own_process:
                    from avatar.thinking.process import ProcessChat

                    backend: ChatBackend = ProcessChat(cls, device, **options)
                else:
                    backend = cls(device=device, **options)
                backend.load()
                return backend

            label = f"chat model {name}" + (f" ({options['model']})" if options.get("model") else "")
            label += " in its own process" if own_process else ""
            _KEPT[key] = Kept(label, load, static_mb=cls.default_estimate_mb)
        return _KEPT[key]


def chat_model_for(settings: ChatSettings, device: str = "cpu") -> Kept[ChatBackend]:
    """The chat model the operator chose: ``serve.live.chat.backend`` with ``serve.live.chat.options``."""
    return chat_model(settings.backend, device, settings.own_process, **settings.options)


def check_chat(settings: ChatSettings, device: str = "cpu") -> None:
    """The operator's chat model checked without loading it (at ``avatar serve`` start-up): its name, its
    options, a model it names and an endpoint's key. An :class:`~avatar.errors.AvatarError` saying which."""
    chat_class(settings.backend)(device=device, **settings.options).check()
