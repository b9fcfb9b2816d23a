"""The trust boundary for a run's ``set``: what a remote caller may change in the operator's pipeline.

The declaration lives in each stage's options (:mod:`avatar.stages.options`). Here it is applied to a
request: every ``stages.<id>.<option>=VALUE`` must name a caller-settable option of a stage of that
pipeline, with a value inside its bounds (the stage's own, tightened by ``serve.limits``). Resource options
take a name of the caller's own resource and are rewritten to what the runner expects (``user/name``), so
no caller can reach another user's voice or any path. Everything else is a 400 that names the option.
The same data, :func:`caller_options`, is what the studio builds its form from.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from avatar.batch.spec import STAGE_SET_RE
from avatar.config.cascade import STAGE_FIELDS
from avatar.config.merge import parse_set
from avatar.config.schema import ServeLimits
from avatar.errors import ConfigError
from avatar.pipeline.spec import load_pipeline
from avatar.stages.options import CallerField, caller_fields
from avatar.stages.registry import get_stage

OPERATOR_ONLY = (
    "only the server's operator may set it (in the pipeline file, a hardware profile or the server's --set); "
    "a request may set: {allowed}"
)
# A resource option's value (a name of the caller's own) -> what the stage gets; raises UsageError.
Resolver = Callable[[str, str], str]


@dataclass(frozen=True)
class StageOptionsForCallers:
    stage: str
    uses: str
    options: dict[str, CallerField]

    def as_dict(self, limits: ServeLimits) -> dict[str, Any]:
        return {"stage": self.stage, "uses": self.uses,
                "options": [bounded(f, limits).as_dict() for f in self.options.values()]}  # fmt: skip


def caller_options(pipeline: Path) -> list[StageOptionsForCallers]:
    """Per stage of the pipeline, the options a caller may set."""
    spec = load_pipeline(pipeline)
    return [StageOptionsForCallers(s.id, s.uses, caller_fields(get_stage(s.uses).Options)) for s in spec.stages]


def bounded(field: CallerField, limits: ServeLimits) -> CallerField:
    """The field with its upper bound tightened by ``serve.limits.<field.limit>``."""
    if field.limit is None or field.maximum is None:
        return field
    from dataclasses import replace

    return replace(field, maximum=min(field.maximum, float(getattr(limits, field.limit))))


def _allowed(stages: list[StageOptionsForCallers]) -> str:
    names = [f"stages.{s.stage}.{o}" for s in stages for o in s.options]
    return ", ".join(names) or "nothing (this pipeline has no options for callers)"


def check_sets(
    items: list[str] | tuple[str, ...],
    pipeline: Path,
    user: str,
    limits: ServeLimits,
    resolvers: dict[str, Resolver],
) -> tuple[str, ...]:
    """The request's ``set`` items, checked against the declaration and rewritten with resolved resource
    names and canonical (JSON) values; a ConfigError (400) naming the option otherwise."""
    stages = caller_options(pipeline)
    by_id = {s.stage: s for s in stages}
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not STAGE_SET_RE.fullmatch(item):
            raise ConfigError("set", f"'{str(item)[:80]}': a run may change stage options only, as "
                              "stages.<stage id>.<option>=VALUE")  # fmt: skip
        key, raw = item.split("=", 1)
        parts, value = parse_set(item)
        if len(parts) >= 4 and parts[2] == "with":
            parts = [parts[0], parts[1], *parts[3:]]
        sid, option = parts[1], ".".join(parts[2:])
        stage = by_id.get(sid)
        if stage is None:
            raise ConfigError("set", f"the pipeline has no stage '{sid}'; its stages: {', '.join(by_id)}", key)
        field = stage.options.get(option)
        if field is None:
            known = option in get_stage(stage.uses).Options.model_fields or option in STAGE_FIELDS
            what = "" if known else f"stage '{sid}' ({stage.uses}) has no option '{option}'; "
            raise ConfigError("set", what + OPERATOR_ONLY.format(allowed=_allowed(stages)), key)
        value = _value(bounded(field, limits), raw, value, key, user, resolvers)
        out.append(f"stages.{sid}.{option}={json.dumps(value)}")
    return tuple(out)


def _value(field: CallerField, raw: str, value: Any, key: str, user: str, resolvers: dict[str, Resolver]) -> Any:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "null", "~")):
        if field.nullable:
            return None
        raise ConfigError("set", "needs a value", key)
    kind = field.kind
    if kind in ("voice", "portrait"):
        resolve = resolvers.get(kind)
        if resolve is None:
            raise ConfigError("set", f"this server has no {kind}s a request could name", key)
        return resolve(user, raw.strip())  # a UsageError (400) or UnknownNameError (404) about the caller's own
    if kind == "string":
        text = raw
        if field.max_length is not None and len(text) > field.max_length:
            raise ConfigError("set", f"is {len(text)} characters; the limit is {field.max_length}", key)
        return text
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ConfigError("set", f"'{raw[:40]}' is not true or false", key)
        return value
    if kind == "choice":
        if value not in field.choices:
            raise ConfigError("set", f"'{raw[:40]}' is not one of: {', '.join(map(str, field.choices))}", key)
        return value
    number_ok = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "integer" and not (number_ok and float(value).is_integer()):
        raise ConfigError("set", f"'{raw[:40]}' is not a whole number", key)
    if not number_ok or not math.isfinite(float(value)):
        raise ConfigError("set", f"'{raw[:40]}' is not a number", key)
    low, high = field.minimum, field.maximum
    if low is not None and (value < low or (field.exclusive_minimum and value == low)):
        raise ConfigError("set", f"{value} is below the lowest allowed value, {_num(low)}", key)
    if high is not None and value > high:
        where = f" (serve.limits.{field.limit})" if field.limit else ""
        raise ConfigError("set", f"{value} is above the highest allowed value, {_num(high)}{where}", key)
    return int(value) if kind == "integer" else float(value)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
