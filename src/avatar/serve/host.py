"""How a model is hosted: the one seam between the device worker and a speech backend.

The device worker (:mod:`avatar.serve.worker`) owns every :class:`ModelHost` and is its only caller, from
its one thread, so a host never sees two calls at once. The worker decides *when* (capacity, LRU eviction,
idle unload, memory figures); a host decides only *where* the model runs.

Everything that crosses the seam is plain data, so an implementation may keep the backend in another
process (the isolated host: a worker process per model whose exit on ``unload`` returns all its memory):

- ``ModelHost(spec)``: :class:`HostSpec` (backend name, device, dtype, model reference, backend options):
  cheap, loads nothing.
- ``load()`` / ``unload()``: put the weights on the device / drop them. ``unload`` of an unloaded host is a
  no-op. ``loaded`` tells which.
- ``sample_rate``: Hz of what ``speak`` returns (valid after ``load``).
- ``speak(request, voice)``: a :class:`~avatar.backends.base.SynthesisRequest` (text, language, speaker,
  instruct, speed; its ``conditioning`` left None) and an optional
  :class:`~avatar.voices.profile.VoiceProfile` (a frozen dataclass of paths and strings) ->
  :class:`~avatar.backends.base.Speech` (float32 samples). The host prepares and keeps the voice's
  conditioning itself, so nothing backend-specific crosses the seam.
- ``prepare_voice(profile)``: compute (or read from the profile's cache) the conditioning now; an
  ``InputError`` where the backend cannot clone.
- ``languages()`` / ``voices()``: what the model speaks and its stock voices or speakers; empty lists while
  it is not loaded and does not know without loading.
- ``estimate_mb()``: the memory a load is expected to take, before it loads; ``held_mb()``: what the host
  measures itself holding (None: the worker measures the process before and after instead, as in-process
  hosts need).

Errors raised are avatar's (``errors.py``) or the backend's own out-of-memory errors; the worker maps them.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from avatar.backends.base import Speech, SynthesisRequest

if TYPE_CHECKING:
    from avatar.backends.base import TTSBackend
    from avatar.config.schema import ModelRef
    from avatar.voices.profile import VoiceProfile

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HostSpec:
    """What to host: plain data, so it can be sent to another process."""

    backend: str  # a registered backend (avatar.backends.registry)
    device: str  # 'cpu', 'cuda:0', 'mps'
    dtype: str
    model: ModelRef | None = None
    options: dict[str, Any] = field(default_factory=dict)


class ModelHost(ABC):
    """One speech model, hosted somewhere. See the module docstring for the contract."""

    def __init__(self, spec: HostSpec) -> None:
        self.spec = spec

    @property
    @abstractmethod
    def loaded(self) -> bool: ...

    @property
    @abstractmethod
    def sample_rate(self) -> int: ...

    @abstractmethod
    def load(self) -> None: ...

    @abstractmethod
    def unload(self) -> None: ...

    @abstractmethod
    def speak(self, request: SynthesisRequest, voice: VoiceProfile | None = None) -> Speech: ...

    @abstractmethod
    def prepare_voice(self, profile: VoiceProfile) -> None: ...

    @abstractmethod
    def languages(self) -> list[str]: ...

    @abstractmethod
    def voices(self) -> list[str]: ...

    @abstractmethod
    def estimate_mb(self) -> float: ...

    def held_mb(self) -> float | None:
        return None

    def model_id(self) -> str:
        return self.spec.backend


class InProcessHost(ModelHost):
    """The backend in this process (the worker's thread calls it). Unloading drops the backend's objects;
    what the allocator gives back is the worker's to clean and verify."""

    def __init__(self, spec: HostSpec) -> None:
        super().__init__(spec)
        self._backend: TTSBackend | None = None
        self._loaded = False
        self._conditioning: dict[str, Any] = {}  # voice id + reference checksum -> prepare_voice's result

    def _make(self) -> TTSBackend:
        if self._backend is None:
            from avatar.backends.registry import backend_class

            cls = backend_class(self.spec.backend)
            self._backend = cls(self.spec.device, self.spec.dtype, self.spec.model, **self.spec.options)
        return self._backend

    @property
    def loaded(self) -> bool:
        return self._loaded

    @property
    def sample_rate(self) -> int:
        return self._require().sample_rate

    def _require(self) -> TTSBackend:
        if not self._loaded or self._backend is None:
            raise RuntimeError(f"model {self.spec.backend} is not loaded")
        return self._backend

    def load(self) -> None:
        if self._loaded:
            return
        self._make().load()
        self._loaded = True

    def unload(self) -> None:
        if self._backend is not None:
            self._backend.unload()
        self._backend = None
        self._conditioning.clear()
        self._loaded = False

    def _prepared(self, profile: VoiceProfile) -> Any:
        key = f"{profile.id}:{profile.reference_sha256}"
        if key not in self._conditioning:
            self._conditioning[key] = self._require().prepare_voice(profile)
        return self._conditioning[key]

    def prepare_voice(self, profile: VoiceProfile) -> None:
        self._prepared(profile)

    def speak(self, request: SynthesisRequest, voice: VoiceProfile | None = None) -> Speech:
        backend = self._require()
        if voice is not None:
            request.conditioning = self._prepared(voice)
            if request.language is None:
                request.language = voice.language
        return backend.speak(request)

    def languages(self) -> list[str]:
        return self._ask("languages")

    def voices(self) -> list[str]:
        return self._ask("voices")

    def _ask(self, what: str) -> list[str]:
        """The backend's own answer (before load: what it knows without weights)."""
        backend = self._backend if self._loaded else self._make()
        assert backend is not None
        return [str(x) for x in getattr(backend, what)()]

    def estimate_mb(self) -> float:
        try:
            return float(self._make().estimate_mb())
        except Exception as exc:  # a model that cannot be located fails on load with the real message
            logger.debug("no estimate for %s: %s", self.spec.backend, exc)
            return 512.0

    def model_id(self) -> str:
        try:
            return self._make().model_id()
        except Exception:
            return self.spec.backend

