"""The `alone` marker holds on real xdist workers: a pytest run on two workers over a test marked `alone`
and plain tests in another file, each writing when it started and ended. No plain test may run while the
`alone` one does, and the plain ones still ran on the other worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

CONFTEST = f"""
import json, os, sys, time
import pytest
sys.path.insert(0, {str(TESTS)!r})
from alone_lock import machine_to_itself  # noqa: F401

@pytest.fixture
def note(request):
    start = time.monotonic()
    yield
    with open(os.environ["SPANS"], "a") as out:
        out.write(json.dumps([request.node.name, os.environ["PYTEST_XDIST_WORKER"], start, time.monotonic()]) + "\\n")
"""
ALONE = """
import time
import pytest

@pytest.mark.alone
def test_by_itself(note):
    time.sleep(1.5)
"""
PLAIN = """
import time
import pytest

@pytest.mark.parametrize("k", range(8))
def test_plain(note, k):
    time.sleep(0.3)
"""


def test_an_alone_test_runs_while_no_other_test_does(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    alone: runs by itself\n")
    (tmp_path / "test_plain.py").write_text(PLAIN)
    (tmp_path / "test_z_alone.py").write_text(ALONE)
    spans = tmp_path / "spans.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadfile",
         "--basetemp", str(tmp_path / "base"), str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, env={**_env(), "SPANS": str(spans)}, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = [json.loads(line) for line in spans.read_text().splitlines()]
    (alone,) = [r for r in rows if r[0] == "test_by_itself"]
    plain = [r for r in rows if r[0] != "test_by_itself"]
    assert len(plain) == 8 and {r[1] for r in plain} | {alone[1]} == {"gw0", "gw1"}
    overlapping = [r[0] for r in plain if r[2] < alone[3] and alone[2] < r[3]]
    assert not overlapping, (alone, overlapping)


def _env() -> dict[str, str]:
    """This run's environment without its own pytest's variables (a worker's name among them)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
