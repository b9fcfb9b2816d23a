"""Speak a short sample with a voice profile through a cloning backend (``avatar voice test``)."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from avatar.errors import AvatarError, UnknownNameError, UsageError
from avatar.voices.profile import VoiceProfile

logger = logging.getLogger(__name__)

DEFAULT_SAMPLE_TEXT = "Hello! This is a short test of my cloned voice."


def speak_sample(
    profile: VoiceProfile,
    out: Path,
    text: str = DEFAULT_SAMPLE_TEXT,
    backend_name: str | None = None,
    device: str | None = None,
    dtype: str = "float32",
    model_path: Path | None = None,
) -> tuple[Path, float, int]:
    """Load the backend, prepare the voice, speak ``text`` into ``out``, unload. (path, seconds, rate)."""
    from avatar.audio import io
    from avatar.backends.base import SynthesisRequest
    from avatar.backends.registry import backend_class, backend_names, cloning_backends
    from avatar.hardware import device as hw

    name = backend_name or profile.default_backend
    if name not in backend_names():
        raise UnknownNameError("speech backend", name, backend_names())
    if name not in cloning_backends():
        raise UsageError(f"backend '{name}' cannot clone a voice; choose one of: {', '.join(cloning_backends())}")
    if not text.strip():
        raise UsageError("the sample text is empty")
    try:
        cls = backend_class(name)
    except ModuleNotFoundError as exc:
        # The backend module itself is missing from this install (not the model package it wraps).
        if exc.name and exc.name.startswith("avatar."):
            raise AvatarError(f"backend '{name}' is not available in this install of avatar") from None
        raise
    choice = hw.resolve(device)
    from avatar.config.schema import ModelRef

    backend = cls(choice.device, dtype, ModelRef(path=str(model_path)) if model_path else None)
    backend.load()
    try:
        conditioning = backend.prepare_voice(profile)
        samples = backend.synthesize(SynthesisRequest(text=text, language=profile.language, conditioning=conditioning))
        rate = backend.sample_rate
    finally:
        backend.unload()
        hw.empty_caches(choice)
    samples = np.asarray(samples, dtype=np.float32).reshape(-1)
    io.write(out, samples, rate)
    logger.info("voice %s via %s: %.1f s sample in %s", profile.id, name, len(samples) / rate, out)
    return out, len(samples) / rate, rate
