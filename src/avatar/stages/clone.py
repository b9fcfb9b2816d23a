"""`clone`: prepare a voice profile for a cloning backend (qwen3-tts or xtts).

The backend computes its conditioning (qwen3-tts: a voice-clone prompt; xtts: GPT latents and a speaker
embedding) once per profile and model and caches it in the profile folder; later runs and the `synthesize`
stage read the cache. The stage writes `conditioning.json`, which says where that cache is.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any, ClassVar

from pydantic import field_validator

from avatar import atomic
from avatar.backends.base import TTSBackend
from avatar.backends.registry import BACKENDS, CLONING_BACKENDS, backend_class
from avatar.config.schema import OomAction, Settings
from avatar.errors import InputError, MissingDependencyError, UnknownNameError
from avatar.hardware.choice import DeviceChoice
from avatar.stages.base import Check, Job, Stage, StageContext, StageEnv, StageOptions, StageResult

logger = logging.getLogger(__name__)

CONDITIONING_FILE = "conditioning.json"


class CloneOptions(StageOptions):
    backend: str = "xtts"  # qwen3-tts | xtts (checked by the stage, so piper gets a helpful message)
    voice: str | None = None  # 'user/name'; defaults to the job's voice
    model: str | None = None  # key into settings.models; defaults to the backend name

    @field_validator("backend")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()


def check_cloning_backend(name: str) -> None:
    """Piper and unknown names are refused with the choices that can clone."""
    choices = ", ".join(CLONING_BACKENDS)
    if name in BACKENDS and name not in CLONING_BACKENDS:
        raise InputError(f"the {name} backend cannot clone voices; use a cloning backend: {choices}")
    if name not in CLONING_BACKENDS:
        raise UnknownNameError("cloning backend", name, list(CLONING_BACKENDS))


def load_voice_profile(root: Path, voice_id: str) -> Any:
    """The profile for ``user/name`` from the profile store under ``root``."""
    from avatar.voices.store import ProfileStore

    return ProfileStore(root).get(voice_id)


class CloneStage(Stage):
    name: ClassVar[str] = "clone"
    Options = CloneOptions
    summary: ClassVar[str] = "compute and cache a voice profile's conditioning for qwen3-tts or xtts"
    options: CloneOptions

    def __init__(self, options: StageOptions, env: StageEnv) -> None:
        super().__init__(options, env)
        check_cloning_backend(self.options.backend)
        self.backend: TTSBackend = self._make_backend(self.env.device)

    def _make_backend(self, device: DeviceChoice) -> TTSBackend:
        cls = backend_class(self.options.backend)
        model = self.env.settings.models.get(self.options.model or self.options.backend)
        return cls(device.device, self.env.dtype, model)

    @property
    def warm_imports(self) -> tuple[str, ...]:  # type: ignore[override]
        return ("torch", self.backend.package)

    def prepare_imports(self) -> None:
        try:
            super().prepare_imports()
        except ImportError:
            pass  # load() raises the MissingDependencyError with the install line

    # --- planning ---------------------------------------------------------------------------------
    def estimate_mb(self) -> float:
        return self.backend.estimate_mb()

    def ledger_parts(self) -> tuple[str, str]:
        try:
            return self.options.backend, self.backend.model_id()
        except Exception:
            return self.options.backend, ""

    def _voice_id(self, job: Job) -> str:
        voice = self.options.voice or job.voice
        if not voice:
            raise InputError("the clone stage needs a voice profile; pass --voice USER/NAME")
        return voice

    def check(self, job: Job) -> None:
        load_voice_profile(self.env.profiles_root, self._voice_id(job))  # unknown voices fail early

    @classmethod
    def doctor(cls, settings: Settings) -> list[Check]:
        checks = []
        for name in CLONING_BACKENDS:
            backend = backend_class(name)
            if importlib.util.find_spec(backend.package) is None:
                checks.append(Check(f"clone {name}", False, f"pip install 'avatar[{backend.extra}]'"))
                continue
            model_dir = getattr(backend("cpu", "float32", settings.models.get(name)), "model_dir", None)
            try:
                detail = f"model at {model_dir()}" if callable(model_dir) else "package importable"
                checks.append(Check(f"clone {name}", True, detail))
            except (InputError, MissingDependencyError) as exc:
                checks.append(Check(f"clone {name}", False, str(exc)))
        return checks

    def outputs_for(self, job: Job) -> list[str]:
        return ["conditioning"]

    # --- execution --------------------------------------------------------------------------------
    def load(self) -> None:
        self.backend.load()

    def unload(self) -> None:
        self.backend.unload()

    def apply_fallback(self, action: OomAction) -> bool:
        if action is OomAction.CPU and self.env.device.kind != "cpu" and self.env.settings.allow_cpu_fallback:
            self.backend.unload()
            self.env.device = DeviceChoice("cpu", "out-of-memory fallback")
            self.backend = self._make_backend(self.env.device)
            self.backend.load()
            logger.warning("clone: retrying on the CPU")
            return True
        return False

    def run(self, ctx: StageContext) -> StageResult:
        profile = load_voice_profile(self.env.profiles_root, self._voice_id(ctx.job))
        ctx.progress(0, 1, f"preparing {profile.id}")
        prepared = self.backend.prepare_voice(profile)
        ctx.progress(1, 1, "done")
        info = {**prepared.describe(), "model": self.backend.model_id()}
        out = ctx.output_path(CONDITIONING_FILE)
        atomic.write_json(out, info)
        return StageResult(
            {"conditioning": out},
            {
                "backend": self.options.backend,
                "voice": profile.id,
                "cache_hit": prepared.cache_hit,
                "fingerprint": prepared.fingerprint,
            },
        )
