"""`avatar --help` start-up time minus a bare `python -c pass` (target <= 0.3 s).

python benchmarks/bench_startup.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def timed(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    bare = timed([sys.executable, "-c", "pass"], args.repeat)
    help_ = timed([sys.executable, "-m", "avatar", "--help"], args.repeat)
    extra = help_ - bare
    print(f"python -c pass      : {bare * 1000:7.1f} ms (median of {args.repeat})")
    print(f"avatar --help       : {help_ * 1000:7.1f} ms")
    print(f"avatar start-up cost: {extra * 1000:7.1f} ms  (target <= 300 ms: {'PASS' if extra <= 0.3 else 'FAIL'})")


if __name__ == "__main__":
    main()
