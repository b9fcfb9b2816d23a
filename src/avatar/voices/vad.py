"""Voice activity detection with Silero VAD, whose TorchScript model ships inside the ``silero-vad`` wheel."""

from __future__ import annotations

import importlib.util
import logging
import threading
from pathlib import Path
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


def _packaged_onnx() -> Path:
    """Where the ``silero-vad`` wheel keeps its ONNX model, found without importing the package: its
    ``__init__`` imports torch (seconds of CPU on a live session's first audio, while the microphone's
    backlog fills) and sets torch's thread count to 1 for the whole process."""
    spec = importlib.util.find_spec("silero_vad")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError("silero-vad", purpose="voice activity detection")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "silero_vad.onnx"


def _load_stream_model() -> Any:
    """Silero's ONNX form (in the same wheel) in onnxruntime with one thread. Streams call it every 32 ms, one
    window at a time; torch's thread pool costs more than such a call on a busy machine (5 s of audio took
    7.8 s with two torch threads under load, 0.1 s here), and torch's thread count is the process's, which
    the TorchScript model above must not change."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    path = _packaged_onnx()
    return onnxruntime.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


# The same network for streams; onnxruntime's run() may be called from several threads at once.
STREAM_MODEL = Kept("silero VAD (ONNX, streams)", _load_stream_model, static_mb=8.0)
_SR = np.array(VAD_SAMPLE_RATE, dtype=np.int64)


class VadStream:
    """Speech probability of a stream, window by window, for one listener. The kept model is shared; the
    recurrent state and context are this stream's own, so streams never disturb one another (silero's own
    wrappers keep them in the model object, hence :data:`_LOCK` for whole-file checks)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._pending = np.zeros(0, np.float32)
        self._state = np.zeros((2, 1, 128), np.float32)
        self._context = np.zeros((1, _CONTEXT), np.float32)

    def windows(self, samples: np.ndarray) -> list[tuple[float, np.ndarray]]:
        """(speech probability, window) for every whole window of 16 kHz ``samples`` fed so far; a partial
        window waits for the next call."""
        audio = np.concatenate([self._pending, np.asarray(samples, np.float32).reshape(-1)])
        whole = len(audio) // VAD_WINDOW * VAD_WINDOW
        self._pending = audio[whole:].copy()
        if not whole:
            return []
        net = STREAM_MODEL.get()
        out: list[tuple[float, np.ndarray]] = []
        for i in range(0, whole, VAD_WINDOW):
            window = audio[i : i + VAD_WINDOW]
            x = np.concatenate([self._context, window.reshape(1, -1)], axis=1)
            prob, self._state = net.run(None, {"input": x, "state": self._state, "sr": _SR})
            self._context = x[:, -_CONTEXT:]
            out.append((float(prob.reshape(-1)[0]), window))
        return out
