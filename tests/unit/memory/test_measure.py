"""A measurement counts what the measured block caused. Child processes alive before it began (a chat
model's own process, another model's worker) are background: their peak from before the block is not the
block's, whether they keep running or end during it; a child the block starts counts at its own peak."""

from __future__ import annotations

import mmap
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from avatar.hardware import device as dev
from avatar.hardware.choice import DeviceChoice
from avatar.memory.manager import MemoryManager

CPU = DeviceChoice("cpu", "test")
MB = 2**20

# Touches ``peak`` MB, lets them go, then holds ``keep`` MB until stdin closes.
CHILD = """
import sys
import numpy as np
peak, keep = int(sys.argv[1]), int(sys.argv[2])
a = np.ones(peak * 2**20 // 8); del a
b = np.ones(keep * 2**20 // 8) if keep else None
print("ready", flush=True)
sys.stdin.read()
"""


@contextmanager
def child(peak_mb: int, keep_mb: int = 0) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(peak_mb), str(keep_mb)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        end(proc)


def end(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)


def added(manager: MemoryManager, block_mb: int, during: object = None) -> float:
    """What a measurement of ``block_mb`` MB of new pages (and ``during``) finds added. The pages come from an
    anonymous mapping of their own: a malloc'd array may reuse free memory a long-lived test process still
    holds resident (in CI two such blocks were measured at 0.0 MB), and the measurement is right about that."""
    with manager.measure() as m:
        block = mmap.mmap(-1, block_mb * MB)
        for _ in range(block_mb):
            block.write(b"\1" * MB)  # every page touched, a megabyte at a time
        if callable(during):
            during()
    block.close()
    return m.peak_mb - m.before_mb


@pytest.fixture
def manager() -> MemoryManager:
    return MemoryManager(CPU, 0.0, 0.0)


def test_a_background_childs_old_peak_is_not_the_blocks(manager: MemoryManager) -> None:
    with child(peak_mb=500) as proc:
        peak = dev.pid_peak_mb(proc.pid)
        assert peak is not None and peak > 450 and dev.pid_rss_mb(proc.pid) < 200  # its old peak, let go
        assert added(manager, 64) == pytest.approx(64, abs=24)


def test_a_background_child_that_ends_during_the_block_is_not_the_blocks(manager: MemoryManager) -> None:
    with child(peak_mb=700) as proc:
        # It ends (and is waited for) inside the block: getrusage's peak of reaped children rises to its 700 MB.
        assert added(manager, 64, during=lambda: end(proc)) == pytest.approx(64, abs=24)


def test_a_child_the_block_starts_counts_at_its_peak_over_the_background(manager: MemoryManager) -> None:
    with child(peak_mb=0, keep_mb=150):  # background holding 150 MB throughout

        def start_one() -> None:
            with child(peak_mb=300):  # peaks at 300 MB, then holds little while the polls see it
                time.sleep(0.3)

        assert added(manager, 16, during=start_one) == pytest.approx(16 + 300, abs=48)
