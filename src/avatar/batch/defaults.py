"""Batch defaults in one place (candidates for ``avatar.constants`` once the batch feature settles)."""

from __future__ import annotations

DEFAULT_MAX_ATTEMPTS = 3  # failed attempts of one job before it stays failed (input errors: 1)
DEFAULT_BACKOFF_S = 2.0  # wait before retry n: backoff x 2**(n-1)
DEFAULT_LEASE_S = 60.0  # a remote worker whose heartbeat is older than this has lost its claims
DEFAULT_HEARTBEAT_S = 10.0
DEFAULT_BUSY_TIMEOUT_MS = 30_000  # how long a worker waits for another's SQLite write lock
STORE_NAME = "batch.sqlite"
LEGACY_STORE_NAME = "ledger.sqlite"  # its name before 2026-12; moved to STORE_NAME when a batch is opened
SUMMARY_NAME = "batch.json"
INPUT_TEXT = "input.txt"
# Names a job's deliverable may not take: they are the batch folder's own files.
RESERVED_OUTPUTS = frozenset(
    {name + tail for name in (STORE_NAME, LEGACY_STORE_NAME) for tail in ("", "-wal", "-shm")} | {SUMMARY_NAME}
)
