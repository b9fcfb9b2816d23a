"""The batch store: one SQLite file (WAL mode) at ``<output_dir>/<batch>/batch.sqlite``, the source of
truth for which job is pending, running (and by whom), done or failed.

Every change is one transaction. Claims take SQLite's write lock first (``BEGIN IMMEDIATE``), so two
workers can never claim the same job. A running job whose worker is dead (its pid is gone on this host,
or its heartbeat is older than the lease for a worker elsewhere) is claimable again; its interrupted
attempt is recorded and does not count against the job's retry budget.

Tables: ``meta`` (batch name, plan inputs), ``jobs`` (definition, state, claim, error, outputs with
checksums), ``job_stages`` (job x stage state, timings, fallbacks), ``attempts`` (one row per attempt:
worker, outcome, error) and ``workers`` (one row per worker process: model loads, counts).

On shared storage for several hosts, SQLite needs a file system with working POSIX locks (NFSv4 with
locking, not SMB); WAL mode also needs every host to see the same ``-shm`` file, so for a multi-host
cluster prefer a local disk on the host that runs the Ray head, with the workers on that host.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from avatar.batch.defaults import DEFAULT_BUSY_TIMEOUT_MS, DEFAULT_LEASE_S, LEGACY_STORE_NAME, STORE_NAME
from avatar.batch.spec import JobDef
from avatar.batch.workers import WorkerInfo, claim_alive
from avatar.errors import InputError

SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    spec TEXT NOT NULL,
    spec_hash TEXT NOT NULL,
    group_key TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER,
    not_before REAL NOT NULL DEFAULT 0,
    worker TEXT, host TEXT, pid INTEGER, pid_started REAL, heartbeat REAL,
    error TEXT,
    done_hash TEXT, outputs TEXT, deliverable TEXT, run_dir TEXT,
    created REAL NOT NULL, started REAL, finished REAL, wall_s REAL, updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS job_stages (
    job_id TEXT NOT NULL, stage_id TEXT NOT NULL, state TEXT NOT NULL, attempt INTEGER, worker TEXT,
    error TEXT, outputs TEXT, fallbacks TEXT, load_s REAL, run_s REAL, updated REAL NOT NULL,
    PRIMARY KEY (job_id, stage_id)
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, number INTEGER NOT NULL, worker TEXT NOT NULL,
    started REAL NOT NULL, finished REAL, outcome TEXT NOT NULL, error TEXT
);
CREATE TABLE IF NOT EXISTS workers (
    id TEXT PRIMARY KEY, host TEXT, pid INTEGER, executor TEXT, started REAL, heartbeat REAL, finished REAL,
    model_loads TEXT, done INTEGER DEFAULT 0, failed INTEGER DEFAULT 0, fallbacks INTEGER DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, position);
"""

PENDING, RUNNING, DONE, FAILED, REMOVED = "pending", "running", "done", "failed", "removed"


@dataclass
class Claim:
    """A job this worker now holds: its definition, which plan group it belongs to, and its attempt."""

    job: JobDef
    spec_hash: str
    group_key: str
    attempt: int
    max_attempts: int | None


def store_path(batch_dir: Path) -> Path:
    """The batch's store; a batch written before the store had its name has its file (and its WAL) moved."""
    path = Path(batch_dir) / STORE_NAME
    legacy = Path(batch_dir) / LEGACY_STORE_NAME
    if not path.exists() and legacy.is_file():
        for tail in ("-wal", "-shm", ""):  # the main file last: once it is there, the move is done
            with contextlib.suppress(FileNotFoundError):  # another worker moved it first
                os.replace(f"{legacy}{tail}", f"{path}{tail}")
    return path


class BatchStore:
    def __init__(self, batch_dir: Path, create: bool = True) -> None:
        self.batch_dir = Path(batch_dir)
        self.path = store_path(self.batch_dir)
        if not create and not self.path.is_file():
            raise InputError(f"no store at {self.path}: this batch has not run yet (use `avatar batch run`)")
        self.batch_dir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute(f"PRAGMA busy_timeout={DEFAULT_BUSY_TIMEOUT_MS}")
        self.db.execute("PRAGMA journal_mode=WAL")
        # NORMAL: in WAL mode a commit survives a killed process; a power cut may lose the last commits,
        # and then a job recorded done looks interrupted: its manifest checksums let the next run skip
        # every stage of it. FULL would fsync every transaction (about 4x the bookkeeping time).
        self.db.execute("PRAGMA synchronous=NORMAL")
        if not self._has_schema():  # only a new store takes the write lock to open: readers never wait
            with self.transaction():
                for stmt in SCHEMA.split(";"):
                    if stmt.strip():
                        self.db.execute(stmt)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    def _has_schema(self) -> bool:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError:  # no meta table yet
            return False
        return row is not None and row[0] == SCHEMA_VERSION

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> BatchStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding SQLite's write lock from its start (``BEGIN IMMEDIATE``)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- batch definition -------------------------------------------------------------------------
    def meta(self) -> dict[str, Any]:
        rows = self.db.execute("SELECT key, value FROM meta").fetchall()
        return {r["key"]: json.loads(r["value"]) if r["key"] != "schema" else r["value"] for r in rows}

    def sync(
        self,
        meta: dict[str, Any],
        jobs: list[tuple[JobDef, str, str]],
        on_requeue: Callable[[str], None],
        lease_s: float = DEFAULT_LEASE_S,
    ) -> dict[str, list[str]]:
        """Bring the store in line with the batch file: new jobs are pending, changed jobs (new
        ``spec_hash``) are pending again (``on_requeue`` clears their run folder, inside the lock), jobs
        no longer in the file are marked removed. Unchanged jobs keep their state: done stays done."""
        now = time.time()
        report: dict[str, list[str]] = {"added": [], "changed": [], "removed": []}
        with self.transaction() as db:
            for key, value in meta.items():
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))
            existing = {r["id"]: r for r in db.execute("SELECT * FROM jobs")}
            for position, (job, spec_hash, group) in enumerate(jobs):
                spec = json.dumps(job.as_record())
                row = existing.pop(job.id, None)
                if row is None:
                    db.execute(
                        "INSERT INTO jobs (id, position, spec, spec_hash, group_key, state, created, updated) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (job.id, position, spec, spec_hash, group, PENDING, now, now),
                    )
                    report["added"].append(job.id)
                    continue
                if row["spec_hash"] == spec_hash and row["state"] != REMOVED:
                    db.execute("UPDATE jobs SET position=?, spec=? WHERE id=?", (position, spec, job.id))
                    continue
                held = row["state"] == RUNNING and self._alive(row, now, lease_s)
                if held:  # its worker finishes the old definition; the next run sees the change
                    db.execute(
                        "UPDATE jobs SET position=?, spec=?, spec_hash=?, group_key=?, updated=? WHERE id=?",
                        (position, spec, spec_hash, group, now, job.id),
                    )
                else:
                    on_requeue(job.id)
                    db.execute(
                        "UPDATE jobs SET position=?, spec=?, spec_hash=?, group_key=?, state=?, failures=0, "
                        "not_before=0, error=NULL, worker=NULL, done_hash=NULL, outputs=NULL, deliverable=NULL, "
                        "updated=? WHERE id=?",
                        (position, spec, spec_hash, group, PENDING, now, job.id),
                    )
                    db.execute("DELETE FROM job_stages WHERE job_id=?", (job.id,))
                report["changed"].append(job.id)
            for job_id, row in existing.items():
                if row["state"] not in (REMOVED, RUNNING):
                    db.execute("UPDATE jobs SET state=?, updated=? WHERE id=?", (REMOVED, now, job_id))
                    report["removed"].append(job_id)
        return report

    def add_job(self, meta: dict[str, Any], job: JobDef, spec_hash: str, group: str) -> None:
        """Append one pending job (a run submitted to a server): unlike :meth:`sync`, the others stay."""
        now = time.time()
        with self.transaction() as db:
            for key, value in meta.items():
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))
            position = db.execute("SELECT COALESCE(MAX(position), -1) + 1 AS p FROM jobs").fetchone()["p"]
            db.execute(
                "INSERT INTO jobs (id, position, spec, spec_hash, group_key, state, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (job.id, position, json.dumps(job.as_record()), spec_hash, group, PENDING, now, now),
            )

    def withdraw(self, job_id: str) -> str | None:
        """Take a job out of the batch unless a live worker runs it; returns the state it had (None when
        there is no such job). A pending job is never claimed afterwards."""
        now = time.time()
        with self.transaction() as db:
            row = db.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
            if row is None:
                return None
            if row["state"] == RUNNING and self._alive(row, now, DEFAULT_LEASE_S):
                return RUNNING
            db.execute("UPDATE jobs SET state=?, updated=? WHERE id=?", (REMOVED, now, job_id))
            return str(row["state"])

    def job(self, job_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        return dict(row) if row is not None else None

    # --- claims -----------------------------------------------------------------------------------
    @staticmethod
    def _alive(row: sqlite3.Row, now: float, lease_s: float) -> bool:
        return claim_alive(row["host"], row["pid"], row["pid_started"], row["heartbeat"], now, lease_s)

    def claim(
        self,
        worker: WorkerInfo,
        limit: int | None = None,
        job_ids: list[str] | None = None,
        lease_s: float = DEFAULT_LEASE_S,
    ) -> list[Claim]:
        """Atomically take up to ``limit`` claimable jobs (pending and due, or held by a dead worker)."""
        now = time.time()
        claims: list[Claim] = []
        with self.transaction() as db:
            rows = db.execute(
                "SELECT * FROM jobs WHERE (state=? AND not_before<=?) OR state=? ORDER BY position",
                (PENDING, now, RUNNING),
            ).fetchall()
            wanted = set(job_ids) if job_ids is not None else None
            for row in rows:
                if limit is not None and len(claims) >= limit:
                    break
                if wanted is not None and row["id"] not in wanted:
                    continue
                if row["state"] == RUNNING:
                    if self._alive(row, now, lease_s):
                        continue
                    db.execute(
                        "UPDATE attempts SET outcome='interrupted', finished=?, error=? "
                        "WHERE job_id=? AND outcome='running'",
                        (now, f"worker {row['worker']} stopped", row["id"]),
                    )
                number = row["attempts"] + 1
                db.execute(
                    "UPDATE jobs SET state=?, attempts=?, worker=?, host=?, pid=?, pid_started=?, heartbeat=?, "
                    "started=COALESCE(started, ?), updated=? WHERE id=?",
                    (RUNNING, number, worker.id, worker.host, worker.pid, worker.pid_started, now, now, now, row["id"]),
                )
                db.execute(
                    "INSERT INTO attempts (job_id, number, worker, started, outcome) VALUES (?, ?, ?, ?, 'running')",
                    (row["id"], number, worker.id, now),
                )
                claims.append(
                    Claim(
                        JobDef.from_record(json.loads(row["spec"])),
                        row["spec_hash"],
                        row["group_key"],
                        number,
                        row["max_attempts"],
                    )
                )
        return claims

    def next_due_in(self, job_ids: list[str] | None = None) -> float | None:
        """Seconds until the earliest pending job becomes claimable; None when nothing waits."""
        rows = self.db.execute("SELECT id, not_before FROM jobs WHERE state=?", (PENDING,)).fetchall()
        waits = [r["not_before"] for r in rows if job_ids is None or r["id"] in job_ids]
        return max(0.0, min(waits) - time.time()) if waits else None

    def claimable_ids(self, lease_s: float = DEFAULT_LEASE_S) -> list[str]:
        """Jobs a worker could take now or after their retry wait, in file order (for sharding)."""
        now = time.time()
        rows = self.db.execute(
            "SELECT * FROM jobs WHERE state IN (?, ?) ORDER BY position", (PENDING, RUNNING)
        ).fetchall()
        return [r["id"] for r in rows if r["state"] == PENDING or not self._alive(r, now, lease_s)]

    def held_by_others(self, worker: WorkerInfo, lease_s: float = DEFAULT_LEASE_S) -> list[str]:
        now = time.time()
        rows = self.db.execute("SELECT * FROM jobs WHERE state=? AND worker<>?", (RUNNING, worker.id)).fetchall()
        return [r["id"] for r in rows if self._alive(r, now, lease_s)]

    def heartbeat(self, worker: WorkerInfo) -> None:
        now = time.time()
        with self.transaction() as db:
            db.execute("UPDATE jobs SET heartbeat=? WHERE worker=? AND state=?", (now, worker.id, RUNNING))
            db.execute("UPDATE workers SET heartbeat=? WHERE id=?", (now, worker.id))

    # --- outcomes ---------------------------------------------------------------------------------
    def _close_attempt(
        self, db: sqlite3.Connection, job_id: str, worker: WorkerInfo, outcome: str, error: str | None
    ) -> None:
        db.execute(
            "UPDATE attempts SET outcome=?, finished=?, error=? WHERE job_id=? AND worker=? AND outcome='running'",
            (outcome, time.time(), error, job_id, worker.id),
        )

    def _holds(self, db: sqlite3.Connection, job_id: str, worker: WorkerInfo) -> bool:
        row = db.execute("SELECT state, worker FROM jobs WHERE id=?", (job_id,)).fetchone()
        return row is not None and row["state"] == RUNNING and row["worker"] == worker.id

    def finish_done(
        self,
        job_id: str,
        worker: WorkerInfo,
        spec_hash: str,
        run_dir: Path,
        outputs: dict[str, Any],
        deliverable: dict[str, Any] | None,
        wall_s: float,
    ) -> bool:
        """Record a finished job; False (and nothing written) if the claim was lost meanwhile."""
        now = time.time()
        with self.transaction() as db:
            if not self._holds(db, job_id, worker):
                return False
            db.execute(
                "UPDATE jobs SET state=?, worker=NULL, error=NULL, done_hash=?, outputs=?, deliverable=?, run_dir=?, "
                "finished=?, wall_s=?, updated=? WHERE id=?",
                (DONE, spec_hash, json.dumps(outputs), json.dumps(deliverable), str(run_dir), now, wall_s, now, job_id),
            )
            self._close_attempt(db, job_id, worker, DONE, None)
        return True

    def finish_failed(
        self, job_id: str, worker: WorkerInfo, error: str, retryable: bool, max_attempts: int, backoff_s: float
    ) -> tuple[str, float]:
        """Record a failed attempt. A retryable failure with attempts left goes back to pending after
        ``backoff_s * 2**(failures-1)`` seconds. Returns (new state, delay)."""
        now = time.time()
        with self.transaction() as db:
            if not self._holds(db, job_id, worker):
                return RUNNING, 0.0
            row = db.execute("SELECT failures, max_attempts FROM jobs WHERE id=?", (job_id,)).fetchone()
            failures = row["failures"] + 1
            budget = row["max_attempts"] or max_attempts
            retry = retryable and failures < budget
            delay = backoff_s * 2 ** (failures - 1) if retry else 0.0
            db.execute(
                "UPDATE jobs SET state=?, failures=?, not_before=?, worker=NULL, error=?, finished=?, updated=? "
                "WHERE id=?",
                (PENDING if retry else FAILED, failures, now + delay, error, None if retry else now, now, job_id),
            )
            self._close_attempt(db, job_id, worker, "retry" if retry else FAILED, error)
        return (PENDING if retry else FAILED), delay

    def release(self, worker: WorkerInfo) -> list[str]:
        """Give back every job this worker still holds (it was interrupted); they are pending again."""
        now = time.time()
        with self.transaction() as db:
            ids = [r["id"] for r in db.execute("SELECT id FROM jobs WHERE worker=? AND state=?", (worker.id, RUNNING))]
            for job_id in ids:
                db.execute("UPDATE jobs SET state=?, worker=NULL, updated=? WHERE id=?", (PENDING, now, job_id))
                self._close_attempt(db, job_id, worker, "interrupted", "worker stopped")
        return ids

    def requeue(self, job_ids: list[str] | None = None, on_redo: Callable[[str], None] | None = None) -> list[str]:
        """Make every failed job (or the named jobs, done ones included) pending with a fresh retry
        budget. A failed job resumes from its failed stage; a done job named here is done again from the
        start (``on_redo`` clears its run folder)."""
        now = time.time()
        with self.transaction() as db:
            rows = {r["id"]: r for r in db.execute("SELECT id, state FROM jobs WHERE state<>?", (REMOVED,))}
            if job_ids is None:
                chosen = [j for j, r in rows.items() if r["state"] == FAILED]
            else:
                missing = [j for j in job_ids if j not in rows]
                if missing:
                    raise InputError(f"no job '{missing[0]}' in this batch; see `avatar batch status`")
                chosen = [j for j in job_ids if rows[j]["state"] != RUNNING]
            for job_id in chosen:
                if rows[job_id]["state"] == DONE and on_redo is not None:
                    on_redo(job_id)
                db.execute(
                    "UPDATE jobs SET state=?, failures=0, not_before=0, error=NULL, done_hash=NULL, updated=? "
                    "WHERE id=?",
                    (PENDING, now, job_id),
                )
        return chosen

    def set_max_attempts(self, max_attempts: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE jobs SET max_attempts=?", (max_attempts,))

    # --- per-stage records and workers --------------------------------------------------------------
    def stage_update(self, job_id: str, stage_id: str, attempt: int, worker: WorkerInfo, entry: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO job_stages (job_id, stage_id, state, attempt, worker, error, outputs, "
                "fallbacks, load_s, run_s, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    job_id,
                    stage_id,
                    entry.get("status", "?"),
                    attempt,
                    worker.id,
                    entry.get("error"),
                    json.dumps(entry.get("outputs")) if entry.get("outputs") else None,
                    json.dumps(entry.get("fallbacks")) if entry.get("fallbacks") else None,
                    entry.get("load_s"),
                    entry.get("run_s"),
                    time.time(),
                ),
            )

    def worker_started(self, worker: WorkerInfo, executor: str) -> None:
        now = time.time()
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO workers (id, host, pid, executor, started, heartbeat) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (worker.id, worker.host, worker.pid, executor, now, now),
            )

    def worker_finished(
        self, worker: WorkerInfo, model_loads: dict[str, int], done: int, failed: int, fallbacks: int
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE workers SET finished=?, model_loads=?, done=?, failed=?, fallbacks=? WHERE id=?",
                (time.time(), json.dumps(model_loads), done, failed, fallbacks, worker.id),
            )

    # --- reading ----------------------------------------------------------------------------------
    def jobs(self, include_removed: bool = False) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM jobs ORDER BY position").fetchall()
        out = []
        for r in rows:
            if r["state"] == REMOVED and not include_removed:
                continue
            rec = dict(r)
            for key in ("spec", "outputs", "deliverable"):
                rec[key] = json.loads(rec[key]) if rec[key] else None
            out.append(rec)
        return out

    def stages(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for r in self.db.execute("SELECT * FROM job_stages ORDER BY rowid"):
            out.setdefault(r["job_id"], []).append(dict(r))
        return out

    def attempts(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM attempts ORDER BY id")]

    def workers(self) -> list[dict[str, Any]]:
        rows = [dict(r) for r in self.db.execute("SELECT * FROM workers ORDER BY started")]
        for r in rows:
            r["model_loads"] = json.loads(r["model_loads"]) if r["model_loads"] else {}
        return rows

    def counts(self) -> dict[str, int]:
        out = {PENDING: 0, RUNNING: 0, DONE: 0, FAILED: 0}
        for r in self.db.execute("SELECT state, COUNT(*) AS n FROM jobs WHERE state<>? GROUP BY state", (REMOVED,)):
            out[r["state"]] = r["n"]
        return out
