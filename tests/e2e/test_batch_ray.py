"""`--executor ray` against a real local Ray instance (CPU only): shards, one stage-major worker per
shard, the shared SQLite store as the source of truth."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import batch_dir, store_rows, write_batch

from avatar.batch.execute import Executor, run_batch
from avatar.batch.report import verify
from avatar.batch.spec import load_batch

ray = pytest.importorskip("ray")


def test_ray_executor_runs_each_job_once_stage_major_per_worker(tmp_path: Path) -> None:
    f = write_batch(tmp_path, n=4)
    ray.init(num_cpus=2, include_dashboard=False)
    try:
        summary = run_batch(load_batch(f), Executor.RAY, workers=2)
    finally:
        ray.shutdown()
    assert summary["executor"] == "ray" and summary["workers"] == 2
    assert summary["counts"]["done"] == 4
    # each worker loads each stage once for its shard of two jobs
    assert summary["model_loads"] == {"speech": 2, "finish": 2} and summary["target_model_loads"] == 4
    attempts = store_rows(f, "SELECT job_id, worker, outcome FROM attempts")
    assert sorted(a["job_id"] for a in attempts) == [f"job{i}" for i in range(4)]
    assert len({a["worker"] for a in attempts}) == 2  # two processes shared the store
    assert verify(batch_dir(f)) == (4, [])
