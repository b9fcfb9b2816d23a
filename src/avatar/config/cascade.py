"""The one settings cascade, for a run and for a command that runs no pipeline (``avatar serve``,
``avatar voice test``) alike: built-in defaults < hardware profile < a file (a pipeline's ``settings``, or
``--config``) < ``--set`` < the command's own options, with the device chosen for the machine last. Each
layer is validated as it is added, so an error names the file or option that brought the bad value.

Pure: which profile and which device are decided above this layer
(:func:`avatar.hardware.profiles.command_settings`, :func:`avatar.pipeline.plan.build_plan`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from avatar.config.merge import deep_merge, move_renamed_keys, nest, parse_set
from avatar.config.schema import Settings
from avatar.config.yamlio import validate
from avatar.errors import ConfigError

STAGE_FIELDS = ("device", "isolate")


@dataclass
class Overrides:
    """``--set`` items split into settings and per-stage options."""

    settings: dict[str, Any] = field(default_factory=dict)
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Per stage, the pipeline-level fields beside `with:` (`device`, `isolate`), e.g. stages.tts.isolate=true
    stage_fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    items: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, items: list[str] | tuple[str, ...]) -> Overrides:
        out = cls(items=list(items))
        for item in items:
            parts, value = parse_set(item)
            if parts[0] == "stages":
                if len(parts) < 3:
                    raise ConfigError("--set", "use stages.<stage id>.<option>=VALUE", item.split("=")[0])
                sid, rest = parts[1], parts[2:]
                if rest[0] in STAGE_FIELDS and len(rest) == 1:
                    out.stage_fields.setdefault(sid, {})[rest[0]] = value
                    continue
                if rest[0] == "with":
                    rest = rest[1:] or rest
                out.stages[sid] = deep_merge(out.stages.get(sid, {}), nest(rest, value))
            else:
                out.settings = deep_merge(out.settings, nest(parts, value))
        return out

    def requested_device(self, below: Any = None) -> str | None:
        """The device ``--set device=`` asks for, else ``below`` (a file's); one error if it is not a string."""
        given = self.settings.get("device")
        if given is not None and not isinstance(given, str):
            raise ConfigError("--set", "must be a string like auto, cpu, mps or cuda:0", "device")
        return given or (below if isinstance(below, str) else None)


@dataclass(frozen=True)
class Layer:
    """One layer of settings: where it came from (named in errors) and its keys."""

    source: str
    data: dict[str, Any]
    prefix: str = ""  # where the keys sit in the file (a pipeline's `settings:`), for error messages


def cascade(
    profile: Layer, file: Layer | None, overrides: Overrides, device: str, options: dict[str, Any] | None = None
) -> Settings:
    """defaults < ``profile`` < ``file`` < ``--set`` < ``options``, then ``device`` (the one chosen for it)."""
    data = deep_merge(Settings().model_dump(mode="json"), move_renamed_keys(profile.data, profile.source))
    if file is not None and file.data:
        data = deep_merge(data, move_renamed_keys(file.data, file.source))
        validate(Settings, data, file.source, prefix=file.prefix)
    data = deep_merge(data, move_renamed_keys(overrides.settings, "--set"))
    data["device"] = device
    settings = validate(Settings, data, "--set")
    if options:
        settings = validate(Settings, deep_merge(data, options), "options")
    return settings
