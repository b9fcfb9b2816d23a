"""Models kept for the life of the process once loaded: small CPU models that voice checks call often (the
VAD, the speaker encoder). Each is a loadable the residency core sees, not a hidden ``functools.cache``:
its load is measured, it is listed in every core's ``table()``, and what it holds is taken into account
when a core verifies and records a resident on the CPU, so a stage or a served model is never blamed for
memory a kept model took meanwhile. It is never evicted (reloading costs more than it holds); the CPU's free
memory, which every fit reads, already has it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from avatar.hardware.choice import DeviceChoice

logger = logging.getLogger(__name__)

T = TypeVar("T")
CPU = DeviceChoice("cpu", "kept for the process")
KEPT = "kept"  # its policy, as the core's table shows it

_REGISTRY: list[Kept[Any]] = []
_REGISTRY_LOCK = threading.Lock()


class Kept(Generic[T]):
    """``load()`` run once, on first :meth:`get`, measured on the CPU; thread-safe. ``static_mb``: the
    figure used until it has loaded (and where a measurement ran beside other work)."""

    def __init__(self, name: str, load: Callable[[], T], static_mb: float) -> None:
        self.name, self._load, self.static_mb = name, load, static_mb
        self.load_mb = 0.0  # what its load added, measured
        self.loaded = False
        self.load_s = 0.0
        self._model: T | None = None
        self._lock = threading.Lock()
        with _REGISTRY_LOCK:
            _REGISTRY.append(self)

    def get(self) -> T:
        if self._model is not None:
            return self._model
        with self._lock:
            if self._model is None:
                from avatar.memory.manager import MemoryManager

                manager = MemoryManager(CPU, 0.0, 0.0)
                with manager.measure() as m:
                    model = self._load()
                # What it added to the process (the peak over the level before, as any loadable's figure).
                self.load_mb = max(0.0, m.peak_mb - m.before_mb) or self.static_mb
                self.load_s = m.seconds
                self._model, self.loaded = model, True
                with _REGISTRY_LOCK:
                    if self not in _REGISTRY:  # loaded again after drop(): listed again
                        _REGISTRY.append(self)
                logger.debug("kept model %s loaded: %.0f MB in %.2f s", self.name, self.load_mb, m.seconds)
        assert self._model is not None
        return self._model

    @property
    def held_mb(self) -> float:
        """What it holds: its load, and what it has kept since where it says so (a model that keeps more as it
        is used, such as the embedded chat's kept keys and values, has a ``cache_mb``)."""
        if not self.loaded:
            return 0.0
        return self.load_mb + float(getattr(self._model, "cache_mb", 0.0) or 0.0)

    def drop(self) -> None:
        """Let the model go and take it out of the registry (a kept model built for one purpose, a test's); a
        later :meth:`get` loads it again."""
        with self._lock:
            self._model, self.loaded, self.load_mb = None, False, 0.0
        with _REGISTRY_LOCK:
            if self in _REGISTRY:
                _REGISTRY.remove(self)


def kept() -> list[Kept[Any]]:
    """Every kept model of this process (loaded or not)."""
    with _REGISTRY_LOCK:
        return list(_REGISTRY)


def held_mb(device: str) -> float:
    """What the kept models that have loaded hold on ``device``."""
    return sum(k.held_mb for k in kept() if k.loaded) if device == CPU.device else 0.0
