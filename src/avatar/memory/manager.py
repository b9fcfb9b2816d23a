"""The memory manager: status, fits, ordered cleanup, verification and per-stage peak measurement."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from avatar.hardware import device as dev
from avatar.hardware.choice import DeviceChoice
from avatar.memory import arithmetic

logger = logging.getLogger(__name__)


@dataclass
class MemoryStatus:
    device: str
    total_mb: float
    free_mb: float  # free for a new load (includes torch's reserved-but-unused cache on CUDA)
    used_by_us_mb: float
    reserved_mb: float

    def as_dict(self) -> dict[str, float | str]:
        return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in asdict(self).items()}


@dataclass
class Measurement:
    """Filled in by :meth:`MemoryManager.measure`: the peak while the block ran."""

    before_mb: float = 0.0
    peak_mb: float = 0.0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class CleanupReport:
    before_mb: float
    after_mb: float
    returned: bool
    seconds: float


class MemoryManager:
    def __init__(self, choice: DeviceChoice, margin_mb: float, tolerance_mb: float) -> None:
        self.choice = choice
        self.margin_mb = margin_mb
        self.tolerance_mb = tolerance_mb

    @property
    def device(self) -> str:
        return self.choice.device

    def status(self) -> MemoryStatus:
        return MemoryStatus(
            device=self.choice.device,
            total_mb=dev.total_mb(self.choice),
            free_mb=dev.free_mb(self.choice),
            used_by_us_mb=dev.used_mb(self.choice),
            reserved_mb=dev.reserved_mb(self.choice),
        )

    def headroom_mb(self) -> float:
        return arithmetic.headroom_mb(dev.free_mb(self.choice), self.margin_mb)

    def fits(self, required_mb: float) -> bool:
        return arithmetic.fits(dev.free_mb(self.choice), self.margin_mb, required_mb)

    def used_mb(self) -> float:
        return dev.used_mb(self.choice)

    def clean(self) -> float:
        """Ordered cleanup (gc, then empty the allocator cache, then synchronise); returns memory used after."""
        dev.empty_caches(self.choice)
        return dev.used_mb(self.choice)

    def verify_returned(self, stage: str, baseline_mb: float) -> CleanupReport:
        """Clean, then check that memory came back to ``baseline_mb`` within the tolerance; warn if not."""
        t0 = time.perf_counter()
        before = dev.used_mb(self.choice)
        after = self.clean()
        ok = arithmetic.returned_within(baseline_mb, after, self.tolerance_mb)
        if not ok:
            logger.warning(
                "stage %s did not return its memory: %.0f MB held after cleanup vs %.0f MB before it loaded "
                "(tolerance %.0f MB)",
                stage,
                after,
                baseline_mb,
                self.tolerance_mb,
            )
        return CleanupReport(before, after, ok, time.perf_counter() - t0)

    @contextmanager
    def measure(self) -> Iterator[Measurement]:
        """Measure the peak while the block runs: torch peak stats on CUDA, peak RSS (VmHWM) elsewhere."""
        m = Measurement(before_mb=dev.used_mb(self.choice))
        dev.reset_peak(self.choice)
        t0 = time.perf_counter()
        try:
            yield m
        finally:
            m.seconds = time.perf_counter() - t0
            peak = dev.peak_mb(self.choice)
            m.peak_mb = max(peak if peak is not None else 0.0, dev.used_mb(self.choice))
