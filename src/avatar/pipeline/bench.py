"""`avatar bench`: per stage of a pipeline, cold load and warm run times, real-time factor for speech, peak
memory and whether it came back, over several runs through the real runner.

The first run is cold (the stage's first load in this process); the others are warm. Each run is a normal
run in a temporary folder (or ``out``): plan, load, run, unload, clean, verify.
"""

from __future__ import annotations

import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from avatar.pipeline import execute
from avatar.pipeline.plan import build_plan
from avatar.pipeline.runner import Runner
from avatar.stages.base import Job

DEFAULT_BENCH_PIPELINE = "speech"
DEFAULT_BENCH_TEXT = (
    "Avatar runs one model at a time. It checks free memory, loads the model, runs it, and unloads it. "
    "Then it verifies that the memory came back before the next stage begins."
)


def spread(values: list[float]) -> dict[str, float] | None:
    """min, median and max, rounded; None for no values."""
    if not values:
        return None
    return {"min": round(min(values), 4), "median": round(statistics.median(values), 4), "max": round(max(values), 4)}


@dataclass
class StageBench:
    id: str
    uses: str
    backend: str | None
    device: str
    isolated: bool
    load_s: list[float] = field(default_factory=list)
    run_s: list[float] = field(default_factory=list)
    rtf: list[float] = field(default_factory=list)
    peak_delta_mb: list[float] = field(default_factory=list)
    returned: list[bool] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        warm = slice(1, None) if len(self.load_s) > 1 else slice(0, None)
        return {
            "id": self.id,
            "uses": self.uses,
            "backend": self.backend,
            "device": self.device,
            "isolated": self.isolated,
            "runs": len(self.run_s),
            "cold_load_s": round(self.load_s[0], 4) if self.load_s else None,
            "warm_load_s": spread(self.load_s[warm]),
            "cold_run_s": round(self.run_s[0], 4) if self.run_s else None,
            "warm_run_s": spread(self.run_s[warm]),
            "rtf": spread(self.rtf[warm]),
            "peak_delta_mb": spread(self.peak_delta_mb),
            "memory_returned": all(self.returned) if self.returned else None,
        }


def run_bench(
    pipeline: str | None = None,
    runs: int = 3,
    text: str = DEFAULT_BENCH_TEXT,
    profile: str | None = None,
    sets: list[str] | tuple[str, ...] = (),
    out: Path | None = None,
    voices_root: Path | None = None,
) -> dict[str, Any]:
    if runs < 1:
        raise ValueError("runs must be at least 1")
    plan = build_plan(pipeline or DEFAULT_BENCH_PIPELINE, profile, sets, voices_root)
    job = Job(text=text)
    stages = {
        ps.id: StageBench(ps.id, ps.uses, getattr(ps.stage.options, "backend", None), ps.device.device, ps.isolated)
        for ps in plan.stages
    }
    with tempfile.TemporaryDirectory(prefix="avatar-bench-") as tmp:
        root = Path(out) if out is not None else Path(tmp)
        for i in range(runs):
            jr = execute.prepare(plan, job, root, {"pipeline": str(plan.pipeline_path), "bench_run": i + 1})
            Runner(plan).run([jr])
            if jr.error is not None:
                raise jr.error
            for entry in jr.manifest["stages"]:
                sb = stages[entry["id"]]
                sb.load_s.append(float(entry.get("load_s", 0.0)))
                sb.run_s.append(float(entry.get("run_s", 0.0)))
                sb.peak_delta_mb.append(float(entry.get("peak_delta_mb", 0.0)))
                sb.returned.append(bool(entry.get("memory_returned", False)))
                audio_s = (entry.get("metrics") or {}).get("audio_seconds")
                if entry["uses"] == "synthesize" and audio_s:
                    sb.rtf.append(float(entry["run_s"]) / float(audio_s))
    return {
        "pipeline": plan.pipeline.name,
        "device": plan.device.device,
        "profile": plan.profile.profile.name,
        "runs": runs,
        "text_chars": len(text),
        "stages": [s.as_dict() for s in stages.values()],
    }


def median_rtf(report: dict[str, Any]) -> float | None:
    """The worst median real-time factor among the speech stages (None without one)."""
    medians = [s["rtf"]["median"] for s in report["stages"] if s.get("rtf")]
    return max(medians) if medians else None
