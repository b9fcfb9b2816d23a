"""Schedules: cron validation, due times, the store, and the real scheduler loop (lock, SIGTERM)."""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import datetime
from pathlib import Path

import pytest
from batch_helpers import batch_dir, start_cli, write_batch
from hypothesis import given, settings
from hypothesis import strategies as st
from processes import run_cli

from avatar.batch.schedule import ScheduleEntry, check_cron, due_fire, lock_path, next_fire, try_lock
from avatar.errors import ConfigError


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("61 * * * *", "--cron: '61 * * * *' is not a valid cron expression"),
        ("* * * *", "--cron: '* * * *' has 4 fields; cron uses 5"),
        ("0 0 * * * *", "has 6 fields"),
        ("every day", "has 2 fields"),
        ("@sometimes", "is not a valid cron expression"),
    ],
)
def test_invalid_cron_is_a_one_line_error(expr: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        check_cron(expr)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_due_fire_coalesces_missed_times() -> None:
    t0 = datetime(2026, 1, 5, 10, 0, 30).timestamp()
    entry = ScheduleEntry(name="x", cron="*/5 * * * *", batch="/b.yaml", created=t0)
    assert due_fire(entry, t0 + 60) is None  # 10:01:30, next is 10:05
    later = datetime(2026, 1, 5, 10, 17, 0).timestamp()
    assert due_fire(entry, later) == datetime(2026, 1, 5, 10, 15).timestamp()  # 3 missed -> the latest, once
    fired = entry.model_copy(update={"last_fire": due_fire(entry, later)})
    assert due_fire(fired, later + 30) is None


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 59), st.integers(0, 23), st.floats(1.6e9, 1.9e9))
def test_next_fire_matches_the_expression(minute: int, hour: int, after: float) -> None:
    t = next_fire(f"{minute} {hour} * * *", after)
    dt = datetime.fromtimestamp(t)
    assert t > after and (dt.minute, dt.hour, dt.second) == (minute, hour, 0)
    assert t - after <= 86400 + 3600  # within a day (and a DST hour)


def test_add_list_remove_and_errors(tmp_path: Path) -> None:
    f = write_batch(tmp_path, n=1)
    assert run_cli("schedule", "add", "nightly", "--cron", "0 3 * * *", "--batch", str(f)).returncode == 0
    res = run_cli("schedule", "add", "nightly", "--cron", "0 4 * * *", "--batch", str(f))
    assert res.returncode == 2 and "exists" in res.stderr
    res = run_cli("schedule", "add", "bad", "--cron", "0 25 * * *", "--batch", str(f))
    assert res.returncode == 2 and res.stderr.startswith("Error: --cron: '0 25 * * *' is not a valid cron expression")
    listed = json.loads(run_cli("schedule", "list", "--json").stdout)
    assert [e["name"] for e in listed] == ["nightly"] and listed[0]["batch"] == str(f.resolve())
    assert run_cli("schedule", "remove", "nightly").returncode == 0
    res = run_cli("schedule", "remove", "nightly")
    assert res.returncode == 2 and "unknown schedule 'nightly'" in res.stderr


def test_scheduler_runs_a_batch_and_skips_while_the_previous_run_holds_the_lock(tmp_path: Path) -> None:
    from avatar.batch.schedule import ScheduleStore

    f = write_batch(tmp_path, n=1)
    ScheduleStore().add("hourly", "0 * * * *", f)
    # a previous run still holds the lock: the scheduler must not start the batch
    fd = try_lock("hourly")
    assert fd is not None
    try:
        res = run_cli("schedule", "run", "--once", "--fire", "hourly")
        assert res.returncode == 0, res.stderr
        assert "1 skipped" in res.stdout and not (batch_dir(f) / "batch.sqlite").exists()
    finally:
        os.close(fd)
    res = run_cli("schedule", "run", "--once", "--fire", "hourly")
    assert res.returncode == 0, res.stderr
    assert "1 started" in res.stdout
    assert (batch_dir(f) / "job0.wav").is_file()
    (entry,) = ScheduleStore().list()
    assert entry.last_status == "ok" and entry.last_fire is not None
    assert lock_path("hourly").exists() and try_lock("hourly") is not None  # released with the batch


def test_scheduler_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    proc = start_cli("schedule", "run", "--poll", "0.2")
    time.sleep(2.5)
    assert proc.poll() is None
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Scheduler stopped" in out and time.monotonic() - t0 < 5
