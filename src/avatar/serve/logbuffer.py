"""The server's log records: the last N kept for ``GET /v1/logs``, and each new one sent to the
subscribers of ``GET /v1/logs/stream`` (one asyncio queue each, fed thread-safely from any thread)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import deque
from typing import Any


class LogBuffer(logging.Handler):
    def __init__(self, capacity: int = 1000) -> None:
        super().__init__(level=logging.INFO)
        self.records: deque[dict[str, Any]] = deque(maxlen=capacity)
        self._subscribers: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[dict[str, Any]]]] = []
        self._lock = threading.Lock()
        self._seq = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        with self._lock:
            self._seq += 1
            item: dict[str, Any] = {
                "seq": self._seq,
                "time": round(record.created, 3),
                "iso": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + "Z",
                "level": record.levelname,
                "logger": record.name,
                "message": message,
            }
            self.records.append(item)
            subscribers = list(self._subscribers)
        for loop, q in subscribers:
            with contextlib.suppress(RuntimeError):  # loop closed
                loop.call_soon_threadsafe(_put, q, item)

    def recent(self, limit: int, level: int = logging.INFO) -> list[dict[str, Any]]:
        with self._lock:
            items = [r for r in self.records if logging.getLevelName(r["level"]) >= level]
        return items[-limit:] if limit > 0 else []

    def subscribe(self) -> asyncio.Queue[dict[str, Any]]:
        q: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)
        with self._lock:
            self._subscribers.append((asyncio.get_running_loop(), q))
        return q

    def unsubscribe(self, q: asyncio.Queue[dict[str, Any]]) -> None:
        with self._lock:
            self._subscribers = [(lp, s) for lp, s in self._subscribers if s is not q]


def _put(q: asyncio.Queue[dict[str, Any]], item: dict[str, Any]) -> None:
    with contextlib.suppress(asyncio.QueueFull):  # a slow reader loses records, never blocks the server
        q.put_nowait(item)
