"""Phoneme timing from piper: a copy of the voice model that also outputs each phoneme's length.

Piper voices compute how many audio frames each phoneme lasts (the ``Ceil`` tensor of the VITS duration
predictor) but do not output it. Marking that tensor as an output (piper's own
``patch_voice_with_alignment``, which needs the ``onnx`` package) makes piper return phoneme alignments.
Patching takes a fraction of a second and the model's size in memory, so it is done once per voice and the
patched copy is kept in avatar's cache, keyed by the original file's path, size and modification time.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from avatar import atomic
from avatar.paths import cache_dir

logger = logging.getLogger(__name__)

KEY_CHARS = 16


def cached_path(model: Path) -> Path:
    """Where the patched copy of ``model`` lives (whether or not it exists yet)."""
    st = model.stat()
    key = hashlib.sha256(f"{model.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:KEY_CHARS]
    return cache_dir() / "piper-aligned" / f"{model.stem}-{key}.onnx"


def aligned_model(model: Path) -> Path | None:
    """A voice model that outputs phoneme lengths: the cached patched copy (made now if missing), the
    original when it already has the output, or None when it cannot be had (then piper gives no timing).
    """
    target = cached_path(model)
    if target.is_file():
        return target
    try:
        import onnx
        from piper.patch_voice_with_alignment import add_alignment_output
    except ImportError:
        logger.warning(
            "the onnx package is not installed, so piper gives no phoneme timing and the talking head "
            "follows loudness alone; pip install onnx to get it"
        )
        return None
    proto = onnx.load(str(model))
    try:
        tensor = add_alignment_output(proto)
    except ValueError as exc:
        if "already marked" in str(exc):
            return model  # the voice file was patched by its publisher
        logger.warning("piper voice %s has no duration tensor to expose (%s); no phoneme timing", model.name, exc)
        return None
    try:
        atomic.write_bytes(target, proto.SerializeToString())
    except OSError as exc:
        logger.warning("cannot write the aligned piper voice to %s (%s); no phoneme timing", target, exc)
        return None
    logger.info("piper voice %s patched for phoneme timing (output %s), cached at %s", model.name, tensor, target)
    return target
