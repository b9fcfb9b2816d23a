"""The plan: before anything loads, every stage's options, device, dtype and memory estimate, and
whether it fits. `avatar run --dry-run` prints it; an impossible plan fails here."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from avatar.config.cascade import Layer, Overrides, cascade
from avatar.config.schema import PipelineSpec, Settings
from avatar.errors import ConfigError, InsufficientMemoryError
from avatar.hardware import device as hw
from avatar.hardware.choice import DeviceChoice, choose_device, effective_dtype
from avatar.hardware.device import DeviceInfo
from avatar.hardware.profiles import ProfileChoice, machine_profile
from avatar.memory.ledger import EstimateKey, EstimateLedger
from avatar.memory.residency import Manager, Residency, open_residency
from avatar.paths import voices_dir
from avatar.pipeline.spec import find_pipeline, load_pipeline, resolve_stage_options, stage_spec_with
from avatar.stages.base import Job, Stage, StageEnv
from avatar.stages.registry import get_stage

logger = logging.getLogger(__name__)


@dataclass
class PlannedStage:
    id: str
    uses: str
    stage: Stage
    device: DeviceChoice
    dtype: str
    estimate_mb: float
    estimate_source: str  # 'static' or 'ledger'
    headroom_mb: float
    fits: bool
    key: EstimateKey
    isolated: bool = False
    note: str = ""
    estimate_runs: int = 0  # measurements behind a ledger estimate

    def current_key(self, profile: str) -> EstimateKey:
        """The estimate key for where the stage is now (an out-of-memory fallback may have moved it)."""
        return self.stage.estimate_key(profile, self.isolated)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uses": self.uses,
            "device": self.device.device,
            "dtype": self.dtype,
            "estimate_mb": round(self.estimate_mb, 1),
            "estimate_source": self.estimate_source,
            "estimate_runs": self.estimate_runs,
            "estimate_key": self.key.text,
            "isolated": self.isolated,
            "headroom_mb": round(self.headroom_mb, 1),
            "fits": self.fits,
            "note": self.note,
            "options": self.stage.options.model_dump(mode="json"),
        }


@dataclass
class Plan:
    pipeline: PipelineSpec
    pipeline_path: Path
    settings: Settings
    resolved: dict[str, Any]
    device: DeviceChoice
    device_info: DeviceInfo
    profile: ProfileChoice
    stages: list[PlannedStage]
    overrides: Overrides
    ledger: EstimateLedger
    residency: Residency

    @property
    def fits(self) -> bool:
        return all(s.fits for s in self.stages)

    def manager(self, choice: DeviceChoice) -> Manager:
        return self.residency.manager(choice)

    def check_jobs(self, jobs: list[Job]) -> None:
        """Every stage checks every job's input before anything is written."""
        for job in jobs:
            for ps in self.stages:
                ps.stage.check(job)

    def require_fit(self) -> None:
        for ps in self.stages:
            if not ps.fits:
                raise self.insufficient(ps, ps.headroom_mb)

    def insufficient(self, ps: PlannedStage, headroom_mb: float, when: str = "") -> InsufficientMemoryError:
        hint = (
            "close other programs or lower the stage's memory options"
            if ps.stage.env.device.kind == "cpu"
            else "close other programs, choose a smaller profile (--profile low_vram) or move the stage to the "
            "CPU (--set device=cpu)"
        )
        limit = self.residency.budget_mb
        budget = f", within memory.budget_mb ({limit} MB)" if limit is not None else ""
        return InsufficientMemoryError(
            f"stage '{ps.id}' needs about {ps.estimate_mb:.0f} MB ({ps.estimate_source} estimate) on "
            f"{ps.stage.env.device.device} but only {max(0.0, headroom_mb):.0f} MB is free{when} after the "
            f"{self.settings.memory.safety_margin_mb} MB margin{budget}; {hint}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "pipeline": {"name": self.pipeline.name, "path": str(self.pipeline_path)},
            "device": self.device_info.as_dict() | {"reason": self.device.reason},
            "profile": {
                "name": self.profile.profile.name,
                "reason": self.profile.reason,
                "path": str(self.profile.path),
            },
            "fits": self.fits,
            "stages": [s.as_dict() for s in self.stages],
        }


def stage_isolated(cls: type[Stage], spec_isolate: bool | None, settings: Settings) -> bool:
    if spec_isolate is not None:
        return spec_isolate
    return settings.isolate and cls.holds_model


def build_plan(
    pipeline: str | Path | None = None,
    profile: str | None = None,
    sets: list[str] | tuple[str, ...] = (),
    voices_root: Path | None = None,
    residency: Residency | None = None,
) -> Plan:
    """Validate everything and decide devices and estimates; loads no model. ``residency``: the core the
    run will load through (the server's device worker's, whose idle models count as room), else one opened
    from the settings."""
    overrides = Overrides.parse(list(sets))
    pipeline_path = find_pipeline(str(pipeline) if pipeline else None)
    spec = load_pipeline(pipeline_path)
    machine = machine_profile(overrides.requested_device(spec.settings.get("device")), profile)
    choice, info, prof = machine.choice, machine.info, machine.profile
    pipeline_layer = Layer(str(pipeline_path), spec.settings, prefix="settings")
    profile_layer = Layer("hardware profile", prof.profile.settings_dict())
    settings = cascade(profile_layer, pipeline_layer, overrides, choice.device)
    resolved = settings.model_dump(mode="json")

    unknown = (set(overrides.stages) | set(overrides.stage_fields)) - {s.id for s in spec.stages}
    if unknown:
        raise ConfigError(
            "--set",
            f"no stage '{sorted(unknown)[0]}' in {pipeline_path}; stages: {', '.join(s.id for s in spec.stages)}",
        )
    residency = residency or open_residency(settings.memory)
    ledger = residency.ledger
    assert ledger is not None
    plan = Plan(spec, pipeline_path, settings, resolved, choice, info, prof, [], overrides, ledger, residency)
    has_device = any(s.device for s in spec.stages) or any("device" in f for f in overrides.stage_fields.values())
    availability = hw.availability() if has_device else None
    root = voices_root or voices_dir()
    for index, given in enumerate(spec.stages):
        st = stage_spec_with(given, overrides.stage_fields.get(given.id, {}), index)
        cls = get_stage(st.uses)
        options = resolve_stage_options(cls, st, index, settings, str(prof.path), pipeline_path, overrides)
        stage_choice = choice
        note = ""
        if st.device and availability is not None:
            stage_choice = choose_device(st.device, availability, f"stage '{st.id}'")
        if stage_choice.kind not in cls.device_kinds:
            note = f"{st.uses} runs on the CPU"
            stage_choice = DeviceChoice("cpu", note)
        dtype, why = effective_dtype(stage_choice.kind, settings.dtype, info.bf16)
        if dtype != settings.dtype:
            note = (note + "; " if note else "") + f"dtype {dtype}: {why}"
        env = StageEnv(st.id, stage_choice, dtype, settings, prof.profile.name, root)
        stage = cls(options, env)
        if stage_choice.kind != "cpu" and not stage.supports_device(stage_choice.kind):
            note = f"{st.uses} runs on the CPU (this install cannot run it on {stage_choice.kind})"
            env.device, env.dtype = DeviceChoice("cpu", note), "float32"
            stage_choice = env.device
            stage = cls(options, env)
        isolated = stage_isolated(cls, st.isolate, settings)
        key = stage.estimate_key(prof.profile.name, isolated)
        learned = residency.estimate(key, stage.estimate_mb())
        estimate, source = learned.mb, learned.source
        headroom = residency.headroom_mb(stage_choice)
        fits = residency.fits(stage_choice, estimate)  # free memory, the budget, and idle served models to evict
        if not fits and stage_choice.kind != "cpu" and settings.allow_cpu_fallback:
            cpu = DeviceChoice("cpu", "fallback")
            if residency.fits(cpu, estimate, evicting=False):
                note = f"moved to the CPU: needs {estimate:.0f} MB, {headroom:.0f} MB free on {stage_choice.device}"
                stage_choice = DeviceChoice("cpu", note)
                env.device = stage_choice
                env.dtype = "float32"
                stage = cls(options, env)
                key = stage.estimate_key(prof.profile.name, isolated)
                headroom, fits = residency.headroom_mb(cpu), True
        plan.stages.append(
            PlannedStage(
                st.id, st.uses, stage, stage_choice, env.dtype, estimate, source, headroom, fits, key, isolated, note,
                learned.runs,
            )
        )  # fmt: skip
        logger.info(
            "plan: %s (%s) on %s%s, estimate %.0f MB (%s, key %s), headroom %.0f MB%s",
            st.id,
            st.uses,
            stage_choice.device,
            " in a worker process" if isolated else "",
            estimate,
            source,
            key.text,
            headroom,
            "" if fits else " - DOES NOT FIT",
        )
    return plan
