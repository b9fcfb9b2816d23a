"""Text preparation off the event loop: a small pool of threads shared fairly between users.

SSML parsing, the lexicon and normalisation are CPU work whose cost a caller chooses with a few KB of text.
On the event loop they stall every user (``/health`` and playing streams included); in the shared thread
pool they crowd out every other handler. Here they run in ``serve.limits.text_workers`` threads of their own:

- each job runs under a CPU budget (``serve.limits.text_cpu_s``, :mod:`avatar.text.budget`), past which it
  stops with a 400 that names the setting;
- jobs wait in one queue per user and the threads take them round-robin across users, so one user's many
  requests delay that user, not the others;
- a user may have at most ``serve.limits.queued`` jobs waiting; more are a 429 at once.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from avatar.text import budget

logger = logging.getLogger(__name__)
T = TypeVar("T")
SETTING = "serve.limits.text_cpu_s"


@dataclass
class _Job:
    fn: Callable[[], Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop
    cancelled: threading.Event = field(default_factory=threading.Event)


class TextWork:
    def __init__(self, workers: int, cpu_s: float, per_user: int, retry_after_s: int) -> None:
        self.workers = workers
        self.cpu_s = cpu_s
        self.per_user = per_user
        self.retry_after_s = retry_after_s
        self._queues: OrderedDict[str, deque[_Job]] = OrderedDict()
        self._cv = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._stopping = False

    async def run(self, user: str, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in the pool under the CPU budget, in ``user``'s turn; its result or its exception."""
        from avatar.serve.quotas import QuotaExceeded

        loop = asyncio.get_running_loop()
        job = _Job(lambda: fn(*args), loop.create_future(), loop)
        with self._cv:
            queue = self._queues.setdefault(user, deque())
            if len(queue) >= self.per_user:
                raise QuotaExceeded(
                    "queued", f"user '{user}' has {len(queue)} texts waiting to be prepared; wait for them",
                    self.retry_after_s,
                )  # fmt: skip
            queue.append(job)
            self._start_threads()
            self._cv.notify()
        try:
            result: T = await job.future
            return result
        except asyncio.CancelledError:
            job.cancelled.set()  # the client went away: a job not yet started never runs
            raise

    def stop(self) -> None:
        with self._cv:
            self._stopping = True
            self._cv.notify_all()

    def _start_threads(self) -> None:
        while len(self._threads) < self.workers:
            t = threading.Thread(target=self._work, name=f"avatar-text-{len(self._threads)}", daemon=True)
            self._threads.append(t)
            t.start()

    def _next(self) -> _Job | None:
        """The next job, round-robin across users (the user served goes to the back); None to stop."""
        with self._cv:
            while True:
                if self._stopping:
                    return None
                for user in list(self._queues):
                    queue = self._queues[user]
                    if not queue:
                        del self._queues[user]
                        continue
                    job = queue.popleft()
                    if queue:
                        self._queues.move_to_end(user)
                    else:
                        del self._queues[user]
                    return job
                self._cv.wait()

    def _work(self) -> None:
        while (job := self._next()) is not None:
            if job.cancelled.is_set():
                continue
            try:
                with budget.limit(self.cpu_s, SETTING):
                    result = job.fn()
            except BaseException as exc:  # handed to the awaiting request, which answers with it
                _settle(job, exc=exc)
            else:
                _settle(job, result=result)


def _settle(job: _Job, result: Any = None, exc: BaseException | None = None) -> None:
    def apply() -> None:
        if job.future.done():
            return
        if exc is not None:
            job.future.set_exception(exc)
        else:
            job.future.set_result(result)

    try:
        job.loop.call_soon_threadsafe(apply)
    except RuntimeError:  # the loop is closed: nobody is waiting
        pass
