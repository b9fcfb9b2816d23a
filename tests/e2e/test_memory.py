from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avatar.memory import arithmetic
from avatar.memory.ledger import EstimateKey, EstimateLedger

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


def _key(**changes: object) -> EstimateKey:
    parts: dict[str, object] = {
        "stage": "synthesize", "backend": "piper", "model": "joe", "dtype": "float32", "profile": "cpu",
        "device": "cpu", "isolated": False, "options": {"chunk_chars": 400},
    }  # fmt: skip
    parts.update(changes)
    return EstimateKey.make(**parts)  # type: ignore[arg-type]


def test_ledger_estimate_uses_measured_peaks(tmp_path: Path) -> None:
    ledger = EstimateLedger(tmp_path / "est.json", history=3, factor=1.1)
    key = _key()
    assert ledger.lookup(key) is None
    for peak in (100.0, 300.0, 200.0):
        ledger.record(key, peak)
    found = ledger.lookup(key)
    assert found is not None and found.mb == pytest.approx(330.0) and found.runs == 3
    for peak in (50.0, 60.0, 70.0):  # older, larger peaks age out
        ledger.record(key, peak)
    assert ledger.lookup(key).mb == pytest.approx(77.0)  # type: ignore[union-attr]
    (tmp_path / "est.json").write_text("{not json")
    assert ledger.lookup(key) is None  # a corrupt ledger is ignored, not fatal


@pytest.mark.parametrize(
    "change",
    [
        {"options": {"chunk_chars": 200}},
        {"dtype": "float16"},
        {"device": "cuda"},
        {"isolated": True},
        {"model": "other.onnx"},
        {"profile": "rtx3080"},
    ],
)
def test_a_learned_estimate_stands_only_for_its_own_key(tmp_path: Path, change: dict[str, object]) -> None:
    ledger = EstimateLedger(tmp_path / "est.json")
    ledger.record(_key(), 900.0)
    assert ledger.lookup(_key(**change)) is None
    assert ledger.lookup(_key()) is not None


def test_option_order_does_not_change_the_key() -> None:
    assert _key(options={"a": 1, "b": [1, 2]}).text == _key(options={"b": [1, 2], "a": 1}).text


def test_ledger_is_readable_and_bounded(tmp_path: Path) -> None:
    ledger = EstimateLedger(tmp_path / "est.json", max_entries=4)
    for i in range(10):
        ledger.record(_key(options={"mb": i}), 10.0 * i)
    data = json.loads((tmp_path / "est.json").read_text())
    entries = data["entries"]
    assert len(entries) == 4
    assert sorted(e["options"]["mb"] for e in entries.values()) == [6, 7, 8, 9]  # the newest are kept
    some = next(iter(entries.values()))
    assert {"stage", "backend", "model", "dtype", "profile", "device", "isolated", "peaks_mb", "updated"} <= set(some)


def test_a_ledger_of_the_old_format_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "est.json"
    path.write_text(json.dumps({"synthesize|piper|joe|cpu|cpu": {"peaks_mb": [900.0]}}))
    ledger = EstimateLedger(path)
    assert ledger.entries() == {}
    ledger.record(_key(), 100.0)
    assert len(ledger.entries()) == 1


def test_a_lookup_sees_what_another_process_recorded(tmp_path: Path) -> None:
    """Lookups reuse the parsed file while it is unchanged; a peak another process writes is seen at once."""
    path = tmp_path / "est.json"
    ledger = EstimateLedger(path, factor=1.0)
    ledger.record(_key(), 100.0)
    assert ledger.lookup(_key()).mb == 100.0  # type: ignore[union-attr]
    assert ledger.lookup(_key()).mb == 100.0  # type: ignore[union-attr]  # (from the parsed copy)
    writer = (
        "import sys; from avatar.memory.ledger import EstimateLedger, EstimateKey; "
        "k = EstimateKey.make('synthesize', 'piper', 'joe', 'float32', 'cpu', 'cpu', False, {'chunk_chars': 400}); "
        "EstimateLedger(sys.argv[1]).record(k, 250.0)"
    )
    subprocess.run([sys.executable, "-c", writer, str(path)], check=True)
    assert ledger.lookup(_key()).mb == 250.0  # type: ignore[union-attr]
    path.unlink()
    assert ledger.lookup(_key()) is None
