"""`avatar bench` through the real CLI: figures per stage over cold and warm runs, and the CI gate."""

from __future__ import annotations

import json

from processes import run_cli


def test_bench_reports_cold_and_warm_figures_per_stage() -> None:
    """A generous --rtf-threshold passes, and the report says it was the gate."""
    proc = run_cli("bench", "--runs", "2", "--text", "One short sentence to speak.", "--rtf-threshold", "100", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["rtf_threshold"] == 100
    stages = {s["id"]: s for s in report["stages"]}
    assert report["pipeline"] == "speech" and report["runs"] == 2
    speech = stages["speech"]
    assert speech["backend"] == "piper" and speech["runs"] == 2
    assert speech["cold_load_s"] > 0 and speech["warm_run_s"]["median"] > 0
    assert 0 < speech["rtf"]["median"] < 5 and report["median_rtf"] == speech["rtf"]["median"]
    assert speech["peak_delta_mb"]["max"] > 0 and speech["memory_returned"] is True
    assert stages["finish"]["rtf"] is None


def test_the_rtf_threshold_is_a_gate() -> None:
    """A threshold under the measured real-time factor fails the command (one bench run; the passing side is
    checked by the report test)."""
    failing = run_cli("bench", "--runs", "1", "--text", "Hello there.", "--rtf-threshold", "0.00001")
    assert failing.returncode == 1
    lines = [line for line in failing.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1 and "above the threshold" in lines[0]


def test_bench_refuses_bad_usage_in_one_line() -> None:
    proc = run_cli("bench", "--runs", "0")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
