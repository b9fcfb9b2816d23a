"""Audio file I/O. Every read and write of audio in avatar goes through here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import numpy as np
import soundfile as sf

from avatar import atomic
from avatar.errors import InputError

BLOCK_FRAMES = 1 << 16


def info(path: Path) -> tuple[int, int, float]:
    """(sample rate, channels, duration in seconds); unreadable files are an InputError."""
    try:
        i = sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError, OSError) as exc:
        raise InputError(f"{path}: not a readable audio file ({_short(exc)})") from None
    return int(i.samplerate), int(i.channels), float(i.frames) / float(i.samplerate or 1)


def read(path: Path) -> tuple[np.ndarray, int]:
    """Whole file as float32 (frames, channels) or (frames,) for mono. For short files only."""
    try:
        data, sr = sf.read(str(path), dtype="float32", always_2d=False)
    except (sf.LibsndfileError, RuntimeError, OSError) as exc:
        raise InputError(f"{path}: not a readable audio file ({_short(exc)})") from None
    return np.asarray(data, dtype=np.float32), int(sr)


def blocks(path: Path, block_frames: int = BLOCK_FRAMES) -> Iterator[np.ndarray]:
    """Stream a file as mono float32 blocks, so long audio never sits in memory whole."""
    with sf.SoundFile(str(path)) as fh:
        for block in fh.blocks(blocksize=block_frames, dtype="float32", always_2d=True):
            yield block.mean(axis=1) if block.shape[1] > 1 else block[:, 0]


def write(path: Path, samples: np.ndarray, sample_rate: int, subtype: str = "PCM_16") -> None:
    """Write a whole array atomically."""
    with atomic.atomic_path(Path(path)) as tmp:
        sf.write(str(tmp), samples, sample_rate, subtype=subtype, format="WAV")


class StreamWriter:
    """Append mono float32 blocks to a WAV written under a temporary name; renamed on :meth:`commit`."""

    def __init__(self, path: Path, sample_rate: int, subtype: str = "PCM_16") -> None:
        self.path = Path(path)
        self.sample_rate = sample_rate
        self._ctx = atomic.atomic_path(self.path)
        self._tmp = self._ctx.__enter__()
        self._fh = sf.SoundFile(str(self._tmp), "w", samplerate=sample_rate, channels=1, subtype=subtype, format="WAV")
        self.frames = 0

    def write(self, samples: np.ndarray) -> None:
        self._fh.write(np.asarray(samples, dtype=np.float32))
        self.frames += len(samples)
        atomic.check_budget()  # a server's run: what it writes counts against its owner's disk quota

    @property
    def seconds(self) -> float:
        return self.frames / float(self.sample_rate)

    def commit(self) -> None:
        self._fh.close()
        self._ctx.__exit__(None, None, None)

    def abort(self, exc: BaseException | None = None) -> None:
        self._fh.close()
        err = exc or RuntimeError("aborted")
        try:
            self._ctx.__exit__(type(err), err, None)
        except BaseException as raised:
            if raised is not err:
                raise

    def __enter__(self) -> StreamWriter:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        if ev is None:
            self.commit()
        else:
            self.abort(ev)


def _short(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
