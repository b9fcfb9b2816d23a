"""A speech job on the device thread: its chunks spoken one by one from ``job.next`` on, each a use of the
model's lease, each request built by the speaking service's rule. A job whose client went away
(``cancelled``) stops before the next sentence; a streamed job whose reader is ``stream_ahead_s`` behind is
parked (its :class:`~avatar.serve.device.jobs.Flow`) and comes back where it stopped."""

from __future__ import annotations

import logging
from collections.abc import Callable

from avatar.errors import UnknownNameError
from avatar.serve.device.jobs import DONE, SpeechJob, Started
from avatar.serve.device.policy import ServePolicy
from avatar.speaking.service import chunk_request

logger = logging.getLogger(__name__)


def speak(job: SpeechJob, policy: ServePolicy, resume: Callable[[SpeechJob], None]) -> bool:
    """Generate the job's chunks from ``job.next`` on; True when it parked for its reader (``resume`` puts it
    back on the queue once the reader caught up)."""
    host = policy.ensure_loaded(job.model)
    if job.voice is not None:
        host.prepare_voice(job.voice)
    elif job.speaker:  # the model is loaded: its stock voices are known
        stock = policy.states[job.model].voices
        if job.speaker not in stock:
            raise UnknownNameError("voice", job.speaker, stock)
    if job.next == 0:
        job.emit(Started(host.sample_rate))
    for done in range(job.next, len(job.chunks)):
        text = job.chunks[done]
        if job.cancelled.is_set():
            logger.info(
                "request ended (client gone or timed out) after %d of %d sentences; stopped generating",
                done,
                len(job.chunks),
            )
            break
        if job.flow is not None and job.flow.park(lambda: resume(job)):
            job.next = done
            logger.debug("a slow reader: parked after %d of %d sentences", done, len(job.chunks))
            return True
        request = chunk_request(  # the speaking service's rule: the caller's speed times the chunk's rate
            text,
            job.rates[done] if job.rates else 1.0,
            language=job.language,
            speaker=job.speaker,
            instruct=job.instruct,
            speed=job.speed,
        )
        with policy.use(job.model):
            speech = host.speak(request, job.voice)
        job.next = done + 1
        if job.flow is not None:
            job.flow.sent(speech, host.sample_rate)
        job.emit(speech if job.timestamps else speech.samples)
    job.emit(DONE)
    return False
