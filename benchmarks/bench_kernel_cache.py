"""oneDNN's kernel cache (`ONEDNN_PRIMITIVE_CACHE_CAPACITY`) for the two libraries here that read it:
CTranslate2 (faster-whisper, the recogniser) and torch. For each size, in a process of its own:

- the recogniser (`kernel_cache`): espeak-ng speech cut to ``--lengths`` lengths, each heard in turn, as a
  conversation's questions come, ``--rounds`` times; the median time to hear one after the first round, and
  the growth of glibc's heap in use (after `malloc_trim`) from the fifth stretch to the end;
- torch: a stack of 120 one-dimensional convolutions of different shapes (a vocoder has about as many), the
  mean time of a pass after the first.

    python benchmarks/bench_kernel_cache.py [--sizes 1024,64,16,0] [--lengths 20] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from heap_helpers import child_env

RECOGNISER = """
import json, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np, soundfile, soxr
from avatar.listening.whisper import FasterWhisperBackend
from heap_helpers import heap_in_use_mb
size, lengths, rounds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
wav = Path(tempfile.mkdtemp()) / "speech.wav"
text = "How many legs does a spider have, and what colour is the sky on a clear day?"
subprocess.run([shutil.which("espeak-ng"), "-s", "160", "-w", str(wav), text], check=True)
samples, rate = soundfile.read(str(wav), dtype="float32")
audio = soxr.resample(samples, rate, 16000).astype(np.float32)
recogniser = FasterWhisperBackend(kernel_cache=size)
recogniser.load()
times, marks = [], []
for r in range(rounds):
    for i in range(lengths):
        t = time.perf_counter()
        recogniser.transcribe(audio[: 8000 + i * len(audio) // lengths])
        times.append(time.perf_counter() - t)
        if r == 0 and i == 4:
            marks.append(heap_in_use_mb())
marks.append(heap_in_use_mb())
print(json.dumps({"median_ms": 1000 * statistics.median(times[lengths:]), "growth_mb": marks[1] - marks[0]}))
"""

CONVOLUTIONS = """
import json, time, torch
torch.set_num_threads(2)
torch.manual_seed(0)
layers = []
for i in range(120):
    k, d, c = 3 + 2 * (i % 4), 1 + (i % 3) * 2, 32 + (i % 5) * 8
    layers.append(torch.nn.Conv1d(c, c, k, dilation=d, padding=d * (k - 1) // 2))
x = {c: torch.randn(1, c, 4000) for c in (32, 40, 48, 56, 64)}
def run():
    with torch.no_grad():
        for layer in layers:
            layer(x[layer.in_channels])
run()
t = time.perf_counter()
for _ in range(10):
    run()
print(json.dumps({"pass_ms": (time.perf_counter() - t) / 10 * 1000}))
"""


def child(code: str, size: int, *args: str) -> dict[str, float]:
    # torch reads the variable; the recogniser takes its kernel_cache option
    env = child_env() if code is RECOGNISER else child_env(ONEDNN_PRIMITIVE_CACHE_CAPACITY=str(size))
    out = subprocess.run([sys.executable, "-c", code, str(size), *args], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1024,64,16,0")
    ap.add_argument("--lengths", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    for size in (int(s) for s in args.sizes.split(",")):
        heard = child(RECOGNISER, size, str(args.lengths), str(args.rounds))
        convolved = child(CONVOLUTIONS, size)
        print(
            f"{size:>5} kernels: recogniser {heard['median_ms']:.0f} ms a stretch (median), heap +"
            f"{heard['growth_mb']:.1f} MB over {args.lengths * args.rounds - 5} stretches; torch, 120 "
            f"convolutions {convolved['pass_ms']:.0f} ms a pass"
        )


if __name__ == "__main__":
    main()
