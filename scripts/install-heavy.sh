#!/usr/bin/env bash
# Install avatar with the heavy speech backends (qwen3-tts, xtts) into the active Python, on the CPU.
#
#   scripts/install-heavy.sh            # from the repository root or anywhere
#   PYTHON=/path/to/python scripts/install-heavy.sh
#
# Safe to run again: each step checks before it changes anything. No system packages are needed.
# At run time set NUMBA_CACHE_DIR to a writable folder: librosa's numba code otherwise compiles on every
# cold start and writes its cache beside the installed package.
set -euo pipefail

PYTHON=${PYTHON:-python}
PIP=${PIP:-"$PYTHON -m pip"}
TORCH_VERSION=2.13.0
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
reqs="$repo/requirements/heavy.txt"

say() { printf 'install-heavy: %s\n' "$*"; }

# 1. torch first, pinned: anything unpinned later would pull a CUDA build.
have_torch=$($PYTHON -c 'import torch; print(torch.__version__)' 2>/dev/null || true)
if [[ "$have_torch" != "$TORCH_VERSION"* ]]; then
  say "installing torch==$TORCH_VERSION (found: ${have_torch:-none})"
  $PIP install "torch==$TORCH_VERSION"
fi

# 2. avatar itself with the dev tools and both heavy extras, resolved against the pins in heavy.txt.
# The conversation extra goes here too: it needs transformers, which heavy.txt pins for qwen-tts.
say "installing avatar[dev,qwen,xtts,conversation] with $reqs"
$PIP install -q -e "$repo[dev,qwen,xtts,conversation]" -r "$reqs"

# 3. torchaudio: when its compiled extension cannot load (a CUDA build next to a CPU torch), remove it.
#    torchaudio treats a missing extension as "not built" and its pure-Python modules work; a present but
#    unloadable one makes `import torchaudio` fail. Nothing avatar or the two packages use needs it.
if ! $PYTHON -c 'import torchaudio' >/dev/null 2>&1; then
  libdir=$($PYTHON -c 'import importlib.util, pathlib; s = importlib.util.find_spec("torchaudio"); print(pathlib.Path(s.origin).parent / "lib")')
  cuda=$($PYTHON -c 'import torch; print(torch.version.cuda or "")')
  if [[ -n "$cuda" ]]; then
    say "torchaudio does not import next to CUDA torch; install the torchaudio that matches torch $($PYTHON -c 'import torch; print(torch.__version__)')" >&2
    exit 1
  fi
  say "removing torchaudio's compiled extension (built for another torch) from $libdir"
  rm -f "$libdir"/*.so
fi

# 4. Check the result: the pins held and both backends import.
$PYTHON - <<'PY'
import importlib, sys

import torch

if not torch.__version__.startswith("2.13.0"):
    sys.exit(f"install-heavy: torch changed to {torch.__version__}; expected 2.13.0")
for module in ("torchaudio.compliance.kaldi", "torchaudio.functional", "qwen_tts", "TTS.tts.models.xtts"):
    importlib.import_module(module)
print(f"install-heavy: ok (torch {torch.__version__}, qwen_tts and TTS import)")
PY
