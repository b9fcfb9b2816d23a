"""The device thread and its supervisor.

The device thread opens the device, then serves the queue: the best task waiting, run and answered; idle
models unloaded while nothing waits. At shutdown what is still queued is answered and every model unloaded.
No task's exception ends the thread (each task is answered). Should it die anyway (an exception outside any
task), the supervisor thread logs it, answers the task in hand, and starts a new device thread that first
unloads every model and verifies the memory came back, then serves the queue; meanwhile ``alive`` is False
(``/ready`` answers 503).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from avatar.errors import AvatarError, DeviceBusy
from avatar.serve.device.handling import Handler, answer
from avatar.serve.device.policy import ServePolicy
from avatar.serve.device.scheduler import Scheduler

if TYPE_CHECKING:
    from avatar.config.schema import Settings
    from avatar.serve.device.startup import Device
    from avatar.serve.metrics import Metrics

logger = logging.getLogger(__name__)

POLL_S = 0.25
THREAD_NAME = "avatar-device-worker"


class Supervisor:
    def __init__(
        self,
        settings: Settings,
        metrics: Metrics,
        scheduler: Scheduler,
        policy: ServePolicy,
        handler: Handler,
        open_device: Callable[[Settings], Device],
    ) -> None:
        self.settings = settings
        self.metrics = metrics
        self.scheduler = scheduler
        self.policy = policy
        self.handler = handler
        self.open_device = open_device
        self.ready = threading.Event()
        self.start_error: BaseException | None = None
        self.busy = False
        self.alive = False  # a device thread serves the queue (False while starting, recovering, stopped)
        self.restarts = 0
        self.thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._supervisor = threading.Thread(target=self._supervise, name="avatar-device-supervisor", daemon=True)
        self._stop = threading.Event()
        self._death: BaseException | None = None

    def on_device_thread(self) -> bool:
        return threading.current_thread() is self.thread

    def start(self) -> None:
        self._supervisor.start()

    def stop(self, timeout: float = 60.0) -> None:
        """Finish the task at hand, unload every model, end the thread."""
        self._stop.set()
        if self._supervisor.is_alive():
            self._supervisor.join(timeout)

    def _supervise(self) -> None:
        """Run the device thread; should it end while the server is not stopping, log why, answer the task
        it held, and start a new one (which recovers before it serves)."""
        self.thread.start()
        while True:
            self.thread.join()
            self.alive = False
            if self._stop.is_set() or self.start_error is not None:
                return
            death = self._death
            logger.error(
                "the device thread died (%s); starting a new one with every model unloaded",
                f"{type(death).__name__}: {death}" if death is not None else "no exception",
                exc_info=death,
            )
            self.restarts += 1
            self.metrics.worker_restarts.inc()
            scheduler = self.scheduler
            task, scheduler.in_hand = scheduler.in_hand, None
            if task is not None and not scheduler.answered:
                answer(task, AvatarError("the device thread failed while running this request; retry"))
            if task is not None:
                scheduler.release(task)
            self._death = None
            self.thread = threading.Thread(target=self._run, args=(True,), name=THREAD_NAME, daemon=True)
            self.thread.start()

    def _run(self, recovering: bool = False) -> None:
        try:
            self._serve(recovering)
        except BaseException as exc:  # the supervisor logs it and starts a new device thread
            self._death = exc

    def _serve(self, recovering: bool) -> None:
        if recovering:
            self.policy.recover()
        else:
            try:
                device = self.open_device(self.settings)
                self.policy.open(device)
                logger.info("device thread on %s (%s)", device.choice.device, device.choice.reason)
            except BaseException as exc:  # the server reports it and exits
                logger.error("the device thread could not start: %s", exc)
                self.start_error = exc
                self.ready.set()
                return
        self.ready.set()
        self.alive = True
        scheduler = self.scheduler
        while not self._stop.is_set():
            task = scheduler.take(POLL_S)
            if task is None:
                self.policy.unload_idle()
                continue
            self.busy = True
            scheduler.in_hand, scheduler.answered = task, False
            try:
                self.handler.handle(task)
            finally:
                scheduler.in_hand = None
                self.busy = False
        self.alive = False
        # Shutdown: what is still queued is answered, then every model goes.
        for task in scheduler.drain():
            task.emit(DeviceBusy("the server is shutting down", self.settings.serve.retry_after_s, "draining"))
            scheduler.release(task)
        self.policy.unload_all("shutdown")
