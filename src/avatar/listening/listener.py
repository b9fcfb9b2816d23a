"""The streaming listener: 16 kHz mono audio in, in chunks of any size (a WebRTC track gives 20 ms), turn
events out. Times are the stream's own (seconds of audio fed), so what it decides does not depend on how
fast the machine is.

    user_speech_started  silero heard ``min_speech_ms`` of speech
    transcript (partial) a pause of ``pause_ms``: the turn so far, heard by the recogniser (where
                         ``hear_from_ms`` is set, its recognition is begun at that much silence, on a thread
                         of the listener's own, so the transcript is ready about when the pause is reached)
    transcript (final)   the pause lasted as long as the partial asks (:func:`end_of_turn_ms`), or the turn
                         reached ``max_turn_s``, or the stream was flushed
    user_speech_ended    right after the final transcript

End of turn: silence past ``silence_ms``, shortened to ``sentence_end_ms`` when the transcript ends a
sentence, lengthened to ``trailing_ms`` when it trails off ("and", "so", "um", "..."). Speech that resumes
during the wait drops the partial (and a recognition begun early); the next pause makes a new one from the
whole turn. A recognition begun early hears the turn up to ``hear_from_ms`` of its silence; what follows,
up to the pause, is silence by the same VAD, so the transcript is the one the pause would have made.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from enum import Enum

import numpy as np

from avatar.config.schema import TurnSettings
from avatar.listening.base import ASR_SAMPLE_RATE, ASRBackend, Transcript
from avatar.text.chunking import FINAL_END
from avatar.voices.vad import VAD_WINDOW, VadStream

logger = logging.getLogger(__name__)

WINDOW_S = VAD_WINDOW / ASR_SAMPLE_RATE
HYSTERESIS = 0.15  # below threshold minus this counts as silence; between, the window keeps the last state
_WORD = re.compile(r"[^\w']+")


class EventKind(str, Enum):
    SPEECH_STARTED = "user_speech_started"
    TRANSCRIPT = "transcript"
    SPEECH_ENDED = "user_speech_ended"


@dataclass(frozen=True)
class ListenEvent:
    """One turn event at ``at_s`` (stream time). A transcript's word times are stream times too;
    ``waited_ms`` (on SPEECH_ENDED): the silence that ended the turn (0 when the turn was cut or flushed)."""

    kind: EventKind
    at_s: float
    transcript: Transcript | None = None
    waited_ms: int = 0


def trails_off(text: str, turn: TurnSettings) -> bool:
    stripped = text.strip()
    if stripped.endswith(("...", "…")):
        return True
    words = _WORD.sub(" ", stripped.lower()).split()
    return bool(words) and words[-1] in {w.lower() for w in turn.trailing_words}


def end_of_turn_ms(text: str, turn: TurnSettings) -> int:
    """The silence after which a turn whose transcript so far is ``text`` has ended."""
    if trails_off(text, turn):
        return turn.trailing_ms
    if FINAL_END.search(text.strip()):
        return turn.sentence_end_ms
    return turn.silence_ms


class Listener:
    """Voice activity (silero, a stream of its own), a recogniser (loaded; shared, so calls to it are the
    caller's to serialise) and the turn rule. Not thread-safe: one feeder. Recognition begun early runs on
    a thread of the listener's own; :meth:`close` ends it."""

    def __init__(self, recogniser: ASRBackend, turn: TurnSettings | None = None, language: str | None = "en") -> None:
        self.recogniser, self.turn, self.language = recogniser, turn or TurnSettings(), language
        self.vad = VadStream()
        self._fed = 0  # samples through the VAD
        self._early_pool: ThreadPoolExecutor | None = None
        self._early: Future[Transcript] | None = None  # the turn's recognition, begun at hear_from_ms
        self.early_used = 0  # partial transcripts whose recognition was begun early (for the tests and logs)
        self._reset()

    def close(self) -> None:
        if self._early_pool is not None:
            self._early_pool.shutdown(wait=False, cancel_futures=True)
            self._early_pool = None

    def _reset(self) -> None:
        pre = max(1, round(self.turn.pre_roll_ms / 1000 / WINDOW_S))
        self._before: deque[np.ndarray] = deque(maxlen=pre)
        self._voiced = 0  # windows of speech in a row before a turn
        self._in_turn = False
        self._speaking = False
        self._audio: list[np.ndarray] = []
        self._start_s = 0.0
        self._silent = 0  # windows of silence in a row in a turn
        self._partial: Transcript | None = None
        self._wait_ms = 0
        self._drop_early()

    def _drop_early(self) -> None:
        if self._early is not None:
            self._early.cancel()  # not begun yet: never runs; running: finishes, and nobody reads it
        self._early = None

    @property
    def in_turn(self) -> bool:
        return self._in_turn

    @property
    def hearing_early(self) -> bool:
        """Whether a recognition begun early (``hear_from_ms``) is waiting to be used at the pause."""
        return self._early is not None

    @property
    def partial(self) -> Transcript | None:
        """The transcript made at this turn's pause, while the turn rule waits; None once speech goes on (or
        between turns)."""
        return self._partial

    def feed(self, samples: np.ndarray) -> list[ListenEvent]:
        """Take 16 kHz mono float32 ``samples``; the events they complete, in order."""
        events: list[ListenEvent] = []
        for prob, window in self.vad.windows(samples):
            self._fed += len(window)
            now = self._fed / ASR_SAMPLE_RATE
            if not self._in_turn:
                self._before.append(window)
                self._voiced = self._voiced + 1 if prob >= self.turn.vad_threshold else 0
                if self._voiced * WINDOW_S * 1000 >= self.turn.min_speech_ms:
                    self._in_turn = self._speaking = True
                    self._audio = list(self._before)
                    self._start_s = now - len(self._audio) * WINDOW_S
                    events.append(ListenEvent(EventKind.SPEECH_STARTED, now - self._voiced * WINDOW_S))
                continue
            self._audio.append(window)
            if prob >= self.turn.vad_threshold:
                self._speaking, self._silent = True, 0
                self._partial = None
                self._drop_early()
            elif prob < self.turn.vad_threshold - HYSTERESIS or not self._speaking:
                self._speaking = False
                self._silent += 1
            silent_ms = round(self._silent * WINDOW_S * 1000)
            early = self.turn.hear_from_ms
            if early is not None and early <= silent_ms and self._partial is None and self._early is None:
                self._early = self._begin_hearing()
            if self._partial is None and self._silent and silent_ms >= self.turn.pause_ms:
                self._partial = self._hear(final=False)
                self._wait_ms = end_of_turn_ms(self._partial.text, self.turn)
                events.append(ListenEvent(EventKind.TRANSCRIPT, now, self._partial))
            if self._partial is not None and silent_ms >= self._wait_ms:
                events += self._end(now, Transcript(self._partial.text, self._partial.words, True), silent_ms)
            elif now - self._start_s >= self.turn.max_turn_s:
                events += self._end(now, self._hear(final=True), 0)
        return events

    def flush(self) -> list[ListenEvent]:
        """End the stream: a turn in progress ends now, with what it has."""
        if not self._in_turn:
            return []
        now = self._fed / ASR_SAMPLE_RATE
        partial = self._partial
        final = Transcript(partial.text, partial.words, True) if partial is not None else self._hear(final=True)
        return self._end(now, final, 0)

    def _hear(self, final: bool) -> Transcript:
        """The turn so far: the early recognition's transcript (waited for) where one was begun, since every
        window after its audio was silence; else recognised now."""
        if self._early is not None:
            heard = self._early.result()
            self._early = None
            self.early_used += 1
            return Transcript(heard.text, heard.words, final)
        audio = np.concatenate(self._audio) if self._audio else np.zeros(0, np.float32)
        heard = self.recogniser.transcribe(audio, self.language).shifted(self._start_s, final=final)
        # the recogniser's word times come from its attention, and its last word may run on into the pause
        # (by up to 0.3 s with Whisper's shortened window); the VAD knows where the speech stopped
        return heard.ending_by(self._fed / ASR_SAMPLE_RATE - self._silent * WINDOW_S)

    def _begin_hearing(self) -> Future[Transcript]:
        """The turn so far, recognised on the listener's thread while the feeder goes on."""
        if self._early_pool is None:
            self._early_pool = ThreadPoolExecutor(1, thread_name_prefix="hear-early")
        heard = np.concatenate(self._audio) if self._audio else np.zeros(0, np.float32)
        # what the pause will add is silence by the VAD: zeros in its place, so the recogniser hears exactly as
        # many samples as the pause's recognition would (the pause is reached at whole VAD windows: 256 ms for
        # 250). Whisper given less trailing silence heard worse (WER 0.127 against 0.108 on 63 questions), and
        # 6 ms short of the pause's length flipped 41 of 840 clean clips (benchmarks/bench_listening.py)
        missing = max(0, (self._pause_windows() - self._silent) * VAD_WINDOW)
        audio = np.concatenate([heard, np.zeros(missing, np.float32)])
        start, end = self._start_s, self._fed / ASR_SAMPLE_RATE - self._silent * WINDOW_S

        def hear() -> Transcript:
            heard = self.recogniser.transcribe(audio, self.language).shifted(start, final=False)
            return heard.ending_by(end)

        return self._early_pool.submit(hear)

    def _pause_windows(self) -> int:
        """The silent VAD windows in a row at which :meth:`feed` reaches the pause."""
        return next(n for n in range(1, 10_000) if round(n * WINDOW_S * 1000) >= self.turn.pause_ms)

    def _end(self, now: float, final: Transcript, waited_ms: int) -> list[ListenEvent]:
        logger.debug("turn ended at %.2f s after %d ms of silence: %r", now, waited_ms, final.text)
        self._reset()
        return [
            ListenEvent(EventKind.TRANSCRIPT, now, final),
            ListenEvent(EventKind.SPEECH_ENDED, now, None, waited_ms),
        ]
