"""One task run and answered on the thread that holds the device: model control through the serve policy,
speech through :mod:`avatar.serve.device.speech`, a call (work that loads models of its own, or a live
session's sentence) as it is, a pipeline run with the interactive lane open beside it.

No task's exception escapes: each task is answered, with the error where it failed. Out of memory, the model
that ran out is unloaded (or memory cleaned) before the task is answered."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from avatar.errors import AvatarError, DeviceBusy
from avatar.serve.device.policy import ServePolicy
from avatar.serve.device.scheduler import Scheduler
from avatar.serve.device.speech import speak
from avatar.serve.device.tasks import DONE, INTERACTIVE, Call, LoadModel, SpeechTask, Task

if TYPE_CHECKING:
    from avatar.config.schema import Settings

logger = logging.getLogger(__name__)


def answer(task: Task, item: Any) -> None:
    """Send ``item`` to the task's caller; a caller that is gone is not an error."""
    try:
        task.emit(item)
    except Exception as exc:  # the caller's side is gone; nothing else to tell
        logger.debug("could not answer a task: %s", exc)


class Handler:
    def __init__(self, settings: Settings, scheduler: Scheduler, policy: ServePolicy) -> None:
        self.settings = settings
        self.scheduler = scheduler
        self.policy = policy

    def handle(self, task: Task) -> None:
        """Run ``task`` and answer it; its caller's place is given back unless it was parked."""
        parked = False
        try:
            parked = self._answer_task(task)
        finally:
            if not parked:
                self.scheduler.release(task)

    def _answer_task(self, task: Task) -> bool:
        """Run the task and answer it; True when it was parked instead (a streamed task's slow reader)."""
        if task.cancelled.is_set():
            if isinstance(task, SpeechTask) and task.next:  # parked for its reader, then cut off or gone
                logger.info("request ended (client gone, cut off or timed out) after %d of %d sentences; "
                            "stopped generating", task.next, len(task.chunks))  # fmt: skip
            task.emit(DONE)
            return False
        try:
            if isinstance(task, SpeechTask):
                return speak(task, self.policy, self.scheduler.resume)
            if isinstance(task, Call) and task.klass != INTERACTIVE:
                result = self.scheduler.beside(task.fn)  # interactive work runs beside the run while it fits
            elif isinstance(task, Call):
                result = task.fn()
            elif isinstance(task, LoadModel):
                result = self.policy.load(task.model)
            else:
                result = self.policy.unload(task.model, "request")
            self.scheduler.mark(task)
            answer(task, result)
        except BaseException as exc:
            self.scheduler.mark(task)
            answer(task, self._failed(task.name if isinstance(task, Call) else task.model, exc))
        return False

    def _failed(self, model: str, exc: BaseException) -> BaseException:
        """What the task's caller is told; never raises (a failure while cleaning up is logged)."""
        from avatar.hardware.device import is_oom

        try:
            oom = is_oom(exc)
        except Exception:
            oom = False
        if oom:
            logger.warning("%s ran out of memory (%s); unloading it", model, exc)
            try:
                self.policy.out_of_memory(model)
            except BaseException as cleanup:
                logger.error("cleaning up after out of memory in %s failed: %s", model, cleanup, exc_info=cleanup)
            return DeviceBusy(
                f"out of memory on {self.policy.device} while running {model}; memory was cleaned, retry later",
                self.settings.serve.retry_after_s,
                "out_of_memory",
            )
        if not isinstance(exc, AvatarError):
            logger.error("model %s failed: %s: %s", model, type(exc).__name__, exc, exc_info=exc)
        return exc
