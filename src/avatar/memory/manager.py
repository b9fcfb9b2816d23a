"""The memory manager: status, fits, ordered cleanup, verification and per-stage peak measurement.

Everything a stage causes is its memory: the figures cover this process and every process it started (a
`command` stage's tool, an isolated stage's worker), as RSS on the CPU and on Apple's unified memory, and as
NVML's per-process figure on CUDA.
"""

from __future__ import annotations

import logging
import threading
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
    children_peak_mb: float = 0.0  # the stage's child processes at their peak (part of peak_mb)
    method: str = "exact"  # 'exact' (kernel / torch peak counters) or 'sampled' (polled every 50-100 ms)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class CleanupReport:
    before_mb: float
    after_mb: float
    returned: bool
    seconds: float
    error: str | None = None  # cleanup itself failed (a sticky CUDA error, say); reported, not raised


# Measurements running now, per device. Peak counters are per process (VmHWM) or per device (torch), so a
# measurement resets them only when no other one is running: one that overlaps another (the server's
# interactive work beside a run) may then read a peak from before it began, never miss one of its own.
_ACTIVE: dict[str, int] = {}
_ACTIVE_LOCK = threading.Lock()

SAMPLE_S = 0.25  # how often the process tree is polled while no child process is running (a full /proc scan)
SAMPLE_CHILDREN_S = 0.05  # ... and while one is


class _TreeSampler:
    """Polls the stage's child processes (and, without an exact peak counter, this process) in a thread.

    Each child's own peak RSS (VmHWM) is read while it lives, so a spike between two polls still counts;
    a child reaped before any poll is caught by getrusage's peak of reaped children.

    Children alive before the block began (a chat model's process, another model's worker) are background,
    already in the level before: their lifetime peak is not the block's, so one counts only at what it
    holds while polled, or at its VmHWM once that rises during the block; and getrusage's figure is not read
    when one of them ended meanwhile, since its reaped peak may be from long before.
    """

    def __init__(self, choice: DeviceChoice, sample_self: bool) -> None:
        self.choice = choice
        self.sample_self = sample_self
        self.children_peak = 0.0
        self.self_peak = 0.0
        self._child_peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._gpu = dev.GpuProcesses(choice.index) if choice.kind == "cuda" else None
        self._rusage0 = dev.reaped_children_peak_mb()
        # pid -> its peak RSS at the start, for the children already alive (None: unreadable, RSS counts).
        self._background: dict[int, float | None] = (
            {pid: dev.pid_peak_mb(pid) for pid in dev.descendants()} if self._gpu is None else {}
        )
        self._thread = threading.Thread(target=self._loop, name="avatar-memory-sampler", daemon=True)

    def __enter__(self) -> _TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        if self._gpu is not None:
            self._gpu.close()
        elif (reaped := dev.reaped_children_peak_mb()) > self._rusage0:
            alive = set(dev.descendants())
            if all(pid in alive for pid in self._background):
                self.children_peak = max(self.children_peak, reaped)
            else:
                logger.debug("a child from before the measurement ended during it: its reaped peak is not counted")

    def _sample(self) -> bool:
        if self.sample_self:
            self.self_peak = max(self.self_peak, dev.self_used_mb(self.choice))
        pids = dev.descendants()
        if not pids:
            return False
        if self._gpu is not None:
            self.children_peak = max(self.children_peak, self._gpu.used_mb(pids))
            return True
        now = 0.0
        readings: list[tuple[int, float, float | None]] = []
        for pid in pids:
            rss = dev.pid_rss_mb(pid)
            now += rss
            readings.append((pid, rss, dev.pid_peak_mb(pid)))
        background_now = sum(rss for pid, rss, _ in readings if pid in self._background)
        for pid, rss, hwm in readings:
            if hwm is None:
                continue
            background = pid in self._background
            start = self._background.get(pid)
            if background and (start is None or hwm <= start):
                continue  # its VmHWM is from before the block: only what it holds now counts (in ``now``)
            # One child's peak between polls counts on its own, over the other background children as they are.
            others = background_now - (rss if background else 0.0)
            self._child_peaks[pid] = max(self._child_peaks.get(pid, 0.0), hwm + others)
        # Children alive together add up.
        self.children_peak = max(self.children_peak, now, max(self._child_peaks.values(), default=0.0))
        return True

    def _loop(self) -> None:
        while True:
            busy = self._sample()
            if self._stop.wait(SAMPLE_CHILDREN_S if busy else SAMPLE_S):
                return


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

    def free_mb(self) -> float:
        return dev.free_mb(self.choice)

    def headroom_mb(self) -> float:
        return arithmetic.headroom_mb(dev.free_mb(self.choice), self.margin_mb)

    def fits(self, required_mb: float) -> bool:
        return arithmetic.fits(dev.free_mb(self.choice), self.margin_mb, required_mb)

    def used_mb(self) -> float:
        """What this process and its children hold on the device."""
        return dev.used_mb(self.choice)

    def clean(self) -> float:
        """Ordered cleanup (gc, then empty the allocator cache, then synchronise); returns memory used after."""
        dev.empty_caches(self.choice)
        return dev.used_mb(self.choice)

    def verify_returned(self, what: str, baseline_mb: float) -> CleanupReport:
        """Clean, then check that memory came back to ``baseline_mb`` within the tolerance; warn, naming
        ``what`` ("stage speech", "model piper"), if not.

        Cleanup runs in the runner's ``finally``: an error in it (a sticky CUDA error makes ``synchronize``
        raise) is logged and reported, never raised, so the manifest and the ledger are still written.
        """
        t0 = time.perf_counter()
        before = after = baseline_mb
        try:
            before = dev.used_mb(self.choice)
            after = self.clean()
        except Exception as exc:
            logger.error("cleanup after %s failed: %s: %s", what, type(exc).__name__, exc)
            return CleanupReport(before, before, False, time.perf_counter() - t0, f"{type(exc).__name__}: {exc}")
        ok = arithmetic.returned_within(baseline_mb, after, self.tolerance_mb)
        if not ok:
            logger.warning(
                "%s did not return its memory: %.0f MB held after cleanup vs %.0f MB before it loaded "
                "(tolerance %.0f MB)",
                what,
                after,
                baseline_mb,
                self.tolerance_mb,
            )
        return CleanupReport(before, after, ok, time.perf_counter() - t0)

    @contextmanager
    def measure(self) -> Iterator[Measurement]:
        """Measure the peak while the block runs, over the whole process tree: this process's exact peak
        (torch's peak statistics on CUDA, the kernel's VmHWM on Linux; sampled where neither exists) plus
        the peak of the child processes (polled)."""
        m = Measurement(before_mb=dev.used_mb(self.choice))
        with _ACTIVE_LOCK:
            alone = not _ACTIVE.get(self.device)
            _ACTIVE[self.device] = _ACTIVE.get(self.device, 0) + 1
        if alone:
            dev.reset_peak(self.choice)
        exact_self = dev.self_peak_mb(self.choice) is not None
        t0 = time.perf_counter()
        sampler = _TreeSampler(self.choice, sample_self=not exact_self)
        try:
            with sampler:
                yield m
        finally:
            with _ACTIVE_LOCK:
                _ACTIVE[self.device] -= 1
            m.seconds = time.perf_counter() - t0
            self_peak = dev.self_peak_mb(self.choice) if exact_self else None
            if self_peak is None:
                self_peak = max(sampler.self_peak, dev.self_used_mb(self.choice))
                m.method = "sampled"
            m.children_peak_mb = sampler.children_peak
            m.peak_mb = max(self_peak + sampler.children_peak, dev.used_mb(self.choice))
