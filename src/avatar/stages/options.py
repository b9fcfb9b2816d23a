"""Who may set a stage option, and output file names: the trust boundary, declared in the stage contract.

Every stage option belongs to the **operator** (pipeline files, hardware profiles, ``--set``, batch files the
operator runs) unless its declaration says a remote **caller** (an HTTP client of ``avatar serve``) may set it
too. An option is caller-settable only when it changes no path, program, device, backend or model and its
cost is bounded::

    class MyOptions(StageOptions):
        fps: Annotated[int | None, Caller(limit="fps")] = Field(None, ge=1, le=120)  # bounded number
        voice: Annotated[str | None, Caller(resource="voice")] = None   # a name of the caller's own voice
        output: OutputName = "out.wav"                                  # a file name inside the run folder
        argv: list[str] = ...                                           # operator only (the default)

``Caller(limit=...)`` names a ``serve.limits`` field that tightens the option's upper bound for callers.
``Caller(resource=...)`` makes the option take the *name* of one of the caller's own resources, which the
server resolves for that caller; it never takes a path. One reader, :func:`caller_fields`, turns the
declarations into data: the server's check of a run's ``set`` and the studio's form both use it.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from annotated_types import Ge, Gt, Le, Lt, MaxLen
from pydantic import AfterValidator, BaseModel

from avatar.errors import StageError

OUTPUT_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
OUTPUT_NAME_RULE = (
    "a file name inside the run folder: 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, "
    "with no '/' and no '..'"
)
# Files the runner and the service keep in a run folder themselves; no stage may write over them.
RESERVED_OUTPUT_NAMES = frozenset({"manifest.json", "studio.json", "events.jsonl", "input.txt"})


def check_output_name(name: str) -> str:
    """``name`` when it is one plain file name that stays inside its folder; ValueError otherwise."""
    if not isinstance(name, str) or not OUTPUT_NAME_RE.fullmatch(name) or ".." in name:
        raise ValueError(f"{name!r} is not an output name; use {OUTPUT_NAME_RULE}")
    if name.lower() in RESERVED_OUTPUT_NAMES or name.lower().startswith("ledger.sqlite"):
        raise ValueError(f"{name!r} is a file the runner keeps itself; choose another output name")
    return name


OutputName = Annotated[str, AfterValidator(check_output_name)]


def inside(root: Path, name: str, stage_id: str = "?") -> Path:
    """``root / name`` after checking that it resolves inside ``root``: the name is one plain file name, and
    nothing planted in the folder (a symlink at that name, say) leads out of it. Raises StageError."""
    try:
        check_output_name(name)
    except ValueError as exc:
        raise StageError(stage_id, str(exc)) from None
    base = Path(root).resolve()
    target = base / name
    if target.is_symlink() or not target.resolve().is_relative_to(base):
        raise StageError(stage_id, f"the output '{name}' would resolve outside the run folder; refusing to write it")
    return target


@dataclass(frozen=True)
class Caller:
    """Marks a stage option that a remote caller may set (see the module docstring)."""

    resource: Literal["voice", "portrait"] | None = None
    limit: str | None = None  # a ServeLimits field that tightens the upper bound


@dataclass(frozen=True)
class CallerField:
    """One caller-settable option, as data: what the server checks and what the studio's form shows."""

    name: str
    kind: str  # 'integer' | 'number' | 'boolean' | 'string' | 'choice' | 'voice' | 'portrait'
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    choices: tuple[Any, ...] = ()
    max_length: int | None = None
    limit: str | None = None
    nullable: bool = False

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "kind": self.kind, "default": self.default}
        for key in ("minimum", "maximum", "max_length", "limit"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.choices:
            data["choices"] = list(self.choices)
        return data


def _base_type(annotation: Any) -> tuple[Any, bool]:
    """(the annotation without ``None``, whether None is allowed)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else annotation), len(args) < len(typing.get_args(annotation))
    return annotation, False


def caller_fields(options: type[BaseModel]) -> dict[str, CallerField]:
    """The options of ``options`` that a caller may set, by name. Everything else is the operator's."""
    found: dict[str, CallerField] = {}
    for name, info in options.model_fields.items():
        marker = next((m for m in info.metadata if isinstance(m, Caller)), None)
        if marker is None:
            continue
        base, nullable = _base_type(info.annotation)
        spec: dict[str, Any] = {"name": name, "default": info.get_default(), "limit": marker.limit,
                                "nullable": nullable}  # fmt: skip
        for meta in info.metadata:
            if isinstance(meta, Ge):
                spec["minimum"] = float(meta.ge)  # type: ignore[arg-type]
            elif isinstance(meta, Gt):
                spec["minimum"], spec["exclusive_minimum"] = float(meta.gt), True  # type: ignore[arg-type]
            elif isinstance(meta, Le):
                spec["maximum"] = float(meta.le)  # type: ignore[arg-type]
            elif isinstance(meta, Lt):
                spec["maximum"] = float(meta.lt)  # type: ignore[arg-type]
            elif isinstance(meta, MaxLen):
                spec["max_length"] = int(meta.max_length)
        kind: str
        if marker.resource is not None:
            kind = marker.resource
        elif typing.get_origin(base) is Literal:
            kind, spec["choices"] = "choice", typing.get_args(base)
        elif base is bool:
            kind = "boolean"
        elif base is int:
            kind = "integer"
        elif base is float:
            kind = "number"
        elif base is str:
            kind = "string"
            if spec.get("max_length") is None:
                raise TypeError(f"{options.__name__}.{name}: a caller-settable string needs max_length")
        else:
            raise TypeError(f"{options.__name__}.{name}: {base!r} cannot be caller-settable")
        if kind in ("integer", "number") and ("minimum" not in spec or "maximum" not in spec):
            raise TypeError(f"{options.__name__}.{name}: a caller-settable number needs both bounds")
        found[name] = CallerField(kind=kind, **spec)
    return found
