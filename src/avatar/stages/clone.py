"""`clone`: prepare a voice for a cloning backend (qwen3-tts or xtts).

The backend computes its conditioning (qwen3-tts: a voice-clone prompt; xtts: GPT latents and a speaker
embedding) once per voice and model and caches it in the voice folder; later runs and the `synthesize`
stage read the cache. The stage writes `conditioning.json`, which says where that cache is.
"""

from __future__ import annotations

import logging
from typing import Annotated, ClassVar

from pydantic import field_validator

from avatar import atomic
from avatar.backends.registry import backend_names, cloning_backends
from avatar.errors import InputError, UnknownNameError
from avatar.stages.backend_stage import BackendStage
from avatar.stages.base import Job, StageContext, StageEnv, StageOptions, StageResult
from avatar.stages.options import Caller

logger = logging.getLogger(__name__)

CONDITIONING_FILE = "conditioning.json"


class CloneOptions(StageOptions):
    backend: str = "xtts"  # a backend that clones (checked by the stage, so piper gets a helpful message)
    voice: Annotated[str | None, Caller(resource="voice")] = None  # 'user/name'; defaults to the job's voice
    model: str | None = None  # key into settings.models; defaults to the backend name

    @field_validator("backend")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()


def check_cloning_backend(name: str) -> None:
    """Piper and unknown names are refused with the choices that can clone."""
    cloning = cloning_backends()
    if name in backend_names() and name not in cloning:
        raise InputError(f"the {name} backend cannot clone voices; use a cloning backend: {', '.join(cloning)}")
    if name not in cloning:
        raise UnknownNameError("cloning backend", name, cloning)


class CloneStage(BackendStage):
    name: ClassVar[str] = "clone"
    Options = CloneOptions
    summary: ClassVar[str] = "compute and cache a voice's conditioning for qwen3-tts or xtts"
    media_types: ClassVar[dict[str, str]] = {"conditioning": "application/json"}
    memory_options: ClassVar[tuple[str, ...] | None] = ("backend", "model")

    @classmethod
    def doctor_backends(cls) -> list[str]:
        return cloning_backends()

    options: CloneOptions

    def __init__(self, options: StageOptions, env: StageEnv) -> None:
        check_cloning_backend(str(getattr(options, "backend", "")))
        super().__init__(options, env)

    def _voice_id(self, job: Job) -> str:
        voice = self.options.voice or job.voice
        if not voice:
            raise InputError("the clone stage needs a voice; pass --voice USER/NAME")
        return voice

    def check(self, job: Job) -> None:
        self.stored_voice(self._voice_id(job))  # unknown voices fail early
        self.check_model()

    def outputs_for(self, job: Job) -> list[str]:
        return ["conditioning"]

    def run(self, ctx: StageContext) -> StageResult:
        stored = self.stored_voice(self._voice_id(ctx.job))
        ctx.progress(0, 1, f"preparing {stored.id}")
        prepared = self.backend.prepare_voice(stored)
        ctx.progress(1, 1, "done")
        info = {**prepared.describe(), "model": self.backend.model_id()}
        out = ctx.output_path(CONDITIONING_FILE)
        atomic.write_json(out, info)
        return StageResult(
            {"conditioning": out},
            {
                "backend": self.options.backend,
                "voice": stored.id,
                "cache_hit": prepared.cache_hit,
                "fingerprint": prepared.fingerprint,
            },
        )
