"""Who a worker is and whether it is still alive: pid + process start time on this host, a heartbeat
(lease) for workers on other hosts."""

from __future__ import annotations

import os
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

import psutil


@dataclass(frozen=True)
class WorkerInfo:
    id: str
    host: str
    pid: int
    pid_started: float  # process creation time: a recycled pid is a different process

    @classmethod
    def current(cls) -> WorkerInfo:
        host = socket.gethostname()
        pid = os.getpid()
        return cls(f"{host}:{pid}:{secrets.token_hex(3)}", host, pid, psutil.Process(pid).create_time())


def pid_alive(pid: int, started: float | None) -> bool:
    """Whether the process ``pid`` that started at ``started`` still runs on this host."""
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        return started is None or abs(proc.create_time() - started) < 1.0
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def claim_alive(
    host: str | None, pid: int | None, pid_started: float | None, heartbeat: float | None, now: float, lease_s: float
) -> bool:
    """A claim on this host lives as long as its process; elsewhere, as long as its heartbeat is fresh."""
    if host == socket.gethostname() and pid is not None:
        return pid_alive(pid, pid_started)
    return heartbeat is not None and now - heartbeat < lease_s


class Heartbeat:
    """Calls ``beat`` every ``interval`` seconds on a daemon thread until stopped."""

    def __init__(self, beat: Callable[[], None], interval: float) -> None:
        self._beat = beat
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="avatar-batch-heartbeat", daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._beat()
            except Exception:  # a missed beat is not fatal; the lease covers several intervals
                continue

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
