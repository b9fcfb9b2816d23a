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
from typing import TYPE_CHECKING, Any

import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from avatar.live.timeline import AUDIO_FRAME, RATE

if TYPE_CHECKING:
    from avatar.live.session import LiveSession

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


class SpeechTrack(MediaStreamTrack):
    kind = "audio"

    def __init__(self, session: LiveSession) -> None:
        super().__init__()
        self.session = session
        self.index = 0

    async def recv(self) -> Any:
        from av import AudioFrame

        if self.readyState != "live":
            raise MediaStreamError
        clock = self.session.clock
        t0 = clock.start()
        n = self.index
        self.index += 1
        wait = t0 + n * AUDIO_FRAME / RATE - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        pos = n * AUDIO_FRAME
        samples = self.session.audio_at(pos)
        frame = AudioFrame(format="s16", layout="mono", samples=AUDIO_FRAME)
        frame.planes[0].update((np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes())
        frame.pts = pos
        frame.sample_rate = RATE
        frame.time_base = fractions.Fraction(1, RATE)
        return frame


class FaceTrack(MediaStreamTrack):
    kind = "video"

    def __init__(self, session: LiveSession) -> None:
        super().__init__()
        self.session = session

    async def recv(self) -> Any:
        from av import VideoFrame

        if self.readyState != "live":
            raise MediaStreamError
        s = self.session
        t0 = s.clock.start()
        period = 1.0 / s.fps
        while True:
            rewinds, k, image = await s.frames.get()
            if s.stale(rewinds, k) or k <= s.sent_video:
                continue
            due = t0 + k * period
            if time.monotonic() > due + period and not s.frames.empty():
                s.dropped(1)  # late, and a newer frame is waiting
                continue
            break
        wait = due - VIDEO_LEAD_S - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        s.sent_video = k
        frame = VideoFrame.from_ndarray(image, format="yuv420p")
        frame.pts = k * (VIDEO_CLOCK // s.fps)
        frame.time_base = fractions.Fraction(1, VIDEO_CLOCK)
        return frame
