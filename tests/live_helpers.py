"""A real aiortc peer for the live-session tests and benchmark: it offers to receive audio and video,
opens the ``control`` data channel, and records what arrives (audio samples, video frames, events) with
its arrival time. With ``microphone=True`` it also sends audio (``sendrecv``): a :class:`Microphone` track
that plays what the test gives it (a WAV's samples, noise) in 20 ms frames and silence between, and can mix
the audio it receives back in (an app without echo cancellation)."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import numpy as np


@dataclass
class Received:
    # (arrival, mono float32 at 48 kHz); the samples follow each other with no gap (audio is never dropped),
    # so sample i is at i / 48000 s of the stream
    audio: list[tuple[float, np.ndarray]] = field(default_factory=list)
    # (arrival, pts, rgb): pts on the 90 kHz clock from the first frame received; pts / 90000 s of the stream
    video: list[tuple[float, int, np.ndarray | None]] = field(default_factory=list)
    events: list[tuple[float, dict[str, Any]]] = field(default_factory=list)

    def audio_samples(self) -> np.ndarray:
        return np.concatenate([a for _, a in self.audio]) if self.audio else np.zeros(0, np.float32)

    def loud_frames(self, threshold: float = 0.01) -> list[float]:
        """Arrival times of audio frames with RMS above ``threshold``."""
        return [t for t, a in self.audio if float(np.sqrt(np.mean(a**2))) > threshold]

    def loud_span(self, threshold: float = 0.01, block: int = 960) -> tuple[float, float]:
        """(first, last) stream time in seconds of 20 ms audio blocks louder than ``threshold``."""
        a = self.audio_samples()
        env = np.sqrt(np.mean(a[: a.size // block * block].reshape(-1, block) ** 2, axis=1))
        loud = np.flatnonzero(env > threshold)
        if loud.size == 0:
            return (float("nan"), float("nan"))
        return float(loud[0] * block / 48000), float((loud[-1] + 1) * block / 48000)

    def frames_at(self) -> list[tuple[float, np.ndarray]]:
        """(stream time, rgb) of the kept video frames."""
        return [(p / 90000, f) for _, p, f in self.video if f is not None]


MIC_RATE = 48000
MIC_FRAME = 960  # 20 ms
LATE_S = 0.06  # a microphone track held up longer than this goes on from now (see Microphone)


def load_wav(path: Any) -> np.ndarray:
    """A WAV file as float32 mono at 48 kHz (what the microphone track sends)."""
    import soundfile
    from scipy.signal import resample_poly

    samples, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    mono = samples.mean(axis=1)
    if rate != MIC_RATE:
        from math import gcd

        g = gcd(MIC_RATE, int(rate))
        mono = resample_poly(mono, MIC_RATE // g, int(rate) // g)
    return np.asarray(mono, np.float32)


def speech_end(samples: np.ndarray, threshold: float = 0.01) -> float:
    """Seconds from the start of ``samples`` (48 kHz) to the end of their last 20 ms block louder than
    ``threshold`` (a WAV's trailing silence is not speech)."""
    n = samples.size // MIC_FRAME
    env = np.sqrt(np.mean(samples[: n * MIC_FRAME].reshape(n, MIC_FRAME) ** 2, axis=1))
    loud = np.flatnonzero(env > threshold)
    return float((loud[-1] + 1) * MIC_FRAME / MIC_RATE) if loud.size else 0.0


class Microphone:
    """An aiortc audio track (built lazily: aiortc is imported by the tests that use it) sending, in real
    time, 20 ms frames of what :meth:`play` queued, silence otherwise, plus ``echo_gain`` times the audio
    the peer received (fed by :meth:`echo`), as a speaker heard by an open microphone would bring back."""

    def __init__(self, echo_db: float | None = None) -> None:
        from aiortc.mediastreams import MediaStreamTrack

        outer = self
        self.echo_gain = 0.0 if echo_db is None else float(10 ** (echo_db / 20))
        self.queue: list[np.ndarray] = []
        self.echo_buffer: list[np.ndarray] = []
        self.played: list[tuple[float, int]] = []  # (monotonic time the first frame of a play was sent, samples)
        self.late_s = 0.0  # how far the event loop held the track up, in all (time it sent nothing)
        self._pending_mark: int | None = None

        class _Track(MediaStreamTrack):  # type: ignore[misc]
            kind = "audio"

            def __init__(self) -> None:
                super().__init__()
                self._start: float | None = None
                self._sent = 0

            async def recv(self) -> Any:
                import av

                if self._start is None:
                    self._start = time.monotonic()
                due = self._start + self._sent / MIC_RATE
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                elif wait < -LATE_S:  # the loop was held up: go on in real time from now, as a microphone
                    self._start -= wait  # would, rather than send what is owed in a burst
                    outer.late_s -= wait
                chunk = outer._next()
                frame = av.AudioFrame.from_ndarray(
                    (np.clip(chunk, -1, 1) * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono"
                )
                frame.sample_rate = MIC_RATE
                frame.pts = self._sent
                from fractions import Fraction

                frame.time_base = Fraction(1, MIC_RATE)
                self._sent += MIC_FRAME
                return frame

        self.track = _Track()

    def play(self, samples: np.ndarray) -> None:
        """Send ``samples`` (float32, 48 kHz) from the next frame on, after what is already queued."""
        self._pending_mark = int(samples.size)
        self.queue.append(np.asarray(samples, np.float32))

    def busy(self) -> bool:
        return bool(self.queue)

    def echo(self, samples: np.ndarray) -> None:
        if self.echo_gain:
            self.echo_buffer.append(samples * self.echo_gain)
            while sum(a.size for a in self.echo_buffer) > MIC_RATE:  # at most 1 s behind
                self.echo_buffer.pop(0)

    def _take(self, buffers: list[np.ndarray]) -> np.ndarray:
        out = np.zeros(MIC_FRAME, np.float32)
        n = 0
        while buffers and n < MIC_FRAME:
            head = buffers[0]
            k = min(MIC_FRAME - n, head.size)
            out[n : n + k] = head[:k]
            n += k
            if k == head.size:
                buffers.pop(0)
            else:
                buffers[0] = head[k:]
        return out

    def _next(self) -> np.ndarray:
        if self._pending_mark is not None:
            self.played.append((time.monotonic(), self._pending_mark))
            self._pending_mark = None
        return self._take(self.queue) + self._take(self.echo_buffer)


class Peer:
    def __init__(
        self,
        url: str,
        key: str | None = None,
        *,
        keep_frames: bool = True,
        video: bool = True,
        microphone: Microphone | None = None,
        **body: Any,
    ) -> None:
        self.url = url
        self.microphone = microphone
        # keyless: the same-origin signal a non-browser client sends (see the README's security model)
        self.headers = {"Authorization": f"Bearer {key}"} if key else {"X-Requested-With": "avatar-live-peer"}
        self.keep_frames = keep_frames
        self.video = video
        self.body = body
        self.got = Received()
        self.kinds: list[str] = []
        self.session: dict[str, Any] = {}
        self.pc: Any = None
        self.channel: Any = None
        self._opened = asyncio.Event()
        self._new_event = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []

    async def connect(self) -> httpx.Response:
        from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

        self.pc = pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        if self.microphone is not None:
            pc.addTransceiver(self.microphone.track, direction="sendrecv")
        else:
            pc.addTransceiver("audio", direction="recvonly")
        if self.video:
            pc.addTransceiver("video", direction="recvonly")
        self.channel = pc.createDataChannel("control")
        self.channel.on("open", self._opened.set)
        self.channel.on("message", self._message)
        pc.on("track", self._track)
        await pc.setLocalDescription(await pc.createOffer())
        body = {"sdp": pc.localDescription.sdp, "type": "offer", "video": self.video, **self.body}
        # a conversation server's first session loads its language model before it answers: 70.6 s in one CI run
        # with the other worker loading a model too, past a 60 s read timeout, and the session the server went
        # on opening then held the user's one-session limit against the module's next tests
        async with httpx.AsyncClient(base_url=self.url, headers=self.headers, timeout=180) as http:
            r = await http.post("/v1/live/sessions", json=body)
        if r.status_code == 201:
            self.session = r.json()
            await pc.setRemoteDescription(RTCSessionDescription(sdp=self.session["sdp"], type="answer"))
            await asyncio.wait_for(self._opened.wait(), 30)
        else:
            await pc.close()
        return r

    def _message(self, raw: Any) -> None:
        self.got.events.append((time.monotonic(), json.loads(raw)))
        self._new_event.set()

    def _track(self, track: Any) -> None:
        self.kinds.append(track.kind)
        self._tasks.append(asyncio.ensure_future(self._read(track)))

    async def _read(self, track: Any) -> None:
        from aiortc.mediastreams import MediaStreamError

        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            now = time.monotonic()
            if track.kind == "audio":
                a = frame.to_ndarray().astype(np.float32).reshape(-1, len(frame.layout.channels)).mean(axis=1)
                self.got.audio.append((now, a / 32768.0))
                if self.microphone is not None:
                    self.microphone.echo(a / 32768.0)
            else:
                image = frame.to_ndarray(format="rgb24") if self.keep_frames else None
                self.got.video.append((now, int(frame.pts), image))

    def say(self, text: str, flush: bool = True) -> float:
        self.channel.send(json.dumps({"type": "say", "text": text, "flush": flush}))
        return time.monotonic()

    def interrupt(self) -> float:
        self.channel.send(json.dumps({"type": "interrupt"}))
        return time.monotonic()

    async def wait_event(self, kind: str, timeout: float = 30.0, after: int = 0) -> dict[str, Any]:
        """The first event of ``kind`` among those from index ``after`` on."""
        deadline = time.monotonic() + timeout
        while True:
            for _, e in self.got.events[after:]:
                if e["type"] == kind:
                    return e
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {kind} event in {timeout} s; got {[e for _, e in self.got.events]}")
            self._new_event.clear()
            try:
                await asyncio.wait_for(self._new_event.wait(), left)
            except TimeoutError:
                pass

    async def close(self, delete: bool = True) -> None:
        if delete and self.session:
            async with httpx.AsyncClient(base_url=self.url, headers=self.headers, timeout=30) as http:
                await http.delete(f"/v1/live/sessions/{self.session['id']}")
        if self.pc is not None:
            await self.pc.close()
        for t in self._tasks:
            t.cancel()
