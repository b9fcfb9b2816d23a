"""A third-party stage package built by the tests: real torch allocations, registered through a real
entry point (a dist-info folder on the path), exactly as a pip-installed plugin would be."""

from __future__ import annotations

from pathlib import Path

MODULE = """
from __future__ import annotations
import os
import signal
import subprocess
import sys
import weakref
from pathlib import Path
from typing import ClassVar
from avatar.config.schema import OomAction
from avatar.stages.base import Stage, StageContext, StageOptions, StageResult

_LEAKS = []
_SCRATCH = []  # weak references to the tensors of failed attempts
_STALE_AT_FALLBACK = []  # how many of them were still alive when a fallback was applied

class AllocOptions(StageOptions):
    mb: int = 100
    chunk: int = 8
    max_ok_chunk: int = 1000
    always_oom: bool = False
    leak: bool = False
    scratch_mb: int = 0  # a tensor that a failing attempt holds in its frame
    child_mb: int = 0  # a child process that holds this much for a moment
    kill_if_exists: str | None = None  # SIGKILL this process when the file exists (a stand-in OOM killer)
    unload_raises: bool = False

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
        if self.options.kill_if_exists and Path(self.options.kill_if_exists).exists():
            os.kill(os.getpid(), signal.SIGKILL)
        if self.options.child_mb:
            code = (
                "import numpy, time; a = numpy.ones(%d * 1024 * 1024 // 8); time.sleep(0.5)" % self.options.child_mb
            )
            subprocess.run([sys.executable, "-c", code], check=True)
        if self.options.always_oom or self.chunk > self.options.max_ok_chunk:
            scratch = torch.ones(max(1, self.options.scratch_mb) * 1024 * 1024 // 4)
            _SCRATCH.append(weakref.ref(scratch))
            raise torch.OutOfMemoryError(f"out of memory with chunk {self.chunk} (test)")
        total = float(self.weights.sum().item())
        if self.options.leak:
            _LEAKS.append(self.weights)
        with ctx.writing(f"{self.env.stage_id}.txt") as tmp:
            tmp.write_text(f"{total} {self.chunk}\\n")
        out = ctx.output_path(f"{self.env.stage_id}.txt")
        metrics = {"chunk": self.chunk, "sum": total, "stale_at_fallback": list(_STALE_AT_FALLBACK), "pid": os.getpid()}
        return StageResult({self.env.stage_id: out}, metrics)

    def unload(self) -> None:
        self.weights = None
        if self.options.unload_raises:
            raise RuntimeError("unload failed (test)")

    def apply_fallback(self, action: OomAction) -> bool:
        _STALE_AT_FALLBACK.append(sum(1 for ref in _SCRATCH if ref() is not None))
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
