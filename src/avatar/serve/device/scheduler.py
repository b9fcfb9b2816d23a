"""The device queue: tasks by class, each caller's share, and interactive work during a pipeline run.

Each task has a class, ``interactive`` (speech, voice checks, model control), ``studio`` (pipeline runs over
HTTP) or ``batch``; the queue hands out the best class first, in arrival order within a class. One caller
holds at most ``serve.limits.queued`` places (queued, running, or parked for a slow reader) and is refused
beyond that, before anything is queued, so one caller's long requests never fill the queue (``serve.queue``)
for everyone.

A pipeline run holds the device thread for its whole length, so at each of its job and chunk boundaries it
calls :meth:`Scheduler.yield_point`. While a run holds the thread (:meth:`Scheduler.beside`), an
*interactive lane* (a second thread) runs the interactive tasks that fit beside the run's, at once. Each model
instance is only ever called by the one thread that holds :attr:`Scheduler.device_lock`, so no model instance
is used by two threads. An interactive task that does not fit waits for the run's next boundary, where
:meth:`yield_point` lets the lane finish first, then runs it; where the task only fits if a stage of the run
is suspended, the stage is suspended, the task runs, and the stage resumes.

What fits, what may be suspended and how a task is run are the caller's (``fits_beside``, ``room_for``,
``handle``); the scheduler knows classes, order, shares and threads, never models.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from avatar.atomic import charged_to
from avatar.errors import DeviceBusy
from avatar.serve.device.tasks import CLASSES, SpeechTask, Task

if TYPE_CHECKING:
    from avatar.config.schema import ServeSettings
    from avatar.serve.metrics import Metrics

logger = logging.getLogger(__name__)

Item = tuple[int, int, float, Task]  # (class rank, arrival, time queued, task)


class Suspendable(Protocol):
    """A run's stage that may give its memory back for a while (a :class:`avatar.memory.residency.Lease`)."""

    @property
    def name(self) -> str: ...

    def suspend(self) -> float: ...

    def resume(self) -> float: ...


class Scheduler:
    def __init__(
        self,
        serve: ServeSettings,
        metrics: Metrics,
        *,
        handle: Callable[[Task], None],
        fits_beside: Callable[[Task], bool],
        room_for: Callable[[Task], Suspendable | None],
        on_device_thread: Callable[[], bool],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.serve = serve
        self.metrics = metrics
        self._handle = handle
        self._fits_beside = fits_beside
        self._room_for = room_for
        self._on_device_thread = on_device_thread
        self.clock = clock
        # Unbounded as a container: ``submit`` admits at most ``serve.queue`` waiting tasks, and a parked task
        # (which already holds its place) goes back on it without a second admission.
        self.tasks: queue.PriorityQueue[Item] = queue.PriorityQueue()
        self._seq = 0
        self.places: dict[str, int] = {}  # per user: tasks queued, running or parked
        self._holders: dict[int, str] = {}  # id(task) -> the user whose place it holds
        self._lock = threading.Lock()
        # Held by whichever thread is changing or calling the service's models: the device thread, or the
        # interactive lane while a pipeline run holds the device thread.
        self.device_lock = threading.RLock()
        # The device thread's task in hand, and whether it was answered (the supervisor answers it otherwise).
        self.in_hand: Task | None = None
        self.answered = False
        self._lane: threading.Thread | None = None
        self._lane_stop = threading.Event()

    # --- the queue --------------------------------------------------------------------------------
    def submit(self, task: Task) -> None:
        """Admit ``task`` (its user's share first, then the queue's room) and queue it; else :class:`DeviceBusy`."""
        serve = self.serve
        with self._lock:
            user = task.user
            held = self.places.get(user, 0) if user is not None else 0
            if user is not None and held >= serve.limits.queued:
                raise DeviceBusy(
                    f"user '{user}' holds {held} places in the device queue already (queued or running); "
                    "wait for one to finish (serve.limits.queued)",
                    serve.retry_after_s,
                    "quota_queued",
                )
            if self.tasks.qsize() >= serve.queue:
                raise DeviceBusy(
                    f"the queue is full ({serve.queue} requests waiting); retry later",
                    serve.retry_after_s,
                    "queue_full",
                )
            if user is not None:
                self.places[user] = held + 1
                self._holders[id(task)] = user
            self._put(task)
        self._depths()

    def resume(self, task: SpeechTask) -> None:
        """A parked task whose reader caught up (or that was cancelled): back on the queue, behind the tasks
        of its class that wait, with the place it holds (no second admission)."""
        with self._lock:
            self._put(task)
        self._depths()

    def _put(self, task: Task) -> None:
        self._seq += 1
        self.tasks.put_nowait((CLASSES.index(task.klass), self._seq, self.clock(), task))

    def release(self, task: Task) -> None:
        """The task is answered: its user's place is free again (once, however often it is called)."""
        with self._lock:
            user = self._holders.pop(id(task), None)
            if user is not None:
                left = self.places.get(user, 1) - 1
                if left > 0:
                    self.places[user] = left
                else:
                    self.places.pop(user, None)

    def take(self, timeout: float) -> Task | None:
        """The best task waiting, within ``timeout`` seconds; None when none came."""
        try:
            return self._took(self.tasks.get(timeout=timeout))
        except queue.Empty:
            return None

    def drain(self) -> list[Task]:
        """Every task still queued, off the queue (at shutdown)."""
        left: list[Task] = []
        while True:
            try:
                left.append(self.tasks.get_nowait()[3])
            except queue.Empty:
                return left

    def _depths(self) -> None:
        with self.tasks.mutex:
            waiting = [CLASSES[item[0]] for item in self.tasks.queue]
        self.metrics.queue_depth.set(len(waiting))
        for klass in CLASSES:
            self.metrics.class_depth.labels(klass).set(waiting.count(klass))

    def _took(self, item: Item) -> Task:
        """A task off the queue: its wait is recorded under its class."""
        self.metrics.class_wait.labels(CLASSES[item[0]]).observe(self.clock() - item[2])
        self._depths()
        return item[3]

    def _head(self) -> Item | None:
        with self.tasks.mutex:
            return self.tasks.queue[0] if self.tasks.queue else None

    def _take_interactive(self) -> Task | None:
        """The interactive task at the head of the queue, taken; None when the head is no longer one (another
        thread took it, or a task of another class overtook it: that one goes back)."""
        try:
            item = self.tasks.get_nowait()
        except queue.Empty:
            return None
        if item[0] != 0:
            self.tasks.put_nowait(item)
            return None
        return self._took(item)

    # --- a pipeline run and the interactive lane --------------------------------------------------
    def beside(self, run: Callable[[], Any]) -> Any:
        """Run ``run`` (a pipeline run, on the device thread) with the interactive lane open beside it."""
        self._lane_stop.clear()
        self._lane = threading.Thread(target=self._lane_loop, name="avatar-interactive-lane", daemon=True)
        self._lane.start()
        try:
            return run()
        finally:
            self._lane_stop.set()
            if self._lane is not None:
                self._lane.join(60)
            self._lane = None

    def _next_interactive(self) -> Task | None:
        """The interactive task at the head of the queue, if it can run beside the run now."""
        head = self._head()
        if head is None or head[0] != 0 or not self._fits_beside(head[3]):
            return None
        return self._take_interactive()

    def _lane_loop(self) -> None:
        """Beside a pipeline run: interactive tasks that fit run at once, each answered (never raises)."""
        while not self._lane_stop.is_set():
            with self.device_lock:
                task = self._next_interactive()
                if task is not None:
                    self.metrics.beside.inc()
                    try:
                        self._handle(task)
                    except BaseException as exc:  # handle answers; this is the lane's own last resort
                        logger.error("interactive lane: %s", exc, exc_info=exc)
                    continue
            self._lane_stop.wait(0.02)

    def yield_point(self) -> None:
        """Called by a pipeline run on the device thread at each job or chunk boundary: the interactive tasks
        waiting that fit now run (beside the run, in the lane; or here), then the run goes on. Cheap when
        nothing waits."""
        if not self._on_device_thread():
            return  # a run elsewhere (Ray) has no boundary on this thread
        # The lane's task in hand finishes first; then nothing else touches the models. What the interactive work
        # writes (and the core's bookkeeping) is not the run's: none of it counts against its disk budget.
        with self.device_lock, charged_to(None):
            self._yield_here()

    def _yield_here(self) -> None:
        while True:
            head = self._head()
            if head is None or head[0] != 0:
                return
            if not self._fits_beside(head[3]):
                run = self._room_for(head[3])
                if run is None:
                    return  # the task waits for a boundary where it fits (the run's stage ends)
                self._run_suspended(run)
                continue
            if not self._run_head():
                return

    def _run_head(self) -> bool:
        """Take the interactive task at the head of the queue and run it on this thread, at a run's boundary;
        False when the head is no longer an interactive task (another thread took it)."""
        task = self._take_interactive()
        if task is None:
            return False
        logger.debug("running a %s task at a pipeline run's boundary", type(task).__name__)
        self.metrics.yields.inc()
        outer = (self.in_hand, self.answered)
        self.in_hand, self.answered = task, False
        try:
            with self.device_lock, charged_to(None):  # not the run's writes: not its disk budget
                self._handle(task)
        finally:
            self.in_hand, self.answered = outer
        return True

    def _run_suspended(self, run: Suspendable) -> None:
        """Suspend the run's stage (unload it, figures kept), run the interactive task at the head of the
        queue, and resume the stage (load it again, evicting serve models it needs room from)."""
        logger.info("suspending %s: interactive work needs its memory", run.name)
        run.suspend()
        self.metrics.suspensions.inc()
        try:
            self._run_head()
        finally:
            seconds = run.resume()
            logger.info("resumed %s (loaded again in %.2f s)", run.name, seconds)

    def mark(self, task: Task) -> None:
        """``task`` is answered (a task of the lane is not the device thread's task in hand)."""
        if task is self.in_hand:
            self.answered = True
