"""Voice activity detection with Silero VAD, whose TorchScript model ships inside the ``silero-vad`` wheel."""

from __future__ import annotations

import logging
import threading
from typing import Any

import numpy as np

from avatar.errors import MissingDependencyError
from avatar.memory.kept import Kept

logger = logging.getLogger(__name__)

VAD_SAMPLE_RATE = 16000
VAD_THRESHOLD = 0.5
MIN_SPEECH_MS = 250
MIN_SILENCE_MS = 100
# Silero's model keeps its recurrent state in the object (get_speech_timestamps resets it and then feeds it
# window by window), so two voice uploads checked at once in the request thread pool would corrupt each
# other's results: one caller at a time. A whole minute of audio takes about 0.1 s.
_LOCK = threading.Lock()


def _load() -> Any:
    import torch

    # silero_vad.model calls torch.set_num_threads(1) when imported; that would slow every later torch
    # model in this process, so the thread count is put back.
    threads = torch.get_num_threads()
    try:
        from silero_vad.model import load_silero_vad  # the package's io helpers (torchaudio) stay unused
    except ImportError:
        raise MissingDependencyError("silero-vad", purpose="voice activity detection") from None
    finally:
        torch.set_num_threads(threads)
    model = load_silero_vad(onnx=False)
    logger.debug("silero VAD loaded")
    return model


# Kept for the process once loaded, and seen by the residency core (a 2 MB TorchScript model).
MODEL = Kept("silero VAD", _load, static_mb=16.0)


def speech_segments(samples: np.ndarray, sample_rate: int = VAD_SAMPLE_RATE) -> list[tuple[float, float]]:
    """Voiced stretches of mono ``samples`` (which must be at 16 kHz) as (start, end) in seconds."""
    if sample_rate != VAD_SAMPLE_RATE:
        raise ValueError(f"speech_segments needs {VAD_SAMPLE_RATE} Hz audio, got {sample_rate}")
    import torch
    from silero_vad.utils_vad import get_speech_timestamps

    model = MODEL.get()
    audio = torch.from_numpy(np.ascontiguousarray(samples, dtype=np.float32))
    with _LOCK, torch.inference_mode():
        stamps = get_speech_timestamps(
            audio,
            model,
            threshold=VAD_THRESHOLD,
            sampling_rate=VAD_SAMPLE_RATE,
            min_speech_duration_ms=MIN_SPEECH_MS,
            min_silence_duration_ms=MIN_SILENCE_MS,
            speech_pad_ms=0,
        )
    return [(int(s["start"]) / VAD_SAMPLE_RATE, int(s["end"]) / VAD_SAMPLE_RATE) for s in stamps]


VAD_WINDOW = 512  # samples silero hears at a time at 16 kHz (32 ms)
_CONTEXT = 64  # samples of the previous window it hears with each one


class VadStream:
    """Speech probability of a stream, window by window, for one listener. The kept model is shared; the
    recurrent state and context are this stream's own, so streams never disturb one another (silero's
    own ``__call__`` keeps them in the shared model, hence :data:`_LOCK` for whole-file checks)."""

    def __init__(self) -> None:
        self._pending = np.zeros(0, np.float32)
        self._state: Any = None
        self._context: Any = None

    def reset(self) -> None:
        self._pending = np.zeros(0, np.float32)
        self._state = self._context = None

    def windows(self, samples: np.ndarray) -> list[tuple[float, np.ndarray]]:
        """(speech probability, window) for every whole window of 16 kHz ``samples`` fed so far; a partial
        window waits for the next call."""
        import torch

        audio = np.concatenate([self._pending, np.asarray(samples, np.float32).reshape(-1)])
        whole = len(audio) // VAD_WINDOW * VAD_WINDOW
        self._pending = audio[whole:].copy()
        if not whole:
            return []
        net = MODEL.get()._model  # the 16 kHz network itself: forward(context + window, state) -> (prob, state)
        if self._state is None:
            self._state = torch.zeros(2, 1, 128)
            self._context = torch.zeros(1, _CONTEXT)
        out: list[tuple[float, np.ndarray]] = []
        with torch.inference_mode():
            for i in range(0, whole, VAD_WINDOW):
                window = audio[i : i + VAD_WINDOW]
                x = torch.cat([self._context, torch.from_numpy(window).reshape(1, -1)], dim=1)
                prob, self._state = net(x, self._state)
                self._context = x[:, -_CONTEXT:]
                out.append((float(prob.reshape(-1)[0]), window))
        return out
