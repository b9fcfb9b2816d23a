"""The one place YAML files are read (safe loader only) and schema errors are turned into messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from avatar.errors import ConfigError, InputError

M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML mapping with the safe loader; errors name the file and the line."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(str(path), f"malformed YAML{where}: {problem}") from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), "not a text file") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), f"expected a mapping at the top level, got {type(data).__name__}")
    return data


def format_validation_error(exc: ValidationError, model: type[BaseModel], prefix: str = "") -> tuple[str, str]:
    """First error of a pydantic ValidationError as (field path, message naming allowed values)."""
    err = exc.errors()[0]
    loc = [str(p) for p in err["loc"]]
    field = ".".join(([prefix] if prefix else []) + loc) or "(top level)"
    if err["type"] == "extra_forbidden":
        allowed = _allowed_keys(model, [p for p in err["loc"][:-1]])
        msg = f"unknown key '{loc[-1]}'"
        if allowed:
            msg += f"; allowed keys: {', '.join(allowed)}"
        return field, msg
    if err["type"] == "missing":
        return field, "required field is missing"
    return field, str(err["msg"]).removeprefix("Value error, ")  # a validator's own message, as it wrote it


def _allowed_keys(model: type[BaseModel], loc: list[Any]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        annotation = fields[part].annotation
        current = _model_in(annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return sorted(fields) if fields else []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def validate(model: type[M], data: dict[str, Any], source: str, prefix: str = "") -> M:
    """Validate ``data`` against ``model``; a failure is a ConfigError naming source, field and allowed values."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        field, msg = format_validation_error(exc, model, prefix)
        raise ConfigError(source, msg, field) from None


def load_model(model: type[M], path: Path) -> M:
    return validate(model, read_yaml(path), str(path))
