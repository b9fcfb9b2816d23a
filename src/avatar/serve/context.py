"""What every route shares: settings, the device thread, keys, metrics, the log buffer, the phase."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request

from avatar.config.schema import Settings
from avatar.errors import UnknownNameError
from avatar.serve.device.thread import DeviceThread
from avatar.serve.keys import KeyStore
from avatar.serve.logbuffer import LogBuffer
from avatar.serve.metrics import Metrics
from avatar.serve.quotas import StreamCounter


@dataclass
class Caller:
    user: str
    admin: bool
    key_id: str | None = None


@dataclass
class ServerContext:
    settings: Settings
    device_thread: DeviceThread
    keys: KeyStore
    metrics: Metrics
    logs: LogBuffer
    voices_root: Path
    models: list[str]
    phase: str = "starting"  # starting | ready | draining
    inflight: int = 0
    started: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    drained: asyncio.Event | None = None
    runs: Any = None  # avatar.serve.runs.RunService: pipeline runs over HTTP
    live: Any = None  # avatar.serve.live_sessions.SessionManager: live avatar sessions
    streams: StreamCounter = field(default_factory=StreamCounter)  # open event streams per user
    requests_by_user: dict[str, int] = field(default_factory=dict)  # requests in flight (under `lock`)
    connections: Any = None  # avatar.serve.connections.ConnectionTable, when served by `run()`
    text_work: Any = None  # avatar.serve.textwork.TextWork: SSML, lexicon and normalisation, off the loop
    # Whether the server started with no keys. Only such a server treats "no keys" as keyless mode: a server
    # that had keys stays locked (every request 401) when its last key is revoked.
    started_keyless: bool = True

    def keyless(self) -> bool:
        """Keyless mode: the server started without keys and none has been added since."""
        return self.started_keyless and not self.keys.any()

    def resolve_model(self, name: str) -> str:
        """A model id or alias -> the backend name (UnknownNameError -> 404)."""
        aliases = self.settings.serve.model_aliases
        target = aliases.get(name, name)
        if target not in self.models:
            raise UnknownNameError("model", name, [*self.models, *aliases])
        return target

    def aliases_of(self, model: str) -> list[str]:
        return sorted(a for a, t in self.settings.serve.model_aliases.items() if t == model)

    def store(self) -> Any:
        from avatar.voices.store import VoiceStore

        return VoiceStore(self.voices_root)


def context(request: Request) -> ServerContext:
    ctx: ServerContext = request.app.state.ctx
    return ctx
