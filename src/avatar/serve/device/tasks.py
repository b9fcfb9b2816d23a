"""What the device thread runs: the task types, their classes, and what a task sends back.

HTTP handlers and the server's services build a task, submit it to the scheduler
(:mod:`avatar.serve.device.scheduler`) and await what the device thread sends back through the task's ``emit``
callback (thread-safe, set by the submitter). A task carries its class (``interactive`` first, then ``studio``
pipeline runs, then ``batch``) and its caller (``user``: whose share of the queue it holds). A streamed speech
task has a :class:`Flow`: once ``serve.limits.stream_ahead_s`` seconds of its audio wait unread, the task is
*parked* (off the device, its place kept) and goes back on the queue when its reader has taken half of that.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from avatar.voices.stored import StoredVoice


@dataclass
class Started:
    """The first item a speech task emits: the sample rate of the chunks that follow."""

    sample_rate: int


DONE = object()  # the last item of a task (after its chunks), unless an exception is emitted instead


INTERACTIVE, STUDIO, BATCH = "interactive", "studio", "batch"
CLASSES = (INTERACTIVE, STUDIO, BATCH)  # best first


class Flow:
    """Back-pressure between a streamed speech task and its reader (thread-safe: the worker sends, the request's
    loop takes). The worker asks :meth:`park` before each sentence: with ``ahead_s`` seconds or more of audio
    sent and not yet taken, the task is parked and ``resume`` is called once the reader has taken enough (half
    of it), or at once when the task is cancelled (:meth:`close`), so a parked task always comes back to be
    answered and to give its place back."""

    def __init__(self, ahead_s: float) -> None:
        self.ahead_s = float(ahead_s)
        self.buffered_s = 0.0  # audio sent and not yet taken by the reader
        self.peak_s = 0.0
        self.parks = 0
        self._rate = 0
        self._closed = False
        self._resume: Callable[[], None] | None = None
        self._lock = threading.Lock()

    @staticmethod
    def _samples(item: Any) -> int:
        samples = getattr(item, "samples", item)
        return int(getattr(samples, "size", 0) or 0)

    def sent(self, item: Any, sample_rate: int) -> None:
        with self._lock:
            self._rate = sample_rate
            self.buffered_s += self._samples(item) / max(1, sample_rate)
            self.peak_s = max(self.peak_s, self.buffered_s)

    def took(self, item: Any) -> None:
        """The reader took ``item`` off the task's channel."""
        if isinstance(item, Started) or item is DONE or isinstance(item, BaseException):
            return
        resume = None
        with self._lock:
            self.buffered_s = max(0.0, self.buffered_s - self._samples(item) / max(1, self._rate))
            if self._resume is not None and self.buffered_s <= self.ahead_s / 2:
                resume, self._resume = self._resume, None
        if resume is not None:
            resume()

    def park(self, resume: Callable[[], None]) -> bool:
        """True (and ``resume`` kept for later) when the reader is ``ahead_s`` behind; False: go on."""
        with self._lock:
            if self._closed or self.buffered_s < self.ahead_s:
                return False
            self._resume = resume
            self.parks += 1
            return True

    def close(self) -> None:
        """The task was cancelled: a parked task comes back now (to be answered and give its place back)."""
        with self._lock:
            self._closed = True
            resume, self._resume = self._resume, None
        if resume is not None:
            resume()


class _Cancel(threading.Event):
    """A streamed task's ``cancelled``: setting it also wakes the task if it is parked for its reader."""

    def __init__(self, on_set: Callable[[], None]) -> None:
        super().__init__()
        self._on_set = on_set

    def set(self) -> None:
        super().set()
        self._on_set()


@dataclass
class SpeechTask:
    model: str
    chunks: list[str]
    emit: Callable[[Any], None]
    speaker: str | None = None
    language: str | None = None
    instruct: str | None = None
    speed: float = 1.0
    voice: StoredVoice | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)
    rates: list[float] | None = None  # per chunk, times ``speed`` (SSML <prosody rate>)
    timestamps: bool = False  # emit each chunk's Speech (samples and phonemes), not its samples alone
    klass: str = INTERACTIVE
    user: str | None = None  # whose place in the queue it holds (None: nobody's share, e.g. a live session's)
    flow: Flow | None = None  # a streamed request's back-pressure
    next: int = 0  # chunks generated so far (a parked task resumes here)

    def __post_init__(self) -> None:
        if self.flow is not None and not isinstance(self.cancelled, _Cancel):
            was_set = self.cancelled.is_set()
            self.cancelled = _Cancel(self.flow.close)
            if was_set:
                self.cancelled.set()


@dataclass
class _ModelTask:
    """A task on one served model; its type says what to do with it."""

    model: str
    emit: Callable[[Any], None]
    _: KW_ONLY
    cancelled: threading.Event = field(default_factory=threading.Event)
    klass: str = INTERACTIVE
    user: str | None = None


class LoadModel(_ModelTask):
    """Load a served model (an admin's request, or a live session warming its voice's model)."""


class UnloadModel(_ModelTask):
    """Unload a served model (an admin's request)."""


@dataclass
class Call:
    """Work run as it is on the device thread (``fn``), answered with what it returns. Its kind is its type:
    ``label`` names it in logs and errors; ``fits_beside_run`` says whether it may run beside a pipeline run
    at once (else it waits for the run's next boundary); ``model`` is the served model it speaks with, if any
    (``None``: it loads what it needs itself)."""

    emit: Callable[[Any], None]
    fn: Callable[[], Any]
    _: KW_ONLY
    cancelled: threading.Event = field(default_factory=threading.Event)
    klass: str = INTERACTIVE
    user: str | None = None  # whose place in the queue it holds (None: nobody's share)
    model: str | None = None

    label: ClassVar[str] = "call"
    fits_beside_run: ClassVar[bool] = False

    @property
    def name(self) -> str:
        """What logs and errors call it: its model, or its kind."""
        return self.model if self.model is not None else self.label


@dataclass
class VoiceWork(Call):
    """A voice check or a voice's embedding: the speaker encoder is small and on the CPU, so it runs beside a
    pipeline run at once."""

    label: ClassVar[str] = "voices"
    fits_beside_run: ClassVar[bool] = True


@dataclass
class PortraitWork(Call):
    """A portrait's face found and checked."""

    label: ClassVar[str] = "portraits"


@dataclass
class PipelineRun(Call):
    """Pipeline runs over HTTP (``serve/runs.py``): they hold the device thread for their whole length, with
    the interactive lane open beside them."""

    klass: str = field(default=STUDIO, kw_only=True)
    label: ClassVar[str] = "pipeline"


@dataclass
class Sentence(Call):
    """A live session's sentence, spoken with ``model`` (the speaking port on the device thread)."""

    label: ClassVar[str] = "sentence"


def share_of(who: Any) -> str | None:
    """Whose share of the device queue a caller's task counts against (``serve.limits.queued``): the caller's on
    a server with keys; nobody's on a keyless server, whose one user has the whole queue (``serve.queue``)."""
    return str(who.user) if getattr(who, "key_id", None) is not None else None


Task = SpeechTask | LoadModel | UnloadModel | Call
