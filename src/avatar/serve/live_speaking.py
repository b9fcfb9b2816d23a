"""The server's side of the speaking port (:class:`avatar.speaking.port.SpeakingPort`). A live session's
sentence is prepared as any speech request's text is (the session user's lexicon and normalisation, in the
text pool under the CPU budget), cut by the speaking service, and spoken on the device thread as one
``call`` job (run on the worker's thread, one at a time with every other job, so no two sessions' audio can
mix)."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import TYPE_CHECKING, Any

import numpy as np

from avatar.errors import DeviceBusy
from avatar.serve.device.tasks import LoadModel, Sentence
from avatar.speaking.port import Spoken
from avatar.text.phonemes import WORD_BOUNDARY

if TYPE_CHECKING:
    from avatar.serve.context import ServerContext
    from avatar.speaking.port import Voice
    from avatar.text.script import ChunkPlan

logger = logging.getLogger(__name__)

PAUSE_MS = 0  # between the chunks of one long sentence: the backend's own silence (an SSML <break> adds its)


class DeviceSpeaking:
    """A live session's speaking port on the server's device thread, for ``user``."""

    def __init__(self, ctx: ServerContext, user: str) -> None:
        self.ctx = ctx
        self.device_thread = ctx.device_thread
        self.user = user

    def _plan(self, voice: Voice, text: str) -> list[ChunkPlan]:
        from avatar.serve import fidelity

        script = fidelity.speech_script(self.ctx, self.user, voice.model, text, voice.language, True)
        return fidelity.sentence_chunks(script, self.ctx.settings.chunk_chars)

    async def speak(self, voice: Voice, text: str, cancelled: threading.Event) -> Spoken | None:
        text_work = getattr(self.ctx, "text_work", None)
        if text_work is not None:
            plan = await text_work.run(self.user, self._plan, voice, text)
        else:
            plan = await asyncio.to_thread(self._plan, voice, text)
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Any] = loop.create_future()

        def deliver(item: Any) -> None:
            if not done.done():
                if isinstance(item, BaseException):
                    done.set_exception(item)
                else:
                    done.set_result(item)

        def emit(item: Any) -> None:
            try:
                loop.call_soon_threadsafe(deliver, item)
            except RuntimeError:  # the loop is closed
                pass

        def run() -> Spoken:
            from avatar.speaking.service import speak_chunks

            t0 = time.perf_counter()
            host = self.device_thread.ensure_loaded(voice.model)
            rate = host.sample_rate
            parts: list[np.ndarray] = []
            phonemes: list[tuple[str, int]] | None = []
            spoken = speak_chunks(lambda request: host.speak(request, voice.stored), plan, rate, PAUSE_MS,
                                  language=voice.language, speaker=voice.speaker)  # fmt: skip
            with self.device_thread.use(voice.model):  # a use of the model's lease: measured, its recency refreshed
                parts_spoken = list(spoken)
            for part in parts_spoken:
                samples = np.asarray(part.speech.samples, np.float32).reshape(-1)
                parts += [part.pause, samples]
                if phonemes is not None and part.speech.phonemes is not None:
                    phonemes += ([(WORD_BOUNDARY, part.pause.size)] if part.pause.size else []) + part.speech.phonemes
                else:
                    phonemes = None
            audio = np.concatenate(parts) if parts else np.zeros(0, np.float32)
            return Spoken(audio, rate, phonemes if parts else None, time.perf_counter() - t0)

        job = Sentence(emit, run, model=voice.model)
        job.cancelled = cancelled
        self.device_thread.submit(job)
        result = await done
        return result if isinstance(result, Spoken) else None  # a cancelled job answers DONE

    def warm(self, model: str) -> None:
        def ignore(item: Any) -> None:
            if isinstance(item, BaseException):
                logger.info("warming model %s: %s", model, item)

        try:
            self.device_thread.submit(LoadModel(model, ignore))
        except DeviceBusy:
            pass  # the queue is full; the first sentence loads it
