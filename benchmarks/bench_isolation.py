"""The default pipeline in-process against isolated (every stage in a worker process of its own), side by
side: wall time per stage (imports or the worker's start, load, run, unload, cleanup) and the memory the
process tree held after each stage. Each mode runs in a fresh `avatar run` process, after one warm-up run
that fills the disk cache and the patched-voice cache.

    python benchmarks/bench_isolation.py [--words 60] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

TEXT = "Each stage loads, runs, and gives its memory back before the next one starts. "


def run(text: str, out: Path, env: dict[str, str], isolated: bool) -> dict[str, Any]:
    sets: list[str] = []
    if isolated:
        for stage in ("speech", "finish", "video", "subtitles", "mux"):
            sets += ["--set", f"stages.{stage}.isolate=true"]
    proc = subprocess.run(
        [sys.executable, "-m", "avatar", "run", "--text", text, "--out", str(out), "--json", *sets],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return {s["id"]: s for s in json.loads(proc.stdout)["stages"]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    words = (TEXT * (args.words // len(TEXT.split()) + 1)).split()[: args.words]
    text = " ".join(words)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, AVATAR_STATE_DIR=str(Path(tmp) / "state"))
        run(text, Path(tmp) / "warm", env, False)
        results: dict[bool, list[dict[str, Any]]] = {False: [], True: []}
        for i in range(args.repeat):
            for isolated in (False, True):
                results[isolated].append(run(text, Path(tmp) / f"r{i}{isolated}", env, isolated))
    stage_ids = list(results[False][0])
    print(f"default pipeline, {len(words)} words, median of {args.repeat} runs per mode")
    print(f"{'stage':10s} {'wall s in-proc':>15s} {'wall s isolated':>16s} {'cost s':>7s} {'worker start s':>15s} "
          f"{'held MB in-proc':>16s} {'held MB isolated':>17s}")  # fmt: skip
    for sid in stage_ids:

        def med(mode: bool, key: str, sid: str = sid) -> float:
            return statistics.median(float(r[sid].get(key, 0.0)) for r in results[mode])

        wall_in, wall_iso = med(False, "stage_wall_s"), med(True, "stage_wall_s")
        print(
            f"{sid:10s} {wall_in:15.2f} {wall_iso:16.2f} {wall_iso - wall_in:7.2f} {med(True, 'worker_start_s'):15.2f} "
            f"{med(False, 'memory_after_cleanup_mb'):16.0f} {med(True, 'memory_after_cleanup_mb'):17.0f}"
        )


if __name__ == "__main__":
    main()
