"""Uploads saved to a temporary file in blocks, with the size limit enforced as they arrive."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fastapi import UploadFile

from avatar.serve.errors import TooLarge

COPY_BLOCK = 1 << 20


async def save_upload(upload: UploadFile, limit_mb: float, suffixes: set[str], param: str) -> tuple[Path, int]:
    """(temporary path, bytes) of ``upload``, its suffix kept when it is one of ``suffixes`` (else ``.bin``).
    Over ``limit_mb`` it is a 413 and nothing is left behind. The caller removes the file."""
    suffix = Path(upload.filename or "").suffix.lower()
    fd, name = tempfile.mkstemp(prefix="avatar-upload-", suffix=suffix if suffix in suffixes else ".bin")
    path, size, limit = Path(name), 0, int(limit_mb * 1024 * 1024)
    try:
        with os.fdopen(fd, "wb") as fh:
            while block := await upload.read(COPY_BLOCK):
                size += len(block)
                if size > limit:
                    raise TooLarge(f"the upload is larger than {limit_mb:g} MB", param=param)
                fh.write(block)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, size
