"""A speech task on the device thread: its chunks spoken one by one from ``task.next`` on, each a use of the
model's lease, each request built by the speaking service's rule. A task whose client went away
(``cancelled``) stops before the next sentence; a streamed task whose reader is ``stream_ahead_s`` behind is
parked (its :class:`~avatar.serve.device.tasks.Flow`) and comes back where it stopped."""

from __future__ import annotations

import logging
from collections.abc import Callable

from avatar.errors import UnknownNameError
from avatar.serve.device.policy import ServePolicy
from avatar.serve.device.tasks import DONE, SpeechTask, Started
from avatar.speaking.service import chunk_request

logger = logging.getLogger(__name__)


def speak(task: SpeechTask, policy: ServePolicy, resume: Callable[[SpeechTask], None]) -> bool:
    """Generate the task's chunks from ``task.next`` on; True when it parked for its reader (``resume`` puts it
    back on the queue once the reader caught up)."""
    host = policy.ensure_loaded(task.model)
    if task.voice is not None:
        host.prepare_voice(task.voice)
    elif task.speaker:  # the model is loaded: its stock voices are known
        stock = policy.states[task.model].voices
        if task.speaker not in stock:
            raise UnknownNameError("voice", task.speaker, stock)
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
        with policy.use(task.model):
            speech = host.speak(request, task.voice)
        task.next = done + 1
        if task.flow is not None:
            task.flow.sent(speech, host.sample_rate)
        task.emit(speech if task.timestamps else speech.samples)
    task.emit(DONE)
    return False
