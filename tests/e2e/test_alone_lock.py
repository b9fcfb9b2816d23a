"""The `alone` marker holds on real xdist workers: a pytest run on two workers over a test marked `alone`
and plain tests in another file, each writing when it started and ended, and so does the plain file's
module fixture (a module's server: started in its first test's setup, stopped in its last one's teardown).
Nothing else may run while the `alone` test does, its own fixture included, and the plain ones still ran
on the other worker."""

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
from alone_lock import pytest_runtest_protocol  # noqa: F401

def note(name, start):
    with open(os.environ["SPANS"], "a") as out:
        out.write(json.dumps([name, os.environ["PYTEST_XDIST_WORKER"], start, time.monotonic()]) + "\\n")
"""
ALONE = """
import time
import pytest
from conftest import note

@pytest.fixture
def measured():
    start = time.monotonic()
    time.sleep(0.3)  # a fixture that reads the machine: a budget from its free memory
    yield start

@pytest.mark.alone
def test_by_itself(measured):
    time.sleep(1.5)
    note("alone", measured)
"""
PLAIN = """
import time
import pytest
from conftest import note

@pytest.fixture(scope="module")
def server():
    start = time.monotonic()
    time.sleep(1.0)  # a server starting
    note("module setup", start)
    yield
    start = time.monotonic()
    time.sleep(1.0)  # and stopping
    note("module teardown", start)

@pytest.mark.parametrize("k", range(8))
def test_plain(server, k):
    start = time.monotonic()
    time.sleep(0.3)
    note("plain", start)
"""


def test_an_alone_test_runs_while_nothing_else_does(tmp_path: Path) -> None:
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
    (alone,) = [r for r in rows if r[0] == "alone"]
    others = [r for r in rows if r[0] != "alone"]
    assert sorted(r[0] for r in others) == ["module setup", "module teardown"] + ["plain"] * 8, others
    assert {r[1] for r in others} | {alone[1]} == {"gw0", "gw1"}
    overlapping = [r[0] for r in others if r[2] < alone[3] and alone[2] < r[3]]
    assert not overlapping, (alone, overlapping)


def _env() -> dict[str, str]:
    """This run's environment without its own pytest's variables (a worker's name among them)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
