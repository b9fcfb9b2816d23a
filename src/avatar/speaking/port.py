"""The speaking port: what a live session needs of whoever speaks for it, and nothing more. The server
implements it (:class:`avatar.serve.live_speaking.DeviceSpeaking`, on its device thread); a live session
depends on this protocol, never on the server."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

    from avatar.voices.stored import StoredVoice


@dataclass(frozen=True)
class Voice:
    """What to speak with: a backend, and its stock speaker or the caller's cloned voice."""

    model: str
    speaker: str | None = None
    stored: StoredVoice | None = None  # the caller's own voice, where it clones one
    language: str | None = None


@dataclass
class Spoken:
    """One sentence, spoken: its samples at the backend's rate, its phoneme timing where the backend gives it
    ((phoneme, sample count) pairs), and the seconds the speaking took."""

    samples: np.ndarray  # float32
    sample_rate: int
    phonemes: list[tuple[str, int]] | None
    seconds: float


class SpeakingPort(Protocol):
    async def speak(self, voice: Voice, text: str, cancelled: threading.Event) -> Spoken | None:
        """Speak one sentence; None when ``cancelled`` was set before the speaking began."""
        ...

    def warm(self, model: str) -> None:
        """Load ``model`` now if there is room (a session is opening); never raises."""
        ...
