"""A third-party stage package built by the tests: real torch allocations, registered through a real
entry point (a dist-info folder on the path), exactly as a pip-installed plugin would be."""

from __future__ import annotations

from pathlib import Path

MODULE = """
from __future__ import annotations
import sys
from typing import ClassVar
from avatar.config.schema import OomAction
from avatar.stages.base import Stage, StageContext, StageOptions, StageResult

_LEAKS = []

class AllocOptions(StageOptions):
    mb: int = 100
    chunk: int = 8
    max_ok_chunk: int = 1000
    always_oom: bool = False
    leak: bool = False

class AllocStage(Stage):
    name: ClassVar[str] = "alloc"
    Options = AllocOptions
    summary: ClassVar[str] = "allocates real weights (test plugin)"
    warm_imports: ClassVar[tuple[str, ...]] = ("torch",)

    def __init__(self, options, env):
        super().__init__(options, env)
        self.chunk = options.chunk
        self.weights = None

    def estimate_mb(self) -> float:
        return float(self.options.mb)

    def load(self) -> None:
        import torch
        dev = self.env.device.device
        self.weights = torch.ones(self.options.mb * 1024 * 1024 // 4, dtype=torch.float32, device=dev)

    def run(self, ctx: StageContext) -> StageResult:
        import torch
        if self.options.always_oom or self.chunk > self.options.max_ok_chunk:
            raise torch.OutOfMemoryError(f"out of memory with chunk {self.chunk} (test)")
        total = float(self.weights.sum().item())
        if self.options.leak:
            _LEAKS.append(self.weights)
        with ctx.writing(f"{self.env.stage_id}.txt") as tmp:
            tmp.write_text(f"{total} {self.chunk}\\n")
        out = ctx.output_path(f"{self.env.stage_id}.txt")
        return StageResult({self.env.stage_id: out}, {"chunk": self.chunk, "sum": total})

    def unload(self) -> None:
        self.weights = None

    def apply_fallback(self, action: OomAction) -> bool:
        if action is OomAction.SMALLER_CHUNKS and self.chunk > 1:
            self.chunk //= 2
            return True
        return False
"""


def install_plugin(root: Path) -> Path:
    """Write the module and its dist-info (with the entry point) under ``root``; return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "avatar_test_stages.py").write_text(MODULE)
    info = root / "avatar_test_stages-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: avatar-test-stages\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[avatar.stages]\nalloc = avatar_test_stages:AllocStage\n")
    return root
