"""Atomic file writes: write beside the target under a temporary name, fsync, rename.

The shared writers also count what a server's run writes against its owner's disk quota: the run puts a
:class:`DiskBudget` in force around each stage (:func:`charged_to`, a context variable, so the CLI, which sets
none, writes without limit), and the writers consult it: :func:`atomic_path` before a temporary becomes its
target, streaming writers after each block (:func:`check_budget`), the video encoder per frame and through
ffmpeg's own output limit (``avatar.video.encode``).
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from avatar.errors import DiskQuotaExceeded

logger = logging.getLogger(__name__)

TMP_PREFIX = ".tmp-"


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (symlinks are not followed; temporaries count)."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                st = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            total += st.st_size
    return total


class DiskBudget:
    """The disk one run may still fill: its owner's quota less what the owner holds outside the run folder
    (measured when the budget is made) less what the run folder holds now (measured at every check, so
    temporaries being written count as they grow).

    ``check`` raises :class:`~avatar.errors.DiskQuotaExceeded` once the quota is reached; ``remaining`` is
    what a writer that can cap its own output (ffmpeg's ``-fs``) may still write. ``describe`` names whose
    quota it is and the setting (shown in the error)."""

    def __init__(self, folder: Path, limit_bytes: int, other_bytes: int, describe: str) -> None:
        self.folder = Path(folder)
        self.limit_bytes = int(limit_bytes)
        self.other_bytes = int(other_bytes)
        self.describe = describe
        self.exceeded = False
        self.on_exceeded: Callable[[], None] | None = None

    def used(self) -> int:
        return self.other_bytes + folder_bytes(self.folder)

    def remaining(self) -> int:
        return max(0, self.limit_bytes - self.used())

    def error(self, used: int | None = None) -> DiskQuotaExceeded:
        """The quota error (and the budget marked as exceeded, so its run's files can be removed)."""
        self.exceeded = True
        used = self.used() if used is None else used
        logger.warning("a run reached its disk quota: %.1f of %.1f MB", used / 2**20, self.limit_bytes / 2**20)
        return DiskQuotaExceeded(
            f"the run stopped: its files reached {self.describe} ({used / 2**20:.1f} MB of "
            f"{self.limit_bytes / 2**20:g} MB); its files were removed. Delete runs or voices, or ask for less "
            "(shorter text, a smaller size, fps or quality)"
        )

    def check(self) -> None:
        used = self.used()
        if used >= self.limit_bytes:
            raise self.error(used)


_BUDGET: contextvars.ContextVar[DiskBudget | None] = contextvars.ContextVar("avatar_disk_budget", default=None)


@contextlib.contextmanager
def charged_to(budget: DiskBudget | None) -> Iterator[None]:
    """Writes in this context (this thread) count against ``budget``; None: no limit."""
    token = _BUDGET.set(budget)
    try:
        yield
    finally:
        _BUDGET.reset(token)


def current_budget() -> DiskBudget | None:
    return _BUDGET.get()


def check_budget() -> None:
    """For a writer between two blocks: raise once the budget in force (if any) is spent."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.check()


def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0666 minus the umask); mkstemp uses 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


@contextlib.contextmanager
def atomic_path(target: Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``, on error it is removed.
    Under a :class:`DiskBudget` that the temporary has spent, it is removed and the quota error raised.

    The temporary name keeps the target's suffix so libraries that pick a format by extension still work.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f"{TMP_PREFIX}{target.stem}-", suffix=suffix or target.suffix, dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        check_budget()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_json(target: Path, obj: Any) -> None:
    write_text(target, json.dumps(obj, indent=2, sort_keys=False, default=str) + "\n")


def sha256_file(path: Path, block: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(block):
            h.update(chunk)
    return h.hexdigest()


def temporaries_of(folder: Path, stem: str, suffix: str | None = None) -> list[Path]:
    """The temporaries that killed writes of ``<folder>/<stem><suffix>`` left (:func:`atomic_path`'s names:
    the prefix, the stem, eight random characters, the suffix; None: any suffix)."""
    tail = re.escape(suffix) if suffix is not None else r"(\.[A-Za-z0-9]+)*"
    pattern = re.compile(re.escape(TMP_PREFIX + stem) + r"-[a-z0-9_]{8}" + tail)
    return sorted(p for p in Path(folder).glob(f"{TMP_PREFIX}*") if pattern.fullmatch(p.name) and p.is_file())


@contextlib.contextmanager
def sole_writer(target: Path) -> Iterator[None]:
    """Write ``target`` as its one writer: hold an exclusive lock on its folder (an ``flock``, so across
    processes; every writer of the target takes it) and first remove the temporaries of ``target`` that a
    killed writer left. Seen under the lock, a temporary belongs to no live writer."""
    import fcntl

    target = Path(target)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        for p in temporaries_of(target.parent, target.stem, target.suffix):
            logger.info("removing %s, left by an interrupted write", p)
            p.unlink(missing_ok=True)
        yield
    finally:
        os.close(fd)  # and the lock with it


def leftover_temporaries(folder: Path) -> list[Path]:
    """Temporary files an interrupted write left behind (tests and `batch verify` look for them)."""
    return sorted(p for p in Path(folder).rglob(f"{TMP_PREFIX}*") if p.is_file())
