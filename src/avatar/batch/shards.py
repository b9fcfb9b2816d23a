"""Splitting a batch's claimable jobs between workers, and carrying a worker's settings to another process."""

from __future__ import annotations

import os
from dataclasses import asdict
from typing import Any

from avatar.batch.local import WorkerOptions, WorkerReport

# Environment that decides where avatar finds its state, config, voices and outputs; a worker process
# (local or a Ray task on this host) must see the same folders as the command that started it.
FORWARDED_ENV_PREFIXES = ("AVATAR_", "NUMBA_CACHE_DIR", "HF_HOME", "HF_HUB_OFFLINE")


def shard(job_ids: list[str], workers: int) -> list[list[str]]:
    """Round-robin in file order, so every shard gets early and late jobs alike; no empty shards."""
    n = max(1, min(workers, len(job_ids)))
    return [s for s in (job_ids[i::n] for i in range(n)) if s]


def forwarded_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith(FORWARDED_ENV_PREFIXES)}


def options_to_dict(options: WorkerOptions) -> dict[str, Any]:
    return asdict(options)


def options_from_dict(data: dict[str, Any]) -> WorkerOptions:
    return WorkerOptions(**data)


def report_from_dict(data: dict[str, Any]) -> WorkerReport:
    return WorkerReport(**data)
