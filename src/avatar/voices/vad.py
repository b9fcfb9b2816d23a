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
