"""What ``/v1/models`` shows of each served model: its state, what it speaks, its last error and the estimate
its next load will use. Memory held, last use and loads are the residency core's record
(:meth:`avatar.memory.residency.Residency.view`), read, never kept here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from avatar.memory.ledger import EstimateKey
    from avatar.memory.residency import Record

STATES = ("unloaded", "loading", "loaded", "unloading", "error")


@dataclass
class ModelState:
    """What the serve policy knows of a model beside its residency: its state, what it speaks, its last error.
    Memory held, last use and loads are the residency core's record (``Residency.view``), read, not kept."""

    name: str
    state: str = "unloaded"
    languages: list[str] = field(default_factory=list)
    voices: list[str] = field(default_factory=list)
    error: str | None = None
    loaded_at: float | None = None
    capabilities: dict[str, bool] = field(default_factory=dict)  # the backend class's, where it is one
    estimate: dict[str, Any] = field(default_factory=dict)  # mb, source ('ledger' or 'static'), key

    def public(self, record: Record | None) -> dict[str, Any]:
        held = record.held_mb if record is not None and record.loaded else 0.0
        return {
            "state": self.state,
            "capabilities": dict(self.capabilities),
            "memory_mb": round(held, 1),
            "estimate": dict(self.estimate),
            "languages": list(self.languages),
            "voices": list(self.voices),
            "loads": record.loads if record is not None else 0,
            "error": self.error,
        }


def estimate_figure(key: EstimateKey, mb: float, source: str, runs: int) -> dict[str, Any]:
    """The estimate as ``/v1/models`` shows it: its figure, where it came from, and a digest of its key."""
    digest = hashlib.sha256(key.text.encode()).hexdigest()[:16]
    return {"mb": round(mb, 1), "source": source, "runs": runs, "key_id": digest}
