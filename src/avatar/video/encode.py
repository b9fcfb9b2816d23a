"""Stream raw RGB frames into ffmpeg's stdin: one frame in memory at a time, whatever the length.

Under a disk budget (a server's run, :class:`avatar.atomic.DiskBudget`) the encoder's output is capped at
what the budget had left when the encoder started: a watcher thread reads the output's size every
:data:`WATCH_S` and kills ffmpeg when it reaches the cap (so ffmpeg does not flush its lookahead frames past
it), and ffmpeg's own ``-fs`` at the same cap is the backstop. A run that reaches its owner's quota so stops
within what the encoder writes in one watch interval.
"""

from __future__ import annotations

import collections
import logging
import subprocess
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

import numpy as np

from avatar import atomic
from avatar.errors import DiskQuotaExceeded, StageError
from avatar.video.ffmpeg import ffmpeg_exe, tail

logger = logging.getLogger(__name__)

DEFAULT_CRF = 20
DEFAULT_PRESET = "veryfast"
STDERR_KEEP_LINES = 200
PIPE_MAX = 1 << 20  # the pipe to ffmpeg is widened to a frame, at most this (Linux's default limit)
WATCH_S = 0.02  # how often the output's size is read under a disk budget


def size_limit() -> list[str]:
    """ffmpeg output options that cap one output file at what the disk budget in force has left (none
    without a budget); a run whose budget is spent stops here, before ffmpeg starts."""
    budget = atomic.current_budget()
    if budget is None:
        return []
    left = budget.remaining()
    if left <= 0:
        raise budget.error()
    return ["-fs", str(left)]


def _widen_pipe(fd: int, frame_bytes: int) -> None:
    """Room for a whole frame (up to :data:`PIPE_MAX`) in the pipe to ffmpeg, where the system allows it
    (Linux): a 512 px frame then goes in with one write instead of a dozen 64 KiB handovers between the
    renderer and the encoder. Anywhere else, or past the system's limit, the pipe stays as it is."""
    try:
        import fcntl

        setsize = getattr(fcntl, "F_SETPIPE_SZ", None)
        if setsize is None:
            return
        fcntl.fcntl(fd, setsize, min(frame_bytes, PIPE_MAX))
    except (ImportError, OSError):
        return


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
        self._budget = atomic.current_budget()
        cap = size_limit()
        self._cap = int(cap[1]) if cap else None
        self._argv = [
            ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(fps), "-i", "pipe:0",
            "-an", "-c:v", "libx264", "-preset", preset, "-crf", str(crf), "-pix_fmt", "yuv420p",
            "-movflags", "+faststart", *cap, "-f", "mp4", str(self.path),
        ]  # fmt: skip
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=STDERR_KEEP_LINES)
        self._drain: threading.Thread | None = None
        self._watch: threading.Thread | None = None
        self._done = threading.Event()
        self._over = False

    def __enter__(self) -> FrameWriter:
        logger.debug("ffmpeg encoder: %s", self._argv)
        self._proc = subprocess.Popen(self._argv, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        assert self._proc.stderr is not None and self._proc.stdin is not None
        _widen_pipe(self._proc.stdin.fileno(), self._frame_bytes)
        self._drain = threading.Thread(target=self._read_stderr, args=(self._proc.stderr,), daemon=True)
        self._drain.start()
        if self._cap is not None:
            self._watch = threading.Thread(target=self._watch_size, args=(self._proc, self._cap), daemon=True)
            self._watch.start()
        return self

    def _watch_size(self, proc: subprocess.Popen[bytes], cap: int) -> None:
        """Kill the encoder when its output reaches the budget's cap (before it can flush past it)."""
        while not self._done.wait(WATCH_S) and proc.poll() is None:
            try:
                size = self.path.stat().st_size
            except OSError:
                continue
            if size >= cap:
                self._over = True
                proc.kill()
                return

    def _read_stderr(self, stream: IO[bytes]) -> None:
        # Drained on a thread so a chatty ffmpeg can never block on a full pipe while we block on stdin.
        for raw in iter(stream.readline, b""):
            self._stderr.append(raw.decode("utf-8", "replace"))

    def write(self, frame: np.ndarray) -> None:
        if frame.shape != (self.height, self.width, 3) or frame.dtype != np.uint8:
            raise ValueError(f"frame must be uint8 {self.height}x{self.width}x3, got {frame.dtype} {frame.shape}")
        assert self._proc is not None and self._proc.stdin is not None, "use FrameWriter as a context manager"
        self._check_budget()
        try:
            self._proc.stdin.write(np.ascontiguousarray(frame).data)
        except (BrokenPipeError, OSError):
            self._proc.wait()
            self._check_budget()  # ffmpeg stopped at its -fs cap: the quota, not a failure of the encoder
            raise StageError(self.stage_id, f"the video encoder stopped: {self._log_tail()}") from None
        self.frames += 1

    def _check_budget(self) -> None:
        """The output so far against what the budget had left (the watcher kills ffmpeg there, and ffmpeg's
        ``-fs`` stops it there, dropping every later frame: reaching it is the quota's end)."""
        if self._budget is None or self._cap is None:
            return
        try:
            size = self.path.stat().st_size
        except OSError:
            size = 0
        if self._over or size >= self._cap:
            raise self._budget.error()

    def _stop_watching(self) -> None:
        self._done.set()
        if self._watch is not None:
            self._watch.join(timeout=5)

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
            self._stop_watching()
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
        code = proc.wait()  # the watcher still watches ffmpeg's last frames and its index
        self._stop_watching()
        try:
            self._check_budget()  # the frames that went in after the cap were dropped
        except DiskQuotaExceeded:
            self.path.unlink(missing_ok=True)
            raise
        if code != 0:
            raise StageError(self.stage_id, f"the video encoder failed (exit code {code}): {self._log_tail()}")
        if self._drain is not None:
            self._drain.join(timeout=5)
