"""Stream raw RGB frames into ffmpeg's stdin: one frame in memory at a time, whatever the length."""

from __future__ import annotations

import collections
import logging
import subprocess
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

import numpy as np

from avatar.errors import StageError
from avatar.video.ffmpeg import ffmpeg_exe, tail

logger = logging.getLogger(__name__)

DEFAULT_CRF = 20
DEFAULT_PRESET = "veryfast"
STDERR_KEEP_LINES = 200


class FrameWriter:
    """H.264 (yuv420p, +faststart) MP4 writer fed through a pipe. Use as a context manager.

    On an exception inside the ``with`` block ffmpeg is killed and the caller's temporary file is left to
    its atomic-write context to remove; the writer never renames anything itself.
    """

    def __init__(
        self,
        path: Path,
        width: int,
        height: int,
        fps: int,
        stage_id: str,
        crf: int = DEFAULT_CRF,
        preset: str = DEFAULT_PRESET,
    ) -> None:
        if width % 2 or height % 2:
            raise ValueError(f"H.264 in yuv420p needs even sizes, got {width}x{height}")
        self.path = Path(path)
        self.width, self.height, self.fps = width, height, fps
        self.stage_id = stage_id
        self.frames = 0
        self._frame_bytes = width * height * 3
        self._argv = [
            ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(fps), "-i", "pipe:0",
            "-an", "-c:v", "libx264", "-preset", preset, "-crf", str(crf), "-pix_fmt", "yuv420p",
            "-movflags", "+faststart", "-f", "mp4", str(self.path),
        ]  # fmt: skip
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=STDERR_KEEP_LINES)
        self._drain: threading.Thread | None = None

    def __enter__(self) -> FrameWriter:
        logger.debug("ffmpeg encoder: %s", self._argv)
        self._proc = subprocess.Popen(self._argv, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        assert self._proc.stderr is not None
        self._drain = threading.Thread(target=self._read_stderr, args=(self._proc.stderr,), daemon=True)
        self._drain.start()
        return self

    def _read_stderr(self, stream: IO[bytes]) -> None:
        # Drained on a thread so a chatty ffmpeg can never block on a full pipe while we block on stdin.
        for raw in iter(stream.readline, b""):
            self._stderr.append(raw.decode("utf-8", "replace"))

    def write(self, frame: np.ndarray) -> None:
        if frame.shape != (self.height, self.width, 3) or frame.dtype != np.uint8:
            raise ValueError(f"frame must be uint8 {self.height}x{self.width}x3, got {frame.dtype} {frame.shape}")
        assert self._proc is not None and self._proc.stdin is not None, "use FrameWriter as a context manager"
        try:
            self._proc.stdin.write(np.ascontiguousarray(frame).data)
        except (BrokenPipeError, OSError):
            self._proc.wait()
            raise StageError(self.stage_id, f"the video encoder stopped: {self._log_tail()}") from None
        self.frames += 1

    def _log_tail(self) -> str:
        if self._drain is not None:
            self._drain.join(timeout=5)
        code = self._proc.returncode if self._proc is not None else None
        return tail("".join(self._stderr)) or f"ffmpeg exited with code {code}"

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        proc = self._proc
        if proc is None:
            return
        if ev is not None:
            proc.kill()
            proc.wait()
            if proc.stdin is not None:
                try:
                    proc.stdin.close()
                except OSError:
                    pass
            return
        assert proc.stdin is not None
        try:
            proc.stdin.close()
        except OSError:
            pass
        code = proc.wait()
        if code != 0:
            raise StageError(self.stage_id, f"the video encoder failed (exit code {code}): {self._log_tail()}")
        if self._drain is not None:
            self._drain.join(timeout=5)
