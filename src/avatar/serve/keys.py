"""API keys for `avatar serve`: ``<state>/serve/keys.json`` holds, per key, its id, user, admin flag and
the SHA-256 of the key, never the key. Written atomically under a file lock; read on each check (a small
file, cached by its modification time), so ``avatar serve keys revoke`` takes effect on a running server.

A key is ``av-<id>-<secret>``: the id (8 hex) names it in lists and revocations, the secret is 32 random
bytes. Keys are compared by hash in constant time.
"""

from __future__ import annotations

import builtins
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from avatar import atomic
from avatar.errors import UnknownNameError, UsageError
from avatar.voices.names import validate_user

KEY_PREFIX = "av-"


@dataclass(frozen=True)
class KeyRecord:
    id: str
    user: str
    admin: bool
    created: str
    sha256: str

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "user": self.user, "admin": self.admin, "created": self.created}


def default_path() -> Path:
    from avatar.paths import state_dir

    return state_dir() / "serve" / "keys.json"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class KeyStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self._cache: tuple[int, int, list[KeyRecord]] | None = None
        self._mutex = threading.Lock()

    def _lock(self) -> Any:
        from filelock import FileLock

        self.path.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.path.with_suffix(".lock")), timeout=30)

    def _read(self) -> list[KeyRecord]:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return []
        with self._mutex:
            if self._cache and self._cache[:2] == (st.st_mtime_ns, st.st_size):
                return self._cache[2]
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            records = [KeyRecord(**item) for item in data.get("keys", [])]
        except (OSError, ValueError, TypeError) as exc:
            raise UsageError(f"the key file {self.path} is unreadable ({exc}); fix or remove it") from None
        with self._mutex:
            self._cache = (st.st_mtime_ns, st.st_size, records)
        return records

    def _write(self, records: list[KeyRecord]) -> None:
        atomic.write_json(self.path, {"keys": [r.__dict__ for r in records]})
        os.chmod(self.path, 0o600)

    def list(self) -> list[KeyRecord]:
        return list(self._read())

    def any(self) -> bool:
        return bool(self._read())

    def add(self, user: str, admin: bool = False) -> tuple[str, KeyRecord]:
        """A new key for ``user``: (the key, shown once; its record)."""
        user = validate_user(user)
        with self._lock():
            records = self._read()
            known = {r.id for r in records}
            kid = secrets.token_hex(4)
            while kid in known:
                kid = secrets.token_hex(4)
            key = f"{KEY_PREFIX}{kid}-{secrets.token_urlsafe(32)}"
            created = datetime.now(UTC).replace(microsecond=0).isoformat()
            record = KeyRecord(id=kid, user=user, admin=admin, created=created, sha256=_hash(key))
            self._write([*records, record])
        return key, record

    def revoke(self, key_id_or_user: str) -> builtins.list[KeyRecord]:
        """Revoke one key (by id) or every key of a user; the revoked records."""
        with self._lock():
            records = self._read()
            gone = [r for r in records if key_id_or_user in (r.id, r.user)]
            if not gone:
                raise UnknownNameError("key or user", key_id_or_user, [r.id for r in records])
            self._write([r for r in records if r not in gone])
        return gone

    def check(self, key: str) -> KeyRecord | None:
        """The record of ``key``, or None."""
        digest = _hash(key)
        found = None
        for r in self._read():
            if hmac.compare_digest(r.sha256, digest):
                found = r
        return found
