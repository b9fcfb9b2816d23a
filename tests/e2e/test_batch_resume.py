"""Real SIGKILLs at random moments, then resume: every job finishes exactly once, intact, with no
temporary file left; and two worker processes on one batch never run the same job."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from batch_helpers import batch_dir, start_cli, store_rows, write_batch
from processes import run_cli

from avatar import atomic
from avatar.batch.report import verify


def _done_outputs(f: Path) -> dict[Path, int]:
    """The files of every job the store says is done, with their modification times."""
    out = batch_dir(f)
    if not (out / "batch.sqlite").exists():
        return {}
    done = [r["id"] for r in store_rows(f, "SELECT id FROM jobs WHERE state='done'")]
    return {p: p.stat().st_mtime_ns for j in done for p in (out / j).iterdir() if p.suffix in (".wav", ".json")}


def _kill_when(proc: subprocess.Popen[str], ready: Callable[[], bool], jitter: float, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None and not ready():
        time.sleep(0.02)
    time.sleep(jitter)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()


def test_sigkill_at_random_points_then_resume(tmp_path: Path) -> None:
    f = write_batch(tmp_path, n=5)
    out = batch_dir(f)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    kept: dict[Path, int] = {}

    def some_speech() -> bool:  # inside the first stage
        return any(out.glob("job*/speech.wav"))

    def some_done() -> bool:  # between jobs: a first pair is done, the next pair is claimed
        return bool(_done_outputs(f))

    def at_random() -> bool:
        return False

    # Kill inside the first stage, just after a job is done, and at a random moment; jitter on each.
    # The random moment may fall after the batch has finished its remaining jobs: then it exits 0.
    rounds = ((some_speech, 0.15, 60, False), (some_done, 0.1, 60, False), (at_random, 0, rng.uniform(0.5, 6), True))
    for ready, jitter, timeout, may_finish in rounds:
        proc = start_cli("batch", "run", str(f), "--claim", "2")
        _kill_when(proc, ready, rng.uniform(0, jitter), timeout)
        allowed = (-signal.SIGKILL, 0) if may_finish else (-signal.SIGKILL,)
        assert proc.returncode in allowed, f"seed {seed}: the batch ended before it was killed"
        done_now = _done_outputs(f)
        for p, mtime in kept.items():  # a job done before this round was not touched by it
            assert done_now[p] == mtime, f"seed {seed}: {p} was rewritten after its job was done"
        kept = done_now

    res = run_cli("batch", "run", str(f), "--json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["counts"]["done"] == 5
    for p, mtime in kept.items():
        assert p.stat().st_mtime_ns == mtime, f"{p} was redone"

    attempts = store_rows(f, "SELECT job_id, outcome FROM attempts")
    for i in range(5):
        outcomes = [a["outcome"] for a in attempts if a["job_id"] == f"job{i}"]
        assert outcomes.count("done") == 1, (seed, f"job{i}", outcomes)
        assert set(outcomes) <= {"done", "interrupted"}, outcomes
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [f"job{i}" for i in range(5)]
    assert verify(out) == (5, [])
    assert atomic.leftover_temporaries(out) == []
    for i in range(5):
        manifest = json.loads((out / f"job{i}" / "manifest.json").read_text())
        assert manifest["status"] == "done"
        assert all(s["status"] in ("done", "skipped") for s in manifest["stages"])


def test_two_workers_on_one_batch_run_each_job_once(tmp_path: Path) -> None:
    f = write_batch(tmp_path, n=6)
    assert run_cli("batch", "status", str(f)).returncode == 2  # not run yet: says so, exit 2
    procs = [start_cli("batch", "run", str(f), "--claim", "2", "--json") for _ in range(2)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [r[1][-2000:] for r in results]
    attempts = store_rows(f, "SELECT job_id, worker, outcome FROM attempts")
    assert sorted(a["job_id"] for a in attempts) == sorted(f"job{i}" for i in range(6))  # one attempt each
    assert all(a["outcome"] == "done" for a in attempts)
    summaries = [json.loads(out) for out, _ in results]
    assert sum(s["done_this_run"] for s in summaries) == 6
    workers = store_rows(f, "SELECT id, done FROM workers")
    assert sum(w["done"] for w in workers) == 6
    assert verify(batch_dir(f)) == (6, [])
