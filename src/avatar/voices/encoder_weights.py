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

import os
import sys
from pathlib import Path

from avatar.wheel_files import WheelFile

SHA256 = "39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e"
WEIGHTS = WheelFile(
    "resemblyzer==0.1.4", "resemblyzer/pretrained.pt", SHA256, "ge2e-resemblyzer-0.1.4.pt",
    "the speaker encoder's weights",
)  # fmt: skip
MODEL_NAME = "resemblyzer-0.1.4/pretrained.pt"  # recorded in each stored voice, so encoders are never mixed up
ENV_WEIGHTS = "AVATAR_ENCODER_WEIGHTS"
INSTALL_COMMAND = "python -m avatar.voices.encoder_weights"
default_path = WEIGHTS.default_path
install = WEIGHTS.install


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


if __name__ == "__main__":
    sys.exit(WEIGHTS.main())
