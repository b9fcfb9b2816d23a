"""The decode boundary: what a caller hands over reaches a decoder only as one of a few plain media
containers, identified by its own first bytes, and decoded from those bytes alone.

Decoders are general: ffmpeg's format probing accepts playlists (ffconcat, HLS, DASH manifests) whose entries
name other files and URLs, so an "m4a" that is really an ffconcat script makes ffmpeg read another user's
recording. The boundary therefore decides the container before any decoder runs, and only from magic bytes:

- :func:`identify` reads the first bytes and matches them against :data:`AUDIO` or :data:`IMAGE`, the
  allow-lists. A file name's suffix is never consulted. Anything else is refused with one line that says
  only that the file is not a supported recording or image: nothing about any other file, nothing ffmpeg
  said.
- :func:`ffmpeg_input` is how ffmpeg is given such a file: the demuxer forced (no probing, so no playlist,
  manifest or concat demuxer can be chosen), the file handed over as ffmpeg's standard input (``fd:``,
  seekable, so an MP4 whose index sits at its end still decodes), and ``-protocol_whitelist fd``, so a
  reference inside the container to any other file or URL cannot be opened. MOV's external data
  references stay off (``-enable_drefs 0``). ffmpeg runs with a bare environment (:func:`decoder_env`), so
  the dynamic loader looks for its libraries in the system's folders only, never in a folder an imported
  package put on ``LD_LIBRARY_PATH``.
- Images are decoded by Pillow restricted to the identified format, then by OpenCV from the bytes in memory.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from avatar.errors import InputError

SNIFF_BYTES = 4096  # enough for an ID3v2 header's size, a Matroska DocType and any of the others


class Kind(str, enum.Enum):
    AUDIO = "audio"
    IMAGE = "image"


@dataclass(frozen=True)
class Container:
    """A container the boundary accepts: its name, the ffmpeg demuxer forced for it (audio), and whether
    libsndfile reads it directly (then ffmpeg is not needed at all)."""

    name: str
    kind: Kind
    demuxer: str | None = None
    libsndfile: bool = False
    pillow: str | None = None  # Pillow's format name (images)


WAV = Container("WAV", Kind.AUDIO, "wav", libsndfile=True)
FLAC = Container("FLAC", Kind.AUDIO, "flac", libsndfile=True)
OGG = Container("OGG", Kind.AUDIO, "ogg", libsndfile=True)  # Vorbis or Opus
MP3 = Container("MP3", Kind.AUDIO, "mp3", libsndfile=True)
WEBM = Container("WEBM", Kind.AUDIO, "matroska")  # WebM and Matroska audio (browsers' MediaRecorder)
MP4 = Container("MP4", Kind.AUDIO, "mov")  # MP4, M4A (phones' voice memos), 3GP
PNG = Container("PNG", Kind.IMAGE, pillow="PNG")
JPEG = Container("JPEG", Kind.IMAGE, pillow="JPEG")
WEBP = Container("WEBP", Kind.IMAGE, pillow="WEBP")
BMP = Container("BMP", Kind.IMAGE, pillow="BMP")
AUDIO = (WAV, FLAC, OGG, MP3, WEBM, MP4)
IMAGE = (PNG, JPEG, WEBP, BMP)
AUDIO_TEXT = "WAV, FLAC, OGG/Opus, MP3, M4A/MP4 or WebM"
IMAGE_TEXT = "PNG, JPEG, WebP or BMP"


def _id3_end(head: bytes) -> int:
    """The offset after an ID3v2 tag at the start of ``head`` (0 without one)."""
    if len(head) < 10 or head[:3] != b"ID3":
        return 0
    size = head[6:10]
    if any(b & 0x80 for b in size):
        return -1  # not a syncsafe size: not a real tag
    n = (size[0] << 21) | (size[1] << 14) | (size[2] << 7) | size[3]
    return 10 + n + (10 if head[5] & 0x10 else 0)


def _mpeg_audio_frame(head: bytes, at: int) -> bool:
    """An MPEG audio frame header (layer I-III) at ``at``: 11 sync bits, a valid version, layer, bitrate and
    sample rate. ADTS AAC shares the sync word but has layer 0, so it does not pass."""
    if len(head) < at + 4:
        return False
    b1, b2 = head[at + 1], head[at + 2]
    if head[at] != 0xFF or b1 & 0xE0 != 0xE0:
        return False
    version, layer = (b1 >> 3) & 3, (b1 >> 1) & 3
    bitrate, rate = (b2 >> 4) & 0xF, (b2 >> 2) & 3
    return version != 1 and layer != 0 and bitrate not in (0, 0xF) and rate != 3


def sniff(head: bytes) -> Container | None:
    """The allowed container whose signature ``head`` (a file's first bytes) starts with, or None."""
    if len(head) >= 12 and head[:4] in (b"RIFF", b"RF64", b"BW64"):
        form = head[8:12]
        if form == b"WAVE":
            return WAV
        if form == b"WEBP" and head[:4] == b"RIFF":
            return WEBP
        return None
    if head[:4] == b"fLaC":
        return FLAC
    if head[:4] == b"OggS":
        return OGG
    if head[:4] == b"\x1a\x45\xdf\xa3":
        # EBML: the DocType element (0x4282, a one-byte size) says Matroska/WebM or some other EBML document
        at = head.find(b"\x42\x82", 4, 64)
        if at < 0 or at + 3 > len(head) or not head[at + 2] & 0x80:
            return None
        size = head[at + 2] & 0x7F
        return WEBM if head[at + 3 : at + 3 + size] in (b"webm", b"matroska") else None
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return MP4
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return PNG
    if head[:3] == b"\xff\xd8\xff":
        return JPEG
    if head[:2] == b"BM" and len(head) >= 26:
        return BMP
    end = _id3_end(head)
    if end > 0:
        if head[end : end + 4] == b"fLaC":
            return FLAC
        # a tag larger than the sniffed bytes is trusted to be followed by MP3 frames: both decoders
        # check the frames themselves
        return MP3 if end >= len(head) - 4 or _mpeg_audio_frame(head, end) else None
    if end == 0 and _mpeg_audio_frame(head, 0):
        return MP3
    return None


def read_head(source: Path | IO[bytes] | bytes) -> bytes:
    """The first :data:`SNIFF_BYTES` of a path, an open binary file (its position kept) or bytes."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source[:SNIFF_BYTES])
    if isinstance(source, Path | str):
        with open(source, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    pos = source.tell()
    try:
        return source.read(SNIFF_BYTES)
    finally:
        source.seek(pos)


def identify(source: Path | IO[bytes] | bytes, kind: Kind, shown: str) -> Container:
    """The allowed container of ``source``, judged from its first bytes alone; anything else is an
    InputError naming ``shown`` (the caller's own name for the file) and the accepted formats, nothing more."""
    try:
        head = read_head(source)
    except OSError:
        head = b""
    found = sniff(head)
    if found is None or found.kind is not kind:
        if kind is Kind.AUDIO:
            raise InputError(f"{shown} is not a supported recording; use {AUDIO_TEXT}")
        raise InputError(f"{shown} is not a supported image; use {IMAGE_TEXT}")
    return found


# What of this process's environment a decoder of a caller's file keeps: where programs are, the locale, the zone.
# Nothing else reaches it: not LD_LIBRARY_PATH (OpenCV's loader prepends its own folder there for subprocesses,
# and the dynamic loader would search it and its CPU-specific subfolders), not LD_PRELOAD, proxies or keys.
_DECODER_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")


def decoder_env() -> dict[str, str]:
    """The environment ffmpeg decodes a caller's file in: :data:`_DECODER_ENV`, as this process has them."""
    return {name: os.environ[name] for name in _DECODER_ENV if name in os.environ}


def ffmpeg_input(container: Container) -> list[str]:
    """ffmpeg's input options for a file of ``container`` given on its standard input: the demuxer forced,
    only the ``fd`` protocol allowed (no file, URL, concat or subfile), external references off."""
    if container.demuxer is None:
        raise ValueError(f"{container.name} is not decoded by ffmpeg")
    extra = ["-enable_drefs", "0", "-use_absolute_path", "0"] if container.demuxer == "mov" else []
    return ["-protocol_whitelist", "fd", "-f", container.demuxer, *extra, "-i", "fd:"]
