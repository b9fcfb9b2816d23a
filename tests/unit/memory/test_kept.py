"""Models kept for the process (the VAD, the speaker encoder) are loadables the residency core sees: their
load is measured on real memory, every core lists them, and a resident is not blamed for the memory one of
them took while it was loaded."""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from avatar.config.schema import MemorySettings
from avatar.hardware.choice import DeviceChoice
from avatar.memory.kept import Kept, kept
from avatar.memory.ledger import EstimateKey, EstimateLedger
from avatar.memory.residency import RUN, Loadable, open_residency

CPU = DeviceChoice("cpu", "test")
MB = 2**20


def touched(mb: int) -> np.ndarray:
    """``mb`` MB of new pages, every one touched: an anonymous mapping of their own (a malloc'd array may reuse
    free memory a long-lived test process still holds resident, and then nothing is added to measure)."""
    block = np.frombuffer(mmap.mmap(-1, mb * MB), dtype=np.float64)
    block[:] = 1.0
    return block


@pytest.fixture
def model() -> Iterator[Kept[np.ndarray]]:
    k = Kept("test block", lambda: touched(96), static_mb=1.0)  # 96 MB of touched pages
    yield k
    k.drop()


def test_a_kept_model_is_measured_listed_and_not_a_residents_leak(model: Kept[np.ndarray], tmp_path: Path) -> None:
    core = open_residency(MemorySettings(safety_margin_mb=0, cleanup_tolerance_mb=32), EstimateLedger(tmp_path / "e"))
    assert model in kept() and not model.loaded
    assert "test block" not in {r["name"] for r in core.table()}
    weights: list[np.ndarray] = []
    key = EstimateKey.make("stage", "-", "-", "float32", "-", "cpu", False, {})
    stage = Loadable("stage x", lambda: CPU, lambda: key, 64, lambda: weights.append(touched(64)), weights.clear)
    with core.acquire(stage, RUN) as lease, lease.use():
        assert model.get().sum() == 96 * MB // 8  # loaded while the stage is: its memory stays after the stage
    assert model.loaded and model.held_mb == pytest.approx(96, abs=24)
    assert lease.released is not None and lease.released.returned  # the 96 MB are the kept model's, not the stage's
    listed = {r["name"]: r for r in core.table()}
    assert listed["test block"]["policy"] == "kept" and listed["test block"]["held_mb"] == pytest.approx(96, abs=24)
    learned = core.estimate(key, 0)
    assert learned.source == "ledger" and learned.mb < 64 * 1.1 + 24  # the stage's own peak, not the kept model's
    assert model.get() is model.get()  # loaded once


def test_a_dropped_kept_model_loads_again_and_is_listed_again() -> None:
    loads: list[int] = []
    k = Kept("test reload", lambda: loads.append(1) or np.ones(1024), static_mb=1.0)
    try:
        first = k.get()
        k.drop()
        assert k not in kept() and not k.loaded
        second = k.get()
        assert second is not first and len(loads) == 2 and k.loaded and k in kept()
    finally:
        k.drop()
