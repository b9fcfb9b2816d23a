#!/usr/bin/env bash
# Everything the test suite needs beyond `pip install -e .[dev]`: the heavy backends (qwen-tts, coqui-tts)
# on the CPU torch, and the system packages some tests use. Safe to run again.
set -euo pipefail
PIP=${PIP:-python -m pip}
here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$here/install-heavy.sh" ] || [ -f "$here/install-heavy.sh" ]; then
  PIP="$PIP" bash "$here/install-heavy.sh"
fi
