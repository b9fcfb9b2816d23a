from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avatar.memory import arithmetic
from avatar.memory.ledger import EstimateLedger, ledger_key

figures = st.floats(min_value=0, max_value=1e7, allow_nan=False)


@given(figures, figures, figures)
def test_fits_never_says_yes_below_need(free: float, margin: float, need: float) -> None:
    if arithmetic.fits(free, margin, need):
        assert free - margin >= need
    else:
        assert free - margin < need


@given(figures, figures)
def test_headroom_is_never_negative(free: float, margin: float) -> None:
    h = arithmetic.headroom_mb(free, margin)
    assert h >= 0
    assert h <= free


def test_negative_figures_rejected() -> None:
    with pytest.raises(ValueError):
        arithmetic.fits(100, -1, 10)


@given(figures, figures, st.floats(min_value=0, max_value=1e4))
def test_returned_within_tolerance(before: float, after: float, tol: float) -> None:
    assert arithmetic.returned_within(before, after, tol) == (after - before <= tol)


def test_ledger_estimate_uses_measured_peaks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ledger = EstimateLedger(tmp_path / "est.json", history=3, factor=1.1)
    key = ledger_key("synthesize", "piper", "joe", "cpu", "cpu")
    assert ledger.estimate(key) is None
    for peak in (100.0, 300.0, 200.0):
        ledger.record(key, peak)
    assert ledger.estimate(key) == pytest.approx(330.0)
    for peak in (50.0, 60.0, 70.0):  # older, larger peaks age out
        ledger.record(key, peak)
    assert ledger.estimate(key) == pytest.approx(77.0)
    (tmp_path / "est.json").write_text("{not json")
    assert ledger.estimate(key) is None  # a corrupt ledger is ignored, not fatal
