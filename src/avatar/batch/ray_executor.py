"""``--executor ray``: the batch's claimable jobs split into shards, one Ray task per shard, each task a
normal batch worker (stage-major over its shard) with the store as the source of truth.

Each task asks for one GPU when the cluster has GPUs (so Ray places one worker per GPU and sets
``CUDA_VISIBLE_DEVICES`` for it) and for one CPU otherwise. Every worker loads each stage once for its
shard, so model loads are (stages x workers).

A remote cluster must see the batch folder at the same path on every node (shared storage) along with
the batch's inputs (scripts, portraits, voices, pipeline file); see ``avatar.batch.store`` for
what SQLite needs from that storage. Workers on other hosts keep their claims alive with a heartbeat; a
claim whose heartbeat is older than the lease is taken over.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from avatar.batch.local import WorkerOptions, WorkerReport, run_worker
from avatar.batch.shards import forwarded_env, options_from_dict, options_to_dict, report_from_dict, shard
from avatar.batch.store import BatchStore
from avatar.errors import MissingDependencyError

logger = logging.getLogger(__name__)
PollFn = Callable[[dict[str, int]], None]


def _ray_worker(batch_dir: str, options: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    os.environ.update(env)
    return run_worker(Path(batch_dir), options_from_dict(options)).as_dict()


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise MissingDependencyError("ray", "ray", "--executor ray") from None
    return ray


def run_ray(
    batch_dir: Path,
    workers: int | None,
    options: WorkerOptions,
    address: str | None = None,
    on_poll: PollFn | None = None,
) -> list[WorkerReport]:
    """Run the batch on Ray: the running instance if this process already called ``ray.init``, the
    cluster at ``address``, or a local instance started (and stopped) here."""
    ray = _import_ray()
    started_here = False
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=True, configure_logging=False)
        started_here = True
    try:
        resources = ray.cluster_resources()
        gpus = int(resources.get("GPU", 0))
        cpus = int(resources.get("CPU", 1))
        with BatchStore(batch_dir, create=False) as store:
            ids = store.claimable_ids(options.lease_s)
        shards = shard(ids, workers or gpus or max(1, cpus))
        if not shards:
            return []
        logger.info(
            "ray: %d job(s) in %d shard(s); %d GPU(s), %d CPU(s) in the cluster", len(ids), len(shards), gpus, cpus
        )
        task = ray.remote(num_gpus=1 if gpus else 0, num_cpus=0 if gpus else 1, max_retries=0)(_ray_worker)
        env = forwarded_env()
        refs = [
            task.remote(str(batch_dir), options_to_dict(replace(options, job_ids=s, executor="ray")), env)
            for s in shards
        ]
        pending = list(refs)
        while pending:
            _, pending = ray.wait(pending, num_returns=1, timeout=0.5)
            if on_poll is not None:
                with BatchStore(batch_dir, create=False) as store:
                    on_poll(store.counts())
        return [report_from_dict(d) for d in ray.get(refs)]
    finally:
        if started_here:
            ray.shutdown()
