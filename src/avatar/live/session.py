"""One live session: a peer connection with a speech track and (unless voice-only) a face track, the
caller's text on its way to speech, the render task that draws the face ahead of playback, and the events.

Text arrives in pieces (``say``); each finished sentence (or the rest, on ``flush``) goes to the session's
speaking port in order, and its audio is placed on the :class:`~avatar.live.timeline.Timeline` as soon as it is
ready. The render task steps the one :class:`~avatar.video.animate.Animator` for every video frame from the
timeline's samples and phonemes, and draws it with the talking head's renderer, at most ``render_ahead``
frames ahead of playback (a bounded queue): memory stays flat however long the session runs. Between
utterances the animator keeps blinking, breathing and swaying with the lips at rest.

``interrupt`` drops the text and queued sentences and cuts the timeline where the audio is now, so the
next audio frame is silence and the next frames drawn are at rest. Everything here runs on the server's
event loop except the drawing, which runs on the session's own thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from avatar.errors import AvatarError, InputError, OverLimit
from avatar.live.echo_guard import band_powers
from avatar.live.speech import Sentence, SpeakingPort, Spoken, Voice, fit_to_live, synthesize
from avatar.live.timeline import AUDIO_FRAME, RATE, Timeline, Utterance
from avatar.live.tracks import Clock, FaceTrack, FrameBuffer, SpeechTrack
from avatar.text.chunking import FINAL_END, SENTENCE_END

if TYPE_CHECKING:
    from avatar.live.metrics import LiveMetrics
    from avatar.video.portrait import Portrait

logger = logging.getLogger(__name__)

EVENT_QUEUE = 256  # per SSE listener; a listener that stops reading loses the oldest events
SAID_KEPT = 64  # sentences remembered for "what was heard" (since the last reply began, or speech began)
PLAYED_KEPT = 250  # 20 ms figures (RMS, power by band) of the audio sent (5 s): the echo guard reads them


@dataclass(frozen=True)
class Said:
    """One sentence placed on the timeline: its words and where each ends (samples on the session clock)."""

    words: tuple[str, ...]
    ends: tuple[int, ...]


def word_ends(text: str, phonemes: Any, start: int, size: int) -> Said:
    """Where each word of ``text`` ends on the session clock: from the phoneme timing's runs of sounds
    between word boundaries when there is one per word, else the audio shared by the words' lengths."""
    from avatar.text.phonemes import UNALIGNED, WORD_BOUNDARY

    words = tuple(text.split())
    ends: list[int] = []
    if phonemes:
        run_end: float | None = None
        for p in phonemes:
            sound = p.phoneme not in (WORD_BOUNDARY, "^", "$") and (
                p.phoneme == UNALIGNED or any(ch.isalpha() for ch in p.phoneme)
            )
            if sound:
                run_end = p.end_s
            elif run_end is not None:
                ends.append(start + round(run_end * RATE))
                run_end = None
        if run_end is not None:
            ends.append(start + round(run_end * RATE))
    if len(ends) != len(words):
        total = sum(len(w) for w in words) or 1
        acc, ends = 0, []
        for w in words:
            acc += len(w)
            ends.append(start + round(size * acc / total))
    return Said(words, tuple(ends))


@dataclass
class Options:
    fps: int
    size: int
    video: bool
    render_ahead: int
    max_chars: int  # serve.live.max_say_chars: all of the session's text not yet spoken
    connect_timeout_s: float = 10.0  # serve.live.connect_timeout_s
    mouth_fps: int | None = None  # send each sentence's mouth shapes at this rate (clients with their own face)


class LiveSession:
    def __init__(
        self,
        user: str,
        pc: Any,
        speaking: SpeakingPort,
        voice: Voice,
        portrait: Portrait | None,
        options: Options,
        metrics: LiveMetrics,
    ) -> None:
        self.id = "live-" + uuid.uuid4().hex[:16]
        self.user = user
        self.key_id: str | None = None  # the key it was opened with (None: keyless); revoking it closes the session
        self.pc = pc
        self.port = speaking
        self.voice = voice
        self.options = options
        self.fps = options.fps
        self.metrics = metrics
        self.created = time.time()
        self.last_activity = time.monotonic()
        self.clock = Clock()
        self.timeline = Timeline(options.fps)
        self.frame_samples = RATE // options.fps
        self.frames = FrameBuffer(options.render_ahead, self.dropped)  # drawn ahead, at most render_ahead
        self.render_next = 0  # first video frame not yet posed
        self.audio_pos = 0  # first sample not yet sent
        self.closed = False
        self.close_reason = ""
        self.speaking = False
        self.synthesizing = False
        self.text = ""
        self.generation = 0
        self.seq = 0
        self.stats = {"frames": 0, "dropped": 0, "sentences": 0, "interrupts": 0}
        self.listeners: set[asyncio.Queue[dict[str, Any] | None]] = set()
        self.channel: Any = None
        self._sentences: asyncio.Queue[tuple[str, float, int]] = asyncio.Queue()
        self._queued_chars = 0  # of the sentences in _sentences
        self._making_chars = 0  # of the sentence on the device thread
        self._cancel: threading.Event | None = None
        self._tasks: list[asyncio.Task[Any]] = []
        self._pool: ThreadPoolExecutor | None = None
        self._on_close: list[Any] = []
        self.said: deque[Said] = deque(maxlen=SAID_KEPT)  # since the last mark (a reply, or speech starting)
        # each 20 ms audio frame sent: its RMS and its power by band (what the echo guard compares with)
        self.played: deque[tuple[float, np.ndarray]] = deque(maxlen=PLAYED_KEPT)
        self.replying = False  # a conversation's reply is being spoken: what is heard counts from its start
        self.on_interrupt: list[Callable[[int, str], None]] = []  # (words heard, their text)
        self.conversing: Any = None  # the session's listening and thinking (avatar.live.conversing), if any
        self.audio = SpeechTrack(self.clock, self.audio_at)
        self.video = FaceTrack(self.clock, self.frames, self.fps) if options.video else None
        self.renderer: Any = None
        self.animator: Any = None
        if options.video:
            from avatar.video.animate import Animator
            from avatar.video.render import Renderer

            if portrait is None:
                raise InputError("a video session needs a portrait")
            self.renderer = Renderer(portrait)
            self.animator = Animator(options.fps, timed=True, breath=1.0, seed=int(uuid.uuid4().int % 1000))

    # --- lifecycle ------------------------------------------------------------------------------------
    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._tasks.append(loop.create_task(self._speak_loop(), name=f"{self.id}-speech"))
        if self.video is not None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix=f"{self.id}-render")
            self._tasks.append(loop.create_task(self._render_loop(), name=f"{self.id}-render"))
        self._tasks.append(loop.create_task(self._connect_watch(), name=f"{self.id}-connect"))

        self.pc.on("connectionstatechange", self._state_changed)
        self.pc.on("datachannel", self._data_channel)

    async def _state_changed(self) -> None:
        state = self.pc.connectionState
        logger.info("live session %s: connection %s", self.id, state)
        if state == "connected":
            self.last_activity = time.monotonic()  # idle time counts from here (connecting has its own timeout)
        if state in ("failed", "closed"):
            await self.close(f"peer {state}")

    def _data_channel(self, ch: Any) -> None:
        if ch.label != "control":
            return
        self.channel = ch
        ch.on("message", self._control)

    def on_close(self, fn: Any) -> None:
        self._on_close.append(fn)

    async def close(self, reason: str) -> None:
        if self.closed:
            return
        self.closed = True
        self.close_reason = reason
        logger.info("live session %s closed: %s", self.id, reason)
        self.generation += 1
        if self._cancel is not None:
            self._cancel.set()
        self.emit("closed", reason=reason)
        for q in list(self.listeners):
            _put(q, None)
        current = asyncio.current_task()
        for task in self._tasks:
            if task is not current:
                task.cancel()
        for track in (self.audio, self.video):
            if track is not None:
                track.stop()
        try:
            await self.pc.close()
        except Exception as exc:  # a half-open connection may fail to close cleanly; it is gone either way
            logger.debug("live session %s: closing the peer connection: %s", self.id, exc)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self.frames.clear()
        self.timeline.items.clear()
        self.renderer = None
        if self.conversing is not None:
            self.conversing.close()
        for fn in self._on_close:
            fn(self, reason)

    async def _connect_watch(self) -> None:
        await asyncio.sleep(self.options.connect_timeout_s)
        if self.pc.connectionState != "connected":
            await self.close(f"peer not connected within {self.options.connect_timeout_s:g} s")

    # --- events ----------------------------------------------------------------------------------------
    def emit(self, kind: str, **data: Any) -> None:
        event = {"type": kind, "session": self.id, "time": round(self.audio_pos / RATE, 3), **data}
        for q in list(self.listeners):
            _put(q, event)
        ch = self.channel
        if ch is not None and ch.readyState == "open":
            try:
                ch.send(json.dumps(event))
            except Exception as exc:
                logger.debug("live session %s: data channel send failed: %s", self.id, exc)

    def listen(self) -> asyncio.Queue[dict[str, Any] | None]:
        q: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(maxsize=EVENT_QUEUE)
        if self.closed:
            q.put_nowait(None)
        else:
            self.listeners.add(q)
        return q

    def unlisten(self, q: asyncio.Queue[dict[str, Any] | None]) -> None:
        self.listeners.discard(q)

    # --- control ---------------------------------------------------------------------------------------
    def _control(self, raw: Any) -> None:
        """A JSON message on the ``control`` data channel: ``{"type": "say", "text", "flush"}`` or
        ``{"type": "interrupt"}``; a bad one is answered with an ``error`` event."""
        try:
            msg = json.loads(raw)
            if not isinstance(msg, dict):
                raise ValueError("not an object")
            kind = msg.get("type")
            if kind == "say":
                text, flush = msg.get("text", ""), msg.get("flush", False)
                if not isinstance(text, str) or not isinstance(flush, bool):
                    raise ValueError("say needs a string 'text' and a boolean 'flush'")
                self.say(text, flush)
            elif kind == "interrupt":
                self.interrupt()
            else:
                raise ValueError(f"unknown message type {kind!r}; use 'say' or 'interrupt'")
        except (ValueError, AvatarError) as exc:
            self.emit("error", message=str(exc))
        except Exception:  # a message must never take the session (or aiortc's SCTP task) down with it
            logger.exception("live session %s: control message failed", self.id)
            self.emit("error", message="the message could not be handled")

    def unspoken(self) -> int:
        """Characters said and not yet heard: the unfinished tail, the sentences waiting, the one being made,
        and those placed on the timeline whose end has not played. ``max_chars`` bounds all of it, so the
        text, and the audio made from it ahead of playback, stay bounded however fast say messages come."""
        placed = sum(len(u.text) for u in self.timeline.items if u.end > self.audio_pos)
        return len(self.text) + self._queued_chars + self._making_chars + placed

    def say(self, text: str, flush: bool = False) -> dict[str, Any]:
        if self.closed:
            raise InputError("the session is closed")
        limit = self.options.max_chars
        waiting = self.unspoken()
        if len(text) > limit or waiting + len(text) > limit:
            if waiting:
                why = f"{waiting} characters not yet spoken and {len(text)} more would be {waiting + len(text)}"
            else:
                why = f"a say of {len(text)} characters"
            raise OverLimit(
                f"{why}, over the session's limit of {limit} (serve.live.max_say_chars); nothing of it was queued. "
                "Wait for speech to catch up (the idle event) or interrupt",
                param="text",
                code="string_above_max_length",
            )
        self.last_activity = time.monotonic()
        self.text += text
        now = time.monotonic()
        queued = 0
        parts = SENTENCE_END.split(self.text)
        self.text = parts.pop() if parts else ""
        if flush or FINAL_END.search(self.text.strip()):
            parts.append(self.text)
            self.text = ""
        for part in parts:
            sentence = " ".join(part.split())
            if sentence:
                self._sentences.put_nowait((sentence, now, self.generation))
                self._queued_chars += len(sentence)
                queued += 1
        return {"queued": queued, "pending_chars": len(self.text)}

    def heard(self, pos: int | None = None) -> tuple[int, str]:
        """The words of the sentences since the last :meth:`mark` whose end has been played by ``pos`` (the
        audio sent so far by default): how many, and their text."""
        pos = self.audio_pos if pos is None else pos
        words: list[str] = []
        for said in self.said:
            for w, end in zip(said.words, said.ends, strict=True):
                if end > pos:
                    return len(words), " ".join(words)
                words.append(w)
        return len(words), " ".join(words)

    def mark(self) -> None:
        """What is heard counts from here (a reply begins)."""
        self.said.clear()

    def echo_reference(self, window_ms: int) -> tuple[float, np.ndarray | None]:
        """What an echo could bring back: the loudest 20 ms of audio sent in the last ``window_ms`` (RMS), and
        the loudest power in each of the echo guard's bands over the same frames."""
        recent = list(self.played)[-max(1, window_ms // 20) :]
        if not recent:
            return 0.0, None
        return max(level for level, _ in recent), np.max(np.asarray([bands for _, bands in recent]), axis=0)

    def interrupt(self) -> dict[str, Any]:
        if self.closed:
            raise InputError("the session is closed")
        self.last_activity = time.monotonic()
        heard_words, heard_text = self.heard()
        self.generation += 1
        self.text = ""
        while not self._sentences.empty():
            self._sentences.get_nowait()
        self._queued_chars = 0
        if self._cancel is not None:
            self._cancel.set()
        cut = self.timeline.cut(self.audio_pos)
        self.stats["interrupts"] += 1
        self.said.clear()
        for fn in list(self.on_interrupt):
            fn(heard_words, heard_text)
        if self.speaking:
            self.speaking = False
            self.emit("speaking_ended", interrupted=True)
            self.emit("idle")
        return {"interrupted": cut, "heard": heard_text, "heard_words": heard_words}

    # --- speech -----------------------------------------------------------------------------------------
    async def _speak_loop(self) -> None:
        while not self.closed:
            text, said_at, gen = await self._sentences.get()
            self._queued_chars = max(0, self._queued_chars - len(text))
            if gen != self.generation:
                continue
            self._cancel = cancel = threading.Event()
            self.synthesizing = True
            self._making_chars = len(text)
            try:
                spoken = await synthesize(self.port, self.voice, text, cancel)
            except Exception as exc:
                logger.warning("live session %s: speech failed: %s", self.id, exc)
                self.emit("error", message=str(exc) if isinstance(exc, InputError) else "speech failed")
                continue
            finally:
                self.synthesizing = False
                self._making_chars = 0
            if spoken is None or gen != self.generation or self.closed:
                continue
            await self._place(text, spoken, said_at)

    async def place_spoken(self, text: str, spoken: Spoken, said_at: float, generation: int) -> bool:
        """Place a sentence spoken elsewhere (a conversation's reply, through this session's speaking port) on
        the timeline, as a say's sentence is: False when the session was interrupted since ``generation``."""
        sentence = await asyncio.to_thread(fit_to_live, spoken)
        if generation != self.generation or self.closed:
            return False
        await self._place(text, sentence, said_at)
        return True

    async def _place(self, text: str, spoken: Sentence, said_at: float) -> None:
        """One placement for a say's sentences and a conversation's."""
        self.seq += 1
        utt = Utterance(text, spoken.samples, spoken.phonemes, self.seq, said_at=said_at, silent=spoken.silent)
        if spoken.silent:  # a voice that returns silence is the model's answer: reported, never dropped
            logger.warning("live session %s: the voice returned silence for sentence %d", self.id, self.seq)
        if self.options.mouth_fps:
            from avatar.video.mouth_track import sentence_frames

            utt.mouth = await asyncio.to_thread(
                sentence_frames, spoken.samples, RATE, spoken.phonemes, self.options.mouth_fps
            )
        earliest = self.audio_pos + AUDIO_FRAME
        idle = self.timeline.tail <= self.audio_pos
        if idle and not self.replying:
            self.said.clear()  # speech starts from silence: what is heard counts from here
        if self.video is not None:
            fs = self.frame_samples
            first = max(self.frames.sent + 1, earliest // fs)
            if idle and self.clock.started and first < self.render_next:
                self.rewind(first)
            earliest = max(earliest, self.render_next * fs)
        self.timeline.place(utt, earliest)
        self.said.append(word_ends(text, utt.phonemes, utt.start, int(utt.samples.size)))
        self.stats["sentences"] += 1
        logger.debug("live session %s: sentence %d placed at %.3f s (%.0f ms to speak)", self.id, utt.seq,
                     utt.start / RATE, spoken.seconds * 1000)  # fmt: skip

    def pending(self) -> bool:
        return self.synthesizing or not self._sentences.empty() or self.timeline.tail > self.audio_pos

    def audio_at(self, pos: int) -> np.ndarray:
        """The audio track's next 20 ms (called in order, in real time), and the events it starts."""
        self.audio_pos = pos + AUDIO_FRAME
        tl = self.timeline
        samples = tl.read(pos, AUDIO_FRAME)
        rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
        self.played.append((rms, band_powers(samples, RATE)))
        for utt in tl.items:
            if utt.start >= pos + AUDIO_FRAME:
                break
            if not utt.started and utt.end > pos:
                utt.started = True
                if not self.speaking:  # speech starts: how long since the say that made it possible
                    self.speaking = True
                    self.metrics.first_audio.observe(max(0.0, time.monotonic() - utt.said_at))
                    self.emit("speaking_started")
                extra: dict[str, Any] = {}
                if utt.mouth is not None:  # the sentence's mouth shapes, from its start on the session clock
                    from avatar.video.mouth_track import NAMES

                    extra["mouth"] = {"fps": self.options.mouth_fps, "names": list(NAMES), "frames": utt.mouth}
                if utt.silent:
                    extra["silent"] = True
                self.emit("sentence", text=utt.text, start=round(utt.start / RATE, 3), end=round(utt.end / RATE, 3),
                          **extra)  # fmt: skip
        if self.speaking and not tl.speaking(pos) and not self.pending():
            self.speaking = False
            self.last_activity = time.monotonic()
            self.emit("speaking_ended", interrupted=False)
            self.emit("idle")
        drawn = min(self.audio_pos, self.render_next * self.frame_samples) if self.video else self.audio_pos
        tl.forget_before(drawn)
        return samples

    # --- picture ----------------------------------------------------------------------------------------
    def _pose(self, k: int) -> Any:
        fs = self.frame_samples
        a, b = k * fs, (k + 1) * fs
        seg = self.timeline.read(a, fs)
        rms = float(np.sqrt(np.mean(np.square(seg, dtype=np.float64))))
        utt = self.timeline.covering(a, b)
        shape, spread, tuck, stress = None, 0.0, 0.0, False
        if utt is not None and utt.phonemes is not None:
            track = utt.visemes
            if track is None:
                from avatar.text.phonemes import PhonemeSpan
                from avatar.video.visemes import VisemeTrack

                k0 = utt.start // fs
                shift = (utt.start - k0 * fs) / RATE
                spans = [PhonemeSpan(p.start_s + shift, p.end_s + shift, p.phoneme) for p in utt.phonemes]
                track = utt.visemes = VisemeTrack(spans, self.fps)
                utt.first_frame = k0
            local = k - utt.first_frame
            if local >= 0:
                shape = track.at_frame(local)
                spread, tuck, stress = track.spread, track.tuck, track.stress
        self.animator.mouth.timed = utt is None or utt.phonemes is not None
        return self.animator.step(rms, utt is not None, shape, spread, tuck, stress)

    async def _render_loop(self) -> None:
        loop = asyncio.get_running_loop()
        period = 1.0 / self.fps
        while not self.closed:
            k = self.render_next
            clock = self.clock
            if clock.started and clock.now() > (k + 1) * period:
                self._pose(k)  # late: the animator still steps, so motion stays continuous
                self.render_next = k + 1
                self.dropped(1)
                continue
            pose = self._pose(k)
            self.render_next = k + 1
            renderer = self.renderer
            if renderer is None or self._pool is None:
                return
            rewinds = self.frames.rewinds
            image = await loop.run_in_executor(self._pool, draw, renderer, pose)
            if rewinds != self.frames.rewinds:
                continue  # speech was placed over this frame while it was drawn: draw it again
            if clock.started:
                self.metrics.render_lag.observe(max(0.0, clock.now() - k * period))
            self.stats["frames"] += 1
            self.metrics.frames.inc()
            await self.frames.put(rewinds, k, image)

    def rewind(self, k: int) -> None:
        """Speech starts from silence: frames from ``k`` on were drawn idle ahead of playback; drop them and
        draw them again with the speech, rather than make the speech wait for the render-ahead buffer."""
        self.frames.rewind(k)
        self.render_next = k
        self.animator.index = k

    def dropped(self, n: int) -> None:
        self.stats["dropped"] += n
        self.metrics.dropped.inc(n)

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "live.session",
            "created": self.created,
            "state": "closed" if self.closed else self.pc.connectionState,
            "video": self.video is not None,
            "size": self.options.size if self.video is not None else None,
            "fps": self.fps,
            "model": self.voice.model,
            "speaking": self.speaking,
            "seconds": round(self.audio_pos / RATE, 3),
            # with the caller's microphone: whether its app said it cancels echo (the echo guard is off)
            "listening": self.conversing is not None,
            "echo_cancelled": self.conversing is not None and self.conversing.echo_guard is None,
            **self.stats,
        }


def draw(renderer: Any, pose: Any) -> np.ndarray:
    """One frame as the encoder takes it, I420 (BT.601, limited range, as ffmpeg's own conversion): converting
    here, on the session's render thread, is ten times cheaper than aiortc's conversion on the way out."""
    import cv2

    return np.asarray(cv2.cvtColor(renderer.render(pose), cv2.COLOR_RGB2YUV_I420))


def _put(q: asyncio.Queue[Any], item: Any) -> None:
    try:
        q.put_nowait(item)
    except asyncio.QueueFull:
        try:
            q.get_nowait()
            q.put_nowait(item)
        except (asyncio.QueueEmpty, asyncio.QueueFull):
            pass
