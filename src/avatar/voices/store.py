"""The voice store: ``<root>/<user>/<voice>/`` folders, written atomically and under a lock.

An add does the slow work (checking and levelling the audio, the embedding) before it touches the
store, builds the whole voice in ``<root>/<user>/.tmp-<voice>-*``, then, holding the voice's lock,
renames that folder into place. Readers therefore see a complete voice or none. Two commands adding the
same voice at once: the first rename wins, the second is told the voice exists. A remove renames the
folder away under the same lock before deleting it.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import yaml

from avatar import atomic
from avatar.audio import io
from avatar.errors import AvatarError, InputError, RunError, UnknownNameError, UsageError
from avatar.voices.names import parse_voice_id, validate_name, validate_user
from avatar.voices.stored import (
    DEFAULT_VOICE_BACKEND,
    EMBEDDING_FILE,
    LANGUAGE_RE,
    MAX_TRANSCRIPT_CHARS,
    REFERENCE_FILE,
    VOICE_FILE,
    EmbeddingDoc,
    ReferenceDoc,
    StoredVoice,
    VoiceDoc,
    load_voice,
    voice_file,
)

if TYPE_CHECKING:
    from avatar.voices import reference
    from avatar.voices.reference import Reference

logger = logging.getLogger(__name__)

DEFAULT_LOCK_TIMEOUT_S = 60.0
TRASH_PREFIX = ".trash-"
# Temporary folders older than this were left by a killed command and are swept on the next write.
STALE_AFTER_S = 3600.0


class VoiceStore:
    """Voices under ``root``. Names are validated, so every path stays inside ``root/<user>/``."""

    def __init__(self, root: Path, lock_timeout_s: float = DEFAULT_LOCK_TIMEOUT_S) -> None:
        self.root = Path(root)
        self.lock_timeout_s = lock_timeout_s

    def user_dir(self, user: str) -> Path:
        return self._inside(self.root, validate_user(user))

    def voice_dir(self, user: str, name: str) -> Path:
        return self._inside(self.user_dir(user), validate_name(name, "voice"))

    @staticmethod
    def _inside(parent: Path, child: str) -> Path:
        # Validation already makes `child` one plain component; this is the belt to those braces.
        path = parent / child
        if path.parent != parent or child in {"", ".", ".."} or os.sep in child:
            raise UsageError(f"'{child}' is not a plain folder name")
        return path

    @contextlib.contextmanager
    def _locked(self, user: str, name: str) -> Iterator[None]:
        from filelock import FileLock, Timeout

        user_dir = self.user_dir(user)
        user_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(user_dir / f".{name}.lock"), timeout=self.lock_timeout_s)
        try:
            with lock:
                yield
        except Timeout:
            raise RunError(
                f"voice {user}/{name} is busy: another avatar command has held it for "
                f"{self.lock_timeout_s:.0f} s; try again when it finishes"
            ) from None

    def exists(self, voice_id: str) -> bool:
        user, name = parse_voice_id(voice_id)
        return voice_file(self.voice_dir(user, name)).is_file()

    def prepare(
        self,
        user: str,
        name: str,
        audio: Path,
        transcript: str | None = None,
        language: str | None = None,
        *,
        default_backend: str = DEFAULT_VOICE_BACKEND,
        replace: bool = False,
        limits: reference.AudioLimits | None = None,
    ) -> Reference:
        """Every check of :meth:`add` that needs no speaker encoder: names, transcript, language, that the
        voice is new, and the recording itself (decoded, trimmed to its speech, levelled to one loudness)."""
        from avatar.voices import reference

        user, name = validate_user(user), validate_name(name, "voice")
        _clean_transcript(transcript)
        _clean_language(language)
        _check_backend(default_backend)
        if not replace and self.exists(f"{user}/{name}"):
            raise UsageError(_exists_message(f"{user}/{name}"))
        return reference.prepare_reference(Path(audio), limits or reference.DEFAULT_LIMITS)

    def add(
        self,
        user: str,
        name: str,
        audio: Path,
        transcript: str | None = None,
        language: str | None = None,
        *,
        default_backend: str = DEFAULT_VOICE_BACKEND,
        replace: bool = False,
        prepared: Reference | None = None,
        limits: reference.AudioLimits | None = None,
    ) -> StoredVoice:
        """Check and level ``audio``, embed it, and store the voice; a refusal stores nothing.
        ``prepared``: what :meth:`prepare` returned for the same arguments (the checks are then not
        repeated), so a server can check an upload before it queues the embedding."""
        from avatar.voices import embedding

        ref = prepared or self.prepare(user, name, audio, transcript, language, default_backend=default_backend,
                                       replace=replace, limits=limits)  # fmt: skip
        user, name = validate_user(user), validate_name(name, "voice")
        vid = f"{user}/{name}"
        transcript = _clean_transcript(transcript)
        language = _clean_language(language)
        audio = Path(audio)
        emb = embedding.speaker_embedding(ref.samples, ref.sample_rate)

        user_dir = self.user_dir(user)
        target = self.voice_dir(user, name)
        user_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f"{atomic.TMP_PREFIX}{name}-", dir=user_dir))
        try:
            io.write(tmp / REFERENCE_FILE, ref.samples, ref.sample_rate)
            with atomic.atomic_path(tmp / EMBEDDING_FILE) as emb_tmp:
                np.save(emb_tmp, emb.astype(np.float32), allow_pickle=False)
            doc = VoiceDoc(
                user=user,
                name=name,
                created=datetime.now(UTC).replace(microsecond=0),
                reference=ReferenceDoc(
                    file=REFERENCE_FILE,
                    sha256=atomic.sha256_file(tmp / REFERENCE_FILE),
                    sample_rate=ref.sample_rate,
                    duration_s=round(ref.duration_s, 3),
                    source_name=audio.name,
                    source_sha256=atomic.sha256_file(audio),
                ),
                embedding=EmbeddingDoc(
                    file=EMBEDDING_FILE,
                    sha256=atomic.sha256_file(tmp / EMBEDDING_FILE),
                    model=embedding.model_name(),
                    dim=int(emb.size),
                ),
                transcript=transcript,
                language=language,
                default_backend=default_backend,
            )
            atomic.write_text(
                tmp / VOICE_FILE,
                yaml.safe_dump(doc.model_dump(mode="json"), sort_keys=False, allow_unicode=True),
            )
            with self._locked(user, name):
                if target.exists():
                    if not replace:
                        raise UsageError(_exists_message(vid))
                    self._discard(target, user_dir, name)
                os.rename(tmp, target)
                _fsync_dir(user_dir)
                self._sweep_stale(user_dir)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        logger.info("added voice %s (%.1f s of speech)", vid, ref.duration_s)
        return load_voice(target)

    def get(self, voice_id: str) -> StoredVoice:
        user, name = parse_voice_id(voice_id)
        folder = self.voice_dir(user, name)
        if not voice_file(folder).is_file():
            raise self._unknown(user, name)
        return load_voice(folder)

    def remove(self, voice_id: str) -> None:
        user, name = parse_voice_id(voice_id)
        if not self.user_dir(user).is_dir():
            raise self._unknown(user, name)
        with self._locked(user, name):
            target = self.voice_dir(user, name)
            if not target.is_dir():
                raise self._unknown(user, name)
            self._discard(target, self.user_dir(user), name)
        logger.info("removed voice %s/%s", user, name)

    def users(self) -> builtins.list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and _is_name(p.name, "user"))

    def list(self, user: str | None = None) -> builtins.list[StoredVoice]:
        """Profiles of ``user`` (or of everyone), sorted by id. A broken stored is logged and skipped."""
        users = [validate_user(user)] if user is not None else self.users()
        found: builtins.list[StoredVoice] = []
        for u in users:
            user_dir = self.user_dir(u)
            if not user_dir.is_dir():
                continue
            for folder in sorted(user_dir.iterdir()):
                if not (folder.is_dir() and _is_name(folder.name, "voice") and voice_file(folder).is_file()):
                    continue
                try:
                    found.append(load_voice(folder))
                except AvatarError as exc:
                    logger.warning("skipping voice %s/%s: %s", u, folder.name, exc)
        return found

    def _unknown(self, user: str, name: str) -> UnknownNameError:
        existing = [p.id for p in self.list(user)]
        hint = f"add it with: avatar voice add {user} {name} --audio FILE"
        if not existing:
            hint = f"user '{user}' has no voices; " + hint
        return UnknownNameError("voice", f"{user}/{name}", existing, hint)

    @staticmethod
    def _discard(target: Path, user_dir: Path, name: str) -> None:
        """Rename away first (atomic), delete after: a crash never leaves a half-deleted stored."""
        trash = user_dir / f"{TRASH_PREFIX}{name}-{uuid.uuid4().hex[:8]}"
        os.rename(target, trash)
        _fsync_dir(user_dir)
        shutil.rmtree(trash, ignore_errors=True)

    @staticmethod
    def _sweep_stale(user_dir: Path) -> None:
        now = time.time()
        for p in user_dir.iterdir():
            if p.is_dir() and p.name.startswith((atomic.TMP_PREFIX, TRASH_PREFIX)):
                with contextlib.suppress(OSError):
                    if now - p.stat().st_mtime > STALE_AFTER_S:
                        shutil.rmtree(p, ignore_errors=True)
                        logger.info("removed stale %s", p)


def _is_name(text: str, kind: str) -> bool:
    try:
        return validate_name(text, kind) == text
    except UsageError:
        return False


def _exists_message(vid: str) -> str:
    return f"voice {vid} already exists; remove it first with: avatar voice remove {vid}"


def _clean_transcript(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    text = " ".join(text.split())
    if len(text) > MAX_TRANSCRIPT_CHARS:
        raise InputError(f"the transcript has {len(text)} characters; at most {MAX_TRANSCRIPT_CHARS} are allowed")
    return text


def _clean_language(language: str | None) -> str | None:
    if language is None or not language.strip():
        return None
    language = language.strip()
    if LANGUAGE_RE.fullmatch(language) is None:
        raise UsageError(f"language {language!r} is not valid; use a code such as en, en-US or zh-cn")
    return language


def _check_backend(name: str) -> None:
    from avatar.plugins import BACKENDS_GROUP, declaring

    cloning = declaring(BACKENDS_GROUP, "supports_cloning")  # backends sit above voices: asked, not imported
    if name not in cloning:
        raise UnknownNameError("voice-cloning backend", name, cloning)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
