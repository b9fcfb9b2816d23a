"""How a speech model is hosted, in this process or in a worker process: the model half of the one host
family (stages are the other half, :mod:`avatar.isolation.host`; both run in the same worker process,
:mod:`avatar.isolation.worker`, built from the registry of kinds in :mod:`avatar.isolation.kinds`).

The service's device worker owns every :class:`ModelHost` and is its only caller, from its one thread, so
a host never sees two calls at once. The worker decides *when* (capacity, LRU eviction,
idle unload, memory figures); a host decides only *where* the model runs.

Everything that crosses the seam is plain data, so an implementation may keep the backend in another
process (the isolated host: a worker process per model whose exit on ``unload`` returns all its memory):

- ``ModelHost(spec)``: :class:`HostSpec` (backend name, device, dtype, model reference, backend options):
  cheap, loads nothing.
- ``prepare()``: import the libraries a load needs, before its memory baseline is taken (an import's memory
  is the process's, not the model's: torch alone is about 200 MB); a host in another process does that there.
- ``load()`` / ``unload()``: put the weights on the device / drop them. ``unload`` of an unloaded host is a
  no-op. ``loaded`` tells which.
- ``sample_rate``: Hz of what ``speak`` returns (valid after ``load``).
- ``speak(request, voice)``: a :class:`~avatar.backends.base.SynthesisRequest` (text, language, speaker,
  instruct, speed; its ``conditioning`` left None) and an optional
  :class:`~avatar.voices.stored.StoredVoice` (a frozen dataclass of paths and strings) ->
  :class:`~avatar.backends.base.Speech` (float32 samples). The host prepares and keeps the voice's
  conditioning itself, so nothing backend-specific crosses the seam.
- ``prepare_voice(stored)``: compute (or read from the voice's cache) the conditioning now; an
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
from avatar.errors import WorkerKilled
from avatar.isolation.host import WorkerProcess

if TYPE_CHECKING:
    from avatar.backends.base import TTSBackend
    from avatar.config.schema import ModelRef
    from avatar.voices.stored import StoredVoice

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

    def prepare(self) -> None:  # noqa: B027 - optional hook: a host in another process imports there
        """Import what a load needs (see the module docstring); nothing where the model lives elsewhere."""

    @abstractmethod
    def load(self) -> None: ...

    @abstractmethod
    def unload(self) -> None: ...

    @abstractmethod
    def speak(self, request: SynthesisRequest, voice: StoredVoice | None = None) -> Speech: ...

    @abstractmethod
    def prepare_voice(self, stored: StoredVoice) -> None: ...

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

    def keeps_working_memory(self) -> bool:
        """Whether the backend keeps the working memory of its longest input (``TTSBackend``'s capability, read
        from the registry without loading anything; a name the registry does not know keeps none)."""
        from avatar.backends.registry import backend_class
        from avatar.errors import AvatarError

        try:
            return bool(backend_class(self.spec.backend).keeps_working_memory)
        except AvatarError:
            return False


class InProcessModelHost(ModelHost):
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

    def prepare(self) -> None:
        from avatar.quiet import output_to_log

        with output_to_log(f"model {self.spec.backend} imports"):
            self._make().prepare_imports()

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

    def _prepared(self, stored: StoredVoice) -> Any:
        key = f"{stored.id}:{stored.reference_sha256}"
        if key not in self._conditioning:
            self._conditioning[key] = self._require().prepare_voice(stored)
        return self._conditioning[key]

    def prepare_voice(self, stored: StoredVoice) -> None:
        self._prepared(stored)

    def speak(self, request: SynthesisRequest, voice: StoredVoice | None = None) -> Speech:
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


class WorkerModelHost(ModelHost):
    """The model in a worker process of its own (the `isolate` setting). The worker runs the same
    in-process host, so behaviour is identical; unloading ends the process, and with it everything the
    model held (CUDA context, allocator caches, library globals). A worker the system kills mid-request is
    a :class:`~avatar.errors.WorkerKilled` error, which the caller treats as out of memory."""

    isolated = True

    def __init__(self, spec: HostSpec) -> None:
        super().__init__(spec)
        self.worker = WorkerProcess(f"model {spec.backend}")
        # Answers that need no weights (stock voices, languages from the config, estimates) come from a
        # host in this process that never loads.
        self._local = InProcessModelHost(spec)
        self._sample_rate = 0
        self._loaded = False

    @property
    def loaded(self) -> bool:
        return self._loaded and self.worker.alive

    @property
    def sample_rate(self) -> int:
        if not self.loaded:
            raise RuntimeError(f"model {self.spec.backend} is not loaded")
        return self._sample_rate

    def load(self) -> None:
        if self.loaded:
            return
        if self.worker.proc is not None:
            self.worker.reap()
        s = self.spec
        model = s.model.model_dump(mode="json") if s.model is not None else None
        init = {"kind": "model", "backend": s.backend, "device": s.device, "dtype": s.dtype, "model": model,
                "options": dict(s.options)}  # fmt: skip
        self.worker.start(init)
        try:
            result = self.worker.call("load")
        except BaseException:
            self.worker.kill()
            raise
        self._sample_rate = int(result["sample_rate"])
        self._loaded = True

    def unload(self) -> None:
        if self.worker.proc is None:
            self._loaded = False
            return
        result = self.worker.finish()
        self._loaded = False
        held = float(result.get("held_mb", 0.0))
        if held > 0:
            logger.debug(
                "model %s held %.0f MB in its worker after unload; the exit returned it", self.spec.backend, held
            )

    def _call(self, method: str, *args: Any) -> Any:
        if not self._loaded:
            raise RuntimeError(f"model {self.spec.backend} is not loaded")
        if not self.worker.alive:  # it died since it loaded (the OOM killer's SIGKILL): as if it died in the call,
            self._loaded = False  # so the caller replaces it
            raise WorkerKilled(self.worker.label, self.worker.reap())
        return self.worker.call("call", method=method, args=args)

    def speak(self, request: SynthesisRequest, voice: StoredVoice | None = None) -> Speech:
        speech: Speech = self._call("speak", request, voice)
        return speech

    def prepare_voice(self, stored: StoredVoice) -> None:
        self._call("prepare_voice", stored)

    def languages(self) -> list[str]:
        return list(self._call("languages")) if self.loaded else self._local.languages()

    def voices(self) -> list[str]:
        return list(self._call("voices")) if self.loaded else self._local.voices()

    def estimate_mb(self) -> float:
        return self._local.estimate_mb()

    def model_id(self) -> str:
        return self._local.model_id()


class ModelServant:
    """The ``model`` kind in a worker process: an in-process host of the model, driven over the channel."""

    label = "model"

    def __init__(self, channel: Any) -> None:
        self.channel = channel
        self.host: InProcessModelHost | None = None
        self.manager: Any = None
        self.baseline_mb = 0.0

    def _host(self) -> InProcessModelHost:
        assert self.host is not None
        return self.host

    def init(self, msg: dict[str, Any]) -> None:
        from avatar.config.schema import ModelRef, Settings
        from avatar.hardware.choice import DeviceChoice
        from avatar.memory.manager import MemoryManager

        model = ModelRef.model_validate(msg["model"]) if msg["model"] else None
        self.host = InProcessModelHost(HostSpec(msg["backend"], msg["device"], msg["dtype"], model, msg["options"]))
        self.label = f"model {msg['backend']}"
        mem = Settings().memory
        self.manager = MemoryManager(
            DeviceChoice(msg["device"], "server"), mem.safety_margin_mb, mem.cleanup_tolerance_mb
        )

    def imports(self, msg: dict[str, Any]) -> dict[str, Any]:
        self._host().prepare()
        self.baseline_mb = self.manager.clean()
        return {"rss_mb": self.baseline_mb}

    def load(self, msg: dict[str, Any]) -> dict[str, Any]:
        with self.manager.measure() as m:
            self._host().load()
        return {"seconds": m.seconds, "peak_mb": m.peak_mb, "sample_rate": self._host().sample_rate}

    def call(self, msg: dict[str, Any]) -> Any:
        if msg["method"] not in ("speak", "prepare_voice", "languages", "voices"):
            raise ValueError(f"unknown method {msg['method']!r}")
        return getattr(self._host(), msg["method"])(*msg["args"])

    def unload(self, msg: dict[str, Any]) -> dict[str, Any]:
        self._host().unload()
        after = self.manager.clean()
        return {"held_mb": max(0.0, after - self.baseline_mb), "baseline_mb": self.baseline_mb}
