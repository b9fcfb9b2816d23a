"""A speaking port (:class:`avatar.speaking.port.SpeakingPort`) on a speech backend loaded in this process:
each sentence prepared and cut by the speaking service and spoken in a thread, one at a time where the
backend is not thread-safe. For a conversation outside the server (a benchmark, a test, a CLI); the server
speaks through its device thread instead (:class:`avatar.serve.live_speaking.DeviceSpeaking`)."""

from __future__ import annotations

import asyncio
import threading
import time

import numpy as np

from avatar.backends.base import TTSBackend
from avatar.speaking.port import Spoken, Voice
from avatar.speaking.service import plan_chunks, prepare_script, speak_chunks
from avatar.text.phonemes import WORD_BOUNDARY

CHUNK_CHARS = 400


class LocalSpeaking:
    """Speaks with ``backend`` (loaded by the caller; ``voice.model`` is not looked up)."""

    def __init__(self, backend: TTSBackend) -> None:
        self.backend = backend
        self._lock = threading.Lock()

    def speak_now(self, voice: Voice, text: str, cancelled: threading.Event) -> Spoken | None:
        """:meth:`speak` in the calling thread."""
        if cancelled.is_set():
            return None
        t0 = time.perf_counter()
        script = prepare_script(text, self.backend, voices_root=None, user=None, language=voice.language)
        plan = plan_chunks(script, CHUNK_CHARS, per_sentence=True)
        rate = self.backend.sample_rate
        parts: list[np.ndarray] = []
        phonemes: list[tuple[str, int]] | None = []
        with self._lock:
            spoken = list(speak_chunks(self.backend.speak, plan, rate, 0, language=voice.language,
                                       speaker=voice.speaker))  # fmt: skip
        for part in spoken:
            parts += [part.pause, np.asarray(part.speech.samples, np.float32).reshape(-1)]
            if phonemes is not None and part.speech.phonemes is not None:
                phonemes += ([(WORD_BOUNDARY, part.pause.size)] if part.pause.size else []) + part.speech.phonemes
            else:
                phonemes = None
        audio = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return Spoken(audio, rate, phonemes if parts else None, time.perf_counter() - t0)

    async def speak(self, voice: Voice, text: str, cancelled: threading.Event) -> Spoken | None:
        return await asyncio.to_thread(self.speak_now, voice, text, cancelled)

    def warm(self, model: str) -> None:
        """The backend is loaded already."""
