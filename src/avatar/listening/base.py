"""The speech-recogniser contract (the `avatar.asr` entry-point group; the built-in is ``faster-whisper``).

A recogniser is constructed cheaply; ``load`` puts its weights on the device and ``unload`` drops them;
``transcribe`` hears one stretch of 16 kHz mono audio. A loaded recogniser lives in the residency core as a
kept model (:func:`avatar.listening.registry.recogniser`), never in a hidden cache."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from avatar.errors import AsrError

ASR_SAMPLE_RATE = 16000
ASR_OPTIONS = "serve.live.asr_options"  # the setting a recogniser's options come from


@dataclass(frozen=True)
class Word:
    """One heard word and its times in seconds (from the start of the audio it was heard in, or of the
    stream, as the caller says)."""

    text: str
    start: float
    end: float
    probability: float = 1.0


@dataclass(frozen=True)
class Transcript:
    """What was heard: the text, its words with times, and whether it is final (the turn has ended)."""

    text: str
    words: tuple[Word, ...] = field(default_factory=tuple)
    final: bool = False

    def shifted(self, seconds: float, final: bool | None = None) -> Transcript:
        """The same transcript with every word time moved by ``seconds``."""
        words = tuple(Word(w.text, w.start + seconds, w.end + seconds, w.probability) for w in self.words)
        return Transcript(self.text, words, self.final if final is None else final)

    def ending_by(self, seconds: float) -> Transcript:
        """The same transcript with no word time later than ``seconds`` (where the speech ended)."""
        words = tuple(Word(w.text, min(w.start, seconds), min(w.end, seconds), w.probability) for w in self.words)
        return Transcript(self.text, words, self.final)


class ASRBackend(ABC):
    """A speech recogniser. ``model``: a folder of weights (an operator setting), None for the embedded one."""

    name: ClassVar[str]
    package: ClassVar[str]  # import name, for install checks
    extra: ClassVar[str | None] = None  # the avatar extra that installs it
    sample_rate: ClassVar[int] = ASR_SAMPLE_RATE  # what transcribe() takes
    word_timing: ClassVar[bool] = False  # transcribe() gives word times
    default_estimate_mb: ClassVar[float] = 256.0
    # The options it takes (None: any); another is an AsrError naming it, so a typo in a settings file is
    # found when the recogniser is made, not ignored (as chat models do).
    known_options: ClassVar[frozenset[str] | None] = None

    def __init__(self, device: str = "cpu", model: str | None = None, **options: Any) -> None:
        if self.known_options is not None:
            unknown = sorted(set(options) - self.known_options)
            if unknown:
                name = getattr(self, "name", type(self).__name__)
                raise AsrError(
                    f"unknown option '{unknown[0]}' for the speech recogniser {name} ({ASR_OPTIONS}); "
                    f"it takes: {', '.join(sorted(self.known_options))}"
                )
        self.device = device
        self.model = model
        self.options = options

    def model_id(self) -> str:
        """Identifies the weights (for the residency core's names)."""
        return self.model or f"{self.name} (embedded)"

    def check(self) -> None:  # noqa: B027  (a recogniser may have nothing more to check)
        """What can be checked without loading, at ``avatar serve`` start-up (the options were checked when it
        was made): that a model folder the operator named holds a model. An :class:`AsrError` otherwise."""

    @abstractmethod
    def load(self) -> None: ...

    @abstractmethod
    def unload(self) -> None: ...

    @abstractmethod
    def transcribe(self, samples: np.ndarray, language: str | None = None) -> Transcript:
        """Hear mono float32 ``samples`` at ``sample_rate``; word times from the start of ``samples``."""
