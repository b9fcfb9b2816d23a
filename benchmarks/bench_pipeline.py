"""Wall time of the default pipeline end to end (text -> speech -> finished audio -> talking head ->
subtitles -> MP4), by stage, from a fresh `avatar run` process.

    python benchmarks/bench_pipeline.py [--words 150]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Welcome back to the channel.",
    "Today we look at how a single graphics card can run a whole avatar pipeline, one model at a time.",
    "Each stage loads, runs, and gives its memory back before the next one starts.",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=150)
    args = ap.parse_args()
    words: list[str] = []
    i = 0
    while len(words) < args.words:
        words += SENTENCES[i % len(SENTENCES)].split()
        i += 1
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, AVATAR_STATE_DIR=str(Path(tmp) / "state"))
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "avatar", "run", "--text", " ".join(words), "--out", tmp, "--json"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        wall = time.perf_counter() - t0
    m = json.loads(proc.stdout)
    audio = next(s for s in m["stages"] if s["id"] == "speech")["metrics"]["audio_seconds"]
    print(f"default pipeline, {len(words)} words -> {audio:.1f} s of speech and video ({m['profile']['name']} profile)")
    print(f"{'stage':10s} {'load s':>7s} {'run s':>7s} {'+peak MB':>9s}")
    for s in m["stages"]:
        print(f"{s['id']:10s} {s.get('load_s', 0):7.2f} {s.get('run_s', 0):7.2f} {s.get('peak_delta_mb', 0):9.0f}")
    print(f"runner total {m['wall_s']:.2f} s; process wall time {wall:.2f} s (interpreter start and imports included)")


if __name__ == "__main__":
    main()
