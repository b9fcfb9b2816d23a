"""The batch ledger's readers never wait for its writers: opening an existing ledger takes no write lock, so
a status check (the server's quota and run-state reads) is not held up by a run that is writing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from avatar.batch.ledger import Ledger, ledger_path


def test_an_existing_ledger_opens_and_reads_while_another_process_holds_its_write_lock(tmp_path: Path) -> None:
    with Ledger(tmp_path) as ledger:  # a new ledger: this open creates the schema
        assert ledger.job("intro") is None
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
         "db.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(60)",
         str(ledger_path(tmp_path))],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        t0 = time.perf_counter()
        with Ledger(tmp_path) as ledger:  # before: BEGIN IMMEDIATE here waited the 30 s busy timeout, then failed
            assert ledger.job("intro") is None
        assert time.perf_counter() - t0 < 10
    finally:
        holder.kill()
        holder.wait()
