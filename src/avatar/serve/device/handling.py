"""One job run and answered on the thread that holds the device: model control through the serve policy,
speech through :mod:`avatar.serve.device.speech`, a call (work that loads models of its own, or a live
session's sentence) as it is, a pipeline run with the interactive lane open beside it.

No job's exception escapes: each job is answered, with the error where it failed. Out of memory, the model
that ran out is unloaded (or memory cleaned) before the job is answered."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from avatar.errors import AvatarError, DeviceBusy
from avatar.serve.device.jobs import DONE, INTERACTIVE, Call, Job, LoadModel, SpeechJob
from avatar.serve.device.policy import ServePolicy
from avatar.serve.device.scheduler import Scheduler
from avatar.serve.device.speech import speak

if TYPE_CHECKING:
    from avatar.config.schema import Settings

logger = logging.getLogger(__name__)


def answer(job: Job, item: Any) -> None:
    """Send ``item`` to the job's caller; a caller that is gone is not an error."""
    try:
        job.emit(item)
    except Exception as exc:  # the caller's side is gone; nothing else to tell
        logger.debug("could not answer a job: %s", exc)


class Handler:
    def __init__(self, settings: Settings, scheduler: Scheduler, policy: ServePolicy) -> None:
        self.settings = settings
        self.scheduler = scheduler
        self.policy = policy

    def handle(self, job: Job) -> None:
        """Run ``job`` and answer it; its caller's place is given back unless it was parked."""
        parked = False
        try:
            parked = self._answer_job(job)
        finally:
            if not parked:
                self.scheduler.release(job)

    def _answer_job(self, job: Job) -> bool:
        """Run the job and answer it; True when it was parked instead (a streamed job's slow reader)."""
        if job.cancelled.is_set():
            if isinstance(job, SpeechJob) and job.next:  # parked for its reader, then cut off or gone
                logger.info("request ended (client gone, cut off or timed out) after %d of %d sentences; "
                            "stopped generating", job.next, len(job.chunks))  # fmt: skip
            job.emit(DONE)
            return False
        try:
            if isinstance(job, SpeechJob):
                return speak(job, self.policy, self.scheduler.resume)
            if isinstance(job, Call) and job.klass != INTERACTIVE:
                result = self.scheduler.beside(job.fn)  # interactive work runs beside the run while it fits
            elif isinstance(job, Call):
                result = job.fn()
            elif isinstance(job, LoadModel):
                result = self.policy.load(job.model)
            else:
                result = self.policy.unload(job.model, "request")
            self.scheduler.mark(job)
            answer(job, result)
        except BaseException as exc:
            self.scheduler.mark(job)
            answer(job, self._failed(job.name if isinstance(job, Call) else job.model, exc))
        return False

    def _failed(self, model: str, exc: BaseException) -> BaseException:
        """What the job's caller is told; never raises (a failure while cleaning up is logged)."""
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
