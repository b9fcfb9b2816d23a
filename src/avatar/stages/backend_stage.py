"""What the stages that drive a speech backend (`clone`, `synthesize`) share: one backend instance per
stage, built from the stage's `backend` and `model` options, loaded and unloaded with the stage, moved to
the CPU on an out-of-memory fallback."""

from __future__ import annotations

import importlib.util
import logging
from typing import TYPE_CHECKING

from avatar.backends.base import TTSBackend
from avatar.backends.registry import backend_class, backend_names
from avatar.config.schema import OomAction, Settings
from avatar.errors import AvatarError
from avatar.hardware.choice import DeviceChoice
from avatar.stages.base import Check, Stage, StageEnv, StageOptions

if TYPE_CHECKING:
    from avatar.voices.stored import StoredVoice

logger = logging.getLogger(__name__)


class BackendStage(Stage):
    """A stage whose options have ``backend`` (a registered speech backend) and ``model`` (a key into
    ``settings.models``, defaulting to the backend's name)."""

    @classmethod
    def doctor_backends(cls) -> list[str]:
        """The backends ``avatar status`` checks for this stage: every registered one."""
        return backend_names()

    def __init__(self, options: StageOptions, env: StageEnv) -> None:
        super().__init__(options, env)
        self.backend: TTSBackend = self._make_backend(env.device)

    @property
    def backend_name(self) -> str:
        return str(getattr(self.options, "backend"))  # noqa: B009 - every subclass's options have it

    def _make_backend(self, device: DeviceChoice) -> TTSBackend:
        cls = backend_class(self.backend_name)
        key = getattr(self.options, "model", None) or self.backend_name
        return cls(device.device, self.env.dtype, self.env.settings.models.get(key))

    def prepare_imports(self) -> None:  # the backend's warm imports (a missing one is load()'s to report)
        self.backend.prepare_imports()

    def stored_voice(self, voice_id: str) -> StoredVoice:
        """The voice ``user/name`` under the run's voices root (UnknownNameError if absent)."""
        from avatar.voices.store import VoiceStore

        return VoiceStore(self.env.voices_root).get(voice_id)

    def estimate_mb(self) -> float:
        return self.backend.estimate_mb()

    def supports_device(self, kind: str) -> bool:
        return super().supports_device(kind) and self.backend.runs_on(kind)

    def check_model(self) -> None:
        """The backend's weights are on disk (local folder or local Hugging Face cache), before anything is
        written: an InputError that says how to get them otherwise."""
        self.backend.locate()

    def ledger_parts(self) -> tuple[str, str]:
        try:
            return self.backend_name, self.backend.model_id()
        except Exception:  # a model that cannot be located still gets a (coarser) ledger key
            return self.backend_name, ""

    @classmethod
    def doctor(cls, settings: Settings) -> list[Check]:
        # find_spec, not import: importing qwen_tts takes seconds and prints to stdout.
        checks = []
        for name in cls.doctor_backends():
            try:
                backend = backend_class(name)
            except AvatarError as exc:
                checks.append(Check(f"backend {name}", False, str(exc), required=False))
                continue
            if importlib.util.find_spec(backend.package) is not None:
                checks.append(Check(f"backend {name}", True, f"package '{backend.package}' installed"))
            else:
                extra = f"pip install 'avatar[{backend.extra}]'" if backend.extra else "reinstall it"
                hint = backend.install or extra
                checks.append(
                    Check(f"backend {name}", False, f"package '{backend.package}' missing; {hint}", required=False)
                )
        return checks

    def load(self) -> None:
        self.backend.load()

    def unload(self) -> None:
        self.backend.unload()

    def apply_fallback(self, action: OomAction) -> bool:
        """CPU fallback: a new backend on the CPU (the runner reloads it)."""
        if action is OomAction.CPU and self.env.device.kind != "cpu" and self.env.settings.allow_cpu_fallback:
            self.backend.unload()
            self.env.device = DeviceChoice("cpu", "out-of-memory fallback")
            self.env.dtype = "float32"
            self.backend = self._make_backend(self.env.device)
            logger.warning("%s: retrying on the CPU", self.env.stage_id)
            return True
        return False
