"""Scheduled batches: ``<state dir>/schedules.json`` (name, cron expression, batch file) and the loop of
`avatar schedule run` that starts each batch when its expression comes due.

Each batch runs as its own `avatar batch run` process, holding ``<state dir>/schedules/<name>.lock``
(an ``flock`` its process inherits), so a batch is never started while its previous run still goes,
even across a restart of the scheduler. Missed times (the scheduler was down) fire once when it comes
back, like systemd's ``Persistent=true``. Output of each run goes to ``<state dir>/schedules/<name>.log``.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any

from filelock import FileLock
from pydantic import BaseModel, ConfigDict, Field

from avatar import atomic
from avatar.config.yamlio import validate
from avatar.errors import ConfigError, InputError, MissingDependencyError, UnknownNameError, UsageError
from avatar.paths import state_dir
from avatar.voices.names import validate_name

logger = logging.getLogger(__name__)

DEFAULT_POLL_S = 20.0  # cron has minute resolution; a few checks a minute start a batch within seconds
DEFAULT_STOP_GRACE_S = 30.0  # on SIGTERM, how long running batches get to give their jobs back


class ScheduleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    cron: str
    batch: str  # absolute path of the batch file
    created: float
    last_fire: float | None = None  # the cron time last started (or skipped)
    last_status: str | None = None
    last_started: float | None = None
    last_finished: float | None = None


class ScheduleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schedules: list[ScheduleEntry] = Field(default_factory=list)


def schedules_path() -> Path:
    return state_dir() / "schedules.json"


def _runs_dir() -> Path:
    return state_dir() / "schedules"


def lock_path(name: str) -> Path:
    return _runs_dir() / f"{name}.lock"


def log_path(name: str) -> Path:
    return _runs_dir() / f"{name}.log"


# --- cron -------------------------------------------------------------------------------------------
def _croniter() -> Any:
    try:
        from croniter import croniter
    except ImportError:
        raise MissingDependencyError("croniter", purpose="schedules") from None
    return croniter


def check_cron(expr: str) -> str:
    """A standard 5-field cron expression (or @hourly, @daily, @weekly, @monthly, @yearly), else UsageError."""
    expr = " ".join(expr.split())
    croniter = _croniter()
    fields = expr.split(" ")
    if not (expr.startswith("@") or len(fields) == 5):
        raise ConfigError("--cron", f"'{expr}' has {len(fields)} fields; cron uses 5: minute hour day month weekday")
    try:
        croniter(expr, 0.0).get_next(float)
    except Exception as exc:  # croniter raises several unrelated types for bad input
        raise ConfigError("--cron", f"'{expr}' is not a valid cron expression ({exc})") from None
    return expr


def next_fire(expr: str, after: float) -> float:
    """The first time strictly after ``after`` (epoch seconds, local time zone) that ``expr`` matches."""
    base = datetime.fromtimestamp(after).astimezone()
    return float(_croniter()(expr, base).get_next(float))


def due_fire(entry: ScheduleEntry, now: float) -> float | None:
    """The latest fire time in (last fire or creation, now], or None when nothing is due."""
    after = entry.last_fire if entry.last_fire is not None else entry.created
    if next_fire(entry.cron, after) > now:
        return None
    base = datetime.fromtimestamp(now + 1e-3).astimezone()
    return float(_croniter()(entry.cron, base).get_prev(float))


# --- the store --------------------------------------------------------------------------------------
class ScheduleStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or schedules_path()
        self.lock = FileLock(str(self.path) + ".lock")

    def _read(self) -> ScheduleFile:
        if not self.path.is_file():
            return ScheduleFile()
        import json

        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{self.path}: unreadable ({exc}); fix or remove it") from None
        return validate(ScheduleFile, data, str(self.path))

    def _write(self, data: ScheduleFile) -> None:
        atomic.write_json(self.path, data.model_dump(mode="json"))

    def list(self) -> list[ScheduleEntry]:
        with self.lock:
            return self._read().schedules

    def add(self, name: str, cron: str, batch: Path) -> ScheduleEntry:
        from avatar.batch.spec import load_batch

        name = validate_name(name, "schedule")
        cron = check_cron(cron)
        load_batch(batch)  # a broken batch file is an error now, not at 3 a.m.
        entry = ScheduleEntry(name=name, cron=cron, batch=str(Path(batch).resolve()), created=time.time())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock:
            data = self._read()
            if any(s.name == name for s in data.schedules):
                raise UsageError(f"a schedule named '{name}' exists; remove it first (avatar schedule remove {name})")
            data.schedules.append(entry)
            self._write(data)
        return entry

    def remove(self, name: str) -> None:
        with self.lock:
            data = self._read()
            kept = [s for s in data.schedules if s.name != name]
            if len(kept) == len(data.schedules):
                raise UnknownNameError("schedule", name, [s.name for s in data.schedules], "see `avatar schedule list`")
            data.schedules = kept
            self._write(data)

    def update(self, name: str, **changes: Any) -> None:
        with self.lock:
            data = self._read()
            for i, s in enumerate(data.schedules):
                if s.name == name:
                    data.schedules[i] = s.model_copy(update=changes)
            self._write(data)


# --- the loop ---------------------------------------------------------------------------------------
def try_lock(name: str) -> int | None:
    """An fd holding the schedule's run lock, or None if a previous run still holds it."""
    path = lock_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


@dataclass
class Started:
    name: str
    proc: subprocess.Popen[bytes]


@dataclass
class Scheduler:
    store: ScheduleStore = field(default_factory=ScheduleStore)
    poll_s: float = DEFAULT_POLL_S
    stop_grace_s: float = DEFAULT_STOP_GRACE_S
    batch_args: list[str] = field(default_factory=list)
    running: list[Started] = field(default_factory=list)
    failures: int = 0
    started: int = 0
    skipped: int = 0
    stop: threading.Event = field(default_factory=threading.Event)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        logger.warning("signal %d: stopping the scheduler", signum)
        self.stop.set()

    def tick(self, fire: list[str] | None = None) -> None:
        """Start every schedule that is due (and those named in ``fire``, due or not)."""
        self.reap()
        now = time.time()
        for entry in self.store.list():
            when = due_fire(entry, now)
            if fire and entry.name in fire:
                when = when or now
            if when is not None:
                self.start(entry, when)

    def start(self, entry: ScheduleEntry, fire_time: float) -> bool:
        fd = try_lock(entry.name)
        if fd is None:
            logger.warning("schedule %s: the previous run is still going; skipped this time", entry.name)
            self.skipped += 1
            self.store.update(entry.name, last_fire=fire_time, last_status="skipped (previous run still going)")
            return False
        try:
            with open(log_path(entry.name), "ab") as log:
                log.write(f"--- {time.strftime('%Y-%m-%dT%H:%M:%S%z')} schedule {entry.name}\n".encode())
                log.flush()
                cmd = [sys.executable, "-m", "avatar", "batch", "run", entry.batch, *self.batch_args]
                # The child inherits the locked fd: the lock lives exactly as long as the batch process.
                proc = subprocess.Popen(
                    cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, pass_fds=(fd,)
                )
        finally:
            os.close(fd)
        logger.info("schedule %s: started batch %s (pid %d)", entry.name, entry.batch, proc.pid)
        self.started += 1
        self.running.append(Started(entry.name, proc))
        self.store.update(entry.name, last_fire=fire_time, last_started=time.time(), last_status="running")
        return True

    def reap(self) -> None:
        for s in list(self.running):
            code = s.proc.poll()
            if code is None:
                continue
            self.running.remove(s)
            status = "ok" if code == 0 else f"failed (exit {code}, see {log_path(s.name)})"
            if code != 0:
                self.failures += 1
                logger.error("schedule %s: batch %s", s.name, status)
            self.store.update(s.name, last_status=status, last_finished=time.time())

    def wait_running(self, timeout: float | None = None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        for s in list(self.running):
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            with contextlib.suppress(subprocess.TimeoutExpired):
                s.proc.wait(left)
        self.reap()

    def run(self, once: bool = False, max_iterations: int | None = None, fire: list[str] | None = None) -> int:
        """The loop; returns the number of batches that failed. SIGTERM/SIGINT stop it: running batches
        get SIGTERM (they give their jobs back) and ``stop_grace_s`` to exit."""
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            iterations = 0
            while not self.stop.is_set():
                self.tick(fire if iterations == 0 else None)
                iterations += 1
                if once or (max_iterations is not None and iterations >= max_iterations):
                    break
                self.stop.wait(self.poll_s)
            if self.stop.is_set():
                for s in self.running:
                    with contextlib.suppress(ProcessLookupError):
                        s.proc.send_signal(signal.SIGTERM)
                self.wait_running(self.stop_grace_s)
                for s in self.running:
                    logger.error("schedule %s: batch did not stop in %.0f s; killing it", s.name, self.stop_grace_s)
                    s.proc.kill()
                self.wait_running(5)
            else:
                self.wait_running()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return self.failures
