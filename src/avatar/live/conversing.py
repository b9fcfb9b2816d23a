"""A live session that listens and answers: the caller's microphone track in, turn events out, and (with a
chat) a reply spoken through the session's own speech path; speech over the avatar interrupts it.

Listening. The peer's audio track (an offer with ``sendrecv`` audio) is read on the event loop, resampled
to 16 kHz mono (``av.AudioResampler``) and fed to the session's :class:`~avatar.listening.listener.Listener`
on a thread of the session's own (its transcription runs inside ``feed``), in order; its events go out as
session events (``user_speech_started``, ``transcript`` with ``final`` and word times, ``user_speech_ended``).
Word times are on the session clock: the microphone's stream time plus the session time at its first frame.

Echo guard (:mod:`avatar.live.echo_guard`). While the avatar's voice plays, a 20 ms microphone frame counts
only when it has enough power beyond what an echo could bring: in each frequency band, the loudest audio sent
there in the last ``echo_window_ms`` plus ``echo_guard_db``, and the room's steady noise (and for a few frames
after one that counted, so the caller's quieter sounds between loud ones pass); another frame is fed as
silence. So the avatar's own voice coming back through a speaker (an app without echo
cancellation) is neither heard as a turn nor an interruption, while a caller talking over it at a normal
level is.

Thinking. With a :class:`~avatar.thinking.conversation.Conversation`, a final transcript is answered: each
sentence of the reply is spoken through the session's speaking port and placed on its timeline as it comes
(the face moves, ``sentence`` events go out), starting at the first sentence.

Thinking ahead (``chat.think_ahead``). The listener makes a transcript at the turn's first pause and then
waits for the turn rule's silence; the reply is begun on that transcript at once, so the chat writes its
first sentence and the voice speaks it during the wait. Nothing of it is placed until the turn ends with the
same transcript; if the caller goes on, it is withdrawn (the model stops at its next token, the history keeps
nothing of it) and the next pause begins another. A transcript that trails off ("and...") waits.

Barge-in. While the avatar speaks (or a reply is on its way), ``barge_in_ms`` of the caller's speech within
a second (a VAD stream of its own, on a thread of its own, so recognition running in the listener does not
delay it) interrupts: the session's interrupt path cuts the audio where it is, an ``interrupted`` event says the words
actually played (from each sentence's word timing against the audio sent), and the conversation keeps only
those. Shorter speech (a cough) does not interrupt.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import numpy as np

from avatar.listening.base import ASR_SAMPLE_RATE, ASRBackend, Transcript
from avatar.listening.listener import WINDOW_S, EventKind, Listener, ListenEvent, trails_off
from avatar.live.echo_guard import EchoGuard
from avatar.text.chunking import speakable
from avatar.voices.vad import VadStream

if TYPE_CHECKING:
    from avatar.config.schema import LiveSettings
    from avatar.live.session import LiveSession
    from avatar.speaking.port import Spoken
    from avatar.thinking.conversation import Conversation, Reply

logger = logging.getLogger(__name__)

BARGE_WINDOW_S = 1.0  # barge-in counts the speech in the last second (the echo guard may gap it)
MAX_BACKLOG_S = 10.0  # microphone audio waiting for the listener; older is dropped (a machine far behind)

_RECOGNISING = threading.Lock()  # one recogniser serves every session; its calls are serialised


class Serialised(ASRBackend):
    """A shared, loaded recogniser whose ``transcribe`` calls from several sessions' threads take turns."""

    def __init__(self, inner: ASRBackend) -> None:
        super().__init__(inner.device, inner.model)
        self.inner = inner

    def load(self) -> None:  # the inner one is loaded (a kept model)
        pass

    def unload(self) -> None:
        pass

    def transcribe(self, samples: np.ndarray, language: str | None = None) -> Transcript:
        with _RECOGNISING:
            return self.inner.transcribe(samples, language)


class BargeIn:
    """Speech over the avatar: a VAD stream of its own (the listener's may be busy recognising), fed only
    while the avatar speaks; how many ms of the last :data:`BARGE_WINDOW_S` were speech."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.vad = VadStream()
        self.recent: deque[bool] = deque(maxlen=max(1, round(BARGE_WINDOW_S / WINDOW_S)))

    def feed(self, samples: np.ndarray) -> int:
        for prob, _ in self.vad.windows(samples):
            self.recent.append(prob >= self.threshold)
        return round(sum(self.recent) * WINDOW_S * 1000)

    def reset(self) -> None:
        self.vad.reset()
        self.recent.clear()


def words_json(t: Transcript, shift: float) -> list[dict[str, Any]]:
    return [{"text": w.text, "start": round(w.start + shift, 3), "end": round(w.end + shift, 3)} for w in t.words]


class Conversing:
    """A session's ears (and, with ``conversation``, its answers). Made before the offer is answered, so the
    peer's track is caught; :meth:`attach` ties it to the session."""

    def __init__(
        self,
        recogniser: ASRBackend,
        live: LiveSettings,
        conversation: Conversation | None = None,
        language: str | None = "en",
        echo_guard: bool = True,
    ) -> None:
        self.listener = Listener(Serialised(recogniser), live.turn, language)
        self.live = live
        self.conversation = conversation
        self.session: LiveSession | None = None
        # None: the app cancels echo itself and said so (``echo_cancelled``): every frame is heard
        self.echo_guard = EchoGuard(live.echo_guard_db, ASR_SAMPLE_RATE) if echo_guard else None
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="listen")
        self._barge_pool = ThreadPoolExecutor(1, thread_name_prefix="barge-in")
        self.barge_in = BargeIn(live.turn.vad_threshold)
        self._over: list[np.ndarray] = []  # microphone audio while the avatar speaks, for the barge-in VAD
        self._have_over = asyncio.Event()
        self._chunks: list[np.ndarray] = []
        self._backlog = 0
        self._have = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []
        self._feed_ms = 0  # the last feed's wall time (it includes any recognition)
        self._origin: float | None = None  # session seconds at the microphone's first frame
        self._barged = False  # this turn has interrupted already
        self._reply: asyncio.Task[Any] | None = None  # the reply being spoken (or on its way)
        self._ahead: tuple[str, asyncio.Task[Any], asyncio.Future[bool]] | None = None  # begun at a pause, held
        self._last: asyncio.Task[Any] | None = None  # the last reply task begun (one turn at a time)
        self._generation = 0  # the session's generation when the reply began
        self.closed = False

    # --- wiring -----------------------------------------------------------------------------------------
    def attach(self, session: LiveSession) -> None:
        self.session = session
        session.conversing = self
        session.on_interrupt.append(self._interrupted)

    def track(self, track: Any) -> None:
        """aiortc's ``track`` event: the peer's microphone (its video, if any, is ignored)."""
        if track.kind != "audio" or self.closed:
            return
        loop = asyncio.get_running_loop()
        self._tasks.append(loop.create_task(self._read(track), name="microphone"))
        self._tasks.append(loop.create_task(self._feed(), name="listener"))
        self._tasks.append(loop.create_task(self._watch(), name="barge-in"))

    def close(self) -> None:
        self.closed = True
        for task in self._tasks:
            task.cancel()
        for reply in (self._reply, self._last):
            if reply is not None:
                reply.cancel()
        if self.conversation is not None:
            self.conversation._cancelled.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._barge_pool.shutdown(wait=False, cancel_futures=True)
        self.listener.close()

    # --- hearing ----------------------------------------------------------------------------------------
    async def _read(self, track: Any) -> None:
        import av
        from aiortc.mediastreams import MediaStreamError

        resampler = av.AudioResampler(format="flt", layout="mono", rate=ASR_SAMPLE_RATE)
        while not self.closed:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            session = self.session
            if session is None:
                continue
            if self._origin is None:
                self._origin = session.audio_pos / 48000
            busy = self.busy()
            for out in resampler.resample(frame):
                samples = self._guard(np.asarray(out.to_ndarray(), np.float32).reshape(-1), session)
                self._chunks.append(samples)
                self._backlog += samples.size
                if busy and not self._barged:
                    self._over.append(samples)
            while self._backlog > MAX_BACKLOG_S * ASR_SAMPLE_RATE and len(self._chunks) > 1:
                self._backlog -= self._chunks.pop(0).size
            if not busy:
                self._barged = False
                self._over.clear()
            self._have.set()
            self._have_over.set()

    def _guard(self, samples: np.ndarray, session: LiveSession) -> np.ndarray:
        """The echo guard (:mod:`avatar.live.echo_guard`): silence for a frame with nothing beyond what the
        avatar's own recent audio could echo."""
        if self.echo_guard is None:
            return samples
        return self.echo_guard(samples, *session.echo_reference(self.live.echo_window_ms))

    async def _feed(self) -> None:
        loop = asyncio.get_running_loop()
        while not self.closed:
            await self._have.wait()
            self._have.clear()
            if not self._chunks:
                continue
            chunk = np.concatenate(self._chunks)
            self._chunks, self._backlog = [], 0
            try:
                t0 = time.perf_counter()
                events = await loop.run_in_executor(self._pool, self.listener.feed, chunk)
                self._feed_ms = round((time.perf_counter() - t0) * 1000)
            except RuntimeError:  # the pool was shut down: the session closed
                return
            except Exception as exc:
                logger.warning("live listening failed: %s", exc)
                if self.session is not None:
                    self.session.emit("error", message=f"listening failed: {type(exc).__name__}")
                continue
            for event in events:
                self._event(event)
            if self._ahead is not None and self.listener.in_turn and self.listener.partial is None:
                self._withdraw()  # the caller went on after the pause the reply was begun at

    def _event(self, event: ListenEvent) -> None:
        session = self.session
        if session is None or session.closed:
            return
        shift = self._origin or 0.0
        at = round(event.at_s + shift, 3)
        if event.kind is EventKind.SPEECH_STARTED:
            session.emit("user_speech_started", at=at)
        elif event.kind is EventKind.TRANSCRIPT and event.transcript is not None:
            t = event.transcript
            session.emit("transcript", text=t.text, final=t.final, words=words_json(t, shift), at=at,
                         feed_ms=self._feed_ms)  # fmt: skip
            if t.final:
                self._answer(t)
            else:
                self._think_ahead(t)
        elif event.kind is EventKind.SPEECH_ENDED:
            session.emit("user_speech_ended", at=at, waited_ms=event.waited_ms)
        session.last_activity = time.monotonic()

    # --- barge-in ---------------------------------------------------------------------------------------
    def busy(self) -> bool:
        """The avatar is speaking, or has a reply on its way."""
        session = self.session
        if session is None:
            return False
        replying = self._reply is not None and not self._reply.done()
        return session.speaking or session.pending() or replying

    async def _watch(self) -> None:
        """Barge-in: while the avatar speaks, ``barge_in_ms`` of the caller's speech in the last second
        interrupts it (see the module's text)."""
        loop = asyncio.get_running_loop()
        fresh = True
        while not self.closed:
            await self._have_over.wait()
            self._have_over.clear()
            if not self._over:
                if not fresh and not self.busy():
                    await loop.run_in_executor(self._barge_pool, self.barge_in.reset)
                    fresh = True
                continue
            chunk = np.concatenate(self._over)
            self._over = []
            try:
                voiced = await loop.run_in_executor(self._barge_pool, self.barge_in.feed, chunk)
            except RuntimeError:  # the pool was shut down: the session closed
                return
            fresh = False
            if voiced >= self.live.barge_in_ms and not self._barged and self.busy():
                self._barge()

    def _barge(self) -> None:
        session = self.session
        if session is None or session.closed:
            return
        self._barged = True
        self._over.clear()
        out = session.interrupt()  # calls _interrupted: the conversation keeps what was heard, and stops
        session.emit("interrupted", by="user", heard=out["heard"], heard_words=out["heard_words"])
        logger.info("live session %s: interrupted by the caller after %d words", session.id, out["heard_words"])

    async def _nothing_to_say(self, reply: Reply, go: asyncio.Future[bool] | None, generation: int | None) -> None:
        """The chat's reply had nothing speakable in it (punctuation, an empty answer): the caller would hear
        silence, so the app is told (``reply_empty``) once the turn has ended as the reply assumed, rather than
        left waiting for a ``reply_started`` that never comes."""
        session = self.session
        assert session is not None
        if go is not None and not await go:
            return  # withdrawn: the caller went on
        if session.closed or (generation is not None and session.generation != generation):
            return  # interrupted meanwhile
        logger.info("live session %s: the chat's reply to %r had nothing to say", session.id, reply.user_text)
        session.emit("reply_empty", thinking_ms=round((reply.first_sentence_s or 0.0) * 1000))

    def _interrupted(self, heard_words: int, heard_text: str) -> None:
        conversation = self.conversation
        if self._ahead is not None:
            return  # nothing is spoken while a reply begun ahead is held (it is begun only then)
        if conversation is not None and conversation.current is not None and self.session is not None:
            if self.session.replying or not conversation.current.remembered or self.busy():
                conversation.interrupt(heard_words)
            self.session.replying = False

    # --- thinking ---------------------------------------------------------------------------------------
    def _think_ahead(self, partial: Transcript) -> None:
        """Begin the reply to the transcript made at a pause, held until the turn ends (the module's text)."""
        self._withdraw()
        conversation = self.conversation
        if conversation is None or self.session is None or not conversation.chat.settings.think_ahead:
            return
        if not partial.text.strip() or trails_off(partial.text, self.live.turn) or self.busy():
            return
        go: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._ahead = (partial.text, self._begin(partial, go), go)

    def _withdraw(self) -> None:
        if self._ahead is None:
            return
        _, _, go = self._ahead
        self._ahead = None
        if not go.done():
            go.set_result(False)
        if self.session is not None:
            self.session.metrics.replies_ahead.labels("withdrawn").inc()
        if self.conversation is not None:
            self.conversation.withdraw()

    def _answer(self, heard: Transcript) -> None:
        session = self.session
        if self.conversation is None or session is None or not heard.text.strip():
            return
        if self._ahead is not None:
            text, task, go = self._ahead
            if text == heard.text and not task.done():  # the turn ended as the reply begun at its pause assumed
                self._ahead = None
                go.set_result(True)
                self._reply = task
                session.metrics.replies_ahead.labels("used").inc()
                return
            self._withdraw()
        if self._reply is not None and not self._reply.done():
            session.interrupt()  # a new turn before the last reply ended: it gives way (and stops thinking)
        self._reply = self._begin(heard, None)

    def _begin(self, heard: Transcript, go: asyncio.Future[bool] | None) -> asyncio.Task[Any]:
        assert self.session is not None
        previous = self._last  # one turn at a time: the model stops at its next token
        self._last = asyncio.get_running_loop().create_task(
            self._respond(heard, previous, go), name=f"{self.session.id}-reply"
        )
        return self._last

    async def _respond(
        self, heard: Transcript, previous: asyncio.Task[Any] | None, go: asyncio.Future[bool] | None
    ) -> None:
        """Answer ``heard``; with ``go``, a reply begun ahead, placed only once ``go`` says the turn ended."""
        session, conversation = self.session, self.conversation
        assert session is not None and conversation is not None
        if previous is not None:
            await asyncio.gather(previous, return_exceptions=True)
        if go is not None and go.done() and not go.result():
            return  # withdrawn before it began
        generation, said_at, begun = 0, 0.0, False

        def begin() -> None:
            nonlocal generation, said_at, begun
            generation, said_at, begun = session.generation, time.monotonic(), True
            session.mark()
            session.replying = True

        if go is None:
            begin()

        async def place(text: str, spoken: Spoken) -> None:
            first = not placed
            if first and not begun:
                assert go is not None
                if not await go:
                    return  # withdrawn: the conversation has stopped it
                begin()
            placed.append(text)
            if not await session.place_spoken(text, spoken, said_at, generation):
                conversation._cancelled.set()
            elif first and conversation.current is not None:
                reply = conversation.current
                session.emit(
                    "reply_started",
                    text=text,
                    thinking_ms=round((reply.first_sentence_s or 0.0) * 1000),
                    speaking_ms=round(spoken.seconds * 1000),
                    ready_ms=round((time.monotonic() - said_at) * 1000),
                )

        placed: list[str] = []
        try:
            reply = await conversation.respond(heard, place)
            if not placed and not reply.interrupted and speakable(heard.text):
                await self._nothing_to_say(reply, go, generation if begun else None)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            logger.warning("live session %s: the reply failed: %s", session.id, exc)
            session.emit("error", message=f"the reply failed: {type(exc).__name__}")
        finally:
            if begun and session.generation == generation:
                session.replying = False
