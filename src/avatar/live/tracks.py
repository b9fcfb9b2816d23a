"""The session's two ``MediaStreamTrack`` s. Both take their timestamps from the session's one clock:
audio frame n (20 ms) is due n * 20 ms after the clock started, video frame k at k / fps, and each
``recv`` waits until its frame is due, so aiortc sends them (and stamps its RTCP sender reports) in real
time and a receiver plays them in sync. Audio is never dropped; a video frame that is already late when
the next one is waiting is dropped, and the picture stays in sync because its timestamp says where it is.
"""

from __future__ import annotations

import asyncio
import fractions
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from avatar.live.timeline import AUDIO_FRAME, RATE

VIDEO_CLOCK = 90000
# aiortc encodes a video frame (in a thread) after recv returns it and stamps the RTCP sender report when
# it is sent; handing frames over this much early makes that stamp match the frame's own time.
VIDEO_LEAD_S = 0.008


class Clock:
    """Seconds since the session's media started (the first recv of either track)."""

    def __init__(self) -> None:
        self.t0: float | None = None

    def start(self) -> float:
        if self.t0 is None:
            self.t0 = time.monotonic()
        return self.t0

    @property
    def started(self) -> bool:
        return self.t0 is not None

    def now(self) -> float:
        return time.monotonic() - self.t0 if self.t0 is not None else 0.0


class FrameBuffer:
    """The frames drawn ahead of playback, at most ``size`` of them: the session's render task puts them, the
    :class:`FaceTrack` takes them. Each is ``(rewinds when drawn, frame index, I420 image)``; a rewind drops
    the frames from its index on, and any of them still on their way are :meth:`stale`."""

    def __init__(self, size: int, on_drop: Callable[[int], None]) -> None:
        self.queue: asyncio.Queue[tuple[int, int, np.ndarray]] = asyncio.Queue(maxsize=size)
        self.rewinds = 0
        self.rewind_from = 0
        self.sent = -1  # the last frame index handed to the encoder
        self.on_drop = on_drop

    async def put(self, rewinds: int, k: int, image: np.ndarray) -> None:
        await self.queue.put((rewinds, k, image))

    async def get(self) -> tuple[int, int, np.ndarray]:
        return await self.queue.get()

    def empty(self) -> bool:
        return self.queue.empty()

    def clear(self) -> None:
        while not self.queue.empty():
            self.queue.get_nowait()

    def rewind(self, k: int) -> None:
        """Frames from ``k`` on are to be drawn again: drop those waiting, and mark those on their way stale."""
        self.rewinds += 1
        self.rewind_from = k
        kept = []
        while not self.queue.empty():
            entry = self.queue.get_nowait()
            if entry[1] < k:
                kept.append(entry)
        for entry in kept:
            self.queue.put_nowait(entry)

    def stale(self, rewinds: int, k: int) -> bool:
        """A frame drawn before the last rewind, for a time the rewind drew again."""
        return rewinds < self.rewinds and k >= self.rewind_from


class SpeechTrack(MediaStreamTrack):
    kind = "audio"

    def __init__(self, clock: Clock, audio_at: Callable[[int], np.ndarray]) -> None:
        """``audio_at(pos)``: the :data:`AUDIO_FRAME` samples due at sample ``pos``."""
        super().__init__()
        self.clock = clock
        self.audio_at = audio_at
        self.index = 0

    async def recv(self) -> Any:
        from av import AudioFrame

        if self.readyState != "live":
            raise MediaStreamError
        t0 = self.clock.start()
        n = self.index
        self.index += 1
        wait = t0 + n * AUDIO_FRAME / RATE - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        pos = n * AUDIO_FRAME
        samples = self.audio_at(pos)
        frame = AudioFrame(format="s16", layout="mono", samples=AUDIO_FRAME)
        frame.planes[0].update((np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes())
        frame.pts = pos
        frame.sample_rate = RATE
        frame.time_base = fractions.Fraction(1, RATE)
        return frame


class FaceTrack(MediaStreamTrack):
    kind = "video"

    def __init__(self, clock: Clock, frames: FrameBuffer, fps: int) -> None:
        super().__init__()
        self.clock = clock
        self.frames = frames
        self.fps = fps

    async def recv(self) -> Any:
        from av import VideoFrame

        if self.readyState != "live":
            raise MediaStreamError
        frames = self.frames
        t0 = self.clock.start()
        period = 1.0 / self.fps
        while True:
            rewinds, k, image = await frames.get()
            if frames.stale(rewinds, k) or k <= frames.sent:
                continue
            due = t0 + k * period
            if time.monotonic() > due + period and not frames.empty():
                frames.on_drop(1)  # late, and a newer frame is waiting
                continue
            break
        wait = due - VIDEO_LEAD_S - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        frames.sent = k
        frame = VideoFrame.from_ndarray(image, format="yuv420p")
        frame.pts = k * (VIDEO_CLOCK // self.fps)
        frame.time_base = fractions.Fraction(1, VIDEO_CLOCK)
        return frame
