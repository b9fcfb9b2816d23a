"""`manifest.json`: what ran and what it cost. Rewritten atomically after every stage, so a crash keeps
what finished and `--resume` can trust it."""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path
from typing import Any

from avatar import __version__, atomic
from avatar.constants import MANIFEST_NAME
from avatar.errors import InputError


def new_run_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(3)


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def path_in(run_dir: Path) -> Path:
    return Path(run_dir) / MANIFEST_NAME


def new(
    run_id: str,
    invocation: dict[str, Any],
    plan: dict[str, Any],
    resolved: dict[str, Any],
    job: dict[str, Any],
) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "avatar_version": __version__,
        "status": "running",
        "created": now(),
        "finished": None,
        "invocation": invocation,
        "pipeline": plan["pipeline"],
        "device": plan["device"],
        "profile": plan["profile"],
        "resolved_config": resolved,
        "job": job,
        "stages": [
            {
                "id": s["id"],
                "uses": s["uses"],
                "device": s["device"],
                "dtype": s["dtype"],
                "estimate_mb": s["estimate_mb"],
                "estimate_source": s["estimate_source"],
                "status": "pending",
            }
            for s in plan["stages"]
        ],
        "wall_s": None,
    }


def load(run_dir: Path) -> dict[str, Any]:
    path = path_in(run_dir)
    if not path.is_file():
        raise InputError(f"{run_dir} is not a run folder (no {MANIFEST_NAME}); give --resume outputs/<run-id>")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(data, dict) or "stages" not in data:
        raise InputError(f"{path}: not an avatar manifest")
    return data


def save(run_dir: Path, manifest: dict[str, Any]) -> None:
    atomic.write_json(path_in(run_dir), manifest)


def stage_entry(manifest: dict[str, Any], stage_id: str) -> dict[str, Any]:
    for entry in manifest["stages"]:
        if entry["id"] == stage_id:
            return entry  # type: ignore[no-any-return]
    entry = {"id": stage_id, "status": "pending"}
    manifest["stages"].append(entry)
    return entry


def describe_outputs(
    artifacts: dict[str, Path], run_dir: Path, media_types: dict[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """Each artifact's path (relative to the run folder), checksum, size and, where its stage declares it,
    its media type: what the service serves it as (never guessed from the file name)."""
    out = {}
    for name, path in artifacts.items():
        p = Path(path)
        rel = p.relative_to(run_dir) if p.is_relative_to(run_dir) else p
        out[name] = {"path": str(rel), "sha256": atomic.sha256_file(p), "bytes": p.stat().st_size}
        if media_types and name in media_types:
            out[name]["media_type"] = media_types[name]
    return out


def verified_outputs(entry: dict[str, Any], run_dir: Path) -> dict[str, Path] | None:
    """The artifacts of a finished stage if every file is present and matches its checksum, else None."""
    if entry.get("status") not in ("done", "skipped") or "outputs" not in entry:
        return None
    found: dict[str, Path] = {}
    for name, rec in entry["outputs"].items():
        p = Path(rec["path"])
        p = p if p.is_absolute() else Path(run_dir) / p
        if not p.is_file() or atomic.sha256_file(p) != rec.get("sha256"):
            return None
        found[name] = p
    return found
