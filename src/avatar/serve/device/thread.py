"""The device thread: one thread owns every model and runs every task, one at a time. This module puts the
parts of :mod:`avatar.serve.device` together behind the one object the server's routes and services hold
(``ctx.device_thread``):

- :mod:`~avatar.serve.device.tasks`: the task types, their classes, what a task sends back;
- :mod:`~avatar.serve.device.scheduler`: the queue by class, each caller's share, the interactive lane beside
  a pipeline run, its yield points and suspensions;
- :mod:`~avatar.serve.device.policy`: the serve policy over the residency core (a lease per loaded model);
- :mod:`~avatar.serve.device.speech`: a speech task's sentences;
- :mod:`~avatar.serve.device.handling`: one task run and answered;
- :mod:`~avatar.serve.device.figures`: what ``/v1/models`` shows;
- :mod:`~avatar.serve.device.startup`: opening the device;
- :mod:`~avatar.serve.device.supervisor`: the device thread, replaced when it dies.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from avatar.isolation.models import HostSpec, InProcessModelHost, ModelHost
from avatar.serve.device.handling import Handler
from avatar.serve.device.policy import ServePolicy
from avatar.serve.device.scheduler import Scheduler
from avatar.serve.device.startup import open_device
from avatar.serve.device.supervisor import Supervisor

if TYPE_CHECKING:
    import queue
    import threading

    from avatar.config.schema import Settings
    from avatar.memory.residency import Residency
    from avatar.serve.device.figures import ModelState
    from avatar.serve.device.scheduler import Item
    from avatar.serve.device.tasks import Task
    from avatar.serve.metrics import Metrics


class DeviceThread:
    def __init__(
        self,
        settings: Settings,
        metrics: Metrics,
        *,
        models: list[str],
        host_factory: Callable[[HostSpec], ModelHost] = InProcessModelHost,
    ) -> None:
        self.settings = settings
        self.metrics = metrics
        self.scheduler = Scheduler(
            settings.serve,
            metrics,
            handle=lambda task: self.handler.handle(task),
            fits_beside=lambda task: self.policy.fits_beside(task),
            room_for=lambda task: self.policy.room_for(task),
            on_device_thread=lambda: self.supervisor.on_device_thread(),
        )
        self.policy = ServePolicy(
            settings,
            metrics,
            models=models,
            host_factory=host_factory,
            device_lock=self.scheduler.device_lock,
            on_device_thread=lambda: self.supervisor.on_device_thread(),
        )
        self.handler = Handler(settings, self.scheduler, self.policy)
        self.supervisor = Supervisor(settings, metrics, self.scheduler, self.policy, self.handler, open_device)

    # --- the HTTP side ----------------------------------------------------------------------------
    def start(self) -> None:
        self.supervisor.start()

    def stop(self, timeout: float = 60.0) -> None:
        """Finish the task at hand, unload every model, end the thread."""
        self.supervisor.stop(timeout)

    def submit(self, task: Task) -> None:
        """Admit ``task`` (its user's share first, then the queue's room) and queue it."""
        self.scheduler.submit(task)

    def snapshot(self) -> dict[str, dict[str, Any]]:
        return self.policy.snapshot()

    def memory(self) -> dict[str, Any]:
        return self.policy.memory()

    @property
    def tasks(self) -> queue.PriorityQueue[Item]:
        return self.scheduler.tasks

    @property
    def states(self) -> dict[str, ModelState]:
        return self.policy.states

    @property
    def residency(self) -> Residency | None:
        """The residency core, shared with the pipeline runs the device thread executes (serve/runs.py)."""
        return self.policy.residency

    @property
    def device(self) -> str:
        return self.policy.device

    @property
    def ready(self) -> threading.Event:
        return self.supervisor.ready

    @property
    def start_error(self) -> BaseException | None:
        return self.supervisor.start_error

    @property
    def alive(self) -> bool:
        return self.supervisor.alive

    @property
    def busy(self) -> bool:
        return self.supervisor.busy

    @property
    def restarts(self) -> int:
        return self.supervisor.restarts

    # --- work on the device thread ----------------------------------------------------------------
    def yield_point(self) -> None:
        """A pipeline run's job or chunk boundary (see :meth:`Scheduler.yield_point`)."""
        self.scheduler.yield_point()

    def ensure_loaded(self, name: str) -> ModelHost:
        """The model's host, loaded (through the serve policy) if it was not. Only for work running on the
        device thread: a call task, as live sessions' sentences are."""
        return self.policy.ensure_loaded(name)

    def use(self, name: str) -> AbstractContextManager[None]:
        """One use of loaded model ``name`` (a sentence), through its lease."""
        return self.policy.use(name)
