"""One ``/v1/audio/speech`` request's speech, for the route to encode: its chunks (planned by the speaking
service) on the device thread as one job, and what comes back as samples, with the pause before each chunk
(the speaking service's rule), its word timings and the loudness finisher, stopping when the request's key
is revoked (an :class:`AuthenticationError`: the request's 401 while no audio has gone out) or its reader
goes away."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

import numpy as np

from avatar.serve.context import Caller, ServerContext
from avatar.serve.device.tasks import DONE, Flow, SpeechTask, Started, share_of
from avatar.serve.errors import AuthenticationError
from avatar.serve.routes.common import Channel
from avatar.speaking.service import pause_samples
from avatar.text.script import ChunkPlan, Script

logger = logging.getLogger(__name__)

PAUSE_MS = 0  # between sentence chunks: the backend's own silence (an SSML <break> adds its pause)


class SpeechStream:
    def __init__(self, ctx: ServerContext, who: Caller, key: str | None, job: SpeechTask, channel: Channel,
                 plan: list[ChunkPlan], started: Started, deadline: float, language: str | None,
                 loudness: Any, timestamps: bool, fmt: str | None = None,
                 mouth_fps: int | None = None, streaming: bool = True) -> None:  # fmt: skip
        from avatar.serve.audio import finish_levels, finisher
        from avatar.timing.speech import WordTimer

        self.ctx, self.who, self.key = ctx, who, key
        self.job, self.channel, self.plan, self.deadline = job, channel, plan, deadline
        self.sample_rate = started.sample_rate
        self.timestamps = timestamps
        self.timer = WordTimer("auto", language, started.sample_rate)
        # loudness and true peak, a lossy format's margin under the ceiling
        # (a streamed mp3's decoder plays the encoder's priming, a whole one's does not: other loudness blocks)
        self.finish = finisher(ctx.settings.serve, loudness, started.sample_rate, fmt, streaming)
        levels = finish_levels(ctx.settings.serve, loudness)
        self.ceiling_dbtp = None if levels is None else levels[1]  # a whole lossy file is checked against it
        self._sent_words = 0
        self.mouth: Any = None  # avatar.video.mouth_track.MouthTrack, where the request asked for mouth shapes
        if mouth_fps is not None:
            from avatar.video.mouth_track import MouthTrack

            self.mouth = MouthTrack(started.sample_rate, mouth_fps)

    @classmethod
    async def start(
        cls,
        ctx: ServerContext,
        who: Caller,
        key: str | None,
        *,
        model: str,
        script: Script,
        plan: list[ChunkPlan],
        speaker: str | None,
        stored: Any,
        language: str | None,
        instruct: str | None,
        speed: float,
        loudness: Any,
        timestamps: bool,
        fmt: str | None = None,
        mouth_fps: int | None = None,
        streaming: bool = True,
    ) -> SpeechStream:
        """Queue the job and wait for it to start (its model loaded); a failure before is the request's error."""
        serve = ctx.settings.serve
        channel = Channel(Flow(serve.limits.stream_ahead_s))
        job = SpeechTask(
            model=model,
            chunks=[c.text for c in plan],
            emit=channel.emit,
            speaker=speaker,
            language=language,
            instruct=instruct,
            speed=speed,
            voice=stored,
            rates=[c.rate for c in plan] if script.ssml else None,
            timestamps=True,
            user=share_of(who),
            flow=channel.flow,
        )
        ctx.device_thread.submit(job)
        deadline = channel.loop.time() + serve.request_timeout_s
        try:
            started: Started = await channel.next(deadline, serve.retry_after_s)
        except BaseException:
            job.cancelled.set()
            raise
        return cls(ctx, who, key, job, channel, plan, started, deadline, language, loudness, timestamps, fmt,
                   mouth_fps, streaming)  # fmt: skip

    def cancel(self) -> None:
        self.job.cancelled.set()

    async def samples(self) -> AsyncGenerator[np.ndarray, None]:
        """The speech, chunk by chunk, each after its pause; the job is cancelled when this ends."""
        from avatar.serve.streams import still_allowed

        rate, at = self.sample_rate, 0  # samples so far
        try:
            for index in itertools.count():
                item = await self.channel.next(self.deadline, self.ctx.settings.serve.retry_after_s)
                if item is DONE:
                    if self.mouth is not None:
                        self.mouth.finish()
                    return
                if not still_allowed(self.ctx, self.who, self.key):  # the key was revoked: not one more sentence
                    logger.info("speech stopped: the request's key was revoked")
                    # before any audio went out this is the request's 401; once streaming, it ends the stream
                    raise AuthenticationError("the API key of this request was revoked; use a current key")
                index = min(index, len(self.plan) - 1)
                pause = pause_samples(self.plan, index, PAUSE_MS, rate)
                if pause:
                    at += pause
                    if self.mouth is not None:
                        self.mouth.add(np.zeros(pause, dtype=np.float32), spoken=False)
                    yield np.zeros(pause, dtype=np.float32)
                if self.mouth is not None:
                    await asyncio.to_thread(self.mouth.add, item.samples, getattr(item, "phonemes", None))
                if self.timestamps:
                    await asyncio.to_thread(self.timer.add, self.plan[index], item, at / rate)
                at += item.samples.size
                yield item.samples if self.finish is None else await asyncio.to_thread(self.finish, item.samples)
        finally:
            self.cancel()

    async def primed(self) -> AsyncIterator[np.ndarray]:
        """:meth:`samples` with its first chunk already made: a streamed response is answered only once there
        is audio to send, so a failure before any (the model's, or the request's time limit) is the request's
        JSON error and status, not a 200 stream that ends empty."""
        chunks = self.samples()
        try:
            head: np.ndarray | None = await anext(chunks)
        except StopAsyncIteration:
            head = None

        async def rest() -> AsyncIterator[np.ndarray]:
            try:
                if head is not None:
                    yield head
                    async for item in chunks:
                        yield item
            finally:
                await chunks.aclose()

        return rest()

    def new_words(self) -> list[dict[str, Any]]:
        """The words timed since the last call."""
        fresh = self.timer.words[self._sent_words :]
        self._sent_words = len(self.timer.words)
        return [w.as_dict() for w in fresh]

    def new_mouth(self) -> dict[str, Any]:
        """The mouth-shape frames made since the last call, with what they mean."""
        return dict(self.mouth.delta())

    def source(self, text: str) -> Any:
        return self.timer.document(text, 0.0)["source"]
