"""Model files: where each backend's weights are (never downloading) and whether they are intact."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from avatar import atomic
from avatar.backends.registry import backend_class, backend_names
from avatar.config.schema import Settings
from avatar.errors import AvatarError


@dataclass
class ModelStatus:
    backend: str
    configured: str  # what the settings say: a path, a hub id, or the backend's default
    location: str | None  # the local file or folder found
    present: bool
    detail: str = ""
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _files(location: Path) -> list[Path]:
    if location.is_file():
        return [location]
    return sorted(p for p in location.rglob("*") if p.is_file() and not p.name.startswith("."))


def locate_all(settings: Settings) -> list[ModelStatus]:
    """For every backend: the configured model and whether it is on this machine."""
    out = []
    for name in backend_names():
        ref = settings.models.get(name)
        configured = (ref.path or ref.hub_id) if ref and (ref.path or ref.hub_id) else "(default)"
        try:
            backend = backend_class(name)("cpu", "float32", ref)
            location = backend.locate()
        except AvatarError as exc:
            out.append(ModelStatus(name, str(configured), None, False, str(exc)))
            continue
        except ImportError as exc:
            out.append(ModelStatus(name, str(configured), None, False, f"cannot be located: {exc}"))
            continue
        if location is None:  # no files to locate: the weights come with the backend's own package
            out.append(ModelStatus(name, str(configured), None, True, "no files to locate (weights in its package)"))
        else:
            out.append(ModelStatus(name, str(configured), str(location), True))
    return out


def hash_files(location: Path) -> dict[str, str]:
    """sha256 of every file, keyed by path relative to ``location`` (the file name for a single file)."""
    base = location if location.is_dir() else location.parent
    return {p.relative_to(base).as_posix(): atomic.sha256_file(p) for p in _files(location)}


def verify(settings: Settings) -> list[ModelStatus]:
    """Check every present model with recorded sums against its files; problems name each bad file."""
    results = locate_all(settings)
    for status in results:
        ref = settings.models.get(status.backend)
        if not status.present or status.location is None:
            continue
        if not ref or not ref.sha256:
            status.detail = "present; no sha256 sums recorded (see `avatar models hash`)"
            continue
        location = Path(status.location)
        base = location if location.is_dir() else location.parent
        for rel, digest in ref.sha256.items():
            path = base / rel
            if not path.is_file():
                status.problems.append(f"{path}: missing")
            elif atomic.sha256_file(path) != digest.lower():
                status.problems.append(f"{path}: sha256 mismatch")
        status.detail = f"{len(ref.sha256)} file(s) checked" if not status.problems else "; ".join(status.problems)
    return results
