"""Per-user quotas of ``serve.limits``: runs at once, runs kept, voices, portraits, disk, open streams.

Each refusal is a :class:`QuotaExceeded` (429) that names its limit, so a caller knows what to change and an
operator what to raise. Counting reads the caller's own files; it never looks at another user's beyond
what is needed to find the caller's runs.
"""

from __future__ import annotations

import threading

from avatar.atomic import folder_bytes
from avatar.errors import UsageError
from avatar.serve.errors import HTTPFacingError

__all__ = ["QuotaExceeded", "StreamCounter", "StreamToken", "folder_bytes"]


class QuotaExceeded(HTTPFacingError, UsageError):
    status = 429
    type = "rate_limit_error"

    def __init__(self, limit: str, message: str, retry_after_s: int | None = None, setting: str | None = None) -> None:
        super().__init__(f"{message} ({setting or 'serve.limits.' + limit})", code=f"quota_{limit}")
        self.limit = limit
        self.retry_after_s = retry_after_s


class StreamToken:
    """One open stream; ``close()`` gives its place back, once, however often it is called."""

    def __init__(self, counter: StreamCounter, user: str) -> None:
        self._counter = counter
        self.user = user
        self._closed = False

    def close(self) -> None:
        with self._counter.lock:
            if not self._closed:
                self._closed = True
                self._counter.open_streams[self.user] -= 1


class StreamCounter:
    """Open event and log streams per user; the limit is checked when a stream opens. A stream's generator
    closes its token when it ends, and the response's background task does too (a client that hangs up
    before the first event never runs the generator's ``finally``)."""

    def __init__(self) -> None:
        self.open_streams: dict[str, int] = {}
        self.lock = threading.Lock()

    def open(self, user: str, limit: int, retry_after_s: int) -> StreamToken:
        with self.lock:
            if self.open_streams.get(user, 0) >= limit:
                raise QuotaExceeded(
                    "streams", f"user '{user}' has {limit} event streams open already; close one", retry_after_s
                )
            self.open_streams[user] = self.open_streams.get(user, 0) + 1
        return StreamToken(self, user)

    def count(self, user: str) -> int:
        with self.lock:
            return self.open_streams.get(user, 0)
