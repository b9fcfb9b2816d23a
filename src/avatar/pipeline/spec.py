"""Find and load pipeline files, and resolve each stage's options.

Settings come through the one cascade (:mod:`avatar.config.cascade`). Stage options layer the same way:
the stage's own defaults < the profile's ``stage_defaults`` < the pipeline's
``with`` < ``--set stages.<id>.<option>=...``. Each layer is validated as it is added, so an error names
the file (or ``--set``) that brought the bad value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from avatar.config.cascade import Overrides
from avatar.config.merge import deep_merge
from avatar.config.schema import PipelineSpec, Settings, StageSpec
from avatar.config.yamlio import load_model, validate
from avatar.constants import DEFAULT_PIPELINE
from avatar.errors import InputError
from avatar.paths import builtin_config_dir, user_config_dir
from avatar.stages.base import Stage, StageOptions


def stage_spec_with(spec: StageSpec, fields: dict[str, Any], index: int) -> StageSpec:
    """The pipeline's stage entry with `--set stages.<id>.device/isolate` applied (validated)."""
    if not fields:
        return spec
    data = spec.model_dump(by_alias=True) | fields
    return validate(StageSpec, data, "--set", prefix=f"stages.{spec.id}")


def find_pipeline(name_or_path: str | None) -> Path:
    """A path to a YAML file, or a pipeline name looked up in the user's and the built-in config folders."""
    if not name_or_path:
        return builtin_config_dir() / DEFAULT_PIPELINE
    path = Path(name_or_path)
    if path.is_file():
        return path
    if path.suffix in (".yaml", ".yml"):
        raise InputError(f"pipeline file {path} not found")
    for folder in (user_config_dir(), builtin_config_dir()):
        for candidate in (folder / f"{name_or_path}.yaml", folder / "pipelines" / f"{name_or_path}.yaml"):
            if candidate.is_file():
                return candidate
    known = sorted(p.stem for p in builtin_config_dir().glob("*.yaml"))
    known += sorted(f"examples/{p.stem}" for p in (builtin_config_dir() / "examples").glob("*.yaml"))
    raise InputError(f"pipeline '{name_or_path}' not found; give a YAML file path or one of: {', '.join(known)}")


def load_pipeline(path: Path) -> PipelineSpec:
    return load_model(PipelineSpec, path)


def resolve_stage_options(
    cls: type[Stage],
    spec: StageSpec,
    index: int,
    settings: Settings,
    profile_source: str,
    pipeline_path: Path,
    overrides: Overrides,
) -> StageOptions:
    model = cls.Options
    data: dict[str, Any] = {}
    defaults = settings.stage_defaults.get(spec.uses, {})
    if defaults:
        data = deep_merge(data, defaults)
        validate(model, data, profile_source, prefix=f"stage_defaults.{spec.uses}")
    data = deep_merge(data, spec.with_)
    validate(model, data, str(pipeline_path), prefix=f"stages[{index}].with")
    data = deep_merge(data, overrides.stages.get(spec.id, {}))
    return validate(model, data, "--set", prefix=f"stages.{spec.id}")


def validate_options(cls: type[Stage], data: dict[str, Any], stage_id: str) -> StageOptions:
    """Options already resolved elsewhere (an isolated stage's worker gets them as JSON), validated again."""
    return validate(cls.Options, data, f"stage '{stage_id}'")
