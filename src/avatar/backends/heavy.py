"""What the torch backends (qwen3-tts, xtts) share: finding weights, fingerprinting them, caching voices.

Nothing here imports torch at module level, so the CLI can import a backend module for free.
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from avatar import atomic
from avatar.backends.base import TTSBackend
from avatar.config.schema import ModelRef
from avatar.errors import AvatarError, InputError, MissingDependencyError

if TYPE_CHECKING:
    from avatar.voices.stored import StoredVoice

logger = logging.getLogger(__name__)

CACHE_FORMAT = 1
FINGERPRINT_CHARS = 24
WEIGHT_SUFFIXES = (".safetensors", ".pth", ".pt", ".bin", ".json", ".txt", ".model")
# Reference audio beyond this is ignored by both models' cloning code; reading more is wasted work.
MAX_REFERENCE_SECONDS = 30.0
# Rough share of a CJK character in spoken time relative to a Latin one (a syllable vs a letter).
WIDE_CHAR_WEIGHT = 3


@dataclass
class PreparedVoice:
    """A voice's conditioning for one backend and model, as ``prepare_voice`` returns it."""

    backend: str
    voice_id: str
    fingerprint: str  # of the model weights the conditioning came from
    path: Path  # the cache file
    cache_hit: bool
    data: Any  # backend-specific: prompt items (qwen3-tts), latents (xtts)

    def describe(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "voice": self.voice_id,
            "fingerprint": self.fingerprint,
            "cache": str(self.path),
            "cache_hit": self.cache_hit,
        }


def import_or_explain(module: str, package: str, extra: str) -> Any:
    """Import an optional package or raise MissingDependencyError with the install line.

    Some of these packages print on import (qwen-tts: a flash-attn notice on stdout), which would corrupt
    the CLI's ``--json`` output; what they print goes to the debug log instead.
    """
    import importlib

    from avatar.quiet import output_to_log

    try:
        with output_to_log(f"importing {module}"):
            return importlib.import_module(module)
    except ImportError as exc:
        missing = exc.name or package
        logger.debug("import of %s failed: %s", module, exc)
        raise MissingDependencyError(missing if missing != module else package, extra=extra) from None
    except OSError as exc:  # a compiled extension built for another torch (typically torchaudio's)
        raise AvatarError(
            f"importing {module} failed ({exc}); install the torchaudio build that matches your torch, "
            "or on a CPU-only install run scripts/install-heavy.sh"
        ) from None


def resolve_model_dir(model: ModelRef | None, backend: str, default_hub_id: str, required: tuple[str, ...]) -> Path:
    """The local folder holding a backend's weights. Never downloads.

    ``model.path`` is used as given; a ``hub_id`` (or the backend's default) is looked up only in the local
    Hugging Face cache. A missing model is an InputError that says how to get it.
    """
    how = f"download it once with `hf download {default_hub_id}` or point models.{backend}.path at a local folder"
    if model is not None and model.path:
        folder = Path(model.path).expanduser()
        if not folder.is_dir():
            raise InputError(f"{backend} model folder {folder} does not exist; {how}")
    else:
        hub_id = (model.hub_id if model else None) or default_hub_id
        how = f"download it once with `hf download {hub_id}` or point models.{backend}.path at a local folder"
        try:
            from huggingface_hub import snapshot_download
            from huggingface_hub.errors import LocalEntryNotFoundError
        except ImportError:
            raise InputError(f"{backend} model '{hub_id}' cannot be looked up (no huggingface_hub); {how}") from None
        try:
            folder = Path(snapshot_download(hub_id, local_files_only=True))
        except (LocalEntryNotFoundError, OSError, ValueError):
            raise InputError(f"{backend} model '{hub_id}' is not in the local Hugging Face cache; {how}") from None
    missing = [name for name in required if not (folder / name).is_file()]
    if missing:
        raise InputError(f"{backend} model folder {folder} lacks {', '.join(missing)}; {how}")
    if model is not None and model.sha256:
        _verify_sha256(folder, model.sha256, backend)
    return folder


def _verify_sha256(folder: Path, expected: dict[str, str], backend: str) -> None:
    for name, digest in expected.items():
        path = folder / name
        if not path.is_file():
            raise InputError(f"{backend} model file {path} is missing (models.{backend}.sha256 lists it)")
        if atomic.sha256_file(path) != digest.lower():
            raise InputError(f"{backend} model file {path} does not match models.{backend}.sha256")


def model_files(folder: Path) -> list[Path]:
    """Files that define a model's behaviour (configs, tokenizers, weights), in a stable order."""
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in WEIGHT_SUFFIXES and not any(part.startswith(".") for part in p.parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def fingerprint(folder: Path) -> str:
    """A short key for "these exact weights": config contents plus every model file's size and mtime.

    Hashing multi-gigabyte weights on every run would cost more than the cache saves; size and mtime change
    whenever a file is replaced, and a copied model simply gets a fresh (recomputed) cache.
    """
    h = hashlib.sha256()
    for path in model_files(folder):
        rel = path.relative_to(folder).as_posix()
        stat = path.stat()
        h.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        if path.name == "config.json":
            h.update(path.read_bytes())
    return h.hexdigest()[:FINGERPRINT_CHARS]


def weights_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in model_files(folder)) / (1024 * 1024)


def voice_source(stored: StoredVoice) -> dict[str, str]:
    """What a cached conditioning was computed from; a re-recorded voice invalidates it."""
    ref = getattr(stored, "reference_sha256", None) or atomic.sha256_file(stored.reference_audio)
    text = stored.transcript or ""
    return {"reference_sha256": str(ref), "transcript_sha256": hashlib.sha256(text.encode()).hexdigest()}


def save_cache(path: Path, payload: dict[str, Any]) -> None:
    """torch.save a dict of plain tensors/strings/lists atomically (loadable with ``weights_only=True``)."""
    import torch

    with atomic.atomic_path(path) as tmp:
        torch.save({"format": CACHE_FORMAT, **payload}, tmp)


def load_cache(path: Path, source: dict[str, str]) -> dict[str, Any] | None:
    """The cached payload, or None when absent, unreadable, of another format or from another source."""
    if not path.is_file():
        return None
    import torch

    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # a truncated or foreign file: recompute rather than fail the run
        logger.warning("ignoring unreadable voice cache %s (%s)", path, exc)
        return None
    if not isinstance(payload, dict) or payload.get("format") != CACHE_FORMAT or payload.get("source") != source:
        logger.info("voice cache %s is stale; recomputing", path)
        return None
    return payload


def read_reference(stored: StoredVoice, target_rate: int | None = None) -> tuple[Any, int]:
    """The voice's reference audio as mono float32 samples (at most 30 s), resampled to ``target_rate``.

    Resampling happens here, with torch, so that neither model falls back to librosa's resampler, whose
    numba compilation costs tens of seconds on a cold cache.
    """
    import numpy as np

    from avatar.audio import io as audio_io

    samples, sr = audio_io.read(stored.reference_audio)
    if samples.ndim > 1:
        samples = samples.mean(axis=1)
    samples = np.ascontiguousarray(samples[: int(sr * MAX_REFERENCE_SECONDS)], dtype=np.float32)
    if samples.size == 0:
        raise InputError(f"voice '{stored.id}': the reference audio {stored.reference_audio} is empty")
    if target_rate is not None and target_rate != sr:
        import torch
        import torchaudio.functional as taf  # pure torch; torchaudio's compiled extension is not needed

        samples = taf.resample(torch.from_numpy(samples), sr, target_rate).numpy().astype(np.float32)
        sr = target_rate
    return samples, sr


def text_units(text: str) -> int:
    """Spoken-length units of a text: one per character, more for CJK characters (a syllable each)."""
    return sum(WIDE_CHAR_WEIGHT if ord(ch) >= 0x2E80 else 1 for ch in text if not ch.isspace()) + text.count(" ")


def token_budget(text: str, per_unit: float, floor: int, cap: int) -> int:
    """``max_new_tokens`` for one chunk: proportional to its length, so a short text cannot run away."""
    return max(1, min(cap, floor + math.ceil(per_unit * text_units(text))))


def torch_dtype(name: str, device: str) -> Any:
    """The torch dtype for a settings dtype name; half precision on the CPU falls back to float32."""
    import torch

    if device.startswith("cpu") and name == "float16":
        logger.info("float16 is slow or unsupported on the CPU; using float32")
        return torch.float32
    value = getattr(torch, name, None)
    if not isinstance(value, torch.dtype):
        raise InputError(f"unknown dtype '{name}'; use float32, float16 or bfloat16")
    return value


class HeavyBackend(TTSBackend):
    """A torch backend whose weights are a folder: located without downloading, fingerprinted for cache
    keys, sized for memory estimates. Subclasses set ``default_hub_id`` and ``required_files``."""

    default_hub_id: ClassVar[str]
    required_files: ClassVar[tuple[str, ...]]
    # Bytes in memory per byte of weights on disk at this dtype (checkpoints stored in bf16 double in fp32),
    # plus activations and caches on top.
    activations_mb: ClassVar[float] = 512.0

    def __init__(self, device: str, dtype: str, model: ModelRef | None = None, **options: Any) -> None:
        super().__init__(device, dtype, model, **options)
        self._folder: Path | None = None
        self._fingerprint: str | None = None
        # How often prepare_voice computed the conditioning vs read it from a voice's cache (tests read these).
        self.conditioning_computed = 0
        self.conditioning_loaded = 0

    def weights_factor(self) -> float:
        return 1.0

    def locate(self) -> Path:
        return self.model_dir()

    def model_dir(self) -> Path:
        if self._folder is None:
            self._folder = resolve_model_dir(self.model, self.name, self.default_hub_id, self.required_files)
        return self._folder

    def model_id(self) -> str:
        if self.model and self.model.path:
            return str(self.model.path)
        return (self.model.hub_id if self.model else None) or self.default_hub_id

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = fingerprint(self.model_dir())
        return self._fingerprint

    def estimate_mb(self) -> float:
        try:
            size = weights_mb(self.model_dir())
        except InputError:
            return self.default_estimate_mb
        return size * self.weights_factor() + self.activations_mb
