"""The batch store's readers never wait for its writers: opening an existing store takes no write lock, so
a status check (the server's quota and run-state reads) is not held up by a run that is writing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from avatar.batch.store import BatchStore, store_path


def test_an_existing_store_opens_and_reads_while_another_process_holds_its_write_lock(tmp_path: Path) -> None:
    with BatchStore(tmp_path) as store:  # a new store: this open creates the schema
        assert store.job("intro") is None
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
         "db.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(60)",
         str(store_path(tmp_path))],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        t0 = time.perf_counter()
        with BatchStore(tmp_path) as store:  # before: BEGIN IMMEDIATE here waited the 30 s busy timeout, then failed
            assert store.job("intro") is None
        assert time.perf_counter() - t0 < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_batch_written_under_the_stores_old_name_opens_with_its_records(tmp_path: Path) -> None:
    """Before the vocabulary pass the store was ``ledger.sqlite``: such a batch opens with its records (the
    file moved, WAL and all), not as a new, empty store beside the old one."""
    with BatchStore(tmp_path) as store:
        store.db.execute("INSERT INTO meta (key, value) VALUES ('pipeline', '\"talk\"')")
        before = store.meta()
    assert before["pipeline"] == "talk"
    store_path(tmp_path).rename(tmp_path / "ledger.sqlite")
    with BatchStore(tmp_path, create=False) as store:
        assert store.meta() == before
    assert (tmp_path / "batch.sqlite").is_file() and not (tmp_path / "ledger.sqlite").exists()
