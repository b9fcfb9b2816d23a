"""A speech model in a worker process of its own (the `isolate` setting): the :class:`ModelHost` seam of
:mod:`avatar.serve.host`, implemented over :class:`avatar.isolation.host.WorkerProcess`.

The worker process runs the same in-process host the server would, so behaviour is identical; unloading
ends the process, and with it everything the model held (the CUDA context, allocator caches, library
globals). A worker the system kills mid-request is a :class:`~avatar.errors.WorkerKilled` error, which the
device worker treats as out of memory (503 + Retry-After, model marked unloaded). What the model still
held inside the worker after its own unload is logged at debug level.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from avatar.isolation.host import WorkerProcess
from avatar.serve.host import HostSpec, InProcessHost, ModelHost

if TYPE_CHECKING:
    from avatar.backends.base import Speech, SynthesisRequest
    from avatar.voices.profile import VoiceProfile

logger = logging.getLogger(__name__)


class IsolatedModelHost(ModelHost):
    isolated = True

    def __init__(self, spec: HostSpec) -> None:
        super().__init__(spec)
        self.worker = WorkerProcess(f"model {spec.backend}")
        # Answers that need no weights (stock voices, languages from the config, estimates) come from a
        # host in this process that never loads.
        self._local = InProcessHost(spec)
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
        if not self.loaded:
            self._loaded = False
            raise RuntimeError(f"model {self.spec.backend} is not loaded")
        return self.worker.call("call", method=method, args=args)

    def speak(self, request: SynthesisRequest, voice: VoiceProfile | None = None) -> Speech:
        speech: Speech = self._call("speak", request, voice)
        return speech

    def prepare_voice(self, profile: VoiceProfile) -> None:
        self._call("prepare_voice", profile)

    def languages(self) -> list[str]:
        return list(self._call("languages")) if self.loaded else self._local.languages()

    def voices(self) -> list[str]:
        return list(self._call("voices")) if self.loaded else self._local.voices()

    def estimate_mb(self) -> float:
        return self._local.estimate_mb()

    def model_id(self) -> str:
        return self._local.model_id()
