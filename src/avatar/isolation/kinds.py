"""What a worker process can host: a registry of kinds, each a ``module:Class`` built in the worker from
the ``kind`` of its ``init`` message. Isolation itself knows nothing of pipelines or of HTTP.

- ``stage``: one pipeline stage (:class:`StageServant`, here);
- ``model``: one speech backend (:class:`avatar.isolation.models.ModelServant`).

A servant answers ``init``, ``imports``, ``load``, ``run`` or ``call``, and ``unload`` (see
:mod:`avatar.isolation.worker`).
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

KINDS: dict[str, str] = {
    "stage": "avatar.isolation.kinds:StageServant",
    "model": "avatar.isolation.models:ModelServant",
}


def register_kind(name: str, target: str) -> None:
    """Add a kind (``module:Class``; the class takes the channel). The worker imports it by that name."""
    KINDS[name] = target


def build(kind: str, channel: Any) -> Any:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; known: {', '.join(sorted(KINDS))}")
    module, attr = KINDS[kind].split(":")
    return getattr(importlib.import_module(module), attr)(channel)


class StageServant:
    """The ``stage`` kind in a worker process: one pipeline stage, built from its registered name."""

    def __init__(self, channel: Any) -> None:
        self.channel = channel
        self.stage: Any = None
        self.manager: Any = None
        self.baseline_mb = 0.0

    @property
    def label(self) -> str:
        return f"stage '{self.stage.env.stage_id}'" if self.stage is not None else "stage"

    def init(self, msg: dict[str, Any]) -> None:
        from avatar.config.schema import OomAction, Settings
        from avatar.config.yamlio import validate
        from avatar.hardware.choice import DeviceChoice
        from avatar.memory.manager import MemoryManager
        from avatar.stages.base import StageEnv
        from avatar.stages.registry import get_stage

        cls = get_stage(msg["uses"])
        settings = Settings.model_validate(msg["settings"])
        choice = DeviceChoice(msg["device"], msg["device_reason"])
        env = StageEnv(msg["stage_id"], choice, msg["dtype"], settings, msg["profile_name"], Path(msg["voices_root"]))
        # Options the parent resolved and checked, validated again on this side of the process boundary.
        self.stage = cls(validate(cls.Options, msg["options"], f"stage '{msg['stage_id']}'"), env)
        for action in msg["fallbacks"]:
            self.stage.apply_fallback(OomAction(action))
        mem = settings.memory
        self.manager = MemoryManager(choice, mem.safety_margin_mb, mem.cleanup_tolerance_mb)

    def imports(self, msg: dict[str, Any]) -> dict[str, Any]:
        from avatar.quiet import output_to_log

        with output_to_log(f"stage {self.stage.env.stage_id} imports"):
            self.stage.prepare_imports()
        self.baseline_mb = self.manager.clean()
        return {"rss_mb": self.baseline_mb}

    def load(self, msg: dict[str, Any]) -> dict[str, Any]:
        with self.manager.measure() as m:
            self.stage.load()
        return {"seconds": m.seconds, "peak_mb": m.peak_mb}

    def run(self, msg: dict[str, Any]) -> dict[str, Any]:
        from avatar.stages.base import StageContext

        def progress(done: float, total: float, message: str) -> None:
            self.channel.send({"ev": "progress", "done": done, "total": total, "message": message})

        ctx = StageContext(
            job=msg["job"],
            run_dir=Path(msg["run_dir"]),
            artifacts={k: Path(v) for k, v in msg["artifacts"].items()},
            metadata=msg["metadata"],
            progress=progress,
        )
        with self.manager.measure() as m:
            result = self.stage.run(ctx)
        return {
            "artifacts": {k: str(v) for k, v in result.artifacts.items()},
            "metrics": result.metrics,
            "seconds": m.seconds,
            "peak_mb": m.peak_mb,
        }

    def unload(self, msg: dict[str, Any]) -> dict[str, Any]:
        self.stage.unload()
        after = self.manager.clean()
        held = max(0.0, after - self.baseline_mb)
        if held > self.manager.tolerance_mb:
            logging.getLogger("avatar.isolation").debug(
                "stage %s still held %.0f MB in its worker after unload (a leak in the stage; the worker's "
                "exit returns it)",
                self.stage.env.stage_id,
                held,
            )
        return {"held_mb": held, "baseline_mb": self.baseline_mb}
