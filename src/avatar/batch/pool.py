"""``--executor local --workers N``: N worker processes on this machine, each claiming its shard from
the shared store. Useful when a stage is CPU-bound and single-threaded; with one GPU, one worker is
usually best (every worker loads its own copy of each model)."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import replace
from pathlib import Path
from typing import Any

from avatar.batch.local import WorkerOptions, WorkerReport, run_worker
from avatar.batch.shards import forwarded_env, options_from_dict, options_to_dict, report_from_dict, shard
from avatar.batch.store import BatchStore

logger = logging.getLogger(__name__)
PollFn = Callable[[dict[str, int]], None]


def _worker_process(batch_dir: str, options: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    os.environ.update(env)
    return run_worker(Path(batch_dir), options_from_dict(options)).as_dict()


def run_pool(
    batch_dir: Path, workers: int, options: WorkerOptions, on_poll: PollFn | None = None
) -> list[WorkerReport]:
    with BatchStore(batch_dir, create=False) as store:
        shards = shard(store.claimable_ids(options.lease_s), workers)
    if not shards:
        return []
    env = forwarded_env()
    # spawn, not fork: a forked child would inherit torch/onnxruntime thread pools in a broken state.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(shards), mp_context=ctx) as pool:
        futures = [
            pool.submit(_worker_process, str(batch_dir), options_to_dict(replace(options, job_ids=ids)), env)
            for ids in shards
        ]
        pending = set(futures)
        while pending:
            _, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            if on_poll is not None:
                with BatchStore(batch_dir, create=False) as store:
                    on_poll(store.counts())
        return [report_from_dict(f.result()) for f in futures]
