"""A speech task on the device thread: its chunks spoken one by one from ``task.next`` on, each a use of the
model's lease, each request built by the speaking service's rule. A task whose client went away
(``cancelled``) stops before the next sentence; a streamed task whose reader is ``stream_ahead_s`` behind is
parked (its :class:`~avatar.serve.device.tasks.Flow`) and comes back where it stopped."""

from __future__ import annotations

import logging
from collections.abc import Callable

from avatar.errors import UnknownNameError, WorkerKilled
from avatar.isolation.models import ModelHost
from avatar.serve.device.policy import ServePolicy
from avatar.serve.device.tasks import DONE, SpeechTask, Started
from avatar.speaking.service import chunk_request

logger = logging.getLogger(__name__)


def speak(task: SpeechTask, policy: ServePolicy, resume: Callable[[SpeechTask], None]) -> bool:
    """Generate the task's chunks from ``task.next`` on; True when it parked for its reader (``resume`` puts it
    back on the queue once the reader caught up). A model worker that the system kills before the task's first
    sentence is out (the OOM killer; the host looked alive when the task began) is replaced once and the
    sentence spoken again, so the request gets its audio, not a 200 with none."""
    host = _ready(task, policy)
    if task.next == 0:
        task.emit(Started(host.sample_rate))
    for done in range(task.next, len(task.chunks)):
        text = task.chunks[done]
        if task.cancelled.is_set():
            logger.info(
                "request ended (client gone or timed out) after %d of %d sentences; stopped generating",
                done,
                len(task.chunks),
            )
            break
        if task.flow is not None and task.flow.park(lambda: resume(task)):
            task.next = done
            logger.debug("a slow reader: parked after %d of %d sentences", done, len(task.chunks))
            return True
        request = chunk_request(  # the speaking service's rule: the caller's speed times the chunk's rate
            text,
            task.rates[done] if task.rates else 1.0,
            language=task.language,
            speaker=task.speaker,
            instruct=task.instruct,
            speed=task.speed,
        )
        try:
            with policy.use(task.model):
                speech = host.speak(request, task.voice)
        except WorkerKilled:
            if done != 0:
                raise  # audio went out: the stream ends early, as it must
            host = _replace_killed(task, policy)
            with policy.use(task.model):
                speech = host.speak(request, task.voice)
        task.next = done + 1
        if task.flow is not None:
            task.flow.sent(speech, host.sample_rate)
        task.emit(speech if task.timestamps else speech.samples)
    task.emit(DONE)
    return False


def _ready(task: SpeechTask, policy: ServePolicy) -> ModelHost:
    """The task's model loaded, with the task's voice prepared or its stock voice checked."""
    try:
        host = _loaded(task, policy)
    except WorkerKilled:
        host = _replace_killed(task, policy)
    if task.voice is None and task.speaker:  # the model is loaded: its stock voices are known
        stock = policy.states[task.model].voices
        if task.speaker not in stock:
            raise UnknownNameError("voice", task.speaker, stock)
    return host


def _loaded(task: SpeechTask, policy: ServePolicy) -> ModelHost:
    host = policy.ensure_loaded(task.model)
    if task.voice is not None:
        host.prepare_voice(task.voice)
    return host


def _replace_killed(task: SpeechTask, policy: ServePolicy) -> ModelHost:
    """Once per task: a second kill is the request's error."""
    logger.warning("model %s: its worker was killed before the request's first sentence; starting a new one",
                   task.model)  # fmt: skip
    policy.unload(task.model, "its worker was killed")  # the lease goes; nothing is left to unload
    return _loaded(task, policy)
