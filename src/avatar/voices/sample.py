"""Speak a short sample with a voice through a cloning backend (``avatar voice test``)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avatar.errors import AvatarError, UnknownNameError, UsageError
from avatar.voices.stored import StoredVoice

if TYPE_CHECKING:
    from avatar.config.schema import Settings

logger = logging.getLogger(__name__)

DEFAULT_SAMPLE_TEXT = "Hello! This is a short test of my cloned voice."


def speak_sample(
    stored: StoredVoice,
    out: Path,
    settings: Settings,
    text: str = DEFAULT_SAMPLE_TEXT,
    backend_name: str | None = None,
    model_path: Path | None = None,
    voices_root: Path | None = None,
) -> tuple[Path, float, int]:
    """Load the backend on ``settings.device`` in ``settings.dtype`` (its model: ``model_path``, else
    ``settings.models[backend]``, else the backend's default), prepare the voice, speak ``text`` into ``out``
    through the speaking service (as a run's ``synthesize`` stage does; the lexicon of the voice's owner under
    ``voices_root``), unload, with the memory checks of ``settings.memory``. (path, seconds, rate)."""
    from avatar.backends.registry import backend_class, backend_names, cloning_backends
    from avatar.hardware import device as hw

    name = backend_name or stored.default_backend
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
    from avatar.config.schema import ModelRef
    from avatar.hardware.choice import effective_dtype

    choice = hw.resolve(settings.device)
    dtype, _ = effective_dtype(choice.kind, settings.dtype, hw.info(choice).bf16)  # as a stage and the server
    model = ModelRef(path=str(model_path)) if model_path else settings.models.get(name)
    backend = cls(choice.device, dtype, model)
    chunks = _chunks(text, backend, stored, voices_root, settings.chunk_chars)  # bad SSML: before any load
    seconds, rate = _speak_through_core(backend, choice, stored, chunks, out, settings)
    return out, seconds, rate


def _chunks(text: str, backend: Any, stored: StoredVoice, voices_root: Path | None, chunk_chars: int) -> list[Any]:
    """The sample as a run's ``synthesize`` stage cuts a script (the speaking service): the voice owner's
    lexicon, normalisation, SSML, chunks of ``chunk_chars``."""
    from avatar.speaking.service import plan_chunks, prepare_script

    script = prepare_script(text, backend, voices_root=voices_root, user=stored.user, language=stored.language)
    chunks = plan_chunks(script, chunk_chars)
    if not chunks:
        raise UsageError("the sample text has nothing to speak")
    return chunks


def _speak_through_core(
    backend: Any, choice: Any, stored: StoredVoice, chunks: list[Any], out: Path, settings: Settings
) -> tuple[float, int]:
    """The run policy over the residency core, as a pipeline stage would: one lease (estimate under the
    backend's one key > fit > measured load), one measured use (prepare the voice, speak), and its release
    (unload, clean, verify, record). A backend that does not fit is one clear error, before anything loads."""
    from avatar.audio import io
    from avatar.backends.base import estimate_key
    from avatar.constants import DEFAULT_PAUSE_MS
    from avatar.errors import InsufficientMemoryError
    from avatar.memory.residency import RUN, Loadable, open_residency
    from avatar.speaking.service import speak_all

    mem = settings.memory
    residency = open_residency(mem)
    # The key a `synthesize` stage and the server use for this backend loaded this way: each learns from the other.
    model = backend.model_id()
    key = estimate_key(backend.name, model, backend.dtype, choice.kind, False, settings.chunk_chars, backend.options)

    def no_room(headroom: float) -> None:
        limits = f"{mem.safety_margin_mb} MB safety margin"
        if mem.budget_mb is not None:
            limits += f" within the {mem.budget_mb} MB memory.budget_mb"
        raise InsufficientMemoryError(
            f"backend '{backend.name}' needs about {lease.estimate.mb:.0f} MB ({lease.estimate.source} estimate) "
            f"on {choice.device} but only {max(0.0, headroom):.0f} MB is free after the {limits}; "
            "close other programs, pass --device cpu, or lower memory.safety_margin_mb with --set"
        )

    backend.prepare_imports()  # before the lease's baseline: an import's memory is not the model's
    loadable = Loadable(
        f"voice test ({backend.name})", lambda: choice, lambda: key, backend.estimate_mb(), backend.load, backend.unload
    )
    lease = residency.acquire(loadable, RUN, on_no_room=no_room)
    with lease, lease.use():
        conditioning = backend.prepare_voice(stored)
        rate = int(backend.sample_rate)
        samples = speak_all(backend.speak, chunks, rate, DEFAULT_PAUSE_MS, language=stored.language,
                            conditioning=conditioning)  # fmt: skip
    released = lease.released
    io.write(out, samples, rate)
    logger.info(
        "voice %s via %s: %.1f s sample in %s; peak %.0f MB over %.0f MB before, memory returned: %s",
        stored.id, backend.name, samples.size / rate, out, lease.resident.delta(),
        lease.resident.baselines.get(choice.device, 0.0), released is not None and released.returned,
    )  # fmt: skip
    return samples.size / rate, rate
