"""A stored voice: the ``voice.yaml`` schema and the :class:`StoredVoice` backends receive."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from avatar.config.schema import StrictModel
from avatar.config.yamlio import read_yaml, validate
from avatar.errors import ConfigError, InputError
from avatar.voices.names import NAME_RE

if TYPE_CHECKING:
    import numpy as np

VOICE_FILE = "voice.yaml"
LEGACY_VOICE_FILE = "profile.yaml"  # the file's name before 2026-12: read where it is all there is
REFERENCE_FILE = "reference.wav"
EMBEDDING_FILE = "embedding.npy"
CACHE_DIR = "cache"
FORMAT_VERSION = 1
DEFAULT_VOICE_BACKEND = "xtts"
LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")
SHA256_RE = re.compile(r"[0-9a-f]{64}")
# Backends and fingerprints become folder names under cache/; same rule as user and voice names.
CACHE_KEY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
MAX_TRANSCRIPT_CHARS = 5000


def _file_name(value: str) -> str:
    if "/" in value or "\\" in value or value in {"", ".", ".."} or value.startswith("."):
        raise ValueError("must be a plain file name inside the voice folder")
    return value


def _sha256(value: str) -> str:
    if SHA256_RE.fullmatch(value) is None:
        raise ValueError("must be 64 lowercase hex digits")
    return value


class ReferenceDoc(StrictModel):
    file: str = REFERENCE_FILE
    sha256: str
    sample_rate: int = Field(ge=8000, le=192000)
    duration_s: float = Field(gt=0)
    source_name: str = ""  # file name the user gave (for show), never used as a path
    source_sha256: str | None = None

    _file = field_validator("file")(_file_name)
    _sha = field_validator("sha256")(_sha256)


class EmbeddingDoc(StrictModel):
    file: str = EMBEDDING_FILE
    sha256: str
    model: str
    dim: int = Field(ge=1)

    _file = field_validator("file")(_file_name)
    _sha = field_validator("sha256")(_sha256)


class VoiceDoc(StrictModel):
    """``voices/<user>/<voice>/voice.yaml``."""

    format_version: Literal[1] = 1
    user: str
    name: str
    created: datetime
    reference: ReferenceDoc
    embedding: EmbeddingDoc
    transcript: str | None = Field(None, max_length=MAX_TRANSCRIPT_CHARS)
    language: str | None = None
    default_backend: str = DEFAULT_VOICE_BACKEND

    @field_validator("user", "name")
    @classmethod
    def _name(cls, value: str) -> str:
        if NAME_RE.fullmatch(value) is None:
            raise ValueError("must be lowercase letters, digits, '-' and '_' (1-64 characters)")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and LANGUAGE_RE.fullmatch(value) is None:
            raise ValueError("must be a language code such as en, en-US or zh-cn")
        return value


@dataclass(frozen=True)
class StoredVoice:
    """A voice as the backends see it. ``reference_audio`` is mono 16-bit WAV at ``sample_rate``."""

    user: str
    name: str
    dir: Path
    reference_audio: Path
    transcript: str | None
    language: str | None
    duration_s: float
    sample_rate: int
    reference_sha256: str
    embedding_file: Path
    embedding_sha256: str
    embedding_model: str
    created: datetime
    default_backend: str = DEFAULT_VOICE_BACKEND
    format_version: int = FORMAT_VERSION

    @property
    def id(self) -> str:
        return f"{self.user}/{self.name}"

    def cache_dir(self, backend: str, fingerprint: str) -> Path:
        """``cache/<backend>/<fingerprint>/`` (created): a backend's conditioning for one model's weights."""
        for what, key in (("backend", backend), ("fingerprint", fingerprint)):
            if CACHE_KEY_RE.fullmatch(key) is None or ".." in key:
                raise InputError(f"cache {what} {key!r} is not a plain folder name")
        path = self.dir / CACHE_DIR / backend / fingerprint
        path.mkdir(parents=True, exist_ok=True)
        return path

    def embedding(self) -> np.ndarray:
        """The stored speaker embedding (float32, L2-normalised)."""
        import numpy as np

        try:
            return np.asarray(np.load(self.embedding_file, allow_pickle=False), dtype=np.float32)
        except (OSError, ValueError) as exc:
            raise InputError(f"{self.embedding_file}: cannot read the speaker embedding ({exc})") from None

    def verify(self) -> list[str]:
        """Problems found by re-hashing the stored files; empty when the stored is intact."""
        from avatar.atomic import sha256_file

        problems = []
        for path, expected in (
            (self.reference_audio, self.reference_sha256),
            (self.embedding_file, self.embedding_sha256),
        ):
            if not path.is_file():
                problems.append(f"{path.name} is missing")
            elif sha256_file(path) != expected:
                problems.append(f"{path.name} does not match its checksum")
        return problems

    @classmethod
    def from_doc(cls, doc: VoiceDoc, folder: Path) -> StoredVoice:
        return cls(
            user=doc.user,
            name=doc.name,
            dir=folder,
            reference_audio=folder / doc.reference.file,
            transcript=doc.transcript,
            language=doc.language,
            duration_s=doc.reference.duration_s,
            sample_rate=doc.reference.sample_rate,
            reference_sha256=doc.reference.sha256,
            embedding_file=folder / doc.embedding.file,
            embedding_sha256=doc.embedding.sha256,
            embedding_model=doc.embedding.model,
            created=doc.created,
            default_backend=doc.default_backend,
            format_version=doc.format_version,
        )


def voice_file(folder: Path) -> Path:
    """``folder/voice.yaml``, or the ``profile.yaml`` a voice stored before 2026-12 has instead."""
    path = Path(folder) / VOICE_FILE
    legacy = Path(folder) / LEGACY_VOICE_FILE
    return legacy if not path.is_file() and legacy.is_file() else path


def load_voice(folder: Path) -> StoredVoice:
    """Read and validate ``folder/voice.yaml``; errors name the file and the field."""
    path = voice_file(Path(folder))
    doc = validate(VoiceDoc, read_yaml(path), str(path))
    if (doc.user, doc.name) != (folder.parent.name, folder.name):
        raise ConfigError(str(path), f"says {doc.user}/{doc.name} but lives in {folder.parent.name}/{folder.name}")
    return StoredVoice.from_doc(doc, Path(folder))
