"""The stage contract: a name, a strict options model, a memory estimate, and load / run / unload.

A stage is constructed once per run (or once per batch), loaded once, run for every job, then unloaded.
Stages exchange files: ``run`` reads earlier artifacts from the context and returns the paths it wrote.
"""

from __future__ import annotations

import importlib
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from avatar import atomic
from avatar.config.schema import OomAction, Settings
from avatar.errors import StageError
from avatar.hardware.choice import DeviceChoice
from avatar.stages.options import inside

if TYPE_CHECKING:
    from avatar.memory.ledger import EstimateKey

logger = logging.getLogger(__name__)


class StageOptions(BaseModel):
    """Base of every stage's options: strict, so a typo in a pipeline file is an error."""

    model_config = ConfigDict(extra="forbid", validate_default=True)


@dataclass
class Job:
    """One piece of content to produce: the inputs a pipeline's stages draw on."""

    id: str = "run"
    text: str | None = None
    voice: str | None = None  # 'user/name'
    portrait: Path | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text_chars": len(self.text or ""),
            "voice": self.voice,
            "portrait": str(self.portrait) if self.portrait else None,
            "language": self.language,
        }


@dataclass
class StageEnv:
    """What a stage instance knows about where it runs; the same for every job of a run or batch."""

    stage_id: str
    device: DeviceChoice
    dtype: str
    settings: Settings
    profile_name: str
    voices_root: Path


ProgressFn = Callable[[float, float, str], None]


def _no_progress(done: float, total: float, message: str) -> None:
    return None


@dataclass
class StageContext:
    """Per job: where to write, what earlier stages produced, and how to report progress."""

    job: Job
    run_dir: Path
    artifacts: dict[str, Path]
    metadata: dict[str, Any]  # what earlier stages reported (e.g. chunk timings), by stage id
    progress: ProgressFn = _no_progress

    def artifact(self, name: str, stage_id: str = "?") -> Path:
        path = self.artifacts.get(name)
        if path is None or not path.exists():
            have = ", ".join(sorted(self.artifacts)) or "none"
            raise StageError(stage_id, f"needs the artifact '{name}' from an earlier stage (have: {have})")
        return path

    def output_path(self, filename: str, stage_id: str = "?") -> Path:
        """Where the output ``filename`` goes: one plain file name inside the run folder. Anything else (a
        separator, ``..``, a symlink planted at that name) is refused, whoever set the name."""
        return inside(self.run_dir, filename, stage_id)

    @contextmanager
    def writing(self, filename: str) -> Iterator[Path]:
        """Write an output atomically: yields a temporary path that becomes ``filename`` on success."""
        with atomic.atomic_path(self.output_path(filename)) as tmp:
            yield tmp


@dataclass
class StageResult:
    artifacts: dict[str, Path]
    metrics: dict[str, Any] = field(default_factory=dict)


@dataclass
class Check:
    """One doctor line: a name, pass/fail, and what to do about a failure. ``required`` is False for
    optional features (a backend no stage of the pipeline uses): their absence is reported, not a failure."""

    name: str
    ok: bool
    detail: str = ""
    required: bool = True


class Stage(ABC):
    name: ClassVar[str]
    Options: ClassVar[type[StageOptions]] = StageOptions
    summary: ClassVar[str] = ""
    # Modules imported before the memory baseline is taken: import cost is not model memory.
    warm_imports: ClassVar[tuple[str, ...]] = ()
    # Device kinds the stage can run on; elsewhere it runs on the CPU.
    device_kinds: ClassVar[frozenset[str]] = frozenset({"cuda", "mps", "cpu"})
    # Options that change how much memory the stage takes; they key its learned estimates. None: all of them
    # (the safe default for a stage that does not say).
    memory_options: ClassVar[tuple[str, ...] | None] = None
    # Whether the stage loads a model: the `isolate` setting puts such stages in worker processes. Built-in
    # stages that only read and write files say False; a third-party stage is assumed to hold one.
    holds_model: ClassVar[bool] = True
    # The media type of each artifact the stage produces, by artifact name: what the manifest records and the
    # service serves it as. An artifact without one is served as a download (application/octet-stream).
    media_types: ClassVar[dict[str, str]] = {}
    # Whether, in the server, the run may unload the stage's model at a progress call inside ``run`` and load
    # it again after, to make room for interactive work that does not fit beside it. Only for a stage that
    # keeps no reference to its model across a progress call (it reaches it through ``self`` each time) and
    # whose ``load`` after ``unload`` restores it as it was.
    suspendable: ClassVar[bool] = False

    def __init__(self, options: StageOptions, env: StageEnv) -> None:
        self.options = options
        self.env = env

    # --- planning ---------------------------------------------------------------------------------
    def estimate_mb(self) -> float:
        """Static estimate of the memory the stage adds on its device; the ledger refines it with use."""
        return 64.0

    def supports_device(self, kind: str) -> bool:
        """Whether this stage, with its options, can run on a device kind in this install."""
        return kind in self.device_kinds

    def ledger_parts(self) -> tuple[str, str]:
        """(backend, model) identifying what this stage loads, for the estimate ledger."""
        return "", ""

    def estimate_key(self, profile: str, isolated: bool) -> EstimateKey:
        """What occupies memory when the stage runs, for the estimate ledger: its name, backend and model,
        dtype, profile, device kind, host (in-process or a worker) and its memory-relevant options."""
        from avatar.memory.ledger import EstimateKey

        backend, model = self.ledger_parts()
        env = self.env
        return EstimateKey.make(
            self.name, backend, model, env.dtype, profile, env.device.kind, isolated, self.memory_key_options()
        )

    def memory_key_options(self) -> dict[str, Any]:
        """The options (by name, as JSON values) whose values change the stage's memory: ``memory_options``,
        or every option when the stage does not declare them."""
        values = self.options.model_dump(mode="json")
        if self.memory_options is None:
            return dict(values)
        return {name: values.get(name) for name in self.memory_options}

    def check(self, job: Job) -> None:  # noqa: B027 - optional hook
        """Reject a job's bad input before anything is written (raise InputError)."""

    @classmethod
    def doctor(cls, settings: Settings) -> list[Check]:
        """Checks for `avatar status`: packages and model files this stage needs."""
        return []

    def outputs_for(self, job: Job) -> list[str]:
        """Artifact names the stage produces (for resume and planning); informative only."""
        return []

    # --- execution --------------------------------------------------------------------------------
    def prepare_imports(self) -> None:
        for module in self.warm_imports:
            importlib.import_module(module)

    def load(self) -> None:  # noqa: B027 - optional hook
        """Load models onto the device. Called once before the stage's jobs run."""

    @abstractmethod
    def run(self, ctx: StageContext) -> StageResult:
        """Produce this stage's artifacts for one job."""

    def unload(self) -> None:  # noqa: B027 - optional hook
        """Drop every reference to models and device tensors; the runner cleans and verifies after."""

    def apply_fallback(self, action: OomAction) -> bool:
        """Adapt after an out-of-memory error (smaller chunks, CPU). Return False if the action does not apply."""
        return False
