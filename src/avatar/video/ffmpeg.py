"""The ffmpeg binary: where it is (imageio-ffmpeg's static build), what it can do, and running it."""

from __future__ import annotations

import functools
import logging
import subprocess
from collections.abc import Sequence
from pathlib import Path

from avatar.errors import MissingDependencyError, StageError

logger = logging.getLogger(__name__)

LOG_TAIL_LINES = 12


def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary that imageio-ffmpeg ships (no system ffmpeg needed)."""
    try:
        import imageio_ffmpeg
    except ImportError:
        raise MissingDependencyError("imageio-ffmpeg", purpose="video encoding") from None
    return str(imageio_ffmpeg.get_ffmpeg_exe())


@functools.cache
def has_filter(name: str) -> bool:
    """Whether this ffmpeg build has a filter (``subtitles`` needs libass)."""
    out = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-filters"], capture_output=True, text=True, check=False, timeout=60
    ).stdout
    return any(len(parts) >= 2 and parts[1] == name for parts in (line.split() for line in out.splitlines()))


@functools.cache
def has_encoder(name: str) -> bool:
    out = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-encoders"], capture_output=True, text=True, check=False, timeout=60
    ).stdout
    return any(len(parts) >= 2 and parts[1] == name for parts in (line.split() for line in out.splitlines()))


def tail(text: str, lines: int = LOG_TAIL_LINES) -> str:
    """The last non-empty lines of a log, joined into one line for a one-line error message."""
    kept = [ln.strip() for ln in text.splitlines() if ln.strip()][-lines:]
    return " | ".join(kept)


def run(args: Sequence[str | Path], stage_id: str, what: str, timeout_s: float = 3600.0) -> None:
    """Run ffmpeg with ``args`` (no shell); a failure is a StageError carrying the tail of its log."""
    argv = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *map(str, args)]
    logger.debug("ffmpeg: %s", argv)
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise StageError(stage_id, f"ffmpeg ({what}) took longer than {timeout_s:.0f} s") from None
    if proc.returncode != 0:
        raise StageError(stage_id, f"ffmpeg ({what}) failed with exit code {proc.returncode}: {tail(proc.stderr)}")
