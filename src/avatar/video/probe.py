"""Read a media file back: its streams and duration (parsed from ``ffmpeg -i``), and its frames.

imageio-ffmpeg ships no ffprobe, so stream facts come from the header ffmpeg prints for an input.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from avatar.errors import InputError
from avatar.video.ffmpeg import ffmpeg_exe, tail

_DURATION_RE = re.compile(r"Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)")
_STREAM_RE = re.compile(r"Stream #\d+:\d+(?:\[\w+\])?(?:\([^)]*\))?:\s*(Video|Audio|Subtitle|Data):\s*([\w-]+)(.*)")
_SIZE_RE = re.compile(r"\b(\d{2,5})x(\d{2,5})\b")
_FPS_RE = re.compile(r"([\d.]+)\s*fps")
_RATE_RE = re.compile(r"(\d+)\s*Hz")


@dataclass(frozen=True)
class StreamInfo:
    kind: str  # 'video' | 'audio' | 'subtitle' | 'data'
    codec: str  # 'h264', 'aac', ...
    width: int = 0
    height: int = 0
    fps: float = 0.0
    sample_rate: int = 0


@dataclass(frozen=True)
class MediaInfo:
    duration_s: float
    streams: tuple[StreamInfo, ...]

    def first(self, kind: str) -> StreamInfo | None:
        return next((s for s in self.streams if s.kind == kind), None)


def probe(path: Path) -> MediaInfo:
    """Streams and container duration of a media file; an unreadable file is an InputError."""
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    text = proc.stderr
    streams = []
    for m in _STREAM_RE.finditer(text):
        rest = m.group(3)
        size = _SIZE_RE.search(rest)
        fps = _FPS_RE.search(rest)
        rate = _RATE_RE.search(rest)
        streams.append(
            StreamInfo(
                kind=m.group(1).lower(),
                codec=m.group(2),
                width=int(size.group(1)) if size and m.group(1) == "Video" else 0,
                height=int(size.group(2)) if size and m.group(1) == "Video" else 0,
                fps=float(fps.group(1)) if fps else 0.0,
                sample_rate=int(rate.group(1)) if rate else 0,
            )
        )
    dur = _DURATION_RE.search(text)
    if not streams or dur is None:
        raise InputError(f"{path}: not a readable media file ({tail(text, 2) or 'no streams'})")
    h, m_, s = dur.groups()
    return MediaInfo(int(h) * 3600 + int(m_) * 60 + float(s), tuple(streams))


def frames(path: Path, width: int, height: int, gray: bool = False) -> Iterator[np.ndarray]:
    """Decode a video's frames one at a time (scaled to ``width`` x ``height``), RGB or grey uint8."""
    pix, channels = ("gray", 1) if gray else ("rgb24", 3)
    argv = [
        ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path), "-map", "0:v:0",
        "-vf", f"scale={width}:{height}", "-f", "rawvideo", "-pix_fmt", pix, "pipe:1",
    ]  # fmt: skip
    size = width * height * channels
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    try:
        while True:
            buf = proc.stdout.read(size)
            if len(buf) < size:
                break
            arr = np.frombuffer(buf, dtype=np.uint8)
            yield arr.reshape(height, width) if gray else arr.reshape(height, width, 3)
    finally:
        proc.stdout.close()
        proc.kill()
        proc.wait()
